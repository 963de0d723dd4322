"""Verdicts: each claim checked against the official timeline over the time its letter
covers (``correct``, ``wrong``, ``plausible``, ``partly-wrong`` or ``unverifiable``).
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from kg.factcheck.claims import (
    Claim,
    ClaimedPeriod,
    ordinal_problems,
    resolve_period,
    stated_count,
)
from kg.factcheck.timeline import Period, load_timeline, segments
from kg.factcheck.window import Window, letter_window
from kg.terms import THREAT_LEVELS

VERDICTS = ("correct", "wrong", "plausible", "partly-wrong", "unverifiable")


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
