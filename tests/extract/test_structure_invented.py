"""Golden tests for the invented letters 01-10 (structure fields), value by value.

Each letter exercises one layout real forces use: a table of answers, "Q1 response:" lines,
one narrative answer, lettered sub-questions, an email thread with an interim letter and a
quoted request, a cost refusal in words, no date and no reference, interleaved answers, a
joint response, and an interim letter before the full response in one file.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.extract import extract_path
from kg.model import LetterRecord

INVENTED = Path(__file__).resolve().parents[1] / "letters" / "invented"


def rec_of(prefix: str) -> LetterRecord:
    (path,) = INVENTED.glob(f"{prefix}_*.txt")
    rec = extract_path(path)
    assert not [w for w in rec.warnings if w.startswith("internal error")]
    for key, (s, e) in rec.spans().items():
        assert 0 <= s <= e <= len(rec.text), key
    return rec


def qa(rec: LetterRecord) -> list[tuple[list[str], str]]:
    return [(a.questions, a.kind) for a in rec.answers]


def test_01_south_wales_table_of_answers() -> None:
    rec = rec_of("01")
    assert rec.force is not None and rec.force.id == "south-wales-police"  # bilingual letterhead
    assert rec.reference == "FOI 0456/21"
    assert rec.request_date == "2021-02-03"
    assert rec.response_date == "2021-03-02"  # "2nd March 2021"
    assert rec.title == "Freedom of Information Request - Live Facial Recognition"
    assert rec.signatory_role == "Freedom of Information Officer"
    assert [q.number for q in rec.questions] == ["1", "2", "3", "4", "5"]
    assert rec.questions[0].text == "Does South Wales Police use live facial recognition?"
    assert qa(rec) == [(["1"], "disclosed"), (["2"], "disclosed"), (["3"], "disclosed"),
                       (["4"], "disclosed"), (["5"], "disclosed")]  # fmt: skip
    assert rec.answers[1].text.startswith("22 January 2020, Cardiff City Stadium")
    assert "|" not in rec.answers[1].text


def test_02_met_q_response_lines() -> None:
    rec = rec_of("02")
    assert rec.force is not None and rec.force.id == "metropolitan-police-service"
    assert rec.reference == "01/FOI/22/023456"
    assert rec.response_date == "2022-03-05"  # "Date: March 5, 2022"
    assert rec.request_date == "2022-02-04"  # "received by the ... (MPS) on 4 February 2022"
    assert rec.signatory_role == "Information Manager"
    assert [q.number for q in rec.questions] == ["Q1", "Q2", "Q3", "Q4", "Q5"]
    assert qa(rec) == [(["Q1"], "disclosed"), (["Q2", "Q3"], "disclosed"),
                       (["Q4"], "disclosed"), (["Q5"], "disclosed")]  # fmt: skip
    assert "Oxford Circus" in rec.answers[1].text
    assert "Should you have any further" not in rec.answers[-1].text


def test_03_kent_single_narrative_answer() -> None:
    rec = rec_of("03")
    assert rec.force is not None and rec.force.id == "kent-police"
    assert rec.reference == "FOI/19/0087"
    assert rec.response_date == "2019-02-01"  # "Date: 01/02/2019" is day first
    assert rec.request_date == "2019-01-07"  # "your request dated 7 January 2019"
    assert rec.title == "FREEDOM OF INFORMATION ACT 2000 - FACIAL RECOGNITION"
    assert rec.signatory_role == "Disclosure Officer"
    assert [q.number for q in rec.questions] == ["1", "2", "3", "4"]
    assert qa(rec) == [(["1", "2", "3", "4"], "not-held")]
    assert rec.answers[0].text.startswith("Kent Police does not use facial recognition")
    assert "internal review" not in rec.answers[0].text


def test_04_north_wales_sub_questions() -> None:
    rec = rec_of("04")
    assert rec.force is not None and rec.force.id == "north-wales-police"
    assert rec.reference == "FOI/2021/1188"
    assert rec.response_date == "2021-06-14"  # "Dyddiad / Date: 14 June 2021"
    assert rec.request_date is None
    assert rec.title == "Cais Rhyddid Gwybodaeth / Freedom of Information Request"
    assert rec.signatory_role == "Information Compliance Officer"  # after "Yn gywir / Yours"
    assert [(q.number, q.parent) for q in rec.questions] == [
        ("1", None), ("1a", "1"), ("1b", "1"), ("2", None), ("2a", "2"), ("3", None),
    ]  # fmt: skip
    assert qa(rec) == [
        (["1"], "disclosed"),
        (["1a"], "disclosed"),
        (["1b"], "disclosed"),
        (["2", "2a"], "not-held"),
        (["3"], "not-held"),
    ]
    assert "Yours sincerely" not in rec.answers[-1].text


def test_05_email_thread_with_interim_and_quoted_request() -> None:
    rec = rec_of("05")
    assert rec.force is not None and rec.force.id == "greater-manchester-police"
    assert rec.reference == "2204/22"
    assert rec.request_date == "2022-04-21"
    assert rec.response_date == "2022-05-18"  # the reply's "Sent:", not the interim's
    assert rec.signatory_role == "Disclosure Officer"
    # The questions are only in the quoted request ("> 1. ..."); the reply numbers answers.
    assert [q.number for q in rec.questions] == ["1", "2", "3"]
    assert rec.questions[0].text.startswith("Does GMP use live facial recognition?")
    assert qa(rec) == [(["1"], "not-held"), (["2"], "not-applicable"), (["3"], "disclosed")]


def test_06_cost_refusal_in_words() -> None:
    rec = rec_of("06")
    assert rec.force is not None and rec.force.id == "essex-police"
    assert rec.reference == "8712/FOI/20"
    assert rec.response_date == "2020-08-12"
    assert rec.request_date == "2020-07-15"
    assert rec.signatory_role == "FOI Decision Maker"
    assert [q.number for q in rec.questions] == ["1", "2", "3", "4"]
    # "would exceed the appropriate limit of 18 hours", no "section 12": a cost refusal.
    assert qa(rec) == [(["1", "2", "3", "4"], "refused-cost")]


def test_07_no_date_no_reference_stay_null() -> None:
    rec = rec_of("07")
    assert rec.force is not None and rec.force.id == "lincolnshire-police"  # not Kent ("Kent Road")
    assert rec.reference is None
    assert rec.request_date is None and rec.response_date is None
    assert "reference" not in rec.field_spans and "response_date" not in rec.field_spans
    assert rec.title == "Facial Recognition Cameras"
    assert rec.signatory_role is None
    assert [q.number for q in rec.questions] == ["1", "2", "3"]
    assert qa(rec) == [(["1", "2", "3"], "not-held")]


def test_08_interleaved_answers() -> None:
    rec = rec_of("08")
    assert rec.force is not None and rec.force.id == "thames-valley-police"
    assert rec.reference == "2022-1457"  # "Request ID: 2022-1457"
    assert rec.request_date == "2022-06-14"  # "14/06/2022"
    assert rec.response_date == "2022-07-11"
    assert [q.number for q in rec.questions] == ["1", "2", "3", "4", "5"]
    assert all(q.text.endswith((".", "?")) and "Answer" not in q.text for q in rec.questions)
    assert qa(rec) == [
        (["1"], "disclosed"),
        (["2"], "disclosed"),
        (["3"], "disclosed"),
        (["4"], "refused-exempt"),
        (["5"], "published-elsewhere"),
    ]
    assert rec.answers[0].text == "No. Thames Valley Police does not use live facial recognition."


def test_09_joint_norfolk_and_suffolk() -> None:
    rec = rec_of("09")
    # A joint response: the first named force stands for it.
    assert rec.force is not None and rec.force.id == "norfolk-constabulary"
    assert rec.reference == "FOI 000880/20"
    assert rec.response_date == "2020-04-03"
    assert rec.request_date == "2020-03-06"
    assert [q.number for q in rec.questions] == ["1", "2", "3", "4", "5"]
    assert qa(rec) == [
        (["1", "2"], "not-held"),
        (["3"], "published-elsewhere"),
        (["4", "5"], "clarification-needed"),
    ]


def test_10_interim_letter_then_full_response() -> None:
    rec = rec_of("10")
    assert rec.force is not None and rec.force.id == "gwent-police"
    assert rec.reference == "FOI 2021/334"
    # The interim letter (22 February) is not the response (16 March).
    assert rec.response_date == "2021-03-16"
    assert rec.request_date == "2021-02-19"
    assert rec.signatory_role == "Information Rights Officer"
    assert [q.number for q in rec.questions] == ["Q1", "Q2", "Q3"]
    assert qa(rec) == [(["Q1"], "not-held"), (["Q2"], "disclosed"), (["Q3"], "not-held")]


MINE = sorted([*INVENTED.glob("0[1-9]_*.txt"), *INVENTED.glob("10_*.txt")])


@pytest.mark.parametrize("path", MINE, ids=lambda p: p.name)
def test_every_invented_letter_has_a_force_and_questions(path: Path) -> None:
    rec = extract_path(path)
    assert rec.force is not None
    assert rec.questions
