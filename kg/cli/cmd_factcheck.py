"""``kg factcheck``: check every threat-level statement against the official timeline."""

from __future__ import annotations

from typing import Annotated

import typer

from kg import factcheck
from kg.cli.app import DEFAULT_STORE, FormatOpt, OutputOpt, StoreOpt, TableFormat, app
from kg.cli.beyond_output import emit, opened_store, render


@app.command("factcheck")
def factcheck_command(
    store: StoreOpt = DEFAULT_STORE,
    fmt: FormatOpt = TableFormat.table,
    output: OutputOpt = None,
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run", help="Only print the verdicts; leave id:graph/factcheck as it is."
        ),
    ] = False,
) -> None:
    """Fact-check the letters' threat-level statements against the official UK timeline.

    Current-level claims: correct or wrong on the letter's date; without one, checked over the
    window the letter gives (received date + 40 working days, or the year in its reference):
    correct, wrong or plausible (with the dates it was true). Historical claims: what they
    leave out or get wrong (partly-wrong) or correct. The verdicts replace the graph
    id:graph/factcheck (foi:FactCheck / schema:ClaimReview) unless --dry-run.
    """
    with opened_store(store, write=not dry_run) as st:
        results = factcheck.run(st, write=not dry_run)
    rows = [r.row() for r in results]
    if fmt is TableFormat.table:
        rows = [{k: v for k, v in row.items() if k != "window"} for row in rows]
    counts = {v: sum(r.verdict == v for r in results) for v in factcheck.VERDICTS}
    summary = ", ".join(f"{n} {v}" for v, n in counts.items() if n)
    emit(
        render(
            f"Threat-level fact check ({summary or 'no claims'})",
            rows,
            fmt,
            width=160 if output else None,
        ),
        output,
        f"{len(rows)} verdicts",
    )
