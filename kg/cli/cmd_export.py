"""``kg export``: the store as Turtle, JSON-LD, N-Triples, N-Quads or TriG.

N-Quads and TriG keep the named graphs (vocab, one per letter, analyses); Turtle, N-Triples
and JSON-LD hold the merged default view (the union of all graphs).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from kg.cli.app import DEFAULT_STORE, OutputOpt, StoreOpt, app, fail


class ExportFormat(StrEnum):
    """RDF serialisations ``kg export`` writes."""

    turtle = "turtle"
    jsonld = "jsonld"
    nt = "nt"
    nq = "nq"
    trig = "trig"


@app.command()
def export(
    fmt: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            "-f",
            help="turtle, jsonld, nt (merged view) or nq, trig (named graphs kept).",
        ),
    ] = ExportFormat.turtle,
    output: OutputOpt = None,
    letter: Annotated[
        str | None,
        typer.Option(
            "--letter",
            help="Only this letter: response IRI, force/reference, reference or file name.",
        ),
    ] = None,
    store: StoreOpt = DEFAULT_STORE,
) -> None:
    """Export the knowledge graph (or one letter) in a linked-data format."""
    from kg.graph.exporter import export as run_export
    from kg.graph.store import StoreError, open_store

    if store == "memory":
        raise fail("--store memory: an in-memory store is empty; build into a directory first")
    try:
        st = open_store(store, read_only=True)
    except StoreError as exc:
        raise fail(str(exc)) from None
    try:
        text = run_export(st, fmt.value, letter)
    except StoreError as exc:
        raise fail(str(exc)) from None
    finally:
        st.close()
    if output is None:
        typer.echo(text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise fail(f"{output}: cannot write ({exc.strerror or exc})") from None
