"""SHACL validation of the graph: per letter before it is written, and over the whole store.

The shapes (``shapes/*.ttl``) check every class of the ontology against the graph model of
``docs/graph-model.md``; a few integrity rules that core SHACL cannot say are SHACL-SPARQL
constraints, each mirrored by a ``queries/integrity/<rule>-violation.rq`` (any row is a
result). Severities: ``sh:Violation`` is broken structure and makes a graph non-conforming;
``sh:Warning`` (suspicious content) and ``sh:Info`` (notes) are reported but never fail.

Why it is built this way (measured with ``benchmarks/validation_bench.py``; about 15 ms of
CPU for core SHACL on a 200-triple letter, 2.5 ms more for the integrity rules):

* The vocabulary (``kg.vocab.vocab_graph()``, what pySHACL calls the ``ont_graph``) is joined
  to each letter as a read-only union view (``_Union``) instead of being copied into every
  letter's data graph: copying its ~4,000 triples cost more than validating the letter.
* The parsed shapes and pySHACL's harvested shapes are built once per process, limited to the
  targeted shapes of the kind of graph being validated (``fsh:validates``), and the shapes
  graph answers pySHACL's repeated reads from memory (``_FrozenGraph``).
* Each SHACL-SPARQL constraint run by pySHACL goes through rdflib's SPARQL evaluator (about
  45 ms per constraint per letter). So by default a letter's SPARQL rules run as their
  ``.rq`` mirrors on an in-memory Oxigraph holding the vocabulary once (about 0.4 ms a rule);
  ``sparql_engine="pyshacl"`` runs the SHACL-SPARQL versions instead, which stay in the
  shapes for other validators.
* ``validate_store`` validates each letter graph with core SHACL (so cost grows linearly with
  the letters), the vocabulary and analysis graphs with their own shapes, then runs every
  integrity ``.rq`` once over the whole store on Oxigraph.

>>> from rdflib import Graph
>>> result = validate_letter(Graph())
>>> result.conforms, len(result.violations)
(True, 0)
"""

from __future__ import annotations

import re
import threading
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path as FilePath
from typing import Any, Literal

import pyoxigraph as ox
import yaml
from pyshacl.graph_abstraction import DataGraph
from pyshacl.shapes_graph import ShapesGraph
from pyshacl.validator import Validator
from rdflib import BNode, Graph, Namespace, URIRef
from rdflib import Literal as RDFLiteral
from rdflib.namespace import RDF, RDFS, SH, XSD
from rdflib.paths import Path
from rdflib.term import Node

from kg import ids
from kg.paths import QUERIES_DIR, SHAPES_DIR

FOI = Namespace(ids.ONTOLOGY)
FSH = Namespace("https://w3id.org/foi-kg/shapes#")
OA = Namespace("http://www.w3.org/ns/oa#")
INTEGRITY_DIR = QUERIES_DIR / "integrity"

Severity = Literal["Violation", "Warning", "Info"]
GraphKind = Literal["letter", "vocab", "analysis"]
SparqlEngine = Literal["oxigraph", "pyshacl"]

_KIND_NODE: dict[str, URIRef] = {
    "letter": FSH.LetterGraph,
    "vocab": FSH.VocabGraph,
    "analysis": FSH.AnalysisGraph,
}
_ANALYSIS_GRAPHS = {str(ids.FACTCHECK_GRAPH), str(ids.TEMPLATES_GRAPH), str(ids.QUESTIONS_GRAPH)}
_SEVERITIES: dict[URIRef, Severity] = {
    SH.Violation: "Violation",
    SH.Warning: "Warning",
    SH.Info: "Info",
}
_SEVERITY_NODE = {v: k for k, v in _SEVERITIES.items()}


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
    report_graph: Graph

    @property
    def results(self) -> list[Result]:
        return [*self.violations, *self.warnings, *self.infos]

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


# -- shapes and rules ------------------------------------------------------------------------


def shape_files() -> list[FilePath]:
    return sorted(SHAPES_DIR.glob("*.ttl"))


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    """All of ``shapes/*.ttl`` in one graph (parsed once per process)."""
    g = Graph()
    for path in shape_files():
        try:
            g.parse(path, format="turtle")
        except Exception as exc:  # a syntax error must name the file
            raise ValueError(f"{path}: not valid Turtle ({' '.join(str(exc).split())})") from None
    return g


@dataclass(frozen=True)
class IntegrityRule:
    """One ``queries/integrity/<name>-violation.rq``: its header and query text."""

    name: str
    path: FilePath
    summary: str
    severity: Severity
    shape: URIRef
    query: str
    description: str = ""

    @property
    def is_sparql_constraint(self) -> bool:
        """True when its SHACL twin is a SHACL-SPARQL constraint (core SHACL cannot say it),
        so per-letter validation must run it; the others mirror core constraints."""
        return (self.shape, SH.sparql, None) in shapes_graph()


def _header(text: str) -> dict[str, Any]:
    lines = [
        ln[3:] if ln.startswith("#+ ") else ln[2:]
        for ln in text.splitlines()
        if ln.startswith("#+")
    ]
    data = yaml.safe_load("\n".join(lines)) if lines else None
    return data if isinstance(data, dict) else {}


@lru_cache(maxsize=1)
def integrity_rules() -> tuple[IntegrityRule, ...]:
    """The integrity rules, read from their ``#+`` headers (grlc style)."""
    rules = []
    for path in sorted(INTEGRITY_DIR.glob("*-violation.rq")):
        text = path.read_text(encoding="utf-8")
        head = _header(text)
        severity = str(head.get("severity", "Violation"))
        if severity not in ("Violation", "Warning", "Info") or not head.get("shape"):
            raise ValueError(
                f"{path}: header needs 'severity' (Violation|Warning|Info) and 'shape'"
            )
        rules.append(
            IntegrityRule(
                name=path.name.removesuffix(".rq"),
                path=path,
                summary=str(head.get("summary", path.stem)),
                severity=severity,  # type: ignore[arg-type]
                shape=URIRef(str(head["shape"])),
                query=text,
                description=str(head.get("description", "")).strip(),
            )
        )
    return tuple(rules)


def _targeted_shapes(kind: GraphKind, *, with_sparql: bool) -> list[URIRef]:
    g = shapes_graph()
    out = []
    for shape in g.subjects(FSH.validates, _KIND_NODE[kind]):
        if not isinstance(shape, URIRef):
            continue
        if (shape, SH.sparql, None) in g and not with_sparql:
            continue
        out.append(shape)
    return sorted(out)


class _FrozenGraph(Graph):
    """A copy of the shapes graph that answers repeated reads from memory.

    The shapes do not change once loaded, but pySHACL re-reads every shape's triples each time
    it evaluates the shape (hundreds of times per letter, by constraint constructors too)."""

    def __init__(self, source: Graph) -> None:
        super().__init__()
        for prefix, ns in source.namespaces():
            self.bind(prefix, ns, override=True)
        for t in source:
            super().add(t)
        self._memo: dict[tuple[Any, ...], list[Any]] = {}

    def add(self, triple: Any) -> Graph:  # pySHACL adds its system triples once, at start
        self._memo.clear()
        return super().add(triple)

    def objects(self, subject: Any = None, predicate: Any = None, unique: bool = False) -> Any:
        key = ("o", subject, predicate)
        hit = self._memo.get(key)
        if hit is None:
            hit = self._memo[key] = list(super().objects(subject, predicate, unique=True))
        return iter(hit)

    def subjects(self, predicate: Any = None, object: Any = None, unique: bool = False) -> Any:  # noqa: A002
        key = ("s", predicate, object)
        hit = self._memo.get(key)
        if hit is None:
            hit = self._memo[key] = list(super().subjects(predicate, object, unique=True))
        return iter(hit)

    def predicate_objects(self, subject: Any = None, unique: bool = False) -> Any:
        key = ("po", subject)
        hit = self._memo.get(key)
        if hit is None:
            hit = self._memo[key] = list(super().predicate_objects(subject, unique=True))
        return iter(hit)


class _KindShapes(ShapesGraph):
    """pySHACL's shapes graph, limited to the targeted shapes of one kind of graph.

    (pySHACL's ``use_shapes`` only gathers blank-node property shapes, and ours are named, so
    the harvest is filtered here instead.)"""

    def __init__(self, graph: Graph, keep: frozenset[URIRef]) -> None:
        super().__init__(_FrozenGraph(graph))
        self._keep = keep
        self._kept: list[Any] | None = None

    @property
    def shapes(self) -> list[Any]:  # type: ignore[override]
        # Only the targeted shapes run at the top level: the others (property shapes, helper
        # shapes) have no targets and are reached through sh:property / sh:node anyway, and
        # asking each of them for focus nodes costs as much as validating a small letter.
        if self._kept is None:
            self._kept = [s for s in super().shapes if s.node in self._keep]
        return self._kept


_SG_CACHE: dict[tuple[str, bool], _KindShapes] = {}
_SG_LOCK = threading.RLock()
_RUN_LOCK = threading.Lock()


def _pyshacl_shapes(kind: GraphKind, with_sparql: bool) -> _KindShapes:
    """pySHACL's harvested shapes for one kind of graph, built once and reused: harvesting
    costs more than validating a letter."""
    key = (kind, with_sparql)
    with _SG_LOCK:
        sg = _SG_CACHE.get(key)
        if sg is None:
            g = shapes_graph()
            sg = _KindShapes(g, frozenset(_targeted_shapes(kind, with_sparql=with_sparql)))
            _ = sg.shapes  # harvest now, once
            _SG_CACHE[key] = sg
    return sg


class _ParamList(list):  # type: ignore[type-arg]
    """pySHACL checks every predicate of every shape it evaluates against this list of
    constraint parameters, by a linear scan; with membership by hash the same evaluation is
    several times faster. Copies (pySHACL's advanced and JS modes) are plain lists again."""

    def __init__(self, items: Iterable[Any]) -> None:
        super().__init__(items)
        self._set = frozenset(self)

    def __contains__(self, item: object) -> bool:
        return item in self._set


def _speed_up_pyshacl() -> None:
    import pyshacl.shape
    from pyshacl.constraints import ALL_CONSTRAINT_PARAMETERS, CONSTRAINT_PARAMETERS_MAP

    current = getattr(pyshacl.shape, "CONSTRAINT_PARAMS", None)
    if current is None or not isinstance(current[0], _ParamList):
        pyshacl.shape.CONSTRAINT_PARAMS = (  # type: ignore[attr-defined]
            _ParamList(ALL_CONSTRAINT_PARAMETERS),
            CONSTRAINT_PARAMETERS_MAP,
        )


_speed_up_pyshacl()


# -- vocabulary ------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def default_vocab() -> Graph:
    """``kg.vocab.vocab_graph()``: the ontology and vocabularies validation reads (forces,
    FOIA sections, concept schemes). Shapes check a letter's links against it."""
    from kg.vocab import vocab_graph

    return vocab_graph()


class _Union(Graph):
    """A read-only view of a letter graph and the vocabulary graph as one graph.

    pySHACL reads the data graph only through ``triples`` (and what rdflib builds on it), so
    joining the ~4,000 vocabulary triples to a letter costs nothing per letter, where copying
    them, or adding the letter to a copy and removing it after, cost as much as validating."""

    def __init__(self, first: Graph, second: Graph) -> None:
        super().__init__(bind_namespaces="none")
        self._first = first
        self._second = second

    def triples(self, triple: Any) -> Iterator[Any]:  # type: ignore[override]
        s, p, o = triple
        if isinstance(p, Path):
            for s2, o2 in p.eval(self, s, o):
                yield s2, p, o2
            return
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

    def add(self, triple: Any) -> Graph:
        raise TypeError("the validation view is read-only")


class _Indexed(Graph):
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

    def triples(self, triple: Any) -> Iterator[Any]:  # type: ignore[override]
        s, p, o = triple
        if isinstance(p, Path):
            for s2, o2 in p.eval(self, s, o):
                yield s2, p, o2
            return
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

    def add(self, triple: Any) -> Graph:
        raise TypeError("a letter read from the store is read-only")


class _Workspace:
    """What validating against one vocabulary needs, built once: the vocabulary graph and an
    in-memory Oxigraph store holding it in id:graph/vocab (for the .rq integrity rules)."""

    def __init__(self, vocab: Graph) -> None:
        self.vocab = vocab
        self.index = _Indexed(vocab, ids.VOCAB_GRAPH)  # every letter looks up both halves
        self.lock = threading.Lock()  # the Oxigraph store is shared: one letter at a time
        self._ox: ox.Store | None = None

    def oxigraph(self) -> ox.Store:
        if self._ox is None:
            store = ox.Store()
            vg = ox.NamedNode(str(ids.VOCAB_GRAPH))
            store.extend(ox.Quad(*_to_ox_triple(t), vg) for t in self.vocab)
            self._ox = store
        return self._ox


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
    sg = _pyshacl_shapes(kind, with_sparql=in_pyshacl)
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
    results = _read_report(report, graph, graph_name)
    if sparql_rules and kind == "letter" and sparql_engine == "oxigraph":
        rules = [r for r in integrity_rules() if r.is_sparql_constraint]
        with ws.lock:
            results += _run_rules_on_letter(ws, graph, graph_name, rules)
    return _result(results)


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
        report_graph=report_graph(results, conforms=conforms),
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
    return sorted(
        out, key=lambda r: (r.graph or "", order[r.severity], str(r.focus_node), str(r.path))
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


def _to_ox(term: Node) -> Any:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, RDFLiteral):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"cannot store {term!r}")


def _to_ox_triple(t: tuple[Node, Node, Node]) -> tuple[Any, Any, Any]:
    return _to_ox(t[0]), _to_ox(t[1]), _to_ox(t[2])


def to_rdflib(term: Any) -> Node | None:
    """An Oxigraph (or rdflib) term as an rdflib term."""
    if term is None or isinstance(term, Node):
        return term
    return _from_ox(term)


@lru_cache(maxsize=1 << 16)
def _from_ox(term: Any) -> Node | None:
    # Cached: a store's letters repeat the same predicates, classes, concepts and many literals,
    # and building an rdflib Literal parses its value (reading a store is otherwise a quarter
    # of validate_store).
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return RDFLiteral(term.value, lang=term.language)
        dt = term.datatype.value if term.datatype is not None else None
        if dt == str(XSD.string):
            dt = None
        return RDFLiteral(term.value, datatype=URIRef(dt) if dt else None)
    return None


def _run_rules_on_letter(
    ws: _Workspace, graph: Graph, graph_name: str | None, rules: list[IntegrityRule]
) -> list[Result]:
    store = ws.oxigraph()
    name = ox.NamedNode(graph_name or "urn:x-foi-kg:letter")
    store.extend(ox.Quad(*_to_ox_triple(t), name) for t in graph)  # type: ignore[arg-type]
    try:
        out: list[Result] = []
        for rule in rules:
            rows = store.query(rule.query, use_default_graph_as_union=True)
            names = [v.value for v in rows.variables]  # type: ignore[union-attr]
            for sol in rows:  # type: ignore[union-attr]
                row = {n: to_rdflib(sol[n]) for n in names}
                out.append(_rule_result(rule, row, graph))
        return out
    finally:
        store.remove_graph(name)


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
    letters: dict[str, Graph] = {}
    for name in names:
        g = adapter.graph(name)
        if name == str(ids.VOCAB_GRAPH):
            res = validate_graph(g, "vocab", vocab=vocab)
        elif name in _ANALYSIS_GRAPHS:
            res = validate_graph(g, "analysis", vocab=vocab)
        else:
            letters[name] = g
            res = validate_letter(g, sparql_rules=False, vocab=vocab)
        results += [_with_graph(r, name) for r in res.results]
    # A rule that mirrors a core constraint finds what SHACL already reported, possibly under
    # a sibling property shape (the threat-level rule covers three properties): keep SHACL's.
    seen = {(r.graph, r.focus_node, r.path, r.value, r.severity) for r in results}
    for rule in integrity_rules():
        for row in adapter.select(rule.query):
            gname = row.get("graph")
            data = letters.get(str(gname)) if gname is not None else None
            found = _rule_result(rule, row, data)
            if (found.graph, found.focus_node, found.path, found.value, found.severity) not in seen:
                results.append(found)
    results = _dedupe(results)
    by_graph: dict[str, list[Result]] = {}
    for r in results:
        by_graph.setdefault(r.graph or "(default graph)", []).append(r)
    conforms = not any(r.severity == "Violation" for r in results)
    return StoreValidation(conforms=conforms, by_graph=by_graph, graphs_checked=len(names))


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
                (_from_ox(q.subject), _from_ox(q.predicate), _from_ox(q.object)) for q in quads
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
