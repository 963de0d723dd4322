"""Deployments a force discloses: date, place, watch-list size, alerts, stops, arrests.

``fill(text, rec, region)`` sets ``rec.deployments``. Two layouts are read:

* Tables (rows split by "|" or tabs). With a header row, columns are mapped by their heading
  ("Date", "Location"/"Place"/"Venue", "Watch list size", "Alerts", "False alerts"/"Incorrect",
  "Stops"/"Engagements", "Arrests"). Without one, each row that holds a date is read as a
  list of labelled cells ("watch list 600", "alerts 3").
* Prose or list lines with a date and at least one figure: "On 5 March 2022 at Oxford
  Circus ... a watch-list of 9,756 ... 4 alerts ... 2 arrests", "12/03/2022 - Cardiff city
  centre - watch list 600 - alerts 3 - arrests 1".

The technology is the one named in the row, the table heading or the sentence, else live
facial recognition (the only kind deployed to a place with a watch list).
"""

from __future__ import annotations

import re

from kg.extract.techterms import first_technology
from kg.extract.textspans import (
    DATE_RE,
    NUMBER_WORD_RE,
    Row,
    SpanSet,
    clip,
    inside,
    letter_sentences,
    parse_date,
    requester_spans,
    sentences,
    table_rows,
    to_int,
)
from kg.model import Deployment, LetterRecord, Span

_N = rf"(\d{{1,3}}(?:,\d{{3}})+|\d+|{NUMBER_WORD_RE})"
_FIGURES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "watchlist_size",
        re.compile(
            rf"\bwatch[\s-]?list(?:\s+(?:size|of|contained|comprised|containing|with|held|had|"
            rf"included|totalled|numbered|consisted\s+of))?\s*"
            rf"(?:of\s+|was\s+|:\s*|=\s*)?(?:up\s+to\s+|about\s+|around\s+|approximately\s+|"
            rf"some\s+|over\s+)?{_N}\b(?!\s*(?:alerts?|arrests?|stops?))"
            rf"|{_N}\s+(?:images|people|persons|individuals|subjects|faces)\s+(?:\w+\s+){{0,3}}"
            rf"(?:on|in)\s+(?:the\s+|a\s+)?watch[\s-]?list",
            re.I,
        ),
    ),
    (
        "false_alerts",
        re.compile(
            rf"\b(?:false|incorrect|wrong|mistaken|unconfirmed)\s+(?:positive\s+)?(?:alerts?|matches|"
            rf"positives?|identifications?)\s*(?::\s*|=\s*|of\s+)?{_N}\b"
            rf"|{_N}\s+(?:false|incorrect|wrong|mistaken)\s+(?:positive\s+)?(?:alerts?|matches|"
            rf"positives?|identifications?)"
            # "5 alerts, of which 2 were false alerts", "... 1 was an incorrect match"
            rf"|\bof\s+which\s+{_N}\s+(?:was|were)\s+(?:an?\s+)?(?:false|incorrect|wrong|mistaken)\b",
            re.I,
        ),
    ),
    (
        "alerts",
        re.compile(
            rf"(?<!false\s)(?<!incorrect\s)\b(?:true\s+|total\s+)?alerts?\s*(?::\s*|=\s*|of\s+)?{_N}\b"
            rf"|{_N}\s+(?:true\s+|total\s+|system\s+)?(?:alerts?|matches)\b",
            re.I,
        ),
    ),
    (
        "stops",
        re.compile(
            rf"\b(?:stops?|engagements?|interventions?)\s*(?::\s*|=\s*|of\s+)?{_N}\b"
            rf"|{_N}\s+(?:people\s+were\s+|persons\s+were\s+|individuals\s+were\s+)?"
            rf"(?:stops?|stopped|engagements?|engaged|interventions?)\b",
            re.I,
        ),
    ),
    (
        "arrests",
        re.compile(
            rf"\barrests?\s*(?::\s*|=\s*|of\s+)?{_N}\b|{_N}\s+(?:people\s+were\s+|persons\s+were\s+)?"
            rf"(?:arrests?|arrested)\b",
            re.I,
        ),
    ),
)
# Figures only a facial-recognition deployment has; arrests or stops alone are not enough.
_FR_FIGURES = {"watchlist_size", "alerts", "false_alerts"}
_FR_CONTEXT = re.compile(r"\bdeploy\w*|\bfacial\b|\bLFR\b|\bwatch[\s-]?list", re.I)
_COLUMNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("date", re.compile(r"\bdate\b|\bwhen\b|\bday\b", re.I)),
    ("place", re.compile(r"\b(?:location|place|venue|site|area|where|event)\b", re.I)),
    ("watchlist_size", re.compile(r"watch[\s-]?list", re.I)),
    ("false_alerts", re.compile(r"\b(?:false|incorrect|wrong|mistaken)\b", re.I)),
    ("alerts", re.compile(r"\b(?:alerts?|matches|true)\b", re.I)),
    ("stops", re.compile(r"\b(?:stops?|engagements?|interventions?|stopped)\b", re.I)),
    ("arrests", re.compile(r"\barrest", re.I)),
)
_PLACE_AFTER_DATE = re.compile(
    r"\s*(?:[,:\-–—|]\s*)?(?:(?:at|in|outside|near)\s+)?(?:the\s+)?"
    r"(?P<p>[A-Z][^:;.\d()|]{1,60}?)\s*(?=[:;(|]|,\s*(?:a\s+|the\s+)?(?:watch|\d|no\b)|\s[-–—]\s)"
)
_PLACE = re.compile(
    r"\b(?:at|in|outside|near)\s+(?:the\s+)?(?P<p>[A-Z][\w'’&.-]*(?:\s+(?:[A-Z][\w'’&.-]*|of|on|"
    r"upon|the|and|city|centre|town|street|road|square)){0,6})"
)


def fill(text: str, rec: LetterRecord, region: tuple[int, int]) -> None:
    """Set ``rec.deployments`` from the letter region."""
    start, end = clip(text, region)
    skip = requester_spans(rec)
    out: list[Deployment] = []
    table_spans: list[Span] = []
    for table in table_rows(text, (start, end)):
        table_spans.extend(r.span for r in table)
        found = _from_table(text, table, skip)
        if not found:  # a question/answer table: read each answer cell as prose
            for row in table:
                for cell in row.cells:
                    if inside(cell, skip):
                        continue
                    for sent in sentences(text, cell):
                        d = _from_prose(text, sent)
                        if d:
                            found.append(d)
        out.extend(found)
    prev: tuple[object, Span] | None = None  # a dated sentence without figures, and its paragraph
    # A deployment read from a dated sentence and the sentences after it: its paragraph, its
    # index in ``out`` and where it starts. "The trial ran from 3 to 17 June. The watch list
    # held 450 images. The system generated five alerts." is one deployment.
    merged: tuple[object, int, int] | None = None
    skip_set, table_set = SpanSet(skip), SpanSet(table_spans)  # tested once per sentence
    for para, sent in letter_sentences(text, (start, end)):
        if inside(sent, skip_set) or inside(sent, table_set):
            prev = merged = None
            continue
        dated = _dated(text, sent[0], sent[1])
        if merged is not None and (merged[0] != para or dated):
            merged = None
        if merged is not None:
            wider = _from_prose(text, (merged[2], sent[1]))
            old = out[merged[1]]
            if wider is not None and _count(wider) > _count(old):
                out[merged[1]] = wider  # the next sentence gives more figures of it
                continue
            merged = None
        d = _from_prose(text, sent) if dated else None  # no deployment without a date
        if d is None and prev is not None and prev[0] == para and not dated:
            # "Deployed in Blackpool on 14 March 2020. The watch-list held 412 images; ..."
            d = _from_prose(text, (prev[1][0], sent[1]))
            if d:
                merged = (para, len(out), prev[1][0])
        if d:
            out.append(d)
            prev = None
        elif dated:
            prev = (para, sent)
        else:
            prev = None
    rec.deployments = out


_DIGIT = re.compile(r"\d")
_COUNTED = ("watchlist_size", "alerts", "false_alerts", "stops", "arrests")


def _count(d: Deployment) -> int:
    """How many figures a deployment has."""
    return sum(getattr(d, name) is not None for name in _COUNTED)


def _dated(text: str, s: int, e: int) -> bool:
    """True when ``text[s:e]`` holds a date (every date has a digit; most sentences none)."""
    return _DIGIT.search(text, s, e) is not None and DATE_RE.search(text, s, e) is not None


# A word every match of each _FIGURES pattern holds: the patterns are slow (number words
# tried at every position), and most dated sentences name one kind of figure or none.
_FIGURE_HINTS = {
    "watchlist_size": re.compile(r"watch", re.I),
    "false_alerts": re.compile(r"alert|match|positive|identification", re.I),
    "alerts": re.compile(r"alert|match", re.I),
    "stops": re.compile(r"stop|engage|intervention", re.I),
    "arrests": re.compile(r"arrest", re.I),
}


def _figures(text: str, s: int, e: int) -> dict[str, int]:
    got: dict[str, int] = {}
    taken: list[Span] = []
    for name, pat in _FIGURES:
        if not _FIGURE_HINTS[name].search(text, s, e):
            continue
        for m in pat.finditer(text, s, e):
            if inside((m.start(), m.end()), taken):
                continue
            value = to_int(next(g for g in m.groups() if g))
            if value is None:
                continue
            got.setdefault(name, value)
            taken.append((m.start(), m.end()))
            break
    return got


def _from_prose(text: str, sent: Span) -> Deployment | None:
    s, e = sent
    date_m = DATE_RE.search(text, s, e)
    if not date_m:
        return None
    figures = _figures(text, s, e)
    if not figures:
        return None
    if not (set(figures) & _FR_FIGURES) and not _FR_CONTEXT.search(text, s, e):
        return None  # "5 arrests between 1 and 7 May" alone is crime data, not a deployment
    dates = [parse_date(m.group(0)) for m in DATE_RE.finditer(text, s, e)]
    dates = [d for d in dates if d]
    pm = _PLACE_AFTER_DATE.match(text, date_m.end(), e) or _PLACE.search(text, date_m.end(), e)
    pm = pm or _PLACE.search(text, s, e)
    place = _tidy_place(pm["p"]) if pm else _dash_place(text[s:e])
    return Deployment(
        span=sent,
        date=dates[0] if dates else None,
        end_date=dates[1] if len(dates) > 1 and dates[1] != dates[0] else None,
        place=place,
        technology=first_technology(text, s, e) or "live-facial-recognition",
        text=text[s:e],
        **figures,
    )


def _tidy_place(raw: str) -> str | None:
    words = raw.strip(" ,").split()
    while words and words[-1].lower() in ("of", "on", "upon", "the", "and", "in", "at"):
        words.pop()
    return " ".join(words) or None


def _dash_place(line: str) -> str | None:
    """The place in a dash- or comma-separated list line: the first part with no figure."""
    for part in re.split(r"\s+[-–—]\s+|;\s*", line):
        part = part.strip(" ,.")
        if (
            part
            and not re.search(r"\d", part)
            and not re.search(r"watch|alert|arrest|stop|engage", part, re.I)
        ):
            return part
    return None


def _from_table(text: str, rows: list[Row], skip: list[Span]) -> list[Deployment]:
    header = rows[0]
    heads = [text[a:b] for a, b in header.cells]
    has_header = not DATE_RE.search(text, header.span[0], header.span[1])
    out: list[Deployment] = []
    if has_header:
        mapping: dict[int, str] = {}
        for i, h in enumerate(heads):
            for name, pat in _COLUMNS:
                if pat.search(h) and name not in mapping.values():
                    mapping[i] = name
                    break
        if "date" not in mapping.values() or not (set(mapping.values()) & _FR_FIGURES):
            return []
        tech = first_technology(text, header.span[0], header.span[1])
        for row in rows[1:]:
            if all(inside(c, skip) for c in row.cells):
                continue
            d = Deployment(span=row.span, text=text[row.span[0] : row.span[1]])
            for i, (a, b) in enumerate(row.cells):
                name = mapping.get(i)
                cell = text[a:b]
                if name == "date":
                    dates = [parse_date(m.group(0)) for m in DATE_RE.finditer(cell)]
                    dates = [x for x in dates if x]
                    d.date = dates[0] if dates else None
                    if len(dates) > 1 and dates[1] != dates[0]:
                        d.end_date = dates[1]
                elif name == "place":
                    d.place = cell.strip() or None
                elif name:
                    setattr(d, name, to_int(cell.split()[0]) if cell.split() else None)
            if d.date is None:
                continue  # a totals row
            d.technology = (
                first_technology(text, row.span[0], row.span[1])
                or tech
                or ("live-facial-recognition")
            )
            out.append(d)
        return out
    for row in rows:
        if any(inside(c, skip) for c in row.cells):
            continue
        d = _from_prose(text, row.span)
        if d is None:
            continue
        for a, b in row.cells:
            cell = text[a:b]
            if not re.search(r"\d", cell) and re.search(r"[A-Za-z]{3}", cell):
                d.place = cell.strip()
                break
        out.append(d)
    return out
