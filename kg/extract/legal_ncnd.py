"""Neither-confirm-nor-deny statements and "overt use only" notes of a letter.

Part of ``kg.extract.legal``: an NCND statement is a sentence in which the force neither
confirms nor denies; its scope is covert use, named questions or the whole request, and the
citations in its paragraph (or the list right after it) ground it. Also the question a passage
answers (from the label that opens its paragraph) and question numbers as the letter writes
them, which the exemption citations use too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.extract.legal_citations import (
    _PREFIX,
    _SUB,
    _quoted_spans,
)
from kg.extract.techterms import first_technology
from kg.extract.textspans import (
    Para,
    clip,
    inside,
    paragraphs,
    requester_spans,
    sentences,
)
from kg.model import (
    LetterRecord,
    Span,
)


@dataclass
class _Statement:
    span: Span  # the sentence
    cover: Span  # where its grounding citations may sit
    scope: str
    questions: list[str] = field(default_factory=list)
    partial: bool = False
    technology: str | None = None


# ---------------------------------------------------------------- NCND statements

_NCND = re.compile(
    r"\bneither\s+(?:to\s+)?confirm(?:s|ed)?\s+n?or\s+den(?:y|ies|ied)\b"
    r"|\b(?:can\s?not|can['’]t|will\s+not|won['’]t|unable\s+to|not\s+able\s+to|would\s+not|"
    r"does\s+not|do\s+not|is\s+not\s+(?:able|obliged)\s+to)\s+(?:either\s+)?confirm\s+n?or\s+deny\b"
    r"|\b(?:is|are|am|be|been|remain|remains)\s+(?:\w+ly\s+)?neither\s+confirming\s+nor\s+denying\b"
    r"|\bNCND\b",
    re.I,
)
# Every match of _NCND holds one of these words: a cheap test that rules out a paragraph.
_NCND_HINT = re.compile(r"confirm|NCND", re.I)
_NCND_ACRONYM_VERB = re.compile(
    r"\b(?:apply|applies|applying|applied|issue[sd]?|issuing|rel(?:y|ies|ying|ied)|position|"
    r"response|stance|invok\w+|cit\w+)\b",
    re.I,
)
# "The Act allows a public authority to neither confirm nor deny ...": the law explained.
_NCND_EXPLAINED = re.compile(
    r"\b(?:allows?|permits?|entitles?|enables?)\s+(?:a\s+|any\s+|the\s+)?(?:public\s+)?authorit",
    re.I,
)
_COVERT = re.compile(r"\bcovert(?:ly)?\b", re.I)
_BEYOND_ANSWER = re.compile(
    r"\b(?:any|no)\s+(?:other|further|additional|more)\s+(?:relevant\s+)?information\b", re.I
)
# An NCND about a person ("the named individual", s.40(5)) is no NCND on covert use.
_PERSONAL = re.compile(
    r"\bpersonal\s+(?:data|information)\b|\bnamed\s+(?:individual|person)|\b40\s?\(5", re.I
)
_PARTIAL = re.compile(r"\bpartial(?:ly)?\b|\bin\s+part\b", re.I)
_QUESTION_REF = re.compile(
    r"\b(?:questions?|Q)\s*(?P<n>\d{1,2}[a-z]?)(?P<more>(?:\s*(?:,|and|&|or|-|to)\s*(?:Q\s*)?\d{1,2}[a-z]?\b)*)",
    re.I,
)


def _question_numbers(raw: str) -> list[str]:
    m = _QUESTION_REF.search(raw)
    if not m:
        return []
    nums = re.findall(r"\d{1,2}[a-z]?", m.group(0), re.I)
    return [n.lower() for n in nums]


def _norm_q(number: str) -> str:
    return re.sub(r"^(?:q(?:uestion)?\.?\s*)", "", number.strip().lower()).strip(" .)")


_LABEL = re.compile(
    r"^[\s*#>-]*(?:(?:Q(?:uestion)?\s*|(?:Answer|Response|Reply)s?\s+(?:to\s+)?(?:Q(?:uestion)?\s*)?)"
    r"\(?(?P<a>\d{1,2}[a-z]?)\)?|\(?(?P<b>\d{1,2}[a-z]?)[.)])(?=[\s:.)]|$)",
    re.I | re.M,
)


def _label_of(text: str, p: Para) -> str | None:
    m = _LABEL.match(text, p.start, p.end)
    return (m["a"] or m["b"]).lower() if m else None


def local_question(
    text: str, paras: list[Para], pos: int, skip: list[Span], *, back: int = 3
) -> list[str] | None:
    """The question a passage answers, from the label that opens its paragraph ("2.",
    "Q5 response:", "Answer to (3):") or a label heading a few paragraphs before it."""
    idx = next((i for i, p in enumerate(paras) if p.start <= pos < p.end + 1), None)
    if idx is None:
        return None
    for j in range(idx, max(-1, idx - back - 1), -1):
        p = paras[j]
        if inside((p.start, p.end), skip):
            return None
        label = _label_of(text, p)
        if label:
            return [label]
    return None


def as_written(rec: LetterRecord, numbers: list[str]) -> list[str]:
    """Question numbers in the form the letter's questions and answers use ("3" -> "Q3")."""
    written: dict[str, str] = {}
    for a in rec.answers:
        for n in a.questions:
            written.setdefault(_norm_q(n), n)
    for q in rec.questions:
        if q.number:
            written[_norm_q(q.number)] = q.number
    return [written.get(_norm_q(n), n) for n in numbers]


def _answer_questions(rec: LetterRecord, span: Span) -> list[str] | None:
    """The questions of the answer that contains ``span``, when it answers only some."""
    all_q = {_norm_q(q.number) for q in rec.questions if q.number}
    for a in rec.answers:
        # The sentence ends inside the answer (it may begin with the "Answer:" label).
        if a.span and a.span[0] < span[1] <= a.span[1] and a.questions:
            qs = [_norm_q(n) for n in a.questions]
            if not all_q or set(qs) < all_q:
                return qs
    return None


def find_ncnd(text: str, rec: LetterRecord, region: Span) -> list[_Statement]:
    """NCND statements of the letter with their scope (see the module notes)."""
    # The legal and technology steps both need the statements of the same letter. The key
    # holds everything of the record they depend on (questions, answers, request span), so a
    # changed record is never served stale statements; callers get copies they may change.
    key = (
        text,
        clip(text, region),
        rec.text,
        tuple((q.number, _span_key(q.span)) for q in rec.questions),
        tuple((_span_key(a.span), tuple(a.questions)) for a in rec.answers),
        _span_key(rec.field_spans.get("request_text")),
    )
    hit = _ncnd_cache.get(key)
    if hit is None:
        hit = tuple(_find_ncnd(text, rec, region))
        if len(_ncnd_cache) >= 8:
            _ncnd_cache.clear()
        _ncnd_cache[key] = hit
    return [
        _Statement(s.span, s.cover, s.scope, list(s.questions), s.partial, s.technology)
        for s in hit
    ]


_ncnd_cache: dict[tuple[object, ...], tuple[_Statement, ...]] = {}


def _span_key(span: Span | None) -> Span | None:
    return (span[0], span[1]) if span else None


def _find_ncnd(text: str, rec: LetterRecord, region: Span) -> list[_Statement]:
    start, end = clip(text, region)
    skip = requester_spans(rec) + _quoted_spans(text, start, end)
    paras = paragraphs(text, (start, end))
    out: list[_Statement] = []
    for pi, p in enumerate(paras):
        if p.heading and len(text[p.start : p.end].split()) <= 8:
            continue  # a title such as "Overall Harm for NCND", not a statement
        if not _NCND_HINT.search(text, p.start, p.end):
            continue  # no sentence of the paragraph can be an NCND
        sents = sentences(text, (p.start, p.end))
        found = [
            s
            for s in sents
            if (m := _NCND.search(text, s[0], s[1]))
            and not inside(s, skip)
            and (m.group(0).upper() != "NCND" or _NCND_ACRONYM_VERB.search(text, s[0], s[1]))
            and not _NCND_EXPLAINED.search(text, s[0], s[1])
        ]
        for i, s in enumerate(found):
            nxt = found[i + 1][0] if i + 1 < len(found) else p.end
            cover_end = _cover_end(text, paras, pi, nxt, last=i + 1 == len(found))
            sent = text[s[0] : s[1]]
            idx = sents.index(s)
            before = text[sents[idx - 1][0] : sents[idx - 1][1]] if idx else ""
            named_qs = _question_numbers(sent)
            personal = _PERSONAL.search(text, s[0], cover_end)
            if _COVERT.search(sent) or (
                not named_qs
                and not personal
                and (_BEYOND_ANSWER.search(sent) or _COVERT.search(before))
            ):
                # "covert", or "any other information" beyond the answers just given
                scope, qs = "covert-use", []
            elif qs_found := (
                _question_numbers(sent)
                or local_question(text, paras, s[0], skip, back=0)
                or _answer_questions(rec, s)
            ):
                scope, qs = "question", qs_found
            else:
                scope, qs = "whole-request", []
            para_text = text[p.start : p.end]
            partial = bool(_PARTIAL.search(sent)) or bool(
                re.search(r"\bpartial\s+(?:NCND|neither)", para_text, re.I)
            )
            out.append(
                _Statement(
                    span=s,
                    cover=(s[0], cover_end),
                    scope=scope,
                    questions=as_written(rec, qs),
                    partial=partial,
                    technology=first_technology(text, s[0], s[1]),
                )
            )
    return out


_CITATION_LINE = re.compile(rf"^\W*(?:{_PREFIX}\s*)?\d{{1,2}}A?{_SUB}*\b", re.M)


def _cover_end(text: str, paras: list[Para], pi: int, default: int, *, last: bool) -> int:
    """End of the text whose citations ground an NCND: its paragraph, plus a following list
    of citation lines when the paragraph announces them ("... the following exemptions:")."""
    p = paras[pi]
    if not last:
        return default
    body = text[p.start : p.end].rstrip()
    end = p.end
    if body.endswith(":") or re.search(r"following\s+exemptions?", body, re.I):
        for q in paras[pi + 1 : pi + 8]:
            line = text[q.start : q.end]
            if (
                len(line) <= 130
                and _CITATION_LINE.match(line)
                and not re.search(r"[.;]\s+\S", line)
            ):
                end = q.end
            else:
                break
    return end


# ---------------------------------------------------------------- overt only

# Every _OVERT_ONLY match holds the word "overt" (after a space or at a word boundary).
_OVERT_WORD = re.compile(r"\bovert", re.I)
_OVERT_ONLY = re.compile(
    r"\bovert\s+(?:use|deployment|capabilit\w+|facial\s+recognition)s?\s+only\b"
    r"|\b(?:relates?|relating|refers?|applies|apply)\s+(?:only\s+)?to\s+(?:the\s+)?overt\b"
    # "this response is confined to the overt use", "answers are limited to overt ..."
    r"|\b(?:confined|limited|restricted)\s+(?:solely\s+|only\s+)?to\s+(?:the\s+)?overt\b"
    r"|\bonly\s+(?:relates?\s+to\s+|to\s+|in\s+relation\s+to\s+|covers?\s+|concerns?\s+)?"
    r"(?:the\s+)?overt\b"
    r"|\b(?:with|in)\s+(?:regards?|respect|relation|reference)\s+(?:of|to)\s+(?:the\s+)?overt\s+"
    r"(?:use|deployment|capabilit)",
    re.I,
)


def says_overt_only(text: str, rec: LetterRecord, region: Span) -> bool:
    """True when the force says its answers cover overt use only."""
    start, end = clip(text, region)
    if "overt" not in text[start:end].lower() or not _OVERT_WORD.search(text, start, end):
        return False  # "covert" alone: _OVERT_ONLY (slow over a whole letter) cannot match
    skip = requester_spans(rec)
    return any(
        not inside((m.start(), m.end()), skip) for m in _OVERT_ONLY.finditer(text, start, end)
    )
