"""Numbers and dates as letters write them: "9,756", "two", "12/03/2022", "5th March 2022".

Shared by the threat and deployment extractors (re-exported by ``kg.extract.textspans``).
"""

from __future__ import annotations

import re

NUMBER_WORDS = {
    "no": 0, "none": 0, "zero": 0, "nil": 0, "one": 1, "a single": 1, "once": 1, "two": 2,
    "twice": 2, "three": 3, "thrice": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20,
}  # fmt: skip
NUMBER_WORD_RE = "|".join(sorted((re.escape(k) for k in NUMBER_WORDS), key=len, reverse=True))

MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]  # fmt: skip
    )
    for m in names
}
MONTH_RE = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"
)


def to_int(raw: str) -> int | None:
    """ "9,756" -> 9756, "two" -> 2, anything else -> None."""
    raw = raw.strip().lower()
    if raw in NUMBER_WORDS:
        return NUMBER_WORDS[raw]
    digits = raw.replace(",", "").replace(" ", "")
    return int(digits) if digits.isdigit() else None


_DATE_NUM = re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{2}|\d{4})\b")
_DATE_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_DATE_TEXT = re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({MONTH_RE})\.?,?\s+(\d{{4}})\b", re.I
)
_DATE_TEXT_US = re.compile(
    rf"\b({MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I
)
DATE_RE = re.compile(
    rf"\b\d{{1,2}}[/.]\d{{1,2}}[/.](?:\d{{4}}|\d{{2}})\b|\b\d{{4}}-\d{{2}}-\d{{2}}\b"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH_RE}\.?,?\s+\d{{4}}\b"
    rf"|\b{MONTH_RE}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\b",
    re.I,
)


def parse_date(raw: str) -> str | None:
    """An ISO date from a UK-style date string ("12/03/2022", "5th March 2022"), else None."""
    y = mo = d = 0
    if m := _DATE_ISO.search(raw):
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
    elif m := _DATE_NUM.search(raw):
        d, mo, y = int(m[1]), int(m[2]), int(m[3])
        if y < 100:
            y += 2000
    elif m := _DATE_TEXT.search(raw):
        d, mo, y = int(m[1]), MONTHS[m[2].lower().rstrip(".")], int(m[3])
    elif m := _DATE_TEXT_US.search(raw):
        mo, d, y = MONTHS[m[1].lower().rstrip(".")], int(m[2]), int(m[3])
    else:
        return None
    if not (1 <= mo <= 12 and 1 <= d <= 31 and 1900 <= y <= 2100):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"
