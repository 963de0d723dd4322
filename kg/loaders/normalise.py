"""One deterministic text normalisation shared by every loader.

Every span the extractor records is an offset into the output of ``normalise``, so it must be
a pure function of its input and idempotent (``normalise(normalise(t)) == normalise(t)``).
Curly quotes and dashes are kept: later rules match them, and replacing them would hide what
the letter actually printed.
"""

from __future__ import annotations

import re
import unicodedata

# Characters that end a line in some source (old Mac files, Word's vertical tab, PDF form feeds).
_LINE_BREAKS = re.compile(r"\r\n|[\r\u2028\u2029\x85\x0b\x0c]")
# Invisible characters that only split words: zero-width space/joiners, word joiner, BOM,
# soft hyphen, Mongolian vowel separator.
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e]")
# Remaining C0/C1 control characters (tab and newline are text).
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\x80-\x84\x86-\x9f]")
# Unicode spaces: NBSP, ogham, en/em/thin/hair spaces, narrow NBSP, maths space, ideographic.
_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_LINE_BREAK_CHARS = re.compile(r"[\r\u2028\u2029\x85\x0b\x0c]")
_MANY_BLANKS = re.compile(r"\n{4,}")


def normalise(text: str) -> str:
    """Return ``text`` with uniform line ends and spaces, invisible characters removed,
    trailing spaces stripped, at most two blank lines in a row, and no blank lines at the ends.
    """
    if _LINE_BREAK_CHARS.search(text):  # most text has "\n" only: skip the slower pattern
        text = _LINE_BREAKS.sub("\n", text)
    text = _INVISIBLE.sub("", text)
    text = _CONTROLS.sub("", text)
    text = _SPACES.sub(" ", text)
    # NFC after removals: dropping a zero-width char can bring a letter and its accent together,
    # and Welsh letters (ŵ, ŷ) arrive both composed and decomposed.
    text = unicodedata.normalize("NFC", text)
    # Line by line rather than _TRAILING.sub: the same result, several times faster.
    text = "\n".join(line.rstrip(" \t") for line in text.split("\n"))
    if "\n\n\n\n" in text:
        text = _MANY_BLANKS.sub("\n\n\n", text)
    return text.strip("\n")
