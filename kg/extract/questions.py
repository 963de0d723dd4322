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

The rules live in ``kg.extract.question_markers`` (where the request and the response start,
answer headers), ``kg.extract.question_items`` (numbered items and the answers written under
them) and ``kg.extract.question_tables`` (tables); ``parse`` here puts them together.
"""

from __future__ import annotations

from kg.extract.question_items import (
    _ANSWER_ALONE,
    _Item,
    _to_questions,
    group_numbers,
    parse_items,
)
from kg.extract.question_markers import (
    _BOILERPLATE_START,
    _ITEM,
    _PROSE_QUESTION,
    _STRONG_ANSWER,
    ANSWER_HEADER,
    GENERAL_NOTE,
    REF,
    REFLIST,
    InlineAnswer,
    QuestionParse,
    find_request_start,
    find_response_start,
    heading_matches,
)
from kg.extract.question_tables import (
    parse_tables,
)
from kg.extract.segment import Segmentation
from kg.extract.textutil import (
    Span,
    clean,
    iter_paragraphs,
    lines,
    number_key,
    trim,
)
from kg.model import Question

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
    restart = _restart(text, items) if resp < 0 and not interleaved else None
    if restart is not None:
        # The list of questions, a lead-in sentence, then the answers numbered the same way:
        # the second run is the response, not echoes of the questions.
        items, resp = items[: restart[0]], restart[1]
        list_end = max(it.span_end for it in items)
        out.explicit_response = True
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
    elif ta and _covered(ta) > _covered(inline):
        # A table answering more questions than the lines found under the questions (which
        # may be a lead-in to the table, "The answers are set out in the table.").
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


def _covered(answers: list[InlineAnswer]) -> int:
    """How many distinct questions ``answers`` answer."""
    return len({number_key(n) for a in answers for n in a.numbers})


def _restart(text: str, items: list[_Item]) -> tuple[int, int] | None:
    """(index, response start) when the numbered items start again from the first number
    after a run of questions ("1. Does ...? 2. How many ...?" then "I am able to respond as
    follows." then "1. Yes. 2. 412."): the second run answers the first, number by number.

    Only when the second run numbers at least two items, all of them numbers of the first
    run, and the first run asked (its items end in "?" or carry no answer of their own); the
    response starts at the prose between the runs (taken for an answer of the last question
    by its place) or at the second run's first item."""
    first = items[0].key if items else ""
    for j in range(2, len(items)):
        if items[j].level != 0 or items[j].key != first:
            continue
        asked, again = items[:j], items[j:]
        keys = {it.key for it in asked}
        top_again = [it for it in again if it.level == 0]
        if len(top_again) < 2 or any(it.key not in keys for it in again):
            return None
        if sum(bool(it.answer) and not it.weak for it in asked) * 2 > len(asked):
            return None  # answers already sit under the questions: the rest are echoes
        last = asked[-1]
        start = again[0].span_start
        if last.answer and last.weak:
            start = last.answer[0][0]
            last.answer = []
        return j, start
    return None


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


__all__ = [
    "ANSWER_HEADER",
    "GENERAL_NOTE",
    "InlineAnswer",
    "QuestionParse",
    "REF",
    "REFLIST",
    "find_request_start",
    "find_response_start",
    "group_numbers",
    "heading_matches",
    "parse",
    "parse_items",
    "parse_tables",
]
