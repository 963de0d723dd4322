"""Rows read from Oxigraph: each distinct term is converted once, and the rows are exactly what
converting every cell on its own gives (typed, language-tagged and plain literals, IRIs, blank
nodes, unbound cells)."""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef

from kg.sparql import execute, from_oxigraph

XSD = "http://www.w3.org/2001/XMLSchema#"


def _store() -> ox.Store:
    store = ox.Store()
    s, g = ox.NamedNode("http://ex/s"), ox.NamedNode("http://ex/g")
    objects = [
        ox.Literal("2018-01-15", datatype=ox.NamedNode(XSD + "date")),
        ox.Literal("12", datatype=ox.NamedNode(XSD + "integer")),
        ox.Literal("Heddlu", language="cy"),
        ox.Literal("plain"),
        ox.NamedNode("http://ex/o"),
        ox.BlankNode("b1"),
    ]
    for i, o in enumerate(objects):
        for p in ("http://ex/p", "http://ex/q"):  # every term twice: the second is a cache hit
            store.add(ox.Quad(s, ox.NamedNode(f"{p}{i}"), o, g))
    return store


def test_rows_equal_cell_by_cell_conversion() -> None:
    store = _store()
    text = "SELECT ?p ?o ?none WHERE { ?s ?p ?o OPTIONAL { ?o <http://ex/nothing> ?none } }"
    result = execute(store, text)
    expected = [
        tuple(from_oxigraph(sol[v]) for v in ("p", "o", "none"))
        for sol in store.query(text, use_default_graph_as_union=True)
    ]
    assert result.vars == ["p", "o", "none"]
    assert sorted(result.rows, key=repr) == sorted(expected, key=repr)
    objects = {row[1] for row in result.rows}
    assert Literal("2018-01-15", datatype=URIRef(XSD + "date")) in objects
    assert Literal("12", datatype=URIRef(XSD + "integer")) in objects
    assert Literal("Heddlu", lang="cy") in objects
    assert Literal("plain") in objects
    assert URIRef("http://ex/o") in objects
    assert any(isinstance(o, BNode) for o in objects)
    assert all(row[2] is None for row in result.rows)


def test_repeated_terms_are_one_object() -> None:
    result = execute(_store(), "SELECT ?o WHERE { ?s ?p ?o }")
    by_value: dict[str, list[object]] = {}
    for (o,) in result.rows:
        by_value.setdefault(repr(o), []).append(o)
    assert all(len(v) == 2 and v[0] is v[1] for v in by_value.values())
