"""What the golden files must say, read against the five sample letters by hand.

These are the facts a reader checks in ``examples/letters``; the golden CSVs pin every row,
these tests say which rows matter and why.
"""

from __future__ import annotations

from typing import Any

from kg.queries import run

FIVE_FORCES = {
    "Dyfed-Powys Police",
    "West Midlands Police",
    "Avon and Somerset Police",
    "Hertfordshire Constabulary",
    "Warwickshire Police",
}


def test_ncnd_covert_lists_the_five_forces_with_24_2_and_31_3(disk_store: Any) -> None:
    rows = run("ncnd-covert", disk_store).records()
    assert {r["force"] for r in rows} == FIVE_FORCES
    assert all(r["sections"] == "24(2), 31(3)" for r in rows)
    # Newest first: Warwickshire (request of 20 Feb 2023) leads, undated letters come last.
    assert rows[0]["force"] == "Warwickshire Police"
    assert [r.get("date") for r in rows][-2:] == [None, None]


def test_technology_status_avon_uses_pnd_facial_search_from_the_home_office(
    disk_store: Any,
) -> None:
    rows = run("technology-status", disk_store).records()
    avon = [r for r in rows if r["force"] == "Avon and Somerset Police"]
    assert {
        "technology": "pnd-facial-search",
        "status": "in-use",
        "providers": "Home Office",
        "reference": "992/20",
    }.items() <= next(r for r in avon if r["technology"] == "pnd-facial-search").items()
    # "We do not use any facial recognition software."
    assert ("facial-recognition", "not-in-use") in {(r["technology"], r["status"]) for r in avon}
    # No other force says it uses anything.
    assert {r["force"] for r in rows if r["status"] == "in-use"} == {"Avon and Somerset Police"}


def test_technology_status_is_newest_letter_first(disk_store: Any) -> None:
    dates = [r.get("date") for r in run("technology-status", disk_store).records()]
    dated = [d for d in dates if d]
    assert dated == sorted(dated, reverse=True)
    assert dates.index(None) == len(dated)  # undated letters after every dated one


def test_threat_level_claims_against_the_timeline(disk_store: Any) -> None:
    rows = run("threat-level-claims", disk_store).records()
    current = {r["force"]: r for r in rows if r["claim"] == "current"}
    assert set(current) == FIVE_FORCES
    # Hertfordshire, 15 January 2018: "the current threat level is set at 'severe'"; the
    # official level from 17 Sep 2017 to 4 Nov 2019 was severe.
    herts = current["Hertfordshire Constabulary"]
    assert (herts["claimed_level"], herts["official_level"], herts["agrees"]) == (
        "severe",
        "severe",
        "yes",
    )
    # Warwickshire (request 20 Feb 2023) and Avon and Somerset (request 5 Oct 2020): substantial.
    for force in ("Warwickshire Police", "Avon and Somerset Police"):
        assert current[force]["official_level"] == "substantial"
        assert current[force]["agrees"] == "yes"
    # The two undated letters cannot be checked.
    assert current["Dyfed-Powys Police"]["agrees"] == "unknown"
    assert current["West Midlands Police"]["agrees"] == "unknown"
    historical = [r for r in rows if r["claim"] == "historical"]
    assert {r["claimed_level"] for r in historical} == {"severe"}
    assert {r["since"] for r in historical} == {"2006"}


def test_exemptions_by_force(disk_store: Any) -> None:
    rows = run("exemptions-by-force", disk_store).records()
    assert {(r["force"], r["section"]) for r in rows} == {
        (f, s) for f in FIVE_FORCES for s in ("24(2)", "31(3)")
    }
    s31 = next(r for r in rows if r["section"] == "31(3)")
    assert (s31["exemption_type"], s31["harm_test"]) == ("qualified", "prejudice")


def test_coverage_lists_every_gazetteer_force_including_zero(disk_store: Any) -> None:
    from kg.gazetteer import forces

    rows = run("coverage", disk_store).records()
    assert len(rows) == len(forces())
    held = {r["force"]: r["letters"] for r in rows if r["letters"]}
    assert held == dict.fromkeys(FIVE_FORCES, 1)
    assert sum(1 for r in rows if r["letters"] == 0) == len(forces()) - 5


def test_requests_by_year(disk_store: Any) -> None:
    rows = {r["year"]: r["letters"] for r in run("requests-by-year", disk_store).records()}
    # Hertfordshire received 13 Dec 2017; Avon and Somerset 5 Oct 2020; Warwickshire 20 Feb 2023.
    assert rows == {"2017": 1, "2020": 1, "2023": 1, "undated": 2}


def test_providers_and_answer_kinds(disk_store: Any) -> None:
    providers = run("providers", disk_store).records()
    assert [(p["provider"], p["force"]) for p in providers] == [
        ("Home Office", "Avon and Somerset Police")
    ]
    kinds = {r["kind"]: r for r in run("answer-kinds", disk_store).records()}
    assert kinds["disclosed"]["questions"] == 1  # Avon and Somerset's single question
    assert kinds["not-held"]["letters"] == 4


def test_questions_groups_identical_wording(disk_store: Any) -> None:
    rows = run("questions", disk_store).records()
    top = rows[0]
    # Warwickshire asks Q7a, Q8a, Q9a and Q10a in the same words.
    assert top["wording"].startswith("If so, please provide dates and locations for each known")
    assert top["asked"] == 4
    assert sum(r["asked"] for r in rows) == 6 + 9 + 1 + 6 + 24


def test_letter_by_reference_and_by_force(disk_store: Any) -> None:
    by_ref = run("letter", disk_store, {"reference": "992/20"}).records()
    assert {r["force"] for r in by_ref} == {"Avon and Somerset Police"}
    assert ("supply", "Home Office: pnd-facial-search") in {(r["fact"], r["value"]) for r in by_ref}
    by_force = run("letter", disk_store, {"force": "Avon and Somerset Police"}).records()
    assert by_force == by_ref
    assert run("letter", disk_store, {"reference": "FOI2017/01696".lower()}).rows  # case ignored


def test_letters_live_in_named_graphs_and_queries_read_their_union(disk_store: Any) -> None:
    import pyoxigraph as ox

    from kg.sparql import oxigraph_store

    store = oxigraph_store(disk_store)
    assert store is not None
    ask = "ASK { ?r a <https://w3id.org/foi-kg/ontology#Response> }"
    assert not bool(store.query(ask))  # nothing of a letter sits in the default graph
    graphs = {g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode)}
    responses = {str(t) for t in run("ncnd-covert", disk_store).column("response")}
    assert responses <= graphs  # each row's letter is a named graph of its own
