"""Markdown letters (.md): formatting marks removed, words and numbering kept.

Letters converted to Markdown carry emphasis, heading markers, quote markers, links and
escapes that are not part of the letter's text. List bullets stay, because the item text often
carries the question number ("- 1. Is your force ...").
"""

from __future__ import annotations

import re

from kg.loaders.base import Document, make_document
from kg.loaders.decode import decode_text

_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_HEADING = re.compile(r"^\s{0,3}#{1,6}(?:[ \t]+|$)")
_HEADING_CLOSE = re.compile(r"[ \t]+#+[ \t]*$")
_QUOTE = re.compile(r"^\s{0,3}(?:>[ \t]?)+")
_RULE = re.compile(r"^\s{0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,}|=+)\s*$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_IMAGE = re.compile(r"!\[([^\]\n]*)\]\([^)\n]*\)")
_LINK = re.compile(r"\[([^\]\n]*)\]\(\s*<?([^)\s>]*)>?(?:\s+\"[^\"\n]*\")?\s*\)")
_REF_LINK = re.compile(r"\[([^\]\n]+)\]\[[^\]\n]*\]")
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^>\s]+|[^@>\s]+@[^@>\s]+\.[a-z]{2,})>", re.I)
_BOLD = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_STAR_EM = re.compile(r"(?<![\w*])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![\w*])")
_UNDER_EM = re.compile(r"(?<![\w_])_(?=[^\s_])([^_\n]+?)(?<=[^\s_])_(?![\w_])")
_STRAY_STRONG = re.compile(r"\*\*+|(?<!\w)__+|__+(?!\w)")
_CODE = re.compile(r"`+([^`\n]*)`+")
_BR = re.compile(r"<br\s*/?>", re.I)
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~<])")


def _link(match: re.Match[str]) -> str:
    label, url = match.group(1).strip(), match.group(2).strip()
    bare = re.sub(r"^(?:mailto:|https?://)", "", url, flags=re.I).rstrip("/")
    # Keep the address visible once: "[foi@x](mailto:foi@x)" is just "foi@x".
    if not url or not label or label.rstrip("/") in (url.rstrip("/"), bare):
        return label or url
    return f"{label} <{url}>"


def _table_row(line: str) -> str:
    cells = line.strip().strip("|").split("|")
    return " | ".join(cell.strip() for cell in cells)


def markdown_to_text(source: str) -> str:
    """Strip Markdown formatting line by line, keeping words, numbering and line structure."""
    out: list[str] = []
    in_fence = False
    for line in source.split("\n"):
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            out.append(line)
            continue
        if _RULE.match(line) or _TABLE_RULE.match(line):
            out.append("")
            continue
        line = _QUOTE.sub("", line)
        if _HEADING.match(line):
            line = _HEADING_CLOSE.sub("", _HEADING.sub("", line))
        if line.strip().startswith("|") and line.count("|") >= 2:
            line = _table_row(line)
        line = _BR.sub("\n", line)
        line = _IMAGE.sub(lambda m: m.group(1), line)
        line = _AUTOLINK.sub(r"\1", line)  # before links, which write "<url>" themselves
        line = _LINK.sub(_link, line)
        line = _REF_LINK.sub(r"\1", line)
        line = _CODE.sub(r"\1", line)
        # Bold before italics: "**x**" must not be read as "*" + "*x*" + "*".
        for _ in range(3):  # nested emphasis: "***x***", "**_x_**"
            line = _BOLD.sub(r"\2", line)
            line = _STAR_EM.sub(r"\1", line)
            line = _UNDER_EM.sub(r"\1", line)
        # Unbalanced strong markers (converters leave "text**") carry no words.
        line = _STRAY_STRONG.sub("", line)
        if line.endswith("\\") and not line.endswith("\\\\"):
            line = line[:-1]  # a backslash hard line break
        line = _ESCAPE.sub(r"\1", line)
        out.append(line)
    return "\n".join(out)


class MarkdownLoader:
    name = "md"
    extensions: tuple[str, ...] = (".md", ".markdown")

    def sniff(self, head: bytes) -> bool:
        return False  # Markdown is plain text to a sniffer; the extension decides

    def load(self, path: str, data: bytes) -> Document:
        text, encoding, warnings = decode_text(path, data)
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        return make_document(path, data, self.name, markdown_to_text(text), encoding, warnings)
