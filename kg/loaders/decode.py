"""Bytes to text for the text formats: UTF-8 first, cp1252 as the fallback, binary refused.

Letters saved on Windows are often cp1252 (a £ sign or curly quotes are the usual giveaway);
anything that is neither UTF-8 nor plausibly cp1252 is treated as binary rather than turned
into mojibake that the extractor would then misread.
"""

from __future__ import annotations

import codecs

from kg.loaders.base import LoadError

BINARY_PROBLEM = "binary file, not a letter (no text format recognised)"

# Control bytes that never occur in text (tab, newline, vertical tab, form feed, carriage
# return and escape do; 0x1a is the old DOS end-of-file marker).
_CONTROL_BYTES = bytes(b for b in range(0x20) if b not in b"\t\n\x0b\x0c\r\x1a\x1b")
_MAX_CONTROL_RATIO = 0.05
# A cp1252 letter has a handful of bytes over 0x7f; compressed or random data has about half.
_MAX_HIGH_RATIO = 0.30
_HIGH_BYTES = bytes(range(0x80, 0x100))


def _control_count(data: bytes) -> int:
    return len(data) - len(data.translate(None, _CONTROL_BYTES))


def looks_binary(data: bytes) -> bool:
    """True for bytes that are not text in any single-byte or UTF-8 encoding."""
    if not data:
        return False
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False  # UTF-16 text holds NULs by design; ``decode_text`` checks it after decoding
    if b"\x00" in data:
        return True
    return _control_count(data) / len(data) > _MAX_CONTROL_RATIO


def decode_text(path: str, data: bytes) -> tuple[str, str, list[str]]:
    """Return ``(text, encoding, warnings)`` or raise ``LoadError`` for binary content."""
    warnings: list[str] = []
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8) :].decode("utf-8"), "utf-8-sig", warnings
        except UnicodeDecodeError:
            data = data[len(codecs.BOM_UTF8) :]
            warnings.append("UTF-8 byte-order mark but invalid UTF-8 after it")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16", errors="replace")
        if "\x00" in text or looks_binary(text.encode("utf-8", errors="replace")):
            raise LoadError(path, BINARY_PROBLEM)
        if "\ufffd" in text:
            warnings.append("invalid UTF-16 sequences replaced")
        return text, "utf-16", warnings
    if looks_binary(data):
        raise LoadError(path, BINARY_PROBLEM)
    try:
        return data.decode("utf-8"), "utf-8", warnings
    except UnicodeDecodeError:
        pass
    high = len(data) - len(data.translate(None, _HIGH_BYTES))
    if len(data) >= 32 and high / len(data) > _MAX_HIGH_RATIO:  # too short to judge otherwise
        raise LoadError(path, BINARY_PROBLEM)
    text = data.decode("cp1252", errors="replace")
    note = "decoded as cp1252 (not valid UTF-8)"
    bad = text.count("\ufffd")
    if bad:
        note += f"; {bad} undecodable byte(s) replaced"
    warnings.append(note)
    return text, "cp1252", warnings
