"""When a letter was written, as far as it tells: its response date, its received date plus
the statutory time to answer, or a year in its reference or its text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from kg.factcheck.timeline import _iso

WORKING_DAYS_WINDOW = 40  # 20 statutory + 20 for a public interest extension


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
