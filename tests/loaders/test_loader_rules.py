"""The text rules on small inputs: normalisation, Markdown, HTML, PDF de-hyphenation, decoding."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.loaders import LoadError, load, normalise
from kg.loaders.decode import decode_text
from kg.loaders.html import HtmlLoader, html_to_text
from kg.loaders.markdown import markdown_to_text
from kg.loaders.pdf import dehyphenate


def test_normalise_rules() -> None:
    raw = "\n\n  \r\nDear\u00a0Sir,\u200b  \r\n\r\n\r\n\r\n\r\n"
    raw += "The \u201cthreat\u201d \u2013 severe\t \n\n"
    assert normalise(raw) == "Dear Sir,\n\n\nThe \u201cthreat\u201d \u2013 severe"
    assert normalise("a\rb\u2028c\x0cd") == "a\nb\nc\nd"
    assert normalise("recog\u00adnition") == "recognition"
    assert normalise("Gwyne\u0301dd") == "Gwyne\u0301dd".replace("e\u0301", "\u00e9")


@pytest.mark.parametrize(
    ("markdown", "text"),
    [
        ("## **Q1.** Is your force *using* FR?", "Q1. Is your force using FR?"),
        ("> **Q2 response:** No.", "Q2 response: No."),
        ("- 1. Is your force using it?**", "- 1. Is your force using it?"),
        ("See [the log](https://x.police.uk/log).", "See the log <https://x.police.uk/log>."),
        ("[https://x.uk/a](https://x.uk/a)", "https://x.uk/a"),
        ("Email [foi@x.uk](mailto:foi@x.uk)", "Email foi@x.uk"),
        ("Ref 13457\\_18 and 13457_18 and \\#3\\.", "Ref 13457_18 and 13457_18 and #3."),
        ("| Q | A |\n|---|---|\n| 1 | No |", "Q | A\n\n1 | No"),
        ("__Substantial__ and `code` and <https://a.uk>", "Substantial and code and https://a.uk"),
        ("5 * 3 = 15 and a*b", "5 * 3 = 15 and a*b"),
    ],
)
def test_markdown_rules(markdown: str, text: str) -> None:
    assert markdown_to_text(markdown) == text


def test_html_lists_tables_breaks_and_entities() -> None:
    page = """<body><ol start="3"><li>Third</li><li>Fourth &amp; last</li></ol>
    <ol type="a"><li>sub one</li><li>sub two</li></ol>
    <ol><li>1. already numbered</li></ol>
    <ul><li>bullet</li></ul>
    <p>Line one<br>Line two</p>
    <table><tr><th>Q</th><th>A</th></tr><tr><td>5a</td><td>Not&nbsp;held</td></tr>
    <tr><td></td><td></td></tr></table></body>"""
    assert normalise(html_to_text(page)).split("\n") == [
        "3. Third", "4. Fourth & last", "", "a. sub one", "b. sub two", "", "1. already numbered",
        "", "bullet", "", "Line one", "Line two", "", "Q | A", "5a | Not held",
    ]  # fmt: skip


def test_html_prefers_main_and_keeps_article_header() -> None:
    page = """<body><header><p>Site name</p></header><div class="layout-sidebar">
    <main><article><header><h1>FOI 123/21</h1><p>Date: 1 May 2021</p></header>
    <p>Long enough letter text to be the page's main content, which it is.</p></article></main>
    </div><div><p>Outside main</p></div><footer>Site footer</footer></body>"""
    assert normalise(html_to_text(page)) == (
        "FOI 123/21\n\nDate: 1 May 2021\n\n"
        "Long enough letter text to be the page's main content, which it is."
    )


def test_html_furniture_guard_keeps_wrappers_that_hold_the_letter() -> None:
    # An ASP.NET page wraps everything in a form; a theme may call its wrapper "with-sidebar".
    page = """<body><form id="aspnetForm"><div class="page-with-sidebar"><h1>FOI 9/20</h1>
    <p>We do not use facial recognition.</p></div>
    <div class="sidebar">Related</div></form></body>"""
    assert normalise(html_to_text(page)) == "FOI 9/20\n\nWe do not use facial recognition."


def test_html_unlabelled_widgets_and_hidden_elements() -> None:
    page = """<body><div><p>Was this page useful?</p><a>Yes</a> <a>No</a></div>
    <div style="display: none">Hidden cookie text</div><p aria-hidden="true">icon</p>
    <p>We note you use cookies in your question: we hold no information.</p></body>"""
    assert normalise(html_to_text(page)) == (
        "We note you use cookies in your question: we hold no information."
    )


def test_html_sniff() -> None:
    sniff = HtmlLoader().sniff
    assert sniff(b"\xef\xbb\xbf  <!DOCTYPE html><html>")
    assert sniff(b"<?xml version='1.0'?>\n<!-- saved --><html lang=en>")
    assert sniff(b"<HTML>")
    assert not sniff(b"Dear Sir, <html> is mentioned later")
    assert not sniff(b"<htmlx>")


def test_dehyphenate_is_conservative() -> None:
    assert dehyphenate("facial recog-\nnition is") == "facial recognition is"
    assert dehyphenate("a well-\nknown tactic") == "a well-\nknown tactic"
    assert dehyphenate("non-\ndisclosure") == "non-\ndisclosure"
    assert dehyphenate("Dyfed-\nPowys") == "Dyfed-\nPowys"  # capitals: a name, not a split
    assert dehyphenate("watch-\nlist and a watch-list") == "watch-\nlist and a watch-list"
    assert dehyphenate("2018-\n19") == "2018-\n19"


def test_decode_text() -> None:
    assert decode_text("x", "£ “x”".encode()) == ("£ “x”", "utf-8", [])
    text, encoding, warnings = decode_text("x", "£ “x”".encode("cp1252"))
    assert (text, encoding) == ("£ “x”", "cp1252")
    assert warnings == ["decoded as cp1252 (not valid UTF-8)"]
    with pytest.raises(LoadError, match="^x: binary file"):
        decode_text("x", b"abc\x00def")


def test_html_list_number_joins_item_text_inside_paragraphs() -> None:
    page = "<ol><li><p>Does your force use it?</p><p>If so, where?</p></li>"
    page += "<li></li><li>Third</li></ol>"
    assert normalise(html_to_text(page)).split("\n") == [
        "1. Does your force use it?", "", "If so, where?", "", "3. Third",
    ]  # fmt: skip


def test_word_saved_as_html_keeps_list_numbers() -> None:
    page = """<body><div class=WordSection1><p class=MsoNormal>Dear Requester<o:p></o:p></p>
    <p class=MsoListParagraph><![if !supportLists]><span>1.<span>&nbsp;&nbsp;</span></span>
    <![endif]>Does your force use facial recognition?<o:p></o:p></p></div></body>"""
    lines = normalise(html_to_text(page)).split("\n")
    assert lines[0] == "Dear Requester"
    assert " ".join(lines[-1].split()) == "1. Does your force use facial recognition?"


def test_utf16_web_page_saved_as_txt(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_bytes(
        "<!DOCTYPE html><html><body><p>Ref 5/21 – £0</p></body></html>".encode("utf-16")
    )
    doc = load(path)
    assert (doc.format, doc.encoding, doc.text) == ("html", "utf-16", "Ref 5/21 – £0")


def test_markdown_hard_line_break_backslash() -> None:
    assert (
        markdown_to_text("Our Ref: 1/20\\\nDate: 2 May 2020") == "Our Ref: 1/20\nDate: 2 May 2020"
    )
