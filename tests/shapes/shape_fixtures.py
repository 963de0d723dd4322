"""Reading the shape fixtures: ``tests/shapes/<ShapeName>/{valid,invalid}-NNN.ttl``.

Each file holds a data graph; an invalid one also holds the results it must produce, as a
W3C-SHT-style ``sh:ValidationReport`` (``<urn:x-foi-kg-test:expected>``) that is taken out of
the graph before it is validated. The folder names the node shape under test; the kind of
named graph to validate it as (letter, vocabulary, analysis) comes from the shape's
``fsh:validates``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from kg import validation

HERE = Path(__file__).parent
FSH = validation.FSH
KINDS = {FSH.LetterGraph: "letter", FSH.VocabGraph: "vocab", FSH.AnalysisGraph: "analysis"}


@dataclass(frozen=True)
class Expected:
    focus: Node
    shape: Node
    severity: Node
    path: Node | None
    value: Node | None


@dataclass(frozen=True)
class Fixture:
    path: Path
    shape: URIRef
    valid: bool

    @property
    def id(self) -> str:
        return f"{self.path.parent.name}/{self.path.stem}"

    @property
    def kind(self) -> str:
        node = validation.shapes_graph().value(self.shape, FSH.validates)
        return KINDS[node]  # type: ignore[index]

    def load(self) -> tuple[Graph, list[Expected]]:
        return _load(self.path)


@cache
def _load(path: Path) -> tuple[Graph, list[Expected]]:
    g = Graph().parse(path, format="turtle")
    expected: list[Expected] = []
    for report in list(g.subjects(RDF.type, SH.ValidationReport)):
        for node in list(g.objects(report, SH.result)):
            expected.append(
                Expected(
                    focus=g.value(node, SH.focusNode),  # type: ignore[arg-type]
                    shape=g.value(node, SH.sourceShape),  # type: ignore[arg-type]
                    severity=g.value(node, SH.resultSeverity),  # type: ignore[arg-type]
                    path=g.value(node, SH.resultPath),
                    value=g.value(node, SH.value),
                )
            )
            g.remove((node, None, None))
        g.remove((report, None, None))
    data = Graph()
    for t in g:
        data.add(t)
    return data, expected


def fixtures() -> list[Fixture]:
    out = []
    for path in sorted(HERE.glob("*/*.ttl")):
        name = path.parent.name
        if path.stem.startswith(("valid-", "invalid-")):
            out.append(Fixture(path, FSH[name], path.stem.startswith("valid-")))
    return out


def shape_family(shape: URIRef) -> set[Node]:
    """A node shape and its property shapes: results from any of them belong to the shape."""
    sg = validation.shapes_graph()
    return {shape, *sg.objects(shape, SH.property)}


def matches(result: validation.Result, exp: Expected) -> bool:
    return (
        result.focus_node == exp.focus
        and result.source_shape == exp.shape
        and validation._SEVERITY_NODE[result.severity] == exp.severity
        and (exp.path is None or result.path == exp.path)
        and (exp.value is None or result.value == exp.value)
    )
