"""Canned queries: ``queries/*.rq`` files with grlc-style ``#+`` YAML headers.

Adding a query is adding a file. The header names the query and its parameters::

    #+ name: ncnd-covert
    #+ summary: Forces that neither confirm nor deny covert use
    #+ description: ...
    #+ tags: [ncnd, exemptions]
    #+ params:
    #+   - name: force_iri
    #+     type: iri
    #+     lookup: force
    #+     description: Only this force (IRI, gazetteer id or name)
    #+ defaults:
    #+   - force_iri: null

The ``#+`` lines are comments, so the file stays valid SPARQL. A parameter ``force_iri`` is the
variable ``?_force_iri`` in the query (grlc's convention): values are bound as RDF terms by
:func:`kg.sparql.inject_values`, never pasted into the text. Queries in subfolders (such as
``queries/integrity/*-violation.rq``) are not canned queries but still run as files.

>>> q = parse_query_text("#+ summary: Demo\\n#+ params:\\n#+   - name: x\\nSELECT * { ?s ?p ?_x }")
>>> q.summary, [p.var for p in q.params]
('Demo', ['_x'])
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import yaml
from rdflib import Literal, URIRef

from kg import ids
from kg.paths import QUERIES_DIR
from kg.sparql import Endpoint, QueryError, Result, execute

# Prefixes a parameter value may use ("id:force/kent-police"), as in docs/graph-model.md.
PREFIXES: dict[str, str] = {
    "foi": ids.ONTOLOGY,
    "id": ids.ID,
    "leg": ids.FOIA,
    "wd": ids.WIKIDATA,
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
}

# Characters an IRI cannot hold; a parameter value keeps its meaning as text and cannot leave
# the term it is bound as.
_IRI_SAFE = "!#$&'()*+,/:;=?@[]~-._%"


class UnknownQuery(QueryError):
    """No canned query of that name: the message lists the closest names."""


class ParamError(QueryError):
    """A parameter the query does not take, or a value that does not fit it."""


@dataclass(frozen=True)
class Param:
    """One parameter from the header: ``?_<name>`` in the query text."""

    name: str
    kind: str = "literal"  # "iri" or "literal"
    description: str = ""
    default: str | None = None
    datatype: str | None = None  # xsd:date, xsd:integer... for literals
    base: str | None = None  # IRI prefix for bare values of IRI parameters
    lookup: str | None = None  # "force": resolve gazetteer ids and names to force IRIs
    enum: tuple[str, ...] = ()

    @property
    def var(self) -> str:
        return "_" + self.name

    @property
    def short(self) -> str:
        """The name users type: ``force`` for ``force_iri``."""
        return self.name[:-4] if self.name.endswith("_iri") else self.name


@dataclass
class CannedQuery:
    """A query file with its header read."""

    name: str
    text: str
    path: Path | None = None
    summary: str = ""
    description: str = ""
    tags: list[str] = field(default_factory=list)
    params: list[Param] = field(default_factory=list)
    header: dict[str, Any] = field(default_factory=dict)

    def param(self, key: str) -> Param:
        """The parameter called ``key`` (``force``, ``force_iri`` or ``_force_iri``)."""
        key = key.lstrip("?$")
        for p in self.params:
            if key in (p.name, p.short, p.var):
                return p
        names = ", ".join(p.short for p in self.params) or "none"
        raise ParamError(f"{self.name}: no parameter {key!r} (parameters: {names})")


# ---------------------------------------------------------------- reading headers


def header_lines(text: str) -> str:
    """The YAML behind the ``#+`` comment lines (grlc's ``get_yaml_decorators``)."""
    out = []
    for line in text.splitlines():
        stripped = line.lstrip()
        if stripped.startswith("#+"):
            body = stripped[2:]
            out.append(body[1:] if body.startswith(" ") else body)
    return "\n".join(out)


def parse_header(text: str, source: str = "query") -> dict[str, Any]:
    yml = header_lines(text)
    if not yml.strip():
        return {}
    try:
        data = yaml.safe_load(yml)
    except yaml.YAMLError as exc:
        raise QueryError(f"{source}: bad #+ header: {' '.join(str(exc).split())}") from None
    if not isinstance(data, dict):
        raise QueryError(f"{source}: the #+ header must be YAML keys (summary:, params:...)")
    return data


def _params(header: Mapping[str, Any], text: str, source: str) -> list[Param]:
    defaults: dict[str, Any] = {}
    raw_defaults = header.get("defaults") or []
    if isinstance(raw_defaults, dict):
        raw_defaults = [raw_defaults]
    for item in raw_defaults:
        if isinstance(item, dict):
            defaults.update(item)
    enums: dict[str, list[str]] = {}
    for item in header.get("enumerate") or []:
        if isinstance(item, dict):
            enums.update({k: list(v or []) for k, v in item.items()})
    params: list[Param] = []
    for item in header.get("params") or []:
        if isinstance(item, str):
            item = {"name": item}
        if not isinstance(item, dict) or "name" not in item:
            raise QueryError(f"{source}: each of params: needs a name")
        name = str(item["name"]).lstrip("?_")
        kind = str(item.get("type") or ("iri" if name.endswith("_iri") else "literal"))
        if kind not in ("iri", "literal"):
            raise QueryError(f"{source}: parameter {name}: type must be iri or literal")
        default = item.get("default", defaults.get(name))
        params.append(
            Param(
                name=name,
                kind=kind,
                description=str(item.get("description") or ""),
                default=None if default is None else str(default),
                datatype=item.get("datatype"),
                base=item.get("base"),
                lookup=item.get("lookup"),
                enum=tuple(str(v) for v in item.get("enum") or enums.get(name, [])),
            )
        )
    # Variables named ?_x in the text that the header forgot are parameters too (grlc reads
    # them from the text alone); they are literals unless named *_iri.
    known = {p.var for p in params}
    for var in dict.fromkeys(re.findall(r"[?$](_[A-Za-z0-9_]+)", _strip_comments(text))):
        if var not in known:
            name = var[1:]
            params.append(Param(name=name, kind="iri" if name.endswith("_iri") else "literal"))
    return params


def _strip_comments(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))


def parse_query_text(text: str, name: str = "query", path: Path | None = None) -> CannedQuery:
    source = str(path) if path else name
    header = parse_header(text, source)
    tags = header.get("tags") or []
    if isinstance(tags, str):
        tags = [t.strip() for t in tags.split(",") if t.strip()]
    return CannedQuery(
        name=str(header.get("name") or name),
        text=text,
        path=path,
        summary=" ".join(str(header.get("summary") or "").split()),
        description=" ".join(str(header.get("description") or "").split()),
        tags=[str(t) for t in tags],
        params=_params(header, text, source),
        header=header,
    )


def load(path: str | Path) -> CannedQuery:
    """Read one ``.rq`` file; its name is the header's ``name`` or the file stem."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise QueryError(f"{path}: cannot read ({exc.__class__.__name__})") from None
    return parse_query_text(text, name=path.stem, path=path)


def discover(folder: str | Path = QUERIES_DIR) -> dict[str, CannedQuery]:
    """Every canned query of ``folder`` (top level only), by name, sorted."""
    folder = Path(folder)
    found = {}
    for path in sorted(folder.glob("*.rq")):
        q = load(path)
        found[q.name] = q
    return dict(sorted(found.items()))


def find(name: str, folder: str | Path = QUERIES_DIR) -> CannedQuery:
    """The canned query ``name``, or :class:`UnknownQuery` naming the closest ones."""
    queries = discover(folder)
    if name in queries:
        return queries[name]
    close = difflib.get_close_matches(name, list(queries), n=4, cutoff=0.6)
    close += [n for n in queries if name and name in n and n not in close]
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise UnknownQuery(f"unknown query {name!r}{hint} (kg query --list shows them all)")


# ---------------------------------------------------------------- binding values


def _force_lookup(value: str) -> str | None:
    from kg import gazetteer

    wanted = value.strip().casefold()
    for body in gazetteer.all_bodies():
        if wanted == body.id.casefold() or wanted in (n.casefold() for n in body.names):
            return str(ids.body_iri(body.id))
    return None


def to_iri(value: str, param: Param | None = None) -> URIRef:
    """An IRI from what a user typed: ``<...>``, ``http...``, ``id:force/x``, a gazetteer id or
    name (``lookup: force``), or a bare value appended to the parameter's ``base``.

    Characters that cannot appear in an IRI are percent-encoded, so the value stays one term.

    >>> str(to_iri("id:force/kent-police"))
    'https://w3id.org/foi-kg/id/force/kent-police'
    >>> str(to_iri("x> } DROP ALL", Param("force_iri", "iri", base=ids.ID + "force/")))
    'https://w3id.org/foi-kg/id/force/x%3E%20%7D%20DROP%20ALL'
    """
    raw = value.strip()
    if raw.startswith("<") and raw.endswith(">"):
        raw = raw[1:-1]
    prefix, sep, local = raw.partition(":")
    if sep and prefix in PREFIXES and not local.startswith("//"):
        raw = PREFIXES[prefix] + local
    elif not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", raw):
        resolved = _force_lookup(raw) if param is not None and param.lookup == "force" else None
        if resolved:
            return URIRef(resolved)
        base = (param.base if param else None) or ""
        raw = base + raw
    return URIRef(quote(raw, safe=_IRI_SAFE))


def to_term(param: Param, value: str) -> URIRef | Literal:
    """The RDF term ``value`` is bound as for ``param``."""
    if param.enum and value not in param.enum:
        allowed = ", ".join(param.enum)
        raise ParamError(f"parameter {param.short}: {value!r} is not one of {allowed}")
    if param.kind == "iri":
        return to_iri(value, param)
    if param.datatype:
        dt = param.datatype
        prefix, sep, local = dt.partition(":")
        if sep and prefix in PREFIXES:
            dt = PREFIXES[prefix] + local
        return Literal(value, datatype=URIRef(dt))
    return Literal(value)


def bind(query: CannedQuery, values: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Terms for ``?_<name>`` variables: given values, else header defaults; unset ones stay
    unbound (the query treats an unbound parameter as "any")."""
    given = {query.param(k).name: v for k, v in (values or {}).items()}
    out: dict[str, Any] = {}
    for p in query.params:
        value = given.get(p.name, p.default)
        if value is None or value == "":
            continue
        out[p.var] = to_term(p, str(value))
    return out


def parse_assignments(pairs: list[str] | None) -> dict[str, str]:
    """``["force=kent-police", "year=2019"]`` -> a dict; a pair without ``=`` is an error."""
    out: dict[str, str] = {}
    for pair in pairs or []:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise ParamError(f"--param {pair!r}: expected KEY=VALUE")
        out[key.strip()] = value
    return out


def run(
    query: CannedQuery | str,
    source: Any,
    params: Mapping[str, str] | None = None,
) -> Result:
    """Run a canned query (object or name) with ``params`` on ``source``.

    ``source`` is what :func:`kg.sparql.execute` takes: a store, an rdflib graph or an
    :class:`~kg.sparql.Endpoint`.
    """
    if isinstance(query, str):
        query = find(query)
    return execute(source, query.text, bind(query, params))


@contextmanager
def open_source(store: str | Path | None = None, endpoint: str | None = None) -> Iterator[Any]:
    """What queries run on: an :class:`~kg.sparql.Endpoint` for ``endpoint``, else the store
    ``store`` (a directory opened read-only, or ``"memory"``), closed on exit.

    Errors opening the store come out as :class:`~kg.sparql.QueryError` with one line.
    """
    if endpoint:
        if not re.match(r"^https?://", endpoint):
            raise QueryError(f"--endpoint {endpoint}: expected an http(s) URL")
        yield Endpoint(endpoint)
        return
    from kg.graph.store import StoreError, open_store

    spec = str(store or "kg-store")
    try:
        opened = open_store(spec) if spec == "memory" else open_store(spec, read_only=True)
    except StoreError as exc:
        raise QueryError(str(exc)) from None
    try:
        yield opened
    finally:
        opened.close()


def resolve(spec: str, folder: str | Path = QUERIES_DIR) -> CannedQuery:
    """What ``kg query SPEC`` means: a canned query name, a ``.rq`` file, or SPARQL text."""
    from kg.sparql import QUERY_FORMS, UPDATE_KEYWORDS, query_form

    if "{" in spec or query_form(spec) in QUERY_FORMS | UPDATE_KEYWORDS:
        return parse_query_text(spec, name="ad-hoc")
    path = Path(spec)
    if spec.endswith((".rq", ".sparql")) or (path.suffix and path.exists()):
        if not path.is_file():
            raise QueryError(f"{spec}: no such query file")
        return load(path)
    return find(spec, folder)


__all__ = [
    "CannedQuery",
    "Endpoint",
    "Param",
    "ParamError",
    "UnknownQuery",
    "bind",
    "discover",
    "find",
    "load",
    "open_source",
    "parse_assignments",
    "parse_query_text",
    "resolve",
    "run",
    "to_iri",
    "to_term",
]
