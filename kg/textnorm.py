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


@lru_cache(maxsize=1)
def force_pattern() -> re.Pattern[str]:
    from kg.gazetteer import all_bodies

    names = {n.strip() for b in all_bodies() for n in b.names if len(n.strip()) >= 4}
    alts = sorted((re.escape(n) for n in names), key=len, reverse=True)
    return re.compile(r"(?<![\w])(?:" + "|".join(alts) + r")(?![\w])", re.IGNORECASE)


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
    out = replace_forces(text.translate(_QUOTES)).lower()
    out = _NON_WORD.sub(" ", out)
    out = out.replace("' ", " ").replace(" '", " ")
    return _SPACES.sub(" ", out).strip().strip("'")


def words(text: str) -> list[str]:
    return normalise(text).split()
