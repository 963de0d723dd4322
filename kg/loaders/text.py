"""Plain-text letters (.txt): decoded, otherwise taken as written."""

from __future__ import annotations

from kg.loaders.base import Document, make_document
from kg.loaders.decode import decode_text, looks_binary


class TextLoader:
    name = "txt"
    extensions: tuple[str, ...] = (".txt", ".text")

    def sniff(self, head: bytes) -> bool:
        # Text is the fallback, not something to claim from content: other sniffers go first.
        return bool(head) and not looks_binary(head)

    def load(self, path: str, data: bytes) -> Document:
        text, encoding, warnings = decode_text(path, data)
        return make_document(path, data, self.name, text, encoding, warnings)
