"""Validating one graph: core SHACL in pySHACL, integrity rules on Oxigraph."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pyoxigraph as ox
from pyshacl.graph_abstraction import DataGraph
from pyshacl.validator import Validator
from rdflib import BNode, Graph, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from kg import ids
from kg.graph.terms import to_oxigraph, to_rdflib
from kg.validation.common import _SEVERITIES, FOI, OA, GraphKind, SparqlEngine
from kg.validation.results import Result, ValidationResult, _short
from kg.validation.shapes import (
    _RUN_LOCK,
    IntegrityRule,
    _pyshacl_shapes,
    integrity_rules,
    shapes_graph,
)
from kg.validation.views import _Indexed, _Union, _Workspace, _workspace

# -- validating one graph --------------------------------------------------------------------


def validate_letter(
    graph: Graph,
    *,
    sparql_rules: bool = True,
    sparql_engine: SparqlEngine = "oxigraph",
    vocab: Graph | None = None,
) -> ValidationResult:
    """Validate one letter's graph against the shapes, with the vocabulary joined to it.

    ``sparql_rules`` also runs the integrity rules core SHACL cannot express (dates in order,
    prejudice exemptions with harm and public interest, answers in their letter, NCND on an
    NCND subsection, denial contradicted by NCND, spans inside the text); ``sparql_engine``
    runs them as the ``.rq`` mirrors on Oxigraph (fast) or as SHACL-SPARQL in pySHACL.
    ``vocab`` replaces ``kg.vocab.vocab_graph()`` (tests).
    """
    return _validate(
        graph, "letter", sparql_rules=sparql_rules, sparql_engine=sparql_engine, vocab=vocab
    )


def validate_graph(
    graph: Graph, kind: GraphKind = "letter", *, vocab: Graph | None = None
) -> ValidationResult:
    """Validate a letter, vocabulary or analysis graph with the shapes of that kind."""
    return _validate(graph, kind, sparql_rules=True, sparql_engine="oxigraph", vocab=vocab)


def validate(
    graph: Graph, *, kind: GraphKind = "letter", vocab: Graph | None = None
) -> tuple[bool, Graph, str]:
    """The one entry point, pySHACL style: ``(conforms, report_graph, report_text)``."""
    res = validate_graph(graph, kind, vocab=vocab)
    return res.conforms, res.report_graph, res.report_text


def validate_letters(
    graphs: Sequence[Graph], *, bodies: Sequence[str] | None = None, vocab: Graph | None = None
) -> list[ValidationResult]:
    """Validate several letter graphs at once, one result each, the same as
    ``validate_letter`` on each: core SHACL letter by letter (each letter is validated alone,
    so nothing of one letter can satisfy or break a shape of another), then every integrity
    rule once over the whole batch, its rows handed back to their letters by graph name.

    ``bodies`` are the same graphs as N-Triples text without blank nodes (what
    ``kg.graph.builder`` writes to the store anyway): the rules load them faster. Two graphs of
    one batch must have different names (their identifier or response IRI)."""
    ws = _workspace(vocab)
    cores = [_core(g, "letter", with_sparql=False, ws=ws) for g in graphs]
    names = [name or "urn:x-foi-kg:letter" for _, name in cores]
    if len(set(names)) != len(names):
        raise ValueError("validate_letters: two graphs of one batch have the same name")
    rules = [r for r in integrity_rules() if r.is_sparql_constraint]
    texts = dict(zip(names, bodies, strict=True)) if bodies is not None else None
    with ws.lock:
        found = _run_rules(ws, dict(zip(names, graphs, strict=True)), rules, texts)
    return [_result(results + found[name]) for (results, _), name in zip(cores, names, strict=True)]


def _validate(
    graph: Graph,
    kind: GraphKind,
    *,
    sparql_rules: bool,
    sparql_engine: SparqlEngine,
    vocab: Graph | None,
) -> ValidationResult:
    ws = _workspace(vocab)
    in_pyshacl = sparql_rules and (sparql_engine == "pyshacl" or kind != "letter")
    results, graph_name = _core(graph, kind, with_sparql=in_pyshacl, ws=ws)
    if sparql_rules and kind == "letter" and sparql_engine == "oxigraph":
        name = graph_name or "urn:x-foi-kg:letter"
        rules = [r for r in integrity_rules() if r.is_sparql_constraint]
        with ws.lock:
            results += _run_rules(ws, {name: graph}, rules)[name]
    return _result(results)


def _core(
    graph: Graph, kind: GraphKind, *, with_sparql: bool, ws: _Workspace
) -> tuple[list[Result], str | None]:
    """pySHACL over one graph (joined to the vocabulary): its results and the graph's name."""
    sg = _pyshacl_shapes(kind, with_sparql=with_sparql)
    graph_name = _graph_name(graph, kind)
    if graph is ws.vocab:
        data: Graph = graph
    else:
        letter = graph if isinstance(graph, _Indexed) else _Indexed(graph, graph_ident(graph))
        data = _Union(letter, ws.index)
    validator = Validator(
        DataGraph.from_rdflib(data),
        shacl_graph=Graph(bind_namespaces="none"),  # replaced below by the cached shapes
        options={"inference": "none", "inplace": True},
    )
    validator.shacl_graph = sg
    with _RUN_LOCK:  # pySHACL's harvested shapes are shared and not made for threads
        _conforms, report, _text = validator.run()
    return _read_report(report, graph, graph_name), graph_name


def graph_ident(graph: Graph) -> URIRef:
    ident = graph.identifier
    return ident if isinstance(ident, URIRef) else URIRef("urn:x-foi-kg:letter")


def _graph_name(graph: Graph, kind: GraphKind) -> str | None:
    if kind == "vocab":
        return str(ids.VOCAB_GRAPH)
    ident = graph.identifier
    if isinstance(ident, URIRef) and not str(ident).startswith("urn:x-rdflib"):
        return str(ident)
    response = next(iter(graph.subjects(RDF.type, FOI.Response)), None)
    return str(response) if response is not None else None


def _result(results: list[Result]) -> ValidationResult:
    results = _dedupe(results)
    by = defaultdict(list)
    for r in results:
        by[r.severity].append(r)
    violations = by["Violation"]
    conforms = not violations
    return ValidationResult(
        conforms=conforms,
        violations=violations,
        warnings=by["Warning"],
        infos=by["Info"],
    )


def _dedupe(results: Iterable[Result]) -> list[Result]:
    seen: set[tuple[Any, ...]] = set()
    out = []
    for r in results:
        k = r.key()
        if k not in seen:
            seen.add(k)
            out.append(r)
    order = {"Violation": 0, "Warning": 1, "Info": 2}
    # A total order (message last): the same results come out in the same order whether the
    # rules ran over one letter, a batch or the whole store.
    return sorted(
        out,
        key=lambda r: (
            r.graph or "",
            order[r.severity],
            str(r.focus_node),
            str(r.path),
            str(r.source_shape),
            str(r.value),
            r.message,
        ),
    )


def _read_report(report: Graph, data: Graph, graph_name: str | None) -> list[Result]:
    out = []
    for node in report.objects(None, SH.result):
        sev = _SEVERITIES.get(report.value(node, SH.resultSeverity), "Violation")  # type: ignore[arg-type]
        focus = report.value(node, SH.focusNode)
        path = report.value(node, SH.resultPath)
        if isinstance(path, BNode):  # a complex path: keep its shape's readable name instead
            path = None
        span, evidence = _evidence(data, focus)
        out.append(
            Result(
                focus_node=focus,
                message=" ".join(str(report.value(node, SH.resultMessage) or "").split()),
                severity=sev,
                source_shape=report.value(node, SH.sourceShape),
                path=path,
                value=report.value(node, SH.value),
                component=report.value(node, SH.sourceConstraintComponent),
                graph=graph_name,
                span=span,
                evidence=evidence,
            )
        )
    return out


def _evidence(data: Graph, focus: Node | None) -> tuple[tuple[int, int] | None, str | None]:
    """The span of a focus node (its foi:evidence, or itself when it is a span) and the
    text it covers in its response's foi:text."""
    if focus is None:
        return None, None
    span_node = data.value(focus, FOI.evidence)
    fact: Node | None = focus
    if span_node is None and (focus, RDF.type, OA.TextPositionSelector) in data:
        span_node, fact = focus, data.value(None, FOI.evidence, focus)
    if span_node is None:
        return None, None
    start, end = data.value(span_node, OA.start), data.value(span_node, OA.end)
    try:
        span = (int(start), int(end))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None, None
    response = data.value(fact, FOI.inResponse) if fact is not None else None
    if response is None:
        response = next(iter(data.subjects(RDF.type, FOI.Response)), None)
    text = data.value(response, FOI.text) if response is not None else None
    if text is None or not (0 <= span[0] < span[1] <= len(str(text))):
        return span, None
    return span, str(text)[span[0] : span[1]]


# -- integrity rules on Oxigraph -------------------------------------------------------------


def _run_rules(
    ws: _Workspace,
    letters: Mapping[str, Graph],
    rules: list[IntegrityRule],
    bodies: Mapping[str, str] | None = None,
) -> dict[str, list[Result]]:
    """Each rule once over all ``letters`` (graph name -> graph), loaded together into the
    workspace's Oxigraph beside the vocabulary: a rule costs about the same for one letter as
    for fifty, so a batch pays it once. ``bodies`` (graph name -> N-Triples text of the same
    graph, as the builder has it anyway) load faster than converting the terms one by one;
    they must hold no blank nodes, which a load would rename. Rows found in a graph that is
    not one of ``letters`` (the vocabulary) are not theirs and are left out."""
    store = ws.oxigraph()
    names = [ox.NamedNode(n) for n in letters]
    out: dict[str, list[Result]] = {n: [] for n in letters}
    try:
        for name, node in zip(letters, names, strict=True):
            body = bodies.get(name) if bodies is not None else None
            if body is not None:
                store.load(body.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES, to_graph=node)
            else:
                store.extend(
                    ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), node)
                    for s, p, o in letters[name]
                )
        for rule in rules:
            rows = store.query(rule.query, use_default_graph_as_union=True)
            variables = [v.value for v in rows.variables]  # type: ignore[union-attr]
            for sol in rows:  # type: ignore[union-attr]
                row = {v: to_rdflib(sol[v]) for v in variables}
                graph = str(row.get("graph"))
                if graph in out:
                    out[graph].append(_rule_result(rule, row, letters[graph]))
        return out
    finally:
        for node in names:
            store.remove_graph(node)
        ws.used(len(names))


def _rule_result(rule: IntegrityRule, row: Mapping[str, Node | None], data: Graph | None) -> Result:
    shapes = shapes_graph()
    focus = row.get("this")
    assert focus is not None, f"{rule.path}: a row without ?this"
    path = row.get("path") or shapes.value(rule.shape, SH.path)
    if isinstance(path, BNode):
        path = None
    message = shapes.value(rule.shape, SH.message)
    sparql = shapes.value(rule.shape, SH.sparql)
    if sparql is not None:
        message = shapes.value(sparql, SH.message) or message
    text = _fill(str(message or rule.summary), row)
    span, evidence = _evidence(data, focus) if data is not None else (None, None)
    graph = row.get("graph")
    return Result(
        focus_node=focus,
        message=text,
        severity=rule.severity,
        source_shape=rule.shape,
        path=path,
        value=row.get("value"),
        component=SH.SPARQLConstraintComponent,
        graph=str(graph) if graph is not None else None,
        span=span,
        evidence=evidence,
    )


_PLACEHOLDER = re.compile(r"\{[?$](\w+)\}")


def _fill(message: str, row: Mapping[str, Node | None]) -> str:
    """SHACL-SPARQL message templates: ``{?value}`` and ``{$this}`` from the row, IRIs
    shortened for a reader (``leg:31/3``, ``id:technology/live-facial-recognition``)."""

    def term(m: re.Match[str]) -> str:
        value = row.get(m.group(1))
        if value is None:
            return "(none)"
        return _short(value) if isinstance(value, URIRef) else str(value)

    return " ".join(_PLACEHOLDER.sub(term, message).split())
