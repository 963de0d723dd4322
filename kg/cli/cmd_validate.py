"""``kg validate``: check what is stored against the SHACL shapes and the integrity rules.

Exit status 0 when the store conforms (warnings and notes do not fail it), 1 when any
result is a Violation. ``text`` groups results by letter with the offending value and the
text span; ``turtle`` is one standard ``sh:ValidationReport``; ``json`` a list of records.
"""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from kg.cli.app import DEFAULT_STORE, StoreOpt, app, console, fail


class ReportFormat(StrEnum):
    """How ``kg validate`` prints its results."""

    text = "text"
    turtle = "turtle"
    json = "json"


@app.command()
def validate(
    store: StoreOpt = DEFAULT_STORE,
    fmt: Annotated[
        ReportFormat,
        typer.Option(
            "--format",
            "-f",
            help="text (grouped by letter, with evidence), turtle (sh:ValidationReport) "
            "or json (one record per result).",
        ),
    ] = ReportFormat.text,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report to this file.")
    ] = None,
) -> None:
    """Validate the stored graph: SHACL shapes per letter and integrity rules over the store.

    Exit 0 when it conforms (no Violation), 1 otherwise; warnings and notes are reported
    but never fail.
    """
    from kg.graph.store import StoreError, open_store
    from kg.validation import validate_store

    if store == "memory":
        raise fail("--store memory: an in-memory store is empty; build into a directory first")
    if not Path(store).exists():
        raise fail(f"{store}: no store here (run 'kg build --store {store} LETTERS' first)")
    try:
        st = open_store(store, read_only=True)
    except StoreError as exc:
        raise fail(str(exc)) from None
    try:
        result = validate_store(st)
    except (StoreError, ValueError) as exc:
        raise fail(str(exc)) from None
    finally:
        st.close()
    if fmt is ReportFormat.turtle:
        body = result.report_graph.serialize(format="turtle")
    elif fmt is ReportFormat.json:
        body = json.dumps(result.to_records(), indent=1, ensure_ascii=False)
    else:
        body = result.report_text
    if output is not None:
        try:
            output.write_text(body if body.endswith("\n") else body + "\n", encoding="utf-8")
        except OSError as exc:
            raise fail(f"{output}: cannot write ({exc.strerror})") from None
    elif fmt is ReportFormat.text:
        console.print(body, highlight=False, markup=False, soft_wrap=True)
    else:
        typer.echo(body)
    if not result.conforms:
        raise typer.Exit(1)
