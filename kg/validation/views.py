"""Read-only graph views pySHACL validates: a letter joined to the vocabulary."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.paths import Path
from rdflib.term import Node

from kg import ids
from kg.graph.terms import to_oxigraph
from kg.validation.shapes import _SG_LOCK

# -- vocabulary ------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def default_vocab() -> Graph:
    """``kg.vocab.vocab_graph()``: the ontology and vocabularies validation reads (forces,
    FOIA sections, concept schemes). Shapes check a letter's links against it."""
    from kg.vocab import vocab_graph

    return vocab_graph()


class _ReadOnly(Graph):
    """What both views share: property paths evaluated over the view itself, no writes.
    Subclasses answer plain triple patterns in ``_match``."""

    def triples(self, triple: Any) -> Iterator[Any]:  # type: ignore[override]
        s, p, o = triple
        if isinstance(p, Path):
            for s2, o2 in p.eval(self, s, o):
                yield s2, p, o2
            return
        yield from self._match(s, p, o)

    def _match(self, s: Any, p: Any, o: Any) -> Iterator[Any]:
        raise NotImplementedError

    def add(self, triple: Any) -> Graph:
        raise TypeError("the validation view is read-only")


class _Union(_ReadOnly):
    """A read-only view of a letter graph and the vocabulary graph as one graph.

    pySHACL reads the data graph only through ``triples`` (and what rdflib builds on it), so
    joining the ~4,000 vocabulary triples to a letter costs nothing per letter, where copying
    them, or adding the letter to a copy and removing it after, cost as much as validating."""

    def __init__(self, first: Graph, second: Graph) -> None:
        super().__init__(bind_namespaces="none")
        self._first = first
        self._second = second

    def _match(self, s: Any, p: Any, o: Any) -> Iterator[Any]:
        yield from self._first.triples((s, p, o))
        for t in self._second.triples((s, p, o)):
            if t not in self._first:
                yield t

    def __contains__(self, triple: Any) -> bool:
        return triple in self._first or triple in self._second

    def __len__(self) -> int:
        return len(self._first) + len(self._second)

    def __iter__(self) -> Iterator[Any]:  # type: ignore[override]
        return self.triples((None, None, None))


class _Indexed(_ReadOnly):
    """A read-only graph over plain Python indexes, for letters read back from a store.

    Filling an rdflib Memory store costs about as much as validating the letter (every add
    keeps context bookkeeping); dictionaries keyed by the bound terms of each triple pattern
    answer pySHACL's lookups at least as fast."""

    def __init__(self, triples: Iterable[tuple[Node, Node, Node]], identifier: URIRef) -> None:
        super().__init__(identifier=identifier, bind_namespaces="none")
        self._all: set[tuple[Node, Node, Node]] = set()
        self._s: dict[Node, list[Any]] = {}
        self._p: dict[Node, list[Any]] = {}
        self._o: dict[Node, list[Any]] = {}
        self._sp: dict[tuple[Node, Node], list[Any]] = {}
        self._po: dict[tuple[Node, Node], list[Any]] = {}
        for t in triples:
            if t in self._all:
                continue
            self._all.add(t)
            s, p, o = t
            self._s.setdefault(s, []).append(t)
            self._p.setdefault(p, []).append(t)
            self._o.setdefault(o, []).append(t)
            self._sp.setdefault((s, p), []).append(t)
            self._po.setdefault((p, o), []).append(t)

    def _match(self, s: Any, p: Any, o: Any) -> Iterator[Any]:
        if s is not None:
            if p is not None:
                if o is not None:
                    if (s, p, o) in self._all:
                        yield (s, p, o)
                    return
                yield from self._sp.get((s, p), ())
            elif o is not None:
                yield from (t for t in self._s.get(s, ()) if t[2] == o)
            else:
                yield from self._s.get(s, ())
        elif p is not None:
            yield from (self._po.get((p, o), ()) if o is not None else self._p.get(p, ()))
        elif o is not None:
            yield from self._o.get(o, ())
        else:
            yield from self._all

    def __contains__(self, triple: Any) -> bool:
        return triple in self._all

    def __len__(self) -> int:
        return len(self._all)

    def __iter__(self) -> Iterator[Any]:  # type: ignore[override]
        return iter(self._all)


RECYCLE = 2000  # letters through the rules' in-memory store before it is made anew


class _Workspace:
    """What validating against one vocabulary needs, built once: the vocabulary graph and an
    in-memory Oxigraph store holding it in id:graph/vocab (for the .rq integrity rules)."""

    def __init__(self, vocab: Graph) -> None:
        self.vocab = vocab
        self.index = _Indexed(vocab, ids.VOCAB_GRAPH)  # every letter looks up both halves
        self.lock = threading.Lock()  # the Oxigraph store is shared: one letter at a time
        self._ox: ox.Store | None = None
        self._vocab_quads: list[ox.Quad] | None = None
        self.loaded = 0  # letter graphs loaded into the current Oxigraph store

    def oxigraph(self) -> ox.Store:
        if self._ox is None:
            if self._vocab_quads is None:
                vg = ox.NamedNode(str(ids.VOCAB_GRAPH))
                self._vocab_quads = [ox.Quad(*map(to_oxigraph, t), vg) for t in self.vocab]
            store = ox.Store()
            store.extend(self._vocab_quads)
            self._ox, self.loaded = store, 0
        return self._ox

    def used(self, letters: int) -> None:
        """Count letter graphs loaded and removed again. An in-memory Oxigraph store never
        frees the strings of removed quads (measured: about 65 MB per 1,000 letters), so the
        store is replaced, vocabulary and all, every ``RECYCLE`` letters."""
        self.loaded += letters
        if self.loaded >= RECYCLE:
            self._ox = None


_WORKSPACES: dict[int, tuple[Graph, _Workspace]] = {}


def _workspace(vocab: Graph | None) -> _Workspace:
    vocab = default_vocab() if vocab is None else vocab
    with _SG_LOCK:
        hit = _WORKSPACES.get(id(vocab))
        if hit is None or hit[0] is not vocab:
            if len(_WORKSPACES) > 4:
                _WORKSPACES.clear()
            hit = (vocab, _Workspace(vocab))
            _WORKSPACES[id(vocab)] = hit
    return hit[1]


def letter_view(triples: Iterable[tuple[Node, Node, Node]], name: str | URIRef) -> Graph:
    """A letter's triples as the read-only graph the validators take, named ``name`` (its
    response IRI): building it costs a fraction of filling an rdflib Graph."""
    return _Indexed(triples, URIRef(str(name)))
