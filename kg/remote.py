"""A remote SPARQL 1.1 store behind the same interface as the embedded one.

``kg build --endpoint URL`` writes letters there directly and ``kg query --endpoint URL``
reads there: queries go through SPARQLWrapper, graph writes through the Graph Store HTTP
Protocol (or SPARQL Update), one named graph per letter as in the embedded store. A remote
store's default graph is whatever the server makes of it, so queries that need the union of
the letters' graphs should run on a server configured for it (Oxigraph
``--union-default-graph``, Fuseki ``tdb:unionDefaultGraph``) — see the README.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.term import Node
from SPARQLWrapper import JSON, POST, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from kg.graph.store import StoreError
from kg.graph.terms import to_oxigraph
from kg.namespace import FOI, PROV
from kg.push import Endpoints, PushError, drop_graph, put_graph, resolve_endpoints

Triple = tuple[Node, Node, Node]


def _term(binding: dict[str, str]) -> Node:
    kind = binding["type"]
    if kind == "uri":
        return URIRef(binding["value"])
    if kind == "bnode":
        return BNode(binding["value"])
    if "xml:lang" in binding:
        return Literal(binding["value"], lang=binding["xml:lang"])
    if "datatype" in binding:
        return Literal(binding["value"], datatype=URIRef(binding["datatype"]), normalize=False)
    return Literal(binding["value"])


class EndpointStore:
    """The store protocol of ``kg.graph.store`` over a SPARQL 1.1 server."""

    read_only = False

    def __init__(self, url: str, *, update: str | None = None, gsp: str | None = None) -> None:
        self.endpoints: Endpoints = resolve_endpoints(url, update, gsp)
        self.name = self.endpoints.query

    # -- reading
    def _select(self, sparql: str) -> tuple[list[str], list[dict[str, Node | None]]]:
        client = SPARQLWrapper(self.endpoints.query)
        client.setQuery(sparql)
        client.setReturnFormat(JSON)
        client.setMethod(POST)
        client.setTimeout(120)
        try:
            doc: Any = client.queryAndConvert()
        except (SPARQLWrapperException, OSError) as exc:
            raise StoreError(f"{self.name}: query failed ({' '.join(str(exc).split())[:200]})")
        if "boolean" in doc:
            return ["_ask"], [{"_ask": Literal(bool(doc["boolean"]))}]
        names = doc["head"]["vars"]
        bindings = doc["results"]["bindings"]
        rows = [{n: (_term(b[n]) if n in b else None) for n in names} for b in bindings]
        return names, rows

    def query(
        self, sparql: str, bindings: dict[str, Any] | None = None, *, union: bool = True
    ) -> list[dict[str, Node | None]] | bool:
        from kg.sparql import inject_values  # bound as VALUES: never pasted as text

        text = inject_values(sparql, bindings) if bindings else sparql
        names, rows = self._select(text)
        if names == ["_ask"]:
            return bool(rows[0]["_ask"])
        return rows

    def graphs(self) -> list[str]:
        _, rows = self._select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return sorted(str(r["g"]) for r in rows if r["g"] is not None)

    def has_graph(self, name: str) -> bool:
        _, rows = self._select(f"ASK {{ GRAPH <{name}> {{ ?s ?p ?o }} }}")
        return bool(rows[0]["_ask"])

    def get_sha(self, graph: str) -> str | None:
        _, rows = self._select(
            f"SELECT ?sha WHERE {{ GRAPH <{graph}> {{ <{graph}> <{PROV.wasDerivedFrom}> ?src . "
            f"?src <{FOI.sha256}> ?sha }} }}"
        )
        return str(rows[0]["sha"]) if rows else None

    def letter_shas(self) -> dict[str, str]:
        _, rows = self._select(
            f"SELECT ?g ?sha WHERE {{ GRAPH ?g {{ ?g a <{FOI.Response}> ; "
            f"<{PROV.wasDerivedFrom}> ?src . ?src <{FOI.sha256}> ?sha }} }}"
        )
        return {str(r["g"]): str(r["sha"]) for r in rows}

    def quads(self, graph: str | None = None) -> Iterator[tuple[Node, Node, Node, Node | None]]:
        where = (
            f"GRAPH <{graph}> {{ ?s ?p ?o }} BIND(<{graph}> AS ?g)"
            if graph
            else ("GRAPH ?g { ?s ?p ?o }")
        )
        _, rows = self._select(f"SELECT ?s ?p ?o ?g WHERE {{ {where} }}")
        for r in rows:
            yield r["s"], r["p"], r["o"], r["g"]  # type: ignore[misc]

    def dataset(self, graph: str | None = None) -> Dataset:
        ds = Dataset()
        for s, p, o, g in self.quads(graph):
            ds.add((s, p, o, g))
        return ds

    def count(self, graph: str | None = None) -> int:
        where = f"GRAPH <{graph}> {{ ?s ?p ?o }}" if graph else "GRAPH ?g { ?s ?p ?o }"
        _, rows = self._select(f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}")
        return int(str(rows[0]["n"]))

    # -- writing
    def replace_graph(self, name: str, triples: Iterable[Triple] | str) -> None:
        if isinstance(triples, str):
            parsed = ox.parse(triples.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
            oxt = [ox.Triple(q.subject, q.predicate, q.object) for q in parsed]
        else:
            oxt = [ox.Triple(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o)) for s, p, o in triples]
        try:
            put_graph(self.endpoints, name, oxt)
        except PushError as exc:
            raise StoreError(str(exc)) from None

    def remove_graph(self, name: str) -> bool:
        if not self.has_graph(name):
            return False
        try:
            drop_graph(self.endpoints, name)
        except PushError as exc:
            raise StoreError(str(exc)) from None
        return True

    def close(self) -> None:
        """Nothing to release: every request is its own connection."""

    def __enter__(self) -> EndpointStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


__all__ = ["EndpointStore"]
