"""Golden tests for the legal fields of invented letters 11-22 (``tests/letters/invented``).

Each letter was written to exercise one kind of legal reasoning found in real responses:
NCND on the whole request, on one question, partial NCND, sections 23/30/40/43, cost
refusals with and without "section 12", quoted statute that must not yield exemptions.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.extract import extract_path
from kg.model import LetterRecord

INVENTED = Path(__file__).resolve().parents[1] / "letters" / "invented"


def rec_for(prefix: str) -> LetterRecord:
    (path,) = INVENTED.glob(f"{prefix}_*.txt")
    return extract_path(path, curate=False)


@pytest.fixture(scope="module")
def recs() -> dict[str, LetterRecord]:
    return {f"{n}": rec_for(f"{n}") for n in range(11, 23)}


def _q(numbers: list[str]) -> list[str]:
    """Question numbers without a "Q" prefix: the structure pass may write "Q3" or "3"."""
    return [n.upper().removeprefix("Q") for n in numbers]


def _ex(rec: LetterRecord) -> list[tuple]:
    return [(c.section, c.title, c.ncnd, c.scope, _q(c.questions)) for c in rec.exemptions]


def _check_spans(rec: LetterRecord) -> None:
    for key, (s, e) in rec.spans().items():
        assert 0 <= s <= e <= len(rec.text), key
    for item in (*rec.ncnd, *rec.harm, *rec.public_interest):
        assert rec.text[item.span[0] : item.span[1]] == item.text
    assert not [w for w in rec.warnings if "internal error" in w]


@pytest.mark.parametrize("n", [str(i) for i in range(11, 23)])
def test_spans_are_evidence(recs: dict[str, LetterRecord], n: str) -> None:
    _check_spans(recs[n])


def test_11_personal_data_for_officer_names(recs: dict[str, LetterRecord]) -> None:
    rec = recs["11"]
    # "exempt from disclosure under Section 40(2) Personal Information" under "Question 5";
    # "Section 40(2) is an absolute exemption" later repeats it and adds nothing.
    assert _ex(rec) == [("40(2)", "Personal Information", False, None, ["5"])]
    assert rec.ncnd == [] and rec.ncnd_covert is False
    assert rec.public_interest == [] and rec.balance is None


def test_12_partial_ncnd_on_covert_use(recs: dict[str, LetterRecord]) -> None:
    rec = recs["12"]
    assert _ex(rec) == [
        (
            "23(5)",
            "Information supplied by, or relating to, bodies dealing with security matters",
            True,
            "covert-use",
            [],
        ),
        ("24(2)", "National security", True, "covert-use", []),
    ]
    # The announcement "This is a partial NCND response: ..." is no NCND of its own: it marks
    # the NCND of Q2 as partial.
    (st,) = rec.ncnd
    assert st.partial is True
    assert st.scope == "covert-use"
    assert st.sections == ["23(5)", "24(2)"]
    assert st.technology == "facial-recognition"
    assert st.text.startswith("Q2 response: Essex Police can neither confirm nor deny")
    assert rec.ncnd_covert is True
    assert [h.text[:30] for h in rec.harm] == ["To confirm or deny whether cov"]
    # Headings name no section; s.23 is absolute, so the factors belong to s.24.
    assert [(p.section, p.direction) for p in rec.public_interest] == [
        ("24", "favouring"),
        ("24", "against"),
    ]
    assert rec.balance is not None and rec.balance.outcome == "maintain-exemption"
    assert "neither confirming nor denying" in rec.balance.text


def test_13_whole_request_ncnd_four_sections(recs: dict[str, LetterRecord]) -> None:
    rec = recs["13"]
    assert [(c.section, c.ncnd, c.scope) for c in rec.exemptions] == [
        ("23(5)", True, "whole-request"),
        ("24(2)", True, "whole-request"),
        ("30(3)", True, "whole-request"),
        ("31(3)", True, "whole-request"),
    ]
    assert [c.title for c in rec.exemptions] == [
        "Information supplied by, or relating to, bodies dealing with security matters",
        "National Security",
        "Investigations and proceedings conducted by public authorities",
        "Law Enforcement",
    ]
    (st,) = rec.ncnd
    assert st.scope == "whole-request"
    assert st.sections == ["23(5)", "24(2)", "30(3)", "31(3)"]
    assert rec.ncnd_covert is False  # the NCND covers the request, not covert use
    assert [h.text[:25] for h in rec.harm] == [
        "Confirming or denying tha",
        "Confirmation or denial wo",
        "The threat level from ter",
    ]
    assert [(p.section, p.direction) for p in rec.public_interest] == [
        ("24", "favouring"),
        ("24", "against"),  # "Factors favouring neither confirming nor denying"
        ("31", "favouring"),
        ("31", "against"),
    ]
    assert rec.balance is not None and rec.balance.outcome == "maintain-exemption"


def test_14_ncnd_on_one_question_only(recs: dict[str, LetterRecord]) -> None:
    rec = recs["14"]
    assert _ex(rec) == [("40(5B)", "Personal information", True, "question", ["3"])]
    (st,) = rec.ncnd
    assert (st.scope, _q(st.questions), st.sections) == ("question", ["3"], ["40(5B)"])
    assert rec.ncnd_covert is False


def test_15_section_40_2_tied_to_question_2(recs: dict[str, LetterRecord]) -> None:
    rec = recs["15"]
    # "withheld under s.40(2) of the Freedom of Information Act (personal information)"
    assert _ex(rec) == [("40(2)", "Personal information", False, None, ["2"])]
    assert rec.ncnd == []


def test_16_commercial_interests_with_public_interest_test(recs: dict[str, LetterRecord]) -> None:
    rec = recs["16"]
    assert _ex(rec) == [("43(2)", "Commercial Interests", False, None, ["3"])]
    assert [h.text[:30] for h in rec.harm] == ["Disclosure of the contract val"]
    assert [h.sections for h in rec.harm] == [["43"]]
    assert [(p.section, p.direction) for p in rec.public_interest] == [
        ("43", "favouring"),
        ("43", "against"),  # "Public interest considerations favouring non-disclosure"
    ]
    assert rec.balance is not None
    assert rec.balance.outcome == "maintain-exemption"
    assert rec.balance.text == "The exemption is therefore maintained."  # the last conclusion


def test_17_section_12_refusal_not_procedural_sections(recs: dict[str, LetterRecord]) -> None:
    rec = recs["17"]
    # Section 12(1) is relied on; Section 17(5) (refusal notice) and Section 16 (advice) are
    # procedural.
    assert _ex(rec) == [
        ("12(1)", "Exemption where cost of compliance exceeds appropriate limit", False, None, [])
    ]


def test_18_cost_refusal_in_words_only(recs: dict[str, LetterRecord]) -> None:
    rec = recs["18"]
    # "would therefore exceed the appropriate limit for police forces of £450"
    assert _ex(rec) == [
        ("12", "Exemption where cost of compliance exceeds appropriate limit", False, None, [])
    ]
    s, e = rec.exemptions[0].span
    assert "appropriate limit" in rec.text[s:e] or "18 hours" in rec.text[s:e]


def test_19_welsh_bilingual_ncnd_any_other_information(recs: dict[str, LetterRecord]) -> None:
    rec = recs["19"]
    assert [(c.section, c.ncnd, c.scope) for c in rec.exemptions] == [
        ("24(2)", True, "covert-use"),
        ("31(3)", True, "covert-use"),
    ]
    assert rec.ncnd_covert is True  # "neither confirms nor denies ... any other information"
    assert rec.overt_only is True  # "All of the above relates to overt use only."
    assert len(rec.harm) == 2
    assert [(p.section, p.direction) for p in rec.public_interest] == [
        ("24", "favouring"),
        ("24", "against"),
        ("31", "favouring"),
        ("31", "against"),
    ]
    assert rec.balance is not None and rec.balance.outcome == "maintain-exemption"


def test_20_quoted_statute_yields_no_exemption(recs: dict[str, LetterRecord]) -> None:
    rec = recs["20"]
    assert rec.exemptions == []
    assert rec.ncnd == [] and rec.ncnd_covert is False
    assert rec.harm == [] and rec.public_interest == [] and rec.balance is None


def test_21_qualified_exemption_balance_favours_disclosure(recs: dict[str, LetterRecord]) -> None:
    rec = recs["21"]
    assert _ex(rec) == [("31(1)(a)", "Law Enforcement", False, None, ["4"])]
    assert [(p.section, p.direction) for p in rec.public_interest] == [
        ("31", "favouring"),
        ("31", "against"),
    ]
    assert rec.balance is not None and rec.balance.outcome == "disclose"


def test_22_ncnd_with_regard_to_covert_use(recs: dict[str, LetterRecord]) -> None:
    rec = recs["22"]
    assert [(c.section, c.title, c.ncnd, c.scope) for c in rec.exemptions] == [
        ("24(2)", "National Security", True, "covert-use"),
        ("31(3)", "Law Enforcement", True, "covert-use"),
    ]
    assert rec.ncnd_covert is True
    # Factor headings name no section and two qualified exemptions are cited: left open.
    assert [(p.section, p.direction) for p in rec.public_interest] == [
        (None, "favouring"),
        (None, "against"),
    ]
    assert rec.balance is not None and rec.balance.outcome == "maintain-exemption"
