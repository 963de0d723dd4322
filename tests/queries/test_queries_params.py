"""Parameters are bound as RDF terms, never pasted into the query text.

A value that tries to close the string, the IRI or the group (``x' } ; DROP ALL ; #``) is just
a value: it matches nothing, and the store is the same afterwards.
"""

from __future__ import annotations

from typing import Any

import pytest
from rdflib import Literal, URIRef

from kg import ids
from kg.queries import Param, ParamError, bind, discover, find, parse_query_text, run, to_iri
from kg.sparql import QueryError, execute, inject_values, term_sparql

EVIL = [
    "x' } ; DROP ALL ; #",
    '"> } DROP ALL',
    'x" } } ; DELETE WHERE { ?s ?p ?o } #',
    "a\n} DROP ALL #",
    '992/20"\n} UNION { ?s ?p ?o } #',
    "<http://example.org/x> } DROP ALL",
    '\\" ) } CLEAR DEFAULT #',
    "x\u2028} DROP ALL\r\n#",
    "?s ?p ?o",
    "'''\"\"\" }",
]

# The queries this suite owns; every parameter of each is attacked.
OWN = [
    "ncnd-covert",
    "exemptions-by-force",
    "technology-status",
    "threat-level-claims",
    "requests-by-year",
    "unanswered-questions",
    "providers",
    "spending",
    "deployments",
    "letter",
]


def snapshot(store: Any) -> set[tuple[Any, ...]]:
    return set(store.quads())


@pytest.mark.parametrize("name", OWN)
def test_injection_matches_nothing_and_changes_nothing(
    name: str, private_memory_store: Any
) -> None:
    query = find(name)
    before = snapshot(private_memory_store)
    assert before
    for param in query.params:
        for value in EVIL:
            result = run(query, private_memory_store, {param.short: value})
            assert result.rows == [], (name, param.name, value)
    assert snapshot(private_memory_store) == before


def test_literal_values_round_trip_exactly(memory_store: Any) -> None:
    # What comes back is byte for byte what was bound: the escaping loses nothing.
    q = parse_query_text("#+ params:\n#+   - name: v\nSELECT ?_v WHERE { }")
    for value in EVIL:
        rows = execute(memory_store, q.text, bind(q, {"v": value})).rows
        assert rows == [(Literal(value),)]


def test_term_sparql_escapes() -> None:
    assert term_sparql(Literal('a"b\\c\nd')) == '"a\\"b\\\\c\\nd"'
    assert term_sparql(Literal("x", lang="cy")) == '"x"@cy'
    with pytest.raises(QueryError):
        term_sparql(URIRef("http://x/> } DROP ALL"))


def test_iri_values_are_percent_encoded() -> None:
    p = Param("force_iri", "iri", base=ids.ID + "force/", lookup="force")
    assert str(to_iri("x> } DROP ALL", p)) == ids.ID + "force/x%3E%20%7D%20DROP%20ALL"
    assert str(to_iri("<http://ex/a b>", p)) == "http://ex/a%20b"


def test_force_parameter_accepts_id_name_alt_name_prefixed_and_iri() -> None:
    p = find("ncnd-covert").param("force")
    want = URIRef(ids.ID + "force/avon-and-somerset-police")
    for value in (
        "avon-and-somerset-police",
        "Avon and Somerset Police",
        "avon and somerset constabulary",
        "id:force/avon-and-somerset-police",
        str(want),
        f"<{want}>",
    ):
        assert to_iri(value, p) == want, value


def test_parameter_names_and_defaults() -> None:
    q = parse_query_text(
        "#+ params:\n#+   - name: year\n#+     datatype: xsd:integer\n#+   - name: kind\n"
        "#+ defaults:\n#+   - kind: not-held\nSELECT * WHERE { ?s ?p ?_year . ?s ?q ?_kind }"
    )
    assert bind(q) == {"_kind": Literal("not-held")}
    bound = bind(q, {"year": "2019", "kind": "ncnd"})
    assert bound["_year"] == Literal(
        "2019", datatype=URIRef("http://www.w3.org/2001/XMLSchema#integer")
    )
    assert bound["_kind"] == Literal("ncnd")
    with pytest.raises(ParamError, match="no parameter 'colour'"):
        bind(q, {"colour": "red"})


def test_enumerated_parameter_refuses_other_values() -> None:
    q = parse_query_text("#+ params:\n#+   - name: v\n#+     enum: [a, b]\nSELECT * { ?s ?p ?_v }")
    assert bind(q, {"v": "a"}) == {"_v": Literal("a")}
    with pytest.raises(ParamError):
        bind(q, {"v": "c"})


def test_values_block_goes_into_the_outer_where_group() -> None:
    text = (
        "PREFIX ex: <http://ex/{}>  # a { in a comment\n"
        'CONSTRUCT { ?s ex:p "{" } WHERE { ?s ?p ?_o { SELECT ?s WHERE { ?s ?p ?o } } }'
    )
    out = inject_values(text, {"_o": Literal("v")})
    assert out.count("VALUES") == 1
    assert 'WHERE { VALUES (?_o) { ("v") }  ?s ?p ?_o' in out
    no_where = inject_values("SELECT * { ?s ?p ?_o }", {"_o": URIRef("http://ex/a")})
    assert no_where.startswith("SELECT * { VALUES (?_o) { (<http://ex/a>) }")


def test_unbound_optional_parameter_means_any(memory_store: Any) -> None:
    everything = run("ncnd-covert", memory_store)
    one = run("ncnd-covert", memory_store, {"force": "warwickshire-police"})
    assert len(everything) == 5 and len(one) == 1
    assert one.rows[0] == everything.rows[0]


def test_every_parameter_of_every_query_is_declared_and_used() -> None:
    import re

    for name, q in discover().items():
        body = "\n".join(ln for ln in q.text.splitlines() if not ln.lstrip().startswith("#"))
        used = set(re.findall(r"[?$](_[A-Za-z0-9_]+)", body))
        declared = {p.var for p in q.params}
        assert used <= declared, (name, used - declared)
        assert declared <= used, (name, declared - used)
        if name in OWN:
            assert all(p.description for p in q.params), name


def test_parameters_reach_subqueries_and_nested_groups(memory_store: Any) -> None:
    # A subquery is evaluated on its own, so an outer VALUES alone would not narrow it: the value
    # is bound in every group that uses it (SEP-0007 substitution, in SPARQL 1.1).
    text = (
        "PREFIX foi: <https://w3id.org/foi-kg/ontology#>\n"
        "SELECT ?n WHERE { { SELECT (COUNT(?r) AS ?n) WHERE {\n"
        "  ?r a foi:Response ; foi:reference ?ref . FILTER(!BOUND(?_ref) || ?ref = ?_ref) } } }"
    )
    q = parse_query_text(text)
    assert execute(memory_store, text).rows[0][0].toPython() == 5
    assert execute(memory_store, text, bind(q, {"ref": "992/20"})).rows[0][0].toPython() == 1
    assert execute(memory_store, text, bind(q, {"ref": EVIL[0]})).rows[0][0].toPython() == 0
    optional = (
        "PREFIX foi: <https://w3id.org/foi-kg/ontology#>\n"
        "SELECT ?r ?ref WHERE { ?r a foi:Response .\n"
        "  OPTIONAL { ?r foi:reference ?ref FILTER(?ref = ?_ref) } } ORDER BY ?ref"
    )
    rows = execute(memory_store, optional, {"_ref": Literal("992/20")}).rows
    assert len(rows) == 5 and [str(r[1]) for r in rows if r[1] is not None] == ["992/20"]


def test_values_rows_and_construct_templates_are_left_alone() -> None:
    text = (
        "CONSTRUCT { ?s <http://ex/p> ?_o } WHERE { VALUES ?s { <http://ex/a> } "
        "OPTIONAL { ?s ?p ?_o } }"
    )
    out = inject_values(text, {"_o": Literal("v")})
    assert out.count("VALUES (?_o)") == 1
    assert "CONSTRUCT { ?s <http://ex/p> ?_o }" in out
    assert 'OPTIONAL { VALUES (?_o) { ("v") }  ?s ?p ?_o }' in out
    assert "VALUES ?s { <http://ex/a> }" in out
    having = inject_values(
        "SELECT ?s WHERE { ?s ?p ?o } GROUP BY ?s HAVING(COUNT(?o) > ?_min)",
        {"_min": Literal(2)},
    )
    assert having.startswith("SELECT ?s WHERE { VALUES (?_min) {")
