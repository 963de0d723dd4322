"""Validating everything stored: each letter, the vocabulary and analysis graphs, the rules."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import Any

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.term import Node

from kg import ids
from kg.graph.terms import to_rdflib
from kg.validation.common import _ANALYSIS_GRAPHS
from kg.validation.letters import _dedupe, _rule_result, validate_graph, validate_letter
from kg.validation.results import Result, StoreValidation
from kg.validation.shapes import integrity_rules
from kg.validation.views import _Indexed, default_vocab

# -- the whole store -------------------------------------------------------------------------


def validate_store(store: Any, *, vocab: Graph | None = None) -> StoreValidation:
    """Validate everything stored: each letter graph with core SHACL, the vocabulary and
    analysis graphs with their shapes, then every integrity ``.rq`` over the whole store on
    Oxigraph. ``store`` is a ``kg.graph`` store (``.graphs()``, ``.quads(g)``, ``.query()``)
    or a ``pyoxigraph.Store``."""
    adapter = _StoreAdapter(store)
    vocab = vocab if vocab is not None else _stored_vocab(adapter)
    results: list[Result] = []
    names = adapter.graph_names()
    for name in names:
        # One graph in memory at a time: a rule's row below re-reads its letter for the span.
        g = adapter.graph(name)
        if name == str(ids.VOCAB_GRAPH):
            res = validate_graph(g, "vocab", vocab=vocab)
        elif name in _ANALYSIS_GRAPHS:
            res = validate_graph(g, "analysis", vocab=vocab)
        else:
            res = validate_letter(g, sparql_rules=False, vocab=vocab)
        results += [_with_graph(r, name) for r in res.results]
    # A rule that mirrors a core constraint finds what SHACL already reported, possibly under
    # a sibling property shape (the threat-level rule covers three properties): keep SHACL's.
    seen = {(r.graph, r.focus_node, r.path, r.value, r.severity) for r in results}
    read = lru_cache(maxsize=32)(adapter.graph)  # a letter's rows come together
    for rule in integrity_rules():
        for row in adapter.select(rule.query):
            gname = row.get("graph")
            letter = gname is not None and str(gname) not in _NOT_LETTERS
            data = read(str(gname)) if letter else None
            found = _rule_result(rule, row, data)
            if (found.graph, found.focus_node, found.path, found.value, found.severity) not in seen:
                results.append(found)
    results = _dedupe(results)
    by_graph: dict[str, list[Result]] = {}
    for r in results:
        by_graph.setdefault(r.graph or "(default graph)", []).append(r)
    conforms = not any(r.severity == "Violation" for r in results)
    return StoreValidation(conforms=conforms, by_graph=by_graph, graphs_checked=len(names))


_NOT_LETTERS = {str(ids.VOCAB_GRAPH), *_ANALYSIS_GRAPHS}


def _with_graph(r: Result, name: str) -> Result:
    if r.graph == name:
        return r
    return Result(**{**r.__dict__, "graph": name})


def _stored_vocab(adapter: _StoreAdapter) -> Graph:
    """The vocabulary as stored (what the letters were linked against), else the files'."""
    if str(ids.VOCAB_GRAPH) in adapter.graph_names():
        g = adapter.graph(str(ids.VOCAB_GRAPH))
        if len(g):
            return g
    return default_vocab()


class _StoreAdapter:
    """The few reads validate_store needs, over a kg.graph store or a pyoxigraph.Store."""

    def __init__(self, store: Any) -> None:
        self.store = store
        self.ox: ox.Store | None = (
            store if isinstance(store, ox.Store) else getattr(store, "oxigraph", None)
        )
        self._names: list[str] | None = None

    def graph_names(self) -> list[str]:
        if self._names is None:
            if self.ox is not None:
                self._names = sorted(
                    g.value for g in self.ox.named_graphs() if isinstance(g, ox.NamedNode)
                )
            else:
                self._names = [str(g) for g in self.store.graphs()]
        return self._names

    def graph(self, name: str) -> Graph:
        if self.ox is not None:
            quads = self.ox.quads_for_pattern(None, None, None, ox.NamedNode(name))
            triples = (
                (to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)) for q in quads
            )
        else:
            triples = ((s, p, o) for s, p, o, _g in self.store.quads(name))
        return _Indexed(triples, URIRef(name))  # type: ignore[arg-type]

    def select(self, query: str) -> Iterator[dict[str, Node | None]]:
        if self.ox is not None:
            rows = self.ox.query(query, use_default_graph_as_union=True)
            names = [v.value for v in rows.variables]  # type: ignore[union-attr]
            for sol in rows:  # type: ignore[union-attr]
                yield {n: to_rdflib(sol[n]) for n in names}
        else:
            for row in self.store.query(query, None):
                yield {k: to_rdflib(v) for k, v in dict(row).items()}
