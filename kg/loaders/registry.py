"""The loaders known to foi-kg: the built-ins and any installed through the ``kg.loaders``
entry-point group, in one dict keyed by format name. Built-ins are registered exactly as a
plug-in would be, so a plug-in can add a format (or replace a built-in of the same name).
"""

from __future__ import annotations

import logging
from functools import lru_cache
from importlib.metadata import entry_points

from kg.loaders.base import Loader
from kg.loaders.docx import DocxLoader
from kg.loaders.html import HtmlLoader
from kg.loaders.markdown import MarkdownLoader
from kg.loaders.pdf import PdfLoader
from kg.loaders.text import TextLoader

ENTRY_POINT_GROUP = "kg.loaders"
log = logging.getLogger(__name__)

# Order matters for sniffing: binary signatures first, HTML next, text last (it is the fallback).
BUILTIN_LOADERS: dict[str, Loader] = {
    loader.name: loader
    for loader in (PdfLoader(), DocxLoader(), HtmlLoader(), MarkdownLoader(), TextLoader())
}
# Formats that carry their own signature: a file named like them without it is not one of them.
BINARY_FORMATS = frozenset({"pdf", "docx"})
# Document formats people send that are not letters foi-kg can read: refused by name, with a hint.
UNSUPPORTED = {
    ".doc": "old Word format; save it as .docx or PDF",
    ".rtf": "save it as .docx, PDF or text",
    ".odt": "save it as .docx or PDF",
    ".xls": "spreadsheet", ".xlsx": "spreadsheet", ".ods": "spreadsheet", ".csv": "spreadsheet",
    ".ppt": "presentation", ".pptx": "presentation",
    ".png": "image; OCR is not supported", ".jpg": "image; OCR is not supported",
    ".jpeg": "image; OCR is not supported", ".gif": "image; OCR is not supported",
    ".tif": "image; OCR is not supported", ".tiff": "image; OCR is not supported",
    ".bmp": "image; OCR is not supported", ".webp": "image; OCR is not supported",
    ".zip": "archive; unpack it first", ".gz": "archive; unpack it first",
    ".7z": "archive; unpack it first", ".rar": "archive; unpack it first",
    ".msg": "Outlook message; save the letter as PDF or text",
}  # fmt: skip


def _instantiate(obj: object) -> Loader:
    loader = obj() if isinstance(obj, type) else obj
    for attribute in ("name", "extensions", "sniff", "load"):
        if not hasattr(loader, attribute):
            raise TypeError(f"loader has no '{attribute}'")
    return loader  # type: ignore[return-value]


@lru_cache(maxsize=1)
def registry() -> dict[str, Loader]:
    """All loaders by format name: built-ins, then plug-ins from the ``kg.loaders`` group."""
    loaders: dict[str, Loader] = dict(BUILTIN_LOADERS)
    text = loaders.pop("txt")  # keep the fallback last whatever plug-ins add
    for entry in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
        try:
            loader = _instantiate(entry.load())
        except Exception as exc:  # a broken plug-in must not stop the built-ins
            log.warning("loader plug-in %s not loaded: %s", entry.name, exc)
            continue
        loaders[str(loader.name)] = loader
    loaders.setdefault("txt", text)
    return loaders


def by_extension() -> dict[str, Loader]:
    """Extension (lowercase, with dot) to loader."""
    table: dict[str, Loader] = {}
    for loader in registry().values():
        for extension in loader.extensions:
            table.setdefault(extension.lower(), loader)
    return table
