"""Output formats: CSV a spreadsheet opens, SPARQL 1.1 JSON results, records, Markdown."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from rdflib import BNode, Literal, URIRef

from kg.queries import discover, run
from kg.results import FORMATS, render, to_records, to_sparql_json
from kg.sparql import Result, execute, from_json_term

NAMES = sorted(discover())
XSD = "http://www.w3.org/2001/XMLSchema#"


def assert_sparql_json(doc: dict[str, Any]) -> None:
    """The shape required by SPARQL 1.1 Query Results JSON Format, section 3."""
    assert set(doc) == {"head", "results"}
    variables = doc["head"]["vars"]
    assert isinstance(variables, list) and all(isinstance(v, str) for v in variables)
    bindings = doc["results"]["bindings"]
    assert isinstance(bindings, list)
    for row in bindings:
        assert set(row) <= set(variables)
        for term in row.values():
            assert term["type"] in ("uri", "literal", "bnode")
            assert isinstance(term["value"], str)
            assert set(term) <= {"type", "value", "datatype", "xml:lang"}
            if term["type"] != "literal":
                assert "datatype" not in term and "xml:lang" not in term
            assert not ("datatype" in term and "xml:lang" in term)


@pytest.mark.parametrize("name", NAMES)
def test_every_query_in_every_format(name: str, memory_store: Any) -> None:
    result = run(name, memory_store)
    rows = list(csv.reader(io.StringIO(render(result, "csv"))))
    assert rows[0] == result.vars  # a header row, always, even with no rows
    assert len(rows) == len(result) + 1
    assert all(len(r) == len(result.vars) for r in rows)
    doc = json.loads(render(result, "json"))
    assert_sparql_json(doc)
    assert doc["head"]["vars"] == result.vars
    assert len(doc["results"]["bindings"]) == len(result)
    records = json.loads(render(result, "records"))
    assert isinstance(records, list) and all(isinstance(r, dict) for r in records)
    assert all(list(r) == result.vars for r in records)
    md = render(result, "md").splitlines()
    assert len(md) == len(result) + 2
    assert md[1].count("---") == len(result.vars)
    assert name in render(result, "table") or result.vars[0] in render(result, "table")


def test_json_terms_round_trip() -> None:
    cells = (
        URIRef("http://ex/a"),
        Literal("x"),
        Literal("y", lang="cy"),
        Literal("2018-01-15", datatype=URIRef(XSD + "date")),
        Literal(3),
        BNode("b0"),
    )
    doc = to_sparql_json(Result([f"v{i}" for i in range(len(cells))], [cells]))
    assert_sparql_json(doc)
    back = tuple(from_json_term(doc["results"]["bindings"][0][f"v{i}"]) for i in range(len(cells)))
    assert back == cells
    assert doc["results"]["bindings"][0]["v3"]["datatype"] == XSD + "date"
    assert "datatype" not in doc["results"]["bindings"][0]["v1"]  # plain xsd:string


def test_records_keep_numbers_and_nulls(memory_store: Any) -> None:
    records = to_records(run("coverage", memory_store))
    assert all(isinstance(r["letters"], int) for r in records)
    assert any(r["latest"] is None for r in records)
    share = to_records(run("answer-kinds", memory_store))[0]["share_percent"]
    assert isinstance(share, float)


def test_ask_and_construct(memory_store: Any) -> None:
    ask = execute(memory_store, "ASK { ?s a <https://w3id.org/foi-kg/ontology#Response> }")
    assert json.loads(render(ask, "json")) == {"head": {}, "boolean": True}
    built = execute(
        memory_store,
        "CONSTRUCT { ?r a ?c } WHERE { ?r a <https://w3id.org/foi-kg/ontology#Response> ; a ?c }",
    )
    assert built.vars == ["subject", "predicate", "object"] and len(built) == 5


def test_markdown_escapes_pipes_and_newlines() -> None:
    md = render(Result(["a"], [(Literal("x | y\nz"),)]), "md")
    assert md.splitlines()[2] == "| x \\| y z |"


def test_unknown_format() -> None:
    assert "records" in FORMATS
    with pytest.raises(ValueError):
        render(Result(["a"], []), "xml")


@pytest.mark.parametrize(
    "name",
    ["ncnd-covert", "technology-status", "coverage", "threat-level-claims", "questions", "letter"],
)
def test_rdflib_dataset_gives_the_same_rows(name: str, memory_store: Any) -> None:
    # The queries are plain SPARQL 1.1: rdflib's engine, reading the union of the same named
    # graphs, agrees with Oxigraph row for row.
    import sys

    # rdflib's evaluator recurses once per nested group of the letter query; on a deep test
    # stack it can pass Python's default limit of 1,000 frames.
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 10_000))
    dataset = memory_store.dataset()
    assert render(run(name, dataset), "csv") == render(run(name, memory_store), "csv")
