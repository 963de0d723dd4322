"""``kg query``: run a canned query, a ``.rq`` file or ad-hoc SPARQL on the store or an endpoint."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from kg.cli.app import DEFAULT_STORE, OutputOpt, StoreOpt, app, console, err_console, fail

# Exit status for mistakes in what was asked (bad SPARQL, unknown name, update, bad --param),
# as opposed to 1 for a store or endpoint that cannot answer.
USAGE_ERROR = 2

MEMORY_NOTE = (
    "note: --store memory is a new, empty in-memory store (for library use and tests); "
    "build into a directory and pass --store DIR to query letters"
)


class ResultFormat(StrEnum):
    """Output formats of query results."""

    table = "table"
    csv = "csv"
    json = "json"
    records = "records"
    md = "md"


ResultFormatOpt = Annotated[
    ResultFormat | None,
    typer.Option(
        "--format",
        "-f",
        help="table (rich, the default in a terminal), csv (header row; the default when piped), "
        "json (SPARQL 1.1 JSON results), records (JSON list of objects) or md (Markdown).",
    ),
]
ParamOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--param",
        "-p",
        help="Bind a query parameter, KEY=VALUE (repeatable). Values are bound as RDF terms, "
        "never pasted into the query.",
    ),
]
EndpointOpt = Annotated[
    str | None,
    typer.Option(
        "--endpoint",
        help="Query this SPARQL 1.1 endpoint URL (JSON results, via SPARQLWrapper) instead of "
        "the store.",
    ),
]


def list_queries() -> Table:
    """The canned queries as a table: name, title, parameters."""
    from kg.queries import discover

    table = Table("name", "title", "parameters", title="canned queries (queries/*.rq)")
    for name, q in discover().items():
        params = ", ".join(
            f"{p.short}" + (f"={p.default}" if p.default else "") + f" ({p.kind})" for p in q.params
        )
        table.add_row(name, q.summary, params or "-")
    return table


def emit(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise fail(f"{output}: cannot write ({exc.strerror or exc})") from None
    err_console.print(f"wrote {output}", highlight=False)


@app.command("query")
def query_command(
    query: Annotated[
        str | None,
        typer.Argument(
            help="A canned query name (see --list), a .rq file, or SPARQL text in quotes.",
            show_default=False,
        ),
    ] = None,
    list_: Annotated[
        bool, typer.Option("--list", "-l", help="List the canned queries and their parameters.")
    ] = False,
    param: ParamOpt = None,
    store: StoreOpt = DEFAULT_STORE,
    endpoint: EndpointOpt = None,
    fmt: ResultFormatOpt = None,
    output: OutputOpt = None,
) -> None:
    """Run a canned query, a .rq file or ad-hoc SPARQL (read-only) and print the rows.

    Queries see every letter's named graph and the vocabularies as one default graph.
    `--store memory` opens an empty in-memory store: it is meant for library use and tests.

    Examples: `kg query ncnd-covert`, `kg query letter -p reference=992/20 -f md`,
    `kg query technology-status -p force="Avon and Somerset Police" -f csv`,
    `kg query queries/integrity/ncnd-subsection-violation.rq`,
    `kg query 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }'`.
    """
    from kg.queries import UnknownQuery, bind, open_source, parse_assignments, resolve
    from kg.results import render, rich_table
    from kg.sparql import QueryError, UpdateRefused, check_readonly, check_syntax, execute

    if list_:
        console.print(list_queries())
        return
    if not query:
        raise fail("give a query name, a .rq file or SPARQL text (kg query --list)", USAGE_ERROR)
    name = query if len(query) < 40 and "\n" not in query else "query"
    try:
        canned = resolve(query)
        name = canned.name
        values = parse_assignments(param)
        bindings = bind(canned, values)  # unknown keys and bad values fail here, before any I/O
        check_readonly(canned.text)
        check_syntax(canned.text)
    except UpdateRefused as exc:
        raise fail(f"{name}: {exc}", USAGE_ERROR) from None
    except QueryError as exc:
        plain = name == "query" or isinstance(exc, UnknownQuery)
        raise fail(str(exc) if plain else f"{name}: {exc}", USAGE_ERROR) from None
    if store == "memory" and not endpoint:
        err_console.print(MEMORY_NOTE, highlight=False, soft_wrap=True)
    try:
        with open_source(store, endpoint) as source:
            result = execute(source, canned.text, bindings)
    except QueryError as exc:
        raise fail(f"{name}: {exc}") from None
    chosen = fmt.value if fmt else ("table" if output is None and sys.stdout.isatty() else "csv")
    if chosen == "table" and output is None:
        console.print(rich_table(result, title=canned.summary or None))
        return
    emit(render(result, chosen), output)
