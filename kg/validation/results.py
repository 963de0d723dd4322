"""Validation results, the sh:ValidationReport they make and their text form."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from rdflib import BNode, Graph, URIRef
from rdflib import Literal as RDFLiteral
from rdflib.namespace import RDF, RDFS, SH
from rdflib.term import Node

from kg import ids
from kg.validation.common import _SEVERITY_NODE, FOI, FSH, Severity
from kg.validation.shapes import shapes_graph

# -- results ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Result:
    """One validation result, with what a researcher needs to find it in the letter."""

    focus_node: Node
    message: str
    severity: Severity
    source_shape: Node | None = None
    path: Node | None = None
    value: Node | None = None
    component: Node | None = None
    graph: str | None = None  # the named graph (letter) it was found in
    span: tuple[int, int] | None = None  # offsets into the response's foi:text
    evidence: str | None = None  # text[start:end]

    @property
    def focus(self) -> Node:  # the name kg.graph.builder reads
        return self.focus_node

    def key(self) -> tuple[Any, ...]:
        """Identity for de-duplication: the same problem found by SHACL and by its .rq."""
        return (
            self.graph,
            self.focus_node,
            self.source_shape,
            self.path,
            self.value,
            self.severity,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "graph": self.graph,
            "severity": self.severity,
            "focus_node": _term_str(self.focus_node),
            "path": _term_str(self.path),
            "value": _term_str(self.value),
            "message": self.message,
            "source_shape": _term_str(self.source_shape),
            "component": _term_str(self.component),
            "span": list(self.span) if self.span else None,
            "evidence": self.evidence,
        }


@dataclass
class ValidationResult:
    """The outcome of validating one graph. ``conforms`` is False only for Violations."""

    conforms: bool
    violations: list[Result]
    warnings: list[Result]
    infos: list[Result]

    @property
    def results(self) -> list[Result]:
        return [*self.violations, *self.warnings, *self.infos]

    @property
    def report_graph(self) -> Graph:
        """The standard ``sh:ValidationReport``, built when asked for: a build validates
        thousands of letters and reads only their messages."""
        return report_graph(self.results, conforms=self.conforms)

    @property
    def report_text(self) -> str:
        return format_text(self.results, conforms=self.conforms)


@dataclass
class StoreValidation:
    """The outcome of ``validate_store``: results grouped by named graph (letter)."""

    conforms: bool
    by_graph: dict[str, list[Result]] = field(default_factory=dict)
    graphs_checked: int = 0

    @property
    def results(self) -> list[Result]:
        return [r for rs in self.by_graph.values() for r in rs]

    @property
    def violations(self) -> list[Result]:
        return [r for r in self.results if r.severity == "Violation"]

    @property
    def warnings(self) -> list[Result]:
        return [r for r in self.results if r.severity == "Warning"]

    @property
    def infos(self) -> list[Result]:
        return [r for r in self.results if r.severity == "Info"]

    def count(self, severity: Severity) -> int:
        return sum(1 for r in self.results if r.severity == severity)

    @property
    def report_graph(self) -> Graph:
        return report_graph(self.results, conforms=self.conforms)

    @property
    def report_text(self) -> str:
        return format_text(self.results, conforms=self.conforms)

    def to_records(self) -> list[dict[str, Any]]:
        return [r.to_dict() for r in self.results]


# -- reports ---------------------------------------------------------------------------------


def report_graph(results: Iterable[Result], *, conforms: bool) -> Graph:
    """The standard ``sh:ValidationReport`` of some results (one report for all of them)."""
    g = Graph()
    g.bind("sh", SH)
    g.bind("foi", FOI)
    g.bind("fsh", FSH)
    report = BNode()
    g.add((report, RDF.type, SH.ValidationReport))
    g.add((report, SH.conforms, RDFLiteral(conforms)))
    for r in results:
        node = BNode()
        g.add((report, SH.result, node))
        g.add((node, RDF.type, SH.ValidationResult))
        g.add((node, SH.focusNode, r.focus_node))
        g.add((node, SH.resultSeverity, _SEVERITY_NODE[r.severity]))
        g.add((node, SH.resultMessage, RDFLiteral(r.message)))
        for pred, val in (
            (SH.resultPath, r.path),
            (SH.value, r.value),
            (SH.sourceShape, r.source_shape),
            (SH.sourceConstraintComponent, r.component),
        ):
            if val is not None:
                g.add((node, pred, val))
    return g


def format_text(results: list[Result], *, conforms: bool) -> str:
    """Results grouped by letter: severity, message, focus, offending value and evidence."""
    lines: list[str] = []
    groups: dict[str, list[Result]] = {}
    for r in results:
        groups.setdefault(r.graph or "(graph)", []).append(r)
    for name, rs in groups.items():
        counts = ", ".join(
            f"{n} {sev.lower()}{'s' if n != 1 else ''}"
            for sev in ("Violation", "Warning", "Info")
            if (n := sum(1 for r in rs if r.severity == sev))
        )
        lines.append(f"{name}  ({counts})")
        for r in rs:
            where = _short(r.focus_node)
            if r.path is not None:
                where += f"  {_short(r.path)}"
            elif r.source_shape is not None:  # a sequence or inverse path: say what it checks
                sg = shapes_graph()
                name = sg.value(r.source_shape, SH.name) or sg.value(r.source_shape, RDFS.label)
                where += f"  ({name or _short(r.source_shape)})"
            if r.value is not None:
                where += f" = {_short(r.value)}"
            lines.append(f"  {r.severity:<9} {where}")
            lines.append(f"            {r.message}")
            if r.span is not None:
                quote = f': "{_clip(r.evidence)}"' if r.evidence is not None else ""
                lines.append(f"            span {r.span[0]}-{r.span[1]}{quote}")
    v = sum(1 for r in results if r.severity == "Violation")
    w = sum(1 for r in results if r.severity == "Warning")
    i = sum(1 for r in results if r.severity == "Info")
    verdict = "Conforms" if conforms else "Does not conform"
    lines.append(f"{verdict}: {_n(v, 'violation')}, {_n(w, 'warning')}, {_n(i, 'note')}.")
    return "\n".join(lines)


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


_SHORT = [
    (ids.ID + "response/", "response/"),
    (ids.ONTOLOGY, "foi:"),
    (ids.ID, "id:"),
    (ids.FOIA, "leg:"),
    (str(FSH), "fsh:"),
]


def _short(term: Node | None) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        s = str(term)
        for base, prefix in _SHORT:
            if s.startswith(base):
                return prefix + s[len(base) :]
        return f"<{s}>"
    if isinstance(term, RDFLiteral):
        return f'"{_clip(str(term), 60)}"'
    return str(term)


def _clip(text: str | None, width: int = 100) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _term_str(term: Node | None) -> str | None:
    return None if term is None else str(term)
