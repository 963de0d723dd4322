"""Where a letter's request and response start, and the lines that head answers.

Part of ``kg.extract.questions`` (see its notes): request and response headings and phrases
(also either side of a bilingual "Welsh / English" heading), answer headers ("Q1 response:",
"Responses 1 - 3:"), the question-number pattern ``REF``, and the paragraphs about the whole
request or the letter's boilerplate that end a list of questions or an answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.extract.textutil import (
    Span,
    ci,
    lines,
    lowered,
)
from kg.model import Question

# ----------------------------------------------------------------------------- markers

_REQUEST_HEADING = re.compile(
    r"^[#*_\s]*(?:your\s+|original\s+|the\s+)?(?:request(?:ed)?(?:\s+for\s+information)?"
    r"|information\s+requested|details\s+of\s+(?:your\s+|the\s+)?request|request\s+details"
    r"|questions?(?:\s+asked)?|you\s+asked|what\s+you\s+asked(?:\s+for)?|cais|request\s*/\s*cais"
    r"|request\s+text|summary\s+of\s+(?:your\s+)?request|you\s+requested)"
    r"[*_\s]*:?[*_\s]*$",
    re.IGNORECASE,
)
_REQUEST_PHRASE = ci(
    r"you\s+(?:asked|requested|wrote)(?:\s+(?:for|the\s+following))?\s*[:\-]?"
    r"|seek\s+access\s+to\s+the\s+following(?:\s+information)?\s*:?"
    r"|(?:requested|requesting|request|asking)\s+the\s+following(?:\s+information)?\s*:?"
    r"|following\s+(?:information|questions)\s*:|your\s+request\s+(?:read|was|is)\s*:"
    r"|in\s+which\s+you\s+(?:asked|requested|sought)(?:\s+the\s+following)?\s*:?"
    r"|asked\s*:",
    re.IGNORECASE,
)
# "as follows:" introduces the request only in a sentence about it ("... your request for
# information, received on 20th February, as follows:"); "Spending was as follows:" is an
# answer and "The response is as follows:" starts the response.
_AS_FOLLOWS = ci(r"as\s+follows\s*[:\-]")
_ABOUT_REQUEST = ci(r"\b(?:request(?:ed|ing)?|asked|sought|wrote|questions?)\b")
_ABOUT_RESPONSE = ci(
    r"\b(?:response|answer|repl(?:y|ies))|\b(?:information|data|figures|details)\s+"
    r"(?:that\s+)?(?:you\s+)?(?:have\s+)?(?:requested|asked\s+for|sought)\s+(?:is|are)\b"
)


def _as_follows(text: str, start: int, end: int) -> tuple[int, int]:
    """(start, end) of the first request-introducing "as follows:", or (-1, -1)."""
    low = lowered(text)
    pos = low.find("as follows", start, end)
    while pos >= 0:
        m = _AS_FOLLOWS.match(low, pos, end)
        if m is None or (m.start() > 0 and low[m.start() - 1].isalnum()):
            pos = low.find("as follows", pos + 10, end)
            continue
        pos = low.find("as follows", pos + 10, end)
        lo = max(start, m.start() - 80)
        cut = max(low.rfind(ch, lo, m.start()) for ch in ".?!\n:")
        before = low[max(lo, cut + 1) : m.start()]
        if _ABOUT_REQUEST.search(before) and not _ABOUT_RESPONSE.search(before):
            return m.start() - len(before), m.end()
    return -1, -1


_RESPONSE_HEADING = re.compile(
    r"^[#*_\s]*(?:our\s+|force\s+|the\s+|my\s+)?(?:response|responses|answer|answers|reply"
    r"|decision|outcome|disclosure|ymateb|information\s+(?:provided|disclosed|released)"
    r"|reply\s+to\s+your\s+request)(?:\s+to\s+(?:your\s+)?(?:request|questions?))?"
    r"[*_\s]*:?[*_\s]*$",
    re.IGNORECASE,
)
_RESPONSE_PHRASE = ci(
    r"please\s+find\s+(?:below\s+|attached\s+|enclosed\s+)?(?:the|our|my)\s+(?:[\w-]+\s+){0,3}"
    r"(?:response|answers?|reply)"
    r"|(?:the|our)\s+response\s+(?:to\s+your\s+(?:request|questions?)\s+)?(?:is\s+)?"
    r"(?:set\s+out\s+below|as\s+follows|below)"
    r"|in\s+(?:response|answer|reply)\s+to\s+your\s+(?:questions?|request)\s*[,:]"
    r"|I\s+am\s+(?:writing|able)\s+to\s+(?:inform|confirm|advise)"
    r"|(?:has|have)\s+now\s+been\s+considered",
    re.IGNORECASE,
)

# A reference to one question, then a list of them ("Q4 & Q4a, Q10 & Q10a", "5 to 6b").
REF = r"(?:(?:Q(?:uestion)?\s*\.?\s*)?\d{1,2}[a-z]?(?:\s?\([a-z]{1,3}\))?|\(\d{1,2}[a-z]?\))"
REFLIST = REF + r"(?:\s*(?:,|&|\band\b|\bto\b|-|\u2013|/|\+)\s*" + REF + r")*"
# Answer block headers: "Responses 1 - 3:", "Response to Q2:", "Q1 response:",
# "Q5 to Q6b response:", "Answers 1-5", "In answer to questions 1 to 4", "A1." / "A2:".
_HEADER = (
    r"^[ \t]*(?:[-*\u2022]\s+)?[#*_]*[ \t]*(?:"
    r"(?:responses?|answers?|repl(?:y|ies))\s+(?:to\s+)?(?:(?:questions?|points?|Q)\s*)?"
    r"(?P<l1>" + REFLIST + r")"
    r"|(?P<l2>" + REFLIST + r")(?:\s+|\s*[-\u2013]\s*)(?:responses?|answers?|repl(?:y|ies))"
    r"|(?:in\s+(?:answer|response|reply|relation)\s+to|with\s+(?:regard|respect|reference)\s+to"
    r"|regarding|turning\s+to|as\s+regards|for)\s+(?:your\s+)?(?:questions?|points?|Q)\s*"
    r"(?P<l3>" + REFLIST + r")"
    # "A1." / "A2:" - an answer labelled with its question's number (paired with "Q1.")
    r"|A(?P<l4>\d{1,2}[a-z]?)(?=[*_]*[ \t]*[.:)])"
    r")[*_]*\s*(?:[:.\-\u2013,]|$)[*_]*"
)
# A header is one line: "Response" above "1. No." is a heading, not "Response 1".
ANSWER_HEADER = re.compile(_HEADER.replace(r"\s", r"[ \t]"), re.IGNORECASE | re.MULTILINE)

# More numbers after the first in a label naming several questions: "Q2 & Q3.",
# "Questions 2 to 4:", "Questions 2, 3 and 4:", "Q2-Q4:". Only before a label's punctuation
# or the line end, so "Q1 - 3 deployments" stays question 1.
_MORE = (
    r"(?:[ \t]*(?:&|,|\band\b|\bto\b|-|\u2013|/)[ \t]*(?:[Qq]\.?[ \t]?)?\d{1,2}[a-z]?(?!\d))+"
    r"(?=[ \t]*(?:[.):\-\u2013]|$))"
)
_ITEM = re.compile(
    # an opening quotation mark: the request quoted as a list ('"1. Does the force ...'),
    # not a quoted subsection of an Act ('"(1) Section 1(1) does not oblige ...')
    r"^(?P<indent>[ \t]*)(?:[-*\u2022\u00b7\u25aa\u2023\u25e6>]\s+)?(?:[\"\u201c](?!\())?"
    r"(?:\*\*|__)?[ \t]*(?:"
    r"(?P<qnum>[Qq]\.?\s?\d{1,2}[a-z]?(?:\s?\((?:[a-z]|[ivx]{1,4})\))?)(?P<qmore>" + _MORE + r")?"
    r"\s*(?:[.):\-\u2013]\s*|\s+(?=\S))"
    r"|(?:(?:[Qq]uestion|QUESTION)\s+(?P<qword>\d{1,2}[a-z]?(?:\((?:[a-z]|[ivx]{1,4})\))?)"
    r"(?P<wmore>" + _MORE + r")?|(?:[Qq]uestions|QUESTIONS)\s+(?P<qwords>\d{1,2}[a-z]?)"
    r"(?P<wsmore>" + _MORE + r"))"
    r"\s*(?:[.):\-\u2013]\s*|\s+)"
    r"|\(?(?P<num>\d{1,2}[a-z]?(?:\((?:[a-z]|[ivx]{1,4})\))?)"
    r"(?:[.)](?!\d)\s*|:\s+|\s+[-\u2013]\s+|(?<=[a-z]\))\s+)"
    r"|\((?P<sub>[a-z]|[ivx]{2,4})\)\s*"
    r"|(?P<sub2>[a-z]|[ivx]{2,4})[.)]\s+"
    r")(?:\*\*|__)?[ \t]*(?P<rest>\S.*)?$"
)
_ANSWER_WORD = re.compile(r"^\W*(?:responses?|answers?|repl(?:y|ies))\b", re.IGNORECASE)
_LABELLED_ANSWER = re.compile(
    r"^[\s*_>-]*(?:answer|response|reply|force\s+response|our\s+response|A)\s*[:.\-\u2013]\s*",
    re.IGNORECASE,
)
# How an answer written under its question starts. Strong starts are answers even under a
# question without a question mark, when the letter has no separate response section.
_STRONG_ANSWER = re.compile(
    r"^[\s*_]*(?:yes\b|no\b|nil\b|none\b|n/a\b|not\s+applicable|no\s+(?:relevant\s+)?information"
    r"|(?:this\s+)?information\s+(?:is\s+)?not\s+held|not\s+held|not\s+known|zero\b|£\s?\d"
    r"|\d[\d,]*\s+(?:deployments?|arrests?|alerts?|searches|images|operations|occasions|stops)\b)",
    re.IGNORECASE,
)
_ANSWERISH = re.compile(
    _STRONG_ANSWER.pattern
    + r"|^[\s*_]*(?:the\s+force\b|this\s+force\b|we\s+(?:do|can|have|are|did|hold)\b|I\s+can\b"
    r"|there\s+(?:is|are|was|were|have\s+been)\b|\d"
    r"|(?:[A-Z][\w&-]*\s+){1,4}(?:Police|Constabulary|Constabularies)\b)",
    re.IGNORECASE,
)
_PROSE_QUESTION = re.compile(
    r"\?|^\W*(?:please|could\s+you|can\s+you|would\s+you|I\s+would\s+like|I\s+request"
    r"|I\s+am\s+requesting|how\s+many|what|which|does|do\s+you|has|have|is|are)\b",
    re.IGNORECASE,
)

_ROMAN = {"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"}


@dataclass
class InlineAnswer:
    """An answer written next to its question (interleaved lists, table rows)."""

    numbers: list[str]
    span: Span


@dataclass
class QuestionParse:
    questions: list[Question] = field(default_factory=list)
    inline_answers: list[InlineAnswer] = field(default_factory=list)
    request_span: Span | None = None  # where the request is written
    response_start: int = 0  # where the force's answers begin
    explicit_response: bool = False  # a heading or phrase marked the response


# ----------------------------------------------------------------------------- helpers


def heading_matches(rx: re.Pattern[str], line: str) -> bool:
    """``rx`` matches the heading ``line``, or one side of a bilingual heading written
    "Welsh / English" ("Ymateb / Response", "Cais / Request")."""
    if rx.match(line):
        return True
    if " / " not in line:
        return False
    return any(rx.match(side) for side in line.strip(" *_#").split(" / ") if side.strip())


def _first(rx: re.Pattern[str], text: str, start: int, end: int, heading: bool) -> tuple[int, int]:
    """(match start, content start) of the first marker of ``rx`` in ``text[start:end]``."""
    if heading:
        for ln in lines(text, start, end):
            if ln.text.strip() and len(ln.text) < 80 and heading_matches(rx, ln.text):
                return ln.start, min(ln.end + 1, end)
        return -1, -1
    m = rx.search(lowered(text), start, end)  # phrase regexes are compiled with ci()
    return (m.start(), m.end()) if m else (-1, -1)


def find_request_start(text: str, start: int, end: int) -> tuple[int, int]:
    """(marker start, content start) of the request section, or (-1, -1)."""
    hs, hc = _first(_REQUEST_HEADING, text, start, end, True)
    ps, pc = _first(_REQUEST_PHRASE, text, start, end, False)
    fs, fc = _as_follows(text, start, ps if ps >= 0 else end)
    if fs >= 0:
        ps, pc = fs, fc
    if 0 <= hs < ps and not any(_ITEM.match(ln.text) for ln in lines(text, hc, ps)):
        # A title ("Request for Information", "Cais / Request") above the sentence that
        # introduces the request ("... in which you asked whether ..."): the sentence starts it.
        return ps, pc
    cands = [(s, c) for s, c in ((hs, hc), (ps, pc)) if s >= 0]
    return min(cands) if cands else (-1, -1)


def find_response_start(text: str, start: int, end: int) -> int:
    """Offset where the response begins after ``start``, or -1."""
    cands = []
    hs, _ = _first(_RESPONSE_HEADING, text, start, end, True)
    if hs >= 0:
        cands.append(hs)
    m = ANSWER_HEADER.search(text, start, end)
    if m:
        cands.append(m.start() + (len(m.group(0)) - len(m.group(0).lstrip())))
    m = _RESPONSE_PHRASE.search(lowered(text), start, end)
    if m:
        ls = text.rfind("\n", start, m.start()) + 1
        cands.append(max(ls, start))
    return min(cands) if cands else -1


_BOILERPLATE_START = re.compile(
    r"^[#*_\s]*(?:yours\s|kind\s+regards|if\s+you\s+are|should\s+you|your\s+right|complaint"
    r"|sections?\s+\d|overall\s+harm|harm\b|evidence\s+of\s+harm|public\s+interest|balance"
    r"|factors|the\s+threat|any\s+disclosure\s+under|every\s+effort)",
    re.IGNORECASE,
)


# A paragraph about the whole request, not one answer: the note that the answers cover overt
# use only, or an NCND for "any other information", the request or covert use.
GENERAL_NOTE = re.compile(
    r"^[\s*_]*(?:(?:please\s+note\s+(?:that\s+)?)?(?:the|these|this|our|my|all)\s+"
    r"(?:above\s+)?(?:\w+\s+){0,2}?(?:relates?|refers?|appl(?:y|ies)|is|are)\s+"
    r"(?:\w+\s+){0,3}?overt\b"
    r"|[^.\n]{0,80}\bneither\s+confirms?\s+nor\s+den(?:y|ies)\b[^.\n]{0,120}?\b(?:any\s+other"
    r"|your\s+request|this\s+request|the\s+request|covert))",
    re.IGNORECASE,
)
