"""The integrity rules as SPARQL (``queries/integrity/*-violation.rq``) on Oxigraph.

Each rule runs over an in-memory pyoxigraph store holding a fixture (in the named graph of
its response) and the vocabulary (in id:graph/vocab), as a real store does: it returns rows
on the invalid fixtures that expect a result of its shape, and none on the valid fixtures of
that shape. The headers are checked too, and each rule and its SHACL twin name each other.
"""

from __future__ import annotations

from functools import lru_cache

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH
from shape_fixtures import FSH, Fixture, fixtures, shape_family

from kg import ids, validation
from kg.graph.terms import to_oxigraph

RULES = validation.integrity_rules()
FIXTURES = fixtures()


@lru_cache(maxsize=1)
def _vocab_quads() -> list[ox.Quad]:
    vg = ox.NamedNode(str(ids.VOCAB_GRAPH))
    return [ox.Quad(*map(to_oxigraph, t), vg) for t in validation.default_vocab()]


def _store(data: Graph) -> ox.Store:
    store = ox.Store()
    store.extend(_vocab_quads())
    response = next(iter(data.subjects(RDF.type, validation.FOI.Response)), None)
    name = ox.NamedNode(str(response) if response is not None else "urn:x-foi-kg-test:letter")
    store.extend(ox.Quad(*map(to_oxigraph, t), name) for t in data)  # type: ignore[arg-type]
    return store


def _rows(rule: validation.IntegrityRule, data: Graph) -> list[dict[str, object]]:
    solutions = _store(data).query(rule.query, use_default_graph_as_union=True)
    names = [v.value for v in solutions.variables]  # type: ignore[union-attr]
    return [{n: validation.to_rdflib(s[n]) for n in names} for s in solutions]  # type: ignore[union-attr]


def _cases() -> list[object]:
    cases = []
    for rule in RULES:
        for fx in FIXTURES:
            _, expected = fx.load()
            related = fx.valid and rule.shape in shape_family(fx.shape)
            if related or any(e.shape == rule.shape for e in expected):
                cases.append(pytest.param(rule, fx, id=f"{rule.name}-{fx.id}"))
    return cases


@pytest.mark.parametrize(("rule", "fx"), _cases())
def test_rule_on_fixture(rule: validation.IntegrityRule, fx: Fixture) -> None:
    data, expected = fx.load()
    rows = _rows(rule, data)
    if fx.valid:
        assert not rows, f"{rule.path} flags the valid fixture {fx.path}: {rows}"
        return
    want = {e.focus for e in expected if e.shape == rule.shape}
    got = {r["this"] for r in rows}
    assert want <= got, f"{rule.path} misses {want - got} on {fx.path}; rows: {rows}"
    assert all(r.get("graph") is not None for r in rows), "every row names its letter graph"


def test_every_rule_has_an_invalid_and_a_valid_case() -> None:
    for rule in RULES:
        kinds = set()
        for fx in FIXTURES:
            _, expected = fx.load()
            if fx.valid and rule.shape in shape_family(fx.shape):
                kinds.add("valid")
            if any(e.shape == rule.shape for e in expected):
                kinds.add("invalid")
        assert kinds == {"valid", "invalid"}, f"{rule.path}: fixtures cover only {kinds}"


@pytest.mark.parametrize("rule", RULES, ids=[r.name for r in RULES])
def test_rule_header_and_twin(rule: validation.IntegrityRule) -> None:
    text = rule.path.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0].startswith("# ") and len(lines[0]) > 10, f"{rule.path}: opens with a title"
    assert any(ln.startswith("# Why:") for ln in lines), f"{rule.path}: says why the rule exists"
    assert any(ln.startswith("# Severity:") for ln in lines), f"{rule.path}: states its severity"
    assert f"# Severity: {rule.severity}" in text, f"{rule.path}: comment and header disagree"
    assert rule.summary and rule.description
    sg = validation.shapes_graph()
    assert (rule.shape, None, None) in sg, f"{rule.path}: shape {rule.shape} is not in shapes/"
    assert sg.value(rule.shape, SH.severity) == validation._SEVERITY_NODE[rule.severity], (
        f"{rule.path}: severity differs from its shape's"
    )
    named = {str(o) for o in sg.objects(rule.shape, FSH.integrityQuery)}
    assert rule.path.name in named, f"{rule.shape} does not name {rule.path.name}"
    ox.Store().query(text)  # parses on Oxigraph


def test_every_sparql_constraint_has_its_rq() -> None:
    sg = validation.shapes_graph()
    files = {r.path.name for r in RULES}
    for shape in sg.subjects(SH.sparql, None):
        names = {str(o) for o in sg.objects(shape, FSH.integrityQuery)}
        assert names and names <= files, f"{shape}: no queries/integrity file mirrors it"
    for shape, name in sg.subject_objects(FSH.integrityQuery):
        assert str(name) in files, f"{shape} names a missing file {name}"
        assert isinstance(shape, URIRef)
