"""``kg export``: the store (or one letter) in the standard linked-data formats.

=========  ==========================================================================
format     what it holds
=========  ==========================================================================
nq, trig   the dataset: every named graph kept (vocab, one graph per letter, analyses)
jsonld     the dataset as one JSON-LD document compacted with ``ontology/context.jsonld``
           (short keys such as ``label``, ``wasDerivedFrom``) when that file exists: its
           ``@graph`` holds one ``{"@id": graph, "@graph": [...]}`` node per named graph
turtle     the merged default view: the union of all named graphs as one graph, with
           the project prefixes, written by rdflib's ``longturtle`` (sorted, stable
           diffs); above ``LONGTURTLE_LIMIT`` triples Oxigraph's own Turtle writer is
           used instead, since rdflib's is two orders of magnitude slower
nt         the merged default view, one triple per line (Oxigraph's writer)
=========  ==========================================================================

Every format streams (``write_export``): quads go from the store to the output as they are
read, and JSON-LD is compacted one named graph at a time, so memory is bounded by the
largest named graph (or ``LONGTURTLE_LIMIT`` triples), never by the store.

``letter`` selects one letter's graph, by response IRI, ``force/reference`` path, reference
or source file name (``resolve_letter``).
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import chain, islice
from pathlib import PurePath
from typing import TYPE_CHECKING, Any, BinaryIO

import pyoxigraph as ox
from rdflib import Graph
from rdflib.term import Node

from kg import ids
from kg.graph.store import Store, StoreError
from kg.namespace import FOI, PREFIXES
from kg.paths import CONTEXT_FILE

if TYPE_CHECKING:
    from rdflib.plugins.shared.jsonld.context import Context as JsonLdContext

EXPORT_FORMATS: tuple[str, ...] = ("turtle", "jsonld", "nt", "nq", "trig")
# formats that keep the named graphs (parse them into an rdflib Dataset)
DATASET_FORMATS = frozenset({"nq", "trig", "jsonld"})
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


# The merged view without duplicates, streamed: a triple found in several named graphs is
# written from the first of them (by IRI) only. DISTINCT would hold every triple of the
# store in a hash set; this anti-join looks each triple up in the index instead, so memory
# stays flat whatever the store's size.
_UNION_FIRST_SEEN = """SELECT ?s ?p ?o WHERE {
  GRAPH ?g { ?s ?p ?o }
  FILTER NOT EXISTS { GRAPH ?h { ?s ?p ?o } FILTER (STR(?h) < STR(?g)) }
}"""


def _default_view(store: Store, graph: str | None) -> Iterator[ox.Triple]:
    """The triples of the union of the named graphs (or of one graph), without duplicates."""
    if graph is not None:
        quads = _ox_store(store).quads_for_pattern(None, None, None, ox.NamedNode(graph))
        return (q.triple for q in quads)
    rows = _ox_store(store).query(_UNION_FIRST_SEEN)
    return (ox.Triple(r["s"], r["p"], r["o"]) for r in rows)  # type: ignore[index]


def _rdflib_graph(triples: Iterable[ox.Triple]) -> Graph:
    from kg.graph.terms import to_rdflib

    g = Graph(bind_namespaces="none")
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    for t in triples:
        g.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
    return g


def _write_turtle(triples: Iterator[ox.Triple], out: BinaryIO) -> None:
    # Read at most LONGTURTLE_LIMIT + 1 triples to choose the writer: small views keep
    # rdflib's sorted longturtle, larger ones stream through Oxigraph without a list.
    head = list(islice(triples, LONGTURTLE_LIMIT + 1))
    if len(head) <= LONGTURTLE_LIMIT:
        out.write(_rdflib_graph(head).serialize(format="longturtle").encode("utf-8"))
        return
    ox.serialize(chain(head, triples), out, ox.RdfFormat.TURTLE, prefixes=PREFIXES)


def _graph_names(store: Store, graph: str | None) -> list[ox.NamedNode | ox.BlankNode]:
    if graph is not None:
        return [ox.NamedNode(graph)]
    # sorted so that the document is stable; the names alone are small next to the quads
    return sorted(_ox_store(store).named_graphs(), key=lambda g: g.value)


class _GraphView:
    """One graph's triples in plain dicts, offering the few read-only ``rdflib.Graph`` methods
    rdflib's JSON-LD converter calls. The converter (and so the compaction rules) stay
    rdflib's own; filling a real rdflib Graph only to read it back cost two thirds of the
    JSON-LD export's time, in the indexing of its memory store."""

    context_aware = False
    identifier = None  # an unnamed graph: the converter returns its nodes, not a named graph

    def __init__(self, triples: Iterable[ox.Triple]) -> None:
        from kg.graph.terms import to_rdflib

        self._po: dict[Node, list[tuple[Node, Node]]] = {}
        self._referrers: dict[Node, list[Node]] = {}
        for t in triples:
            s, p, o = to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)
            self._po.setdefault(s, []).append((p, o))
            self._referrers.setdefault(o, []).append(s)

    def subjects(self, predicate: None = None, obj: Node | None = None) -> Iterator[Node]:
        # the converter asks for every subject, or for the subjects that refer to ``obj``
        return iter(self._po if obj is None else self._referrers.get(obj, ()))

    def predicate_objects(self, subject: Node) -> Iterator[tuple[Node, Node]]:
        return iter(self._po.get(subject, ()))

    def value(self, subject: Node, predicate: Node) -> Node | None:
        return next((o for p, o in self._po.get(subject, ()) if p == predicate), None)


def _jsonld_nodes(
    triples: Iterable[ox.Triple], context: JsonLdContext | None
) -> list[dict[str, Any]]:
    """One graph's triples as JSON-LD node objects, compacted under ``context`` (rdflib)."""
    from rdflib.plugins.serializers.jsonld import from_rdf

    # no auto_compact without a context: rdflib would invent one from the prefixes, and
    # the node objects are written without their own @context
    obj = from_rdf(_GraphView(triples), context_data=context, auto_compact=context is not None)
    if isinstance(obj, list):  # no context: already a list of expanded nodes
        return obj
    obj.pop("@context", None)
    # a graph of one node comes back as that node itself, otherwise wrapped in @graph
    if set(obj) == {"@graph"}:
        return obj["@graph"]  # type: ignore[no-any-return]
    return [obj] if obj else []


def _json_chunk(value: Any, depth: int) -> bytes:
    """``value`` as indented JSON, shifted right to sit ``depth`` levels inside the frame."""
    text = json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True)
    return text.replace("\n", "\n" + " " * depth).encode("utf-8")


def _write_jsonld(store: Store, graph: str | None, out: BinaryIO) -> None:
    # One document written piecewise: the frame by hand, each named graph compacted and
    # dumped on its own, so only one graph's nodes are ever in memory.
    from rdflib.plugins.shared.jsonld.context import Context

    data = jsonld_context()
    context = Context(data) if data is not None else None
    ox_store = _ox_store(store)
    out.write(b"{\n")
    if data is not None:
        out.write(b' "@context": ' + _json_chunk(data, 1) + b",\n")
    out.write(b' "@graph": [')
    first = True

    def emit(node: dict[str, Any]) -> None:
        nonlocal first
        out.write((b"\n  " if first else b",\n  ") + _json_chunk(node, 2))
        first = False

    if graph is None:  # the default graph's nodes sit at the top level of a dataset
        default = ox_store.quads_for_pattern(None, None, None, ox.DefaultGraph())
        for node in _jsonld_nodes((q.triple for q in default), context):
            emit(node)
    for name in _graph_names(store, graph):
        quads = ox_store.quads_for_pattern(None, None, None, name)
        nodes = _jsonld_nodes((q.triple for q in quads), context)
        if not nodes:
            continue
        if isinstance(name, ox.BlankNode):
            graph_id = f"_:{name.value}"
        else:
            graph_id = context.shrink_iri(name.value) if context is not None else name.value
        emit({"@id": graph_id, "@graph": nodes})
    out.write(b"\n ]\n}\n" if not first else b"]\n}\n")


def write_export(store: Store, fmt: str, out: BinaryIO, letter: str | None = None) -> None:
    """Stream the store (or the letter ``letter``) as ``fmt`` (one of EXPORT_FORMATS) to
    the binary file ``out``."""
    if fmt not in EXPORT_FORMATS:
        raise StoreError(f"unknown export format '{fmt}' (choose {', '.join(EXPORT_FORMATS)})")
    graph = resolve_letter(store, letter) if letter else None
    if fmt == "jsonld":
        _write_jsonld(store, graph, out)
    elif fmt in DATASET_FORMATS:
        quads = _ox_store(store).quads_for_pattern(
            None, None, None, ox.NamedNode(graph) if graph else None
        )
        ox.serialize(
            quads,
            out,
            ox.RdfFormat.N_QUADS if fmt == "nq" else ox.RdfFormat.TRIG,
            prefixes=PREFIXES if fmt == "trig" else None,
        )
    elif fmt == "nt":
        ox.serialize(_default_view(store, graph), out, ox.RdfFormat.N_TRIPLES)
    else:
        _write_turtle(_default_view(store, graph), out)


def export(store: Store, fmt: str, letter: str | None = None) -> str:
    """The store (or the letter ``letter``) as ``fmt`` text, held in memory: for small
    stores and tests; ``write_export`` streams to a file instead."""
    buffer = io.BytesIO()
    write_export(store, fmt, buffer, letter)
    return buffer.getvalue().decode("utf-8")


__all__ = [
    "DATASET_FORMATS",
    "EXPORT_FORMATS",
    "EXTENSIONS",
    "RDFLIB_FORMATS",
    "export",
    "jsonld_context",
    "resolve_letter",
    "write_export",
]
