"""Rendering query results: a rich table, CSV, SPARQL 1.1 JSON, a JSON list of records, Markdown.

>>> from rdflib import Literal, URIRef
>>> from kg.sparql import Result
>>> r = Result(["force", "letters"], [(Literal("Kent Police"), Literal(2))])
>>> print(to_csv(r), end="")
force,letters
Kent Police,2
>>> print(to_markdown(r))
| force | letters |
| --- | --- |
| Kent Police | 2 |
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from rdflib import BNode, Literal, URIRef
from rich.table import Table

from kg import ids
from kg.sparql import XSD_STRING, Result, Term, python_value

FORMATS: tuple[str, ...] = ("table", "csv", "json", "records", "md")

# Prefixes used to shorten IRIs in tables a person reads (CSV and JSON keep full IRIs).
SHORT_PREFIXES: tuple[tuple[str, str], ...] = (
    ("id:", ids.ID),
    ("foi:", ids.ONTOLOGY),
    ("leg:", ids.FOIA),
    ("wd:", ids.WIKIDATA),
    ("xsd:", "http://www.w3.org/2001/XMLSchema#"),
)

_NUMERIC = {
    "http://www.w3.org/2001/XMLSchema#" + t
    for t in ("integer", "decimal", "double", "float", "int", "long", "nonNegativeInteger")
}


def lexical(term: Term | None) -> str:
    """The plain text of a term (SPARQL CSV style): IRIs in full, literals without datatype."""
    return "" if term is None else str(term)


def short(term: Term | None) -> str:
    """A term as a person reads it: IRIs shortened with the project's prefixes."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        iri = str(term)
        for prefix, ns in SHORT_PREFIXES:
            if iri.startswith(ns):
                return prefix + iri[len(ns) :]
        return iri
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def to_csv(result: Result) -> str:
    """CSV with a header row of variable names; unbound values are empty cells."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(result.vars)
    for row in result.rows:
        writer.writerow([lexical(t) for t in row])
    return out.getvalue()


def json_term(term: Term) -> dict[str, str]:
    """One RDF term in SPARQL 1.1 Query Results JSON form."""
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    out = {"type": "literal", "value": str(term)}
    if isinstance(term, Literal):
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype and str(term.datatype) != XSD_STRING:
            out["datatype"] = str(term.datatype)
    return out


def to_sparql_json(result: Result) -> dict[str, Any]:
    """SPARQL 1.1 Query Results JSON: ``head.vars`` and ``results.bindings`` (ASK: ``boolean``)."""
    if result.form == "ASK":
        value = bool(result.rows[0][0].toPython()) if result.rows else False  # type: ignore[union-attr]
        return {"head": {}, "boolean": value}
    bindings = [
        {v: json_term(t) for v, t in zip(result.vars, row, strict=True) if t is not None}
        for row in result.rows
    ]
    return {"head": {"vars": list(result.vars)}, "results": {"bindings": bindings}}


def to_records(result: Result) -> list[dict[str, Any]]:
    """A plain list of objects, one per row, every variable present (``null`` when unbound)."""
    return [
        {v: python_value(t) for v, t in zip(result.vars, row, strict=True)} for row in result.rows
    ]


def _md_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").replace("\r", " ")


def to_markdown(result: Result) -> str:
    """A GitHub-flavoured Markdown table (pipes escaped, line breaks flattened)."""
    lines = [
        "| " + " | ".join(_md_cell(v) for v in result.vars) + " |",
        "| " + " | ".join("---" for _ in result.vars) + " |",
    ]
    for row in result.rows:
        lines.append("| " + " | ".join(_md_cell(short(t)) for t in row) + " |")
    return "\n".join(lines)


def _is_numeric(term: Term | None) -> bool:
    return isinstance(term, Literal) and str(term.datatype) in _NUMERIC


def rich_table(result: Result, title: str | None = None) -> Table:
    """A rich Table: numbers right-aligned, IRIs shortened, a caption with the row count."""
    table = Table(title=title, show_lines=False, header_style="bold", expand=False)
    numeric = [
        bool(result.rows) and all(_is_numeric(r[i]) or r[i] is None for r in result.rows)
        for i in range(len(result.vars))
    ]
    for name, num in zip(result.vars, numeric, strict=True):
        table.add_column(name, justify="right" if num else "left", overflow="fold")
    for row in result.rows:
        table.add_row(*(short(t) for t in row))
    n = len(result.rows)
    table.caption = f"{n} row{'s' if n != 1 else ''}"
    return table


def render(result: Result, fmt: str) -> str:
    """Text of ``result`` in ``fmt`` (csv, json, records or md); tables go through rich."""
    if fmt == "csv":
        return to_csv(result)
    if fmt == "json":
        return json.dumps(to_sparql_json(result), indent=2, ensure_ascii=False) + "\n"
    if fmt == "records":
        return json.dumps(to_records(result), indent=2, ensure_ascii=False) + "\n"
    if fmt == "md":
        return to_markdown(result) + "\n"
    if fmt == "table":
        from rich.console import Console

        console = Console(file=io.StringIO(), width=200, color_system=None)
        console.print(rich_table(result))
        return console.file.getvalue()  # type: ignore[attr-defined]
    raise ValueError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")


__all__ = [
    "FORMATS",
    "json_term",
    "lexical",
    "render",
    "rich_table",
    "short",
    "to_csv",
    "to_markdown",
    "to_records",
    "to_sparql_json",
]
