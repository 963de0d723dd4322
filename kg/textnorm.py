"""Text normalisation shared by template detection and question alignment.

Two letters copy the same national text but put their own name in it ("capabilities of
Warwickshire Police are", "capabilities of the force are"), quote with different marks and
wrap differently. Comparing normalised text lets those count as the same wording: lowercase,
typographic quotes and dashes folded, every gazetteer force or body name (official and
alternative) replaced by ``<force>``, punctuation dropped, spaces collapsed.
"""

from __future__ import annotations

import re
from functools import lru_cache

FORCE_TOKEN = "<force>"

_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "})
_NON_WORD = re.compile(r"[^a-z0-9<>' ]+")
_SPACES = re.compile(r"\s+")


def _trie_regex(words: list[str]) -> str:
    """A regex matching any of ``words`` (lowercase), built as a character trie so the engine
    tries one branch per character instead of every name at every position; longer names are
    preferred (greedy optional tails)."""
    trie: dict[str, dict] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        ends = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return build(trie)


@lru_cache(maxsize=1)
def force_pattern() -> re.Pattern[str]:
    """Every gazetteer name (official and alternative, 4+ characters), case-insensitive."""
    return re.compile(_names_regex(), re.IGNORECASE)


def _names() -> set[str]:
    from kg.gazetteer import all_bodies

    return {n.strip().lower() for b in all_bodies() for n in b.names if len(n.strip()) >= 4}


def _names_regex() -> str:
    return r"(?<![\w])" + _trie_regex(sorted(_names())) + r"(?![\w])"


@lru_cache(maxsize=1)
def _lower_force_pattern() -> re.Pattern[str]:
    """``force_pattern`` for text already lowercased: case-sensitive matching is faster."""
    return re.compile(_names_regex())


_TRAILING = re.compile(r"<force>(?:\s+(?:police|constabulary|force|service)\b)+", re.IGNORECASE)


def replace_forces(text: str) -> str:
    """Every gazetteer name in ``text`` replaced by ``<force>`` ("Heddlu Dyfed-Powys Police":
    the Welsh name matches first, so a trailing "Police" is folded in too)."""
    return _TRAILING.sub(FORCE_TOKEN, force_pattern().sub(FORCE_TOKEN, text))


def normalise(text: str) -> str:
    """Comparable form of a passage.

    >>> normalise("Capabilities of Warwickshire Police are ‘mapped’.")
    'capabilities of <force> are mapped'
    """
    out = text.translate(_QUOTES).lower()
    out = _TRAILING.sub(FORCE_TOKEN, _lower_force_pattern().sub(FORCE_TOKEN, out))
    out = _NON_WORD.sub(" ", out)
    out = out.replace("' ", " ").replace(" '", " ")
    return _SPACES.sub(" ", out).strip().strip("'")


def words(text: str) -> list[str]:
    return normalise(text).split()
