"""General rules of ``kg.extract.facts`` (technologies, providers, money, deployments, URLs)
on short snippets, including the traps: a funder is no vendor, the requester's supplier is
not the force's, the cost limit is no expenditure, harm reasoning is no statement of use."""

from __future__ import annotations

import pytest

from kg.extract import facts, legal
from kg.model import Answer, LetterRecord, Question


def run(text: str, rec: LetterRecord | None = None) -> LetterRecord:
    rec = rec or LetterRecord(source="snippet", sha256="", format="txt", text=text)
    legal.fill(text, rec, (0, len(text)))
    facts.fill(text, rec, (0, len(text)))
    for key, (s, e) in rec.spans().items():
        assert 0 <= s <= e <= len(text), key
    return rec


def tech(text: str, rec: LetterRecord | None = None) -> set[tuple[str, str, str, str]]:
    return {(u.technology, u.status, u.scope, u.tense) for u in run(text, rec).technologies}


LFR = "live-facial-recognition"
FR = "facial-recognition"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The force does not use live facial recognition technology.",
            {(LFR, "not-in-use", "unspecified", "current")},
        ),
        (
            "We do not use facial recognition systems at present and we have no plans to do so.",
            {
                (FR, "not-in-use", "unspecified", "current"),
                (FR, "no-plans", "unspecified", "planned"),
            },
        ),
        (
            "The force has trialled live facial recognition at two events.",
            {(LFR, "trialled", "unspecified", "past")},
        ),
        (
            "The force will be introducing live facial recognition next year.",
            {(LFR, "planned", "unspecified", "planned")},
        ),
        (
            "The force uses facial searching through the Police National Database.",
            {("pnd-facial-search", "in-use", "unspecified", "current")},
        ),
        (
            "Officers use facial recognition in conjunction with body-worn video.",
            {("facial-recognition-body-worn-video", "in-use", "unspecified", "current")},
        ),
        (
            "The force is not currently planning to introduce operator initiated facial "
            "recognition.",
            {("operator-initiated-facial-recognition", "no-plans", "unspecified", "planned")},
        ),
    ],
)
def test_status_cues(text: str, expected: set[tuple[str, str, str, str]]) -> None:
    assert tech(text) == expected


def test_harm_reasoning_is_no_statement_of_use() -> None:
    text = (
        "Harm considerations\n\n"
        "Confirming or denying the specific circumstances in which the police service may or may "
        "not deploy the use of facial recognition would lead to an increased harm.\n"
    )
    assert tech(text) == set()


def test_requester_questions_are_not_the_forces_statements() -> None:
    text = (
        "Q1. The force has deployed live facial recognition at Oxford Circus, has it not? "
        "Does NEC supply it for £2m?\n\nQ1 response: No information held.\n"
    )
    rec = LetterRecord(source="x", sha256="", format="txt", text=text)
    q_end = text.index("\n\n")
    rec.questions = [Question(span=(0, q_end), number="Q1", text=text[4:q_end])]
    rec.answers = [Answer(span=(q_end + 2, len(text) - 1), questions=["Q1"], kind="not-held")]
    rec = run(text, rec)
    assert rec.providers == []
    assert rec.expenditure == []
    # A statement, not a yes/no question: the Q/A rule does not apply either.
    assert rec.technologies == []


def test_question_and_answer_give_not_held_with_tense() -> None:
    text = (
        "Q1. Has the force deployed live facial recognition?\n"
        "Q2. Does the force plan to deploy live facial recognition?\n"
        "Q1 response: No information held.\n"
        "Q2 response: No information held.\n"
    )
    rec = LetterRecord(source="x", sha256="", format="txt", text=text)
    starts = [text.index(f"Q{i}.") for i in (1, 2)] + [text.index(f"Q{i} response") for i in (1, 2)]
    ends = [text.index("\n", s) for s in starts]
    rec.questions = [
        Question(span=(starts[i], ends[i]), number=f"Q{i + 1}", text=text[starts[i] + 4 : ends[i]])
        for i in (0, 1)
    ]
    rec.answers = [
        Answer(span=(starts[i + 2] + 13, ends[i + 2]), questions=[f"Q{i + 1}"], kind="not-held")
        for i in (0, 1)
    ]
    assert tech(text, rec) == {
        (LFR, "not-held", "unspecified", "current"),
        (LFR, "not-held", "unspecified", "planned"),
    }


def test_covert_ncnd_gives_an_ncnd_use() -> None:
    text = (
        "In respect of covert use of live facial recognition the force can neither confirm nor "
        "deny that information is held by virtue of Section 24(2) National Security."
    )
    assert tech(text) == {(LFR, "ncnd", "covert", "current")}


def test_providers_vendor_provider_and_funder() -> None:
    text = (
        "The force uses live facial recognition. The software is supplied by NEC. "
        "The cameras were funded by the Home Office.\n\n"
        "The force uses facial searching through the Police National Database. "
        "This is provided by the Home Office.\n"
    )
    rec = run(text)
    assert [(p.name, p.technology, p.role) for p in rec.providers] == [
        ("NEC", LFR, "vendor"),
        ("Home Office", "pnd-facial-search", "provider"),
    ]
    for p in rec.providers:
        assert text[p.span[0] : p.span[1]] == p.text


def test_product_from_vendor() -> None:
    rec = run("The force uses NeoFace Watch from NEC for live facial recognition.")
    assert [(p.name, p.role) for p in rec.providers] == [("NEC", "vendor")]


@pytest.mark.parametrize(
    ("text", "amount", "year", "purpose"),
    [
        (
            "The force spent £26,345.00 on software licences in 2019/20.",
            26345.0,
            "2019/20",
            "software licences",
        ),
        ("In FY 2020/21 the force spent £1.2m on cameras.", 1200000.0, "2020/21", "cameras"),
        ("Expenditure in 2019-2020 was £200k.", 200000.0, "2019/20", None),
        (
            "A further £3 million was spent for the live facial recognition vans in 2022.",
            3000000.0,
            "2022",
            "live facial recognition vans",
        ),
    ],
)
def test_money(text: str, amount: float, year: str, purpose: str | None) -> None:
    rec = run(text)
    assert [(x.amount, x.currency, x.financial_year) for x in rec.expenditure] == [
        (amount, "GBP", year)
    ]
    if purpose is not None:
        assert rec.expenditure[0].purpose == purpose


@pytest.mark.parametrize(
    "text",
    [
        "The appropriate limit for police forces is £450, which equates to 18 hours of work.",
        "Work is costed at £25 per hour under the Fees Regulations.",
    ],
)
def test_cost_limit_is_no_money(text: str) -> None:
    assert run(text).expenditure == []


def test_money_table_by_financial_year() -> None:
    text = (
        "| Financial year | Software | Hardware |\n"
        "|---|---|---|\n"
        "| 2019/20 | £120,000 | £30,000 |\n"
        "| 2020/21 | £80,500 | £0 |\n"
    )
    rec = run(text)
    assert [(x.amount, x.financial_year, x.purpose) for x in rec.expenditure] == [
        (120000.0, "2019/20", "Software"),
        (30000.0, "2019/20", "Hardware"),
        (80500.0, "2020/21", "Software"),
        (0.0, "2020/21", "Hardware"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "12/03/2022 | Cardiff city centre | watch list 600 | alerts 3 | arrests 1",
        "12/03/2022 - Cardiff city centre - watch list 600 - alerts 3 - arrests 1",
        "On 12 March 2022 in Cardiff city centre, a watch-list of 600 images produced 3 alerts "
        "and 1 arrest.",
    ],
)
def test_deployment_layouts(text: str) -> None:
    rec = run(text + "\n")
    assert [(d.date, d.place, d.watchlist_size, d.alerts, d.arrests) for d in rec.deployments] == [
        ("2022-03-12", "Cardiff city centre", 600, 3, 1)
    ]
    assert rec.deployments[0].technology == LFR


def test_deployment_table_with_header() -> None:
    text = (
        "Date\tLocation\tWatchlist\tTrue alerts\tFalse alerts\tEngagements\tArrests\n"
        "05/03/2022\tOxford Circus\t9,756\t4\t1\t3\t2\n"
        "Total\t\t\t4\t1\t3\t2\n"
    )
    rec = run(text)
    assert [
        (d.date, d.place, d.watchlist_size, d.alerts, d.false_alerts, d.stops, d.arrests)
        for d in rec.deployments
    ] == [("2022-03-05", "Oxford Circus", 9756, 4, 1, 3, 2)]


def test_urls_trimmed_and_deduplicated() -> None:
    text = (
        "See https://www.example.police.uk/foi/log.pdf. Also (www.example.police.uk/lfr), "
        "<https://ico.org.uk/concerns/> and again https://www.example.police.uk/foi/log.pdf!"
    )
    rec = run(text)
    assert [u.url for u in rec.urls] == [
        "https://www.example.police.uk/foi/log.pdf",
        "www.example.police.uk/lfr",
        "https://ico.org.uk/concerns/",
    ]
    for u in rec.urls:
        assert text[u.span[0] : u.span[1]] == u.url


@pytest.mark.parametrize(
    ("text", "name", "technology"),
    [
        (
            "The force uses live facial recognition.\n\n"
            "| Supplier | NEC |\n| Contract end | 2025 |\n",
            "NEC",
            LFR,
        ),
        (
            "The software supplier is Idemia UK for our retrospective facial recognition.",
            "Idemia UK",
            "retrospective-facial-recognition",
        ),
    ],
)
def test_supplier_named_as_a_role(text: str, name: str, technology: str) -> None:
    rec = run(text)
    assert [(p.name, p.role, p.technology) for p in rec.providers] == [(name, "vendor", technology)]


def test_crime_figures_are_no_deployment() -> None:
    text = (
        "Between 1 May 2022 and 7 May 2022 there were 5 arrests for shoplifting.\n\n"
        "| Date | Offence | Arrests |\n|---|---|---|\n| 01/05/2022 | Theft | 3 |\n"
    )
    assert run(text).deployments == []


def test_also_used_and_two_amounts_in_one_sentence() -> None:
    text = (
        "Retrospective facial recognition is also used by the force. In the financial year "
        "2022/23 the force spent £134,000 on LFR licences and £45,500 on the maintenance of vans."
    )
    rec = run(text)
    assert ("retrospective-facial-recognition", "in-use") in {
        (u.technology, u.status) for u in rec.technologies
    }
    assert [(x.amount, x.financial_year, x.purpose) for x in rec.expenditure] == [
        (134000.0, "2022/23", "LFR licences"),
        (45500.0, "2022/23", "maintenance of vans"),
    ]


def test_searches_carried_out_on_a_system_managed_by_the_home_office() -> None:
    text = (
        "Answer: West Yorkshire Police does not use Live Facial Recognition. However, "
        "retrospective facial recognition searches are carried out using the Police National "
        "Database (PND), a national system managed by the Home Office."
    )
    rec = run(text)
    assert {(u.technology, u.status) for u in rec.technologies} == {
        (LFR, "not-in-use"),
        ("retrospective-facial-recognition", "in-use"),
    }
    assert [(p.name, p.role) for p in rec.providers] == [("Home Office", "provider")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "We use retrospective facial recognition software from Cognitec.",
            [("Cognitec", "vendor", "retrospective-facial-recognition")],
        ),
        (
            "The LFR vans were purchased from Facewatch Ltd in 2021.",
            [("Facewatch Ltd", "vendor", LFR)],
        ),
        ("The cameras were funded by the Home Office.", []),
        ("Funding for the live facial recognition system came from the Home Office.", []),
    ],
)
def test_more_supplier_wordings_and_funders(text: str, expected: list[tuple]) -> None:
    assert [(p.name, p.role, p.technology) for p in run(text).providers] == expected
