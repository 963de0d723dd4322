"""``kg stats``: what the store holds: letters, forces, triples per class and per graph.

All counts are SPARQL aggregates on Oxigraph, so they stay fast on large stores.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kg import ids
from kg.graph.store import Store
from kg.namespace import FOI

_LETTER_GRAPHS = f"FILTER EXISTS {{ GRAPH ?g {{ ?g a <{FOI.Response}> }} }}"


@dataclass
class GraphCount:
    graph: str
    triples: int
    kind: str  # "letter", "vocab", "factcheck", "templates", "questions" or "other"


@dataclass
class ClassCount:
    cls: str
    instances: int
    triples: int  # triples whose subject is an instance of the class


@dataclass
class Stats:
    letters: int = 0
    forces: int = 0  # distinct responding bodies
    triples: int = 0  # quads in the store
    letter_triples: int = 0
    graphs: list[GraphCount] = field(default_factory=list)
    classes: list[ClassCount] = field(default_factory=list)
    letters_by_force: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from dataclasses import asdict

        return asdict(self)


_KINDS = {
    str(ids.VOCAB_GRAPH): "vocab",
    str(ids.FACTCHECK_GRAPH): "factcheck",
    str(ids.TEMPLATES_GRAPH): "templates",
    str(ids.QUESTIONS_GRAPH): "questions",
}


def _int(row: dict[str, Any], key: str) -> int:
    value = row.get(key)
    return int(value.toPython()) if value is not None else 0  # type: ignore[union-attr]


def stats(store: Store) -> Stats:
    """Count letters, forces, triples per class (over letter graphs) and per named graph."""
    out = Stats(triples=store.count())
    letters = {
        str(r["g"])
        for r in store.query(f"SELECT ?g WHERE {{ GRAPH ?g {{ ?g a <{FOI.Response}> }} }}")  # type: ignore[union-attr]
    }
    out.letters = len(letters)
    rows = store.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    for r in rows:  # type: ignore[union-attr]
        g = str(r["g"])
        kind = "letter" if g in letters else _KINDS.get(g, "other")
        out.graphs.append(GraphCount(g, _int(r, "n"), kind))
    out.graphs.sort(key=lambda c: (c.kind != "vocab", c.kind == "letter", c.graph))
    out.letter_triples = sum(c.triples for c in out.graphs if c.kind == "letter")
    by_force = store.query(
        f"""SELECT ?f (COUNT(DISTINCT ?g) AS ?n) WHERE {{ GRAPH ?g {{
              ?g a <{FOI.Response}> ; <{FOI.respondingBody}> ?f }} }}
            GROUP BY ?f ORDER BY DESC(?n) ?f"""
    )
    out.letters_by_force = {str(r["f"]).rsplit("/", 1)[-1]: _int(r, "n") for r in by_force}  # type: ignore[union-attr]
    out.forces = len(out.letters_by_force)
    classes = store.query(
        f"""SELECT ?c (COUNT(DISTINCT ?s) AS ?i) (COUNT(*) AS ?n) WHERE {{
              GRAPH ?g {{ ?s a ?c . ?s ?p ?o }} {_LETTER_GRAPHS} }}
            GROUP BY ?c ORDER BY DESC(?i) ?c"""
    )
    out.classes = [ClassCount(str(r["c"]), _int(r, "i"), _int(r, "n")) for r in classes]  # type: ignore[union-attr]
    return out


__all__ = ["ClassCount", "GraphCount", "Stats", "stats"]
