"""The force's answers: which questions each answer block answers, its kind and its text.

Blocks, in order of preference:

1. labelled blocks: "Responses 1 - 3:", "Response to Q2:", "Q1 response: ...",
   "Q4 & Q4a, Q10 & Q10a response: ...", "Q5 to Q6b response:", "Answers 1-5",
   "In answer to questions 1 to 4, ...", "A1." / "A2:" (paired with "Q1." / "1.");
2. answers written next to their questions (table rows, "1. ...?" then "Yes ..." or
   "Answer: ...", "Q1. ...?" then "Q1 response: ...") found by ``kg.extract.questions``;
3. numbered items in the response section whose numbers are question numbers
   ("1. No information held");
4. otherwise one narrative answer to every question: the response section from its start to
   the first legal boilerplate, procedural paragraphs ("I am required ... blind to the
   identity of the requestor") skipped.

Ranges expand over the letter's own question numbers in order: "Q5 to Q6b" covers 5, 5a, 5b,
5c, 5d, 6, 6a, 6b. Answer numbers are given as the questions write them ("Q4a").

A label naming several questions ("Questions 2 to 4:", "Questions 2, 3 and 4:", "Q2 & Q3.")
answers each of them (see ``kg.extract.questions.group_numbers``).

An answer ends at the next block, at the next question (an answer never holds the question
after it), at legal boilerplate (an exemption list line such as "Section 24(2) National
Security", a heading "Section 24", harm, public-interest or balance headings), at a paragraph
about the whole request rather than this answer (the note "The above responses relate to
overt use only", or an NCND for "any other information", the request or covert use, unless it
is the answer's first paragraph or names its question: "... relevant to question 4"), or at
the closing (review rights, "Yours sincerely").

Kind (``kg.terms.ANSWER_KINDS``) is read sentence by sentence. Only the sentences before the
first neither-confirm-nor-deny sentence decide: an answer that opens with an overt answer and
then adds an NCND ("With regard to overt use, no information held. In addition, ... neither
confirm nor deny ...") keeps the overt answer's kind (not-held); the NCND itself is recorded by
``kg.extract.legal``. An answer that is only an NCND is "ncnd". Cues: "no information held" ->
not-held; "not applicable"/"N/A" -> not-applicable; a refusal as vexatious or repeated
("vexatious", "section 14(1)") -> refused-exempt, whatever else the answer says (and
information withheld for future publication, section 22, stays refused-exempt);
"exempt"/"withheld"/"section 40(2) applies" -> refused-exempt (not "no information has been
withheld"); cost limit, "18 hours", "£450", "section 12" -> refused-cost; "available on our
website"/"published" -> published-elsewhere; "please clarify" -> clarification-needed; "yes",
figures (not statute numbers or years) or a stated use ("uses", "is provided by") -> disclosed.
Combining: a cost refusal decides unless a "yes" or a use is also stated (then
partially-disclosed; figures of a cost estimate do not count); a plain statement before a
withholding, or a disclosure with a not-held, exempt or published part, is partially-disclosed;
otherwise the first kind. No cue at all: "disclosed" (an answer in words such as "We do not use
it"). Advice on narrowing a refused request ("You may wish to submit a refined request, for
example asking whether the force uses ...") and, after the answer's first sentence, a pointer
to further reading ("More information about LFR is published at URL") give no kind: a cost
refusal stays refused-cost, and only an answer that itself points to a publication is
published-elsewhere.

When the letter numbers its answers but does not restate the questions ("Please find our
response as follows: 1. No. 2. Not applicable."), the answers keep their numbers as written
and no question is invented.
"""

from __future__ import annotations

import bisect
import re

from kg.extract.question_items import _MARKER_ALONE
from kg.extract.question_markers import _ITEM
from kg.extract.questions import (
    ANSWER_HEADER,
    GENERAL_NOTE,
    REF,
    QuestionParse,
    _answers_not_questions,
    heading_matches,
    parse_items,
)
from kg.extract.textutil import Span, clean, iter_paragraphs, lines, number_key, trim
from kg.model import Answer, LetterRecord, Question

# Where an answer's text stops: legal boilerplate and the closing of the letter.
_BOUNDARY = re.compile(
    r"^[ \t]*[#*_\s]*(?:"
    r"(?:overall\s+|evidence\s+of\s+)?(?:harm|prejudice)\b"
    r"|public\s+interest\s+(?:test|considerations)|factors?\s+(?:favouring|for|in\s+favour|against)"
    r"|s(?:ection)?\s*\d{2}\s*[-\u2013]?\s*factors|balanc(?:e|ing)\s+test"
    r"|sections?\s+\d{1,2}(?:\(\d\))*(?:\s*(?:and|&)\s*\d{1,2}(?:\(\d\))*)?\s+(?:is|are)\s+"
    r"(?:both\s+)?(?:an?\s+)?"
    r"(?:prejudice|qualified|absolute|class)"
    # a heading "Section 24" or "Section 31(3) - Law Enforcement" on its own line
    r"|sections?\s+\d{1,2}(?:\(\w{1,3}\))*(?:\s*[-\u2013:]\s*[A-Z][A-Za-z ,&']{2,60})?"
    r"[.:*_]*[ \t]*$"
    r"|(?:s(?:ection)?\.?\s*)\d{1,2}\(\d\)(?:\([a-z]\))?\s*[-\u2013:]?\s*"
    r"[A-Z][A-Za-z ,&']{2,60}\.?[*_]*\s*$"
    r"|these\s+exemptions\s+and|the\s+threat\s+from\s+terrorism|harm\s+considerations"
    r"|the\s+(?:current\s+)?(?:UK\s+)?threat\s+level|contact\s*:"
    r"|any\s+disclosure\s+under\s+(?:the\s+)?(?:FOI|freedom\s+of\s+information)"
    r"|(?:[^\n/]{1,24}/\s*)?yours\s+(?:sincerely|faithfully)|kind\s+regards|regards\b|every\s+effort\s+has\s+been\s+made"
    r"|your\s+attention\s+is\s+drawn|should\s+you\s+have\s+any\s+further"
    r"|if\s+you\s+are\s+(?:not\s+(?:satisfied|happy|content)|unhappy|dissatisfied|unsatisfied)"
    r"|complaint\s+rights|your\s+right\s+to|you\s+may\s+(?:ask|request|apply)\s+(?:for\s+)?an\s+internal"
    r"|right\s+(?:of|to)\s+(?:review|appeal|complain)|none\s+of\s+the\s+above\s+can\s+be\s+viewed"
    r"|please\s+note\s+(?:that\s+)?this\s+response\s+should\s+not"
    r"|if\s+you\s+have\s+any\s+(?:further\s+)?(?:queries|questions)|attachments\b"
    r"|\S[^\n]{0,60}\s+provides\s+you\s+(?:with\s+)?the\s+right"
    r")",
    re.IGNORECASE | re.MULTILINE,
)
# Paragraphs that are procedure, not an answer: skipped at the start of a narrative answer.
_PROCEDURAL = re.compile(
    r"blind\s+to\s+the\s+identity|regarded\s+as\s+being\s+published|in\s+the\s+public\s+domain"
    r"|thank\s+you\s+for\s+your|I\s+write\s+in\s+connection|please\s+find\s+(?:below|attached)"
    r"|apologies\s+for\s+the\s+delay|apologi[sz]e\s+for\s+the\s+delay|has\s+now\s+been\s+considered"
    r"|dear\s+\S|handled\s+(?:under|in\s+accordance)|freedom\s+of\s+information\s+act\s+2000\s+"
    r"\(the\s+act\)|set\s+out\s+below",
    re.IGNORECASE,
)

# Lines at the start of an answer that are no part of it: the header lines of an email
# ("From:", "Sent:", "To:", "Subject:") and a greeting ("Good morning,", "Dear Mr Smith").
_PREAMBLE = re.compile(
    r"[ \t>*_]*(?:(?:from|sent|to|subject|cc|bcc|date)[ \t]*:[^\n]*"
    r"|(?:good[ \t]+(?:morning|afternoon|evening|day)|hello|hi|dear[ \t][^\n]{0,60})[ \t,!.]*)"
    r"(?:\n|$)",
    re.IGNORECASE,
)

# A refusal of the whole request as vexatious or repeated (section 14): refused-exempt, whatever
# else the answer states about the requester's correspondence.
_VEXATIOUS = re.compile(
    r"(?<!not\s)(?<!never\s)\bvexatious\b|\bs(?:ection|\.)?\s?14\s?\([12]\)", re.IGNORECASE
)

# Information withheld because it will be published (section 22): what the answer says about
# it ("A DPIA has been drafted") is no partial disclosure.
_FUTURE = re.compile(
    r"\bwill\s+be\s+published|\bfuture\s+publication|\bsection\s+22(?:\(1\))?(?!\d)", re.I
)

_NCND = re.compile(r"neither\s+(?:confirm|confirms|confirming)\s+nor\s+den(?:y|ies|ying)", re.I)
_KIND_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "refused-cost",
        re.compile(
            # "s12" / "s. 12", but not a word ending in "s" before a date ("Arrests 12/05/2023")
            r"cost\s+limit|appropriate\s+limit|18\s+hours|£\s?450\b|section\s+12\b"
            r"|\bs\.?\s?12\b(?![/.]\d)"
            r"|exceed\s+the\s+(?:cost|time)|(?:cost|time)\s+of\s+compl(?:iance|ying)",
            re.I,
        ),
    ),
    ("not-applicable", re.compile(r"\bnot\s+applicable\b|\bN/A\b|\bn/a\b", re.I)),
    (
        "not-held",
        re.compile(
            r"\bno\s+(?:relevant\s+|recorded\s+|such\s+|further\s+)?(?:information|records?|data)"
            r"\s+(?:is\s+|are\s+|was\s+)?(?:held|recorded|kept)"
            r"|\b(?:is|are|was)\s+not\s+(?:currently\s+)?(?:held|recorded|kept)\b|\bnot\s+held\b"
            # not "does not hold any ... software of its own": a possession, not a record
            r"|\bdo(?:es)?\s+not\s+hold\b(?!\s+(?:any\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,4}?"
            r"(?:software|systems?|equipment|licen[cs]es?|cameras?|devices?|capabilit\w+|vans?)\b)"
            r"|\bholds?\s+no\s+(?:information|records?|data)"
            r"|\bno\s+record\s+(?:is|was)\s+held|\bnil\s+return|\bno\s+information\s+(?:held|is\s+held)",
            re.I,
        ),
    ),
    (
        "published-elsewhere",
        re.compile(
            r"available\s+(?:on|via|from|at)\s+(?:our|the|its)\s+(?:[A-Z][\w&'-]*\s+){0,4}?"
            r"(?:website|web\s*site|force\s+website)"
            r"|(?:already\s+|is\s+|been\s+)published|publicly\s+available|can\s+be\s+found\s+(?:at|on)"
            r"|section\s+21\b|\botherwise\s+accessible\b",
            re.I,
        ),
    ),
    (
        "refused-exempt",
        re.compile(
            r"\bexempt(?:ed|ion\s+applies|\s+from\s+disclosure)?\b|\bwithheld\b|\bwithhold"
            r"|section\s+\d{2}(?:\(\d\))?(?:\([a-z]\))?\s+(?:applies|is\s+engaged|has\s+been\s+applied)"
            r"|refus(?:e|ed|al)\b",
            re.I,
        ),
    ),
    (
        "clarification-needed",
        re.compile(r"please\s+clarify|clarification|could\s+you\s+(?:please\s+)?clarify", re.I),
    ),
)
_NOTHING_WITHHELD = re.compile(
    r"\b(?:no|nothing|none)\b[^.]{0,40}\b(?:withheld|exempt)|\bnot\s+(?:been\s+)?withheld", re.I
)
# Figures: money, counts. Not years, and not statute numbers ("43(2)", "section 12").
_DISCLOSED = re.compile(
    r"^\W*yes\b|£\s?\d|\b\d{1,3}(?:,\d{3})+\b"
    r"|(?<![(\d.])(?<!section\s)(?<!s\.)\b(?!(?:19|20)\d{2}\b)\d+\b(?![)(\d])",
    re.I,
)
# A statement in words that the force uses, bought or spent: a disclosure, unless negated.
_POSITIVE = re.compile(
    r"\b(?:uses|is\s+using|are\s+using|has\s+(?:used|deployed|spent|purchased|bought)"
    r"|have\s+(?:used|deployed|spent|purchased|bought)|deployed|is\s+provided\s+by"
    r"|are\s+provided\s+by|supplied\s+by|was\s+spent|were\s+spent|took\s+place)\b",
    re.IGNORECASE,
)
_NEGATED = re.compile(r"\b(?:not|no|never|neither|nor|none)\b|n['\u2019]t\b", re.IGNORECASE)
# Advice on narrowing a refused request ("You may wish to submit a refined request, for
# example asking whether the force uses ...") gives no answer: it must not turn a cost
# refusal into a partial disclosure.
_ADVICE = re.compile(
    r"\byou\s+(?:may|might|could|can)\s+(?:\w+\s+){0,2}?(?:submit|refine|narrow|reduce|resubmit"
    r"|re-submit|rephrase|reword|limit)"
    r"|\b(?:refin|narrow|reduc|resubmit|re-submit|rephras|reword)\w*\s+(?:\w+\s+){0,3}?request"
    r"|\b(?:new|refined|revised|narrower|reduced)\s+request|advice\s+and\s+assistance"
    r"|\bsection\s+16\b",
    re.IGNORECASE,
)
# A pointer to more reading ("More information about LFR is published at ..."): an answer
# is published-elsewhere only when it points there itself, not when a closing line does.
_POINTER = re.compile(
    r"^\W*(?:(?:for\s+)?(?:more|further|additional|general)\s+information\b"
    r"|you\s+(?:may|can|might)\s+(?:also\s+)?(?:find|be\s+interested|wish\s+to\s+(?:see|read|visit|view)))",
    re.IGNORECASE,
)
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)|\n", re.M)


def classify(body: str) -> str:
    """Answer kind of an answer's text (see the module docstring for the rule)."""
    kinds: list[str] = []
    ncnd = False
    content = False  # a sentence before any NCND
    strong = False  # a disclosure by "yes" or a stated use, not only by figures
    uncued = False  # a statement with no cue (e.g. the ranks given before names withheld)
    vexatious = False  # the request is refused as vexatious or repeated (section 14)
    future = False  # withheld for future publication (section 22)
    for m in _SENTENCE.finditer(body):
        sentence = m.group(0).strip()
        if not sentence:
            continue
        if _NCND.search(sentence):
            ncnd = True
            break
        if _ADVICE.search(sentence) or (content and _POINTER.match(sentence)):
            continue
        if re.search(r"[A-Za-z]{2}", sentence) and not re.match(
            r"^\W*(?:in\s+addition|however|please\s+note|furthermore|also)\W*$", sentence, re.I
        ):
            content = True
        vexatious = vexatious or bool(_VEXATIOUS.search(sentence))
        future = future or bool(_FUTURE.search(sentence))
        kind = None
        for name, rx in _KIND_CUES:
            if rx.search(sentence):
                kind = name
                break
        if kind == "refused-exempt" and _NOTHING_WITHHELD.search(sentence):
            kind = None  # "No information has been withheld."
        if kind is None and "refused-exempt" not in kinds:
            # A plain statement before anything is withheld ("The ranks are ...").
            plain = not _NEGATED.search(sentence) and not _PROCEDURAL.search(sentence)
            uncued = uncued or (plain and len(sentence) > 30)
        positive = bool(_POSITIVE.search(sentence)) and not _NEGATED.search(sentence)
        if kind is None and (_DISCLOSED.search(sentence) or positive):
            kind = "disclosed"
            # Figures alone may be a cost estimate ("74,000 records"); a "yes" or a use is not.
            strong = strong or positive or bool(re.match(r"^\W*yes\b", sentence, re.I))
        if kind is not None:
            kinds.append(kind)
    if vexatious:
        return "refused-exempt"
    if not kinds:
        # Only an NCND, or an answer in words before it ("We do not use ...").
        return "ncnd" if ncnd and not content else "disclosed"
    distinct = list(dict.fromkeys(kinds))
    if "refused-cost" in distinct:
        # A cost refusal decides the answer ("not held in a retrievable format ... 18 hours").
        return "partially-disclosed" if strong else "refused-cost"
    if distinct == ["refused-exempt"] and uncued and not future:
        return "partially-disclosed"  # something stated, the rest withheld
    if len(distinct) == 1:
        return distinct[0]
    if "disclosed" in distinct and any(
        k in distinct for k in ("not-held", "refused-exempt", "refused-cost", "published-elsewhere")
    ):
        return "partially-disclosed"
    first = next(k for k in distinct if k != "disclosed")
    return first


# ----------------------------------------------------------------------------- references


def _refs(reflist: str) -> list[tuple[str, str | None]]:
    """Parse "Q4 & Q4a, Q10 to Q10a" into [(ref, None), (ref_from, ref_to)] pairs."""
    out: list[tuple[str, str | None]] = []
    tokens = re.split(r"\s*(,|&|\band\b|\bto\b|-|\u2013|/|\+)\s*", reflist.strip(), flags=re.I)
    pending_range = False
    for tok in tokens:
        if not tok:
            continue
        low = tok.lower()
        if low in ("to", "-", "\u2013"):
            pending_range = True
            continue
        if low in (",", "&", "and", "/", "+"):
            pending_range = False
            continue
        if not re.fullmatch(REF, tok, re.I):
            continue
        if pending_range and out:
            out[-1] = (out[-1][0], tok)
        else:
            out.append((tok, None))
        pending_range = False
    return out


def expand(reflist: str, questions: list[Question]) -> list[str]:
    """Question numbers a reference list covers, as the questions write them."""
    keys = [number_key(q.number) for q in questions]
    by_key = {k: q.number for k, q in zip(keys, questions, strict=False)}
    out: list[str] = []
    for a, b in _refs(reflist):
        ka = number_key(a)
        if b is None:
            out.append(by_key.get(ka, a.replace(" ", "")))
            continue
        kb = number_key(b)
        if ka in by_key and kb in by_key:
            i, j = keys.index(ka), keys.index(kb)
            if i <= j:
                # Up to the last sub-question of the end point when it is a whole number.
                while j + 1 < len(keys) and _stem(keys[j + 1]) == kb and kb.isdigit():
                    j += 1
                out.extend(q.number for q in questions[i : j + 1])
                continue
        if ka.isdigit() and kb.isdigit() and int(ka) <= int(kb) <= int(ka) + 60:
            for n in range(int(ka), int(kb) + 1):
                hit = [
                    q.number for q, k in zip(questions, keys, strict=False) if _stem(k) == str(n)
                ]
                out.extend(hit or [str(n)])
            continue
        out.extend([by_key.get(ka, a), by_key.get(kb, b)])
    return list(dict.fromkeys(out))


def _stem(key: str) -> str:
    m = re.match(r"\d+", key)
    return m.group(0) if m else key


# ----------------------------------------------------------------------------- blocks


_boundary_cache: dict[int, tuple[str, list[int]]] = {}


def _boundary_lines(text: str) -> list[int]:
    """Starts of every line that is legal boilerplate or closing (computed once per text)."""
    hit = _boundary_cache.get(id(text))
    if hit is not None and hit[0] is text:
        return hit[1]
    starts = []
    for m in _BOUNDARY.finditer(text):
        starts.append(text.rfind("\n", 0, m.start()) + 1)
    if len(_boundary_cache) > 16:
        _boundary_cache.clear()
    _boundary_cache[id(text)] = (text, starts)
    return starts


def _boundary(text: str, start: int, end: int) -> int:
    """Where an answer starting at ``start`` stops: the first boilerplate line after it."""
    starts = _boundary_lines(text)
    i = bisect.bisect_left(starts, start)
    if i < len(starts) and starts[i] < end:
        return starts[i]
    # A boundary line that began just before ``start`` (an answer header and a closing on
    # one line) does not stop the answer.
    return end


_LABEL = re.compile(r"[\s*_>-]*(?:answer|response|reply|A)\s*[:.\-\u2013]\s*", re.IGNORECASE)


_NAMED_QUESTION = re.compile(r"\b(?:questions?|Q)\s*\.?\s*(\d{1,2}[a-z]?)\b", re.IGNORECASE)


def _general_note(text: str, start: int, end: int, numbers: list[str]) -> int:
    """Where a paragraph about the whole request starts inside an answer (the overt-use note,
    an NCND for "any other information"): the answer ends there, unless that paragraph is
    the answer's first or names one of its questions ("... relevant to question 4")."""
    keys = {number_key(n) for n in numbers}
    for ln in lines(text, start, end)[1:]:
        line = ln.text.strip()
        if not line or not GENERAL_NOTE.match(line):
            continue
        if any(number_key(m.group(1)) in keys for m in _NAMED_QUESTION.finditer(line)):
            continue
        return ln.start
    return end


def _skip_preamble(text: str, start: int, end: int) -> int:
    """Past email header lines and a greeting at ``start`` (blank lines between them too)."""
    while start < end:
        ws = re.compile(r"\s*").match(text, start, end)
        pos = ws.end() if ws else start
        m = _PREAMBLE.match(text, pos, end)
        if not m or m.end() <= pos:
            return start
        start = m.end()
    return start


def _make(text: str, numbers: list[str], start: int, end: int) -> Answer | None:
    label = _LABEL.match(text, start, end)
    if label:
        start = label.end()  # "Answer: ..." - the label is not the answer
    start = _skip_preamble(text, start, end)
    end = _general_note(text, start, end, numbers)
    s, e = trim(text, start, end)
    if e <= s:
        return None
    body = clean(text[s:e])
    if not body:
        return None
    return Answer(span=(s, e), questions=numbers, kind=classify(body), text=body)


def _labelled(
    text: str, region: Span, qp: QuestionParse, questions: list[Question]
) -> list[Answer]:
    start = qp.response_start
    # A header may sit before the response start computed by the question parser: between
    # the questions when each answer follows its question ("Q1. ...?" then "Q1 response:").
    firsts = [q.span[1] for q in questions if q.span and region[0] <= q.span[0] < region[1]]
    search_from = min(start, firsts[0]) if firsts else start
    headers = [
        m
        for m in ANSWER_HEADER.finditer(text, search_from, region[1])
        if not any(q.span and q.span[0] <= m.start() < q.span[1] for q in questions)
    ]
    q_starts = sorted(q.span[0] for q in questions if q.span)
    out: list[Answer] = []
    for i, m in enumerate(headers):
        reflist = m.group("l1") or m.group("l2") or m.group("l3") or m.group("l4") or ""
        numbers = expand(reflist, questions)
        body_start = m.end()
        limit = headers[i + 1].start() if i + 1 < len(headers) else region[1]
        # Nor past the next question when each answer sits under its question ("Q1. ...?"
        # "Q1 response: ..." "Q2. ...?").
        limit = min([limit, *(q for q in q_starts if body_start <= q < limit)])
        stop = _boundary(text, body_start, limit)
        ans = _make(text, numbers, body_start, stop)
        if ans is not None:
            out.append(ans)
    return out


def _numbered(
    text: str, region: Span, qp: QuestionParse, questions: list[Question]
) -> list[Answer]:
    """Numbered items of the response section whose numbers are question numbers (or, when
    the letter does not restate the questions, numbered items that read as answers)."""
    end = _boundary(text, qp.response_start, region[1])
    items, _ = parse_items(text, qp.response_start, end, stop_at_prose=False)
    ends = [end] * len(items)  # where each item's run of answers stops
    order = [number_key(q.number) for q in questions]
    while items and order:
        # Legal reasoning inside one answer ("Harm:", "Section 22 is a qualified exemption")
        # ends that run of answers, not the letter's: the next question's answer may follow.
        last = number_key(items[-1].number)
        later = order[order.index(last) + 1 :] if last in order else []
        resume = _resume(text, end, region[1], set(later[:3]))
        if resume is None:
            break
        end = _boundary(text, resume + 1, region[1])
        more, _ = parse_items(text, resume, end, stop_at_prose=False)
        if not more:
            break
        items += more
        ends += [end] * len(more)
    if not questions:
        # The questions are not in the letter: answers numbered as written, if they look it.
        stand_ins = [
            Question(number=it.number, text=clean(text[it.text_start : it.span_end]))
            for it in items
        ]
        if not stand_ins or not _answers_not_questions(stand_ins):
            return []
        questions = [Question(number=q.number, text="") for q in stand_ins]
    keys = {number_key(q.number): q for q in questions}
    out: list[Answer] = []
    for i, it in enumerate(items):
        number, ts, te, extra = it.number, it.text_start, it.span_end, it.answer
        # A label naming several questions ("Questions 2 to 4:") answers each of them.
        numbers = expand(it.group, questions) if it.group else [number]
        hits = [keys[k] for k in map(number_key, numbers) if k in keys]
        if not hits:
            continue
        q = hits[0]
        # Up to the next item: the item text plus any lines that follow it.
        end = ends[i]
        nxt = items[i + 1].span_start if i + 1 < len(items) and ends[i + 1] == end else end
        stop = min(max(te, nxt), end)
        body_start = ts
        numbers = [h.number for h in hits] if it.group else [q.number]
        lead = re.match(
            r"[ \t]*(?:(?:and|&|,|to|-|\u2013)[ \t]*" + REF + r"[ \t]*)+[.:)\-\u2013]\s*",
            text[ts:te],
            re.I,
        )
        if lead:
            numbers = expand(number + " " + lead.group(0).rstrip(" .:)-\u2013\n\t"), questions)
            body_start = ts + lead.end()
        # The answer may repeat the question first: skip it.
        qtext = q.text[:40].lower()
        if qtext and clean(text[body_start:te]).lower().startswith(qtext):
            mark = text.find("?", body_start, te)
            if extra:
                body_start = extra[0][0]
            elif mark >= 0 and q.text.rstrip().endswith("?"):
                body_start = mark + 1  # "1. Does the force use LFR? No."
        ans = _make(text, numbers, body_start, stop)
        if ans is not None:
            out.append(ans)
    return out if len(out) >= max(1, len(questions) // 3) else []


# The letter's closing: no answer follows it.
_CLOSING = re.compile(
    r"^[ \t]*[#*_\s]*(?:(?:[^\n/]{1,24}/\s*)?yours\s+(?:sincerely|faithfully)|kind\s+regards"
    r"|regards\b|if\s+you\s+are\s+(?:not\s+(?:satisfied|happy|content)|unhappy|dissatisfied)"
    r"|complaint\s+rights|your\s+right\s+to|right\s+(?:of|to)\s+(?:review|appeal|complain)"
    r"|you\s+may\s+(?:ask|request|apply)\s+(?:for\s+)?an\s+internal|should\s+you\s+have"
    r"|your\s+attention\s+is\s+drawn|if\s+you\s+have\s+any\s+(?:further\s+)?(?:queries|questions))",
    re.IGNORECASE,
)


def _resume(text: str, start: int, end: int, wanted: set[str]) -> int | None:
    """Start of the line after ``start`` that numbers one of the ``wanted`` questions
    ("4. ...", "Question 4") before the letter's closing, or None."""
    if not wanted:
        return None
    for ln in lines(text, start, end):
        raw = ln.text
        if not raw.strip():
            continue
        if _CLOSING.match(raw):
            return None
        m = _ITEM.match(raw)
        number = None
        if m and m.group("rest") is not None:
            number = m.group("qnum") or m.group("qword") or m.group("num")
        else:
            alone = _MARKER_ALONE.match(raw)
            if alone:
                number = alone.group(1) or alone.group(3)
        if number and number_key(number) in wanted:
            return ln.start
    return None


_RESPONSE_TITLE = re.compile(r"^[#*_\s]*(?:our\s+)?(?:response|answer|reply)s?[*_\s:]*$", re.I)


def _narrative(
    text: str, region: Span, qp: QuestionParse, questions: list[Question]
) -> list[Answer]:
    start = qp.response_start
    if qp.request_span and start < qp.request_span[1] <= region[1]:
        start = qp.request_span[1]
    # Skip the "Response" heading itself.
    first = lines(text, start, min(region[1], start + 200))
    if first and heading_matches(_RESPONSE_TITLE, first[0].text):
        start = first[0].end  # also "Ymateb / Response"
    stop = _boundary(text, start, region[1])
    body_start = None
    for ps, pe in iter_paragraphs(text, start, stop):
        para = text[ps:pe]
        if _skip_preamble(text, ps, pe) >= pe:
            continue  # email header lines or a greeting only
        if _PROCEDURAL.search(para) and not any(rx.search(para) for _, rx in _KIND_CUES):
            continue
        body_start = ps
        break
    if body_start is None:
        return []
    ans = _make(text, [q.number for q in questions], body_start, stop)
    return [ans] if ans else []


# A table cell that only points to the answer written elsewhere ("See below.").
_POINTS_ON = re.compile(
    r"^\W*(?:please\s+)?(?:see|refer\s+to)\b[^.]{0,60}\b(?:below|above|overleaf)\b[^.]{0,30}\W*$",
    re.I,
)


def _inline(text: str, qp: QuestionParse, questions: list[Question]) -> list[Answer]:
    """Answers written next to their questions (table rows, interleaved lists)."""
    out = []
    by_key = {number_key(q.number): q.number for q in questions}
    for ia in qp.inline_answers:
        numbers = [by_key.get(number_key(n), n) for n in ia.numbers]
        s, e = ia.span
        ans = _make(text, numbers, s, _boundary(text, s + 1, e))
        if ans is not None:
            out.append(ans)
    return out


def parse(text: str, region: Span, qp: QuestionParse, questions: list[Question]) -> list[Answer]:
    """Answers of the letter (see the module docstring)."""
    found = _labelled(text, region, qp, questions)
    inline = _inline(text, qp, questions)
    if found and inline:
        # A table (or answers under the questions) answering more questions than the
        # labelled blocks do is the letter's set of answers ("Q1 | No." rows, then "In
        # relation to Q4, ..." explaining one of them): labelled blocks add only questions
        # the table leaves out.
        covered = {number_key(n) for a in inline for n in a.questions}
        labelled = {number_key(n) for a in found for n in a.questions}
        if len(covered) > len(labelled):
            keep = [a for a in inline if not _POINTS_ON.match(a.text)]
            kept = {number_key(n) for a in keep for n in a.questions}
            extra = [a for a in found if not kept & {number_key(n) for n in a.questions}]
            return sorted(keep + extra, key=lambda a: a.span[0] if a.span else 0)
    if found:
        return found
    if inline:
        return inline
    found = _numbered(text, region, qp, questions)
    if found:
        return found
    if not questions and not qp.explicit_response:
        return []
    return _narrative(text, region, qp, questions)


def fill(text: str, rec: LetterRecord, region: Span, qp: QuestionParse) -> None:
    """Set ``rec.answers``."""
    rec.answers = parse(text, region, qp, rec.questions)
