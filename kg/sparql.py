"""Running SPARQL: one entry point over an Oxigraph store, an rdflib graph or a remote endpoint.

Every source answers :func:`execute` with a :class:`Result`: the variables in projection order
and rows of rdflib terms (``None`` where unbound), so rendering never cares where rows came from.

Parameters are never pasted into the query text as strings: :func:`inject_values` serialises
each value as an RDF term (IRIs checked, literals escaped) into a ``VALUES`` block at the top of
every group that uses it (see :func:`inject_values`). That behaves the same on every backend;
pyoxigraph's own ``substitutions`` only fill the projected variable in 0.5 and do not
constrain the pattern.

>>> import pyoxigraph as ox
>>> store = ox.Store()
>>> store.add(ox.Quad(ox.NamedNode("http://ex/s"), ox.NamedNode("http://ex/p"), ox.Literal("a"),
...                   ox.NamedNode("http://ex/g")))
>>> execute(store, "SELECT ?s WHERE { ?s ?p ?o }").rows
[(rdflib.term.URIRef('http://ex/s'),)]
>>> execute(store, "SELECT ?s WHERE { ?s ?p ?_o }", {"_o": Literal("b")}).rows
[]
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from kg.graph.terms import to_rdflib

Term = URIRef | Literal | BNode

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

UPDATE_KEYWORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
)
QUERY_FORMS = frozenset({"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"})


class QueryError(Exception):
    """A query that cannot run: bad syntax (with its position), an update, a backend error."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None):
        super().__init__(message)
        self.line = line
        self.column = column


class UpdateRefused(QueryError):
    """The text is a SPARQL Update; queries here only read."""


@dataclass
class Result:
    """Rows of a query: ``vars`` in projection order, ``rows`` of rdflib terms or ``None``.

    ASK gives one row ``(true|false,)`` under ``ask``; CONSTRUCT and DESCRIBE give
    ``subject, predicate, object`` rows. ``form`` says which it was.
    """

    vars: list[str]
    rows: list[tuple[Term | None, ...]] = field(default_factory=list)
    form: str = "SELECT"

    def column(self, name: str) -> list[Term | None]:
        i = self.vars.index(name)
        return [row[i] for row in self.rows]

    def records(self) -> list[dict[str, Any]]:
        """Rows as dicts of Python values (unbound variables left out)."""
        return [
            {v: python_value(t) for v, t in zip(self.vars, row, strict=True) if t is not None}
            for row in self.rows
        ]

    def __len__(self) -> int:
        return len(self.rows)


def python_value(term: Term | None) -> Any:
    """A JSON-friendly Python value: numbers and booleans as such, everything else a string.

    >>> python_value(Literal(3)), python_value(URIRef("http://ex/a")), python_value(None)
    (3, 'http://ex/a', None)
    >>> python_value(Literal("2018-01-15", datatype=URIRef("http://www.w3.org/2001/XMLSchema#date")))
    '2018-01-15'
    """
    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython()
        if isinstance(value, bool | int | float):
            return value
        if type(value).__name__ == "Decimal":
            return float(value)
        return str(term)
    return str(term)


# ---------------------------------------------------------------- reading the query text

# Comments, strings and IRIs are skipped when looking for keywords and braces: a '#' or '{'
# inside them means nothing. IRIREF cannot contain braces, spaces or quotes (SPARQL grammar).
_TOKEN = re.compile(
    r"""
    (?P<comment>\#[^\n]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
              |'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][A-Za-z0-9_\u00B7-\uFFFF]+)
  | (?P<word>[A-Za-z_][A-Za-z0-9_\-]*(?::[^\s{}()<>,;]*)?)
  | (?P<brace>[{}])
    """,
    re.VERBOSE | re.DOTALL,
)


def _tokens(text: str) -> Iterable[tuple[str, str, int]]:
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or ""
        yield kind, m.group(), m.start()


def query_form(text: str) -> str:
    """The first keyword after the prologue: SELECT, ASK, CONSTRUCT, DESCRIBE or an update verb.

    >>> query_form("PREFIX ex: <http://ex/> # SELECT in a comment\\nASK { ?s ?p ?o }")
    'ASK'
    >>> query_form("drop all")
    'DROP'
    """
    in_prologue = ""  # "PREFIX" or "BASE" while their IRI is still to come
    for kind, tok, _ in _tokens(text):
        if kind == "comment":
            continue
        if in_prologue:
            if kind == "iri":
                in_prologue = ""
            continue
        if kind == "word":
            upper = tok.upper()
            if upper in ("PREFIX", "BASE"):
                in_prologue = upper
                continue
            return upper
        return ""
    return ""


def check_readonly(text: str) -> str:
    """The query form, or :class:`UpdateRefused` for an update, :class:`QueryError` if neither."""
    form = query_form(text)
    if form in UPDATE_KEYWORDS:
        raise UpdateRefused(
            f"{form} is a SPARQL Update: kg query only reads (use kg build to change the store)"
        )
    if form not in QUERY_FORMS:
        check_syntax(text)  # gives the parser's own message and position
        raise QueryError("not a SPARQL query: expected SELECT, ASK, CONSTRUCT or DESCRIBE")
    return form


_POSITION = re.compile(r"error at (\d+):(\d+):?\s*(.*)", re.DOTALL)


def syntax_error(exc: Exception) -> QueryError:
    """A pyoxigraph SyntaxError as a one-line :class:`QueryError` with line and column."""
    message = " ".join(str(exc).split())
    m = _POSITION.search(message)
    if m:
        line, col = int(m.group(1)), int(m.group(2))
        return QueryError(f"line {line}, column {col}: {m.group(3)}", line, col)
    return QueryError(message)


_EMPTY = ox.Store()


def check_syntax(text: str) -> None:
    """Parse ``text`` as a SPARQL query (on an empty store): :class:`QueryError` on bad syntax."""
    problem = _syntax_problem(text)
    if problem is not None:
        raise QueryError(*problem)


@lru_cache(maxsize=512)
def _syntax_problem(text: str) -> tuple[str, int | None, int | None] | None:
    # Cached: canned queries are parsed once per process, whatever their parameters.
    try:
        result = _EMPTY.query(text)
        if not isinstance(result, ox.QueryBoolean):
            for _ in result:  # an empty store: nothing to read, but parse errors surface here
                break
    except SyntaxError as exc:
        err = syntax_error(exc)
        return (str(err), err.line, err.column)
    except (OSError, RuntimeError, ValueError) as exc:
        return (" ".join(str(exc).split()), None, None)
    return None


# ---------------------------------------------------------------- binding parameters


def _escape(value: str) -> str:
    out = []
    for ch in value:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20 or ch in "\u2028\u2029":
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return "".join(out)


_IRI_BAD = re.compile(r'[<>"{}|^`\\\x00-\x20]')
_LANG = re.compile(r"^[A-Za-z]+(-[A-Za-z0-9]+)*$")


def term_sparql(term: Node) -> str:
    """An RDF term written as SPARQL syntax, safe to put in a VALUES block.

    >>> term_sparql(Literal('x\\' } ; DROP ALL ; #'))
    '"x\\' } ; DROP ALL ; #"'
    >>> term_sparql(Literal('a"b\\nc'))
    '"a\\\\"b\\\\nc"'
    >>> term_sparql(URIRef("http://ex/a"))
    '<http://ex/a>'
    """
    if isinstance(term, URIRef):
        iri = str(term)
        if _IRI_BAD.search(iri):
            raise QueryError(f"not a valid IRI: {iri!r}")
        return f"<{iri}>"
    if isinstance(term, Literal):
        body = f'"{_escape(str(term))}"'
        if term.language:
            if not _LANG.match(term.language):
                raise QueryError(f"not a valid language tag: {term.language!r}")
            return f"{body}@{term.language}"
        if term.datatype and str(term.datatype) != XSD_STRING:
            return body + "^^" + term_sparql(URIRef(str(term.datatype)))
        return body
    raise QueryError(f"cannot bind a {type(term).__name__} as a parameter")


def _values_block(bindings: Mapping[str, Node]) -> str:
    names = list(bindings)
    for name in names:
        if not re.fullmatch(r"[A-Za-z0-9_]+", name):
            raise QueryError(f"not a variable name: {name!r}")
    head = " ".join(f"?{n}" for n in names)
    row = " ".join(term_sparql(bindings[n]) for n in names)
    return f" VALUES ({head}) {{ ({row}) }} "


@dataclass
class _Brace:
    pos: int
    kind: str  # "group", "data" (VALUES rows), "template" (CONSTRUCT) or "subselect"
    mentions: set[str] = field(default_factory=set)
    child: int | None = None  # a subselect's WHERE group


def inject_values(text: str, bindings: Mapping[str, Node] | None) -> str:
    """``text`` with each parameter bound by a VALUES block in every group that uses it.

    The value joins first in each group (pattern, OPTIONAL, UNION branch, subquery) that
    mentions the variable, so it constrains that group and its FILTERs the way a bound
    variable would: the substitution semantics of SEP-0007, written in plain SPARQL 1.1 that
    any endpoint runs. A variable used only in SELECT, GROUP BY, HAVING or ORDER BY is bound in
    the outer WHERE group. Unbound optional parameters are simply left out.

    >>> inject_values("SELECT * WHERE { ?s ?p ?_o }", {"_o": Literal("x")})
    'SELECT * WHERE { VALUES (?_o) { ("x") }  ?s ?p ?_o }'
    >>> inject_values("SELECT ?_o WHERE { ?s ?p ?o }", {"_o": Literal("x")})
    'SELECT ?_o WHERE { VALUES (?_o) { ("x") }  ?s ?p ?o }'
    """
    if not bindings:
        return text
    wanted = set(bindings)
    stack: list[_Brace] = []
    groups: list[_Brace] = []
    outer: _Brace | None = None
    outside: set[str] = set()
    pending = ""  # "VALUES" or "CONSTRUCT" when the next brace belongs to it
    tokens = [t for t in _tokens(text) if t[0] != "comment"]
    for i, (kind, tok, pos) in enumerate(tokens):
        if kind == "word":
            upper = tok.upper()
            if upper == "VALUES":
                pending = "VALUES"
            elif upper == "CONSTRUCT":
                nxt = tokens[i + 1] if i + 1 < len(tokens) else None
                pending = "CONSTRUCT" if nxt is not None and nxt[1] == "{" else ""
        elif kind == "var" and tok[1:] in wanted:
            if stack:
                stack[-1].mentions.add(tok[1:])
            else:
                outside.add(tok[1:])
        elif kind == "brace" and tok == "{":
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            if pending == "VALUES":
                brace = _Brace(pos, "data")
            elif pending == "CONSTRUCT":
                brace = _Brace(pos, "template")
            elif nxt is not None and nxt[0] == "word" and nxt[1].upper() == "SELECT":
                brace = _Brace(pos, "subselect")
            else:
                brace = _Brace(pos, "group")
                groups.append(brace)
                if stack and stack[-1].kind == "subselect" and stack[-1].child is None:
                    stack[-1].child = pos
                if outer is None and not stack:
                    outer = brace
            pending = ""
            stack.append(brace)
        elif kind == "brace" and tok == "}" and stack:
            closed = stack.pop()
            if closed.kind == "subselect" and closed.mentions and closed.child is not None:
                # Variables of a subquery's SELECT/GROUP BY/HAVING: bind in its WHERE group.
                for g in groups:
                    if g.pos == closed.child:
                        g.mentions |= closed.mentions
    if outer is None:
        raise QueryError("no WHERE group to bind parameters in")
    used = set().union(*(g.mentions for g in groups)) if groups else set()
    outer.mentions |= outside | (wanted - used)
    out = text
    for g in sorted(groups, key=lambda g: g.pos, reverse=True):
        if g.mentions:
            block = _values_block({n: bindings[n] for n in bindings if n in g.mentions})
            out = out[: g.pos + 1] + block + out[g.pos + 1 :]
    return out


# ---------------------------------------------------------------- terms between libraries


def from_oxigraph(term: Any) -> Term | None:
    """A result cell as an rdflib term (``kg.graph.terms.to_rdflib``, the one converter);
    None when unbound."""
    return to_rdflib(term)  # type: ignore[return-value]


def from_json_term(obj: Mapping[str, str] | None) -> Term | None:
    """A term of SPARQL 1.1 JSON results (``{"type": "uri", "value": ...}``) as rdflib."""
    if obj is None:
        return None
    kind, value = obj.get("type"), obj.get("value", "")
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    lang = obj.get("xml:lang")
    if lang:
        return Literal(value, lang=lang)
    dt = obj.get("datatype")
    return Literal(value, datatype=URIRef(dt) if dt and dt != XSD_STRING else None)


# ---------------------------------------------------------------- sources


class Endpoint:
    """A remote SPARQL 1.1 endpoint, read through SPARQLWrapper with JSON results."""

    def __init__(self, url: str, timeout: int = 60):
        self.url = url
        self.timeout = timeout

    def __repr__(self) -> str:
        return f"Endpoint({self.url!r})"

    def run(self, text: str, form: str) -> Result:
        from SPARQLWrapper import JSON, N3, POST, SPARQLWrapper

        client = SPARQLWrapper(self.url)
        client.setTimeout(self.timeout)
        # POST (form-encoded, SPARQL 1.1 Protocol): canned queries are too long for a GET URL.
        client.setMethod(POST)
        client.setQuery(text)
        try:
            if form in ("CONSTRUCT", "DESCRIBE"):
                from rdflib import Graph

                client.setReturnFormat(N3)
                graph = client.queryAndConvert()
                if not isinstance(graph, Graph):
                    graph = Graph().parse(data=graph, format="turtle")
                rows = sorted(graph, key=lambda t: tuple(str(x) for x in t))
                return Result(["subject", "predicate", "object"], list(rows), form)
            client.setReturnFormat(JSON)
            data = client.queryAndConvert()
        except Exception as exc:  # network, HTTP and parse errors all end the same way
            raise QueryError(f"{self.url}: {' '.join(str(exc).split())[:300]}") from None
        if not isinstance(data, dict):
            raise QueryError(f"{self.url}: the endpoint did not return SPARQL JSON results")
        if "boolean" in data:
            return Result(["ask"], [(Literal(bool(data["boolean"])),)], "ASK")
        variables = list(data.get("head", {}).get("vars", []))
        rows = [
            tuple(from_json_term(b.get(v)) for v in variables)
            for b in data.get("results", {}).get("bindings", [])
        ]
        return Result(variables, rows, form)


def oxigraph_store(source: Any) -> ox.Store | None:
    """The pyoxigraph Store behind ``source`` (a Store, or a wrapper holding one)."""
    if isinstance(source, ox.Store):
        return source
    for attr in ("store", "_store", "oxigraph", "_ox"):
        inner = getattr(source, attr, None)
        if isinstance(inner, ox.Store):
            return inner
    return None


def _solution_rows(answer: ox.QuerySolutions, width: int) -> list[tuple[Term | None, ...]]:
    """Rows of rdflib terms, each distinct term converted once: building an rdflib Literal
    (which parses dates and numbers) costs far more than a dictionary lookup, and result
    columns repeat the same forces, technologies, dates and counts row after row."""
    converted: dict[Any, Term | None] = {None: None}
    columns = range(width)
    rows = []
    for solution in answer:
        row = []
        for i in columns:
            term = solution[i]  # by position: faster than by Variable
            value = converted.get(term, converted)
            if value is converted:
                value = converted[term] = from_oxigraph(term)
            row.append(value)
        rows.append(tuple(row))
    return rows


def _run_oxigraph(store: ox.Store, text: str, form: str) -> Result:
    try:
        answer = store.query(text, use_default_graph_as_union=True)
        if isinstance(answer, ox.QueryBoolean):
            return Result(["ask"], [(Literal(bool(answer)),)], "ASK")
        if isinstance(answer, ox.QuerySolutions):
            variables = [v.value for v in answer.variables]
            return Result(variables, _solution_rows(answer, len(variables)), form)
        triples = [
            (from_oxigraph(t.subject), from_oxigraph(t.predicate), from_oxigraph(t.object))
            for t in answer
        ]
        return Result(["subject", "predicate", "object"], triples, form)
    except SyntaxError as exc:
        raise syntax_error(exc) from None
    except (OSError, RuntimeError, ValueError) as exc:
        raise QueryError(" ".join(str(exc).split())) from None


def _run_rdflib(graph: Any, text: str, form: str) -> Result:
    from rdflib import Dataset

    if isinstance(graph, Dataset):
        graph.default_union = True
    try:
        with warnings.catch_warnings():
            # rdflib 7 warns about its own use of Dataset.default_context, once per triple.
            warnings.simplefilter("ignore", DeprecationWarning)
            answer = graph.query(text)
            if answer.type == "SELECT":
                answer.bindings  # noqa: B018 - evaluate now, under the filter
    except Exception as exc:
        raise QueryError(" ".join(str(exc).split())) from None
    if answer.type == "ASK":
        return Result(["ask"], [(Literal(bool(answer.askAnswer)),)], "ASK")
    if answer.type in ("CONSTRUCT", "DESCRIBE"):
        rows = sorted(answer.graph, key=lambda t: tuple(str(x) for x in t))
        return Result(["subject", "predicate", "object"], rows, form)
    variables = [str(v) for v in answer.vars or []]
    return Result(variables, [tuple(row) for row in answer], form)


def execute(source: Any, text: str, bindings: Mapping[str, Node] | None = None) -> Result:
    """Run a read-only SPARQL query on ``source`` and return its :class:`Result`.

    ``source``: a pyoxigraph ``Store`` (or an object holding one as ``.store``), an rdflib
    ``Graph``/``Dataset``, or an :class:`Endpoint`. The default graph is the union of all graphs,
    so queries see every letter's named graph and the vocabularies together. ``bindings`` map
    variable names (without ``?``) to rdflib terms and are injected as a VALUES block.
    """
    form = check_readonly(text)
    check_syntax(text)
    text = inject_values(text, bindings)
    if isinstance(source, Endpoint):
        return source.run(text, form)
    store = oxigraph_store(source)
    if store is not None:
        return _run_oxigraph(store, text, form)
    if hasattr(source, "query") and hasattr(source, "triples"):
        return _run_rdflib(source, text, form)
    if hasattr(source, "query"):
        # Any other store object with a query(text) method, e.g. a future wrapper.
        return _run_generic(source, text, form)
    raise QueryError(f"cannot query a {type(source).__name__}")


def _run_generic(source: Any, text: str, form: str) -> Result:
    try:
        answer = source.query(text)
    except SyntaxError as exc:
        raise syntax_error(exc) from None
    except Exception as exc:
        raise QueryError(" ".join(str(exc).split())) from None
    if isinstance(answer, Result):
        return answer
    if isinstance(answer, ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples):
        raise QueryError("unexpected pyoxigraph answer without its store")
    rows = list(answer)
    if rows and isinstance(rows[0], Mapping):
        variables = list(rows[0].keys())
        return Result(variables, [tuple(r.get(v) for v in variables) for r in rows], form)
    raise QueryError(f"cannot read the answer of a {type(source).__name__}")
