"""The letter's legal reasoning: exemptions relied on, NCND, harm, public interest, balance.

``fill(text, rec, region)`` sets ``rec.exemptions``, ``rec.ncnd``, ``rec.ncnd_covert``,
``rec.overt_only``, ``rec.harm``, ``rec.public_interest`` and ``rec.balance``.

General rules, not templates of any one force:

* A citation is "Section 24(2)", "s.40(2)", "S31", "Sections 24 and 31", "section 23(5), 24(2),
  30(3) and 31(3)" or a bare "43(2) Commercial interests" at the start of a line. Only Part II
  exemptions and the s.12 / s.14 refusals count (``data/reference/foia_sections.csv``);
  procedural sections (1, 10, 16, 17, 50...), sections of other Acts, citations inside quoted
  text or quoted statute, and the requester's questions are not exemptions relied on.
* Each section is reported once, in the most specific form written: a later "Sections 24 and
  31 are prejudice based" does not add "24" next to "24(2)". No subsection is ever invented.
* A cost refusal may be written in words only ("would exceed the appropriate limit",
  "18 hours", "£450"): that is a section 12 citation.
* An NCND statement is a sentence in which the force neither confirms nor denies; its scope is
  covert use (it says "covert", or it covers "any other/further information" beyond the
  answers), named questions, or the whole request. Exemptions cited in the statement, the rest
  of its paragraph, or the list of citations right after it ground that NCND.
* Harm, public-interest and balance text is found through the headings letters use for it,
  one fact per paragraph.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache

from kg.extract.techterms import first_technology
from kg.extract.textspans import (
    Para,
    clip,
    inside,
    paragraphs,
    requester_spans,
    sentences,
    strip_markup,
)
from kg.model import (
    BalanceConclusion,
    ExemptionCitation,
    HarmStatement,
    LetterRecord,
    NCNDStatement,
    PublicInterestFactor,
    Span,
)
from kg.paths import REFERENCE_DIR

COST_SECTION = "12"


# ---------------------------------------------------------------- reference data


@dataclass(frozen=True)
class _Sections:
    titles: dict[str, str]  # base section -> statutory title
    ncnd_subsections: frozenset[str]
    absolute: frozenset[str]  # base sections with no public interest test


@lru_cache(maxsize=1)
def _sections() -> _Sections:
    titles: dict[str, str] = {}
    ncnd: set[str] = {"40(5)"}  # pre-2018 letters cite s.40(5) for NCND on personal data
    # s.40(2) is absolute via the first condition, the way letters cite it
    absolute: set[str] = {"40"}
    path = REFERENCE_DIR / "foia_sections.csv"
    with path.open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            titles[row["section"]] = row["title"]
            if not row["absolute_or_qualified"].startswith(("qualified", "mixed")):
                absolute.add(row["section"])
            for sub in row["ncnd_subsection"].split(";"):
                if sub.strip():
                    ncnd.add(sub.strip())
    titles.pop("25", None)  # supplementary provision, never relied on by itself
    return _Sections(titles, frozenset(ncnd), frozenset(absolute))


def statutory_title(section: str) -> str | None:
    """The heading of the section in the Act ("24(2)" -> "National security")."""
    return _sections().titles.get(section.split("(", 1)[0])


def is_ncnd_subsection(section: str) -> bool:
    """True for the subsections that exclude the duty to confirm or deny (24(2), 31(3)...)."""
    norm = section.replace(" ", "")
    return any(norm == s or norm.startswith(s + "(") for s in _sections().ncnd_subsections)


# ---------------------------------------------------------------- citations

_SUB = r"(?:\s?\(\s?(?:\d{1,2}[A-Z]?|[a-h]|i{1,3}|iv|vi{0,3}|a[a-d]|b[ab])\s?\))"
_NUM = rf"\d{{1,2}}[A-Z]?(?![\d/.,:]\d){_SUB}*"
_PREFIX = r"(?:[Ss]ections?|SECTIONS?|[Ss]{1,2}\.\s?|[Ss]\s?(?=\d))"
_CITATION = re.compile(
    rf"(?<![A-Za-z0-9£$])(?P<prefix>{_PREFIX})\s*(?P<first>{_NUM})"
    # A list may name each section's title in brackets: "sections 31(1) (national security)
    # and 35(1)(a)".
    rf"(?P<more>(?:(?:\s*\((?=[A-Za-z]{{3}})[^()\d\n]{{3,40}}\))?\s*(?:,|\band\b|&|\bor\b|/)\s*"
    rf"(?:{_PREFIX}\s*)?{_NUM})*)"
)
_DIGIT = re.compile(r"\d")
# What every _CITATION / _BARE_LINE match starts with (a prefix, then a number; a line
# opening with two digits): far cheaper to look for than the full patterns, and most
# paragraphs cite nothing.
_CITATION_HINT = re.compile(r"[Ss](?:ections?|ECTIONS?|[Ss]?\.)?\s*\d")
_BARE_HINT = re.compile(r"^[ \t]*(?:[-•*·][ \t]*)?\d{2}", re.M)
_LIST_NUM = re.compile(rf"(?:{_PREFIX}\s*)?(?P<num>{_NUM})")
# "43(2) Commercial interests" at the start of a line, without the word "section".
_BARE_LINE = re.compile(
    rf"^[ \t]*(?:[-•*·][ \t]*)?(?P<first>\d{{2}}A?{_SUB}+)(?=[ \t]+[-–—:]?\s*[A-Z])", re.M
)
_OTHER_ACT = re.compile(
    r"\s*(?:of|under)\s+(?:the\s+)?(?P<act>(?:[A-Z][\w'’]*\s+|and\s+|of\s+|\(\w+\)\s+)*"
    r"(?:Act|Regulations?|Order|Code)\b(?:\s+\d{4})?)"
)
_OTHER_DOC = re.compile(
    r"(?:\s*\([^)]{0,20}\))?\s+(?:of|in)\s+(?:the|this|our|that|your|my)\s+(?:\w+\s+)?(?:policy|"
    r"document|letter|report|guidance|procedure|manual|handbook|request|application|form|"
    r"assessment|contract|agreement|framework|strategy|plan)\b",
    re.I,
)
_NOT_RELIED_BEFORE = re.compile(
    r"\b(?:not|never|no\s+longer)\s+(?:(?:been|be|being|currently|now|refused|withheld|exempted|"
    r"exempt)\s+){0,3}(?:under|relying\s+on|rely\s+on|applying|apply|applied|engaged?|engaging|"
    r"citing|cite)\s*$",
    re.I,
)
_NOT_RELIED = re.compile(
    r"[^.;]{0,60}?\b(?:has|have|is|are|was|were)\s+not\s+(?:been\s+)?(?:applied|engaged|relied|"
    r"used|cited)\b|[^.;]{0,30}?\b(?:does|do)\s+not\s+(?:apply|engage)\b"
)
_TITLE = re.compile(
    r"[ \t]*(?:[-–—:,]+[ \t]*|\(|[\"“‘'])?[ \t]*(?P<title>[A-Z][A-Za-z ,’'\-&]{2,90})"
)
_TITLE_CUT = re.compile(
    r"\s+(?:and|&)\s+(?:[Ss]ection|[Ss]\d|\d)|[.;:)\n\"”’]|\s+(?:by virtue|as|which|because|is|are|"
    r"applies|apply|to|in|was|were|has|have|of the|under|where|on the|this|these|would|will|"
    r"and the|but|for)\b|,\s"
)
_LIST_LINE = re.compile(rf"[ \t]*(?:[-•*·][ \t]*)?(?:{_PREFIX}\s*)?\d{{1,2}}A?{_SUB}*[ \t]*$")
_TITLE_LIST_CUT = re.compile(r"\s+(?:and|&)\s+(?:[Ss]ection|[Ss]\d|\d)|[.;:)\"”]\s|\s\(|\s[-–—]\s")
_TITLE_WORDS = frozenset(
    [
        "national",
        "law",
        "personal",
        "commercial",
        "health",
        "investigations",
        "investigation",
        "information",
        "legal",
        "cost",
        "costs",
        "prohibitions",
        "prohibition",
        "defence",
        "international",
        "relations",
        "vexatious",
        "court",
        "courts",
        "audit",
        "economy",
        "parliamentary",
        "formulation",
        "prejudice",
        "communications",
        "environmental",
        "research",
        "bodies",
        "security",
        "data",
        "confidential",
        "confidence",
        "endangerment",
        "appropriate",
        "third",
        "public",
        "future",
        "policy",
    ]
)
_PROCEDURAL_CONTEXT = re.compile(r"\b(?:right\s+of\s+)?(?:appeal|complain\w*|review)\b", re.I)


@dataclass
class _Mention:
    section: str
    span: Span
    title: str | None = None
    title_span: Span | None = None


@dataclass
class _Statement:
    span: Span  # the sentence
    cover: Span  # where its grounding citations may sit
    scope: str
    questions: list[str] = field(default_factory=list)
    partial: bool = False
    technology: str | None = None


def _norm_section(raw: str) -> str:
    return re.sub(r"\s+", "", raw)


def _base(section: str) -> str:
    return section.split("(", 1)[0]


def _quoted_spans(text: str, start: int, end: int) -> list[Span]:
    """Quoted passages (statute or guidance quoted at length), not to be read as reliance."""
    spans = [(m.start(), m.end()) for m in _QUOTE_CURLY.finditer(text, start, end)]
    spans += [(m.start(), m.end()) for m in _QUOTE_STRAIGHT.finditer(text, start, end)]
    return spans


_QUOTE_CURLY = re.compile(r"“[^”]{30,4000}”")
_QUOTE_STRAIGHT = re.compile(r"\"[^\"\n]{30,1500}\"")
_STATUTE_INTRO = re.compile(
    r"(?:\b(?:states?|reads?|provides?|says?|sets\s+out|as\s+follows|is\s+worded)(?:\s+that)?|"
    r"\bthe\s+Act\s*\))\s*:\s*$"
)
_STATUTE_LINE = re.compile(
    r"^\s*(?:[\"“‘(]|\d{1,2}\s*\(\d|Section\s+\d{1,2}\s*\(?\d?\)?\s*[-–—:]?\s*[\"“(]?[A-Z(])"
)


def _statute_spans(text: str, paras: list[Para]) -> list[Span]:
    """Paragraphs that quote the Act after an introduction such as "Section 17 states:"."""
    out: list[Span] = []
    quoting = False
    for p in paras:
        body = text[p.start : p.end]
        if quoting and _STATUTE_LINE.match(body) and not p.heading:
            out.append((p.start, p.end))
            continue
        # _STATUTE_INTRO ends in a colon: most paragraphs have none.
        quoting = ":" in body and bool(_STATUTE_INTRO.search(body))
    return out


def _title_after(
    text: str, pos: int, end: int, section: str | None = None
) -> tuple[str, Span] | None:
    m = _TITLE.match(text, pos, min(end, pos + 110))
    if not m:
        return None
    statutory = statutory_title(section) if section else None
    if statutory:
        # A statutory title copied out in full, commas and all ("Information supplied by, or
        # relating to, bodies dealing with security matters").
        s = m.start("title")
        written = text[s : s + len(statutory)]
        if s + len(statutory) <= end and written.lower() == statutory.lower():
            return written, (s, s + len(statutory))
    raw = m["title"]
    line_start = text.rfind("\n", 0, pos) + 1
    line_end = text.find("\n", pos)
    line_end = end if line_end == -1 or line_end > end else line_end
    if _LIST_LINE.match(text, line_start, pos) and line_end - m.start("title") <= 110:
        # A citation opening its own line ("• Section 23(5) – Information supplied by, or
        # concerning, certain Security Bodies"): the title is the rest of the line.
        raw = text[m.start("title") : line_end]
        cut = _TITLE_LIST_CUT.search(raw)
    else:
        cut = _TITLE_CUT.search(raw)
    if cut:
        raw = raw[: cut.start()]
    raw = raw.strip(" ,-–—'’.;:")
    if raw.endswith(")") and "(" not in raw:
        raw = raw[:-1].rstrip()  # "Section 24(2) (National Security)"
    words = raw.lower().replace("-", " ").split()
    if not raw or len(words) > 10 or not (set(words[:2]) & _TITLE_WORDS):
        return None
    s = m.start("title")
    return raw, (s, s + len(raw))


def _mentions(text: str, start: int, end: int, skip: list[Span]) -> list[_Mention]:
    """Every citation of an exemption section in ``text[start:end]``, in order."""
    if not _DIGIT.search(text, start, end):
        return []  # every citation has a section number; most paragraphs have no digit
    known = _sections().titles
    out: list[_Mention] = []

    def add(num: str, s: int, e: int, title_from: int | None) -> None:
        section = _norm_section(num)
        if _base(section) not in known:
            return
        mention = _Mention(section, (s, e))
        if title_from is not None:
            found = _title_after(text, title_from, end, section)
            if found:
                mention.title, mention.title_span = found
        out.append(mention)

    citations = (
        _CITATION.finditer(text, start, end) if _CITATION_HINT.search(text, start, end) else ()
    )
    for m in citations:
        if inside((m.start(), m.end()), skip):
            continue
        act = _OTHER_ACT.match(text, m.end(), min(end, m.end() + 120))
        if act and "freedom of information" not in act["act"].lower() and act["act"] != "Act":
            continue
        if _NOT_RELIED.match(text, m.end(), min(end, m.end() + 120)):
            continue
        if _NOT_RELIED_BEFORE.search(text, max(start, m.start() - 60), m.start()):
            continue  # "the request is not refused under section 12"
        if _OTHER_DOC.match(text, m.end(), min(end, m.end() + 60)):
            continue  # "section 22 of the policy" is a part of some document
        nums = [(m["first"], m.start(), m.end("first"))]
        if m["more"]:
            for n in _LIST_NUM.finditer(text, m.start("more"), m.end("more")):
                nums.append((n["num"], n.start(), n.end()))
        for i, (num, s, e) in enumerate(nums):
            last = i == len(nums) - 1
            add(num, s, e, e if last else None)
    bare = _BARE_LINE.finditer(text, start, end) if _BARE_HINT.search(text, start, end) else ()
    for m in bare:
        if inside((m.start(), m.end()), skip) or inside(
            (m.start("first"), m.end()), [mm.span for mm in out]
        ):
            continue
        if _title_after(text, m.end("first"), end):
            add(m["first"], m.start("first"), m.end("first"), m.end("first"))
    out.sort(key=lambda x: x.span[0])
    return out


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


# ---------------------------------------------------------------- cost limit in words

_COST_WORDS = re.compile(
    r"\b(?P<verb>exceed\w*|in\s+excess\s+of|more\s+than|over|beyond|above|outside)\s+"
    r"(?:the\s+)?[‘'\"“]?(?:(?:appropriate|cost|fees?|statutory|time|18[\s-]hours?)\s+"
    r"(?:cost\s+)?(?:limit|level|threshold)\b|(?:cost\s+)?limit\b|18\s+hours\b|"
    r"eighteen\s+hours\b|£\s?450\b)"
    r"|\bsection\s+12\b",
    re.I,
)
_COST_NEGATION = re.compile(r"\b(?:not|n['’]t|never|if|unless|whether|within|below)\b[^.]*$", re.I)


def _cost_refusal(text: str, start: int, end: int, skip: list[Span]) -> Span | None:
    for m in _COST_WORDS.finditer(text, start, end):
        if inside((m.start(), m.end()), skip) or not m["verb"]:
            continue
        before = text[max(start, m.start() - 45) : m.start()]
        if re.search(r"\bwithout\s*$", before, re.I):
            return m.start(), m.end()
        if _COST_NEGATION.search(before):
            continue
        return m.start(), m.end()
    return None


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
    return _heading_like_cached(text, p)


@lru_cache(maxsize=2048)
def _heading_like_cached(text: str, p: Para) -> bool:
    # Asked of the same paragraphs by the harm, public-interest and balance passes.
    if p.heading:
        return True
    raw = text[p.start : p.end]
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


# ---------------------------------------------------------------- fill


def fill(text: str, rec: LetterRecord, region: tuple[int, int]) -> None:
    """Set the legal fields of ``rec`` from ``text[region[0]:region[1]]``."""
    start, end = clip(text, region)
    paras = paragraphs(text, (start, end))
    skip = requester_spans(rec) + _quoted_spans(text, start, end) + _statute_spans(text, paras)

    statements = find_ncnd(text, rec, (start, end))
    mentions = _mentions(text, start, end, skip)
    statements = _merge_partial(text, statements, mentions)
    _fill_exemptions(text, rec, (start, end), paras, mentions, statements, skip)
    _fill_ncnd(text, rec, mentions, statements)
    rec.ncnd_covert = any(
        s.scope == "covert-use" or _on_covert_questions(rec, s) for s in statements
    )
    rec.overt_only = says_overt_only(text, rec, (start, end))
    _fill_harm(text, rec, paras, mentions)
    _fill_public_interest(text, rec, paras)
    _fill_balance(text, rec, paras)


def _on_covert_questions(rec: LetterRecord, s: _Statement) -> bool:
    """An NCND on a question that asks about covert use ("Does the force use facial
    recognition covertly?") is an NCND on covert use."""
    if s.scope != "question" or not s.questions:
        return False
    asked = {q.number.strip().lower(): q.text for q in rec.questions if q.number}
    texts = [asked.get(n.strip().lower()) for n in s.questions]
    return all(t and _COVERT.search(t) for t in texts)


def _sentence_at(text: str, paras: list[Para], pos: int) -> str:
    for p in paras:
        if p.start <= pos < p.end:
            for s in sentences(text, (p.start, p.end)):
                if s[0] <= pos < s[1]:
                    return text[s[0] : s[1]]
    return ""


def _fill_exemptions(
    text: str,
    rec: LetterRecord,
    region: Span,
    paras: list[Para],
    mentions: list[_Mention],
    statements: list[_Statement],
    skip: list[Span],
) -> None:
    # Most specific forms per base: drop "31" when "31(3)" is written, "31(1)" when "31(1)(a)".
    forms = {m.section for m in mentions}
    keep = {f for f in forms if not any(g != f and g.startswith(f + "(") for g in forms)}
    by_section: dict[str, ExemptionCitation] = {}
    order: list[str] = []
    for m in mentions:
        target = m.section
        if target not in keep:
            specific = sorted(g for g in keep if g.startswith(m.section + "("))
            target = specific[0] if specific else m.section
        stmt = next((s for s in statements if s.cover[0] <= m.span[0] < s.cover[1]), None)
        cit = by_section.get(target)
        if cit is None:
            span_end = m.title_span[1] if m.title_span and target == m.section else m.span[1]
            cit = ExemptionCitation(span=(m.span[0], span_end), section=target)
            by_section[target] = cit
            order.append(target)
        if cit.title is None and m.title and target == m.section:
            cit.title = m.title
        if stmt is not None and not cit.ncnd:
            cit.ncnd, cit.scope, cit.questions = True, stmt.scope, list(stmt.questions)
        elif stmt is None and not cit.ncnd and not cit.questions:
            sent_q = _question_numbers(_sentence_at(text, paras, m.span[0]))
            qs = (
                sent_q
                or local_question(text, paras, m.span[0], skip)
                or _answer_questions(rec, m.span)
            )
            if qs:
                cit.questions = as_written(rec, qs)
    for sec in order:
        cit = by_section[sec]
        if not cit.ncnd and is_ncnd_subsection(sec):
            cit.ncnd = True
            near = min(statements, key=lambda s: abs(s.span[0] - cit.span[0]), default=None)
            if near is not None:
                cit.scope, cit.questions = near.scope, list(near.questions)
        if cit.title is None:
            cit.title = statutory_title(sec)
    rec.exemptions = [by_section[s] for s in order]
    if not any(c.base_section == COST_SECTION for c in rec.exemptions):
        cost = _cost_refusal(text, region[0], region[1], skip)
        if cost:
            rec.exemptions.append(
                ExemptionCitation(
                    span=cost,
                    section=COST_SECTION,
                    title=statutory_title(COST_SECTION),
                    questions=as_written(
                        rec,
                        local_question(text, paras, cost[0], skip)
                        or _answer_questions(rec, cost)
                        or [],
                    ),
                )
            )


def _merge_partial(
    text: str, statements: list[_Statement], mentions: list[_Mention]
) -> list[_Statement]:
    """A letter that announces itself as a "partial NCND" and then gives the NCND itself:
    the announcement is no NCND of its own, and the NCND it announces is partial."""
    if not any(s.partial for s in statements):
        return statements

    def grounded(s: _Statement) -> bool:
        return any(s.cover[0] <= m.span[0] < s.cover[1] for m in mentions)

    real = [s for s in statements if grounded(s) or not s.partial]
    if not real:
        return statements
    for s in real:
        s.partial = True
    return real


def _fill_ncnd(
    text: str, rec: LetterRecord, mentions: list[_Mention], statements: list[_Statement]
) -> None:
    cited = [c.section for c in rec.exemptions]
    rec.ncnd = []
    for s in statements:
        secs: list[str] = []
        for m in mentions:
            if s.cover[0] <= m.span[0] < s.cover[1]:
                sec = (
                    m.section
                    if m.section in cited
                    else next((c for c in cited if c.startswith(m.section + "(")), m.section)
                )
                if sec not in secs:
                    secs.append(sec)
        rec.ncnd.append(
            NCNDStatement(
                span=s.span,
                scope=s.scope,
                questions=list(s.questions),
                sections=secs,
                partial=s.partial,
                technology=s.technology,
                text=text[s.span[0] : s.span[1]],
            )
        )


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
        bases = [b for b in _bases_in(text, p.start, p.end) if b != "1"]
        m = _factor_heading(head)
        heading_like = _is_heading_like(text, p)
        if not m or (not heading_like and not m["rest"]):
            if (
                heading_like
                and bases
                and (len(head.split()) <= 3 or re.search(r"public\s+interest", head, re.I))
            ):
                # "## Section 24" or "Section 31 - Public Interest Test" introduces the factors
                # below it; a citation line ("Section 31(3) Law Enforcement") does not.
                last_section = bases[0]
            continue
        if m["rest"] and len(m["head"]) > 160:
            continue
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
