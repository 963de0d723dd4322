"""From a loaded letter to a ``LetterRecord``: the order of the extraction steps.

segment (the responding letter's region) -> questions (request section) -> header, force,
reference, dates -> answers -> legal, threat, facts (``kg.extract.legal`` etc., which read the
questions and answers) -> curation sidecar (``kg.curation``, in ``extract_path``).

A step that fails on some odd text must not lose the letter: its exception is caught and
recorded in ``rec.warnings`` as ``"internal error in <step>: ..."`` (tests assert there is
none), and the other steps still run.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, Protocol

from kg.extract import answers, dates, force, header, questions, reference
from kg.extract.segment import segment
from kg.model import LetterRecord

log = logging.getLogger(__name__)

# Steps written by other modules, run after the structure steps, in this order.
LATER_STEPS = ("kg.extract.legal", "kg.extract.threat", "kg.extract.facts")


class DocumentLike(Protocol):
    """What ``extract_document`` needs of a loaded letter (``kg.loaders.Document``)."""

    source: str
    sha256: str
    format: str
    text: str
    encoding: str | None
    warnings: list[str]


def _normalise(doc: DocumentLike) -> str:
    """The document's text, normalised as loaders do (a loaded Document already is)."""
    try:
        from kg.loaders import Document
        from kg.loaders.normalise import normalise
    except ImportError:  # loaders not installed: keep the text as given
        return doc.text or ""
    if type(doc) is Document:
        return doc.text  # made by make_document, which normalises
    return normalise(doc.text or "")


_missing_reported: set[str] = set()


def _later_step(name: str) -> Callable[..., None] | None:
    """``fill`` of a later step module, or None (logged once) while it is not written yet."""
    try:
        module = importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name != name:
            raise
        if name not in _missing_reported:
            _missing_reported.add(name)
            # Quiet by default: a CLI user should not see this on every run.
            log.info("%s is not available: its fields stay empty (%s)", name, exc)
        return None
    fill = getattr(module, "fill", None)
    if fill is None:
        raise ImportError(f"{name} has no fill(text, rec, region) function")
    return fill


def _run(rec: LetterRecord, step: str, fn: Callable[..., Any], *args: Any) -> Any:
    try:
        return fn(*args)
    except Exception as exc:  # one bad step must not lose the letter
        log.debug("extraction step %s failed on %s", step, rec.source, exc_info=True)
        rec.warnings.append(f"internal error in {step}: {type(exc).__name__}: {exc}")
        return None


def extract_document(doc: DocumentLike) -> LetterRecord:
    """Every fact the rules find in one loaded letter, each with its span."""
    text = _normalise(doc)
    rec = LetterRecord(
        source=str(doc.source),
        sha256=doc.sha256,
        format=doc.format,
        text=text,
        encoding=getattr(doc, "encoding", None),
        warnings=list(getattr(doc, "warnings", None) or []),
    )
    seg = _run(rec, "segment", segment, text)
    region = seg.region if seg is not None else (0, len(text))
    qp = _run(rec, "questions", questions.parse, text, region, seg)
    if qp is not None:
        rec.questions = qp.questions
        if qp.request_span is not None:
            s, e = qp.request_span
            rec.request_text = text[s:e].strip()
            rec.field_spans["request_text"] = (s, e)
    _run(rec, "header", header.fill, text, rec, region)
    _run(rec, "force", force.fill, text, rec, region)
    _run(rec, "reference", reference.fill, text, rec, region)
    requests = [m.span for m in seg.messages if m.kind == "request"] if seg is not None else []
    _run(rec, "dates", dates.fill, text, rec, region, requests)
    if qp is not None:
        _run(rec, "answers", answers.fill, text, rec, region, qp)
    for name in LATER_STEPS:
        fill = _later_step(name)
        if fill is not None:
            _run(rec, name.rsplit(".", 1)[1], fill, text, rec, region)
    return rec


def extract_path(path: str | Path, *, curate: bool = True) -> LetterRecord:
    """Load, extract and apply the curation sidecar of one letter.

    Raises ``kg.loaders.LoadError`` for an unreadable file and ``kg.curation.CurationError``
    for a bad sidecar (both one-line messages naming the file).
    """
    from kg.loaders import load

    doc = load(str(path))
    rec = extract_document(doc)
    if curate:
        from kg.curation import apply_sidecar

        apply_sidecar(rec, Path(path))
    return rec


def extract_paths(paths: Iterable[str | Path], *, curate: bool = True) -> Iterator[Any]:
    """Records (or ``LoadError``/``CurationError`` values) for files and folders, in order.

    Folders are walked recursively by ``kg.loaders.load_many``; an unreadable file yields its
    error and the others are still read.
    """
    from kg.curation import CurationError, apply_sidecar
    from kg.loaders import LoadError, load_many

    for item in load_many([str(p) for p in paths]):
        if isinstance(item, LoadError):
            yield item
            continue
        rec = extract_document(item)
        if curate:
            try:
                apply_sidecar(rec, Path(item.source))
            except CurationError as exc:
                yield exc
                continue
        yield rec
