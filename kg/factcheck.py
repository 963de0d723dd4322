"""Fact-check the threat-level statements of the letters against the official timeline.

Two kinds of claim (``docs/graph-model.md``):

* **current** ("the current threat level is set at Substantial"). With a response date the
  check is a lookup: ``correct`` or ``wrong`` (with the official level). Without one, the
  letter still tells us roughly when it was written, and we check the claim over that
  *window*: ``correct`` when the claimed level held on every day of it, ``wrong`` when on none,
  else ``plausible`` with the dates between which it was true. The window comes from, in order:

  1. a request (received) date: the response follows it, within 20 working days (FOIA s.10(1))
     plus at most 20 more when the public interest test needs time (the ICO's limit on the
     s.10(3) extension) -- so ``[received, received + 40 working days]``; weekends are
     skipped, bank holidays are not (a day or two of slack);
  2. a year in the reference ("1022/2019", "FOI2017/01696" -> that year; "13457_18",
     "992/20" -> 2018, 2020): the whole calendar year;
  3. a year the text gives relative to itself ("last year (2018)" -> 2019, "this year (2019)").

  No date and no such hint: ``unverifiable``.

* **historical** ("since 2006 ... remained at 'severe', except for three short periods during
  August 2006, June and July 2007, and May and June 2017 ... 'critical'"). Over the time the
  claim covers (1 January of its ``since`` year, or the start of the published timeline, to the
  letter's date or the end of its window) we list every official period at another level the
  claim does not name, every named period whose months never had the named level, and
  internal inconsistencies (a stated count of periods that differs from the periods named; an
  ordinal such as "second highest level" that does not fit the level). Anything found:
  ``partly-wrong``; nothing: ``correct``. Period labels the extractor could not resolve are
  placed here from their month names and year ("May and June last year" in a 2018 letter ->
  2017-05..2017-06).

Timeline periods are half-open ``[start, end)`` as in the reference CSV: ``end`` is the day
the next level took effect. Explanations say "until <end>" for those, and give windows as
inclusive days.
"""

from __future__ import annotations

import calendar
import csv
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, XSD

from kg import __version__, ids
from kg.analysis_io import Triple, replace_graph, select
from kg.paths import REFERENCE_DIR
from kg.terms import THREAT_LEVELS

FOI = ids.ONTOLOGY
SCHEMA = "https://schema.org/"
VERDICTS = ("correct", "wrong", "plausible", "partly-wrong", "unverifiable")
WORKING_DAYS_WINDOW = 40  # 20 statutory + 20 for a public interest extension

# --------------------------------------------------------------------------------------------
# The official timeline


@dataclass(frozen=True)
class Period:
    """One row of the official timeline: ``level`` from ``start`` until ``end`` (exclusive)."""

    level: str
    start: date
    end: date | None
    note: str = ""

    def last_day(self, horizon: date) -> date:
        """The last day of the period, or ``horizon`` for the current one."""
        return self.end - timedelta(days=1) if self.end else horizon

    @property
    def iri(self) -> URIRef:
        return ids.timeline_iri(self.start.isoformat())

    def describe(self) -> str:
        until = f"until {self.end.isoformat()}" if self.end else "(still current)"
        return f"{self.level.upper()} from {self.start.isoformat()} {until}"


def _iso(value: Any) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def load_timeline() -> list[Period]:
    """The official timeline, from ``kg.vocab.timeline()`` when it exists, else the CSV."""
    try:
        from kg.vocab import timeline  # type: ignore[import-not-found,attr-defined,unused-ignore]

        rows = timeline()
        periods = [
            Period(
                str(p.level),
                _iso(p.start),  # type: ignore[arg-type]
                _iso(p.end),
                str(getattr(p, "note", "") or ""),
            )
            for p in rows
        ]
        if periods:
            return sorted(periods, key=lambda p: p.start)
    except (ImportError, AttributeError, TypeError, ValueError):
        pass
    with (REFERENCE_DIR / "uk_threat_levels.csv").open(newline="", encoding="utf-8") as fh:
        return sorted(
            (
                Period(
                    row["level"].strip().lower(),
                    date.fromisoformat(row["start_date"]),
                    _iso(row["end_date"]),
                    row.get("trigger_or_note", ""),
                )
                for row in csv.DictReader(fh)
            ),
            key=lambda p: p.start,
        )


def level_on(timeline: Sequence[Period], day: date) -> Period | None:
    for p in timeline:
        if p.start <= day and (p.end is None or day < p.end):
            return p
    return None


@dataclass(frozen=True)
class Segment:
    """A stretch of days (inclusive) at one level, clipped to a window."""

    level: str
    first: date
    last: date
    period: Period


def segments(timeline: Sequence[Period], first: date, last: date) -> list[Segment]:
    """The official levels over ``[first, last]`` (inclusive), clipped."""
    out = []
    for p in timeline:
        p_last = p.last_day(max(last, p.start))
        if p.start > last or p_last < first:
            continue
        out.append(Segment(p.level, max(first, p.start), min(last, p_last), p))
    return out


# --------------------------------------------------------------------------------------------
# What a letter says about when it was written


@dataclass(frozen=True)
class Window:
    """The days (inclusive) on which the letter was written, as far as we can tell."""

    start: date
    end: date
    basis: str  # "response date", "received date", "reference year", "text year"

    @property
    def exact(self) -> bool:
        return self.start == self.end

    def describe(self) -> str:
        if self.exact:
            return f"letter dated {self.start.isoformat()}"
        first, last = self.start.isoformat(), self.end.isoformat()
        return f"letter written between {first} and {last} ({self.basis})"


_REF_YEAR4 = re.compile(r"(?:^|[^0-9])((?:19|20)\d{2})(?![0-9])")
_REF_PARTS = re.compile(r"[/_\-.\s]+")


def reference_year(reference: str | None, *, not_after: int | None = None) -> int | None:
    """The year a force's reference number carries, if it carries one.

    >>> reference_year("1022/2019"), reference_year("13457_18"), reference_year("992/20")
    (2019, 2018, 2020)
    >>> reference_year("FOI2017/01696"), reference_year("208-2023"), reference_year("004512")
    (2017, 2023, None)
    """
    if not reference:
        return None
    latest = not_after or date.today().year
    parts = [p for p in _REF_PARTS.split(reference.strip()) if p]
    # A four-digit year as a part of its own or glued to a prefix ("FOI2017").
    for part in parts:
        m = re.fullmatch(r"[A-Za-z]*((?:19|20)\d{2})", part)
        if m and 2000 <= int(m.group(1)) <= latest:
            return int(m.group(1))
    # A two-digit year as the last part after a separator ("13457_18", "000880/20").
    if len(parts) >= 2 and re.fullmatch(r"\d{2}", parts[-1]):
        year = 2000 + int(parts[-1])
        if year <= latest:
            return year
    return None


_TEXT_YEAR = re.compile(
    r"\b(?P<rel>last|this|current)\s+year\s*\(\s*(?P<y1>(?:19|20)\d{2})\s*\)"
    r"|\b(?P<y2>(?:19|20)\d{2})\s*\(\s*(?P<rel2>last|this|the\s+current)\s+year\s*\)",
    re.IGNORECASE,
)


def text_year(text: str | None) -> int | None:
    """The letter's year when the text ties 'last year' / 'this year' to a number.

    >>> text_year("figures for last year (2018) are attached")
    2019
    >>> text_year("in 2020 (this year) we")
    2020
    """
    if not text:
        return None
    m = _TEXT_YEAR.search(text)
    if not m:
        return None
    year = int(m.group("y1") or m.group("y2"))
    rel = (m.group("rel") or m.group("rel2") or "").lower()
    return year + 1 if rel == "last" else year


def add_working_days(day: date, n: int) -> date:
    out = day
    while n > 0:
        out += timedelta(days=1)
        if out.weekday() < 5:
            n -= 1
    return out


def letter_window(
    response_date: str | None,
    request_date: str | None,
    reference: str | None,
    text: str | None = None,
) -> Window | None:
    """When the letter was written: a day, a window, or ``None`` when nothing tells."""
    if response_date:
        d = _iso(response_date)
        assert d is not None
        return Window(d, d, "response date")
    if request_date:
        d = _iso(request_date)
        assert d is not None
        return Window(
            d, add_working_days(d, WORKING_DAYS_WINDOW), "received date + 40 working days"
        )
    year = reference_year(reference)
    if year:
        return Window(date(year, 1, 1), date(year, 12, 31), f"year in reference {reference}")
    year = text_year(text)
    if year:
        return Window(date(year, 1, 1), date(year, 12, 31), "year given in the text")
    return None


# --------------------------------------------------------------------------------------------
# Claims and verdicts


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


@dataclass
class Result:
    claim: Claim
    verdict: str
    explanation: str
    window: Window | None = None
    official: list[str] = field(default_factory=list)  # levels in force in the window
    checked: list[Period] = field(default_factory=list)  # timeline periods used
    true_between: list[tuple[date, date]] = field(default_factory=list)  # inclusive
    problems: list[str] = field(default_factory=list)

    @property
    def claimed(self) -> str:
        c = self.claim
        if c.kind == "current":
            return c.level or "?"
        named = "; ".join(f"{p.level}: {p.label}" for p in c.periods)
        base = f"{c.level or '?'} since {c.since or '?'}"
        return f"{base}; {named}" if named else base

    def short_text(self, width: int = 70) -> str:
        """The claim text, cut to ``width`` around the level it asserts (for tables)."""
        text = " ".join(self.claim.text.split())
        if len(text) <= width:
            return text
        at = text.lower().rfind(self.claim.level or "\0") if self.claim.kind == "current" else 0
        start = max(0, min(at - width // 2, len(text) - width)) if at > 0 else 0
        if start:  # begin on a word
            space = text.find(" ", start)
            start = space + 1 if 0 <= space < at else start
        out = text[start : start + width].strip()
        return ("…" if start else "") + out + ("…" if start + width < len(text) else "")

    def row(self, width: int = 70) -> dict[str, str]:
        short = self.short_text(width)
        return {
            "letter": self.claim.letter,
            "force": self.claim.force,
            "kind": self.claim.kind,
            "claim": short,
            "claimed": self.claimed,
            "official": ", ".join(self.official),
            "verdict": self.verdict,
            "window": (
                f"{self.window.start.isoformat()}..{self.window.end.isoformat()}"
                if self.window
                else ""
            ),
            "explanation": self.explanation,
        }


def _distinct(levels: Sequence[str]) -> list[str]:
    out: list[str] = []
    for lv in levels:
        if lv not in out:
            out.append(lv)
    return out


def _span(first: date, last: date) -> str:
    return first.isoformat() if first == last else f"{first.isoformat()} to {last.isoformat()}"


def check_current(claim: Claim, timeline: Sequence[Period]) -> Result:
    window = letter_window(
        claim.response_date, claim.request_date, claim.reference, claim.letter_text
    )
    level = (claim.level or "").lower()
    if level not in THREAT_LEVELS:
        return Result(claim, "unverifiable", "the statement names no threat level", window)
    if window is None:
        return Result(
            claim,
            "unverifiable",
            "the letter gives no date, no received date and no year to check the claim against",
        )
    first_known = timeline[0].start
    if window.end < first_known:
        return Result(
            claim,
            "unverifiable",
            f"{window.describe()}: before the timeline starts ({first_known.isoformat()})",
            window,
        )
    segs = segments(timeline, max(window.start, first_known), window.end)
    official = _distinct([s.level for s in segs])
    checked = [s.period for s in segs]
    true = [(s.first, s.last) for s in segs if s.level == level]
    if window.exact:
        seg = segs[0]
        if seg.level == level:
            why = (
                f"on {window.start.isoformat()} the official level was {level.upper()} "
                f"({seg.period.describe()})"
            )
            return Result(claim, "correct", why, window, official, checked, true)
        why = (
            f"on {window.start.isoformat()} the official level was {seg.level.upper()}, "
            f"not {level.upper()} ({seg.period.describe()})"
        )
        return Result(claim, "wrong", why, window, official, checked, true)
    covered = sum((b - a).days + 1 for a, b in true)
    total = (window.end - max(window.start, first_known)).days + 1
    others = ", ".join(
        f"{s.level.upper()} {_span(s.first, s.last)}" for s in segs if s.level != level
    )
    if covered == total:
        why = f"{window.describe()}: {level.upper()} on every day of it"
        return Result(claim, "correct", why, window, official, checked, true)
    if covered == 0:
        why = f"{window.describe()}: never {level.upper()} in it (official: {others})"
        return Result(claim, "wrong", why, window, official, checked, true)
    spans = ", ".join(_span(a, b) for a, b in true)
    why = f"{window.describe()}: {level.upper()} only from {spans}; otherwise {others}"
    return Result(claim, "plausible", why, window, official, checked, true)


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


def _month_list(first: date, last: date) -> list[tuple[int, int]]:
    out = []
    y, m = first.year, first.month
    while (y, m) <= (last.year, last.month):
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def check_historical(claim: Claim, timeline: Sequence[Period]) -> Result:
    window = letter_window(
        claim.response_date, claim.request_date, claim.reference, claim.letter_text
    )
    letter_year = window.start.year if window else None
    baseline = (claim.level or "").lower()
    problems: list[str] = []

    resolved: list[tuple[ClaimedPeriod, tuple[date, date] | None]] = [
        (p, resolve_period(p, letter_year)) for p in claim.periods
    ]
    for p, span in resolved:
        if span is None:
            problems.append(f"cannot place the period '{p.label}' in time")

    # Internal consistency first: it needs no timeline.
    count = stated_count(claim)
    if count is not None and claim.periods and count != len(claim.periods):
        problems.append(
            f"says {count} period{'s' if count != 1 else ''} but names {len(claim.periods)}: "
            + "; ".join(p.label for p in claim.periods)
        )
    problems.extend(ordinal_problems(claim.text))

    first_known = timeline[0].start
    since_year = int(claim.since[:4]) if claim.since and claim.since[:4].isdigit() else None
    cover_start = max(first_known, date(since_year, 1, 1)) if since_year else first_known
    # The claim speaks up to the moment it was written.
    placed = [span for _, span in resolved if span]
    if window:
        cover_end = window.end
    elif placed:
        cover_end = max(b for _, b in placed)
    else:
        cover_end = None
    checked: list[Period] = []
    if cover_end is not None and cover_end < cover_start:
        why = f"the claim starts ({cover_start.isoformat()}) after the letter was written"
        return Result(claim, "unverifiable", why, window)
    if cover_end is not None:
        segs = segments(timeline, cover_start, cover_end)
        checked = [s.period for s in segs]
        # Named periods that did not happen (month by month: labels name months).
        for p, span in resolved:
            if span is None:
                continue
            wrong_months = []
            for y, m in _month_list(*span):
                m_first = date(y, m, 1)
                m_last = date(y, m, calendar.monthrange(y, m)[1])
                month_levels = {s.level for s in segments(timeline, m_first, m_last)}
                if p.level not in month_levels:
                    wrong_months.append(
                        f"{calendar.month_name[m]} {y} "
                        f"({'/'.join(sorted(month_levels)).upper() or 'no record'})"
                    )
            if wrong_months:
                problems.append(
                    f"names {p.level.upper()} in '{p.label}', but the level was not "
                    f"{p.level.upper()} in " + ", ".join(wrong_months)
                )
        # Official periods at another level than the baseline that the claim does not name.
        for s in segs:
            if s.level == baseline:
                continue
            named = any(
                p.level == s.level and span and span[0] <= s.last and s.first <= span[1]
                for p, span in resolved
            )
            if named:
                continue
            what = "not named" if any(p.level == s.level for p in claim.periods) else "left out"
            tail = ""
            if window and not window.exact and s.first > window.start:
                tail = f" (if the letter was written on or after {s.first.isoformat()})"
            clipped_end = (
                f"until {s.period.end.isoformat()}"
                if s.period.end and s.period.end <= cover_end
                else f"to {s.last.isoformat()}"
            )
            problems.append(
                f"{s.level.upper()} from {s.first.isoformat()} {clipped_end} {what}{tail}"
            )
        official = _distinct([s.level for s in segs])
    else:
        official = []

    if problems:
        verdict = "partly-wrong"
    elif window is None or not baseline:
        verdict = "unverifiable"
        problems_text = "the letter gives no date, so the claim cannot be checked up to it"
        if not baseline:
            problems_text = "the statement names no baseline level"
        return Result(claim, verdict, problems_text, window, official, checked)
    else:
        verdict = "correct"
    scope = (
        f"checked {cover_start.isoformat()} to {cover_end.isoformat()}"
        if cover_end
        else "no date to check against"
    )
    explanation = (
        f"{scope}: " + "; ".join(problems) if problems else f"{scope}: matches the timeline"
    )
    return Result(claim, verdict, explanation, window, official, checked, problems=problems)


def check(claim: Claim, timeline: Sequence[Period] | None = None) -> Result:
    tl = list(timeline) if timeline is not None else load_timeline()
    if claim.kind == "historical":
        return check_historical(claim, tl)
    return check_current(claim, tl)


def check_all(claims: Sequence[Claim], timeline: Sequence[Period] | None = None) -> list[Result]:
    tl = list(timeline) if timeline is not None else load_timeline()
    return [check(c, tl) for c in claims]


# --------------------------------------------------------------------------------------------
# Reading claims from the store, writing verdicts to it

_CLAIMS_Q = """
SELECT ?st ?r ?kind ?text ?level ?since ?count ?ref ?rdate ?qdate ?force ?forceLabel ?ltext
       ?file
WHERE {
  { ?st a foi:CurrentThreatLevelClaim . BIND("current" AS ?kind)
    OPTIONAL { ?st foi:assertsLevel ?level } }
  UNION
  { ?st a foi:HistoricalThreatLevelClaim . BIND("historical" AS ?kind)
    OPTIONAL { ?st foi:baselineLevel ?level }
    OPTIONAL { ?st foi:sinceYear ?since }
    OPTIONAL { ?st foi:statedPeriodCount ?count } }
  ?st foi:inResponse ?r .
  OPTIONAL { ?st foi:statementText ?text }
  OPTIONAL { ?r foi:reference ?ref }
  OPTIONAL { ?r foi:responseDate ?rdate }
  OPTIONAL { ?r foi:respondsTo/foi:requestDate ?qdate }
  OPTIONAL { ?r foi:respondingBody ?force
             OPTIONAL { ?force rdfs:label ?forceLabel } }
  OPTIONAL { ?r foi:text ?ltext }
  OPTIONAL { ?r prov:wasDerivedFrom/foi:fileName ?file }
}
"""

_PERIODS_Q = """
SELECT ?st ?p ?level ?label ?start ?end WHERE {
  ?st foi:namesPeriod ?p .
  OPTIONAL { ?p foi:level ?level }
  OPTIONAL { ?p foi:periodLabel ?label }
  OPTIONAL { ?p foi:periodStart ?start }
  OPTIONAL { ?p foi:periodEnd ?end }
}
"""


def _tail(iri: str | None) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1] if iri else ""


def force_label(iri: str | None, label: str | None) -> str:
    if label:
        return label
    slug = _tail(iri)
    return slug.replace("-", " ").title() if slug else "?"


def load_claims(store: Any) -> list[Claim]:
    """Every threat-level statement in the store, with its letter's dates and reference."""
    claims: dict[str, Claim] = {}
    for row in select(store, _CLAIMS_Q):
        st = row["st"] or ""
        if st in claims:
            continue
        count = row.get("count")
        claims[st] = Claim(
            statement=st,
            response=row["r"] or "",
            kind=row["kind"] or "current",
            text=row.get("text") or "",
            level=_tail(row.get("level")) or None,
            since=row.get("since"),
            stated_count=int(count) if count and count.isdigit() else None,
            letter=row.get("ref") or row.get("file") or _tail(row["r"]),
            force=force_label(row.get("force"), row.get("forceLabel")),
            reference=row.get("ref"),
            response_date=row.get("rdate"),
            request_date=row.get("qdate"),
            letter_text=row.get("ltext"),
        )
    periods: dict[str, list[tuple[int, ClaimedPeriod]]] = {}
    for row in select(store, _PERIODS_Q):
        st = row["st"] or ""
        k = _tail(row["p"])
        periods.setdefault(st, []).append(
            (
                int(k) if k.isdigit() else 0,
                ClaimedPeriod(
                    level=_tail(row.get("level")) or "critical",
                    label=row.get("label") or "",
                    start=row.get("start"),
                    end=row.get("end"),
                ),
            )
        )
    for st, items in periods.items():
        if st in claims:
            claims[st].periods = [p for _, p in sorted(items, key=lambda kp: kp[0])]
    return sorted(claims.values(), key=lambda c: (c.force, c.letter, c.kind, c.statement))


def factcheck_iri(statement: str) -> URIRef:
    return URIRef(f"{ids.ID}factcheck/{hashlib.sha256(statement.encode()).hexdigest()[:16]}")


def result_triples(results: Sequence[Result], *, at: datetime | None = None) -> list[Triple]:
    """The triples of ``id:graph/factcheck`` for ``results`` (docs/graph-model.md, Analyses)."""
    now = (at or datetime.now(UTC)).astimezone(UTC)
    stamp = Literal(now.isoformat().replace("+00:00", "Z"), datatype=XSD.dateTime)
    activity = URIRef(f"{ids.ID}activity/factcheck/{now.strftime('%Y%m%dT%H%M%SZ')}")
    agent = ids.agent_iri(__version__)
    f = lambda name: URIRef(FOI + name)  # noqa: E731 - a local shorthand
    s = lambda name: URIRef(SCHEMA + name)  # noqa: E731
    t: list[Triple] = [
        (activity, RDF.type, PROV.Activity),
        (activity, RDFS.label, Literal("foi-kg fact check of threat-level statements")),
        (activity, PROV.startedAtTime, stamp),
        (activity, PROV.endedAtTime, stamp),
        (activity, PROV.wasAssociatedWith, agent),
        (activity, PROV.used, URIRef(ids.ID + "graph/vocab")),
        (agent, RDF.type, PROV.SoftwareAgent),
        (agent, RDFS.label, Literal(f"foi-kg {__version__}")),
    ]
    for r in results:
        fc = factcheck_iri(r.claim.statement)
        rating = BNode()
        t += [
            (fc, RDF.type, f("FactCheck")),
            (fc, RDF.type, s("ClaimReview")),
            (fc, s("itemReviewed"), URIRef(r.claim.statement)),
            (fc, f("verdict"), ids.concept_iri("verdict", r.verdict)),
            (fc, s("reviewRating"), rating),
            (rating, RDF.type, s("Rating")),
            (rating, s("alternateName"), Literal(r.verdict)),
            (fc, f("explanation"), Literal(r.explanation)),
            (fc, PROV.wasGeneratedBy, activity),
            (fc, PROV.generatedAtTime, stamp),
            (fc, PROV.wasDerivedFrom, URIRef(r.claim.statement)),
        ]
        if r.claim.text:
            t.append((fc, s("claimReviewed"), Literal(" ".join(r.claim.text.split()))))
        for level in r.official:
            t.append((fc, f("officialLevel"), ids.concept_iri("threat-level", level)))
        for p in r.checked:
            t.append((fc, f("checkedAgainst"), p.iri))
        if r.window:
            t.append((fc, f("windowStart"), Literal(r.window.start.isoformat(), datatype=XSD.date)))
            t.append((fc, f("windowEnd"), Literal(r.window.end.isoformat(), datatype=XSD.date)))
    return t


def run(store: Any, *, write: bool = True, at: datetime | None = None) -> list[Result]:
    """Check every statement in ``store``; replace ``id:graph/factcheck`` with the verdicts."""
    results = check_all(load_claims(store))
    if write:
        replace_graph(store, ids.FACTCHECK_GRAPH, result_triples(results, at=at))
    return results
