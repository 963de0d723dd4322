"""Rule tests for answer labels, lettered top-level questions, reference prefixes and answer
kinds met in letters from further forces: one short letter, written for the rule, per rule."""

from __future__ import annotations

import hashlib

from kg.extract import extract_document
from kg.loaders import Document, normalise
from kg.model import LetterRecord


def extract(text: str) -> LetterRecord:
    text = normalise(text)
    sha = hashlib.sha256(text.encode()).hexdigest()
    rec = extract_document(Document("letter.txt", sha, "txt", text, "utf-8", []))
    assert not [w for w in rec.warnings if w.startswith("internal error")]
    return rec


def groups(rec: LetterRecord) -> list[list[str]]:
    return [a.questions for a in rec.answers]


A_NUMBERED = """Wessex Constabulary
Our reference: 101/24

Dear Sir/Madam

Your questions, with our answers, are set out below.

Q1. Does the force use live facial recognition?

Q2. How many retrospective searches did the force carry out in 2021?

{a1} No. The force does not use live facial recognition.

{a2} 1,248 searches were carried out in 2021.

Yours faithfully
"""


def test_answers_labelled_a1_pair_with_questions_of_the_same_number() -> None:
    for a1, a2 in (("A1.", "A2."), ("A1:", "A2:")):
        rec = extract(A_NUMBERED.format(a1=a1, a2=a2))
        assert [q.number for q in rec.questions] == ["Q1", "Q2"]
        assert groups(rec) == [["Q1"], ["Q2"]]
        assert rec.answers[0].text == "No. The force does not use live facial recognition."
        assert rec.answers[1].text.startswith("1,248 searches")


LETTERED = """Wessex Police
Reference No: WP/2023/0384

Dear Requester,

Thank you for your email in which you asked:

(a) Does Wessex Police use retrospective facial recognition? If so, which systems are used?
(b) How many searches were made in 2022?
(c) How much has the force spent on it?
(d) Does the force use Clearview AI?

Our response is below.

(a) Yes. Wessex Police searches custody images on the PND.

(b) In 2022 there were 3,412 facial searches of the PND.

(c) No information is held.

(d) No. Wessex Police does not use Clearview AI.

Yours sincerely
"""


def test_lettered_questions_with_no_number_above_are_top_level() -> None:
    rec = extract(LETTERED)
    assert [q.number for q in rec.questions] == ["a", "b", "c", "d"]
    assert all(q.parent is None for q in rec.questions)
    assert groups(rec) == [["a"], ["b"], ["c"], ["d"]]


def test_a_roman_item_under_a_top_level_letter_stays_its_sub_item() -> None:
    rec = extract(
        LETTERED.replace(
            "(b) How many", "(i) broken down by system?\n(ii) and by month?\n(b) How many"
        )
    )
    assert [q.number for q in rec.questions][:4] == ["a", "a(i)", "a(ii)", "b"]


def test_a_reference_keeps_a_mixed_case_letter_prefix() -> None:
    from kg.extract.reference import find

    text = "City Police\nFOI request reference: CoLP/21/1466\n\nDear Sir\n"
    assert find(text, (0, len(text)))[0] == "CoLP/21/1466"  # type: ignore[index]
    # An ordinary word after the label is no prefix.
    text = "Our Ref: Request 123/20 refers\n"
    hit = find(text, (0, len(text)))
    assert hit is None or not hit[0].startswith("Request")


EMAIL_REPLY = """From: Freedom of Information <foi@wessex.police.uk>
Sent: 19 September 2022 10:14
To: [requester]
Subject: RE: FOI 2022-0456 Facial recognition

Good morning,

Thank you for your email of 22 August 2022. Your request has been dealt with under the \
Freedom of Information Act 2000.

Wessex Police does not use facial recognition of any kind. The force therefore holds no \
information in relation to questions 1 to 2 of your request.

Kind regards,

FOI Team

-----Original Message-----
From: [requester]
Sent: 22 August 2022 16:52
Subject: Facial recognition

Please tell me:

1. Whether your force uses live facial recognition.
2. Whether your force uses retrospective facial recognition.

Yours faithfully,
"""


def test_email_header_lines_and_a_greeting_are_no_part_of_an_answer() -> None:
    rec = extract(EMAIL_REPLY)
    assert rec.answers
    for a in rec.answers:
        assert not a.text.startswith(("From:", "Good morning"))
        assert "10:14" not in a.text
        assert a.kind == "not-held"


def test_a_refusal_as_vexatious_is_refused_exempt() -> None:
    from kg.extract.answers import classify

    body = (
        "Since August 2021 you have submitted fourteen requests on this subject, several of "
        "them repeating questions that have already been answered.\n\nWe have concluded that "
        "this request is vexatious. The force is therefore not obliged to comply with it."
    )
    assert classify(body) == "refused-exempt"
    assert classify("The force relies on section 14(1) of the Act and will not comply.") == (
        "refused-exempt"
    )
    # Saying a request is not vexatious refuses nothing.
    assert classify("Your request is not vexatious. The force made 12 searches.") == "disclosed"


MARKDOWN_KEYS = """# Wessex Police

## Freedom of Information Act 2000 - Response

| | |
|---|---|
| **Reference number** | 1187/23 |
| **Date request received** | 24 March 2023 |
| **Date of response** | 21 April 2023 |

Thank you for your request for information about facial recognition.

**Question 1:** Does Wessex Police use live facial recognition technology?

**Answer:** No. Wessex Police has never deployed live facial recognition.

Yours sincerely
"""


def test_markdown_key_value_rows_read_like_labels() -> None:
    rec = extract(MARKDOWN_KEYS)
    assert rec.reference == "1187/23"
    assert rec.request_date == "2023-03-24"
    assert rec.response_date == "2023-04-21"


def test_a_word_ending_in_s_before_a_date_is_no_section_12() -> None:
    from kg.extract.answers import classify

    body = (
        "The force has deployed LFR on four occasions.\n\nDate | Location | Arrests\n"
        "12/05/2023 | Market Square | 2"
    )
    assert classify(body.replace("\n12/05", " 12/05")) == "disclosed"
    assert classify("The request is refused under s12 as it exceeds the cost limit.") == (
        "refused-cost"
    )


def test_withheld_for_future_publication_is_refused_exempt() -> None:
    from kg.extract.answers import classify

    body = (
        "A DPIA for the planned pilot has been drafted. It will be published on our website "
        "once the pilot is approved. The draft is therefore exempt from disclosure under "
        "Section 22(1) - Information intended for future publication."
    )
    assert classify(body) == "refused-exempt"
    # A plain statement before a withholding on other grounds is still a partial disclosure.
    assert classify(
        "The ranks of the officers involved are Sergeant and Inspector. Their names are "
        "withheld under section 40(2)."
    ) == "partially-disclosed"
