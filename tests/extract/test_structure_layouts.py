"""Rule tests for question and answer layouts: one short letter, written for the rule, per
layout (interleaved prose answers, grouped labels, bilingual headings, quoted statute, notes
about the whole request), plus references with letter prefixes and answer-kind corner cases."""

from __future__ import annotations

import hashlib

import pytest

from kg.extract import extract_document
from kg.extract.answers import classify
from kg.extract.questions import group_numbers
from kg.extract.reference import find as find_reference
from kg.loaders import Document, normalise
from kg.model import LetterRecord


def extract(text: str) -> LetterRecord:
    text = normalise(text)
    sha = hashlib.sha256(text.encode()).hexdigest()
    rec = extract_document(Document("letter.txt", sha, "txt", text, "utf-8", []))
    assert not [w for w in rec.warnings if w.startswith("internal error")]
    return rec


def numbers(rec: LetterRecord) -> list[str]:
    return [q.number for q in rec.questions]


def groups(rec: LetterRecord) -> list[list[str]]:
    return [a.questions for a in rec.answers]


# ----------------------------------------------------------------------------- 1. prose answers

INTERLEAVED_PROSE = """Wessex Constabulary
Our ref: 123/24

Dear Requester

Thank you for your request. Please find our response to each question below.

1. Does Wessex Constabulary currently use live facial recognition?
Wessex Constabulary does not currently use live facial recognition.

2. Does Wessex Constabulary use retrospective facial recognition?
Wessex Constabulary uses the facial search function of the Police National Database.

3. Has Wessex Constabulary been asked to carry out searches for other bodies?
In relation to question 3 only, Wessex Constabulary neither confirms nor denies that it \
holds any information, by virtue of Section 23(5).

Yours sincerely
"""


def test_a_prose_paragraph_under_a_question_is_its_answer() -> None:
    rec = extract(INTERLEAVED_PROSE)
    assert numbers(rec) == ["1", "2", "3"]
    assert groups(rec) == [["1"], ["2"], ["3"]]
    assert rec.answers[1].text.startswith("Wessex Constabulary uses the facial search")
    assert rec.answers[2].kind == "ncnd"
    # The answers are not read as more question text.
    assert "does not currently use" not in rec.questions[0].text


QUESTION_LABEL_PROSE = """Wessex Constabulary
Our Ref: FOI/24/0001

Dear Requester

Thank you for your email. Our response is below.

Question 1: Does Wessex Constabulary use live facial recognition?

Yes. Wessex Constabulary has used overt live facial recognition since 2023.

Question 2: For each deployment please give the date and the number of arrests.

Wessex Constabulary carried out two deployments in that period. The figures were as follows:

03/10/2023 - 2 arrests
21/11/2023 - 1 arrest

Question 3: Please provide the names of the authorising officers.

The names of officers are exempt under s.40(2) of the Act (personal information).

Yours sincerely
"""


def test_question_label_then_prose_answer_and_as_follows_inside_an_answer() -> None:
    """'as follows:' inside an answer does not start a request section after it (which lost
    every question above it), and an answer runs on to the next question."""
    rec = extract(QUESTION_LABEL_PROSE)
    assert numbers(rec) == ["1", "2", "3"]
    assert groups(rec) == [["1"], ["2"], ["3"]]
    assert "21/11/2023" in rec.answers[1].text
    assert rec.answers[2].kind == "refused-exempt"


def test_a_paragraph_after_a_list_of_questions_answers_them_all() -> None:
    rec = extract(
        "Wessex Police\n\nI refer to your request, in which you asked:\n\n"
        "1) Does Wessex Police use facial recognition at football matches?\n"
        "2) How many people have been identified?\n\n"
        "Wessex Police does not use facial recognition technology and so holds no "
        "information about people identified by it.\n\nYours sincerely\n"
    )
    assert groups(rec) == [["1", "2"]]


def test_a_line_that_goes_on_asking_is_not_an_answer() -> None:
    rec = extract(
        "Wessex Police\n\nPlease find our response below.\n\n"
        "1. Does Wessex Police use live facial recognition?\n"
        "If so, please state where it has been deployed.\n"
        "No. Wessex Police does not use live facial recognition.\n\n"
        "2. Does Wessex Police use retrospective facial recognition?\n"
        "Yes, through the Police National Database.\n\nYours sincerely\n"
    )
    assert numbers(rec) == ["1", "2"]
    assert "If so" in rec.questions[0].text
    assert rec.answers[0].text.startswith("No.")


# ----------------------------------------------------------------------------- 2. references


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Our ref: LP 004512/21\n", "LP 004512/21"),
        ("Our reference: HC/003456/23\n", "HC/003456/23"),
        ("Reference: SP-FOI-17-0873\n", "SP-FOI-17-0873"),
        ("FOI Reference: DC FOI 1034/22\n", "DC FOI 1034/22"),
        ("Request number: DC FOI 1034/22 dated 3 May 2022\n", "DC FOI 1034/22"),
        ("Reference No: 2019-0987 regarding facial recognition", "2019-0987"),
        ("Our Ref: CR_2021/77  Date: 1 May 2021", "CR_2021/77"),
        ("Your ref: 123/45 Our ref: 777/88", "777/88"),
    ],
)
def test_reference_keeps_its_letter_prefix_and_stops_at_prose(text: str, expected: str) -> None:
    hit = find_reference(text, (0, len(text)))
    assert hit is not None and hit[0] == expected


# ----------------------------------------------------------------------------- 3. Welsh headings

BILINGUAL = """Heddlu Dyfed-Powys Police

Cyfeirnod / Reference: 2022/0001

Cais / Request

1. Does the force use live facial recognition?
2. How much has the force spent on facial recognition since 2017?

Ymateb / Response

1. The force does not use live facial recognition.

2. The force has not spent any money on facial recognition. No information held.

Yn gywir / Yours sincerely
"""


def test_welsh_english_headings_split_on_the_slash() -> None:
    rec = extract(BILINGUAL)
    assert numbers(rec) == ["1", "2"]
    assert groups(rec) == [["1"], ["2"]]
    assert rec.answers[1].kind == "not-held"
    assert not any("Ymateb" in a.text for a in rec.answers)


def test_a_title_above_the_sentence_that_introduces_the_request() -> None:
    rec = extract(
        "Wessex Police\n\nCais am Wybodaeth / Request for Information\n\n"
        "Thank you for your request in which you asked whether Wessex Police uses facial "
        "recognition software.\n\nResponse\n\nWessex Police does not use facial recognition "
        "software.\n\nYours sincerely\n"
    )
    assert len(rec.questions) == 1
    assert rec.questions[0].text.startswith("whether Wessex Police uses")


# ----------------------------------------------------------------------------- 4. group labels


@pytest.mark.parametrize(
    "label",
    [
        "Questions 2 to 4:",
        "Questions 2 - 4:",
        "Questions 2-4:",
        "Questions 2, 3 and 4:",
        "Q2 to Q4:",
    ],
)
def test_plural_group_labels_answer_each_question(label: str) -> None:
    rec = extract(
        "Wessex Police\n\nYou asked:\n\n1. Has the force bought facial recognition software?\n"
        "2. If yes, please name the supplier.\n3. If yes, please give the contract value.\n"
        "4. If yes, please give the contract dates.\n5. Does the force use the PND?\n\n"
        "Response\n\nQuestion 1:\nThe force has not bought any facial recognition software.\n\n"
        f"{label}\nNot applicable, as no such software has been bought.\n\n"
        "Question 5:\nYes. The force uses the Police National Database.\n\nYours sincerely\n"
    )
    assert numbers(rec) == ["1", "2", "3", "4", "5"]
    assert groups(rec) == [["1"], ["2", "3", "4"], ["5"]]
    assert [a.kind for a in rec.answers] == ["disclosed", "not-applicable", "disclosed"]


def test_a_plural_label_in_prose_is_no_group() -> None:
    """'Questions 1-6 relate to ...' introduces questions; it is not question 1."""
    rec = extract(
        "Wessex Police\n\nYou asked:\n\nQuestions 1-2 relate to 2022.\n"
        "Q1. Has the force deployed LFR?\nQ2. How many times?\n\nResponse\n\n"
        "Q1 response: No.\nQ2 response: Not applicable.\n"
    )
    assert numbers(rec) == ["Q1", "Q2"]
    assert rec.questions[0].text == "Has the force deployed LFR?"


@pytest.mark.parametrize(
    ("group", "expected"),
    [
        ("Q2 & Q3", ["Q2", "Q3"]),
        ("2 to 4", ["2", "3", "4"]),
        ("2, 3 and 4", ["2", "3", "4"]),
        ("Q2-Q4", ["Q2", "Q3", "Q4"]),
        ("5 to 6b", ["5", "6b"]),
    ],
)
def test_group_numbers(group: str, expected: list[str]) -> None:
    assert group_numbers(group) == expected


# ----------------------------------------------------------------------------- 5. kinds


def test_cost_refusal_with_advice_to_narrow_stays_refused_cost() -> None:
    body = (
        "I am afraid we are unable to comply with your request, as locating the information "
        "would exceed the appropriate limit of 18 hours. You may wish to submit a refined "
        "request, for example asking whether the force uses facial recognition software at "
        "all, which we would be happy to consider."
    )
    assert classify(body) == "refused-cost"
    assert classify(body.replace("submit a refined request", "narrow your request")) == (
        "refused-cost"
    )


def test_a_closing_pointer_to_more_information_is_no_published_answer() -> None:
    assert (
        classify(
            "Wessex Police does not use retrospective facial recognition. More information "
            "about LFR in Wessex is published at https://www.wessex.police.uk/lfr"
        )
        == "disclosed"
    )
    # An answer that itself points to the publication is published-elsewhere.
    assert (
        classify("The impact assessment is published at https://www.wessex.police.uk/dpia")
        == "published-elsewhere"
    )


# ----------------------------------------------------------------------------- 6. Q2 & Q3


def test_a_label_naming_two_questions_is_two_questions_sharing_the_text() -> None:
    rec = extract(
        "Wessex Police\n\nThe response is as follows:\n\n"
        "Q1. Does Wessex Police use live facial recognition?\n"
        "No. Wessex Police does not use live facial recognition.\n\n"
        "Q2 & Q3. Which supplier provides the system, and how much was spent?\n"
        "Not applicable, as the force does not use live facial recognition.\n\n"
        "Q4. Does Wessex Police use any other form of facial recognition?\n"
        "Wessex Police uses the facial search facility of the PND.\n\nYours sincerely\n"
    )
    assert numbers(rec) == ["Q1", "Q2", "Q3", "Q4"]
    q2, q3 = rec.questions[1], rec.questions[2]
    assert q2.text == q3.text and q2.text.startswith("Which supplier")
    assert groups(rec) == [["Q1"], ["Q2", "Q3"], ["Q4"]]
    assert rec.answers[1].kind == "not-applicable"


# ----------------------------------------------------------------------------- 7. statute quotes


def test_clauses_quoted_from_the_act_are_not_sub_questions() -> None:
    rec = extract(
        "Wessex Police\n\nThank you for your request in which you asked for the following "
        "information:\n\nQ1. Has the force used facial recognition?\n"
        "Q2. Please provide the names of the authorising officers.\n\n"
        "Section 1(1) of the Freedom of Information Act 2000 states that:\n\n"
        '"Any person making a request for information to a public authority is entitled -\n'
        "(a) to be informed in writing by the public authority whether it holds information "
        "of the description specified in the request, and\n"
        '(b) if that is the case, to have that information communicated to him."\n\n'
        "Our response is as follows.\n\nQ1 response: Yes.\n\nQ2 response: The names are exempt "
        "under s.40(2).\n"
    )
    assert numbers(rec) == ["Q1", "Q2"]
    assert groups(rec) == [["Q1"], ["Q2"]]


def test_lettered_sub_questions_outside_quotes_stay_questions() -> None:
    rec = extract(
        "Wessex Police\n\nYou asked:\n\n1. Does the force use facial recognition?\n"
        "a) live facial recognition\nb) retrospective facial recognition\n"
        "2. How much was spent?\n\nResponse\n\nNo information held.\n"
    )
    assert numbers(rec) == ["1", "1a", "1b", "2"]


# ----------------------------------------------------------------------------- 8. legal notes

NCND_AFTER_LAST = """Wessex Police

You asked:

1. Has the force bought facial recognition software?
2. How many PND facial searches did the force make in 2020?

Response

Question 1:
The force has not bought any facial recognition software.

Question 2:
The force made 1,412 facial searches of the PND in 2020.

Please note that the above relates to overt use only. Wessex Police can neither confirm nor \
deny that it holds any other information about the covert use of facial recognition, by virtue \
of Section 24(2) National Security.

Yours sincerely
"""


def test_an_answer_ends_where_a_note_about_the_whole_request_starts() -> None:
    rec = extract(NCND_AFTER_LAST)
    assert groups(rec) == [["1"], ["2"]]
    assert rec.answers[1].text == "The force made 1,412 facial searches of the PND in 2020."


def test_an_ncnd_naming_the_answers_question_stays_in_it() -> None:
    rec = extract(
        NCND_AFTER_LAST.replace(
            "Please note that the above relates to overt use only. Wessex Police can neither "
            "confirm nor deny that it holds any other information about the covert use",
            "In addition, Wessex Police can neither confirm nor deny that it holds any other "
            "information relevant to question 2 about the covert use",
        )
    )
    assert "question 2" in rec.answers[1].text


def test_an_answer_ends_at_a_section_heading() -> None:
    rec = extract(
        "Wessex Police\n\nYou asked:\n\n1. Does the force use LFR?\n2. Who supplies it?\n\n"
        "Response\n\n1. No.\n\n2. Not applicable.\n\nSection 24\n\nThe force relies on "
        "section 24 for any other information held.\n"
    )
    assert rec.answers[-1].text == "Not applicable."


# ----------------------------------------------------------------------------- 9. next question


def test_a_labelled_answer_does_not_swallow_the_next_question() -> None:
    rec = extract(
        "Wessex Police\n\nYour questions and our answers are set out below.\n\n"
        "Q1. Does Wessex Police use retrospective facial recognition?\n"
        "Q1 response: Yes. Wessex Police searches custody images on the PND.\n\n"
        "Q2. How many searches were carried out in 2021?\n"
        "Q2 response: 1,482 searches were carried out in 2021.\n\nYours sincerely\n"
    )
    assert groups(rec) == [["Q1"], ["Q2"]]
    assert "Q2." not in rec.answers[0].text
    assert rec.answers[0].text.endswith("on the PND.")
