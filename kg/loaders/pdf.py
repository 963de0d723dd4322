"""PDF letters: the text layer, page by page (pypdf).

Scanned letters have no text layer; they are refused with a clear message instead of yielding
an empty letter (OCR is out of scope). Words split across line ends are re-joined only in the
obvious case, and pypdf's log warnings are kept as document warnings rather than printed.
"""

from __future__ import annotations

import io
import logging
import re

from kg.loaders.base import Document, LoadError, make_document

# "recog-\nnition": lowercase letters on both sides of a line-end hyphen.
_SPLIT_WORD = re.compile(r"\b([a-z]{2,})-\n([a-z]{2,})\b")
# First halves that are words of their own in hyphenated compounds ("well-known",
# "non-disclosure"): the hyphen is real, so those lines are left as printed.
_COMPOUND_HEADS = frozenset(
    {"anti", "co", "counter", "cross", "ex", "full", "half", "high", "long", "low", "multi"}
    | {"non", "part", "post", "pre", "self", "semi", "short", "so", "sub", "vice", "well", "wide"}
)


def dehyphenate(text: str) -> str:
    """Join words split at line ends when both halves are lowercase and the first half is not a
    compound head; keep the hyphen when the hyphenated form also occurs on one line elsewhere."""

    def join(match: re.Match[str]) -> str:
        left, right = match.group(1), match.group(2)
        if left.lower() in _COMPOUND_HEADS or f"{left}-{right}" in text:
            return match.group(0)
        return left + right

    return _SPLIT_WORD.sub(join, text)


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = " ".join(record.getMessage().split())
        if message not in self.messages and len(self.messages) < 5:
            self.messages.append(message)


class PdfLoader:
    name = "pdf"
    extensions: tuple[str, ...] = (".pdf",)

    def sniff(self, head: bytes) -> bool:
        return b"%PDF-" in head[:1024]

    def load(self, path: str, data: bytes) -> Document:
        from pypdf import PdfReader
        from pypdf.errors import DependencyError, PdfReadError

        logger = logging.getLogger("pypdf")
        collect = _Collect()
        logger.addHandler(collect)
        propagate, logger.propagate = logger.propagate, False
        try:
            try:
                reader = PdfReader(io.BytesIO(data))
            except (PdfReadError, ValueError, KeyError, TypeError, AttributeError) as exc:
                raise LoadError(path, f"not a readable PDF ({type(exc).__name__}: {exc})") from None
            if reader.is_encrypted:
                try:
                    ok = reader.decrypt("")
                except DependencyError:
                    raise LoadError(
                        path, "PDF is encrypted (AES); reading it needs the 'cryptography' package"
                    ) from None
                except Exception:
                    ok = 0
                if not ok:
                    raise LoadError(path, "PDF is encrypted and needs a password")
            warnings: list[str] = []
            pages: list[str] = []
            empty: list[int] = []
            try:
                page_list = list(reader.pages)
            except Exception as exc:
                raise LoadError(path, f"not a readable PDF ({type(exc).__name__}: {exc})") from None
            for number, page in enumerate(page_list, start=1):
                try:
                    text = page.extract_text() or ""
                except Exception as exc:
                    warnings.append(f"page {number}: text not extracted ({type(exc).__name__})")
                    text = ""
                if not text.strip():
                    empty.append(number)
                pages.append(text.strip("\n"))
            if not page_list or len(empty) == len(page_list):
                raise LoadError(path, "PDF has no text layer (scanned image?)")
            if empty:
                listed = ", ".join(str(n) for n in empty)
                warnings.append(f"page(s) {listed} have no text layer (scanned image?)")
            warnings.extend(f"pypdf: {m}" for m in collect.messages)
        finally:
            logger.removeHandler(collect)
            logger.propagate = propagate
        text = "\n\n".join(p for p in pages if p.strip())
        return make_document(path, data, self.name, dehyphenate(text), None, warnings)
