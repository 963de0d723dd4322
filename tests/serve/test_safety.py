"""The lexical safety check that runs before any SPARQL engine sees a public query."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.serve.safety import UnsafeQuery, check_query, is_update


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { ?s ?p ?o }",
        'SELECT * WHERE { ?s ?p "SERVICE FROM LOAD DROP" }',
        "SELECT ?service ?from WHERE { ?service <http://x/load> ?from }",
        "PREFIX drop: <http://x/> SELECT * WHERE { ?s drop:insert ?o }",
        "# SERVICE in a comment\nSELECT * WHERE { ?s ?p ?o }",
        "ASK { <http://example.org/service> ?p ?o }",
        "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }",
        "DESCRIBE <https://w3id.org/foi-kg/id/force/kent-police>",
    ],
)
def test_safe_queries_pass(query: str) -> None:
    check_query(query)


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { SERVICE <http://127.0.0.1/> { ?s ?p ?o } }",
        "select * where { service<http://127.0.0.1/>{?s ?p ?o} }",
        "SELECT * WHERE { \\u0053ERVICE <http://127.0.0.1/> { ?s ?p ?o } }",
        "SELECT * FROM <http://127.0.0.1/x> WHERE { ?s ?p ?o }",
        "SELECT * FROM NAMED <http://127.0.0.1/x> WHERE { ?s ?p ?o }",
        "LOAD <http://127.0.0.1/x>",
        "DROP ALL",
        "INSERT DATA { <a:b> <a:c> <a:d> }",
        "WITH <http://g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    ],
)
def test_unsafe_queries_are_refused(query: str) -> None:
    with pytest.raises(UnsafeQuery):
        check_query(query)


def test_update_detection() -> None:
    assert is_update("CLEAR GRAPH <http://g>")
    assert not is_update("SELECT * WHERE { ?s ?p 'CLEAR' }")


@given(st.text(max_size=300))
def test_never_crashes_on_arbitrary_text(text: str) -> None:
    with contextlib.suppress(UnsafeQuery):
        check_query(text)
