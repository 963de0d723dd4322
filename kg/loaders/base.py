"""What every loader shares: the ``Document`` it returns, the ``LoadError`` it raises, the
``Loader`` shape, and ``make_document`` which hashes the bytes and normalises the text.

Kept apart from ``__init__`` so format modules can import it without a cycle.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from kg.loaders.normalise import normalise


@dataclass
class Document:
    """One letter read from disk: the normalised text every later span points into."""

    source: str  # the path as given by the caller
    sha256: str  # of the original bytes, so a letter is identified whatever its format
    format: str  # loader name: "txt", "md", "html", "pdf", "docx" (or a plug-in's)
    text: str  # normalised with ``normalise``; offsets into this are stable
    encoding: str | None = None  # text formats only; None for PDF and DOCX
    warnings: list[str] = field(default_factory=list)


class LoadError(Exception):
    """A file that could not be read as a letter. ``str()`` is one line: ``"<path>: <problem>"``."""

    def __init__(self, source: str, problem: str) -> None:
        self.source = str(source)
        # One line always: a CLI prints it as is, and library messages sometimes hold newlines.
        self.problem = " ".join(str(problem).split()) or "could not be read"
        super().__init__(f"{self.source}: {self.problem}")

    def __str__(self) -> str:
        return f"{self.source}: {self.problem}"

    def __reduce__(self) -> tuple[type[LoadError], tuple[str, str]]:
        # Picklable, so errors can cross process boundaries in parallel builds.
        return (type(self), (self.source, self.problem))


@runtime_checkable
class Loader(Protocol):
    """What a format module provides (see ``kg/loaders/README.md``)."""

    name: str
    extensions: tuple[str, ...]

    def sniff(self, head: bytes) -> bool:
        """True when the first bytes of a file show it is in this format, whatever its name."""
        ...

    def load(self, path: str, data: bytes) -> Document:
        """Read the whole file's bytes; raise ``LoadError`` for anything unreadable."""
        ...


def make_document(
    path: str,
    data: bytes,
    fmt: str,
    text: str,
    encoding: str | None = None,
    warnings: list[str] | None = None,
) -> Document:
    """Hash the original bytes, normalise the text, and refuse a letter with no text at all."""
    clean = normalise(text)
    if not clean:
        raise LoadError(path, f"no text found in the {fmt} file")
    return Document(
        source=str(path),
        sha256=hashlib.sha256(data).hexdigest(),
        format=fmt,
        text=clean,
        encoding=encoding,
        warnings=list(warnings or []),
    )
