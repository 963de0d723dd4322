"""Paragraphs, sentences, headings and tables of a letter, as character spans.

Shared by the legal, threat and facts extractors. Everything works on spans into the
normalised text so that every fact keeps its evidence; nothing here copies or rewrites text.

Letters arrive in three shapes, and paragraph splitting has to cope with all of them:
blank-line separated paragraphs (most), one paragraph per long line with no blank lines
(saved web pages), and hard-wrapped lines of ~70 characters (emails, PDF text layers).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from kg.extract import textnumbers
from kg.model import LetterRecord, Span

# Re-exported: the fact extractors import these from here.
DATE_RE = textnumbers.DATE_RE
MONTH_RE = textnumbers.MONTH_RE
MONTHS = textnumbers.MONTHS
NUMBER_WORD_RE = textnumbers.NUMBER_WORD_RE
NUMBER_WORDS = textnumbers.NUMBER_WORDS
parse_date = textnumbers.parse_date
to_int = textnumbers.to_int

# Characters that end a sentence or a complete paragraph (closing quotes and brackets allowed).
_TERMINAL = frozenset(".!?:;\"'”’)]")
_LIST_START = re.compile(
    r"^\s*(?:[-•*·]\s|\(?\d{1,2}[.)]\s|\(?[a-z][.)]\s|Q\d|Question\s+\d)", re.I
)
# Sentence end: terminal punctuation, optional closing quotes, whitespace, then a capital,
# digit or opening quote. Abbreviations are checked separately.
_SENT_END = re.compile(r"[.!?][\"'”’)]*\s+(?=[\"“‘'(\[]?[A-Z0-9£])")
_ABBREV = re.compile(
    r"(?:\b(?:e\.g|i\.e|etc|No|no|Nos|s|ss|Mr|Mrs|Ms|Dr|St|Ltd|Co|Inc|approx|para|paras|vs|cf)"
    r"|\b[A-Z])\.$"
)
WORD = re.compile(r"[A-Za-z]")
_BULLET = re.compile(r"^\s*[-•·*▪◦]\s")
_URL_LINE = re.compile(r"^\W{0,3}(?:https?://|www\.)\S+\W{0,3}$")


@dataclass(frozen=True)
class Para:
    """A paragraph (or heading line) of the letter."""

    start: int
    end: int
    heading: bool = False


def iter_lines(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Spans of the lines in ``text[start:end]``, trailing whitespace trimmed."""
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl == -1 else nl
        e = stop
        while e > pos and text[e - 1] in " \t\r\f\v\u00a0":
            e -= 1
        s = pos
        while s < e and text[s] in " \t\u00a0":
            s += 1
        yield s, e
        pos = stop + 1


_LEAD_MARKS = " \t\r\n\f\v\u00a0#*_>|-•·"
_TRAIL_MARKS = " \t\r\n\f\v\u00a0*_|"


def strip_markup(line: str) -> str:
    """A line without markdown emphasis, heading marks, bullets or table bars."""
    return line.lstrip(_LEAD_MARKS).rstrip(_TRAIL_MARKS)


def is_heading(line: str) -> bool:
    """A short title-like line: no sentence punctuation at its end, capital first letter."""
    bare = strip_markup(line)
    if not bare or len(bare) > 130 or bare[-1] in ".,;?!" or "|" in bare:
        return False
    if _BULLET.match(line):
        return False  # a list item, however short, is no title
    if not (bare[0].isupper() or bare[0].isdigit()):
        return False
    return len(bare.split()) <= 20


def paragraphs(text: str, region: Span) -> list[Para]:
    """The paragraphs of ``text`` inside ``region``, in order (see ``_paragraphs``)."""
    return list(_paragraphs_cached(text, _clip(text, region)))


@lru_cache(maxsize=8)
def _paragraphs_cached(text: str, region: Span) -> tuple[Para, ...]:
    # Every extractor asks for the same letter's paragraphs: compute them once.
    return tuple(_paragraphs(text, region))


def _paragraphs(text: str, region: Span) -> list[Para]:
    """The paragraphs of ``text`` inside ``region``, in order.

    A paragraph is a run of lines between blank lines; within a run, heading lines stand
    alone, and when the run's lines are long (a saved web page with one paragraph per line)
    each line is a paragraph. A paragraph cut in two by a stray blank line (PDF page breaks)
    is joined back when the first part does not end a sentence and the next starts in
    lowercase.
    """
    start, end = _clip(text, region)
    blocks: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    for s, e in iter_lines(text, start, end):
        if s == e:
            if current:
                blocks.append(current)
                current = []
            continue
        current.append((s, e))
    if current:
        blocks.append(current)

    out: list[Para] = []
    for block in blocks:
        # Long lines (over 110 characters): one paragraph per line as saved web pages have it,
        # or a PDF text layer wrapped at ~115 characters; a line that does not end a
        # sentence continues on the next. Short lines: a hard-wrapped paragraph.
        long_lines = max(e - s for s, e in block) > 110 and len(block) > 1
        para_start: int | None = None
        para_end = 0
        prev_heading = False
        prev_ends = True
        prev_url = False
        para_heading = False
        for k, (s, e) in enumerate(block):
            line = text[s:e]
            if "|" in line and len(cells := _cells(text, s, e)) >= 2:
                # A table row: each cell is a paragraph of its own, so that no sentence runs
                # from a question cell into its answer cell.
                if para_start is not None:
                    out.append(Para(para_start, para_end, para_heading))
                    para_start = None
                out.extend(Para(a, b, False) for a, b in cells if WORD.search(text, a, b))
                prev_heading, prev_url, prev_ends = False, False, True
                continue
            # A line continued by a lowercase line is wrapped prose, however short.
            continued = k + 1 < len(block) and text[block[k + 1][0]].islower()
            head = is_heading(line) and not continued
            url = _URL_LINE.match(line) is not None
            new = (
                head
                or prev_heading
                or url
                or prev_url
                or (long_lines and prev_ends)
                or _LIST_START.match(line) is not None
            )
            if new and para_start is not None:
                out.append(Para(para_start, para_end, para_heading))
                para_start = None
            if para_start is None:
                para_start = s
                para_heading = head
            else:
                para_heading = False
            para_end = e
            prev_heading = head
            prev_url = url
            prev_ends = line[-1] in _TERMINAL
        if para_start is not None:
            out.append(Para(para_start, para_end, para_heading))
    return _join_broken(text, out)


def _join_broken(text: str, paras: list[Para]) -> list[Para]:
    joined: list[Para] = []
    for p in paras:
        if joined:
            prev = joined[-1]
            first = text[p.start : p.start + 1]
            last = text[prev.end - 1 : prev.end]
            if (
                not prev.heading
                and not p.heading
                and last
                and last not in _TERMINAL
                and first.islower()
                and prev.end - prev.start > 40
            ):
                joined[-1] = Para(prev.start, p.end, False)
                continue
        joined.append(p)
    return joined


def sentences(text: str, span: Span) -> list[Span]:
    """Sentence spans inside ``span`` (a paragraph), abbreviations such as "e.g." kept whole."""
    return list(_sentences_cached(text, span))


@lru_cache(maxsize=2048)
def _sentences_cached(text: str, span: Span) -> tuple[Span, ...]:
    return tuple(_sentences(text, span))


def _sentences(text: str, span: Span) -> list[Span]:
    start, end = span
    out: list[Span] = []
    s = start
    for m in _SENT_END.finditer(text, start, end):
        cut = m.start() + 1
        if _ABBREV.search(text, max(s, cut - 8), cut):
            continue
        stop = m.end()
        e = stop
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
        s = stop
    e = end
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        out.append((s, e))
    return out


def letter_sentences(text: str, region: Span) -> list[tuple[Para, Span]]:
    """Every sentence of the region with the paragraph it belongs to."""
    return list(_letter_sentences_cached(text, _clip(text, region)))


@lru_cache(maxsize=8)
def _letter_sentences_cached(text: str, region: Span) -> tuple[tuple[Para, Span], ...]:
    # The technology, provider, money and deployment steps each walk every sentence.
    return tuple(
        (p, s) for p in _paragraphs_cached(text, region) for s in sentences(text, (p.start, p.end))
    )


def _clip(text: str, region: Span) -> Span:
    start = max(0, min(region[0], len(text)))
    end = max(start, min(region[1], len(text)))
    return start, end


def clip(text: str, region: Span) -> Span:
    """``region`` forced inside ``text``."""
    return _clip(text, region)


class SpanSet:
    """Spans to test many other spans against (``inside``) in O(log n) each.

    Sentence loops ask "does this sentence overlap the requester's text?" for every sentence
    of the letter; a linear scan of the spans made that quadratic.
    """

    __slots__ = ("_starts", "_max_end")

    def __init__(self, spans: Iterable[Span]) -> None:
        ordered = sorted(spans)
        self._starts = [s for s, _ in ordered]
        # _max_end[k]: the furthest end among the first k + 1 spans (by start).
        self._max_end: list[int] = []
        furthest = -1
        for _, e in ordered:
            furthest = max(furthest, e)
            self._max_end.append(furthest)

    def overlaps(self, span: Span) -> bool:
        """True when ``span`` overlaps any of the spans (the same test as ``inside``)."""
        s, e = span
        k = bisect_left(self._starts, e)  # spans starting before ``e``
        return k > 0 and self._max_end[k - 1] > s


def inside(span: Span, spans: Iterable[Span] | SpanSet) -> bool:
    """True when ``span`` overlaps any of ``spans``."""
    if isinstance(spans, SpanSet):
        return spans.overlaps(span)
    s, e = span
    # A plain loop: any() over a generator costs twice as much, and this runs per sentence.
    for os_, oe in spans:  # noqa: SIM110
        if s < oe and os_ < e:
            return True
    return False


def requester_spans(rec: LetterRecord) -> list[Span]:
    """Spans written by the requester (their questions), to keep out of the force's facts.

    The request block is used too when the structure pass recorded one that does not
    overlap any answer (a request quoted in full before the answers), and so are the question
    cells of a table (see ``question_cells``).
    """
    answers = tuple((a.span[0], a.span[1]) for a in rec.answers if a.span)
    questions = tuple((q.span[0], q.span[1]) for q in rec.questions if q.span)
    req = rec.field_spans.get("request_text")
    req_key = (req[0], req[1]) if req else None
    return list(_requester_spans(rec.text, answers, questions, req_key))


@lru_cache(maxsize=8)
def _requester_spans(
    text: str, answers: tuple[Span, ...], questions: tuple[Span, ...], req: Span | None
) -> tuple[Span, ...]:
    # Every fact step asks for the same letter's requester spans; the arguments are all
    # the record holds that they depend on, so the cache can not go stale.
    # A "question" that overlaps an answer is the force's own numbered answer misread.
    spans: list[Span] = [q for q in questions if not inside(q, answers)]
    if req and not inside(req, answers):
        spans.append(_before_response_heading(text, req) if text else req)
    if text and "|" in text:
        spans.extend(_question_cells_cached(text))
    return tuple(spans)


@lru_cache(maxsize=4)
def _question_cells_cached(text: str) -> tuple[Span, ...]:
    # Every fact extractor asks for the requester's spans of the same letter.
    return tuple(question_cells(text, (0, len(text))))


# A heading line that opens the force's answers ("Response", "Our response:", "Ymateb /
# Response", "Answers"): a request block recorded past it ends there, so that the answers are
# never taken for the requester's words.
_RESPONSE_HEADING = re.compile(
    r"(?:[^\n/|]{1,30}/\s*)?(?:our\s+|the\s+|force\s+)?(?:responses?|answers?|repl(?:y|ies))"
    r"(?:\s+to\s+(?:your\s+)?(?:request|questions?))?\s*[:.\-–]?",
    re.I,
)


@lru_cache(maxsize=8)
def _before_response_heading(text: str, req: Span) -> Span:
    s, e = _clip(text, req)
    for a, b in iter_lines(text, s, e):
        if a > s and b - a <= 50 and _RESPONSE_HEADING.fullmatch(strip_markup(text[a:b])):
            while a > s and text[a - 1].isspace():
                a -= 1
            return s, a
    return s, e


# A clause opened by "whether", "if" or "confirm or deny (that)" asserts nothing ("confirm or
# deny whether the force uses covert tactics", "asking whether the force uses facial
# recognition at all", "confirming or denying that covert facial recognition is used"). It runs to a
# modal ("... whether X is used would reveal"), a semicolon or colon, or a comma that does not
# go on with an alternative (", or whether ..."): "If you need more, please note that the
# force uses ..." states the use.
_HYPOTHETICAL = re.compile(
    r"\bconfirm(?:s|ing)?\s+(?:or|nor)\s+deny(?:ing)?(?:\s+that)?\b"
    r"|\b(?:once|unless|until)\s+(?=the\b|it\b|a\b|an\b|this\b)"
    r"|\b(?:whether|if)\b(?!\s+(?:so|not|yes|no|any|applicable|appropriate|necessary|required|"
    r"possible|known|relevant)\b)",
    re.I,
)
_HYPOTHETICAL_END = re.compile(
    r"[;:?]|\b(?:would|could|might|will|shall|then)\b|,(?!\s+(?:or|nor)\b)", re.I
)


def hypothetical(text: str, s: int, pos: int) -> bool:
    """True when ``pos`` lies in a whether/if clause opened earlier in the sentence."""
    last = None
    for m in _HYPOTHETICAL.finditer(text, max(s, pos - 200), pos):
        last = m
    return last is not None and _HYPOTHETICAL_END.search(text, last.end(), pos) is None


# ---------------------------------------------------------------- tables


@dataclass(frozen=True)
class Row:
    """One table row: its line span and its cells (spans, stripped)."""

    span: Span
    cells: tuple[Span, ...]


_RULE_ROW = re.compile(r"^[\s|:+\-=]+$")


def table_rows(text: str, region: Span) -> list[list[Row]]:
    """Tables in the region: runs of two or more lines split by "|" or tabs into 2+ cells."""
    return [list(t) for t in _table_rows_cached(text, _clip(text, region))]


@lru_cache(maxsize=8)
def _table_rows_cached(text: str, region: Span) -> tuple[tuple[Row, ...], ...]:
    # The provider, money, deployment and question-cell passes all read the same tables.
    return tuple(tuple(t) for t in _table_rows(text, region))


def _table_rows(text: str, region: Span) -> list[list[Row]]:
    start, end = region
    tables: list[list[Row]] = []
    current: list[Row] = []
    for s, e in iter_lines(text, start, end):
        line = text[s:e]
        if s < e and _RULE_ROW.match(line) and "-" in line and current:
            continue  # markdown separator row
        cells = _cells(text, s, e)
        if len(cells) >= 2:
            current.append(Row((s, e), tuple(cells)))
            continue
        if len(current) >= 1:
            tables.append(current)
        current = []
    if current:
        tables.append(current)
    return tables


def _cells(text: str, s: int, e: int) -> list[Span]:
    line = text[s:e]
    if "|" in line:
        parts = re.finditer(r"[^|]+", line)
    elif "\t" in line:
        parts = re.finditer(r"[^\t]+", line)
    else:
        return []
    out: list[Span] = []
    for m in parts:
        a, b = m.start(), m.end()
        while a < b and line[a].isspace():
            a += 1
        while b > a and line[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((s + a, s + b))
    return out


_INTERROGATIVE = re.compile(
    r"\W*(?:(?:Q(?:uestion)?\s*)?\d+[a-z]?[.:)]?\s+)?(?:does|do|did|is|are|was|were|has|have|"
    r"had|will|would|can|could|how|what|when|where|which|who|why|whether|if|any|please)\b",
    re.I,
)
_QUESTION_HEAD = re.compile(r"^\W*(?:questions?|requests?|asked|information\s+requested)\b", re.I)
_ANSWER_HEAD = re.compile(
    r"^\W*(?:responses?|answers?|repl(?:y|ies)|information\s+provided)\b", re.I
)


def question_cells(text: str, region: Span) -> list[Span]:
    """Table cells that hold the requester's question, never the force's statement.

    In a table headed "Question | Response" every cell left of the response column is the
    question. In any other table a cell before the row's last one is a question when it ends
    with "?" or opens with an interrogative ("1. Does the force ...", "Any plans to ...").
    """
    out: list[Span] = []
    for rows in table_rows(text, region):
        answer_col: int | None = None
        for row in rows:
            cells = row.cells
            heads = [text[a:b] for a, b in cells]
            if answer_col is None and any(_QUESTION_HEAD.match(h) for h in heads[:-1]):
                col = next((k for k, h in enumerate(heads) if _ANSWER_HEAD.match(h)), None)
                if col:
                    answer_col = col
                    continue
            for k, (a, b) in enumerate(cells[:-1]):
                asks = text[a:b].rstrip(" *_").endswith("?") or _INTERROGATIVE.match(text, a, b)
                if asks or (answer_col is not None and k < answer_col):
                    out.append((a, b))
    return out
