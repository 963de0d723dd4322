"""The official threat-level timeline: its periods, the level on a day, the levels over a
stretch of days.

Periods are half-open ``[start, end)`` as in the reference CSV: ``end`` is the day the next
level took effect.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from rdflib import URIRef

from kg import ids
from kg.paths import REFERENCE_DIR


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
