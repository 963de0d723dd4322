"""The typer application and the options several commands share."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from kg import __version__

app = typer.Typer(
    name="kg",
    help="foi-kg: UK police FOI responses about facial recognition as a validated "
    "RDF knowledge graph.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

console = Console()
err_console = Console(stderr=True)


class TableFormat(StrEnum):
    """Output formats for tabular results."""

    table = "table"
    csv = "csv"
    json = "json"
    md = "md"


StoreOpt = Annotated[
    str,
    typer.Option(
        "--store",
        help="Store directory (on-disk Oxigraph), or 'memory' for an in-memory graph.",
        envvar="FOI_KG_STORE",
    ),
]
FormatOpt = Annotated[
    TableFormat,
    typer.Option("--format", "-f", help="Output format: table, csv, json (records) or md."),
]
OutputOpt = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")
]

DEFAULT_STORE = "kg-store"


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print a one-line error and return the Exit to raise."""
    err_console.print(f"[red]error:[/red] {message}", highlight=False, soft_wrap=True)
    return typer.Exit(code)


def _version(value: bool) -> None:
    if value:
        console.print(f"foi-kg {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """foi-kg: read FOI letters, build a validated knowledge graph, query and publish it."""
