"""Threat-level statements: the level asserted as current, and claims about past levels.

``fill(text, rec, region)`` sets ``rec.threat_level`` and ``rec.threat_history``.

* Current level: a level word (``kg.terms.THREAT_LEVELS``) after "threat" in the same
  clause, with a present-tense cue between them ("the current threat level is set at
  Substantial", "threat is currently categorised as 'substantial'", "the UK threat level is
  SEVERE", "remains at substantial"). Past-tense clauses ("was raised to ... 'critical'") are
  history, not the current level, unless glossed in the present tense ("was lowered to
  SUBSTANTIAL in 2022, which means an attack is likely"). The first such statement in the
  letter wins.
* History: a sentence about the threat level that names a baseline held "since <year>"
  ("has remained at ... 'severe'"), counted exceptions ("three short periods", "twice") or
  month-year periods ("August 2006, June and July 2007, May and June 2017") at another level
  ("raised to the highest threat, 'critical'"). Every period keeps its label as written.
* Relative years ("May and June last year", "this year") resolve against the response
  date when the structure pass set ``rec.response_date``, else against the year written in the
  reference ("13457_18" -> 2018, "992/20" -> 2020, "FOI2017/01696" -> 2017); when neither is
  known, start and end stay ``None``.
"""

from __future__ import annotations

import re

from kg.extract.textspans import (
    MONTH_RE,
    MONTHS,
    NUMBER_WORD_RE,
    clip,
    inside,
    paragraphs,
    requester_spans,
    sentences,
    to_int,
)
from kg.model import LetterRecord, Span, ThreatHistoryClaim, ThreatLevelClaim, ThreatPeriod
from kg.terms import THREAT_LEVELS

_LEVEL = re.compile(r"\b(" + "|".join(THREAT_LEVELS) + r")\b", re.I)
_THREAT = re.compile(r"\bthreat\b", re.I)
_PRESENT = re.compile(
    r"\b(?:is|are|remains?|stands?|currently|current|presently|present|now|today|still)\b", re.I
)
_PAST = re.compile(r"\b(?:was|were|had|remained|been|raised|lowered|reduced|increased)\b", re.I)
_CLAUSE_BREAK = re.compile(r"[;,]\s+(?:and|but|except|when|which|whereas|while)\b|\bexcept\b", re.I)
_LEAD_BREAK = re.compile(r"[,;]|\b(?:and|that|which|but|upon|on)\b", re.I)
_HISTORY_CUE = re.compile(
    r"\bsince\s+(?:" + MONTH_RE + r"\s+)?(?:19|20)\d{2}\b|\bexcept\b|\bperiods?\b|\boccasions?\b"
    r"|\b(?:raised|lowered|reduced|increased)\s+to\b",
    re.I,
)
_SINCE = re.compile(
    r"\bsince\s+(?:(?P<month>" + MONTH_RE + r")\s+)?(?P<year>(?:19|20)\d{2})\b", re.I
)
_FILLER = r"(?:(?!raised|lowered|reduced|increased|elevated|moved|changed)[\w-]+\s+){0,3}?"
_BASELINE = re.compile(
    r"\b(?:has|have|had)\s+(?:remained|stayed|been)\s+(?:at\s+)?(?:the\s+)?"
    + _FILLER
    + r"(?:level\s+(?:of\s+)?)?[‘'\"“]?(?P<level>"
    + "|".join(THREAT_LEVELS)
    + r")\b"
    r"|\bremained\s+at\s+(?:the\s+)?" + _FILLER + r"(?:level\s+(?:of\s+)?)?[‘'\"“]?"
    r"(?P<level2>" + "|".join(THREAT_LEVELS) + r")\b",
    re.I,
)
_COUNT = re.compile(
    r"\b(?P<n>"
    + NUMBER_WORD_RE
    + r"|\d{1,2})\s+(?:(?:short|brief|separate|distinct|occasional)\s+)?"
    r"(?:periods?|occasions?|times|instances?)\b|\b(?P<adv>once|twice|thrice)\b",
    re.I,
)
_RAISED_TO = re.compile(
    r"\b(?:raised|increased|elevated|moved|rose|heightened|went\s+up)\b[^.;]{0,60}?[‘'\"“]?"
    r"(?P<level>" + "|".join(THREAT_LEVELS) + r")\b",
    re.I,
)
_MONTHS_GROUP = rf"{MONTH_RE}(?:\s*(?:,|and|&|/|-|–|to)\s*{MONTH_RE})*"
_PERIOD = re.compile(
    rf"(?P<label>(?P<months>{_MONTHS_GROUP})\s+(?:of\s+)?(?P<year>(?:19|20)\d{{2}}\b|last\s+year\b|"
    rf"this\s+year\b|the\s+previous\s+year\b|the\s+same\s+year\b))",
    re.I,
)
_MONTH_ONLY = re.compile(MONTH_RE, re.I)


def reference_year(rec: LetterRecord) -> int | None:
    """The year relative dates count from: the response date's, else the reference's."""
    if rec.response_date and re.match(r"\d{4}", rec.response_date):
        return int(rec.response_date[:4])
    ref = rec.reference or ""
    four = re.findall(r"(?<!\d)((?:19|20)\d{2})(?!\d)", ref)
    if four:
        return int(four[0])
    two = re.findall(r"(?:^|[^\d])(\d{2})(?=$|[^\d])", ref)
    if two:
        yy = int(two[-1])
        return 2000 + yy if yy <= 69 else 1900 + yy
    return None


def fill(text: str, rec: LetterRecord, region: tuple[int, int]) -> None:
    """Set ``rec.threat_level`` and ``rec.threat_history`` from the letter region."""
    start, end = clip(text, region)
    skip = requester_spans(rec)
    rec.threat_level = None
    rec.threat_history = []
    year = reference_year(rec)
    for p in paragraphs(text, (start, end)):
        if not _THREAT.search(text, p.start, p.end):
            continue
        prev_threat = False
        for s in sentences(text, (p.start, p.end)):
            if inside(s, skip):
                prev_threat = False
                continue
            has_threat = bool(_THREAT.search(text, s[0], s[1]))
            if has_threat and rec.threat_level is None:
                level = _current_level(text, s)
                if level:
                    rec.threat_level = ThreatLevelClaim(span=s, level=level, text=text[s[0] : s[1]])
            # A history may go on in the next sentence ("It was raised to critical in May 2017").
            if has_threat or prev_threat:
                claim = _history(text, s, year)
                if claim:
                    rec.threat_history.append(claim)
            prev_threat = has_threat


_PERFECT_TO = re.compile(
    r"\bthreat\b[^.;]{0,60}?\b(?:has|have)\s+(?:now\s+|recently\s+|just\s+)?been\s+(?:raised|"
    r"lowered|reduced|increased|changed|downgraded|upgraded|moved)\s+(?:from\s+[‘'\"“]?\w+[’'\"”]?\s+)?"
    r"to\s+[‘'\"“]?(?P<level>" + "|".join(THREAT_LEVELS) + r")\b",
    re.I,
)


# "was lowered to SUBSTANTIAL in February 2022, which means an attack is likely": a change
# glossed in the present tense states the level that holds now.
_CHANGE_GLOSSED = re.compile(
    r"\bthreat\b[^.;]{0,80}?\b(?:raised|lowered|reduced|increased|changed|downgraded|upgraded|"
    r"moved)\s+(?:from\s+[‘'\"“]?\w+[’'\"”]?\s+)?to\s+[‘'\"“]?(?P<level>"
    + "|".join(THREAT_LEVELS)
    + r")\b[^.;]{0,50}?\b(?:meaning|which\s+means|this\s+means)\s+(?:that\s+)?"
    r"(?:an?\s+)?(?:terrorist\s+)?attack\s+is\b",
    re.I,
)
_LABEL_FORM = re.compile(
    r"\bthreat\s+level\s*[:\-–—|]\s*[‘'\"“]?(?P<level>" + "|".join(THREAT_LEVELS) + r")\b", re.I
)
_COUNTED = re.compile(r"\b(?:occasions?|times|twice|thrice|periods?|instances?)\b", re.I)


# "threat" is also a plain noun ("the threat posed by a single disclosure is low"): a level word
# after it is the terrorism threat level only in a sentence about that level, or when written
# as a term (quoted, capitalised: "LOW", 'moderate', "Substantial").
_LEVEL_CONTEXT = re.compile(
    r"\bthreat\s+levels?\b|\blevel\s+of\s+(?:the\s+)?threat\b|\bterroris|\bnational\s+threat\b"
    r"|\b(?:UK|GB|British)\s+threat\b|\bJTAC\b|\bJoint\s+Terrorism\b|\bMI5\b"
    r"|\bmeaning\s+(?:that\s+)?an\s+attack\b|\ban\s+attack\s+is\b",
    re.I,
)


def _as_term(text: str, m: re.Match[str]) -> bool:
    word = m.group(1)
    quoted = text[m.start() - 1 : m.start()] in "'\"‘“" and m.start() > 0
    return quoted or not word.islower()


def _current_level(text: str, sent: Span) -> str | None:
    s, e = sent
    # "The threat level has (recently) been lowered from severe to substantial": the level
    # it now stands at.
    label = _LABEL_FORM.search(text, s, e)  # "UK threat level: SUBSTANTIAL"
    if label:
        return label["level"].lower()
    perfect = _PERFECT_TO.search(text, s, e) or _CHANGE_GLOSSED.search(text, s, e)
    if perfect and not _COUNTED.search(text, s, e):  # "has been raised to critical twice"
        return perfect["level"].lower()
    for m in _LEVEL.finditer(text, s, e):
        threat_at = None
        for t in _THREAT.finditer(text, s, m.start()):
            threat_at = t.start()
        if threat_at is None or m.start() - threat_at > 90:
            continue
        # The clause from a little before "threat" ("the current threat level") to the level.
        pre = text[max(s, threat_at - 30) : threat_at]
        cuts = list(_LEAD_BREAK.finditer(pre))
        if cuts:
            pre = pre[cuts[-1].end() :]
        window = pre + text[threat_at : m.start()]
        breaks = list(_CLAUSE_BREAK.finditer(window))
        if breaks:
            window = window[breaks[-1].end() :]
        if not _PRESENT.search(window):
            continue
        if _PAST.search(window) and not re.search(r"\bcurrent(?:ly)?\b|\bremains\b", window, re.I):
            continue
        if not _as_term(text, m) and not _LEVEL_CONTEXT.search(text, s, e):
            continue
        return m.group(1).lower()
    return None


_LEVELS_RE = "|".join(THREAT_LEVELS)
# "It was lowered from moderate to low in March 2024": the new level holds since that date.
_CHANGE = re.compile(
    r"\b(?:raised|lowered|reduced|increased|downgraded|upgraded|changed|moved)\s+from\s+"
    rf"[‘'\"“]?(?P<old>{_LEVELS_RE})[’'\"”]?\s+to\s+[‘'\"“]?(?P<new>{_LEVELS_RE})[’'\"”]?"
    rf"\s+(?:in|on|during)\s+(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?(?:{MONTH_RE}\s+)?"
    r"(?P<year>(?:19|20)\d{2})\b",
    re.I,
)


def _history(text: str, sent: Span, year: int | None) -> ThreatHistoryClaim | None:
    claim = _baseline_history(text, sent, year)
    if claim is not None:
        return claim
    body = text[sent[0] : sent[1]]
    change = _CHANGE.search(body)
    if change is None:
        return None
    return ThreatHistoryClaim(
        span=sent, text=body, baseline_level=change["new"].lower(), since=change["year"]
    )


def _baseline_history(text: str, sent: Span, year: int | None) -> ThreatHistoryClaim | None:
    s, e = sent
    body = text[s:e]
    if not _HISTORY_CUE.search(body) or not _LEVEL.search(body):
        return None
    base = _BASELINE.search(body)
    baseline = (base["level"] or base["level2"]).lower() if base else None
    since = _SINCE.search(body)
    count_m = _COUNT.search(body)
    stated = None
    if count_m:
        stated = to_int(count_m["n"] or count_m["adv"])
    raised = _RAISED_TO.search(body)
    period_level = raised["level"].lower() if raised else None
    if period_level is None:
        others = [
            m.group(1).lower() for m in _LEVEL.finditer(body) if m.group(1).lower() != baseline
        ]
        period_level = others[-1] if others else None
    periods: list[ThreatPeriod] = []
    if period_level:
        search_from = base.end() if base else 0
        for m in _PERIOD.finditer(body, search_from):
            if re.search(
                r"\b(?:since|from|until|till)\s+$", body[max(0, m.start() - 8) : m.start()], re.I
            ):
                continue  # "since August 2006" dates the baseline, it is no exception
            periods.append(_period(period_level, m, year))
    if baseline is None and not periods:
        return None
    if since is None and not periods and stated is None:
        return None
    return ThreatHistoryClaim(
        span=sent,
        text=body,
        baseline_level=baseline,
        since=since["year"] if since else None,
        periods=periods,
        stated_count=stated,
    )


def _period(level: str, m: re.Match[str], year: int | None) -> ThreatPeriod:
    label = " ".join(m["label"].split())
    months = [MONTHS[x.lower().rstrip(".")] for x in _MONTH_ONLY.findall(m["months"])]
    raw_year = m["year"].lower()
    y: int | None
    if raw_year.isdigit():
        y = int(raw_year)
    elif year is None:
        y = None
    elif "last" in raw_year or "previous" in raw_year:
        y = year - 1
    else:
        y = year
    if y is None or not months:
        return ThreatPeriod(level=level, label=label)
    return ThreatPeriod(
        level=level,
        label=label,
        start=f"{y:04d}-{min(months):02d}",
        end=f"{y:04d}-{max(months):02d}",
    )
