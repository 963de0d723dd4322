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

from typing import TYPE_CHECKING, Any

from kg.graph.mapping import letter_graph, map_record, response_iri
from kg.graph.store import MemoryStore, OxigraphStore, Store, StoreError, open_store

if TYPE_CHECKING:
    from kg.graph.build import BuildSummary


def build(paths: Any, store: Store, **kwargs: Any) -> BuildSummary:
    """See ``kg.graph.build.build``."""
    from kg.graph.build import build as _build

    return _build(paths, store, **kwargs)


def export(store: Store, fmt: str, letter: str | None = None, **kwargs: Any) -> str | bytes:
    """See ``kg.graph.export.export``."""
    from kg.graph.export import export as _export

    return _export(store, fmt, letter, **kwargs)


def stats(store: Store) -> Any:
    """See ``kg.graph.stats.stats``."""
    from kg.graph.stats import stats as _stats

    return _stats(store)


__all__ = [
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
