"""What a threat-level claim says: the claim records, and the periods, counts and ordinals
read from its words.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date

from kg.terms import THREAT_LEVELS


@dataclass
class ClaimedPeriod:
    level: str
    label: str
    start: str | None = None  # "2006-08" or "2006"
    end: str | None = None


@dataclass
class Claim:
    """One threat-level statement of one letter, with what the letter says about its date."""

    statement: str  # the statement's IRI
    response: str  # the response's IRI
    kind: str  # "current" or "historical"
    text: str = ""
    level: str | None = None  # asserted (current) or baseline (historical) level
    since: str | None = None
    periods: list[ClaimedPeriod] = field(default_factory=list)
    stated_count: int | None = None
    letter: str = ""  # how the table names the letter (its reference)
    force: str = ""
    reference: str | None = None
    response_date: str | None = None
    request_date: str | None = None
    letter_text: str | None = None


_MONTH_NAMES = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTH_NAMES.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
_MONTH_NAMES["sept"] = 9
_MONTH_RX = re.compile(
    r"\b(" + "|".join(sorted(_MONTH_NAMES, key=len, reverse=True)) + r")\b", re.I
)


def _ym(value: str, *, end: bool) -> tuple[int, int] | None:
    m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?", value.strip())
    if not m:
        return None
    year = int(m.group(1))
    month = int(m.group(2)) if m.group(2) else (12 if end else 1)
    return year, month


def resolve_period(p: ClaimedPeriod, letter_year: int | None) -> tuple[date, date] | None:
    """First and last day of a claimed period, from its bounds or, failing that, its label."""
    start = _ym(p.start, end=False) if p.start else None
    end = _ym(p.end, end=True) if p.end else None
    if start is None:
        months = [_MONTH_NAMES[m.lower()] for m in _MONTH_RX.findall(p.label)]
        years = [int(y) for y in re.findall(r"\b((?:19|20)\d{2})\b", p.label)]
        if not years and letter_year and re.search(r"\blast\s+year\b", p.label, re.I):
            years = [letter_year - 1]
        elif not years and letter_year and re.search(r"\bthis\s+year\b", p.label, re.I):
            years = [letter_year]
        if not years:
            return None
        if months:
            start, end = (years[0], min(months)), (years[-1], max(months))
        else:
            start, end = (years[0], 1), (years[-1], 12)
    if end is None:
        end = start
    first = date(start[0], start[1], 1)
    last = date(end[0], end[1], calendar.monthrange(end[0], end[1])[1])
    return first, last


_COUNT_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
_COUNT_RX = re.compile(
    r"\b(one|two|three|four|five|six|seven|\d+)\s+(?:short\s+|brief\s+|separate\s+)*"
    r"(?:periods|occasions|times)\b",
    re.I,
)
_ORDINAL_RX = re.compile(
    r"\b(?P<ord>(?:second|third|fourth)\s+)?(?P<dir>highest|lowest)\s+(?:threat\s+)?(?:level)?"
    r"[^.;]{0,12}?[\s'‘’\"“”,]+(?P<level>low|moderate|substantial|severe|critical)\b",
    re.I,
)
_ORD = {"": 0, "second": 1, "third": 2, "fourth": 3}


def stated_count(claim: Claim) -> int | None:
    """The number of exceptional periods the claim announces (the extractor's, else read)."""
    if claim.stated_count is not None:
        return claim.stated_count
    m = _COUNT_RX.search(claim.text or "")
    if not m:
        return None
    word = m.group(1).lower()
    return int(word) if word.isdigit() else _COUNT_WORDS.get(word)


def ordinal_problems(text: str) -> list[str]:
    """'second highest level 'severe'' must name the level ranked second from the top."""
    out = []
    for m in _ORDINAL_RX.finditer(text or ""):
        offset = _ORD[(m.group("ord") or "").strip().lower()]
        level = m.group("level").lower()
        rank = THREAT_LEVELS.index(level)
        expected = (
            len(THREAT_LEVELS) - 1 - offset if m.group("dir").lower() == "highest" else offset
        )
        if rank != expected:
            out.append(
                f"calls {level.upper()} the '{' '.join(m.group(0).split()[:3])}' level, "
                f"but it is {THREAT_LEVELS[expected].upper()} that is"
            )
    return out
