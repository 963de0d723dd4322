"""How letters name the facial-recognition technologies of ``kg.terms.TECHNOLOGIES``.

One compiled pattern per technology, most specific first; a generic "facial recognition"
inside a more specific phrase ("live facial recognition") is not reported twice.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from kg.model import Span

_FR = r"(?:facial|face)[\s-]+recogni\w*"
# Kinds listed before one "facial recognition": "live or retrospective facial recognition",
# "live, retrospective and operator initiated facial recognition" name each kind.
_KIND = r"(?:live|real[\s-]time|retrospective|operator[\s-]+initiated)"
_OR = r"(?:\s*,\s*(?:or\s+|and\s+)?|\s+(?:or|nor|and|and/or)\s+)"
_LISTED = rf"(?={_OR}(?:{_KIND}{_OR}?){{1,2}}\s*{_FR})"

TECH_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "facial-recognition-body-worn-video",
        re.compile(
            rf"\b(?:{_FR}|FR)\b[^.?!\n]{{0,40}}?\b(?:in\s+conjunction\s+with|with|on|via|through|"
            rf"using|linked\s+to|from)\s+(?:the\s+|a\s+)?body[\s-]*worn(?:\s+(?:video|cameras?))?"
            rf"|\bbody[\s-]*worn\s+(?:video|cameras?)\s+(?:\w+\s+){{0,2}}(?:with|using|uses)\s+"
            rf"{_FR}|\b{_FR}[\s-]+enabled\s+body[\s-]*worn",
            re.I,
        ),
    ),
    (
        "live-facial-recognition",
        re.compile(
            rf"\b(?:live|real[\s-]time)\s+(?:automated\s+|automatic\s+)?{_FR}|\bLFR\b|\bLAFR\b"
            rf"|\b(?:live|real[\s-]time){_LISTED}"
            rf"|\bAFR\s+Locate\b",
            re.I,
        ),
    ),
    (
        "retrospective-facial-recognition",
        re.compile(
            rf"\bretrospective\s+(?:automated\s+)?(?:{_FR}|(?:face|facial|image)\s+(?:search|match|"
            rf"compar)\w*|FR\b)|\bRFR\b|\bAFR\s+Identify\b|\bretrospective{_LISTED}",
            re.I,
        ),
    ),
    (
        "operator-initiated-facial-recognition",
        re.compile(
            rf"\boperator[\s-]+initiated\s+(?:{_FR}|FR\b)|\bOIFR\b|\boperator[\s-]+initiated{_LISTED}",
            re.I,
        ),
    ),
    (
        "pnd-facial-search",
        re.compile(
            r"\b(?:facial|face)\s+(?:search\w*|match\w*|images?)\b[^.?!\n]{0,50}?\bPolice\s+"
            r"National\s+Database\b|\bPolice\s+National\s+Database\b[^.?!\n]{0,50}?\b(?:facial|face)"
            r"\s+(?:search\w*|match\w*|recogni\w+)|\bPND\b[^.?!\n]{0,30}?\b(?:facial|face)\b"
            r"|\b(?:facial|face)\s+(?:search\w*|match\w*)\s+(?:\w+\s+){0,3}PND\b",
            re.I,
        ),
    ),
    (
        "facial-recognition",
        re.compile(rf"\b(?:automated\s+|automatic\s+|biometric\s+)?{_FR}|\bAFR\b|\bFRT\b", re.I),
    ),
)


# Every pattern above needs one of these; most sentences have none, so look for them first.
_ANY = re.compile(
    r"fac(?:e|ial)|\b(?:L?A?FR|RFR|OIFR|FRT|PND)\b|National\s+Database|retrospective", re.I
)


def find_technologies(text: str, start: int, end: int) -> list[tuple[str, Span]]:
    """Technology mentions in ``text[start:end]``, in order, without nested duplicates."""
    return list(_find_cached(text, start, end))


@lru_cache(maxsize=4096)
def _find_cached(text: str, start: int, end: int) -> tuple[tuple[str, Span], ...]:
    # The legal, technology, provider, money and deployment steps ask about the same
    # sentences of a letter again and again.
    return tuple(_find(text, start, end))


# Where an _ANY match may start, found once per text: the same pattern without its final
# word boundary (a search that ends at ``end`` may match "LFR" in "LFRs"; the whole text may
# not). Every match of _ANY inside a span starts at one of these places, so a span without
# one holds no technology, found by a binary search instead of a regex run per sentence.
_ANY_START = re.compile(
    r"(?=fac(?:e|ial)|\b(?:L?A?FR|RFR|OIFR|FRT|PND)|National\s+Database|retrospective)", re.I
)


# The words _ANY_START looks for, lower case, and how far before each a match may start
# ("LAFR" starts two characters before its "fr").
_ANY_WORDS = (("fac", 0), ("fr", 2), ("pnd", 0), ("national", 0), ("retrospective", 0))


@lru_cache(maxsize=8)
def _any_starts(text: str) -> list[int]:
    low = text.lower()
    # str.find on the lower-cased text is many times faster than the regex. It finds every
    # place the case-blind regex would, unless a character changes length when lower-cased
    # or matches an ASCII letter only case-blind ("ı" dotless i, "ſ" long s): then the regex.
    if len(low) != len(text) or "ı" in text or "ſ" in text:
        return [m.start() for m in _ANY_START.finditer(text)]
    found: set[int] = set()
    for word, back in _ANY_WORDS:
        i = low.find(word)
        while i >= 0:
            found.update(range(max(0, i - back), i + 1))
            i = low.find(word, i + 1)
    return sorted(found)


def _find(text: str, start: int, end: int) -> list[tuple[str, Span]]:
    starts = _any_starts(text)
    i = bisect_left(starts, start)
    if i == len(starts) or starts[i] >= end:
        return []
    if not _ANY.search(text, start, end):
        return []
    found: list[tuple[str, Span]] = []
    for slug, pat in TECH_PATTERNS:
        for m in pat.finditer(text, start, end):
            span = (m.start(), m.end())
            if any(span[0] < e and s < span[1] for _, (s, e) in found):
                continue
            found.append((slug, span))
    found.sort(key=lambda item: item[1][0])
    return found


def first_technology(text: str, start: int, end: int) -> str | None:
    """The most specific technology named in the span (a specific kind beats the generic)."""
    found = _find_cached(text, start, end)
    specific = [slug for slug, _ in found if slug != "facial-recognition"]
    if specific:
        return specific[0]
    return found[0][0] if found else None
