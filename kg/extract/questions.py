"""The requester's questions: numbered items of the request section, tables, or one question.

Where: the request section starts after a "Request" heading or a phrase that introduces the
request ("you asked", "as follows:", "I note you seek access to the following information")
and ends where the response starts (a "Response" heading, an answer block such as
"Q1 response:" or "Responses 1 - 3:", or "Please find ... response set out below"). Lines such
as "Q1 response:" are answers, never questions. When the request section holds no numbered
item, the response section is read the same way (letters that repeat each question above its
answer), then quoted earlier messages of an email thread (the original request).

Numbering convention (``Question.number`` as written, ``parent`` for nesting):

* an item written with its own number keeps it as written, without the trailing punctuation:
  "1.", "Q1.", "Q10a.", "5a)", "2(b)", "- 1." -> "1", "Q1", "Q10a", "5a", "2(b)", "1";
  "Question 3:" -> "3" (the word is a label, not part of the number);
* its parent is the question whose number is its numeric stem ("Q10" for "Q10a", "2" for
  "2(b)"), when the letter has one;
* a bare letter item ("a)", "(a)", "a.") under a numbered question gets the parent's number
  plus the letter, so numbers stay unique and answers can cite them: "a)" under "2" is
  number "2a" with parent "2"; a roman item ("(ii)") under "2a" is "2a(ii)" with parent "2a".

A label naming several questions ("Q2 & Q3. Which supplier ... and how much ...?",
"Questions 2 to 4:") gives one question per number, each with the label's text and span
(``group_numbers``); an answer under such a label answers all of them.

Not questions: lettered clauses quoted from an Act ("Section 1(1) ... states that:" then
"(a) to be informed ..."), or lettered items inside a quotation opened under a numbered
question.

Answers written under their questions (interleaved layouts: "1. Question?" or "Question 1:
..." then the answer) are read with them. The answer is the paragraph under the question
whatever its first word ("Cumbria Constabulary uses ...", not only "Yes"/"No"), when the
question ends in "?", a blank line separates them, or earlier questions were answered the
same way, and the line does not go on asking ("If so, ...", "Please ..."), start in lower
case (a wrapped line) or open boilerplate. Further paragraphs belong to the answer when
another question follows them. A paragraph after only the last of a list of unanswered
questions is a narrative answer to all of them, not that question's.

Headings are also matched on either side of a bilingual "Welsh / English" heading ("Cais /
Request", "Ymateb / Response"). A title above the sentence that introduces the request
("Request for Information" then "... in which you asked whether ...") does not start it: the
sentence does. "as follows:" introduces the request only in a sentence about the request.

Tables (Markdown "| 1 | question | answer |" rows, "1 | answer" rows under the questions, or
tab-separated) give questions and their answers together. Questions the letter does not
number are numbered by position ("1", "2", ...): several lines ending in "?" in the request
section, or question paragraphs each followed by its answer. A request in prose with no such
lines ("Please tell me which ... software is used? And who provides it?") is one question
numbered "1".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.extract.segment import Segmentation
from kg.extract.textutil import SIGN_OFF as _SIGN_OFF
from kg.extract.textutil import (
    Line,
    Span,
    ci,
    clean,
    iter_paragraphs,
    lines,
    lowered,
    number_key,
    trim,
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
    r"^(?P<indent>[ \t]*)(?:[-*\u2022\u00b7\u25aa\u2023\u25e6>]\s+)?(?:\*\*|__)?[ \t]*(?:"
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


@dataclass
class _Item:
    number: str
    key: str
    level: int  # 0 numbered, 1 letter, 2 roman
    span_start: int
    span_end: int
    text_start: int
    parent: str | None = None
    answer: list[Span] = field(default_factory=list)
    open: bool = True
    group: str = ""  # the label's list when it names several questions: "Q2 & Q3", "2 to 4"
    weak: bool = False  # the answer was known by its place under the question, not its words
    pending: list[Span] = field(default_factory=list)  # more answer, if a question follows

    @property
    def numbers(self) -> list[str]:
        return group_numbers(self.group) if self.group else [self.number]


_GROUP_SEP = re.compile(r"\s*(&|,|\band\b|\bto\b|-|\u2013|/)\s*", re.IGNORECASE)


def group_numbers(group: str) -> list[str]:
    """The question numbers a label naming several questions stands for, as written:
    "Q2 & Q3" -> ["Q2", "Q3"], "2 to 4" -> ["2", "3", "4"], "2, 3 and 4" -> ["2", "3", "4"].

    Such a label ("Q2 & Q3. Which supplier ... and how much was spent?") is recorded as one
    question per number, all with the label's text and span, so that every number the
    requester asked stays a question and the answer under the label answers all of them.
    """
    prefix = "Q" if group.lstrip()[:1] in "Qq" else ""
    out: list[str] = []
    in_range = False
    for tok in _GROUP_SEP.split(group.strip()):
        low = tok.lower()
        if low in ("to", "-", "\u2013"):
            in_range = True
            continue
        if low in ("", "&", ",", "and", "/"):
            in_range = False
            continue
        m = re.fullmatch(r"(?:[Qq]\.?\s?)?(\d{1,2}[a-z]?)", tok)
        if not m:
            continue
        n = m.group(1)
        last = out[-1][len(prefix) :] if out else ""
        if in_range and last.isdigit() and n.isdigit() and int(last) < int(n) <= int(last) + 30:
            out.extend(prefix + str(k) for k in range(int(last) + 1, int(n) + 1))
        else:
            out.append(prefix + n)
        in_range = False
    return list(dict.fromkeys(out))


def _number_of(m: re.Match[str]) -> tuple[str, int, str]:
    """(number, level, group) of an item line."""
    if m.group("qnum"):
        number = re.sub(r"\s+", "", m.group("qnum"))
        more = m.group("qmore")
        return number, 0, (number + more if more else "")
    if m.group("qword") or m.group("qwords"):
        first = m.group("qword") or m.group("qwords")
        more = m.group("wmore") or m.group("wsmore")
        return first, 0, (first + more if more else "")
    if m.group("num"):
        return m.group("num"), 0, ""
    sub = m.group("sub") or m.group("sub2")
    return sub, (2 if sub in _ROMAN and len(sub) > 1 else 1), ""


# Lines that are page furniture of a PDF or a protective marking, not text.
_NOISE = re.compile(
    r"^\s*(?:page\s+\d+(?:\s+of\s+\d+)?|-\s*\d+\s*-|\d+\s*/\s*\d+|not\s+protectively\s+marked"
    r"|official(?:\s*[-\u2013]\s*sensitive)?|unclassified|restricted)\s*$",
    re.IGNORECASE,
)
# A number on a line of its own ("Question 1", "Q1", "1.", "Questions 2 to 4:") with the
# question (or, in the response, the answer) below it.
_MARKER_ALONE = re.compile(
    r"^[\s*_#>-]*(?:(?:Q|Question|Questions(?=\s*\d{1,2}[a-z]?" + _MORE + r"))\s*\.?\s*"
    r"(\d{1,2}[a-z]?)(" + _MORE + r")?"
    r"|(\d{1,2}[a-z]?)[.)])[\s*_:.\-\u2013]*$",
    re.IGNORECASE,
)
# "Answer" or "Response" on a line of its own under a question: the answer follows.
_ANSWER_ALONE = re.compile(
    r"^[\s*_#]*(?:answer|response|reply|our\s+response|force\s+response)[\s*_:.]*$", re.IGNORECASE
)
# A line that introduces the words of an Act: "Section 1(1) of the Act states that:". The
# lettered clauses quoted after it ("(a) to be informed ...") are the Act's, not questions.
_STATUTE_INTRO = re.compile(
    r"\b(?:sections?|s\.)\s*\d{1,3}(?:\(\w{1,4}\))*[^\n]{0,120}?"
    r"\b(?:states?|provides?|says|reads|read)\b(?:\s+(?:that|as\s+follows))?\s*[:\-,]?"
    r"\s*[\"\u201c]?\s*$"
    r"|\bAct\b[^\n]{0,80}?\b(?:states?|provides?)\b(?:\s+that)?\s*:?\s*[\"\u201c]?\s*$",
    re.IGNORECASE,
)
_OPEN_QUOTE = '"\u201c'
_CLOSE_QUOTE = re.compile(r"[\u201d]|\"\W*$")
# How a line that goes on asking starts: it is more of the question, never its answer.
_QUESTIONISH = re.compile(
    r"^[\s*_>\"\u201c(-]*(?:please(?!\s+(?:see|note|refer|find|be\s+aware))|could|can|would|will|may|if|and|or|also|including|includes?"
    r"|broken|split|for\s+(?:each|the\s+period|example|every|all)|e\.?g\b|i\.?e\b"
    r"|this\s+(?:should|request|includes?|would|question|is\s+to)|specifically|namely|where"
    r"|when|what|which|how|who|why|whether|does|do|did|is|are|has|have|was|were|should"
    r"|in\s+particular|additionally|furthermore"
    r"|I\s+(?:would|wish|want|am\s+(?:requesting|asking|interested|seeking|looking)|also"
    r"|request|require|need|ask))\b",
    re.IGNORECASE,
)


def _prose_answer(raw: str, asked: bool, gap: bool, answered_before: bool) -> bool:
    """A line under a question that answers it whatever its first word ("Cumbria Constabulary
    uses ...", "Hampshire and Isle of Wight Constabulary does not ..."): the question ends in
    "?", or a blank line separates them, or earlier questions were answered the same way; and
    the line does not go on asking, start in lower case, or open the letter's boilerplate."""
    plain = raw.strip()
    if not plain or plain[:1].islower() or plain.rstrip(" *_").endswith("?"):
        return False
    if _QUESTIONISH.match(plain) or _ends_answers(plain):
        return False
    return asked or gap or answered_before


def _ends_answers(line: str) -> bool:
    """Legal boilerplate, an NCND for the whole request, or the closing: no answer's text."""
    return bool(_BOILERPLATE_START.match(line) or _SIGN_OFF.match(line) or GENERAL_NOTE.match(line))


# How much text under an answer may wait for a next question before the list is taken to
# have ended (the letter's closing prose, not more of the answer).
_MAX_PENDING = 2500


def parse_items(text: str, start: int, end: int, stop_at_prose: bool) -> tuple[list[_Item], int]:
    """Numbered items of ``text[start:end]``; returns them and where the list ended.

    ``stop_at_prose`` is set when reading a response section, or a letter with no separate
    one: the list ends at long prose after it, and an item's answer may be written under it
    in plain words ("Cumbria Constabulary uses ..."). Such an answer, recognised only by its
    place, is kept when another question follows it or other questions were answered too: a
    paragraph after the last of a list of unanswered questions is a narrative answer to all.
    Further paragraphs under an answer belong to it when another question follows.
    """
    items: list[_Item] = []
    gap = False  # a blank line since the last item line
    answering = False  # an "Answer" line opened the current item's answer
    top: _Item | None = None
    letter: _Item | None = None
    statute = False  # after "Section N ... states that:": lettered clauses are the Act's
    quote = False  # inside a quotation opened on a line that is not an item

    def add(number: str, level: int, ln: Line, rest_start: int, group: str = "") -> None:
        nonlocal top, letter, statute
        if items and items[-1].pending:
            # Another question follows: the paragraphs under the last answer were its own.
            items[-1].answer.extend(items[-1].pending)
            items[-1].pending = []
        if level == 1 and number == "i" and letter is not None and letter.number[-1:] == "h":
            level = 1
        elif level == 1 and number in ("i", "v", "x") and letter is not None:
            level = 2
        if level > 0 and top is None:
            # A lettered list with no numbered question above: letters are the numbers.
            level = 0
        elif level == 1 and top is not None and top.number.isalpha():
            # The next letter of such a list ("(b)" after "(a)") is a question of its own, not
            # a sub-question "ab"; an "(i)" not after "(h)" is a roman sub-item of the letter.
            level = 2 if number == "i" and top.number != "h" else 0
        parent: str | None = None
        if level == 1 and top is not None:
            parent = top.number
            number = top.number + number
        elif level == 2:
            anchor = letter or top
            parent = anchor.number if anchor else None
            number = (anchor.number if anchor else "") + f"({number})"
        item = _Item(number, number_key(number), level, ln.start, ln.end, rest_start, parent)
        item.group = group
        if level == 0:
            statute = False
            stem = re.match(r"^(?:[Qq]\s?)?(\d{1,2})", number)
            if stem and stem.group(0) != number:
                # "Q10a" under "Q10", "2(b)" under "2", "5a" under "5".
                for prev in reversed(items):
                    if prev.level == 0 and prev.key == number_key(stem.group(0)):
                        item.parent = prev.number
                        break
            if item.parent is None:
                top = item
                letter = None
            else:
                letter = item
        elif level == 1:
            letter = item
        items.append(item)

    for ln in lines(text, start, end):
        if ln.blank:
            gap = True
            continue
        raw = ln.text
        if _NOISE.match(raw):
            continue
        in_quote = quote
        if quote and _CLOSE_QUOTE.search(raw):
            quote = False
        cur = items[-1] if items else None
        if cur is not None and cur.open and cur.text_start < 0:
            # The question under a number written on its own line.
            cur.text_start, cur.span_end = ln.start, ln.end
            gap = False
            continue
        if cur is not None and cur.open and _ANSWER_ALONE.match(raw):
            answering = True
            gap = False
            continue
        next_item = answering and (_ITEM.match(raw) or _MARKER_ALONE.match(raw))
        if (
            cur is not None
            and cur.open
            and (_LABELLED_ANSWER.match(raw) or answering)
            and not next_item
        ):
            # "Answer: ..." under its question, or the lines under an "Answer" line.
            cur.answer.append((ln.start, ln.end))
            gap = False
            continue
        if ANSWER_HEADER.match(raw) or _ANSWER_WORD.match(raw):
            # "Q1 response:" and "Response:" lines belong to answers.
            if items and items[-1].open:
                items[-1].open = False
            if items and stop_at_prose:
                break
            gap = True
            continue
        alone = _MARKER_ALONE.match(raw)
        if alone:
            number = re.sub(r"\s+", "", raw.strip(" *_#>-:.\u2013"))
            group = ""
            if alone.group(1):
                number = alone.group(1)
                if alone.group(2):
                    group = alone.group(1) + alone.group(2)
                label = raw.lstrip(" *_#>-")[:2].lower()
                if label[:1] == "q" and label != "qu":  # "Q1", not "Question 1"
                    number = "Q" + number
                    group = "Q" + group if group else ""
            add(number, 0, ln, -1, group)
            answering = False
            gap = False
            continue
        m = _ITEM.match(raw)
        if m and top is not None and (statute or in_quote) and (m.group("sub") or m.group("sub2")):
            m = None  # "(a) to be informed ..." quoted from the Act
        if m and m.group("rest") is not None and not _ANSWER_WORD.match(m.group("rest")):
            number, level, group = _number_of(m)
            add(number, level, ln, m.start("rest") + ln.start, group)
            answering = False
            gap = False
            continue
        # A line that is not an item: part of the open item, its answer, or the end of it.
        plain = raw.strip()
        if top is not None:
            # Only under a numbered question can a quoted clause pass for a sub-question.
            tail = plain[-5:]
            if not statute and (tail[-1:] in (":", '"', "\u201c") or tail.lower() == " that"):
                statute = bool(_STATUTE_INTRO.search(raw))
            if not in_quote and plain[:1] in _OPEN_QUOTE and not _CLOSE_QUOTE.search(plain, 1):
                quote = True  # a quotation of several lines starts here
        if cur is not None and cur.open:
            asked = text[cur.text_start : cur.span_end].rstrip(" *_").endswith("?")
            prev = text[cur.span_start : cur.span_end].rstrip(" *_")
            wrapped = not prev.endswith((".", "?", "!", ":")) or plain[:1].islower()
            if cur.pending or (cur.answer and gap and not _ANSWERISH.match(raw)):
                held = sum(e - s for s, e in cur.pending)
                if stop_at_prose and held < _MAX_PENDING and not _ends_answers(plain):
                    cur.pending.append((ln.start, ln.end))
                    gap = False
                    continue
            elif cur.answer:
                cur.answer.append((ln.start, ln.end))  # the answer goes on
                gap = False
                continue
            elif (asked and _ANSWERISH.match(raw)) or (stop_at_prose and _STRONG_ANSWER.match(raw)):
                cur.answer.append((ln.start, ln.end))
                cur.weak = gap or not _STRONG_ANSWER.match(raw)
                gap = False
                continue
            elif not gap and (wrapped or _QUESTIONISH.match(plain)):
                # The question goes on: a wrapped line, or one asking more ("If so, ...").
                cur.span_end = ln.end
                continue
            elif stop_at_prose and _prose_answer(
                raw, asked, gap, any(it.answer for it in items[:-1])
            ):
                cur.answer.append((ln.start, ln.end))
                cur.weak = True
                gap = False
                continue
        if cur is not None:
            cur.open = False
            cur.pending = []
            if stop_at_prose and (len(plain) > 200 or (cur.answer and _ends_answers(plain))):
                break
    found = [it for it in items if it.text_start >= 0]
    for it in found:
        it.pending = []
    answered = [it for it in found if it.answer]
    if len(found) > 1 and len(answered) == 1 and found[-1].answer and found[-1].weak:
        # Only the last of a list has an answer, by position: the paragraph after a list of
        # questions answers them all (a narrative answer), not the last one.
        found[-1].answer = []
    list_end = max(
        [start, *(it.span_end for it in found), *(it.answer[-1][1] for it in found if it.answer)]
    )
    return found, list_end


def _cells(text: str, ln_start: int, raw: str, sep: str) -> list[tuple[str, Span]]:
    out = []
    pos = 0
    parts = raw.split(sep)
    for part in parts:
        s = ln_start + pos
        e = s + len(part)
        pos += len(part) + len(sep)
        out.append((part, trim(text, s, e)))
    if sep == "|":
        # Leading and trailing pipes make empty edge cells.
        if out and not out[0][0].strip():
            out = out[1:]
        if out and not out[-1][0].strip():
            out = out[:-1]
    return out


_NUM_CELL = re.compile(r"^\W*(?:Q(?:uestion)?\s*)?(\d{1,2}[a-z]?(?:\([a-z]\))?)\W*$", re.IGNORECASE)
_NUM_PREFIX = re.compile(r"^\W*((?:Q\s?)?\d{1,2}[a-z]?)[.):]\s*", re.IGNORECASE)


def parse_tables(text: str, start: int, end: int) -> tuple[list[Question], list[InlineAnswer]]:
    """Question/answer tables: runs of two or more lines of "|"- (or tab-) separated cells,
    with or without edge pipes (loaders write Word and HTML tables as "a | b")."""
    questions: list[Question] = []
    answers: list[InlineAnswer] = []
    run: list[tuple[Line, str]] = []

    def flush() -> None:
        rows = [
            _cells(text, ln.start, ln.text, sep)
            for ln, sep in run
            if not re.fullmatch(r"[\s|:\-+=]*", ln.text)  # Markdown separator row
        ]
        if len(rows) >= 2 or (rows and len(rows[0]) >= 3):
            _table(rows, questions, answers)
        run.clear()

    for ln in lines(text, start, end):
        raw = ln.text
        sep = "|" if "|" in raw else ("\t" if "\t" in raw.strip() else "")
        if sep:
            run.append((ln, sep))
        else:
            flush()
    flush()
    return questions, answers


def _table(
    rows: list[list[tuple[str, Span]]], questions: list[Question], answers: list[InlineAnswer]
) -> None:
    head = [c[0].strip().lower() for c in rows[0]]
    num_col = q_col = a_col = None
    body = rows
    if any("question" in h or "request" in h for h in head):
        for i, h in enumerate(head):
            if q_col is None and ("question" in h or "request" in h) and len(h) > 3:
                q_col = i
            elif any(w in h for w in ("response", "answer", "reply", "disclos", "information")):
                a_col = i
            elif h in ("", "#", "no", "no.", "number", "q", "q.", "item", "ref"):
                num_col = i
        body = rows[1:]
    if q_col is None:
        widths = {len(r) for r in rows}
        if widths and max(widths) >= 3 and all(_NUM_CELL.match(r[0][0]) for r in rows if r):
            num_col, q_col, a_col = 0, 1, 2
        elif (
            widths and max(widths) >= 2 and sum(bool(_NUM_PREFIX.match(r[0][0])) for r in rows) >= 1
        ):
            q_col, a_col = 0, 1
        else:
            return
    for i, row in enumerate(body):
        if q_col >= len(row):
            continue
        qtext, qspan = row[q_col]
        number = None
        only_number = _NUM_CELL.match(qtext)
        if only_number and a_col is not None and a_col < len(row):
            # "1 | No information held": the table numbers answers; the questions are above.
            if row[a_col][0].strip():
                answers.append(InlineAnswer([only_number.group(1)], row[a_col][1]))
            continue
        if num_col is not None and num_col < len(row):
            m = _NUM_CELL.match(row[num_col][0])
            number = m.group(1) if m else None
        if number is None:
            m = _NUM_PREFIX.match(qtext)
            if m:
                number = m.group(1).replace(" ", "")
                qspan = (qspan[0], qspan[1])
                qtext = qtext[m.end() :]
        if not qtext.strip():
            continue
        if number is None:
            number = str(i + 1)
        start = row[0][1][0]
        questions.append(Question(span=(start, qspan[1]), number=number, text=clean(qtext)))
        if a_col is not None and a_col < len(row) and row[a_col][0].strip():
            answers.append(InlineAnswer([number], row[a_col][1]))


def _to_questions(text: str, items: list[_Item]) -> tuple[list[Question], list[InlineAnswer]]:
    qs: list[Question] = []
    ans: list[InlineAnswer] = []
    seen: set[str] = set()
    for it in items:
        if it.key in seen:
            continue  # a number repeated further down is an echo, not a new question
        body = clean(text[it.text_start : it.span_end])
        if not body:
            continue
        # A label naming several questions gives one question per number (``group_numbers``).
        numbers = [n for n in it.numbers if number_key(n) not in seen] or [it.number]
        seen.update(number_key(n) for n in numbers)
        seen.add(it.key)
        span = trim(text, it.span_start, it.span_end)
        for n in numbers:
            qs.append(Question(span=span, number=n, text=body, parent=it.parent))
        if it.answer:
            ans.append(InlineAnswer(numbers, trim(text, it.answer[0][0], it.answer[-1][1])))
    return qs, ans


# ----------------------------------------------------------------------------- entry point


def parse(text: str, region: Span, seg: Segmentation | None = None) -> QuestionParse:
    """Questions of the letter in ``text[region]``, where its request and response lie."""
    start, end = region
    out = QuestionParse(response_start=start)
    rs, rc = find_request_start(text, start, end)
    req_from = rc if rs >= 0 else start
    resp = find_response_start(text, req_from, end)
    interleaved = _interleaved(text, req_from, end)
    if interleaved:
        # "Answer" under every question: the answers are read with their questions.
        resp = -1
    out.explicit_response = resp >= 0
    req_to = resp if resp >= 0 else end

    items, list_end = parse_items(
        text, req_from, req_to, stop_at_prose=resp < 0 and not interleaved
    )
    # Items before the request marker (a list above "Response"), when the marker found none.
    if not items and rs > start:
        items, list_end = parse_items(text, start, req_to, stop_at_prose=resp < 0)
    qs, inline = _to_questions(text, items)
    answers_only = bool(qs) and _answers_not_questions(qs)
    if answers_only:
        # "Please find our response as follows: 1. No. 2. Not applicable." - these numbered
        # items are the answers; the questions are not restated.
        qs, inline = [], []
        resp = items[0].span_start if resp < 0 else min(resp, items[0].span_start)
        out.explicit_response = True
    if (
        len(qs) == 1
        and qs[0].number not in ("1", "Q1", "a")
        and not _PROSE_QUESTION.search(qs[0].text)
    ):
        qs, inline = [], []  # a lone "3." in prose is not a question list
    tq, ta = parse_tables(text, start, end)
    if len(tq) > len(qs):
        qs, inline = tq, ta
        list_end = max(q.span[1] for q in tq if q.span)
    elif ta and not inline:
        inline = ta

    if not qs and resp >= 0:
        # The response repeats each question above its answer (numbered answers alone,
        # "1. No information held", are not questions).
        items, _ = parse_items(text, resp, end, stop_at_prose=True)
        asked = [it for it in items if it.answer or "?" in text[it.text_start : it.span_end]]
        if items and len(asked) * 2 >= len(items):
            qs, inline = _to_questions(text, items)
    if not qs and not answers_only:
        # Questions written without numbers, each above its answer ("For ease of reference,
        # your request is replicated below together with the response").
        qs, inline = _unnumbered_pairs(text, req_from, end)
        if qs:
            list_end = qs[-1].span[1]  # type: ignore[index]
    if not qs and rs >= 0 and not answers_only:
        # A request in prose: one question.
        body_end = resp if resp >= 0 else _paragraph_end(text, req_from, end)
        s, e = trim(text, req_from, body_end)
        body = clean(text[s:e]).strip("\"\u201c\u201d\u2018\u2019' ")
        asked = [ln for ln in lines(text, s, e) if ln.text.rstrip(" *_").endswith("?")]
        if len(asked) >= 2 and all(len(ln.text) < 400 for ln in asked):
            # Several questions, one a line, without numbers: numbered by position.
            qs = [
                Question(span=trim(text, ln.start, ln.end), number=str(i), text=clean(ln.text))
                for i, ln in enumerate(asked, 1)
            ]
            list_end = e
        elif body and len(body) < 3000:
            # After "Request" or "You asked for", the text is the request, question mark or not.
            qs = [Question(span=(s, e), number="1", text=body)]
            list_end = e
    if not qs and seg is not None:
        # The questions may only be in the quoted original request of an email thread.
        for msg in seg.others():
            if msg.kind in ("request", "other"):
                ms, me = msg.span
                items, _ = parse_items(text, ms, me, stop_at_prose=False)
                qs, _unused = _to_questions(text, items)
                if qs:
                    out.request_span = (qs[0].span[0], qs[-1].span[1])  # type: ignore[index]
                    break

    out.questions = qs
    out.inline_answers = inline
    in_region = [q.span for q in qs if q.span and start <= q.span[0] < end]
    if rs >= 0:
        s, e = trim(text, rc, resp if resp >= 0 else max([list_end, *(sp[1] for sp in in_region)]))
        out.request_span = (s, e) if e > s else out.request_span
    elif in_region:
        out.request_span = (in_region[0][0], in_region[-1][1])
    if resp >= 0:
        out.response_start = resp
    elif in_region:
        out.response_start = max(list_end, in_region[-1][1])
    elif rs >= 0:
        out.response_start = rc
    return out


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


def _unnumbered_pairs(text: str, start: int, end: int) -> tuple[list[Question], list[InlineAnswer]]:
    """Paragraphs ending in "?" each followed by an answer paragraph: questions numbered by
    position ("1", "2", ...), since the letter writes no number. Needs two such pairs."""
    paras = list(iter_paragraphs(text, start, end))
    qs: list[Question] = []
    ans: list[InlineAnswer] = []
    i = 0
    while i < len(paras):
        s, e = paras[i]
        body = text[s:e]
        if body.rstrip(" *_").endswith("?") and len(body) < 600 and "\n\n" not in body:
            # The answer: the following paragraphs up to the next question or boilerplate.
            j = i + 1
            a_start = a_end = None
            while j < len(paras):
                ps, pe = paras[j]
                para = text[ps:pe]
                if para.rstrip(" *_").endswith("?") or _BOILERPLATE_START.match(para):
                    break
                a_start = ps if a_start is None else a_start
                a_end = pe
                j += 1
            if a_start is not None and a_end is not None:
                number = str(len(qs) + 1)
                qs.append(Question(span=(s, e), number=number, text=clean(body)))
                ans.append(InlineAnswer([number], (a_start, a_end)))
                i = j
                continue
        i += 1
    if len(qs) < 2:
        return [], []
    return qs, ans


def _answers_not_questions(qs: list[Question]) -> bool:
    """No item asks anything and most read like answers ("No.", "Not applicable.")."""
    if any("?" in q.text for q in qs):
        return False
    answerish = sum(bool(_STRONG_ANSWER.match(q.text)) for q in qs)
    return answerish * 2 >= len(qs) and answerish >= 1


def _interleaved(text: str, start: int, end: int) -> bool:
    """Answers written under their questions: two or more "Answer" lines of their own, or an
    answer header ("Q1 response:") followed by a question and another answer header."""
    count = 0
    state = 0  # 1: an answer header seen; 2: then a question
    for ln in lines(text, start, end):
        raw = ln.text
        if not raw:
            continue
        if _ANSWER_ALONE.match(raw):
            count += 1
            if count >= 2:
                return True
        elif ANSWER_HEADER.match(raw):
            if state == 2:
                return True
            state = 1
        elif state == 1 and "?" in raw and _ITEM.match(raw):
            state = 2
    return False


def _paragraph_end(text: str, start: int, end: int) -> int:
    """End of the paragraph group starting at ``start`` (up to the first blank line after text)."""
    seen = False
    for ln in lines(text, start, end):
        if ln.blank and seen:
            return ln.start
        if not ln.blank:
            seen = True
    return end
