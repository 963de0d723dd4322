"""Golden tests for technologies, providers, money, deployments and URLs of invented letters
11-22, through the whole pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.extract import extract_path
from kg.model import LetterRecord

INVENTED = Path(__file__).resolve().parents[1] / "letters" / "invented"
LFR = "live-facial-recognition"
RFR = "retrospective-facial-recognition"
OIFR = "operator-initiated-facial-recognition"
FR = "facial-recognition"
PND = "pnd-facial-search"


@pytest.fixture(scope="module")
def recs() -> dict[str, LetterRecord]:
    out = {}
    for n in range(11, 23):
        (path,) = INVENTED.glob(f"{n}_*.txt")
        out[str(n)] = extract_path(path, curate=False)
    return out


def _tech(rec: LetterRecord) -> set[tuple[str, str, str, str]]:
    return {(u.technology, u.status, u.scope, u.tense) for u in rec.technologies}


@pytest.mark.parametrize("n", [str(i) for i in range(11, 23)])
def test_facts_spans_are_evidence(recs: dict[str, LetterRecord], n: str) -> None:
    rec = recs[n]
    for item in (*rec.technologies, *rec.providers, *rec.expenditure, *rec.deployments):
        s, e = item.span
        assert rec.text[s:e] == item.text
    for u in rec.urls:
        assert rec.text[u.span[0] : u.span[1]] == u.url


def test_11_lfr_force_discloses_table_money_and_vendor(recs: dict[str, LetterRecord]) -> None:
    rec = recs["11"]
    assert _tech(rec) == {
        (LFR, "in-use", "unspecified", "current"),
        (LFR, "trialled", "unspecified", "past"),
    }
    assert [
        (
            d.date,
            d.place,
            d.watchlist_size,
            d.alerts,
            d.false_alerts,
            d.stops,
            d.arrests,
            d.technology,
        )
        for d in rec.deployments
    ] == [
        ("2022-03-12", "Northampton town centre", 600, 3, 1, 2, 1, LFR),
        ("2022-07-09", "Silverstone (British Grand Prix)", 1250, 5, 0, 4, 2, LFR),
        ("2022-11-26", "Kettering High Street", 480, 0, 0, 0, 0, LFR),
        ("2023-03-18", "Corby Willow Place", 712, 2, 1, 1, 0, LFR),
    ]  # the "Total" row is no deployment
    assert [(x.amount, x.financial_year, x.purpose, x.technology) for x in rec.expenditure] == [
        (48000.0, "2021/22", "Software licences", LFR),
        (112500.0, "2021/22", "Cameras and hardware", LFR),
        (52300.0, "2022/23", "Software licences", LFR),
        (0.0, "2022/23", "Cameras and hardware", LFR),
        (7500.0, "2022/23", "training for operators", LFR),
    ]
    # NEC is the vendor; the Home Office only funded the cameras; Cognitec and Facewatch are
    # named only in the requester's question.
    assert [(p.name, p.role, p.technology) for p in rec.providers] == [
        ("NEC", "vendor", LFR),
        ("NEC Software Solutions UK Ltd", "vendor", LFR),
    ]
    assert [u.url for u in rec.urls] == ["www.northants.police.uk/lfr"]


def test_12_prose_deployments_and_partial_ncnd(recs: dict[str, LetterRecord]) -> None:
    rec = recs["12"]
    assert _tech(rec) == {
        (LFR, "trialled", "unspecified", "past"),
        (RFR, "in-use", "unspecified", "current"),
        (FR, "ncnd", "covert", "current"),
    }
    assert [
        (d.date, d.place, d.watchlist_size, d.alerts, d.false_alerts, d.stops, d.arrests)
        for d in rec.deployments
    ] == [
        ("2023-02-04", "Chelmsford High Street", 1127, 6, 1, 5, 3),
        ("2023-03-18", "Southend seafront", 904, 2, 0, 2, 1),
    ]
    assert [(p.name, p.role, p.technology) for p in rec.providers] == [
        ("Home Office", "provider", PND)
    ]
    assert rec.expenditure == []


def test_13_no_use_read_from_a_document_request(recs: dict[str, LetterRecord]) -> None:
    # The request asks for briefings "about the use of facial recognition": it is no question
    # about use, and the whole-request NCND names no technology.
    assert recs["13"].technologies == []


def test_14_rfr_in_use_lfr_not_and_no_money(recs: dict[str, LetterRecord]) -> None:
    rec = recs["14"]
    assert _tech(rec) == {
        (RFR, "in-use", "unspecified", "current"),
        (LFR, "not-in-use", "unspecified", "current"),
        (LFR, "no-plans", "unspecified", "planned"),
    }
    assert [(p.name, p.role, p.technology) for p in rec.providers] == [
        ("Home Office", "provider", RFR)
    ]
    assert rec.expenditure == []  # "There is no cost to the force"; "1,482 searches" is no money
    assert rec.deployments == []
    assert [u.url for u in rec.urls] == ["https://ico.org.uk/make-a-complaint/"]


def test_15_planned_trial(recs: dict[str, LetterRecord]) -> None:
    assert _tech(recs["15"]) == {
        (RFR, "in-use", "unspecified", "current"),
        (LFR, "planned", "unspecified", "planned"),  # "plans to trial live facial recognition"
    }


def test_16_oifr_vendor_and_budget(recs: dict[str, LetterRecord]) -> None:
    rec = recs["16"]
    assert _tech(rec) == {(OIFR, "in-use", "unspecified", "current")}
    assert [(p.name, p.role, p.technology) for p in rec.providers] == [
        ("NEC Software Solutions UK Ltd", "vendor", OIFR)
    ]
    assert [(x.amount, x.financial_year) for x in rec.expenditure] == [(3200000.0, "2023/24")]


@pytest.mark.parametrize("n", ["17", "18"])
def test_cost_limit_is_not_expenditure(recs: dict[str, LetterRecord], n: str) -> None:
    assert recs[n].expenditure == []


def test_17_18_statements_beside_a_refusal(recs: dict[str, LetterRecord]) -> None:
    assert _tech(recs["17"]) == {(LFR, "not-in-use", "unspecified", "current")}
    # "does not use live facial recognition or operator initiated facial recognition, and has
    # no plans to introduce either"
    assert _tech(recs["18"]) == {
        (LFR, "not-in-use", "unspecified", "current"),
        (OIFR, "not-in-use", "unspecified", "current"),
        (LFR, "no-plans", "unspecified", "planned"),
        (OIFR, "no-plans", "unspecified", "planned"),
    }


def test_19_overt_statements_and_covert_ncnd(recs: dict[str, LetterRecord]) -> None:
    assert _tech(recs["19"]) == {
        (FR, "not-in-use", "overt", "current"),
        (FR, "no-plans", "overt", "planned"),
        (FR, "ncnd", "covert", "current"),
    }


def test_20_rfr_through_pnd_provided_by_home_office(recs: dict[str, LetterRecord]) -> None:
    rec = recs["20"]
    assert _tech(rec) == {
        (LFR, "not-in-use", "unspecified", "current"),
        (OIFR, "not-in-use", "unspecified", "current"),
        (RFR, "in-use", "unspecified", "current"),
        (PND, "in-use", "unspecified", "current"),
    }
    assert [(p.name, p.role, p.technology) for p in rec.providers] == [
        ("Home Office", "provider", PND)
    ]


def test_21_answers_in_a_table(recs: dict[str, LetterRecord]) -> None:
    rec = recs["21"]
    assert _tech(rec) == {
        (LFR, "not-in-use", "unspecified", "current"),
        (RFR, "in-use", "unspecified", "current"),  # "Yes, through the Police National Database."
    }
    assert [(x.amount, x.financial_year, x.purpose) for x in rec.expenditure] == [
        (0.0, "2018/19", None),
        (12480.5, "2019/20", "image enhancement software"),
        (9995.0, "2020/21", "staff training"),
    ]


def test_22_not_in_use_and_not_planning(recs: dict[str, LetterRecord]) -> None:
    assert _tech(recs["22"]) == {
        (FR, "not-in-use", "unspecified", "current"),
        (FR, "no-plans", "unspecified", "planned"),
        (FR, "ncnd", "covert", "current"),
    }
