"""Store access for the analyses (fact check, templates, questions, networks).

The analyses read the knowledge graph with SPARQL and write one named graph each, replaced as
a whole in one transaction. They accept either the project's store (``kg.graph.open_store``)
or a bare ``pyoxigraph.Store`` (what the tests load fixtures into), so they never depend on
how the store wrapper is built. Rows come back as plain dicts of Python strings (``None`` for
unbound variables): the analyses are pure functions over plain data.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from kg import ids

Row = dict[str, str | None]
Triple = tuple[Node, Node, Node]

PREFIXES = f"""PREFIX foi: <{ids.ONTOLOGY}>
PREFIX id: <{ids.ID}>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX schema: <https://schema.org/>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""


def open_store(spec: str, *, read_only: bool = False) -> Any:
    """The project's store for ``spec`` ("memory" or a directory)."""
    from kg.graph import open_store as _open

    return _open(spec, read_only=read_only)


def _oxigraph(store: Any) -> ox.Store | None:
    """The pyoxigraph store behind ``store``, when there is one we can reach."""
    if isinstance(store, ox.Store):
        return store
    for name in ("oxigraph", "_ox", "store"):
        inner = getattr(store, name, None)
        if isinstance(inner, ox.Store):
            return inner
    return None


def _value(term: Any) -> str | None:
    if term is None:
        return None
    if isinstance(term, (ox.NamedNode, ox.Literal, ox.BlankNode)):
        return term.value
    if isinstance(term, (URIRef, Literal, BNode)):
        return str(term)
    if isinstance(term, dict):  # SPARQL JSON results binding
        return term.get("value")
    return str(term)


def select(store: Any, sparql: str) -> list[Row]:
    """Run a SELECT (the PREFIX block above is prepended) and return plain rows."""
    query = PREFIXES + sparql
    raw = _oxigraph(store)
    if raw is not None:
        result = raw.query(query, use_default_graph_as_union=True)
        names = [v.value for v in result.variables]
        return [{n: _value(sol[n]) for n in names} for sol in result]
    rows = store.query(query)
    out: list[Row] = []
    for row in rows:
        if isinstance(row, dict):
            out.append({str(k).lstrip("?"): _value(v) for k, v in row.items()})
        else:  # a solution object with variables
            out.append({str(k): _value(row[k]) for k in row})  # pragma: no cover
    return out


def _nt(term: Node) -> str:
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:b{term}"
    if isinstance(term, Literal):
        text = (
            str(term)
            .replace("\\", "\\\\")
            .replace('"', '\\"')
            .replace("\n", "\\n")
            .replace("\r", "\\r")
            .replace("\t", "\\t")
        )
        if term.language:
            return f'"{text}"@{term.language}'
        if term.datatype:
            return f'"{text}"^^<{term.datatype}>'
        return f'"{text}"'
    raise TypeError(f"not an RDF term: {term!r}")


def ntriples(triples: Iterable[Triple]) -> str:
    return "".join(f"{_nt(s)} {_nt(p)} {_nt(o)} .\n" for s, p, o in triples)


def replace_graph(store: Any, graph: URIRef, triples: list[Triple]) -> None:
    """Replace named graph ``graph`` with ``triples`` in one transaction."""
    if hasattr(store, "replace_graph"):  # the project's store: its own locking and checks
        store.replace_graph(str(graph), triples)
        return
    raw = _oxigraph(store)
    if raw is None:
        raise TypeError("store: neither a pyoxigraph Store nor a kg store")
    # One SPARQL update is one transaction in Oxigraph: readers see the old graph or the new.
    data = ntriples(triples)
    raw.update(f"DROP SILENT GRAPH <{graph}> ; INSERT DATA {{ GRAPH <{graph}> {{\n{data}}} }}")


def load_trig(store: ox.Store, data: str) -> None:
    """Load TriG text into a pyoxigraph store (fixtures)."""
    store.load(data.encode("utf-8"), format=ox.RdfFormat.TRIG)
