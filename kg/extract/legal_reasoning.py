"""Harm, public-interest and balance text of a letter, found through the headings letters
use for it, one fact per paragraph.

Part of ``kg.extract.legal``: ``rec.harm`` (prejudice arguments, with the sections they
support), ``rec.public_interest`` (factors for or against disclosure) and ``rec.balance``
(the conclusion of the public interest test).
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.extract.legal_citations import (
    COST_SECTION,
    _base,
    _Mention,
    _mentions,
    _sections,
)
from kg.extract.textspans import (
    Para,
    sentences,
    strip_markup,
)
from kg.model import (
    BalanceConclusion,
    HarmStatement,
    LetterRecord,
    PublicInterestFactor,
    Span,
)

# ---------------------------------------------------------------- harm / PI / balance

_HARM_HEADING = re.compile(
    r"\bharm\b|\bprejudice\s+test\b|\bevidence\s+of\s+prejudice\b|^(?:the\s+)?prejudice\b", re.I
)
_FACTOR_HEADING = re.compile(
    r"^(?P<head>(?:[^.:\n]{0,60}?\b)?(?:factors?|considerations?|arguments?|reasons?|public\s+interest)"
    r"\b[^.\n]{0,140}?\b(?:favou?r\w*|for|against|supporting|support)\b[^.:\n]{0,140}?)"
    r"(?::\s*(?P<rest>\S.*)|:)?\s*$",
    re.I | re.S,
)
# What a public-interest factor is for or against ("Reasons for decision" is no factor).
_FACTOR_OBJECT = re.compile(
    r"disclos|releas|confirm|den(?:y|ial|ying)|withhold|exempt|complian|comply|maintain|NCND|"
    r"public\s+interest|section|\bS\d|non[\s-]",
    re.I,
)


# The words _FACTOR_HEADING needs: most paragraphs have none, and the full pattern is slow.
_FACTOR_HINT = re.compile(r"factor|consideration|argument|reason|public\s+interest", re.I)


@lru_cache(maxsize=1024)
def _factor_heading(head: str) -> re.Match[str] | None:
    # Cached: the harm, public-interest and balance passes test the same headings.
    if not _FACTOR_HINT.search(head):
        return None
    m = _FACTOR_HEADING.match(head)
    if m and _FACTOR_OBJECT.search(m["head"]):
        return m
    return None


_AGAINST = re.compile(
    r"\bagainst\b|\bfor\s+(?:non[\s-]?disclosure|withholding|neither|maintaining|not\s+)"
    r"|\bfavou?r\w*\s+(?:of\s+)?(?:neither|non[\s-]?disclosure|withholding|"
    r"maintaining|the\s+exemption|not\s+|refus)|\bin\s+favour\s+of\s+(?:neither|non|withholding|"
    r"maintaining|the\s+exemption|refus)",
    re.I,
)
_BALANCE_HEADING = re.compile(
    r"^(?:the\s+)?(?:balanc(?:e|ing)\b|public\s+interest\s+balance|conclusion)", re.I
)
_MAINTAIN = re.compile(
    r"\bbalanc\w*\s+test\b[^.]{0,160}?\bnot\s+made\s+out"
    r"|\bpublic\s+interest\b[^.]{0,30}?\b(?:must|does|would|will|therefore|clearly)?\s*"
    r"(?:favou?rs?|lies?\s+in|is\s+in|rests?\s+in|falls?\s+in)\s+(?:favour\s+of\s+)?"
    r"(?:neither|non[\s-]|withholding|maintaining|not\s+(?:confirming|disclosing|releasing))"
    r"|\bpublic\s+interest\s+does\s+not\s+(?:supersede|outweigh|favou?r\s+(?:disclos|releas|confirm))"
    r"|\bpublic\s+interest\s+in\s+(?:disclos|releas|confirm)\w*[^.]{0,60}?\b(?:is|was|are)\s+"
    r"outweighed"
    r"|\boutweighs?\s+the\s+public\s+interest\s+in\s+(?:disclos|releas|confirm)"
    r"|\bbalance\b[^.]{0,60}?\bin\s+favour\s+of\s+(?:maintaining|withholding|neither|non|the\s+"
    r"exemption|refus)"
    r"|\bexemptions?\s+(?:is|are|has\s+been|have\s+been)\s+(?:therefore\s+)?(?:maintained|upheld)",
    re.I,
)
_DISCLOSE = re.compile(
    r"\bpublic\s+interest\b[^.]{0,30}?\b(?:favou?rs?|lies?\s+in|is\s+in|rests?\s+in|falls?\s+in)\s+"
    r"(?:favour\s+of\s+)?(?:the\s+)?(?:disclos|releas|confirm)"
    r"|\bpublic\s+interest\s+in\s+(?:disclos|releas|confirm)\w*[^.]{0,60}?\boutweighs?\b"
    r"|\bbalance\b[^.]{0,60}?\bin\s+favour\s+of\s+(?:the\s+)?(?:disclos|releas|confirm)",
    re.I,
)
# Every match of _MAINTAIN or _DISCLOSE holds one of these: rules out most paragraphs at once.
_BALANCE_HINT = re.compile(r"balanc|public\s+interest|outweigh|exemption", re.I)
_BULLET_ITEM = re.compile(r"\s*[-•·*▪◦]\s")
_URL_ONLY = re.compile(r"^\s*(?:<?https?://\S+>?|www\.\S+)\s*$")


def _bases_in(text: str, start: int, end: int) -> list[str]:
    return list(_bases_cached(text, start, end))


@lru_cache(maxsize=2048)
def _bases_cached(text: str, start: int, end: int) -> tuple[str, ...]:
    # The harm and public-interest passes ask for the sections of the same paragraphs.
    out: list[str] = []
    for m in _mentions(text, start, end, []):
        b = _base(m.section)
        if b not in out:
            out.append(b)
    return tuple(out)


def _is_heading_like(text: str, p: Para) -> bool:
    # Keyed by plain numbers: hashing a Para calls its Python-level __hash__.
    return _heading_like_cached(text, p.start, p.end, p.heading)


@lru_cache(maxsize=2048)
def _heading_like_cached(text: str, start: int, end: int, heading: bool) -> bool:
    # Asked of the same paragraphs by the harm, public-interest and balance passes.
    if heading:
        return True
    raw = text[start:end]
    if re.match(r"\s*[-•·*▪◦]\s", raw):
        return False  # a bullet point of a list of factors
    body = strip_markup(raw).rstrip()
    return (
        bool(body)
        and (body[0].isupper() or body[0].isdigit())
        and len(body.split()) <= 25
        and not body.endswith((".", "?", "!", ","))
        and not _URL_ONLY.match(body)
    )


def _sections_under(text: str, paras: list[Para], i: int) -> list[int]:
    """Indexes of the body paragraphs after heading ``i`` up to the next heading."""
    out: list[int] = []
    for j in range(i + 1, len(paras)):
        if _is_heading_like(text, paras[j]):
            break
        out.append(j)
    return out


def _good_body(text: str, p: Para) -> bool:
    body = text[p.start : p.end]
    words = strip_markup(body).split()
    return not _URL_ONLY.match(body) and len(words) >= (3 if _BULLET_ITEM.match(body) else 5)


def _default_sections(rec: LetterRecord) -> list[str]:
    out: list[str] = []
    for c in rec.exemptions:
        if c.base_section not in (COST_SECTION, "14") and c.base_section not in out:
            out.append(c.base_section)
    return out


def _fill_harm(text: str, rec: LetterRecord, paras: list[Para], mentions: list[_Mention]) -> None:
    rec.harm = []
    default = _default_sections(rec)
    used: set[int] = set()
    for i, p in enumerate(paras):
        if not _is_heading_like(text, p):
            continue
        head = strip_markup(text[p.start : p.end])
        if not _HARM_HEADING.search(head) or _factor_heading(head):
            continue
        secs = [b for b in _bases_in(text, p.start, p.end) if b != "1"] or default
        for j in range(i + 1, len(paras)):
            q = paras[j]
            if _is_heading_like(text, q):
                sub = strip_markup(text[q.start : q.end])
                sub_secs = [b for b in _bases_in(text, q.start, q.end) if b != "1"]
                if sub_secs and len(sub.split()) <= 3:
                    secs = sub_secs  # "Harm" then "Section 24" / "Section 31" sub-headings
                    continue
                break
            if j in used or not _good_body(text, q):
                continue
            used.add(j)
            rec.harm.append(
                HarmStatement(span=(q.start, q.end), sections=secs, text=text[q.start : q.end])
            )
    if rec.harm or not rec.exemptions:
        return
    # No harm heading: the paragraphs arguing prejudice, outside public-interest sections.
    pi_or_balance = _pi_and_balance_paras(text, paras)
    first = min((c.span[0] for c in rec.exemptions if c.span), default=0)
    for i, p in enumerate(paras):
        if p.heading or i in pi_or_balance or p.start < first:
            continue
        body = text[p.start : p.end]
        if _PREJUDICE.search(body):
            secs = [b for b in _bases_in(text, p.start, p.end) if b != "1"] or default
            rec.harm.append(HarmStatement(span=(p.start, p.end), sections=secs, text=body))


_PREJUDICE = re.compile(
    r"\b(?:would|could|will|may)(?:\s+be\s+likely\s+to)?\s+(?:\w+\s+){0,3}?(?:prejudice|harm|"
    r"undermine|compromise|endanger|jeopardi[sz]e|damage)\b",
    re.I,
)


def _pi_and_balance_paras(text: str, paras: list[Para]) -> set[int]:
    out: set[int] = set()
    for i, p in enumerate(paras):
        if not _is_heading_like(text, p):
            continue
        head = strip_markup(text[p.start : p.end])
        if _factor_heading(head) or _BALANCE_HEADING.match(head):
            out.update(_sections_under(text, paras, i))
    return out


def _fill_public_interest(text: str, rec: LetterRecord, paras: list[Para]) -> None:
    rec.public_interest = []
    qualified = [b for b in _default_sections(rec) if b not in _sections().absolute]
    only = qualified[0] if len(qualified) == 1 else None
    last_section: str | None = None
    for i, p in enumerate(paras):
        body = text[p.start : p.end]
        head = strip_markup(body)
        m = _factor_heading(head)
        heading_like = _is_heading_like(text, p)
        if not m or (not heading_like and not m["rest"]):
            if not heading_like:
                continue  # the sections cited are needed only for headings and factors
            bases = [b for b in _bases_in(text, p.start, p.end) if b != "1"]
            if bases and (len(head.split()) <= 3 or re.search(r"public\s+interest", head, re.I)):
                # "## Section 24" or "Section 31 - Public Interest Test" introduces the factors
                # below it; a citation line ("Section 31(3) Law Enforcement") does not.
                last_section = bases[0]
            continue
        if m["rest"] and len(m["head"]) > 160:
            continue
        bases = [b for b in _bases_in(text, p.start, p.end) if b != "1"]
        direction = "against" if _AGAINST.search(m["head"]) else "favouring"
        section = bases[0] if bases else (last_section or only)
        if m["rest"] and not heading_like:
            off = p.start + body.index(m["rest"][:20]) if m["rest"][:20] in body else p.start
            rec.public_interest.append(
                PublicInterestFactor(
                    span=(off, p.end), section=section, direction=direction, text=text[off : p.end]
                )
            )
            continue
        for j in _sections_under(text, paras, i):
            q = paras[j]
            if not _good_body(text, q):
                continue
            rec.public_interest.append(
                PublicInterestFactor(
                    span=(q.start, q.end),
                    section=section,
                    direction=direction,
                    text=text[q.start : q.end],
                )
            )


def _fill_balance(text: str, rec: LetterRecord, paras: list[Para]) -> None:
    rec.balance = None
    best: tuple[Span, str] | None = None
    for p in paras:
        if p.heading or not _BALANCE_HINT.search(text, p.start, p.end):
            continue
        for s in sentences(text, (p.start, p.end)):
            if _MAINTAIN.search(text, s[0], s[1]):
                best = (s, "maintain-exemption")
            elif _DISCLOSE.search(text, s[0], s[1]):
                best = (s, "disclose")
    if best is None and rec.public_interest:
        for i, p in enumerate(paras):
            if _is_heading_like(text, p) and _BALANCE_HEADING.match(
                strip_markup(text[p.start : p.end])
            ):
                under = [
                    paras[j] for j in _sections_under(text, paras, i) if _good_body(text, paras[j])
                ]
                if under:
                    last = sentences(text, (under[-1].start, under[-1].end))[-1]
                    outcome = (
                        "disclose"
                        if _DISCLOSE.search(text, last[0], last[1])
                        else "maintain-exemption"
                    )
                    best = (last, outcome)
    if best:
        (s, e), outcome = best
        rec.balance = BalanceConclusion(span=(s, e), outcome=outcome, text=text[s:e])
