"""``kg questions``: align questions across letters into canonical questions."""

from __future__ import annotations

from typing import Annotated

import typer

from kg import align
from kg.cli.app import DEFAULT_STORE, FormatOpt, OutputOpt, StoreOpt, TableFormat, app
from kg.cli.beyond_output import emit, opened_store, render


@app.command("questions")
def questions_command(
    store: StoreOpt = DEFAULT_STORE,
    show_matrix: Annotated[
        bool,
        typer.Option(
            "--matrix",
            help="Print the force x canonical-question matrix of answer kinds instead.",
        ),
    ] = False,
    threshold: Annotated[
        float,
        typer.Option(
            "--threshold",
            min=0,
            max=100,
            help="rapidfuzz token_set_ratio (0-100) for two normalised questions to align.",
        ),
    ] = align.THRESHOLD,
    min_forces: Annotated[
        int,
        typer.Option(
            "--min-forces", min=1, help="Matrix: only questions asked of this many forces."
        ),
    ] = 1,
    fmt: FormatOpt = TableFormat.table,
    output: OutputOpt = None,
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help="Only print; leave id:graph/questions as it is."),
    ] = False,
) -> None:
    """Align the letters' questions into canonical questions (force names, numbering and stop
    words normalised away; similarity clustering). The mapping replaces id:graph/questions
    unless --dry-run; --matrix shows how every force answered each canonical question."""
    with opened_store(store, write=not dry_run) as st:
        canonicals = align.run(st, threshold=threshold, write=not dry_run)
        kinds = align.load_answer_kinds(st) if show_matrix else {}
    wide = 200 if output else None
    if show_matrix:
        m = align.matrix(canonicals, kinds, min_forces=min_forces)
        rows = m.records() if fmt is TableFormat.json else m.rows()
        emit(
            render(
                f"Answers by force ({len(m.forces)} forces x {len(m.columns)} questions)",
                rows,
                fmt,
                width=wide,
            ),
            output,
            f"{len(m.forces)} forces",
        )
        return
    rows = align.canonical_rows(canonicals)
    emit(
        render(f"Canonical questions ({len(rows)})", rows, fmt, width=wide),
        output,
        f"{len(rows)} canonical questions",
    )
