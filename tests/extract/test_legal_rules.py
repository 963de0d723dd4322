"""General rules of ``kg.extract.legal`` on short snippets: citation forms, the traps
(procedural sections, quoted statute, other Acts, the requester's text), cost refusals in
words, NCND scope, harm / public-interest headings and balance conclusions."""

from __future__ import annotations

import pytest

from kg.extract import legal
from kg.model import Answer, LetterRecord, Question


def run(text: str, rec: LetterRecord | None = None) -> LetterRecord:
    rec = rec or LetterRecord(source="snippet", sha256="", format="txt", text=text)
    legal.fill(text, rec, (0, len(text)))
    for c in rec.exemptions:
        assert c.span is not None and 0 <= c.span[0] < c.span[1] <= len(text)
    return rec


def sections(text: str) -> list[str]:
    return [c.section for c in run(text).exemptions]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The information is exempt under s.40(2) of the Act.", ["40(2)"]),
        ("We rely on S31 and S24 for this part.", ["31", "24"]),
        ("This is exempt by virtue of Section 31(1)(a) Law Enforcement.", ["31(1)(a)"]),
        (
            "The force relies on Sections 23(5), 24(2), 30(3) and 31(3) of the Act.",
            ["23(5)", "24(2)", "30(3)", "31(3)"],
        ),
        ("Exemptions applied:\n\n43(2) Commercial interests\n", ["43(2)"]),
        ("The request is refused under section 12 of the Act.", ["12"]),
        ("Section 38 Health and Safety applies to the locations.", ["38"]),
        ("Section 24 (2) National Security", ["24(2)"]),
    ],
)
def test_citation_forms(text: str, expected: list[str]) -> None:
    assert sections(text) == expected


def test_base_mention_after_a_subsection_is_no_new_citation() -> None:
    text = (
        "Section 24(2) National Security\nSection 31(3) Law Enforcement\n\n"
        "Sections 24 and 31 are prejudice based qualified exemptions."
    )
    assert sections(text) == ["24(2)", "31(3)"]


def test_base_before_subsection_takes_the_specific_form() -> None:
    assert sections("Section 31 applies. In particular Section 31(1)(a) is engaged.") == [
        "31(1)(a)"
    ]


def test_never_invents_a_subsection() -> None:
    rec = run("The information is exempt under Section 31 of the Act.")
    assert [(c.section, c.title, c.ncnd) for c in rec.exemptions] == [
        ("31", "Law enforcement", False)  # title from foia_sections.csv
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The duty in Section 1(1)(a) of the Freedom of Information Act 2000 does not apply.",
        "This letter is a refusal notice under Section 17 of the Act.",
        "Advice and assistance under Section 16 is given below.",
        "You may complain to the Information Commissioner under Section 50.",
        "The request was answered within the time set by section 10.",
        "Disclosure would breach section 40 of the Data Protection Act 2018.",
        "Images are retained under section 64A of the Police and Criminal Evidence Act 1984.",
        'Section 24(1) reads: "Information which does not fall within section 23(1) is exempt '
        'information if exemption from section 1(1)(b) is required."',
        "Section 17 states:\n\n(1) A public authority which is relying on section 24 "
        "must give a notice.",
    ],
)
def test_procedural_quoted_and_other_acts_are_not_relied_on(text: str) -> None:
    got = sections(text)
    assert "1" not in [s.split("(")[0] for s in got]
    assert not {"23(1)", "40", "64A", "24"} & set(got), got


def test_requester_text_is_not_reliance() -> None:
    text = (
        "1. Would you rely on section 43(2) to withhold the contract value?\n\n"
        "No information is held."
    )
    rec = LetterRecord(source="x", sha256="", format="txt", text=text)
    rec.questions = [Question(span=(0, 65), number="1", text=text[3:65])]
    assert run(text, rec).exemptions == []


@pytest.mark.parametrize(
    "text",
    [
        "We estimate that this would exceed the appropriate limit of 18 hours.",
        "Locating the information would take well in excess of 18 hours.",
        "The request cannot be answered without exceeding the cost limit.",
        "The cost of compliance would be more than £450.",
    ],
)
def test_cost_refusal_in_words(text: str) -> None:
    rec = run(text)
    assert [(c.section, c.title) for c in rec.exemptions] == [
        ("12", "Exemption where cost of compliance exceeds appropriate limit")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Retrieving this would not exceed the appropriate limit, so it is provided below.",
        "If a request would exceed the appropriate limit we will tell you.",
        "The appropriate limit for police forces is £450.",
    ],
)
def test_cost_limit_mentioned_without_refusal(text: str) -> None:
    assert sections(text) == []


def test_ncnd_covert_with_following_list() -> None:
    text = (
        "In addition, the force neither confirms nor denies that it holds any other information "
        "relevant to the request by virtue of the following exemptions:\n\n"
        "Section 24(2) National Security\nSection 31(3) Law Enforcement\n"
    )
    rec = run(text)
    (st,) = rec.ncnd
    assert (st.scope, st.sections, st.partial) == ("covert-use", ["24(2)", "31(3)"], False)
    assert rec.ncnd_covert is True
    assert [(c.section, c.title, c.ncnd, c.scope) for c in rec.exemptions] == [
        ("24(2)", "National Security", True, "covert-use"),
        ("31(3)", "Law Enforcement", True, "covert-use"),
    ]


def test_ncnd_on_a_named_question_is_not_covert() -> None:
    text = (
        "In relation to question 4 the force can neither confirm nor deny whether it holds the "
        "information, by virtue of section 40(5B)."
    )
    rec = run(text)
    (st,) = rec.ncnd
    assert (st.scope, st.questions, st.sections) == ("question", ["4"], ["40(5B)"])
    assert rec.ncnd_covert is False
    assert [(c.section, c.ncnd, c.scope, c.questions) for c in rec.exemptions] == [
        ("40(5B)", True, "question", ["4"])
    ]


def test_ncnd_scope_from_the_answer_it_sits_in() -> None:
    text = (
        "Q3 The force can neither confirm nor deny that it holds this information (Section 38(2))."
    )
    rec = LetterRecord(source="x", sha256="", format="txt", text=text)
    rec.questions = [Question(number="1", text="a"), Question(number="3", text="b")]
    rec.answers = [Answer(span=(0, len(text)), questions=["3"], kind="ncnd", text=text)]
    (st,) = run(text, rec).ncnd
    assert (st.scope, st.questions) == ("question", ["3"])


def test_whole_request_and_partial_ncnd() -> None:
    whole = run(
        "The force can neither confirm nor deny that it holds the information you requested."
    )
    assert [(s.scope, s.partial) for s in whole.ncnd] == [("whole-request", False)]
    assert whole.ncnd_covert is False
    part = run("The force is partially neither confirming nor denying that information is held.")
    assert [(s.scope, s.partial) for s in part.ncnd] == [("whole-request", True)]


@pytest.mark.parametrize(
    "text",
    [
        "Overall Harm for NCND",
        "It is for these reasons that the Public Interest must favour neither confirming "
        "nor denying.",
        "Factors against complying with Section 1(1)(a) neither confirming nor denying "
        "that information is held",
        "Confirming or denying whether any information is held would harm law enforcement.",
    ],
)
def test_headings_and_reasoning_are_not_ncnd_statements(text: str) -> None:
    assert run(text).ncnd == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Please note: all of the above responses relate to overt use only.", True),
        ("Q4 response: With regard to overt use, no information held.", True),
        ("This answer relates only to the overt use of facial recognition.", True),
        (
            "No record is held concerning the introduction of such systems overtly in the future.",
            False,
        ),
        ("Covert use is neither confirmed nor denied.", False),
    ],
)
def test_overt_only(text: str, expected: bool) -> None:
    assert run(text).overt_only is expected


def test_harm_and_factors_by_heading_section_after() -> None:
    text = (
        "Section 24(2) National Security\n\n"
        "Harm Test\n\n"
        "Confirming or denying would reveal police capability to criminals.\n\n"
        "Public interest considerations favouring release\n\n"
        "Release would improve public understanding of policing.\n\n"
        "Public interest considerations favouring neither confirming nor denying\n\n"
        "It would undermine national security.\n\n"
        "Balance test\n\n"
        "The public interest in maintaining the exemption outweighs the public interest in "
        "disclosure.\n"
    )
    rec = run(text)
    assert [(h.sections, h.text[:20]) for h in rec.harm] == [(["24"], "Confirming or denyin")]
    assert [(p.section, p.direction) for p in rec.public_interest] == [
        ("24", "favouring"),
        ("24", "against"),
    ]
    assert rec.balance is not None and rec.balance.outcome == "maintain-exemption"


def test_factor_heading_inline_and_section_before() -> None:
    text = (
        "Section 31(1)(a) Law Enforcement applies.\n\n"
        "S31 Factors favouring disclosure: The public would understand how funds are spent.\n\n"
        "S31 Factors against disclosure: Offenders could avoid the cameras.\n"
    )
    rec = run(text)
    assert [(p.section, p.direction, p.text[:10]) for p in rec.public_interest] == [
        ("31", "favouring", "The public"),
        ("31", "against", "Offenders "),
    ]
    for p in rec.public_interest:
        assert text[p.span[0] : p.span[1]] == p.text


@pytest.mark.parametrize(
    ("sentence", "outcome"),
    [
        (
            "Therefore the balancing test for confirming or denying is not made out.",
            "maintain-exemption",
        ),
        (
            "The public interest does not supersede the need to maintain operational integrity.",
            "maintain-exemption",
        ),
        ("On balance, the public interest favours disclosure of the figures.", "disclose"),
        (
            "The public interest in disclosure outweighs the public interest in maintaining "
            "the exemption.",
            "disclose",
        ),
        ("The balance lies in favour of maintaining the exemption.", "maintain-exemption"),
    ],
)
def test_balance_conclusions(sentence: str, outcome: str) -> None:
    rec = run("Balance Test\n\n" + sentence + "\n")
    assert rec.balance is not None
    assert rec.balance.outcome == outcome
    assert rec.balance.text == sentence


def test_prejudice_heading_and_reasons_for_non_disclosure() -> None:
    text = (
        "Section 24(2) applies.\n\nPrejudice\n\n"
        "Disclosure would harm national security and help offenders.\n\n"
        "Reasons for disclosure\n\nTransparency about how public money is spent.\n\n"
        "Reasons for non-disclosure\n\nIt would undermine the safety of the public at events.\n"
    )
    rec = run(text)
    assert [(h.sections, h.text[:20]) for h in rec.harm] == [(["24"], "Disclosure would har")]
    assert [(p.section, p.direction) for p in rec.public_interest] == [
        ("24", "favouring"),
        ("24", "against"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Retrieving this information would exceed the 'appropriate level' set by the Regulations.",
        "The work would go over the 18 hour limit.",
    ],
)
def test_more_cost_wordings(text: str) -> None:
    assert sections(text) == ["12"]


def test_crime_levels_are_no_cost_limit() -> None:
    assert sections("Crime in the area is above the level seen last year.") == []


def test_the_law_explained_is_no_ncnd() -> None:
    text = (
        "The Act allows a public authority to neither confirm nor deny whether it holds "
        "information where doing so would itself disclose exempt information."
    )
    assert run(text).ncnd == []


def test_sections_of_other_documents() -> None:
    assert sections("As set out in section 22 of the force policy, images are deleted.") == []
    assert sections("Section 22 of this letter explains the review procedure.") == []


def test_reasons_for_decision_is_no_factor_heading() -> None:
    text = "REASONS FOR DECISION\n\nThe MPS uses live facial recognition to locate wanted people.\n"
    assert run(text).public_interest == []


def test_bulleted_citations_with_titles_containing_commas() -> None:
    text = (
        "Sussex Police neither confirm nor deny whether any other information is held by virtue "
        "of:\n"
        "• Section 23(5) – Information supplied by, or concerning, certain Security Bodies\n"
        "• Section 24(2) – National Security\n"
        "• Section 30(3) – Investigations\n\n"
        "Section 24(2) applies to the whole. Section 40(2) - personal data (names of staff).\n"
    )
    rec = run(text)
    assert [(c.section, c.title, c.ncnd, c.scope) for c in rec.exemptions] == [
        (
            "23(5)",
            "Information supplied by, or concerning, certain Security Bodies",
            True,
            "covert-use",
        ),
        ("24(2)", "National Security", True, "covert-use"),
        ("30(3)", "Investigations", True, "covert-use"),
        ("40(2)", "Personal information", False, None),
    ]
    assert rec.ncnd[0].sections == ["23(5)", "24(2)", "30(3)"]


def test_citation_lines_do_not_give_factors_a_section() -> None:
    text = (
        "The force neither confirms nor denies that it holds any other information:\n\n"
        "Section 24(2) National Security\nSection 31(3) Law Enforcement\n\n"
        "Factors favouring confirmation or denial\n\nThe public would be better informed.\n\n"
        "Section 31 - Public Interest Test\n\n"
        "Factors against confirmation or denial\n\nLaw enforcement would be compromised.\n"
    )
    assert [(p.section, p.direction) for p in run(text).public_interest] == [
        (None, "favouring"),
        ("31", "against"),
    ]


@pytest.mark.parametrize(
    ("text", "scope", "questions"),
    [
        (
            "In relation to question 5, the force can neither confirm nor deny whether any further "
            "information is held.",
            "question",
            ["5"],
        ),
        (
            "The force can neither confirm nor deny whether any other information is held about "
            "the named individual, by virtue of section 40(5B).",
            "whole-request",
            [],
        ),
    ],
)
def test_any_other_information_is_not_always_covert(
    text: str, scope: str, questions: list[str]
) -> None:
    rec = run(text)
    assert [(s.scope, s.questions) for s in rec.ncnd] == [(scope, questions)]
    assert rec.ncnd_covert is False


def test_titles_in_brackets() -> None:
    text = "Section 24(2) (National Security)\nSection 31(3) (Law Enforcement) applies as well.\n"
    assert [(c.section, c.title) for c in run(text).exemptions] == [
        ("24(2)", "National Security"),
        ("31(3)", "Law Enforcement"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The request has not been refused under section 12 of the Act.",
        "We are not relying on Section 40(2) because no names are held.",
        "Section 43(2) has not been applied to this information.",
    ],
)
def test_sections_said_not_to_apply(text: str) -> None:
    assert sections(text) == []


def test_harm_sub_headings_and_bulleted_factors() -> None:
    text = (
        "The force neither confirms nor denies that it holds any other information by virtue of "
        "Section 24(2) and Section 31(3).\n\n"
        "Harm\n\nSection 24\n\nConfirmation would reveal national security capability.\n\n"
        "Section 31\n\nConfirmation would help offenders avoid detection.\n\n"
        "Factors favouring confirmation or denial for Section 31\n\n"
        "• Transparency of police spending\n"
        "• Public debate about biometric technology\n\n"
        "Factors against confirmation or denial for Section 31\n\n"
        "• Offenders would adapt their behaviour\n"
    )
    rec = run(text)
    assert [(h.sections, h.text[:20]) for h in rec.harm] == [
        (["24"], "Confirmation would r"),
        (["31"], "Confirmation would h"),
    ]
    assert [(p.section, p.direction, p.text) for p in rec.public_interest] == [
        ("31", "favouring", "• Transparency of police spending"),
        ("31", "favouring", "• Public debate about biometric technology"),
        ("31", "against", "• Offenders would adapt their behaviour"),
    ]


def test_a_list_of_sections_with_bracketed_titles() -> None:
    assert sections(
        "It would be exempt under sections 31(1) (national security) and 35(1)(a) (law "
        "enforcement)."
    ) == ["31(1)", "35(1)(a)"]


def _qa_letter(q4: str) -> tuple[str, LetterRecord]:
    q3 = "Does the force use live facial recognition?"
    text = (
        f"3. {q3}\n\n**Answer:** No.\n\n"
        f"4. {q4}\n\n**Answer:** The force can neither confirm nor deny that it holds "
        "information relevant to this question by virtue of Section 24(2) National Security.\n"
    )
    rec = LetterRecord(source="snippet", sha256="", format="txt", text=text)
    s3, s4 = text.index(q3), text.index(q4)
    rec.questions = [
        Question(span=(s3, s3 + len(q3)), number="3", text=q3),
        Question(span=(s4, s4 + len(q4)), number="4", text=q4),
    ]
    a3 = text.index("No.")
    a4 = text.index("The force")
    rec.answers = [
        Answer(span=(a3, a3 + 3), questions=["3"], kind="disclosed"),
        Answer(span=(a4, len(text) - 1), questions=["4"], kind="ncnd"),
    ]
    return text, rec


def test_ncnd_on_a_question_about_covert_use_is_an_ncnd_on_covert_use() -> None:
    text, rec = _qa_letter("Does the force use facial recognition covertly?")
    rec = run(text, rec)
    # The NCND sentence starts with the "Answer:" label, before the answer's span.
    assert [(n.scope, n.questions) for n in rec.ncnd] == [("question", ["4"])]
    assert rec.ncnd_covert is True


def test_ncnd_on_a_question_not_about_covert_use_is_not() -> None:
    text, rec = _qa_letter("Does the force use facial recognition at football matches?")
    rec = run(text, rec)
    assert [(n.scope, n.questions) for n in rec.ncnd] == [("question", ["4"])]
    assert rec.ncnd_covert is False
