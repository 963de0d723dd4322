"""Exemption citations in a letter: which sections of the Act it cites, with their titles.

Part of ``kg.extract.legal`` (see its notes for the rules): the reference data of the Act's
sections, the citation patterns ("Section 24(2)", "s.40(2)", "sections 23(5), 24(2) and
31(3)", a bare "43(2) Commercial interests" line), citations that do not count (other Acts,
quoted statute, "not relied on"), and a cost refusal written in words only (section 12).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache

from kg.extract.textspans import (
    Para,
    inside,
)
from kg.extract.textutil import ci, lowered
from kg.model import (
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


# A letter answered under the Freedom of Information (Scotland) Act 2002, whose numbers differ
# from FOIA's (see data/reference/SOURCES.md, note 10).
_FOISA = ci(
    r"freedom\s+of\s+information\s*\(\s*scotland\s*\)\s+act|\bfoisa\b"
    r"|scottish\s+information\s+commissioner"
)
# FOISA sections with no FOIA section of the same number that letters rely on: s.25
# (information otherwise accessible, the Scottish s.21). FOIA's s.25 is supplementary and
# never relied on by itself, so the number is read only in a FOISA letter.
FOISA_ONLY_TITLES = {"25": "Information otherwise accessible"}


def is_foisa(text: str, start: int, end: int) -> bool:
    """True when the letter says it answers under the Scottish Act."""
    low = lowered(text)
    # The regex only around each "scot" / "foisa" str.find gives: run over a whole letter it
    # costs more than the rest of this step, and most letters have neither word.
    for word in ("scot", "foisa"):
        i = low.find(word, start, end)
        while i >= 0:
            if _FOISA.search(low, max(start, i - 40), min(end, i + 40)):
                return True
            i = low.find(word, i + 1, end)
    return False


def _mentions(
    text: str, start: int, end: int, skip: list[Span], *, foisa: bool = False
) -> list[_Mention]:
    """Every citation of an exemption section in ``text[start:end]``, in order (``foisa``:
    the letter answers under the Scottish Act, so its own sections count too)."""
    if not _DIGIT.search(text, start, end):
        return []  # every citation has a section number; most paragraphs have no digit
    known = _sections().titles
    if foisa:
        known = {**known, **FOISA_ONLY_TITLES}
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
