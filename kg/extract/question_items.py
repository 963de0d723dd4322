"""Numbered items of a request ("1.", "Q10a.", "2(b)", "a)" under "2") and the answers
written under them.

Part of ``kg.extract.questions`` (see its notes for the numbering convention): ``parse_items``
reads the items of a section, nesting letters and roman numerals under their question, and
``group_numbers`` expands a label naming several questions ("Q2 & Q3", "Questions 2 to 4").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.extract.question_markers import (
    _ANSWER_WORD,
    _ANSWERISH,
    _BOILERPLATE_START,
    _ITEM,
    _LABELLED_ANSWER,
    _MORE,
    _ROMAN,
    _STRONG_ANSWER,
    ANSWER_HEADER,
    GENERAL_NOTE,
    InlineAnswer,
)
from kg.extract.textutil import SIGN_OFF as _SIGN_OFF
from kg.extract.textutil import (
    Line,
    Span,
    clean,
    lines,
    number_key,
    trim,
)
from kg.model import Question


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


_ROMAN_ORDER = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x")


def _next_roman(previous: str, number: str) -> bool:
    """``number`` is the roman numeral after ``previous`` ("ii" after "i")."""
    if previous not in _ROMAN_ORDER or number not in _ROMAN_ORDER:
        return False
    return _ROMAN_ORDER.index(number) == _ROMAN_ORDER.index(previous) + 1


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


# A number with no punctuation before a capitalised word: "3 Has the force ...".
_BARE_NUMBER = re.compile(
    r"^[ \t]*(?:\*\*|__)?(\d{1,2})(?:\*\*|__)?[ \t]+"
    # not a date ("2 September 2023 - Cardiff") or a count of something ("3 Officers")
    r"(?!(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b)"
    r"(?P<rest>[A-Z]\S*[ \t]+\S.*)$"
)


def _follows(top: _Item | None, number: str) -> bool:
    """``number`` is the next whole number after the current question ``top`` ("3" after
    "2", "2(b)" or "Q2")."""
    if top is None:
        return False
    stem = re.match(r"^(?:[Qq]\s?)?(\d{1,2})", top.number)
    return bool(stem) and int(number) == int(stem.group(1)) + 1


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
        if level == 2 and letter is None and top is not None and _next_roman(top.number, number):
            # "(ii)" after a top-level "(i)": a list numbered in roman numerals, not "i(ii)".
            level = 0
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
        bare = _BARE_NUMBER.match(raw) if top is not None and not in_quote else None
        if bare and _follows(top, bare.group(1)):
            # "3 Does the force ..." after "2(b) ...": the next number of the list, written
            # without punctuation (only then: "20 working days" is prose).
            add(bare.group(1), 0, ln, bare.start("rest") + ln.start)
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


def _to_questions(text: str, items: list[_Item]) -> tuple[list[Question], list[InlineAnswer]]:
    qs: list[Question] = []
    ans: list[InlineAnswer] = []
    seen: set[str] = set()
    for it in items:
        if it.key in seen:
            continue  # a number repeated further down is an echo, not a new question
        body = clean(text[it.text_start : it.span_end])
        if body[-1:] in ('"', "\u201d") and body.count('"') + body.count("\u201d") == 1:
            body = body[:-1].rstrip()  # the close of a request quoted as a list
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
