"""The shapes (``shapes/*.ttl``), the integrity rules and pySHACL's harvest of them."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path as FilePath
from typing import Any

import yaml
from pyshacl.shapes_graph import ShapesGraph
from rdflib import Graph, URIRef
from rdflib.namespace import SH

from kg.paths import SHAPES_DIR
from kg.validation.common import _KIND_NODE, FSH, INTEGRITY_DIR, GraphKind, Severity

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


class _Reused:
    """A constraint component class whose instances, for the shapes of our cached shapes
    graphs, are built once and reused: pySHACL builds a new one (re-reading its parameters from
    the shapes graph) every time it evaluates a shape, a tenth of the cost of a letter. They
    hold only what they read from the shape, which does not change once harvested. Shapes of
    any other shapes graph get a new instance each time, as pySHACL does."""

    def __init__(self, component: type) -> None:
        self.component = component
        self.made: dict[int, tuple[Any, Any]] = {}  # id(shape) -> (shape, instance)

    def __call__(self, shape: Any) -> Any:
        if not isinstance(shape.sg, _KindShapes):
            return self.component(shape)
        hit = self.made.get(id(shape))
        if hit is None or hit[0] is not shape:
            hit = self.made[id(shape)] = (shape, self.component(shape))  # keeps shape alive
        return hit[1]


_NAMES: dict[int, tuple[Any, str]] = {}  # id(shape) -> (shape, str(shape))


def _speed_up_pyshacl() -> None:
    import pyshacl.shape

    shape_class = pyshacl.shape.Shape
    if not getattr(shape_class.__str__, "_kg_named", False):
        # pySHACL formats str(shape) into debug messages on every evaluation, logging on or
        # off; for our cached shapes the name is worked out once.
        plain_str = shape_class.__str__

        def named(shape: Any) -> str:
            if not isinstance(shape.sg, _KindShapes):
                return plain_str(shape)
            hit = _NAMES.get(id(shape))
            if hit is None or hit[0] is not shape:
                hit = _NAMES[id(shape)] = (shape, plain_str(shape))
            return hit[1]

        named._kg_named = True  # type: ignore[attr-defined]
        shape_class.__str__ = named  # type: ignore[method-assign]
    from pyshacl.constraints import ALL_CONSTRAINT_PARAMETERS, CONSTRAINT_PARAMETERS_MAP

    current = getattr(pyshacl.shape, "CONSTRAINT_PARAMS", None)
    if current is None or not isinstance(current[0], _ParamList):
        reused: dict[type, _Reused] = {}
        for component in CONSTRAINT_PARAMETERS_MAP.values():
            reused.setdefault(component, _Reused(component))
        pyshacl.shape.CONSTRAINT_PARAMS = (  # type: ignore[attr-defined]
            _ParamList(ALL_CONSTRAINT_PARAMETERS),
            {p: reused[c] for p, c in CONSTRAINT_PARAMETERS_MAP.items()},
        )


_speed_up_pyshacl()
