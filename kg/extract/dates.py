"""Request and response dates, as ISO dates.

Dates are read by our own regexes (fast, and day-first as British letters write them):
"15th January 2018", "5 October 2020", "Monday 2nd March 2021", "March 5, 2022",
"01/02/2019" (1 February), "01.02.19", "2019-02-01", and "13th December" without a year.

* request date: a date after "received on", "Date of request", "request dated", "your
  request of", "Date received" ...;
* response date: a date after "Date:", "Date of response", "Dated", "Response sent:", else a
  line that is only a date in the top of the letter, else one near the sign-off.

A date without a year takes the year from the other date: for the request, the most recent
such day on or before the response date ("13th December" in a letter dated 15 January 2018 is
13 December 2017); for the response, the first such day on or after the request date. With no
anchor the date stays null. A date that does not exist (31 February) is ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from kg.extract.textutil import Span, lines
from kg.model import LetterRecord

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = (
    r"(?P<{g}>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?,?\s+)?"
_DATE = re.compile(
    r"(?<![\w/.\-])(?:"
    # No weekday in the match ("Monday 2nd March 2021" matches from "2nd"): a leading
    # optional word would make the regex try every position of the text.
    + r"(?P<d1>\d{1,2})(?:st|nd|rd|th)?(?:\s+of)?(?:\s+|-)"
    + _MONTH.format(g="m1")
    + r"(?:(?:,?\s+|-)(?P<y1>(?:19|20)\d{2}))?"
    + r"|"
    + _MONTH.format(g="m2")
    + r"\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<y2>(?:19|20)\d{2}))?"
    + r"|(?P<d3>\d{1,2})[/.\-](?P<m3>\d{1,2})[/.\-](?P<y3>(?:19|20)\d{2}|\d{2})"
    + r"|(?P<y4>(?:19|20)\d{2})-(?P<m4>\d{2})-(?P<d4>\d{2})"
    + r")(?![\w/])",
    re.IGNORECASE,
)

_REQUEST_CUE = re.compile(
    r"(?:received(?:\s+by\b[^.\n]{0,80}?)?(?:\s+(?:on|dated))?|request(?:\s+for\s+information)?"
    r"\s+(?:dated|of|received(?:\s+on)?|made\s+on|submitted\s+on)|date\s+of\s+(?:your\s+)?request"
    r"|request\s+date|date\s+received|date\s+request\s+received|your\s+(?:e-?mail|letter)\s+"
    r"(?:dated|of|received\s+on)|which\s+we\s+received\s+on)[*_]*\s*[:\-|]?\s*$",
    re.IGNORECASE,
)
_RESPONSE_CUE = re.compile(
    r"(?:^|\n)[^\S\n]*(?:\|[^\S\n]*)?(?:[^\W\d][^\n/:]{0,24}/\s*)?(?:\*\*)?(?:date(?:\s+of\s+(?:response|reply|letter|disclosure))?"
    r"|response\s+date|date\s+(?:sent|of\s+issue|issued|responded)|dated|sent"
    r"|(?:response|reply|letter|answer)\s+(?:sent|issued|dated|provided)(?:\s+on)?)(?:\*\*)?"
    # "Date: 14 June 2021", "Date of response" above the date, "Dyddiad / Date: 9 Mai 2023 / ",
    # "| **Date of response** | 21 April 2023 |" (a Markdown key|value row)
    r"(?:\s*[:\-|][^\n]{0,30}|[^\S\n]*\n\s*)$",
    re.IGNORECASE,
)


@dataclass
class DateHit:
    span: Span
    year: int | None
    month: int
    day: int


def _year(raw: str | None) -> int | None:
    if not raw:
        return None
    y = int(raw)
    return y + 2000 if y < 100 else y


def find_dates(text: str, start: int, end: int) -> list[DateHit]:
    """Every well-formed date in ``text[start:end]``."""
    out = []
    for m in _DATE.finditer(text, start, end):
        g = m.groupdict()
        try:
            if g["d1"]:
                d, mo, y = int(g["d1"]), _MONTHS[g["m1"][:3].lower()], _year(g["y1"])
            elif g["d2"]:
                d, mo, y = int(g["d2"]), _MONTHS[g["m2"][:3].lower()], _year(g["y2"])
            elif g["d3"]:
                d, mo, y = int(g["d3"]), int(g["m3"]), _year(g["y3"])
            else:
                d, mo, y = int(g["d4"]), int(g["m4"]), int(g["y4"])
            date(y or 2000, mo, d)  # validity (2000 is a leap year: 29 February passes)
        except (ValueError, KeyError):
            continue
        s, e = m.span()
        if text[e - 1] == ".":
            e -= 1  # the sentence's full stop, or an abbreviation's: not part of the date
        out.append(DateHit((s, e), y, mo, d))
    return out


def _iso(hit: DateHit, year: int) -> str | None:
    try:
        return date(year, hit.month, hit.day).isoformat()
    except ValueError:
        return None


def _resolve(hit: DateHit, anchor: date | None, before: bool) -> str | None:
    """ISO date of ``hit``; a year-less date takes its year from ``anchor``."""
    if hit.year is not None:
        return _iso(hit, hit.year)
    if anchor is None:
        return None
    year = anchor.year
    try:
        candidate = date(year, hit.month, hit.day)
    except ValueError:
        return None
    if before and candidate > anchor:
        year -= 1
    elif not before and candidate < anchor:
        year += 1
    return _iso(hit, year)


# A cue after the date: "On 3 May 2021 you asked ...", "3 May 2021, when we received".
_REQUEST_AFTER = re.compile(
    r"^[ \t,]*(?:you\s+(?:asked|requested|made|submitted|wrote|sent|e-?mailed)"
    r"|we\s+received\s+your|(?:your|the)\s+request\s+was\s+received)",
    re.IGNORECASE,
)


def find_request_date(text: str, region: Span, hits: list[DateHit]) -> DateHit | None:
    for hit in hits:
        before = text[max(region[0], hit.span[0] - 120) : hit.span[0]]
        after = text[hit.span[1] : min(region[1], hit.span[1] + 40)]
        if _RESPONSE_CUE.search(before[-40:]):
            continue  # "Date: ..." dates the letter
        if _REQUEST_CUE.search(before) or _REQUEST_AFTER.match(after):
            return hit
    return None


def find_response_date(
    text: str, region: Span, hits: list[DateHit], exclude: DateHit | None
) -> DateHit | None:
    start, end = region
    hits = [h for h in hits if h is not exclude]
    for hit in hits:
        if _RESPONSE_CUE.search(text[max(start, hit.span[0] - 40) : hit.span[0]]):
            return hit
    # A line holding nothing but a date, in the letter's head or near its sign-off.
    size = end - start
    head_end = start + max(1500, size // 4)
    standalone = []
    for ln in lines(text, start, end):
        s = ln.stripped.strip("*_# ")
        if not s or len(s) > 40:
            continue
        for hit in hits:
            if ln.start <= hit.span[0] and hit.span[1] <= ln.end:
                rest = (text[ln.start : hit.span[0]] + text[hit.span[1] : ln.end]).strip("*_#,. ")
                if not rest or re.fullmatch(_WEEKDAY, rest + " ", re.IGNORECASE):
                    standalone.append(hit)
    for hit in standalone:
        if hit.span[0] < head_end:
            return hit
    for hit in reversed(standalone):
        if hit.span[0] > end - max(1500, size // 4):
            return hit
    return None


_HEADER_DATE = re.compile(r"^[ \t]*(?:Sent|Date)[ \t]*:[ \t]*", re.IGNORECASE | re.MULTILINE)


def _sent_date(text: str, span: Span) -> DateHit | None:
    """The date in the "Sent:"/"Date:" header of a quoted message (the requester's email)."""
    m = _HEADER_DATE.search(text, span[0], min(span[1], span[0] + 400))
    if m is None:
        return None
    hits = find_dates(text, m.end(), min(span[1], m.end() + 60))
    return hits[0] if hits and hits[0].span[0] < m.end() + 12 else None


def fill(
    text: str, rec: LetterRecord, region: Span, request_messages: list[Span] | None = None
) -> None:
    """Set ``rec.request_date`` and ``rec.response_date`` (ISO) with their spans.

    ``request_messages`` are spans of the requester's own messages quoted in an email thread:
    with no request date in the letter, the date such a message was sent is the request date.
    """
    hits = find_dates(text, *region)
    req = find_request_date(text, region, hits)
    for span in request_messages or []:
        if req is not None:
            break
        req = _sent_date(text, span)
    resp = find_response_date(text, region, hits, req)
    resp_iso = req_iso = None
    if resp is not None and resp.year is not None:
        resp_iso = _resolve(resp, None, True)
    if req is not None:
        anchor = date.fromisoformat(resp_iso) if resp_iso else None
        req_iso = _resolve(req, anchor, before=True)
    if resp is not None and resp_iso is None and req_iso is not None:
        resp_iso = _resolve(resp, date.fromisoformat(req_iso), before=False)
    if req_iso is not None and req is not None:
        rec.request_date = req_iso
        rec.field_spans["request_date"] = req.span
    if resp_iso is not None and resp is not None:
        rec.response_date = resp_iso
        rec.field_spans["response_date"] = resp.span
