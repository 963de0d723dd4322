"""Word letters (.docx): paragraphs and tables in body order, with the letterhead first.

The body XML is walked directly so tables stay where they are among the paragraphs; each table
row is one line with cells joined by " | " (answers are often given in a question/answer
table). Automatic list numbers, which Word stores outside the text, are put back ("1. ").
Headers and footers are skipped except the first section's header, which carries the force's
letterhead. Deleted tracked changes and the fallback copies of text boxes are not read.
"""

from __future__ import annotations

import io
import re
import zipfile

from kg.loaders.base import Document, LoadError, make_document

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_SKIP = {f"{W}del", f"{W}moveFrom", _MC_FALLBACK, f"{W}instrText", f"{W}delText"}
_SKIP |= {f"{W}{n}" for n in ("footnoteReference", "endnoteReference", "commentReference")}


class _Numbering:
    """Word's automatic numbering: counters per list, formatted from the level's pattern."""

    def __init__(self, doc: object) -> None:
        self.levels: dict[str, dict[int, tuple[int, str, str]]] = {}
        self.counters: dict[str, list[int]] = {}
        try:
            root = doc.part.numbering_part.element  # type: ignore[attr-defined]
        except (NotImplementedError, KeyError, AttributeError):
            return
        abstract: dict[str, dict[int, tuple[int, str, str]]] = {}
        for node in root.findall(f"{W}abstractNum"):
            levels = {}
            for lvl in node.findall(f"{W}lvl"):
                ilvl = int(lvl.get(f"{W}ilvl", "0"))
                start = _val(lvl.find(f"{W}start"), "1")
                fmt = _val(lvl.find(f"{W}numFmt"), "decimal")
                pattern = _val(lvl.find(f"{W}lvlText"), "")
                levels[ilvl] = (int(start) if start.isdigit() else 1, fmt, pattern)
            abstract[node.get(f"{W}abstractNumId", "")] = levels
        for num in root.findall(f"{W}num"):
            ref = num.find(f"{W}abstractNumId")
            if ref is not None:
                self.levels[num.get(f"{W}numId", "")] = abstract.get(_val(ref, ""), {})

    def prefix(self, num_id: str, ilvl: int) -> str:
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels or num_id == "0":
            return ""
        counters = self.counters.setdefault(num_id, [0] * 10)
        ilvl = min(ilvl, 9)
        for deeper in range(ilvl + 1, 10):
            counters[deeper] = 0
        start, fmt, pattern = levels[ilvl]
        counters[ilvl] = counters[ilvl] + 1 if counters[ilvl] else start
        if fmt in ("bullet", "none") or not pattern:
            return ""

        def fill(match: re.Match[str]) -> str:
            level = int(match.group(1)) - 1
            lstart, lfmt, _ = levels.get(level, (1, "decimal", ""))
            return _format(counters[level] or lstart, lfmt)

        return re.sub(r"%([1-9])", fill, pattern).strip() + " "


def _val(node: object, default: str) -> str:
    if node is None:
        return default
    return str(node.get(f"{W}val", default))  # type: ignore[attr-defined]


def _format(n: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter") and 1 <= n <= 780:  # Word stops at 30 z's
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman") and n >= 1:
        from kg.loaders.html import _roman

        return _roman(n).upper() if fmt == "upperRoman" else _roman(n)
    return str(n)


def _run_text(element: object) -> str:
    """Text of a paragraph (or any run container), skipping deletions and fallback copies."""
    parts: list[str] = []
    stack = [element]
    while stack:
        node = stack.pop()
        tag = node.tag  # type: ignore[attr-defined]
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag == f"{W}t":
            parts.append(node.text or "")  # type: ignore[attr-defined]
        elif tag == f"{W}tab":
            parts.append("\t")
        elif tag in (f"{W}br", f"{W}cr"):
            parts.append("\n")
        elif tag == f"{W}noBreakHyphen":
            parts.append("-")
        elif tag == f"{W}p" and node is not element:
            parts.append("\n")  # a paragraph inside a text box
        stack.extend(reversed(list(node)))  # type: ignore[call-overload]
    return "".join(parts)


class _Reader:
    def __init__(self, doc: object) -> None:
        self.numbering = _Numbering(doc)
        self.styles: dict[str, tuple[str, int] | None] = {}
        try:
            for style in doc.styles.element.findall(f"{W}style"):  # type: ignore[attr-defined]
                num = style.find(f"{W}pPr/{W}numPr")
                if num is not None:
                    ilvl = _val(num.find(f"{W}ilvl"), "0")
                    self.styles[style.get(f"{W}styleId", "")] = (
                        _val(num.find(f"{W}numId"), "0"),
                        int(ilvl) if ilvl.isdigit() else 0,
                    )
        except (AttributeError, KeyError, NotImplementedError):
            pass

    def paragraph(self, p: object) -> str:
        text = _run_text(p)
        ppr = p.find(f"{W}pPr")  # type: ignore[attr-defined]
        num = None
        if ppr is not None:
            numpr = ppr.find(f"{W}numPr")
            if numpr is not None and numpr.find(f"{W}numId") is not None:
                ilvl = _val(numpr.find(f"{W}ilvl"), "0")
                num = (_val(numpr.find(f"{W}numId"), "0"), int(ilvl) if ilvl.isdigit() else 0)
            else:
                style = ppr.find(f"{W}pStyle")
                if style is not None:
                    num = self.styles.get(_val(style, ""))
        if num and text.strip():
            text = self.numbering.prefix(*num) + text
        return text

    def table(self, tbl: object) -> list[str]:
        lines = []
        for tr in tbl.iterfind(f"{W}tr"):  # type: ignore[attr-defined]
            cells = []
            for tc in tr.iterfind(f"{W}tc"):
                # Cell paragraphs (and nested tables) flattened to one line.
                cell = " ".join(self.block(tc))
                cells.append(" ".join(cell.split()))
            if any(cells):
                lines.append(" | ".join(cells))
        return lines

    def block(self, container: object) -> list[str]:
        """Lines of a body, header or cell: paragraphs and tables in document order."""
        lines: list[str] = []
        for child in container:  # type: ignore[attr-defined]
            if child.tag == f"{W}p":
                lines.append(self.paragraph(child))
            elif child.tag == f"{W}tbl":
                lines.append("")
                lines.extend(self.table(child))
                lines.append("")
            elif child.tag in (f"{W}sdt", f"{W}customXml", f"{W}sdtContent", f"{W}ins"):
                inner = child.find(f"{W}sdtContent") if child.tag == f"{W}sdt" else child
                if inner is not None:
                    lines.extend(self.block(inner))
        return lines


def _letterhead(doc: object, reader: _Reader) -> list[str]:
    try:
        section = doc.sections[0]  # type: ignore[attr-defined]
    except (IndexError, AttributeError):
        return []
    candidates = []
    if section.different_first_page_header_footer:
        candidates.append(section.first_page_header)
    candidates.append(section.header)
    for header in candidates:
        if header.is_linked_to_previous:
            continue  # no header of its own
        lines = reader.block(header._element)
        if any(line.strip() for line in lines):
            return lines
    return []


class DocxLoader:
    name = "docx"
    extensions: tuple[str, ...] = (".docx", ".docm", ".dotx")

    def sniff(self, head: bytes) -> bool:
        return head.startswith(b"PK\x03\x04") and b"word/" in head

    def load(self, path: str, data: bytes) -> Document:
        import docx
        from docx.opc.exceptions import PackageNotFoundError

        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                if "word/document.xml" not in archive.namelist():
                    raise LoadError(path, "zip archive but not a Word document")
            doc = docx.Document(io.BytesIO(data))
        except LoadError:
            raise
        except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as exc:
            raise LoadError(path, f"not a readable DOCX file ({type(exc).__name__})") from None
        reader = _Reader(doc)
        lines = _letterhead(doc, reader)
        if lines:
            lines.append("")
        lines.extend(reader.block(doc.element.body))
        return make_document(path, data, self.name, "\n".join(lines), None, [])
