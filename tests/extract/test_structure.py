"""Unit tests of the structure rules on short letters written for each rule."""

from __future__ import annotations

import hashlib

import pytest

from kg.extract import extract_document
from kg.extract.answers import classify, expand
from kg.extract.dates import fill as fill_dates
from kg.extract.force import resolve
from kg.extract.reference import find as find_reference
from kg.extract.segment import segment
from kg.loaders import Document, normalise
from kg.model import LetterRecord, Question


def doc(text: str, source: str = "letter.txt") -> Document:
    text = normalise(text)
    return Document(source, hashlib.sha256(text.encode()).hexdigest(), "txt", text, "utf-8", [])


def extract(text: str) -> LetterRecord:
    rec = extract_document(doc(text))
    assert not [w for w in rec.warnings if w.startswith("internal error")]
    return rec


def force_of(text: str) -> str | None:
    text = normalise(text)
    ref = resolve(text, (0, len(text)))
    return ref.id if ref else None


# ----------------------------------------------------------------------------- force


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Heddlu Police\n\nDYFED-POWYS\n\nNo information is held by Dyfed-Powys Police.",
            "dyfed-powys-police",
        ),
        (
            "Heddlu De Cymru can neither confirm nor deny that it holds information.",
            "south-wales-police",
        ),
        ("Avon and Somerset Constabulary uses the PND.", "avon-and-somerset-police"),
        ("Norfolk and Suffolk Constabularies do not use this technology.", "norfolk-constabulary"),
        ("The MPS deployed LFR twice in 2022.", "metropolitan-police-service"),
        ("Information held by Cleveland Police is set out below.", "cleveland-police"),
        ("Devon & Cornwall Police does not use facial recognition.", "devon-and-cornwall-police"),
    ],
)
def test_force_names_and_variants(text: str, expected: str) -> None:
    assert force_of(text) == expected


def test_force_subject_beats_letterhead_address() -> None:
    text = (
        "Information Rights\nBedfordshire Police Headquarters,\nWoburn Road, Kempston, MK43 9AX\n\n"
        "Cambridgeshire Constabulary is not currently using facial recognition.\n\n"
        "Yours sincerely\n\nCambridgeshire Constabulary provides you the right to request a review."
    )
    assert force_of(text) == "cambridgeshire-constabulary"


def test_force_in_questions_counts_less_than_answers() -> None:
    text = (
        "Request\n\n1. Has Surrey Police shared images with Sussex Police?\n\n"
        "Response\n\nSussex Police does not hold this information."
    )
    rec = extract(text)
    assert rec.force is not None and rec.force.id == "sussex-police"


def test_force_only_in_questions_still_decides() -> None:
    rec = extract("Request\n\n1. Has Warwickshire Police deployed LFR?\n\nResponse\n\nNo.")
    assert rec.force is not None and rec.force.id == "warwickshire-police"


@pytest.mark.parametrize(
    "text",
    [
        "We were asked about the shops on Kent Road and the Essex County Council contract.",
        "The request was about facial recognition in shopping centres.",
        "",
    ],
)
def test_no_force_without_a_force_name(text: str) -> None:
    assert force_of(text) is None


def test_force_never_from_file_name() -> None:
    rec = extract_document(doc("No information is held.", source="kent_police_letter.txt"))
    assert rec.force is None


# ----------------------------------------------------------------------------- reference


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FOI Reference: 1022/2019\n", "1022/2019"),
        ("Facial Recognition (13457_18)\n\nRequest", "13457_18"),
        ("Reference: 992/20\n", "992/20"),
        ("Our Ref: FOI2017/01696\n", "FOI2017/01696"),
        ("FREEDOM OF INFORMATION REQUEST REFERENCE NO: 208-2023\n", "208-2023"),
        ("Please quote FOI 000880/20 in any reply.", "FOI 000880/20"),
        ("Request ID: 2021-123\n", "2021-123"),
        ("Reference No: 01/FOI/22/023456\n", "01/FOI/22/023456"),
        ("Case number: CAS-12345-X7Y8\n", "CAS-12345-X7Y8"),
        ("Our Ref: IM-FOI-2021-1234\nDate", "IM-FOI-2021-1234"),
        ("Ref: F/2020/01287\n", "F/2020/01287"),
    ],
)
def test_reference_forms(text: str, expected: str) -> None:
    hit = find_reference(text, (0, len(text)))
    assert hit is not None and hit[0] == expected
    s, e = hit[1]
    assert text[s:e] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Telephone: 01234 842547\nBedford, MK43 9AX",
        "Date: 01/02/2019",
        "by virtue of Section 1(1)(a) of the Act",
        "Your ref: ABC/123\nwith reference to your request of 5 May 2020",
        "Reference: 2019",
        "I am required to complete a test on disclosure for Section 24.",
    ],
)
def test_reference_not_phone_postcode_section_date(text: str) -> None:
    assert find_reference(text, (0, len(text))) is None


# ----------------------------------------------------------------------------- dates


def _dates(text: str) -> tuple[str | None, str | None]:
    rec = LetterRecord(source="x", sha256="", format="txt", text=text)
    fill_dates(text, rec, (0, len(text)))
    return rec.request_date, rec.response_date


@pytest.mark.parametrize(
    ("text", "req", "resp"),
    [
        (
            "15th January 2018\n\nYour request received on 13th December.",
            "2017-12-13",
            "2018-01-15",
        ),
        (
            "Date: 01/02/2019\n\nThank you for your request dated 7 January 2019.",
            "2019-01-07",
            "2019-02-01",
        ),
        ("Date of request: 5 October 2020\nReference: 992/20", "2020-10-05", None),
        ("Date: March 5, 2022\n\nreceived on 4 February 2022", "2022-02-04", "2022-03-05"),
        ("Monday 2nd March 2021\n\nYour request of 3rd February 2021", "2021-02-03", "2021-03-02"),
        ("Response date: 2022-07-11\nDate of request: 14/06/22", "2022-06-14", "2022-07-11"),
        ("Your request received on 13th December.", None, None),  # no anchor: no year
        ("We deployed on 31 February 2020.", None, None),  # not a date
        ("No dates at all.", None, None),
    ],
)
def test_dates(text: str, req: str | None, resp: str | None) -> None:
    assert _dates(text) == (req, resp)


def test_year_inferred_on_same_day_is_same_year() -> None:
    text = "Date: 13 December 2019\n\nYour request received on 13th December."
    assert _dates(text) == ("2019-12-13", "2019-12-13")


# ----------------------------------------------------------------------------- segment


def test_segment_drops_web_furniture() -> None:
    text = normalise(
        "Leave site\nSkip to content\nWe use cookies to make this site work.\n\n"
        "Facial recognition\n\nRequest\n\nDo you use LFR?\n\nResponse\n\nNo.\n\n"
        "Page feedback\nWas this page useful? *\nYes\nNo"
    )
    s, e = segment(text).region
    assert text[s:e].startswith("Facial recognition")
    assert text[s:e].endswith("No.")


def test_segment_drops_quoted_messages() -> None:
    text = normalise(
        "Dear Ms Roe\n\nPlease find below our response. No information is held by Kent Police.\n\n"
        "Yours sincerely\nKent Police\n\n-----Original Message-----\nFrom: Ann Roe\n"
        "Sent: 1 May 2020 10:00\nTo: FOI\n\nDear Kent Police, I would like to request...\n"
        "Yours faithfully\nAnn Roe"
    )
    s, e = segment(text).region
    assert "Original Message" not in text[s:e]
    assert "I would like to request" not in text[s:e]


def test_segment_skips_interim_letter() -> None:
    text = normalise(
        "Dear Mr Cole\n\nWe acknowledge receipt of your request and will respond within 20 working "
        "days.\n\nYours sincerely\n\nFOI Team\n\n"
        "Dear Mr Cole\n\nResponse:\n\nNo information is held.\n\nYours sincerely\n\nFOI Team"
    )
    seg = segment(text)
    s, e = seg.region
    assert "acknowledge" not in text[s:e]
    assert "No information is held." in text[s:e]
    assert any(m.kind == "interim" for m in seg.messages)


def test_segment_of_empty_text() -> None:
    assert segment("").region == (0, 0)


# ----------------------------------------------------------------------------- questions


@pytest.mark.parametrize(
    ("line", "number"),
    [
        ("1. Do you use LFR?", "1"),
        ("1) Do you use LFR?", "1"),
        ("Q1. Do you use LFR?", "Q1"),
        ("Q10a. Do you use LFR?", "Q10a"),
        ("5a) Do you use LFR?", "5a"),
        ("2(b) Do you use LFR?", "2(b)"),
        ("- 1. Do you use LFR?", "1"),
        ("Question 3: Do you use LFR?", "3"),
        ("**1.** Do you use LFR?", "1"),
    ],
)
def test_question_numbers_as_written(line: str, number: str) -> None:
    rec = extract(f"Request\n\n{line}\n\nResponse\n\nNo.")
    assert [q.number for q in rec.questions] == [number]
    assert rec.questions[0].text == "Do you use LFR?"


def test_sub_questions_nested_under_parent() -> None:
    rec = extract(
        "You asked:\n\n1. Do you use RFR?\n   (a) How many searches?\n   (b) Which system?\n"
        "2. Do you use LFR?\n   a) Since when?\n\nResponse\n\nNo information is held."
    )
    assert [(q.number, q.parent) for q in rec.questions] == [
        ("1", None), ("1a", "1"), ("1b", "1"), ("2", None), ("2a", "2"),
    ]  # fmt: skip


def test_numbered_sub_questions_keep_their_number() -> None:
    rec = extract("Request\n\n2. Do you use RFR?\n2(a) How often?\n2(b) Why?\n\nResponse\n\nNo.")
    assert [(q.number, q.parent) for q in rec.questions] == [
        ("2", None), ("2(a)", "2"), ("2(b)", "2"),
    ]  # fmt: skip


def test_answer_lines_are_not_questions() -> None:
    rec = extract(
        "Request\n\nQ1. Do you use LFR?\nQ2. Do you plan to?\n\n"
        "Q1 response: No.\nQ2 response: No information held."
    )
    assert [q.number for q in rec.questions] == ["Q1", "Q2"]
    assert [(a.questions, a.kind) for a in rec.answers] == [
        (["Q1"], "disclosed"),
        (["Q2"], "not-held"),
    ]


def test_prose_request_is_one_question() -> None:
    rec = extract(
        "Request\n\nCould you tell me whether the force uses facial recognition?\n\n"
        "Response\n\nThe force does not use facial recognition."
    )
    assert [q.number for q in rec.questions] == ["1"]
    assert [a.questions for a in rec.answers] == [["1"]]


def test_questions_in_a_table() -> None:
    rec = extract(
        "Our response is below.\n\n| No. | Question | Response |\n|---|---|---|\n"
        "| 1 | Do you use LFR? | No. |\n| 2 | How much was spent? | £12,000 in 2020/21. |\n"
    )
    assert [(q.number, q.text) for q in rec.questions] == [
        ("1", "Do you use LFR?"),
        ("2", "How much was spent?"),
    ]
    assert [(a.questions, a.kind, a.text) for a in rec.answers] == [
        (["1"], "disclosed", "No."),
        (["2"], "disclosed", "£12,000 in 2020/21."),
    ]


def test_no_questions_in_plain_prose() -> None:
    rec = extract("Thank you for your letter. We will write again soon.")
    assert rec.questions == [] and rec.answers == []


# ----------------------------------------------------------------------------- answers


QS = [Question(number=n) for n in ["Q5", "Q5a", "Q5b", "Q5c", "Q5d", "Q6", "Q6a", "Q6b", "Q7"]]


@pytest.mark.parametrize(
    ("reflist", "expected"),
    [
        ("Q5 to Q6b", ["Q5", "Q5a", "Q5b", "Q5c", "Q5d", "Q6", "Q6a", "Q6b"]),
        ("Q5 & Q5a, Q7", ["Q5", "Q5a", "Q7"]),
        ("5 - 6", ["Q5", "Q5a", "Q5b", "Q5c", "Q5d", "Q6", "Q6a", "Q6b"]),
        ("6b", ["Q6b"]),
    ],
)
def test_range_expansion_over_the_letters_numbers(reflist: str, expected: list[str]) -> None:
    assert expand(reflist, QS) == expected


def test_range_without_questions_counts_numbers() -> None:
    assert expand("1 - 3", []) == ["1", "2", "3"]


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        ("No information held.", "not-held"),
        ("The information you requested is not held by the force.", "not-held"),
        ("Not applicable.", "not-applicable"),
        ("N/A", "not-applicable"),
        ("The force can neither confirm nor deny that it holds this information.", "ncnd"),
        ("The names are withheld under section 40(2).", "refused-exempt"),
        ("Section 40(2) applies to this information.", "refused-exempt"),
        ("To answer would exceed the appropriate limit of 18 hours.", "refused-cost"),
        ("This would cost more than £450 to locate.", "refused-cost"),
        ("This is available on our website at https://example.police.uk/x", "published-elsewhere"),
        ("Please clarify which period you mean.", "clarification-needed"),
        ("Yes, 12 deployments took place.", "disclosed"),
        ("No.", "disclosed"),
        ("Yes, 3 deployments. The costs are not held.", "partially-disclosed"),
        (
            "With regard to overt use, no information held. In addition, the force can neither "
            "confirm nor deny that any further information is held.",
            "not-held",
        ),
        ("We do not use it. In addition, we neither confirm nor deny covert use.", "disclosed"),
    ],
)
def test_answer_kinds(body: str, kind: str) -> None:
    assert classify(body) == kind


def test_answer_blocks_and_boundaries() -> None:
    rec = extract(
        "Request\n\n1. A?\n2. B?\n3. C?\n4. D?\n\n"
        "Responses 1 - 3:\n\nNo information is held.\n\n"
        "Answer 4: Not applicable.\n\nSection 24(2) National Security\n\nOverall Harm\n\nText.\n\n"
        "Yours sincerely"
    )
    assert [(a.questions, a.kind, a.text) for a in rec.answers] == [
        (["1", "2", "3"], "not-held", "No information is held."),
        (["4"], "not-applicable", "Not applicable."),
    ]


def test_in_answer_to_questions_range() -> None:
    rec = extract(
        "You asked:\n\n1. A?\n2. B?\n\nIn answer to questions 1 to 2, the cost of compliance "
        "would exceed the appropriate limit.\n\nYours faithfully"
    )
    assert [(a.questions, a.kind) for a in rec.answers] == [(["1", "2"], "refused-cost")]


def test_numbered_answers_in_response_section() -> None:
    rec = extract(
        "Request\n\n1. Do you use LFR?\n2. How much?\n\nResponse\n\n1. No.\n2. Not applicable.\n"
    )
    assert [(a.questions, a.kind) for a in rec.answers] == [
        (["1"], "disclosed"),
        (["2"], "not-applicable"),
    ]


# ----------------------------------------------------------------------------- header


def test_title_and_signatory() -> None:
    rec = extract(
        "Facial Recognition Cameras\n\nRequest\n\n1. Do you use them?\n\nResponse\n\nNo.\n\n"
        "Yours sincerely\n\nJo Bloggs\nDisclosure Officer\nFreedom of Information Unit"
    )
    assert rec.title == "Facial Recognition Cameras"
    assert rec.signatory_role == "Disclosure Officer"
    s, e = rec.field_spans["signatory_role"]
    assert rec.text[s:e] == "Disclosure Officer"


def test_role_in_prose_is_not_a_signatory() -> None:
    rec = extract("Response\n\nNo.\n\nPlease write to the Freedom of Information Unit to complain.")
    assert rec.signatory_role is None


def test_every_span_is_evidence() -> None:
    rec = extract(
        "Our Ref: FOI 12/20\nDate: 3 March 2020\n\nYour request received on 1 February 2020.\n\n"
        "Request\n\n1. Does Kent Police use LFR?\n\nResponse\n\nKent Police does not use LFR."
    )
    assert rec.reference == "FOI 12/20"
    for key, (s, e) in rec.spans().items():
        assert 0 <= s < e <= len(rec.text), key
    s, e = rec.field_spans["response_date"]
    assert rec.text[s:e] == "3 March 2020"


def test_question_and_answer_on_lines_of_their_own() -> None:
    rec = extract(
        "OFFICIAL\n\nCheshire Constabulary\nInformation Compliance Unit\n\nDate: 5-Oct-2021\n"
        "Our ref: RFI/2021/0932\n\nQuestion 1\nDoes Cheshire Constabulary use live facial "
        "recognition?\n\nAnswer\nNo. Cheshire Constabulary does not use live facial recognition."
        "\n\nPage 1 of 2\n\nQuestion 2\nHow much has it spent since 2019?\n\nAnswer\n"
        "Cheshire Constabulary has spent £14,500 on licences.\n\nIf you are dissatisfied with "
        "this response you may ask for a review.\n\nYours sincerely\n\n"
        "Information Rights & Disclosure Officer"
    )
    assert rec.title is None  # "OFFICIAL" is a protective marking
    assert rec.response_date == "2021-10-05"
    assert rec.reference == "RFI/2021/0932"
    assert [(q.number, q.text) for q in rec.questions] == [
        ("1", "Does Cheshire Constabulary use live facial recognition?"),
        ("2", "How much has it spent since 2019?"),
    ]
    assert [(a.questions, a.kind, a.text) for a in rec.answers] == [
        (["1"], "disclosed", "No. Cheshire Constabulary does not use live facial recognition."),
        (["2"], "disclosed", "Cheshire Constabulary has spent £14,500 on licences."),
    ]
    assert rec.signatory_role == "Information Rights & Disclosure Officer"


def test_use_in_words_with_a_not_held_part_is_partial() -> None:
    body = (
        "Humberside Police uses the facial search function of the PND. "
        "The number of searches is not recorded centrally."
    )
    assert classify(body) == "partially-disclosed"
    assert classify("We do not use it and have no plans to. No information is held.") == "not-held"


def test_formats_fixtures_structure() -> None:
    """The loaders' format fixtures (HTML, DOCX, PDF, Markdown) read like the text letters."""
    from pathlib import Path

    from kg.extract import extract_path

    formats = Path(__file__).resolve().parents[1] / "letters" / "formats"
    cumbria = extract_path(formats / "cumbria_disclosure_page.html")
    assert cumbria.force is not None and cumbria.force.id == "cumbria-constabulary"
    assert cumbria.response_date == "2021-06-14"  # "Date of response" above the date
    # "Question | Response" table whose first column only numbers the answers.
    assert [(a.questions, a.kind) for a in cumbria.answers] == [
        (["1"], "disclosed"), (["2"], "disclosed"), (["3"], "not-held"), (["4"], "not-applicable"),
    ]  # fmt: skip
    lancs = extract_path(formats / "lancashire_letter.pdf")
    assert [q.number for q in lancs.questions] == ["1", "2", "2a", "2b", "3"]
    assert [a.questions for a in lancs.answers] == [["1"], ["2a", "2b"], ["3"]]
    wales = extract_path(formats / "north_wales_bilingual.txt")
    assert wales.response_date == "2023-05-09"  # "Dyddiad / Date: 9 Mai 2023 / 9 May 2023"
    assert [a.questions for a in wales.answers] == [["1"], ["2"]]


def test_numbered_answers_repeating_the_question() -> None:
    rec = extract(
        "On 3 May 2021 you asked for the following information:\n\n"
        "1. Does your force use live facial recognition?\n2. Please state the supplier.\n\n"
        "Response\n\n1. Does your force use live facial recognition? No. We do not use it.\n"
        "2. The PND facial search function is provided by the Home Office.\n"
    )
    assert rec.request_date == "2021-05-03"  # "On 3 May 2021 you asked"
    assert [(a.questions, a.text) for a in rec.answers] == [
        (["1"], "No. We do not use it."),
        (["2"], "The PND facial search function is provided by the Home Office."),
    ]


def test_request_date_from_the_quoted_request_email() -> None:
    rec = extract(
        "From: Sam Requester\nSent: 2 June 2020 09:00\nTo: FOI Unit\nSubject: Facial recognition"
        "\n\nDear Sussex Police,\n\nI would like to request the following information under the "
        "Freedom of Information Act:\n\n1. Does Sussex Police use facial recognition?\n\n"
        "Yours faithfully,\nSam Requester\n\nFrom: FOI Unit\nSent: 30 June 2020 15:12\n"
        "To: Sam Requester\nSubject: RE: Facial recognition - Our reference 1288/20\n\n"
        "Dear Sam,\n\nPlease find below our response to your request.\n\n"
        "1. No information held.\n\nKind regards\n\nFreedom of Information Team\nSussex Police"
    )
    assert rec.force is not None and rec.force.id == "sussex-police"
    assert (rec.request_date, rec.response_date) == ("2020-06-02", "2020-06-30")
    assert rec.reference == "1288/20"
    assert [q.number for q in rec.questions] == ["1"]
    assert [(a.questions, a.kind) for a in rec.answers] == [(["1"], "not-held")]


def test_interleaved_unlabelled_answers() -> None:
    rec = extract(
        "1. Does your force use facial recognition?\nYes, since 2019.\n\n2. How many arrests?\n"
        "12 arrests.\n\n3. Please provide the cost\n£45,000 in 2020/21.\n"
    )
    assert [q.text for q in rec.questions] == [
        "Does your force use facial recognition?",
        "How many arrests?",
        "Please provide the cost",
    ]
    assert [(a.questions, a.text) for a in rec.answers] == [
        (["1"], "Yes, since 2019."),
        (["2"], "12 arrests."),
        (["3"], "£45,000 in 2020/21."),
    ]


def test_inline_quoted_request_is_part_of_the_letter() -> None:
    rec = extract(
        "Kent Police\nOur Ref: FOI 21/778\nDate: 4 March 2021\n\nYou asked:\n\n"
        "> 1. Does Kent Police use live facial recognition?\n> 2. What did it cost?\n\n"
        "Response\n\n1. Kent Police does not use live facial recognition, and has never trialled "
        "it in any form at any public event or location in the county since the technology "
        "first became available to police forces in England and Wales.\n"
        "2. Not applicable, as no facial recognition system has been bought or leased by the "
        "force and no costs have been incurred for staff, licences, cameras or maintenance.\n\n"
        "Yours sincerely\nDisclosure Officer"
    )
    assert rec.reference == "FOI 21/778"
    assert rec.response_date == "2021-03-04"
    assert [q.number for q in rec.questions] == ["1", "2"]
    assert [(a.questions, a.kind) for a in rec.answers] == [
        (["1"], "disclosed"),
        (["2"], "not-applicable"),
    ]


def test_unnumbered_questions_each_above_its_answer() -> None:
    rec = extract(
        "Our Ref: IM-FOI-2021-1234\nDate: 14 July 2021\n\nFor ease of reference, your request "
        "is replicated below together with the response.\n\n"
        "Does Police Scotland use live facial recognition?\n\n"
        "Police Scotland does not use live facial recognition technology.\n\n"
        "How many times has Police Scotland used retrospective facial recognition in 2020?\n\n"
        "I can confirm that the information you have requested is not held by Police Scotland."
        "\n\nShould you require any further assistance please contact us."
    )
    assert rec.force is not None and rec.force.id == "police-scotland"
    assert [q.number for q in rec.questions] == ["1", "2"]  # numbered by position
    assert [(a.questions, a.kind) for a in rec.answers] == [
        (["1"], "disclosed"),
        (["2"], "not-held"),
    ]


def test_unnumbered_question_lines_in_the_request() -> None:
    rec = extract(
        "Request\n\nDoes your force use live facial recognition?\nHow much has it cost?\n\n"
        "Response\n\nThe force does not use live facial recognition. No costs are held."
    )
    assert [(q.number, q.text) for q in rec.questions] == [
        ("1", "Does your force use live facial recognition?"),
        ("2", "How much has it cost?"),
    ]
    assert [a.questions for a in rec.answers] == [["1", "2"]]


def test_response_header_under_each_question() -> None:
    rec = extract(
        "Your questions and our answers are set out below.\n\n"
        "Q1. Does the force use RFR?\nQ1 response: Yes, through the PND.\n\n"
        "Q2. How many searches in 2021?\nQ2 response: 1,482 searches.\n\n"
        "Q3. Is a named person on a watch list?\nQ3 response: The force can neither confirm nor "
        "deny that it holds this information.\n\nYours sincerely"
    )
    assert [q.number for q in rec.questions] == ["Q1", "Q2", "Q3"]
    assert [(a.questions, a.kind) for a in rec.answers] == [
        (["Q1"], "disclosed"),
        (["Q2"], "disclosed"),
        (["Q3"], "ncnd"),
    ]


def test_answer_to_bracketed_number() -> None:
    rec = extract(
        "Request\n\n(1) Do you use OIFR?\n(2) Who supplies it?\n\nResponse\n\n"
        "Answer to (1): Yes, since 2023.\n\nAnswer to (2): NEC supplies it.\n"
    )
    assert [q.number for q in rec.questions] == ["1", "2"]
    assert [a.questions for a in rec.answers] == [["1"], ["2"]]


def test_prose_request_without_question_mark() -> None:
    rec = extract(
        "Dear Mr Hughes,\n\nYou asked for every occasion since 2015 on which an officer submitted "
        "an image for facial matching.\n\nResponse\n\nTo answer would exceed the appropriate "
        "limit of 18 hours.\n\nYours sincerely"
    )
    assert [q.number for q in rec.questions] == ["1"]
    assert rec.questions[0].text.startswith("every occasion since 2015")
    assert [(a.questions, a.kind) for a in rec.answers] == [(["1"], "refused-cost")]


def test_more_heading_and_number_forms() -> None:
    rec = extract(
        "Request Text\n\nQ.1 Do you use LFR?\nQ.2 Do you plan to?\n\nInformation Provided\n\n"
        "Q1 \u2013 Response: No.\n\nQ2 - Answer: No information held.\n"
    )
    assert [q.number for q in rec.questions] == ["Q.1", "Q.2"]
    assert [(a.questions, a.kind) for a in rec.answers] == [
        (["Q.1"], "disclosed"),
        (["Q.2"], "not-held"),
    ]


def test_chronological_thread_request_interim_response() -> None:
    text = (
        "Skip to content\nMenu\nFacial recognition - a Freedom of Information request\n\n"
        "Dear West Mercia Police,\n\nPlease could you tell me:\n1. Does West Mercia Police use "
        "live facial recognition?\n2. If so, how many arrests have resulted?\n\n"
        "Yours faithfully,\nJo Bloggs\n\nWest Mercia Police\n\nDear Jo Bloggs,\n\nThank you for "
        "your request. We acknowledge receipt and will respond within 20 working days.\n\n"
        "Yours sincerely,\nInformation Disclosure Unit\n\nWest Mercia Police\n\nDear Jo Bloggs,"
        "\n\nOur ref: FOI 2022/1193\nDate: 14 April 2022\n\nPlease find below our response.\n\n"
        "1. West Mercia Police does not use live facial recognition.\n2. Not applicable.\n\n"
        "Yours sincerely,\nInformation Disclosure Officer\nWest Mercia Police\n\n"
        "Is this page useful?\nYes\nNo"
    )
    seg = segment(normalise(text))
    assert [m.kind for m in seg.messages] == ["request", "interim", "response"]
    rec = extract(text)
    assert rec.force is not None and rec.force.id == "west-mercia-police"
    assert (rec.reference, rec.response_date) == ("FOI 2022/1193", "2022-04-14")
    assert [q.number for q in rec.questions] == ["1", "2"]
    assert [(a.questions, a.kind) for a in rec.answers] == [
        (["1"], "disclosed"),
        (["2"], "not-applicable"),
    ]
    assert "acknowledge" not in rec.text[slice(*seg.region)]


def test_numbered_answers_without_restated_questions() -> None:
    rec = extract(
        "Dorset Police\nOur Ref: 2021-0456\nDate: 3 March 2021\n\nDear Requester,\n\nThank you "
        "for your request. Please find our response as follows:\n\n1. No. Dorset Police does not "
        "use live facial recognition.\n2. Not applicable.\n3. No information held.\n\n"
        "Yours sincerely\n\nDisclosure Officer"
    )
    assert rec.questions == []  # not restated: never invented from the answers
    assert [(a.questions, a.kind) for a in rec.answers] == [
        (["1"], "disclosed"),
        (["2"], "not-applicable"),
        (["3"], "not-held"),
    ]


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        # Figures in a cost estimate are not a disclosure.
        (
            "Each of the 74,000 records would need review. This would exceed the appropriate "
            "limit of 18 hours.",
            "refused-cost",
        ),
        ("Yes, 4 deployments. The rest would exceed the cost limit.", "partially-disclosed"),
        # Statute numbers are not figures; "nothing withheld" is not a refusal.
        ("The value is exempt under Section 43(2) Commercial Interests.", "refused-exempt"),
        ("Surrey Police uses RFR through the PND. No information has been withheld.", "disclosed"),
        # A statement, then the rest withheld.
        (
            "The ranks of the approving officers are Chief Superintendent and ACC. The names are "
            "withheld under s.40(2).",
            "partially-disclosed",
        ),
    ],
)
def test_answer_kind_refinements(body: str, kind: str) -> None:
    assert classify(body) == kind


def test_prose_answer_headers() -> None:
    rec = extract(
        "Request\n\n1. Do you use LFR?\n2. Do you use RFR?\n3. What did it cost?\n\nResponse\n\n"
        "With regard to question 1, the force does not use LFR.\n\n"
        "In relation to questions 2 and 3, no information is held.\n"
    )
    assert [(a.questions, a.kind) for a in rec.answers] == [
        (["1"], "disclosed"),
        (["2", "3"], "not-held"),
    ]
