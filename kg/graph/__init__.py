"""The graph: map extraction records to RDF, keep them in an Oxigraph store, export them.

    >>> from kg.graph import open_store, build, export, stats, letter_graph
    >>> store = open_store("memory")            # or a directory, "kg-store" by default
    >>> summary = build(["examples/letters"], store)
    >>> ttl = export(store, "turtle")

``open_store(spec)`` takes "memory" or a path; ``build(paths, store)`` extracts, maps, validates
and writes each letter into its own named graph; ``export(store, fmt)`` serialises;
``stats(store)`` counts; ``letter_graph(record)`` is the rdflib Graph of one record.
"""

from __future__ import annotations

from kg.graph.builder import BuildSummary, build
from kg.graph.exporter import export
from kg.graph.mapping import letter_graph, map_record, response_iri
from kg.graph.statistics import stats
from kg.graph.store import MemoryStore, OxigraphStore, Store, StoreError, open_store

__all__ = [
    "BuildSummary",
    "MemoryStore",
    "OxigraphStore",
    "Store",
    "StoreError",
    "build",
    "export",
    "letter_graph",
    "map_record",
    "open_store",
    "response_iri",
    "stats",
]
