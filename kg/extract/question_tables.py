"""Questions and answers written as a table: Markdown "| 1 | question | answer |" rows,
"1 | answer" rows under the questions, or tab-separated columns.

Part of ``kg.extract.questions``.
"""

from __future__ import annotations

import re

from kg.extract.question_markers import (
    InlineAnswer,
)
from kg.extract.textutil import (
    Line,
    Span,
    clean,
    lines,
    trim,
)
from kg.model import Question


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
        numbered = all(_NUM_CELL.match(r[0][0]) for r in rows if r)
        if widths and max(widths) >= 3 and numbered:
            num_col, q_col, a_col = 0, 1, 2
        elif widths and max(widths) == 2 and numbered:
            # "Q1 | No." / "1 | No.": each row answers the question its first cell numbers.
            q_col, a_col = 0, 1
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
