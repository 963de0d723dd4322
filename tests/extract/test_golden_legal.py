"""Golden tests: the five sample letters, legal / threat / facts fields value by value.

Expected values were worked out by reading each letter; the comments quote the evidence.
The letters go through the whole pipeline (``extract_path``), as ``kg extract`` runs them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.extract import extract_path
from kg.model import LetterRecord

LETTERS = Path(__file__).resolve().parents[2] / "examples" / "letters"


@pytest.fixture(scope="module")
def recs() -> dict[str, LetterRecord]:
    out = {}
    for prefix in ("000", "001", "002", "003", "004"):
        (path,) = LETTERS.glob(f"{prefix}_*.txt")
        out[prefix] = extract_path(path, curate=False)
    return out


def _evidence(rec: LetterRecord, item: object) -> str:
    s, e = item.span  # type: ignore[attr-defined]
    assert 0 <= s < e <= len(rec.text)
    return rec.text[s:e]


def _exemptions(rec: LetterRecord) -> list[tuple[str, str | None, bool, str | None]]:
    return [(c.section, c.title, c.ncnd, c.scope) for c in rec.exemptions]


def _tech(rec: LetterRecord) -> set[tuple[str, str, str, str]]:
    return {(u.technology, u.status, u.scope, u.tense) for u in rec.technologies}


def _pi(rec: LetterRecord) -> list[tuple[str | None, str, str]]:
    return [(p.section, p.direction, p.text[:40]) for p in rec.public_interest]


LFR = "live-facial-recognition"
RFR = "retrospective-facial-recognition"
OIFR = "operator-initiated-facial-recognition"
BWV = "facial-recognition-body-worn-video"
FR = "facial-recognition"
PND = "pnd-facial-search"


# ---------------------------------------------------------------- every letter


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_all_five_ncnd_on_covert_use_under_24_2_and_31_3(
    recs: dict[str, LetterRecord], prefix: str
) -> None:
    rec = recs[prefix]
    assert [(c.section, c.ncnd, c.scope) for c in rec.exemptions] == [
        ("24(2)", True, "covert-use"),
        ("31(3)", True, "covert-use"),
    ]
    assert rec.ncnd_covert is True
    assert len(rec.ncnd) == 1
    (st,) = rec.ncnd
    assert st.scope == "covert-use"
    assert st.sections == ["24(2)", "31(3)"]
    assert st.partial is False
    assert st.questions == []
    assert _evidence(rec, st) == st.text
    assert "confirm" in st.text and "den" in st.text
    assert rec.balance is not None and rec.balance.outcome == "maintain-exemption"
    assert _evidence(rec, rec.balance) == rec.balance.text
    for item in (*rec.harm, *rec.public_interest):
        assert _evidence(rec, item) == item.text
    for h in rec.harm:
        assert h.sections == ["24", "31"]
    assert rec.providers == [] or prefix == "002"
    assert rec.expenditure == []
    assert rec.deployments == []
    assert not [w for w in rec.warnings if "internal error" in w]


@pytest.mark.parametrize(
    ("prefix", "overt_only"),
    [("000", True), ("001", False), ("002", False), ("003", False), ("004", True)],
)
def test_overt_only(recs: dict[str, LetterRecord], prefix: str, overt_only: bool) -> None:
    # 000: "all of the above responses relate to overt use only"
    # 004: "With regard to overt use, no information held."
    # 003 says "overtly in the future" of plans only: not an overt-only statement.
    assert recs[prefix].overt_only is overt_only


@pytest.mark.parametrize(
    ("prefix", "level", "phrase"),
    [
        ("000", "substantial", "the current threat level is set at Substantial"),
        ("001", "severe", "the current threat level is set at ‘severe’"),
        ("002", "substantial", "the current threat level is set at ‘substantial’"),
        ("003", "severe", "the current threat level is set at 'severe'"),
        ("004", "substantial", "that threat is currently categorised as ‘substantial’"),
    ],
)
def test_threat_level(recs: dict[str, LetterRecord], prefix: str, level: str, phrase: str) -> None:
    claim = recs[prefix].threat_level
    assert claim is not None
    assert claim.level == level
    assert phrase in claim.text
    assert _evidence(recs[prefix], claim) == claim.text


# ---------------------------------------------------------------- 000 Dyfed-Powys


def test_000_legal(recs: dict[str, LetterRecord]) -> None:
    rec = recs["000"]
    assert _exemptions(rec) == [
        ("24(2)", "National Security", True, "covert-use"),
        ("31(3)", "Law Enforcement", True, "covert-use"),
    ]
    assert rec.ncnd[0].technology == FR  # "... covert facial recognition software, ..."
    assert rec.ncnd[0].text.startswith("In addition, with regards to any information")
    assert [h.text[:30] for h in rec.harm] == [
        "Any disclosure under the FOI A",
        "The threat from terrorism cann",
        "It is well established that po",
    ]
    assert _pi(rec) == [
        ("24", "favouring", "The public are entitled to know how publ"),
        ("24", "against", "By confirming or denying the use or purc"),
        ("31", "favouring", "Confirming or denying whether any other "),
        ("31", "against", "By confirming or denying that any other "),
    ]
    # The last factor runs across a stray blank line ("prevention or\n\ndetection of crime").
    assert "detection of crime" in rec.public_interest[-1].text
    assert rec.balance is not None
    assert rec.balance.text.startswith("Therefore it is our opinion")
    assert rec.balance.text.endswith("is not made out.")


def test_000_threat_history(recs: dict[str, LetterRecord]) -> None:
    (claim,) = recs["000"].threat_history
    assert claim.baseline_level == "severe"
    assert claim.since == "2006"
    assert claim.stated_count == 3  # "three short periods"
    assert [(p.level, p.label, p.start, p.end) for p in claim.periods] == [
        ("critical", "August 2006", "2006-08", "2006-08"),
        ("critical", "June and July 2007", "2007-06", "2007-07"),
        ("critical", "May and June 2017", "2017-05", "2017-06"),
    ]
    assert claim.text.startswith("Since 2006, the UK Government has published the threat level")


def test_000_technologies(recs: dict[str, LetterRecord]) -> None:
    # "Dyfed-Powys Police does not use live facial recognition technology"; "no current plans
    # in place to introduce the use of Facial Recognition Technology" where the request was
    # clarified as "in relation to the use of Live Facial Recognition Technology"; NCND on
    # covert use; "all of the above responses relate to overt use only".
    assert _tech(recs["000"]) == {
        (LFR, "not-in-use", "overt", "current"),
        (LFR, "no-plans", "overt", "planned"),
        (FR, "ncnd", "covert", "current"),
    }
    assert recs["000"].urls == []


# ---------------------------------------------------------------- 001 West Midlands


def test_001_legal(recs: dict[str, LetterRecord]) -> None:
    rec = recs["001"]
    assert _exemptions(rec) == [
        ("24(2)", "National Security", True, "covert-use"),
        ("31(3)", "Law enforcement", True, "covert-use"),
    ]
    # "can neither confirm nor deny that it holds any other information relevant to this
    # request" after an answer: covert use, although the sentence names no technology.
    assert rec.ncnd[0].technology is None
    assert [h.text[:30] for h in rec.harm] == ["Any disclosure under FOI is a "]
    # Factors are classified by their headings ("S31 Factors Favouring Confirmation or Denial").
    assert _pi(rec) == [
        ("31", "favouring", "Confirming or denying the specific circu"),
        ("31", "against", "The threat from terrorism cannot be igno"),
        ("24", "favouring", "It is well established that police force"),
        ("24", "against", "Confirming or denying whether any inform"),
        ("24", "against", "Any information identifying the focus of"),
    ]
    assert rec.balance is not None
    assert rec.balance.text.startswith(
        "It is for these reasons that the Public Interest must favour"
    )


def test_001_threat_history_relative_year(recs: dict[str, LetterRecord]) -> None:
    rec = recs["001"]
    assert rec.response_date is None  # so "last year" counts from the reference 13457_18
    (claim,) = rec.threat_history
    assert claim.baseline_level == "severe"
    assert claim.since == "2006"
    assert claim.stated_count == 2  # "two short periods", although three are listed
    assert [(p.level, p.label, p.start, p.end) for p in claim.periods] == [
        ("critical", "August 2006", "2006-08", "2006-08"),
        ("critical", "June and July 2007", "2007-06", "2007-07"),
        ("critical", "May and June last year", "2017-05", "2017-06"),
    ]


def test_001_technologies_and_urls(recs: dict[str, LetterRecord]) -> None:
    # "We do not use facial recognition systems at present and we have no plans to do so."
    assert _tech(recs["001"]) == {
        (FR, "not-in-use", "unspecified", "current"),
        (FR, "no-plans", "unspecified", "planned"),
        (FR, "ncnd", "covert", "current"),
    }
    assert [u.url for u in recs["001"].urls] == [
        "http://www.west-midlands.police.uk/docs/advice-centre/foi/exemptions.pdf"
    ]
    u = recs["001"].urls[0]
    assert _evidence(recs["001"], u) == u.url


# ---------------------------------------------------------------- 002 Avon and Somerset


def test_002_legal(recs: dict[str, LetterRecord]) -> None:
    rec = recs["002"]
    assert _exemptions(rec) == [
        ("24(2)", "National Security", True, "covert-use"),
        ("31(3)", "Law Enforcement", True, "covert-use"),
    ]
    assert rec.ncnd[0].technology == FR  # "covert use of automatic facial recognition"
    assert [h.text[:30] for h in rec.harm] == [
        "Any disclosure under the Freed",
        "The threat from terrorism cann",
        "It is well established that po",
        "Confirming or denying whether ",
        "Any information identifying th",
    ]
    assert _pi(rec) == [
        ("24", "favouring", "The public is entitled to know where the"),
        ("24", "against", "By confirming or denying the use of spec"),
        ("31", "favouring", "Better awareness may reduce crime or lea"),
        ("31", "against", "By confirming or denying whether such te"),
    ]
    assert rec.threat_history == []


def test_002_technologies_and_provider(recs: dict[str, LetterRecord]) -> None:
    rec = recs["002"]
    # "uses facial searching through the Police National Database. This is provided by the
    # Home Office. We do not use any facial recognition software."
    assert _tech(rec) == {
        (PND, "in-use", "unspecified", "current"),
        (FR, "not-in-use", "unspecified", "current"),
        (FR, "ncnd", "covert", "current"),
    }
    assert [(p.name, p.technology, p.role) for p in rec.providers] == [
        ("Home Office", PND, "provider")
    ]
    assert _evidence(rec, rec.providers[0]) == "This is provided by the Home Office."
    assert rec.urls == []


# ---------------------------------------------------------------- 003 Hertfordshire


def test_003_legal(recs: dict[str, LetterRecord]) -> None:
    rec = recs["003"]
    assert _exemptions(rec) == [
        ("24(2)", "National Security", True, "covert-use"),
        ("31(3)", "Law Enforcement", True, "covert-use"),
    ]
    assert rec.ncnd[0].text.startswith("Hertfordshire Constabulary neither confirms nor denies")
    assert [h.text[:30] for h in rec.harm] == [
        "Any disclosure under the Freed",
        "It is well established that po",
        "The threat from terrorism cann",
    ]
    # "## Section 24" then "### Factors in favour of compliance with Section 1 (1)(a)":
    # the section comes from the heading before; 1(1)(a) is no exemption.
    assert _pi(rec) == [
        ("24", "favouring", "The public are entitled to know where pu"),
        ("24", "against", "Criminals would be able to identify the "),
        ("24", "against", "Confirming or denying whether any inform"),
        ("24", "against", "Since 2006, the UK Government has publis"),
        ("31", "favouring", "Better awareness of police resources wil"),
        ("31", "against", "Confirming or denying the specific circu"),
        ("31", "against", "In addition to the local criminal frater"),
        ("31", "against", "It may also suggest the limitations of p"),
    ]
    assert rec.balance is not None
    assert rec.balance.text == (
        "The public interest does not supersede the need to maintain operational integrity at "
        "this time."
    )


def test_003_threat_history(recs: dict[str, LetterRecord]) -> None:
    (claim,) = recs["003"].threat_history
    assert (claim.baseline_level, claim.since, claim.stated_count) == ("severe", "2006", 2)
    assert [(p.label, p.start, p.end) for p in claim.periods] == [
        ("August 2006", "2006-08", "2006-08"),
        ("June and July 2007", "2007-06", "2007-07"),
        ("May and June 2017", "2017-05", "2017-06"),
    ]
    assert {p.level for p in claim.periods} == {"critical"}


def test_003_technologies_and_urls(recs: dict[str, LetterRecord]) -> None:
    # "is not currently using facial recognition technology and no record is held concerning
    # the introduction of facial recognition systems overtly in the future"
    assert _tech(recs["003"]) == {
        (FR, "not-in-use", "unspecified", "current"),
        (FR, "not-held", "overt", "planned"),
        (FR, "ncnd", "covert", "current"),
    }
    assert [u.url for u in recs["003"].urls] == ["https://ico.org.uk/concerns/"]


# ---------------------------------------------------------------- 004 Warwickshire


def test_004_legal(recs: dict[str, LetterRecord]) -> None:
    rec = recs["004"]
    assert rec.ncnd[0].text.startswith("In addition, Warwickshire Police can neither confirm")
    assert rec.ncnd[0].technology == FR
    assert [h.text[:30] for h in rec.harm] == [
        "Any disclosure under FOI is a ",
        "Confirming or denying the spec",
        "The threat from terrorism cann",
        "The UK continues to face a sus",
        "Confirming or denying whether ",
    ]
    assert _pi(rec) == [
        ("24", "favouring", "Confirming or denying that any other inf"),
        ("24", "against", "To confirm or deny whether Warwickshire "),
        ("31", "favouring", "Confirming or denying whether any furthe"),
        ("31", "against", "By confirming or denying whether any fur"),
    ]
    assert rec.threat_history == []  # "Since 2006 ... published the threat level" names no levels


def test_004_technologies_from_questions_and_answers(recs: dict[str, LetterRecord]) -> None:
    # Q1-Q4 "Has Warwickshire Police deployed ...?" and Q7-Q10 "Does ... plan to deploy ...?"
    # answered "No information held" / "With regard to overt use, no information held".
    expected = {
        (t, "not-held", "overt", tense)
        for t in (LFR, RFR, OIFR, BWV)
        for tense in ("current", "planned")
    }
    expected.add((FR, "ncnd", "covert", "current"))
    assert _tech(recs["004"]) == expected
    assert [u.url for u in recs["004"].urls] == ["https://www.mi5.gov.uk/threat-levels"]
