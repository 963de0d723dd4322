"""The reference CSVs: well formed, and they round-trip CSV -> Turtle -> CSV field by field.

The rows are rebuilt from each generated Turtle file alone (kg.vocab's readers), so every CSV
value must survive in the graph. RDF keeps no order among the values of one property, so the
multi-valued cells (alternative names, source URLs, NCND subsections) compare as sorted lists.
"""

from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path

import pytest
from rdflib import Graph

from kg import gazetteer, ids, terms, vocab
from kg.paths import REFERENCE_DIR, VOCAB_DIR

FORCES_CSV = REFERENCE_DIR / "police_forces.csv"
BODIES_CSV = REFERENCE_DIR / "public_bodies.csv"
SECTIONS_CSV = REFERENCE_DIR / "foia_sections.csv"
TIMELINE_CSV = REFERENCE_DIR / "uk_threat_levels.csv"

MULTI = {"alt_names": ";", "source_url": " ; ", "ncnd_subsection": ";", "wikidata": ";"}


def read(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def graph(name: str) -> Graph:
    return Graph().parse(VOCAB_DIR / name, format="turtle")


def normalise(field: str, value: str) -> str | list[str]:
    if field in MULTI:
        return sorted(v.strip() for v in value.split(MULTI[field]) if v.strip())
    return value


def assert_round_trip(csv_rows: list[dict[str, str]], graph_rows: list[dict[str, str]],
                      key: str, source: str) -> None:
    expected = {r[key]: r for r in csv_rows}
    got = {r[key]: r for r in graph_rows}
    assert sorted(got) == sorted(expected), f"{source}: rows differ: {set(got) ^ set(expected)}"
    problems = []
    for k, row in expected.items():
        assert list(got[k]) == list(row), f"{source}: columns {list(got[k])} != {list(row)}"
        for field, value in row.items():
            if normalise(field, value) != normalise(field, got[k][field]):
                problems.append(f"{source} {key}={k} {field}: {value!r} != {got[k][field]!r}")
    assert not problems, "\n".join(problems)


def test_police_forces_round_trip() -> None:
    assert_round_trip(read(FORCES_CSV), vocab.body_rows(graph("forces.ttl"), forces=True),
                      "id", FORCES_CSV.name)


def test_public_bodies_round_trip() -> None:
    assert_round_trip(read(BODIES_CSV), vocab.body_rows(graph("forces.ttl"), forces=False),
                      "id", BODIES_CSV.name)


def test_foia_sections_round_trip() -> None:
    assert_round_trip(read(SECTIONS_CSV), vocab.section_rows(graph("foia-sections.ttl")),
                      "section", SECTIONS_CSV.name)


def test_threat_timeline_round_trip() -> None:
    assert_round_trip(read(TIMELINE_CSV), vocab.timeline_rows(graph("timeline.ttl")),
                      "start_date", TIMELINE_CSV.name)


def test_a_lost_value_breaks_the_round_trip() -> None:
    g = graph("forces.ttl")
    from rdflib import Literal
    from rdflib.namespace import SKOS

    node = ids.force_iri("kent-police")
    g.remove((node, SKOS.altLabel, Literal("Kent", lang="en")))
    with pytest.raises(AssertionError, match="kent-police alt_names"):
        assert_round_trip(read(FORCES_CSV), vocab.body_rows(g, forces=True), "id", "x")


# --- forces and bodies -------------------------------------------------------------------


def all_body_rows() -> list[dict[str, str]]:
    return read(FORCES_CSV) + read(BODIES_CSV)


def test_same_columns_in_both_body_files() -> None:
    with FORCES_CSV.open(encoding="utf-8") as a, BODIES_CSV.open(encoding="utf-8") as b:
        assert a.readline() == b.readline()


def test_ids_are_unique_slugs() -> None:
    rows = all_body_rows()
    body_ids = [r["id"] for r in rows]
    assert len(body_ids) == len(set(body_ids)), "duplicate ids across the body CSVs"
    for i in body_ids:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", i), f"id {i!r} is not a slug"


def test_england_and_wales_forces_have_ons_codes() -> None:
    ew = [r for r in read(FORCES_CSV)
          if r["kind"] == "territorial" and r["country"] in ("England", "Wales")]
    assert len(ew) == 43
    for r in ew:
        pattern = r"E23\d{6}" if r["country"] == "England" else r"W15\d{6}"
        assert re.fullmatch(pattern, r["ons_code"]), f"{r['id']}: ONS code {r['ons_code']!r}"
    assert len({r["ons_code"] for r in ew}) == 43
    others = [r for r in all_body_rows() if r not in ew]
    assert all(r["ons_code"] == "" for r in others), "only E&W force areas carry ONS codes"


def test_wikidata_ids() -> None:
    qids = [r["wikidata"] for r in all_body_rows() if r["wikidata"]]
    assert all(re.fullmatch(r"Q[0-9]+", q) for q in qids), qids
    assert len(qids) == len(set(qids)), "two bodies share a Wikidata id"
    for r in read(BODIES_CSV):
        if not r["wikidata"]:
            assert "Wikidata id not verified" in r["notes"], f"{r['id']}: say why it is blank"


def test_kinds_are_body_kind_concepts() -> None:
    kinds = set(vocab.scheme("body-kind").slugs())
    force_kinds = {"territorial", "special", "national"}
    for r in read(FORCES_CSV):
        assert r["kind"] in force_kinds, r["id"]
    for r in read(BODIES_CSV):
        assert r["kind"] in kinds - force_kinds, r["id"]


def test_every_commissioner_area_has_a_row() -> None:
    bodies = read(BODIES_CSV)
    commissioners = [b for b in bodies if b["kind"] == "police-and-crime-commissioner"]
    overseen = {m for b in commissioners for m in re.findall(r"force id ([a-z0-9-]+)", b["notes"])}
    ew = {r["id"] for r in read(FORCES_CSV) if r["country"] in ("England", "Wales")}
    assert ew - overseen == {"city-of-london-police"}  # its police authority is the Corporation
    assert overseen <= ew
    names = {b["id"] for b in bodies}
    assert {"mopac", "scottish-police-authority", "northern-ireland-policing-board",
            "national-police-chiefs-council", "college-of-policing", "home-office",
            "biometrics-and-surveillance-camera-commissioner",
            "information-commissioners-office", "hmicfrs"} <= names


def test_gazetteer_reads_both_files() -> None:
    assert gazetteer.by_id("home-office").kind == "government-department"
    assert len(gazetteer.all_bodies()) == len(all_body_rows())


def test_websites_have_no_scheme() -> None:
    # The CSV convention: host and path only; the graph adds https://.
    for r in all_body_rows():
        assert "://" not in r["website"], r["id"]


# --- sections and timeline ---------------------------------------------------------------


def test_section_uris_follow_the_legislation_pattern() -> None:
    for r in read(SECTIONS_CSV):
        assert r["legislation_uri"] == str(ids.section_iri(r["section"])), r["section"]


def test_timeline_csv_is_contiguous() -> None:
    rows = read(TIMELINE_CSV)
    for r in rows:
        assert r["level"] in terms.THREAT_LEVELS
        date.fromisoformat(r["start_date"])
    for a, b in zip(rows, rows[1:], strict=False):
        assert a["end_date"] == b["start_date"]
    assert rows[-1]["end_date"] == ""


def test_sources_md_covers_every_csv() -> None:
    text = (REFERENCE_DIR / "SOURCES.md").read_text(encoding="utf-8")
    for path in REFERENCE_DIR.glob("*.csv"):
        assert path.name in text, f"SOURCES.md does not describe {path.name}"


def test_sources_md_row_counts_are_current() -> None:
    text = (REFERENCE_DIR / "SOURCES.md").read_text(encoding="utf-8")
    for name, count in re.findall(r"^\| `([a-z_]+\.csv)` \| (\d+) \|", text, flags=re.M):
        assert len(read(REFERENCE_DIR / name)) == int(count), f"SOURCES.md: {name} row count"
