"""``kg export``: the store (or one letter) in the standard linked-data formats.

=========  ==========================================================================
format     what it holds
=========  ==========================================================================
nq, trig   the dataset: every named graph kept (vocab, one graph per letter, analyses)
turtle     the merged default view: the union of all named graphs as one graph, with
           the project prefixes, written by rdflib's ``longturtle`` (sorted, stable
           diffs); above ``LONGTURTLE_LIMIT`` triples Oxigraph's own Turtle writer is
           used instead, since rdflib's is two orders of magnitude slower
nt         the merged default view, one triple per line (Oxigraph's writer)
jsonld     the merged default view, compacted with ``ontology/context.jsonld`` (short
           keys such as ``label``, ``wasDerivedFrom``) when that file exists; above
           ``LONGTURTLE_LIMIT`` triples Oxigraph's expanded JSON-LD, context attached
=========  ==========================================================================

``letter`` selects one letter's graph, by response IRI, ``force/reference`` path, reference
or source file name (``resolve_letter``).
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import PurePath
from typing import Any

import pyoxigraph as ox
from rdflib import Graph

from kg import ids
from kg.graph.store import Store, StoreError
from kg.namespace import FOI, PREFIXES
from kg.paths import CONTEXT_FILE

EXPORT_FORMATS: tuple[str, ...] = ("turtle", "jsonld", "nt", "nq", "trig")
DATASET_FORMATS = frozenset({"nq", "trig"})
LONGTURTLE_LIMIT = 50_000
EXTENSIONS = {"turtle": "ttl", "jsonld": "jsonld", "nt": "nt", "nq": "nq", "trig": "trig"}
# rdflib parser names, for reading an export back
RDFLIB_FORMATS = {
    "turtle": "turtle",
    "jsonld": "json-ld",
    "nt": "nt",
    "nq": "nquads",
    "trig": "trig",
}


@lru_cache(maxsize=1)
def jsonld_context() -> dict[str, Any] | None:
    """The shipped ``@context`` (``ontology/context.jsonld``), or None when it is absent."""
    if not CONTEXT_FILE.exists():
        return None
    data = json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))
    return data.get("@context", data)


def resolve_letter(store: Store, ref: str) -> str:
    """The named graph of one letter: ``ref`` is its response IRI, ``force/reference``, its
    reference as written or its source file name. Raises StoreError when none or several."""
    ref = ref.strip()
    for candidate in (ref, f"{ids.ID}response/{ref}"):
        if candidate.startswith(("http://", "https://")) and store.has_graph(candidate):
            return candidate
    rows = store.query(
        f"""SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{
              ?g a <{FOI.Response}> .
              {{ ?g <{FOI.reference}> ?v }} UNION
              {{ ?g <http://www.w3.org/ns/prov#wasDerivedFrom> ?s . ?s <{FOI.fileName}> ?v }}
              FILTER (STR(?v) = ?want || STR(?v) = ?base)
            }} }} ORDER BY ?g""",
        {"want": ref, "base": PurePath(ref).name},
    )
    found = [str(r["g"]) for r in rows]  # type: ignore[union-attr]
    if not found:
        raise StoreError(f"no letter '{ref}' in store {store.name}")
    if len(found) > 1:
        raise StoreError(f"'{ref}' matches {len(found)} letters: {', '.join(found)}")
    return found[0]


def _ox_store(store: Store) -> ox.Store:
    return store.oxigraph  # type: ignore[attr-defined,no-any-return]


def _default_view(store: Store, graph: str | None) -> list[ox.Triple]:
    """The triples of the union of the named graphs (or of one graph), without duplicates."""
    if graph is not None:
        quads = _ox_store(store).quads_for_pattern(None, None, None, ox.NamedNode(graph))
        return [q.triple for q in quads]
    rows = _ox_store(store).query("SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }")
    return [ox.Triple(r["s"], r["p"], r["o"]) for r in rows]  # type: ignore[index]


def _rdflib_graph(triples: list[ox.Triple]) -> Graph:
    from kg.graph.terms import to_rdflib

    g = Graph(bind_namespaces="none")
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    for t in triples:
        g.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
    return g


def export(store: Store, fmt: str, letter: str | None = None) -> str:
    """Serialise the store (or the letter ``letter``) as ``fmt`` (one of EXPORT_FORMATS)."""
    if fmt not in EXPORT_FORMATS:
        raise StoreError(f"unknown export format '{fmt}' (choose {', '.join(EXPORT_FORMATS)})")
    graph = resolve_letter(store, letter) if letter else None
    if fmt in DATASET_FORMATS:
        quads = _ox_store(store).quads_for_pattern(
            None, None, None, ox.NamedNode(graph) if graph else None
        )
        out = ox.serialize(
            quads,
            format=ox.RdfFormat.N_QUADS if fmt == "nq" else ox.RdfFormat.TRIG,
            prefixes=PREFIXES if fmt == "trig" else None,
        )
        return out.decode("utf-8")  # type: ignore[union-attr]
    triples = _default_view(store, graph)
    if fmt == "nt":
        return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")  # type: ignore[union-attr]
    if fmt == "turtle" and len(triples) > LONGTURTLE_LIMIT:
        out = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
        return out.decode("utf-8")  # type: ignore[union-attr]
    if fmt == "jsonld" and len(triples) > LONGTURTLE_LIMIT:
        # Oxigraph writes expanded JSON-LD fast; the context rides along uncompacted (full
        # IRIs stay valid under it), so the document still carries the short keys' meaning.
        expanded = json.loads(ox.serialize(triples, format=ox.RdfFormat.JSON_LD))  # type: ignore[arg-type]
        context = jsonld_context()
        doc = {"@context": context, "@graph": expanded} if context else expanded
        return json.dumps(doc, ensure_ascii=False, indent=1)
    g = _rdflib_graph(triples)
    if fmt == "turtle":
        return g.serialize(format="longturtle")
    context = jsonld_context()
    if context is None:
        return g.serialize(format="json-ld", indent=1)
    return g.serialize(format="json-ld", context=context, auto_compact=True, indent=1)


__all__ = [
    "DATASET_FORMATS",
    "EXPORT_FORMATS",
    "EXTENSIONS",
    "RDFLIB_FORMATS",
    "export",
    "jsonld_context",
    "resolve_letter",
]
