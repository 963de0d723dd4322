"""Letters to facts: the extractor behind ``kg extract``.

Public API::

    from kg.extract import extract_document, extract_path, extract_paths

    rec = extract_path("examples/letters/000_e0655566fcba1e76.txt")  # -> LetterRecord
    for item in extract_paths(["letters/"]):  # LetterRecord, LoadError or CurationError
        ...

``extract_document(doc)`` works on an already loaded ``kg.loaders.Document``. The record's
``text`` is the normalised text, and every value carries a span into it (see ``kg.model``).
"""

from __future__ import annotations

from kg.extract.pipeline import extract_document, extract_path, extract_paths

__all__ = ["extract_document", "extract_path", "extract_paths"]
