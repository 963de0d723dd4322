"""``kg export``: the store as Turtle, JSON-LD, N-Triples, N-Quads or TriG.

N-Quads, TriG and JSON-LD keep the named graphs (vocab, one per letter, analyses); Turtle and
N-Triples hold the merged default view (the union of all graphs). The export streams to the
file (or stdout) as the store is read, so a large store never sits in memory.
"""

from __future__ import annotations

import sys
from contextlib import suppress
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
            help="turtle, nt (merged view) or nq, trig, jsonld (named graphs kept).",
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
    from kg.graph.exporter import write_export
    from kg.graph.store import StoreError, open_store

    if store == "memory":
        raise fail("--store memory: an in-memory store is empty; build into a directory first")
    try:
        st = open_store(store, read_only=True)
    except StoreError as exc:
        raise fail(str(exc)) from None
    try:
        if output is None:
            sys.stdout.flush()  # the bytes go under the text layer: keep the order
            write_export(st, fmt.value, sys.stdout.buffer, letter)
            sys.stdout.buffer.flush()
            return
        try:
            with output.open("wb") as out:
                write_export(st, fmt.value, out, letter)
        except (OSError, StoreError):
            # the file is written as the store is read: a failure leaves no half export
            with suppress(OSError):
                output.unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise fail(f"{output or 'stdout'}: cannot write ({exc.strerror or exc})") from None
    except StoreError as exc:
        raise fail(str(exc)) from None
    finally:
        st.close()
