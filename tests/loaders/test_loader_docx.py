"""Word details that real letters use: first-page letterheads, tracked changes, text boxes,
numbered lists restarting and nesting, tables inside tables."""

from __future__ import annotations

import io
from pathlib import Path

import docx
from docx.oxml import parse_xml

from kg.loaders import load

NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
)


def save(doc: docx.document.Document, path: Path) -> Path:
    buffer = io.BytesIO()
    doc.save(buffer)
    path.write_bytes(buffer.getvalue())
    return path


def test_first_page_header_is_the_letterhead(tmp_path: Path) -> None:
    doc = docx.Document()
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    section.first_page_header.paragraphs[0].text = "Heddlu Dyfed-Powys Police"
    section.header.paragraphs[0].text = "Page header on later pages"
    doc.add_paragraph("FOI Reference: 1022/2019")
    text = load(save(doc, tmp_path / "l.docx")).text
    assert text == "Heddlu Dyfed-Powys Police\n\nFOI Reference: 1022/2019"


def test_no_header_means_body_only(tmp_path: Path) -> None:
    doc = docx.Document()
    doc.add_paragraph("Only the body")
    assert load(save(doc, tmp_path / "l.docx")).text == "Only the body"


def test_deleted_text_and_text_box_fallbacks_are_not_read(tmp_path: Path) -> None:
    doc = docx.Document()
    paragraph = doc.add_paragraph()
    paragraph._p.append(parse_xml(f"<w:r {NS}><w:t xml:space='preserve'>We do </w:t></w:r>"))
    paragraph._p.append(
        parse_xml(
            f"<w:del {NS} w:id='1' w:author='a'><w:r><w:delText>not </w:delText></w:r></w:del>"
        )
    )
    paragraph._p.append(parse_xml(f"<w:r {NS}><w:t>use it.</w:t><w:tab/><w:t>Ref 9</w:t></w:r>"))
    box = doc.add_paragraph()
    box._p.append(
        parse_xml(
            f"<w:r {NS}><mc:AlternateContent><mc:Choice Requires='wps'>"
            "<w:p><w:r><w:t>Box text</w:t></w:r></w:p></mc:Choice>"
            "<mc:Fallback><w:p><w:r><w:t>Box text</w:t></w:r></w:p></mc:Fallback>"
            "</mc:AlternateContent></w:r>"
        )
    )
    text = load(save(doc, tmp_path / "l.docx")).text
    assert text.split("\n") == ["We do use it.\tRef 9", "", "Box text"]


def test_numbered_lists_nest_and_tables_nest(tmp_path: Path) -> None:
    doc = docx.Document()
    doc.add_paragraph("First question", style="List Number")
    doc.add_paragraph("Second question", style="List Number")
    doc.add_paragraph("A bullet", style="List Bullet")
    table = doc.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Q5a"
    inner = table.cell(0, 1).add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "2019"
    inner.cell(0, 1).text = "£1,200"
    lines = load(save(doc, tmp_path / "l.docx")).text.split("\n")
    assert lines[:3] == ["1. First question", "2. Second question", "A bullet"]
    assert "Q5a | 2019 | £1,200" in lines
