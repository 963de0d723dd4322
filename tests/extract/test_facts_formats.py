"""Legal and facts fields on the format fixtures (``tests/letters/formats``): the same rules
must hold on text from PDF (wrapped lines), DOCX, HTML, Markdown and cp1252 files."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.extract import extract_path
from kg.model import LetterRecord

FORMATS = Path(__file__).resolve().parents[1] / "letters" / "formats"


def _rec(name: str) -> LetterRecord:
    return extract_path(FORMATS / name, curate=False)


def test_pdf_wrapped_lines() -> None:
    rec = _rec("lancashire_letter.pdf")
    # The NCND sentence is wrapped over two lines of the text layer.
    assert [(c.section, c.ncnd, c.scope) for c in rec.exemptions] == [
        ("24(2)", True, "covert-use"),
        ("31(3)", True, "covert-use"),
    ]
    assert rec.ncnd_covert is True
    assert rec.threat_level is not None and rec.threat_level.level == "substantial"
    assert ("live-facial-recognition", "in-use", "overt") in {
        (u.technology, u.status, u.scope) for u in rec.technologies
    }
    # "Deployments were carried out in Blackpool on 14 March 2020. The watch-list held 412
    # images; the system generated 6 alerts, leading to 3 stops and 1 arrest."
    assert [
        (d.date, d.place, d.watchlist_size, d.alerts, d.stops, d.arrests) for d in rec.deployments
    ] == [("2020-03-14", "Blackpool", 412, 6, 3, 1)]
    # "Expenditure was £46,446 in 2018/19, £87,632 in 2019/20 and £50,092 in 2020/21."
    assert [(x.amount, x.financial_year) for x in rec.expenditure] == [
        (46446.0, "2018/19"),
        (87632.0, "2019/20"),
        (50092.0, "2020/21"),
    ]


@pytest.mark.parametrize(
    "name",
    [
        "cumbria_disclosure_page.html",
        "durham_letter.docx",
        "essex_page_saved_as.txt",
        "humberside_response.md",
        "kent_cp1252.txt",
        "north_wales_bilingual.txt",
    ],
)
def test_covert_ncnd_in_every_format(name: str) -> None:
    rec = _rec(name)
    assert [(c.section, c.ncnd, c.scope) for c in rec.exemptions] == [
        ("24(2)", True, "covert-use"),
        ("31(3)", True, "covert-use"),
    ]
    assert rec.ncnd_covert is True
    assert ("facial-recognition", "ncnd", "covert") in {
        (u.technology, u.status, u.scope) for u in rec.technologies
    }
    for key, (s, e) in rec.spans().items():
        assert 0 <= s <= e <= len(rec.text), key


def test_html_table_answers_and_provider() -> None:
    rec = _rec("cumbria_disclosure_page.html")
    assert {(u.technology, u.status) for u in rec.technologies} >= {
        ("live-facial-recognition", "not-in-use"),
        ("pnd-facial-search", "in-use"),
    }
    assert [(p.name, p.technology, p.role) for p in rec.providers] == [
        ("Home Office", "pnd-facial-search", "provider")
    ]


def test_cp1252_trial_and_money() -> None:
    rec = _rec("kent_cp1252.txt")
    # "£54,827, for a trial of retrospective image searching – no live facial recognition was
    # purchased"
    assert {(u.technology, u.status) for u in rec.technologies} >= {
        ("retrospective-facial-recognition", "trialled"),
        ("live-facial-recognition", "not-in-use"),
    }
    assert [(x.amount, x.financial_year) for x in rec.expenditure] == [(54827.0, "2018/19")]


def test_markdown_answer_states_the_use() -> None:
    rec = _rec("humberside_response.md")
    assert {(u.technology, u.status) for u in rec.technologies} == {
        ("live-facial-recognition", "not-in-use"),
        ("pnd-facial-search", "in-use"),
        ("facial-recognition", "ncnd"),
    }
    assert [u.url for u in rec.urls] == [
        "https://www.college.police.uk/app/live-facial-recognition",
        "https://www.humberside.police.uk/foi-ai/disclosure-log/",
    ]
