"""Golden tests: the five sample letters, the structure fields value by value.

Expected values were worked out by reading each letter (see the comments). The legal, threat
and facts fields are checked by their own tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.extract import extract_path
from kg.model import LetterRecord

LETTERS = Path(__file__).resolve().parents[2] / "examples" / "letters"


def _rec(prefix: str) -> LetterRecord:
    (path,) = LETTERS.glob(f"{prefix}_*.txt")
    return extract_path(path)


@pytest.fixture(scope="module")
def recs() -> dict[str, LetterRecord]:
    return {p: _rec(p) for p in ("000", "001", "002", "003", "004")}


def _spans_ok(rec: LetterRecord) -> None:
    """Every span points inside the text, and scalar evidence holds the value."""
    for key, (s, e) in rec.spans().items():
        assert 0 <= s <= e <= len(rec.text), key
    if rec.reference:
        s, e = rec.field_spans["reference"]
        assert rec.text[s:e] == rec.reference
    if rec.force is not None:
        s, e = rec.force.span
        assert rec.text[s:e].strip()
    for q in rec.questions:
        s, e = q.span
        assert q.text.split()[0].strip("*") in rec.text[s:e]
    for a in rec.answers:
        s, e = a.span
        assert a.text.split()[0] in rec.text[s:e]


def _answers(rec: LetterRecord) -> list[tuple[list[str], str]]:
    return [(a.questions, a.kind) for a in rec.answers]


def test_000_dyfed_powys(recs: dict[str, LetterRecord]) -> None:
    rec = recs["000"]
    # Letterhead "Heddlu Police / DYFED-POWYS"; the answers name Dyfed-Powys Police.
    assert rec.force is not None and rec.force.id == "dyfed-powys-police"
    assert rec.force.name == "Dyfed-Powys Police"
    assert rec.reference == "1022/2019"
    assert rec.request_date is None and rec.response_date is None  # no date in the letter
    assert rec.title is None  # only a letterhead and "FOI Reference:" above "Request:"
    assert rec.signatory_role is None  # no sign-off
    assert [q.number for q in rec.questions] == ["1", "2", "3", "4", "5", "6"]
    assert all(q.parent is None for q in rec.questions)
    prefixes = [
        "When did your police force introduce facial recognition technology?",
        "How does your police force use facial recognition technology?",
        "How much money was invested in facial recognition technology",
        "Does your police force plan to use facial recognition technology in 2020?",
        "If your police force plans to use facial recognition technology in 2020",
        "If your police force does not use facial recognition technology",
    ]
    for q, prefix in zip(rec.questions, prefixes, strict=True):
        assert q.text.startswith(prefix)
    # The clarification paragraph is not part of question 6.
    assert "Clarification" not in rec.questions[-1].text
    assert _answers(rec) == [(["1", "2", "3"], "not-held"), (["4", "5", "6"], "not-held")]
    assert rec.answers[0].text.startswith("I can confirm that there is no information held")
    assert rec.answers[0].text.endswith("does not use live facial recognition technology.")
    assert "Section 24(2)" not in rec.answers[1].text  # the exemption list is legal boilerplate
    _spans_ok(rec)


def test_001_west_midlands(recs: dict[str, LetterRecord]) -> None:
    rec = recs["001"]
    assert rec.force is not None and rec.force.id == "west-midlands-police"
    assert rec.reference == "13457_18"  # from the title "Facial Recognition (13457_18)"
    assert rec.request_date is None and rec.response_date is None
    assert rec.title == "Facial Recognition (13457_18)"
    assert rec.signatory_role is None
    assert [q.number for q in rec.questions] == [str(n) for n in range(1, 10)]
    assert rec.questions[0].text.startswith("Are you currently paying for facial recognition")
    assert rec.questions[6].text.startswith("What is the name of the company/companies")
    assert rec.questions[8].text.startswith("In the operations or tests carried out so far, how")
    # One narrative "Response" answers all nine questions: not held.
    assert _answers(rec) == [([str(n) for n in range(1, 10)], "not-held")]
    assert rec.answers[0].text.startswith("I am writing to inform you that we have searched")
    assert "Overall Harm" not in rec.answers[0].text
    _spans_ok(rec)


def test_002_avon_and_somerset(recs: dict[str, LetterRecord]) -> None:
    rec = recs["002"]
    # A saved web page: "Leave site", "Skip to content" and the feedback widget are furniture.
    assert rec.force is not None and rec.force.id == "avon-and-somerset-police"
    assert rec.reference == "992/20"
    assert rec.request_date == "2020-10-05"  # "Date of request: 5 October 2020"
    assert rec.response_date is None
    assert rec.title == "Facial Recognition Technology"
    assert rec.signatory_role is None
    assert [q.number for q in rec.questions] == ["1"]  # one question in prose
    assert rec.questions[0].text == (
        "Please tell me which Facial Searching software is used by the Constabulary? "
        "And who provides it?"
    )
    # The force names the PND facial search and its provider: a disclosure.
    assert _answers(rec) == [(["1"], "disclosed")]
    assert rec.answers[0].text.startswith("Avon and Somerset Constabulary uses facial searching")
    assert "Page feedback" not in rec.text[slice(*rec.answers[0].span)]
    s, e = rec.field_spans["request_date"]
    assert rec.text[s:e] == "5 October 2020"
    _spans_ok(rec)


def test_003_hertfordshire_not_bedfordshire(recs: dict[str, LetterRecord]) -> None:
    rec = recs["003"]
    # The letterhead prints a Bedfordshire Police HQ address; Hertfordshire answers and signs.
    assert rec.force is not None and rec.force.id == "hertfordshire-constabulary"
    assert rec.reference == "FOI2017/01696"
    assert rec.response_date == "2018-01-15"  # "15th January 2018" at the top
    assert rec.request_date == "2017-12-13"  # "received on 13th December": year inferred
    s, e = rec.field_spans["request_date"]
    assert rec.text[s:e] == "13th December"
    assert rec.title == "REQUEST UNDER THE FREEDOM OF INFORMATION ACT 2000 Ref No: FOI2017/01696"
    assert rec.signatory_role == "Information Rights"
    # Convention: a lettered sub-item "a)" under "2" is number "2a" with parent "2".
    assert [(q.number, q.parent) for q in rec.questions] == [
        ("1", None),
        ("2", None),
        ("2a", "2"),
        ("2b", "2"),
        ("3", None),
        ("3a", "3"),
    ]
    assert rec.questions[0].text.startswith("Is your force currently using automated facial")
    assert rec.questions[2].text == "of the system/technology the force is currently using"
    assert rec.questions[5].text.startswith("If yes, please state for what purpose")
    assert _answers(rec) == [(["1", "2", "2a", "2b", "3", "3a"], "not-held")]
    # Procedural boilerplate ("blind to the identity of the requestor") is not the answer.
    assert rec.answers[0].text.startswith("Hertfordshire Constabulary is not currently using")
    _spans_ok(rec)


def test_004_warwickshire(recs: dict[str, LetterRecord]) -> None:
    rec = recs["004"]
    # The requester names Warwickshire Police in the questions; the answers do too.
    assert rec.force is not None and rec.force.id == "warwickshire-police"
    assert rec.reference == "208-2023"
    assert rec.request_date == "2023-02-20"  # "received on 20th February 2023"
    assert rec.response_date is None
    assert rec.title == "FREEDOM OF INFORMATION REQUEST REFERENCE NO: 208-2023"
    assert rec.signatory_role == "Freedom of Information Officer"
    numbers = [q.number for q in rec.questions]
    assert numbers == [
        "Q1", "Q1a", "Q2", "Q2a", "Q3", "Q3a", "Q4", "Q4a",
        "Q5", "Q5a", "Q5b", "Q5c", "Q5d", "Q6", "Q6a", "Q6b",
        "Q7", "Q7a", "Q8", "Q8a", "Q9", "Q9a", "Q10", "Q10a",
    ]  # fmt: skip
    parents = {q.number: q.parent for q in rec.questions}
    assert parents["Q10a"] == "Q10" and parents["Q5d"] == "Q5" and parents["Q1"] is None
    assert rec.questions[0].text == "Has Warwickshire Police deployed live facial recognition?"
    # "Questions 7-10 relate to ..." is a note, not part of question 6b.
    assert "Questions 7-10" not in rec.questions[15].text
    assert _answers(rec) == [
        (["Q1"], "not-held"),
        (["Q1a"], "not-applicable"),
        (["Q2"], "not-held"),
        (["Q2a"], "not-applicable"),
        (["Q3"], "not-held"),
        (["Q3a"], "not-applicable"),
        # Overt answer first, then an NCND: the kind stays not-held.
        (["Q4", "Q4a", "Q10", "Q10a"], "not-held"),
        (["Q5", "Q5a", "Q5b", "Q5c", "Q5d", "Q6", "Q6a", "Q6b"], "not-applicable"),
        (["Q7", "Q7a", "Q8", "Q8a", "Q9", "Q9a"], "not-held"),
    ]
    q4 = rec.answers[6]
    assert q4.text.startswith("With regard to overt use, no information held.")
    assert "Evidence of Harm" not in q4.text
    assert rec.answers[-1].text == "No information held."
    _spans_ok(rec)


def test_cookie_banner_is_not_the_letter(recs: dict[str, LetterRecord]) -> None:
    rec = recs["004"]
    assert "cookie" not in (rec.title or "").lower()
    assert all("cookie" not in q.text.lower() for q in rec.questions)
