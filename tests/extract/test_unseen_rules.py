"""Rule tests for general rules found missing on a blind held-out set: one short invented
letter (or sentence) per rule, for forces and wording other than that set's."""

from __future__ import annotations

import hashlib

import pytest

from kg.extract import extract_document
from kg.loaders import Document, normalise
from kg.model import LetterRecord


def extract(text: str) -> LetterRecord:
    text = normalise(text)
    sha = hashlib.sha256(text.encode()).hexdigest()
    rec = extract_document(Document("letter.txt", sha, "txt", text, "utf-8", []))
    assert not [w for w in rec.warnings if w.startswith("internal error")]
    return rec


def qa(rec: LetterRecord) -> list[tuple[list[str], str]]:
    return [(a.questions, a.kind) for a in rec.answers]


# ----------------------------------------------------------------------------- question numbers

ROMAN = """
Suffolk Constabulary
Our ref: SC-FOI-3310

Dear Requester

You asked:

(i) Does Suffolk Constabulary use live facial recognition?
(ii) If so, on how many days was it used in 2023?
(iii) Who supplied it?
(iv) Has the force used it covertly?

Response

(i) No.
(ii) Not applicable.
(iii) Not applicable.
(iv) No information is held.

Yours sincerely
"""


QUOTED = """
Civil Nuclear Constabulary
Our reference: CNC/FOI/24/118

12 March 2024

Dear Requester,

Thank you for your email of 14 February 2024 asking for the following:

"1. Does the Civil Nuclear Constabulary use facial recognition at any site?
2. If so, which sites?
3. Are there plans to introduce it?"

In response to question 1, I can confirm that the Constabulary does not use facial
recognition technology.

In response to question 2, this is not applicable.

In response to question 3, the Constabulary has no plans to introduce facial recognition.

Yours sincerely
"""


def test_roman_numerals_number_a_list_of_their_own() -> None:
    rec = extract(ROMAN)
    assert [(q.number, q.parent) for q in rec.questions] == [
        ("i", None), ("ii", None), ("iii", None), ("iv", None)]  # fmt: skip
    assert qa(rec) == [(["i"], "disclosed"), (["ii"], "not-applicable"),
                       (["iii"], "not-applicable"), (["iv"], "not-held")]  # fmt: skip


def test_roman_numerals_under_a_lettered_question_stay_nested() -> None:
    rec = extract(
        "Dear Requester\n\nYou asked:\n\n1. Does the force use facial recognition?\n"
        "a) If so, which kind:\n(i) live?\n(ii) retrospective?\n\nResponse\n\nNo.\n"
    )
    assert [q.number for q in rec.questions] == ["1", "1a", "1a(i)", "1a(ii)"]


def test_a_request_quoted_as_a_list_keeps_its_first_question() -> None:
    rec = extract(QUOTED)
    assert [q.number for q in rec.questions] == ["1", "2", "3"]
    assert rec.questions[0].text.startswith("Does the Civil Nuclear")
    assert rec.questions[2].text == "Are there plans to introduce it?"
    assert [a.questions for a in rec.answers] == [["1"], ["2"], ["3"]]


def test_a_quoted_subsection_of_the_act_is_no_answer() -> None:
    rec = extract(
        "Dyfed Police\n\nYou asked:\n\n1. List every image search since 2019.\n"
        "2. Give the offence for each.\n\nDecision\n\nThe cost of answering would exceed the "
        'appropriate limit under section 12(1), which states:\n\n"(1) Section 1(1) does not '
        'oblige a public authority to comply with a request."\n\nYours sincerely\n'
    )
    assert [a.questions for a in rec.answers] == [["1", "2"]]


# ----------------------------------------------------------------------------- providers

_HEAD = "Norfolk Constabulary\nOur ref: NC/22/118\n\nDear Sir\n\nResponse\n\n"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (  # "a product of X"
            "The force runs retrospective facial recognition searches with Videoscan Pro, a "
            "product of Acme Vision Ltd.",
            {("Acme Vision Ltd", "retrospective-facial-recognition")},
        ),
        (  # a product whose name says who makes it, no "supplied by"
            "The retrospective facial recognition software in use is NEC NeoFace Reveal.",
            {("NEC", "retrospective-facial-recognition")},
        ),
        (  # words between the verb and "by X"
            "The PND facial matching algorithm is licensed to the Home Office by Cognitec.",
            {("Cognitec", "pnd-facial-search")},
        ),
        (  # the force that uses a system is not its supplier
            "The live facial recognition system used by the Constabulary is provided by "
            "Acme Vision Ltd.",
            {("Acme Vision Ltd", "live-facial-recognition")},
        ),
        (  # a "Supplier" column of a table
            "Live facial recognition spending:\n\nYear | Supplier | Amount\n"
            "2022/23 | Acme Vision Ltd | £12,000\n2023/24 | Acme Vision Ltd | £4,000\n",
            {("Acme Vision Ltd", "live-facial-recognition")},
        ),
    ],
)
def test_supplier_wordings(body: str, expected: set[tuple[str, str]]) -> None:
    rec = extract(_HEAD + body + "\n\nYours sincerely\n")
    assert {(p.name, p.technology) for p in rec.providers} == expected


def test_a_product_named_only_in_a_neither_confirm_nor_deny_is_no_supplier() -> None:
    rec = extract(
        _HEAD + "The force can neither confirm nor deny whether it uses NeoFace software.\n"
    )
    assert rec.providers == []


# ----------------------------------------------------------------------------- technology status

LFR, RFR, PND, FR = (
    "live-facial-recognition",
    "retrospective-facial-recognition",
    "pnd-facial-search",
    "facial-recognition",
)


def statuses(body: str) -> set[tuple[str, str]]:
    rec = extract(_HEAD + body + "\n\nYours sincerely\n")
    return {(u.technology, u.status) for u in rec.technologies}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (  # searches the force runs are a use
            "Norfolk Constabulary conducts retrospective facial recognition searches of custody "
            "images every week.",
            {(RFR, "in-use")},
        ),
        (  # a capability available to staff is in use
            "Facial searching of the PND is available to all investigators in the force.",
            {(PND, "in-use")},
        ),
        (  # trial deployments, however many
            "Norfolk Constabulary held three trial deployments of live facial recognition in "
            "Norwich.",
            {(LFR, "trialled")},
        ),
        (  # more deployments planned
            "The force is planning additional live facial recognition deployments next summer.",
            {(LFR, "planned")},
        ),
        (  # kinds listed before one "facial recognition"
            "Norfolk Constabulary does not operate retrospective or live facial recognition.",
            {(LFR, "not-in-use"), (RFR, "not-in-use")},
        ),
        (  # buying nothing from suppliers is about procurement, not use
            "The force has not bought any facial recognition software and holds no contract "
            "with a supplier of it. Officers use the facial search function of the Police "
            "National Database.",
            {(PND, "in-use")},
        ),
    ],
)
def test_status_wordings(body: str, expected: set[tuple[str, str]]) -> None:
    assert statuses(body) == expected


def test_not_using_in_one_past_year_is_past_tense() -> None:
    rec = extract(
        _HEAD + "The force did not deploy live facial recognition in 2023. It trialled live "
        "facial recognition in 2022.\n"
    )
    got = {(u.technology, u.status, u.tense) for u in rec.technologies}
    assert (LFR, "not-in-use", "past") in got
    assert (LFR, "not-in-use", "current") not in got


# ----------------------------------------------------------------------------- letter details


@pytest.mark.parametrize(
    ("label", "iso"),
    [
        ("Reply issued: 03/02/2023", "2023-02-03"),
        ("Response sent on: 7 March 2022", "2022-03-07"),
        ("Letter dated: 12 April 2021", "2021-04-12"),
    ],
)
def test_response_date_labels(label: str, iso: str) -> None:
    rec = extract(
        f"Surrey Police\nRequest received: 02/01/2021\n{label}\n\nDear Sir\n\nYou asked:\n\n"
        "1. Does the force use live facial recognition?\n\nResponse\n\n1. No.\n"
    )
    assert rec.response_date == iso


@pytest.mark.parametrize(
    ("sentence", "ref"),
    [
        ("Our reference is SP-2291-22.", "SP-2291-22"),
        ("The reference for this request is 4471/22.", "4471/22"),
    ],
)
def test_a_reference_given_in_a_sentence(sentence: str, ref: str) -> None:
    rec = extract(f"Surrey Police\n\nDear Sir\n\nThank you for your email. {sentence}\n\nNo.\n")
    assert rec.reference == ref


def test_the_requesters_reference_in_a_sentence_is_not_ours() -> None:
    rec = extract("Surrey Police\n\nDear Sir\n\nYour reference is AB-1234-22.\n\nNo.\n")
    assert rec.reference is None


# ----------------------------------------------------------------------------- threat, overt only


@pytest.mark.parametrize(
    ("sentence", "level"),
    [
        (
            "The UK threat level from terrorism was lowered to SUBSTANTIAL in February 2022, "
            "which means an attack is likely.",
            "substantial",
        ),
        (
            "The threat level was raised to critical in May 2017, meaning an attack was expected.",
            None,
        ),
        (
            "The threat level has been raised to critical twice, meaning an attack is expected.",
            None,
        ),
    ],
)
def test_a_change_glossed_in_the_present_is_the_current_level(
    sentence: str, level: str | None
) -> None:
    rec = extract(_HEAD + "Harm\n\n" + sentence + "\n")
    assert (rec.threat_level.level if rec.threat_level else None) == level


@pytest.mark.parametrize(
    "sentence",
    [
        "This reply is limited to the overt use of facial recognition.",
        "Our answers are restricted to overt deployments.",
    ],
)
def test_overt_only_wordings(sentence: str) -> None:
    rec = extract(_HEAD + "The force does not use live facial recognition. " + sentence + "\n")
    assert rec.overt_only


# ----------------------------------------------------------------------------- published, FOISA


def test_a_website_named_for_its_owner_is_published_elsewhere() -> None:
    from kg.extract.answers import classify

    assert classify("The policy is already available on the Cumbria Constabulary website.") == (
        "published-elsewhere"
    )


def test_section_25_counts_only_under_the_scottish_act() -> None:
    body = "2. Section 25 of the Act applies to this part of your request.\n"
    foia = extract(_HEAD + "1. No.\n" + body)
    assert [c.section for c in foia.exemptions] == []
    foisa = extract(
        _HEAD.replace("Response", "FREEDOM OF INFORMATION (SCOTLAND) ACT 2002\n\nResponse")
        + "1. No.\n"
        + body
    )
    assert [c.section for c in foisa.exemptions] == ["25"]


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        (
            "The force does not hold any live facial recognition equipment. Officers can "
            "search custody images on the PND.",
            "disclosed",
        ),
        ("The force does not hold any information about this.", "not-held"),
        ("The force does not hold records of the searches.", "not-held"),
    ],
)
def test_not_holding_equipment_is_no_not_held_answer(body: str, kind: str) -> None:
    from kg.extract.answers import classify

    assert classify(body) == kind


def test_a_date_line_after_a_question_is_no_bare_number_item() -> None:
    rec = extract(
        "Dear Requester\n\nYou asked:\n\n1. When was live facial recognition used?\n"
        "2 September 2023 was the only date.\n\nYours sincerely\n"
    )
    assert [q.number for q in rec.questions] == ["1"]


def test_making_no_searches_is_no_use() -> None:
    assert (RFR, "in-use") not in statuses(
        "The force makes no retrospective facial recognition searches."
    )


def test_money_takes_the_one_technology_its_answer_names() -> None:
    rec = extract(
        "Dear Requester\n\nYou asked:\n\n1. Which facial recognition do you use?\n"
        "2. What did the software cost?\n\nResponse\n\n1. Officers use live facial recognition "
        "and the PND facial search function of the Police National Database.\n\n2. The "
        "licence cost £8,400 in 2023/24. It covers retrospective facial recognition on "
        "laptops.\n\nYours sincerely\n"
    )
    assert [(x.amount, x.technology) for x in rec.expenditure] == [
        (8400.0, "retrospective-facial-recognition")
    ]
