"""Read FOI response letters from disk: one ``Document`` of normalised text per file.

    >>> doc = load("examples/letters/002_15d02c8f33deaaa2.txt")
    >>> doc.format, doc.sha256[:8]
    ('txt', ...)

``load`` reads one file (raising ``LoadError``), ``iter_paths`` expands files and folders into
the letters to read, and ``load_many`` reads them all without stopping at a bad one. The format
comes from the content first (PDF and Word signatures, an HTML document start) and the
extension second. Every ``LoadError`` is one line, ``"<path>: <problem>"``.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.loaders.base import Document, Loader, LoadError, make_document
from kg.loaders.decode import BINARY_PROBLEM, looks_binary
from kg.loaders.normalise import normalise
from kg.loaders.registry import (
    BINARY_FORMATS,
    BUILTIN_LOADERS,
    ENTRY_POINT_GROUP,
    UNSUPPORTED,
    by_extension,
    registry,
)

__all__ = [
    "BUILTIN_LOADERS",
    "ENTRY_POINT_GROUP",
    "MAX_BYTES",
    "Document",
    "LoadError",
    "Loader",
    "detect",
    "iter_paths",
    "load",
    "load_many",
    "make_document",
    "normalise",
    "registry",
    "supported_extensions",
]

MAX_BYTES = 50_000_000  # 50 MB: far above any letter, below what would exhaust memory
HEAD_BYTES = 65_536  # enough for a zip's first entries and an HTML page's opening
SIDECAR_SUFFIX = ".foi.yaml"


def supported_extensions() -> set[str]:
    """Extensions (lowercase, with dot) some loader claims."""
    return set(by_extension())


def _sniffs(loader: Loader, head: bytes) -> bool:
    """A loader's sniff, where a plug-in's failure means "not mine" rather than a crash."""
    try:
        return bool(loader.sniff(head))
    except Exception:
        return False


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def detect(source: str, ext: str, head: bytes) -> tuple[Loader, list[str]]:
    """Choose the loader for a file from its first bytes and its extension.

    Returns the loader and warnings about a mismatch; raises ``LoadError`` when nothing fits.
    """
    loaders = registry()
    by_ext = by_extension()
    named = by_ext.get(ext)
    for name, loader in loaders.items():
        if name == "txt":
            continue
        if _sniffs(loader, head):
            warnings = []
            if named is not None and named.name != loader.name:
                warnings.append(f"named '{ext}' but the content is {name}; read as {name}")
            elif named is None and ext:
                warnings.append(f"unknown extension '{ext}'; content is {name}")
            return loader, warnings
    text = loaders["txt"]
    if named is not None and named.name not in BINARY_FORMATS:
        return named, []
    if named is not None:  # a .pdf or .docx without its signature
        if named.name == "docx" and head.startswith(b"PK\x03\x04"):
            return named, []  # a zip whose Word parts come late: the loader checks properly
        if looks_binary(head):
            raise LoadError(source, f"not a {named.name.upper()} file (its signature is missing)")
        return text, [f"named '{ext}' but the content is plain text; read as text"]
    if ext in UNSUPPORTED:
        raise LoadError(source, f"unsupported format '{ext}' ({UNSUPPORTED[ext]})")
    if looks_binary(head):
        if ext:
            raise LoadError(source, f"unsupported format '{ext}' (binary content, not a letter)")
        raise LoadError(source, BINARY_PROBLEM)
    if ext:
        return text, [f"unknown extension '{ext}'; read as plain text"]
    return text, ["no file extension; read as plain text"]


def _read(source: str, path: Path, max_bytes: int) -> bytes:
    """The file's bytes, after checking it exists, is a regular file and is not too big."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise LoadError(source, "no such file") from None
    except PermissionError:
        raise LoadError(source, "permission denied") from None
    except ValueError:  # a NUL or similar in the name
        raise LoadError(source, "invalid file name") from None
    except OSError as exc:
        raise LoadError(source, f"cannot open ({_reason(exc)})") from None
    if stat.S_ISDIR(info.st_mode):
        raise LoadError(source, "is a folder, not a file (load_many reads the letters in it)")
    if not stat.S_ISREG(info.st_mode):
        raise LoadError(source, "not a regular file")
    if info.st_size > max_bytes:
        limit = _megabytes(max_bytes).replace(".0 MB", " MB")
        raise LoadError(source, f"file is {_megabytes(info.st_size)}, over the {limit} limit")
    if info.st_size == 0:
        raise LoadError(source, "empty file")
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)  # the file may have grown since stat
    except PermissionError:
        raise LoadError(source, "permission denied") from None
    except OSError as exc:
        raise LoadError(source, f"cannot read ({_reason(exc)})") from None
    if len(data) > max_bytes:
        raise LoadError(source, f"file is over the {_megabytes(max_bytes)} limit")
    if not data:
        raise LoadError(source, "empty file")
    return data


def _reason(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or type(exc).__name__


def load(path: str | os.PathLike[str], *, max_bytes: int = MAX_BYTES) -> Document:
    """Read one letter. Raises ``LoadError`` (and nothing else) when it cannot be read."""
    source = os.fspath(path) if isinstance(path, os.PathLike) else str(path)
    file = Path(source)
    data = _read(source, file, max_bytes)
    loader, warnings = detect(source, file.suffix.lower(), data[:HEAD_BYTES])
    try:
        document = loader.load(source, data)
    except LoadError:
        raise
    except MemoryError:
        raise LoadError(source, "out of memory while reading") from None
    except RecursionError:
        raise LoadError(source, f"{loader.name} structure nested too deeply to read") from None
    except Exception as exc:  # a library's own error, reported as one line about this file
        detail = " ".join(str(exc).split())[:200]
        raise LoadError(
            source, f"could not read as {loader.name} ({type(exc).__name__}: {detail})"
        ) from None
    if not isinstance(document, Document):
        raise LoadError(source, f"loader '{loader.name}' returned no Document")
    document.warnings[:0] = warnings
    return document


def _is_candidate(file: Path) -> bool:
    """Inside a folder: a file some loader reads, by extension or by its first bytes."""
    if file.name.startswith(".") or file.name.lower().endswith(SIDECAR_SUFFIX):
        return False
    if file.suffix.lower() in supported_extensions():
        return True
    try:
        with file.open("rb") as handle:
            head = handle.read(HEAD_BYTES)
    except OSError:
        return False
    return any(name != "txt" and _sniffs(ld, head) for name, ld in registry().items())


def _walk(folder: Path) -> list[Path]:
    found: list[Path] = []
    unreadable: list[Path] = []

    def onerror(exc: OSError) -> None:
        if exc.filename:
            unreadable.append(Path(exc.filename))

    for root, dirs, files in os.walk(folder, onerror=onerror):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(f for f in (Path(root) / name for name in files) if _is_candidate(f))
    # An unreadable sub-folder is reported (load() says why) rather than silently skipped.
    found.extend(p for p in unreadable if p != folder or not found)
    return sorted(found, key=lambda p: p.parts)


def iter_paths(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path]:
    """Expand files and folders (recursively, sorted) into the letter files to read.

    Folders keep files with a supported extension or recognised content and skip hidden files
    and ``*.foi.yaml`` curation sidecars. Files named explicitly are kept even if unsupported or
    missing, so that ``load`` can say what is wrong with them; sidecars are always skipped.
    """
    seen: set[str] = set()
    for given in paths:
        path = Path(given)
        if path.name.lower().endswith(SIDECAR_SUFFIX):
            continue
        try:
            is_dir = path.is_dir()
        except OSError:
            is_dir = False
        for file in _walk(path) if is_dir else [path]:
            try:
                key = os.path.realpath(file)
            except (OSError, ValueError):
                key = str(file)
            if key in seen:
                continue
            seen.add(key)
            yield file


def load_many(
    paths: Iterable[str | os.PathLike[str]], *, max_bytes: int = MAX_BYTES
) -> Iterator[Document | LoadError]:
    """``load`` every letter ``iter_paths`` finds, yielding a ``LoadError`` for each bad one."""
    for path in iter_paths(paths):
        try:
            yield load(path, max_bytes=max_bytes)
        except LoadError as error:
            yield error
