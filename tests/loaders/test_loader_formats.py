"""Each input format reads to the letter's text: key sentences kept, in order, furniture gone."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from loader_helpers import FORMATS, flat

from kg.loaders import Document, load, normalise

NCND = "can neither confirm nor deny that it holds any other information"
EXEMPTIONS = "by virtue of Section 24(2) National Security and Section 31(3) Law Enforcement."
THREAT = (
    "The current threat level from international terrorism in the UK is Substantial, which "
    "means an attack is likely."
)


def in_order(text: str, *parts: str) -> bool:
    """Every part occurs, each after the previous one."""
    at = 0
    for part in parts:
        found = text.find(part, at)
        if found < 0:
            return False
        at = found + len(part)
    return True


@pytest.mark.parametrize("path", sorted(FORMATS.iterdir()), ids=lambda p: p.name)
def test_every_fixture_loads_with_hash_of_original_bytes(path: Path) -> None:
    doc = load(path)
    assert isinstance(doc, Document)
    assert doc.source == str(path)
    assert doc.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert doc.text == normalise(doc.text)  # already normalised: offsets are final
    assert NCND in flat(doc.text)
    assert EXEMPTIONS in flat(doc.text)
    assert THREAT in flat(doc.text)
    assert load(path).text == doc.text  # deterministic


def test_html_page_keeps_letter_and_drops_site_furniture() -> None:
    doc = load(FORMATS / "cumbria_disclosure_page.html")
    assert (doc.format, doc.encoding, doc.warnings) == ("html", "utf-8", [])
    text = doc.text
    lines = text.split("\n")
    assert "1. Does your force currently use live facial recognition technology?" in lines
    assert (
        "4. Which companies supply facial recognition software or hardware to your force?" in lines
    )
    assert "Question | Response" in lines
    assert "1 | No. Cumbria Constabulary does not use live facial recognition technology." in lines
    # A cell with two paragraphs stays on its row's line.
    assert (
        "2 | Yes. The force uses the facial searching facility of the Police National Database. "
        "This is provided by the Home Office."
    ) in lines
    assert in_order(
        text,
        "Facial recognition technology",
        "FOI 2021/0457",
        "Request",
        "1. Does your force",
        "Response",
        "Question | Response",
        "4 | Not applicable.",
        "In respect of covert use",
        "The current threat level",
        "Yours sincerely,",
    )
    for furniture in (
        "cookie",
        "Skip to main content",
        "Report a crime",
        "Search",
        "Disclosure log",
        "Was this page useful",
        "Report a problem",
        "Share this page",
        "Facebook",
        "dataLayer",
        "getElementById",
        "Privacy notice",
        "Related disclosures",
        "Accessibility",
        "\u00a9",
        ".cookie-banner",
    ):
        assert furniture not in text, furniture
    assert "We’d" not in text and "&rsquo;" not in text


def test_pdf_pages_in_order_and_split_word_rejoined() -> None:
    doc = load(FORMATS / "lancashire_letter.pdf")
    assert (doc.format, doc.encoding, doc.warnings) == ("pdf", None, [])
    text = flat(doc.text)
    assert in_order(
        text,
        "Lancashire Constabulary",
        "Our Ref: F/2020/01287",
        "Date: 5 October 2020",
        "2a. the dates and locations",
        "Response",
        "Q1. Yes.",
        "6 alerts, leading to 3 stops and 1 arrest",
        "Q3. Expenditure was £",
        "In respect of covert use",
        THREAT,
    )
    assert "automated facial recognition equipment" in doc.text
    assert "recog-" not in doc.text
    # The two pages are separated by a blank line.
    assert "each financial year?\n\nResponse" in doc.text


def test_docx_letterhead_first_table_rows_as_lines_and_body_order() -> None:
    doc = load(FORMATS / "durham_letter.docx")
    assert (doc.format, doc.encoding, doc.warnings) == ("docx", None, [])
    lines = doc.text.split("\n")
    assert lines[0] == "Durham Constabulary"  # first section header: the letterhead
    assert "Question | Response" in lines
    assert "1 | Yes. Retrospective facial recognition is used to search custody images." in lines
    assert any(
        line.startswith("3 | ") and line.endswith("searches were carried out in 2020.")
        for line in lines
    )
    # Word's automatic list numbers are put back.
    assert "1. Does Durham Constabulary use facial recognition technology?" in lines
    assert "3. How many facial recognition searches were carried out in 2020?" in lines
    assert in_order(
        doc.text,
        "Durham Constabulary",
        "Freedom of Information Request 0645/21",
        "2. If so, which supplier",
        "set out in the table below.",
        "Question | Response",
        "3 | ",
        "In respect of covert use",
        THREAT,
        "Disclosure Officer",
    )
    assert "page footer text" not in doc.text


def test_markdown_formatting_removed_words_and_numbering_kept() -> None:
    doc = load(FORMATS / "humberside_response.md")
    assert (doc.format, doc.encoding, doc.warnings) == ("md", "utf-8", [])
    text = doc.text
    lines = text.split("\n")
    assert lines[0] == "Humberside Police"
    assert "Freedom of Information Request FOI/2022/00318" in lines
    assert "- 1. Is your force currently using live facial recognition (LFR) technology?" in lines
    assert "  - a) If yes, how many searches were carried out?" in lines
    assert "Q1 response: No. Humberside Police does not use live facial recognition." in lines
    assert "The number of searches is not recorded centrally." in text
    assert "Humberside Police can neither confirm nor deny that" in text
    assert "is Substantial, which" in text
    assert (
        "College of Policing guidance <https://www.college.police.uk/app/live-facial-recognition>"
    ) in text
    assert "Contact: foi@humberside.police.uk" in lines  # the address shown once
    for mark in ("**", "__", "#", "\\.", "](", "mailto:", "---"):
        assert mark not in text, mark
    assert not any(line.startswith(">") for line in lines)


def test_cp1252_text_decoded_with_warning() -> None:
    path = FORMATS / "kent_cp1252.txt"
    doc = load(path)
    assert (doc.format, doc.encoding) == ("txt", "cp1252")
    assert any("cp1252" in w for w in doc.warnings)
    assert "£" in doc.text
    assert "asked: “How much has your force spent" in doc.text  # curly quotes kept
    assert "Kent Police’s expenditure" in doc.text
    assert "searching – no live" in doc.text  # en dash kept
    assert "\r" not in doc.text
    assert doc.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_txt_holding_html_is_read_as_html() -> None:
    doc = load(FORMATS / "essex_page_saved_as.txt")
    assert doc.format == "html"
    assert any("content is html" in w for w in doc.warnings)
    assert doc.text.startswith("Disclosure 7741/19: facial recognition")
    assert "Answer: Essex Police does not currently use live facial recognition technology." in (
        doc.text.split("\n")
    )
    for furniture in ("<", "tracking", "News", "Cookies"):
        assert furniture not in doc.text


def test_welsh_bilingual_letter_bom_crlf_nbsp_zero_width() -> None:
    path = FORMATS / "north_wales_bilingual.txt"
    doc = load(path)
    assert (doc.format, doc.encoding, doc.warnings) == ("txt", "utf-8-sig", [])
    lines = doc.text.split("\n")
    assert lines[0] == "Heddlu Gogledd Cymru / North Wales Police"
    assert lines[1] == "Rhyddid Gwybodaeth / Freedom of Information"
    assert "Ein Cyf / Our Ref: FOI/2023/0172" in lines  # no-break space became a space
    assert "2. No. North Wales Police is not using operator initiated facial recognition." in lines
    assert "\ufeff" not in doc.text and "\r" not in doc.text and "\u00a0" not in doc.text
    assert "\n\n\n\n" not in doc.text  # three blank lines collapsed to two
    assert doc.text.endswith("We welcome correspondence in Welsh.")


def test_content_beats_extension(tmp_path: Path) -> None:
    pdf_as_txt = tmp_path / "scan.txt"
    shutil.copy(FORMATS / "lancashire_letter.pdf", pdf_as_txt)
    doc = load(pdf_as_txt)
    assert doc.format == "pdf"
    assert any("content is pdf" in w for w in doc.warnings)

    docx_as_bin = tmp_path / "attachment.bin"
    shutil.copy(FORMATS / "durham_letter.docx", docx_as_bin)
    assert load(docx_as_bin).format == "docx"

    html_as_md = tmp_path / "page.md"
    html_as_md.write_text("<!DOCTYPE html><html><body><nav>Menu</nav><p>Letter text.</p>")
    doc = load(html_as_md)
    assert (doc.format, doc.text) == ("html", "Letter text.")

    text_as_pdf = tmp_path / "letter.pdf"
    text_as_pdf.write_text("Our Ref: 123/20\nThis is a plain text letter.")
    doc = load(text_as_pdf)
    assert doc.format == "txt"
    assert any("plain text" in w for w in doc.warnings)


def test_unknown_extension_with_text_is_read_as_text_with_warning(tmp_path: Path) -> None:
    odd = tmp_path / "response.letter"
    odd.write_text("Dear Requester,\nNo information is held.\n")
    doc = load(odd)
    assert (doc.format, doc.text) == ("txt", "Dear Requester,\nNo information is held.")
    assert doc.warnings == ["unknown extension '.letter'; read as plain text"]
    bare = tmp_path / "README"
    bare.write_text("Dear Requester")
    assert load(bare).warnings == ["no file extension; read as plain text"]


def test_utf16_text_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "notepad.txt"
    path.write_bytes("Ref: 12/2020\r\nNo information held £".encode("utf-16"))
    doc = load(path)
    assert (doc.encoding, doc.text) == ("utf-16", "Ref: 12/2020\nNo information held £")


def test_encrypted_pdf_with_empty_user_password_is_read(tmp_path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_encryption(owner_password="owner")
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.cell(0, 10, "Our Ref: 55/21 facial recognition is not used.")
    path = tmp_path / "locked.pdf"
    path.write_bytes(bytes(pdf.output()))
    assert "facial recognition is not used" in load(path).text


def test_fixtures_are_reproducible(tmp_path: Path) -> None:
    """The committed fixtures are exactly what the seeded script writes."""
    import importlib.util

    script = FORMATS.parents[2] / "scripts" / "make_format_fixtures.py"
    spec = importlib.util.spec_from_file_location("make_format_fixtures", script)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    written = module.build(tmp_path)
    assert sorted(p.name for p in written) == sorted(p.name for p in FORMATS.iterdir())
    for path in written:
        assert path.read_bytes() == (FORMATS / path.name).read_bytes(), path.name
