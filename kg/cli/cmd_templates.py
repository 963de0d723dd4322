"""``kg templates``: the national templates copied across letters, and each letter's share."""

from __future__ import annotations

from typing import Annotated

import typer

from kg import templates
from kg.cli.app import DEFAULT_STORE, FormatOpt, OutputOpt, StoreOpt, TableFormat, app, fail
from kg.cli.beyond_output import emit, opened_store, render


@app.command("templates")
def templates_command(
    store: StoreOpt = DEFAULT_STORE,
    letter: Annotated[
        str | None,
        typer.Option(
            "--letter",
            help="Show this letter's paragraphs (reference or response IRI) marked template or "
            "own, with a word diff ([-removed-] {+added+}) against each template's wording.",
        ),
    ] = None,
    threshold: Annotated[
        float,
        typer.Option(
            "--threshold",
            min=0.0,
            max=1.0,
            help="Similarity (0-1, rapidfuzz ratio on normalised text) for two paragraphs "
            "to count as the same template.",
        ),
    ] = templates.THRESHOLD,
    shares: Annotated[
        bool,
        typer.Option(
            "--shares",
            help="Show each letter's share of template text and its own paragraphs count "
            "(shown after the templates in table and md formats).",
        ),
    ] = False,
    fmt: FormatOpt = TableFormat.table,
    output: OutputOpt = None,
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help="Only print; leave id:graph/templates as it is."),
    ] = False,
) -> None:
    """Find paragraphs copied across letters (MinHash LSH, verified), cluster them into
    templates, and report each template: the forces using it verbatim (similarity >= 0.95 to
    its most common wording) and those deviating. --shares: each letter's share of template
    text; --letter REF: one letter's paragraphs with word diffs. Membership replaces
    id:graph/templates unless --dry-run."""
    with opened_store(store, write=not dry_run) as st:
        report = templates.run(st, threshold=threshold, write=not dry_run)
    wide = 160 if output else None
    if letter is not None:
        ls = report.letter(letter)
        if ls is None:
            raise fail(f"{store}: no letter with reference or IRI {letter!r}")
        rows = templates.letter_rows(ls)
        title = (
            f"{ls.letter.force} {ls.letter.label}: {len(ls.template_of)} of "
            f"{len(ls.paragraphs)} paragraphs from templates ({ls.share:.0%} of the text)"
        )
        emit(render(title, rows, fmt, width=wide), output, f"{len(rows)} paragraphs")
        return
    trows = templates.template_rows(report)
    srows = templates.share_rows(report)
    if shares:
        text = render(f"Letters ({len(srows)})", srows, fmt, width=wide)
        emit(text, output, f"{len(srows)} letters")
        return
    text = render(f"Templates ({len(trows)})", trows, fmt, width=wide)
    if fmt in (TableFormat.table, TableFormat.md):  # for people: both tables
        text += "\n" + render(f"Letters ({len(srows)})", srows, fmt, width=wide)
    emit(text, output, f"{len(trows)} templates")
