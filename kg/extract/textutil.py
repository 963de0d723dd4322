"""Small text helpers shared by the structure steps: lines with offsets, cleaning, keys.

Every step works on the full normalised text and a ``(start, end)`` region so that offsets
stay valid: nothing here cuts or rewrites the text the spans point into.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from typing import NamedTuple

Span = tuple[int, int]


class Line(NamedTuple):
    """One line of the text: ``text[start:end]`` (without its newline). A named tuple, not
    a dataclass: letters are read line by line many times, and tuples are made fastest."""

    start: int
    end: int
    text: str

    @property
    def stripped(self) -> str:
        return self.text.strip()

    @property
    def blank(self) -> bool:
        return not self.text or self.text.isspace()


def _split_lines(text: str, start: int, end: int) -> list[Line]:
    out: list[Line] = []
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        out.append(Line(pos, stop, text[pos:stop]))
        pos = stop + 1
    return out


_line_cache: dict[int, tuple[str, list[int], list[Line]]] = {}


def lines(text: str, start: int = 0, end: int | None = None) -> list[Line]:
    """The lines of ``text[start:end]`` with absolute offsets.

    The steps read the same letter's lines many times over overlapping ranges, so the lines
    of the whole text are split once (the last few texts are cached) and a range is a slice
    of them, its first and last line cut to the range.
    """
    end = len(text) if end is None else min(end, len(text))
    if end - start < 400:
        return _split_lines(text, start, end)
    hit = _line_cache.get(id(text))
    if hit is None or hit[0] is not text:
        every = _split_lines(text, 0, len(text))
        if len(_line_cache) > 16:
            _line_cache.clear()
        hit = (text, [ln.start for ln in every], every)
        _line_cache[id(text)] = hit
    _, starts, every = hit
    i = bisect_right(starts, start) - 1
    j = bisect_left(starts, end)
    out = every[i:j]
    if not out:
        return _split_lines(text, start, end)
    first = out[0]
    if first.start < start:
        out[0] = Line(start, first.end, text[start : first.end])
    last = out[-1]
    if last.end > end:
        out[-1] = Line(last.start, end, text[last.start : end])
    return out


def iter_paragraphs(text: str, start: int, end: int) -> Iterator[Span]:
    """Spans of blank-line separated paragraphs in ``text[start:end]`` (trimmed)."""
    para_start: int | None = None
    para_end = start
    for ln in lines(text, start, end):
        if ln.blank:
            if para_start is not None:
                yield (para_start, para_end)
                para_start = None
        else:
            if para_start is None:
                para_start = ln.start + (len(ln.text) - len(ln.text.lstrip()))
            para_end = ln.end
    if para_start is not None:
        yield (para_start, para_end)


_MARKUP = re.compile(r"\*\*|__|(?<!\w)[*_](?=\w)|(?<=\w)[*_](?!\w)|^#{1,6}\s*", re.MULTILINE)
_SPACES = re.compile(r"[ \t]+")
_BLANKS = re.compile(r"\n\s*\n+")


def clean(fragment: str) -> str:
    """Readable text of a fragment: Markdown emphasis and headings dropped, spaces collapsed,
    single line breaks joined, paragraph breaks kept as one blank line."""
    fragment = _MARKUP.sub("", fragment)
    paras = [p for p in _BLANKS.split(fragment) if p.strip()]
    out = []
    for p in paras:
        joined = " ".join(x.strip() for x in p.splitlines() if x.strip())
        out.append(_SPACES.sub(" ", joined).strip())
    return "\n\n".join(p for p in out if p)


def trim(text: str, start: int, end: int) -> Span:
    """``(start, end)`` shrunk past surrounding whitespace (and stray Markdown stars)."""
    while start < end and (text[start].isspace() or text[start] in "*_#"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in "*_"):
        end -= 1
    return (start, end)


def plain_line(line: str) -> str:
    """A line without Markdown heading marks, list bullets, emphasis and outer spaces."""
    s = line.strip()
    s = re.sub(r"^#{1,6}\s*", "", s)
    s = s.replace("**", "").replace("__", "")
    return s.strip()


_KEY_PREFIX = re.compile(r"^\s*(?:q(?:uestion)?|item|point|part)\s*\.?\s*", re.IGNORECASE)


def number_key(number: str) -> str:
    """Canonical form of a question number for matching: "Q10a" -> "10a", "2(b)" -> "2b"."""
    s = _KEY_PREFIX.sub("", number.strip())
    s = re.sub(r"[\s().:\-\u2013]", "", s)
    return s.lower()


# The closing of a letter, also after a Welsh form ("Yn gywir / Yours sincerely").
SIGN_OFF = re.compile(
    r"^\W*(?:[^\n/]{1,24}/\s*)?(?:Yours\s+(?:sincerely|faithfully|truly)|Kind\s+regards"
    r"|Best\s+regards|Regards|Many\s+thanks|Yn\s+gywir|Yr\s+eiddoch\s+yn\s+gywir)\b",
    re.IGNORECASE | re.MULTILINE,
)


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_lower_cache: dict[int, tuple[str, str]] = {}


def lowered(text: str) -> str:
    """``text`` in lower case with the same length (so offsets carry over).

    Searching a lowered copy with a case-sensitive regex is several times faster than
    ``re.IGNORECASE`` on long alternations; the last few texts are cached.
    """
    hit = _lower_cache.get(id(text))
    if hit is not None and hit[0] is text:
        return hit[1]
    low = text.lower()
    if len(low) != len(text):  # a character whose lower case is longer: keep offsets
        low = text.translate(_ASCII_LOWER)
    if len(_lower_cache) > 16:
        _lower_cache.clear()
    _lower_cache[id(text)] = (text, low)
    return low


def ci(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """Compile ``pattern`` for use on ``lowered`` text: letters lowered, escapes kept."""
    out = []
    escaped = False
    for ch in pattern:
        out.append(ch if escaped else ch.lower())
        escaped = ch == "\\" and not escaped
    return re.compile("".join(out), flags & ~re.IGNORECASE)
