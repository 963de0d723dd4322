"""Statements of use versus clauses that assert nothing: "whether" / "if" clauses, the
requester's question cells of a table, and procurement (contracts, suppliers) which says
nothing of use. General rules on short snippets; see ``kg.extract.technology``."""

from __future__ import annotations

import pytest

from kg.extract import facts, legal
from kg.extract.textspans import question_cells, requester_spans
from kg.model import LetterRecord, Question

LFR = "live-facial-recognition"
RFR = "retrospective-facial-recognition"
FR = "facial-recognition"


def statuses(text: str) -> set[tuple[str, str]]:
    rec = LetterRecord(source="snippet", sha256="", format="txt", text=text)
    legal.fill(text, rec, (0, len(text)))
    facts.fill(text, rec, (0, len(text)))
    return {(u.technology, u.status) for u in rec.technologies}


@pytest.mark.parametrize(
    "text",
    [
        "To confirm or deny whether the force uses covert tactics such as facial recognition "
        "would harm its ability to prevent and detect crime.",
        "You may wish to submit a refined request, for example asking whether the force uses "
        "facial recognition software at all, which we would be happy to consider.",
        "To confirm or deny whether facial recognition has been used at any railway station, or "
        "whether images have been shared, would reveal operational capability.",
        "You asked if the force has deployed live facial recognition at football matches.",
        "Disclosure of whether officers are using facial recognition could assist offenders.",
    ],
)
def test_whether_and_if_clauses_assert_no_use(text: str) -> None:
    assert statuses(text) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The whether clause ends at a semicolon, a modal, or a new main clause.
        (
            "You asked whether the force uses live facial recognition; the force does not use "
            "live facial recognition.",
            {(LFR, "not-in-use")},
        ),
        (
            "You asked whether we use live facial recognition, and Kent Police uses it at major "
            "events.",
            {(LFR, "in-use")},
        ),
        # An "if" clause ends at its comma: the main clause after it states the use.
        (
            "If you need more information, please note that the force uses live facial "
            "recognition at major events.",
            {(LFR, "in-use")},
        ),
        # "if so", "if necessary" open no hypothetical clause.
        ("If so, the force uses retrospective facial recognition.", {(RFR, "in-use")}),
        (
            "Where appropriate, and if necessary, officers use retrospective facial recognition.",
            {(RFR, "in-use")},
        ),
    ],
)
def test_statements_after_a_whether_clause_still_count(
    text: str, expected: set[tuple[str, str]]
) -> None:
    assert statuses(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Leicestershire Police has no contract with any supplier of facial recognition.",
        "The force does not have a contract for live facial recognition.",
        "The force has no budget for facial recognition.",
        "We don't have any supplier of facial recognition software.",
    ],
)
def test_contracts_and_suppliers_are_no_statement_of_non_use(text: str) -> None:
    assert statuses(text) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The force has no live facial recognition capability.", {(LFR, "not-in-use")}),
        ("No live facial recognition was purchased.", {(LFR, "not-in-use")}),
        (
            "Kent Police has not purchased or licensed any facial recognition software.",
            {(FR, "not-in-use")},
        ),
    ],
)
def test_lacking_the_technology_itself_is_non_use(
    text: str, expected: set[tuple[str, str]]
) -> None:
    assert statuses(text) == expected


def test_question_and_answer_in_one_table_row() -> None:
    text = (
        "| Question | Response |\n"
        "|---|---|\n"
        "| 1. Use of live facial recognition by the force | No. The force does not use live "
        "facial recognition. |\n"
        "| 2. Any plans to introduce retrospective facial recognition | The force uses "
        "retrospective facial recognition. |\n"
    )
    # The question cells (no "?") say "use of" and "plans to introduce": neither is a status.
    assert statuses(text) == {(LFR, "not-in-use"), (RFR, "in-use")}


def test_question_cells_without_a_header() -> None:
    text = (
        "Does X use LFR? | No. X does not use LFR.\n"
        "Any plans to introduce LFR | There are no plans to introduce LFR.\n"
        "Date | 4 May 2021\n"
    )
    cells = [text[a:b] for a, b in question_cells(text, (0, len(text)))]
    assert cells == ["Does X use LFR?", "Any plans to introduce LFR"]
    assert statuses(text) == {(LFR, "not-in-use"), (LFR, "no-plans")}


@pytest.mark.parametrize("heading", ["Response", "Ymateb / Response", "Our response:", "ANSWERS"])
def test_request_block_ends_at_a_response_heading(heading: str) -> None:
    text = (
        "You asked:\n\n1. Does the force use live facial recognition?\n\n"
        f"{heading}\n\n1. The force does not use live facial recognition.\n"
    )
    rec = LetterRecord(source="snippet", sha256="", format="txt", text=text)
    q = "Does the force use live facial recognition?"
    rec.questions = [Question(span=(text.index(q), text.index(q) + len(q)), number="1", text=q)]
    # A request block recorded past the response heading (the answers were not found).
    rec.field_spans["request_text"] = (text.index("1."), len(text))
    req = requester_spans(rec)[-1]
    assert text[req[0] : req[1]] == "1. Does the force use live facial recognition?"
    facts.fill(text, rec, (0, len(text)))
    assert {(u.technology, u.status) for u in rec.technologies} == {(LFR, "not-in-use")}


def facts_of(text: str) -> LetterRecord:
    rec = LetterRecord(source="snippet", sha256="", format="txt", text=text)
    legal.fill(text, rec, (0, len(text)))
    facts.fill(text, rec, (0, len(text)))
    return rec


@pytest.mark.parametrize(
    "text",
    [
        "To confirm or deny whether the force's facial recognition software is supplied by NEC "
        "would reveal capability.",
        "You asked whether the force spent £50,000 on live facial recognition in 2021/22.",
        "Question | Response\n1. Was LFR supplied by NEC at a cost of £20,000 in 2020/21 | No "
        "information held.\n",
    ],
)
def test_no_provider_or_money_from_a_whether_clause_or_a_question_cell(text: str) -> None:
    rec = facts_of(text)
    assert (rec.providers, rec.expenditure) == ([], [])


def test_provider_and_money_in_the_answer_cell_still_count() -> None:
    rec = facts_of(
        "Question | Response\n1. Who supplies your LFR system? | The LFR system is supplied by "
        "NEC. The force spent £20,000 on it in 2020/21.\n"
    )
    assert [(p.name, p.technology) for p in rec.providers] == [("NEC", LFR)]
    assert [(x.amount, x.financial_year) for x in rec.expenditure] == [(20000.0, "2020/21")]


def test_confirming_or_denying_that_asserts_no_use() -> None:
    text = (
        "Confirming or denying that covert facial recognition is used would assist those who "
        "seek to evade detection."
    )
    assert statuses(text) == set()


def test_no_purchase_from_a_supplier_is_no_statement_of_non_use() -> None:
    text = (
        "No. The force has not purchased facial recognition software from any commercial supplier."
    )
    assert statuses(text) == set()
    # Without the supplier the force says it has not got the software at all.
    assert statuses("The force has not purchased any facial recognition software.") == {
        (FR, "not-in-use")
    }


def test_a_possessive_needs_a_product_to_name_a_provider() -> None:
    rec = facts_of(
        "Following the report of the Scottish Parliament's Justice Sub-Committee on Policing, "
        "the force confirmed that it has no plans to introduce live facial recognition."
    )
    assert rec.providers == []
    rec = facts_of("The force uses NEC's NeoFace software for retrospective facial recognition.")
    assert [p.name for p in rec.providers] == ["NEC"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The force is assessing operator initiated facial recognition and a small pilot is "
            "planned for later in 2023.",
            {("operator-initiated-facial-recognition", "planned")},
        ),
        ("A DPIA for the planned OIFR pilot has been drafted.", set()),
        (
            "Gloucestershire Constabulary trialled live facial recognition in 2019.",
            {(LFR, "trialled")},
        ),
        (
            "PSNI officers can search custody images held on the Police National Database using "
            "its facial search facility.",
            {("pnd-facial-search", "in-use")},
        ),
        ("Criminals can use facial recognition to evade detection.", set()),
    ],
)
def test_planned_pilots_simple_past_trials_and_can_search(
    text: str, expected: set[tuple[str, str]]
) -> None:
    assert statuses(text) == expected


def test_once_the_pilot_is_approved_is_no_trial() -> None:
    text = (
        "The draft will be published once the operator initiated facial recognition pilot is "
        "approved."
    )
    assert statuses(text) == set()
