"""Money the force discloses: amount, financial year, purpose, technology.

``fill(text, rec, region)`` sets ``rec.expenditure``. Amounts are "£26,345.00", "£1.2m",
"£200k", "£3 million" (GBP; "$" and "€" are read too, with their currency). The financial year
comes from the same table row or sentence ("2019/20", "2019-2020", "FY 2020/21" -> "2019/20"
style; a lone "in 2019" -> "2019"). In a table the purpose is the column heading (or the row
label); in prose, the words after "for"/"on" ("£26,345.00 on software licences").

Not expenditure: the cost limit of a refusal (£450 / £600 / £25 an hour near "limit", "hours",
"appropriate"), and money in the requester's questions.
"""

from __future__ import annotations

import re

from kg.extract.techterms import find_technologies, first_technology
from kg.extract.textspans import (
    Row,
    SpanSet,
    clip,
    hypothetical,
    inside,
    letter_sentences,
    requester_spans,
    sentences,
    table_rows,
)
from kg.model import Expenditure, LetterRecord, Span

MONEY = re.compile(
    r"(?P<cur>[£$€])\s?(?P<num>\d{1,3}(?:,\d{3})+|\d+)(?P<dec>\.\d{1,2})?"
    r"(?:\s?(?P<mult>million|m|bn|billion|k|thousand)\b)?",
    re.I,
)
_FY = re.compile(
    r"\b(?:FY\s?|financial\s+year\s+)?(?P<a>(?:19|20)\d{2})\s?[/\-–]\s?(?P<b>(?:19|20)?\d{2})\b",
    re.I,
)
_YEAR = re.compile(r"\b(?:in|during|for)\s+(?P<y>(?:19|20)\d{2})\b")
_COST_LIMIT = re.compile(
    r"\b(?:appropriate\s+limit|cost\s+limit|fees?\s+limit|per\s+hour|an\s+hour|18\s+hours|"
    r"hourly|section\s+12|fees\s+regulations)\b",
    re.I,
)
_PURPOSE = re.compile(
    r"\s*(?:(?:was\s+|were\s+|has\s+been\s+|have\s+been\s+)?(?:spent\s+|paid\s+|invested\s+|"
    r"allocated\s+)?(?:on|for|towards)\s+(?:the\s+)?(?P<p>[^.;,\n()£$€]{3,80})"
    r"|\s*\((?P<p2>[^)\d£]{3,80})\)"
    r"|\s*[,–-]\s*(?:mainly|mostly|largely|principally|chiefly|being|covering)\s+(?:for\s+|on\s+)?"
    r"(?P<p3>[^.;\n()]{3,80}))",
    re.I,
)
_PURPOSE_BEFORE = re.compile(
    r"(?:cost|costs|spend|spent|expenditure|price|value|budget)\s+(?:of|on|for)\s+(?:the\s+)?"
    r"(?P<p>[^.;,\n()]{3,80}?)\s+(?:was|were|is|are|amounted\s+to|totalled|came\s+to|of)\s*$",
    re.I,
)
_CURRENCY_SIGN = re.compile(r"[£$€]")
_MULT = {"m": 1e6, "million": 1e6, "bn": 1e9, "billion": 1e9, "k": 1e3, "thousand": 1e3}
_CURRENCY = {"£": "GBP", "$": "USD", "€": "EUR"}


def amount(m: re.Match[str]) -> float:
    """The value of a ``MONEY`` match in units of its currency."""
    value = float(m["num"].replace(",", "") + (m["dec"] or ""))
    if m["mult"]:
        value *= _MULT[m["mult"].lower()]
    return round(value, 2)


def financial_year(raw: str) -> str | None:
    """ "2019-2020" / "FY 2019/20" -> "2019/20"; None when there is none."""
    m = _FY.search(raw)
    if not m:
        return None
    a = int(m["a"])
    b = m["b"][-2:]
    if int(b) != (a + 1) % 100:
        return None
    return f"{a}/{b}"


def _is_cost_limit(text: str, s: int, e: int, value: float) -> bool:
    window = text[max(0, s - 120) : min(len(text), e + 120)]
    return value in (450.0, 600.0, 25.0) or bool(_COST_LIMIT.search(window))


def fill(text: str, rec: LetterRecord, region: tuple[int, int]) -> None:
    """Set ``rec.expenditure`` from the letter region."""
    start, end = clip(text, region)
    skip = requester_spans(rec)
    out: list[Expenditure] = []
    table_spans: list[Span] = []
    for table in table_rows(text, (start, end)):
        table_spans.extend(r.span for r in table)
        out.extend(_from_table(text, table, skip))
    skip_set, table_set = SpanSet(skip), SpanSet(table_spans)  # tested once per sentence
    for _para, sent in letter_sentences(text, (start, end)):
        if not _CURRENCY_SIGN.search(text, sent[0], sent[1]):
            continue  # no amount without a currency sign: most sentences
        if inside(sent, skip_set) or inside(sent, table_set):
            continue
        out.extend(_from_sentence(text, sent))
    for x in out:
        if x.technology is None and x.span is not None:
            x.technology = _context_technology(rec, x.span)
    rec.expenditure = out


def _context_technology(rec: LetterRecord, span: Span) -> str | None:
    """The technology of the question a passage answers, else the one the force uses."""
    by_number = {q.number.strip().lower(): q for q in rec.questions if q.number}
    for a in rec.answers:
        if a.span and a.span[0] <= span[0] < a.span[1] and len(a.questions) <= 2:
            for n in a.questions:
                q = by_number.get(n.strip().lower())
                if q and q.text and (tech := first_technology(q.text, 0, len(q.text))):
                    return tech
            # Else the kind the answer itself names ("The OIFR app ... cost £21,750"), when
            # it names only one.
            named = {t for t, _ in find_technologies(rec.text, a.span[0], a.span[1])}
            if len(named) == 1:
                return named.pop()
    in_use = {u.technology for u in rec.technologies if u.status in ("in-use", "trialled")}
    return in_use.pop() if len(in_use) == 1 else None


def _from_sentence(text: str, sent: Span) -> list[Expenditure]:
    out: list[Expenditure] = []
    body = text[sent[0] : sent[1]]
    for m in MONEY.finditer(text, sent[0], sent[1]):
        value = amount(m)
        if _is_cost_limit(text, m.start(), m.end(), value) or hypothetical(
            text, sent[0], m.start()
        ):
            continue  # the cost limit, or "you asked whether the force spent £50,000"
        fy = _year_near(text, sent, m)
        out.append(
            Expenditure(
                span=sent,
                amount=value,
                currency=_CURRENCY[m["cur"]],
                financial_year=fy,
                purpose=_prose_purpose(text, sent, m),
                technology=first_technology(text, sent[0], sent[1]),
                text=body,
            )
        )
    return out


def _year_near(text: str, sent: Span, m: re.Match[str]) -> str | None:
    """The financial year of an amount. A sentence written "£X in 2018/19, £Y in 2019/20"
    puts each year after its amount; "2018/19: £X. 2019/20: £Y" puts it before."""
    years = [
        (x.start(), fy)
        for x in _FY.finditer(text, sent[0], sent[1])
        if (fy := financial_year(x.group(0)))
    ]
    if years:
        first_money = MONEY.search(text, sent[0], sent[1])
        years_follow = first_money is not None and first_money.start() < years[0][0]
        after = [fy for pos, fy in years if pos >= m.end()]
        before = [fy for pos, fy in years if pos < m.start()]
        if years_follow and after:
            return after[0]
        if before:
            return before[-1]
        if after:
            return after[0]
    y = _YEAR.search(text, sent[0], sent[1])
    return y["y"] if y else None


def _prose_purpose(text: str, sent: Span, m: re.Match[str]) -> str | None:
    after = _PURPOSE.match(text, m.end(), sent[1])
    if after:
        return _tidy(after["p"] or after["p2"] or after["p3"])
    before = _PURPOSE_BEFORE.search(text, sent[0], m.start())
    if before:
        return _tidy(before["p"])
    return None


def _tidy(raw: str) -> str | None:
    raw = re.split(r"\s+(?:in|during)\s+(?:the\s+)?(?:financial\s+year|FY|(?:19|20)\d{2})", raw)[0]
    raw = raw.strip(" -–:")
    raw = re.sub(r"\s+(?:and|or|with|plus|of)$", "", raw)
    return raw or None


def _from_table(text: str, rows: list[Row], skip: list[Span]) -> list[Expenditure]:
    if not any(MONEY.search(text, r.span[0], r.span[1]) for r in rows):
        return []
    header = rows[0]
    has_header = not MONEY.search(text, header.span[0], header.span[1])
    heads = [text[a:b] for a, b in header.cells] if has_header else []
    table_tech = first_technology(text, header.span[0], header.span[1]) if has_header else None
    out: list[Expenditure] = []
    for row in rows[1:] if has_header else rows:
        if all(inside(c, skip) for c in row.cells):
            continue
        cells = [text[a:b] for a, b in row.cells]
        row_text = text[row.span[0] : row.span[1]]
        fy = next((f for c in cells if (f := financial_year(c))), None)
        if fy is None:
            fy = next(
                (c.strip() for c in cells if re.fullmatch(r"(?:19|20)\d{2}", c.strip())), None
            )
        label = next(
            (
                c
                for c in cells
                if not MONEY.search(c) and not financial_year(c) and re.search(r"[A-Za-z]{3}", c)
            ),
            None,
        )
        for i, (a, b) in enumerate(row.cells):
            if inside((a, b), skip):
                continue
            if financial_year(text[a:b]) or len(text[a:b]) > 40:
                # an answer written as prose inside a cell: read it as sentences
                row_tech = first_technology(text, row.span[0], row.span[1]) or table_tech
                for sent in sentences(text, (a, b)):
                    for x in _from_sentence(text, sent):
                        x.technology = x.technology or row_tech
                        out.append(x)
                continue
            for m in MONEY.finditer(text, a, b):
                value = amount(m)
                if _is_cost_limit(text, m.start(), m.end(), value):
                    continue
                head = heads[i] if i < len(heads) else None
                purpose = label
                if head and not re.fullmatch(
                    r"(?:amount|cost|costs|spend|total|value|£|gbp|expenditure)(?:\s*\(£\))?",
                    head.strip().lower(),
                ):
                    purpose = head if label is None else f"{label} - {head}"
                out.append(
                    Expenditure(
                        span=row.span,
                        amount=value,
                        currency=_CURRENCY[m["cur"]],
                        financial_year=fy,
                        purpose=purpose,
                        technology=first_technology(text, row.span[0], row.span[1]) or table_tech,
                        text=row_text,
                    )
                )
    return out
