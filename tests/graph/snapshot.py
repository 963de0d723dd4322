"""Compare a graph with its snapshot in tests/graph/snapshots as RDF, not as text."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph
from rdflib.compare import graph_diff, to_isomorphic

SNAPSHOTS = Path(__file__).parent / "snapshots"


def check_snapshot(name: str, graph: Graph, generate: bool) -> None:
    path = SNAPSHOTS / f"{name}.ttl"
    if generate or not path.exists():
        SNAPSHOTS.mkdir(exist_ok=True)
        path.write_text(graph.serialize(format="longturtle"), encoding="utf-8")
        if not generate:
            raise AssertionError(f"{path} did not exist: written, check it in and rerun")
        return
    expected = Graph().parse(path, format="turtle")
    got, want = to_isomorphic(graph), to_isomorphic(expected)
    if got != want:
        _, only_got, only_want = graph_diff(got, want)
        lines = [
            f"{name}: graph differs from {path.name} (pytest tests/graph --generate-snapshots)"
        ]
        lines += ["  + " + " ".join(t.n3() for t in tr) for tr in sorted(only_got)[:40]]
        lines += ["  - " + " ".join(t.n3() for t in tr) for tr in sorted(only_want)[:40]]
        raise AssertionError("\n".join(lines))
