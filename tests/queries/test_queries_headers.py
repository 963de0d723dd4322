"""Every ``.rq`` file is valid SPARQL with a grlc-style header; integrity rules stay apart."""

from __future__ import annotations

import pytest

from kg.paths import QUERIES_DIR
from kg.queries import discover, header_lines, load
from kg.sparql import QueryError, check_readonly, check_syntax, execute

ALL_FILES = sorted(QUERIES_DIR.rglob("*.rq"))
CANNED = sorted(QUERIES_DIR.glob("*.rq"))
REQUIRED = [
    "ncnd-covert",
    "exemptions-by-force",
    "technology-status",
    "threat-level-claims",
    "requests-by-year",
    "answer-kinds",
    "questions",
    "unanswered-questions",
    "providers",
    "spending",
    "deployments",
    "coverage",
    "letter",
]


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: str(p.relative_to(QUERIES_DIR)))
def test_every_query_file_parses(path) -> None:  # type: ignore[no-untyped-def]
    text = path.read_text(encoding="utf-8")
    assert check_readonly(text) in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
    check_syntax(text)


@pytest.mark.parametrize("path", CANNED, ids=lambda p: p.stem)
def test_canned_queries_have_a_header(path) -> None:  # type: ignore[no-untyped-def]
    q = load(path)
    assert header_lines(q.text).strip(), f"{path.name}: no #+ header"
    assert q.name == path.stem, f"{path.name}: #+ name: {q.name} differs from the file name"
    assert q.summary, f"{path.name}: no #+ summary"
    assert q.description, f"{path.name}: no #+ description"


def test_the_required_queries_exist() -> None:
    assert set(REQUIRED) <= set(discover())


def test_integrity_rules_are_not_canned_queries() -> None:
    names = set(discover())
    assert not any(n.endswith("-violation") for n in names)


def test_syntax_errors_carry_their_position(memory_store) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(QueryError) as info:
        execute(memory_store, "SELECT ?s\nWHERE {\n  ?s ?p\n}")
    # The parser's own position (Oxigraph counts columns from 1, just past the failure).
    assert info.value.line == 4 and isinstance(info.value.column, int)
    assert str(info.value).startswith(f"line 4, column {info.value.column}: expected")
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    "text",
    [
        "DROP ALL",
        "INSERT DATA { <http://a> <http://b> <http://c> }",
        "PREFIX ex: <http://ex/>\nDELETE WHERE { ?s ?p ?o }",
        "# SELECT in a comment\nCLEAR DEFAULT",
        "LOAD <http://example.org/data.ttl>",
        "WITH <http://g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    ],
)
def test_updates_are_refused(text: str, memory_store) -> None:  # type: ignore[no-untyped-def]
    from kg.sparql import UpdateRefused

    before = memory_store.count()
    with pytest.raises(UpdateRefused):
        execute(memory_store, text)
    assert memory_store.count() == before
