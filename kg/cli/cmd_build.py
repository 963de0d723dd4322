"""``kg build``: extract, map, validate and store letters, one named graph each.

Exit status 0 when every letter was read and written (or skipped as unchanged); 1 when a
letter could not be read, or failed validation and was therefore not written (the others
are still written). ``--store memory`` builds in memory: the graph lives only for this
process, which is useful to validate and report on a folder in one go without a store.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from kg.cli.app import DEFAULT_STORE, StoreOpt, app, console, err_console, fail
from kg.graph.builder import REPORT_NAME

PROGRESS_FROM = 20  # letters: a progress bar on long runs only
WARNINGS_SHOWN = 30  # the rest are in the build report beside the store


def _summary_table(summary: object) -> Table:
    t = Table(title="kg build", show_header=False, title_justify="left")
    t.add_column(style="bold")
    t.add_column(justify="right")
    for label in ("read", "added", "updated", "skipped", "invalid", "failed"):
        t.add_row(f"letters {label}", str(getattr(summary, label)))
    t.add_row("triples written", f"{summary.written_triples:,}")  # type: ignore[attr-defined]
    t.add_row("triples in store", f"{summary.triples:,}")  # type: ignore[attr-defined]
    t.add_row("warnings", f"{len(summary.warnings):,}")  # type: ignore[attr-defined]
    return t


@app.command()
def build(
    paths: Annotated[
        list[Path], typer.Argument(help="Letter files or folders (read recursively).")
    ],
    store: StoreOpt = DEFAULT_STORE,
    allow_invalid: Annotated[
        bool,
        typer.Option(
            "--allow-invalid", help="Write letters that violate the shapes (still reported)."
        ),
    ] = False,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs", "-j", min=1, help="Worker processes for extraction (default: CPU count)."
        ),
    ] = None,
    wait: Annotated[
        float,
        typer.Option(
            "--wait", min=0, help="Seconds to wait for another kg process holding the store."
        ),
    ] = 10.0,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Print errors and the summary only.")
    ] = False,
    all_warnings: Annotated[
        bool,
        typer.Option(
            "--all-warnings", help=f"Print every warning, not only the first {WARNINGS_SHOWN}."
        ),
    ] = False,
    endpoint: Annotated[
        str | None,
        typer.Option(
            help="Build into this SPARQL 1.1 store (query URL) instead of the local store."
        ),
    ] = None,
    update_endpoint: Annotated[
        str | None, typer.Option(help="SPARQL Update URL of --endpoint, when it cannot be guessed.")
    ] = None,
    graph_store: Annotated[
        str | None,
        typer.Option(help="Graph Store Protocol URL of --endpoint, when it cannot be guessed."),
    ] = None,
) -> None:
    """Build the knowledge graph: each letter into its own named graph, validated.

    Unchanged letters (same sha256) are skipped, changed ones replaced in one transaction.
    '--store memory' keeps the graph only for this run (validate and report in one go).
    """
    from kg.graph.builder import build as run_build
    from kg.graph.store import StoreError, open_store

    try:
        if endpoint:
            from kg.remote import EndpointStore

            st = EndpointStore(endpoint, update=update_endpoint, gsp=graph_store)
        else:
            st = open_store(store, wait=wait)
    except StoreError as exc:
        raise fail(str(exc)) from None
    try:
        from kg.loaders import iter_paths

        total = sum(1 for _ in iter_paths(paths))
        if total == 0:
            raise fail(f"{', '.join(map(str, paths))}: no letters found")
        if total >= PROGRESS_FROM and not quiet:
            with Progress(
                TextColumn("[bold]building"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                TextColumn("{task.description}"),
                console=err_console,
                transient=True,
            ) as bar:
                task = bar.add_task("", total=total)

                def tick(done: int, _total: int, source: str) -> None:
                    bar.update(task, completed=done, description=Path(source).name)

                summary = run_build(
                    paths, st, allow_invalid=allow_invalid, jobs=jobs, progress=tick
                )
        else:
            summary = run_build(paths, st, allow_invalid=allow_invalid, jobs=jobs)
    except StoreError as exc:
        raise fail(str(exc)) from None
    except Exception as exc:  # a remote store's own errors (connection, HTTP): one line
        if not endpoint:
            raise
        raise fail(f"{endpoint}: {' '.join(str(exc).split())}") from None
    finally:
        st.close()
    if not quiet:
        shown = summary.warnings if all_warnings else summary.warnings[:WARNINGS_SHOWN]
        for w in shown:
            err_console.print(f"[yellow]warning:[/yellow] {w}", highlight=False, soft_wrap=True)
        if len(shown) < len(summary.warnings):
            where = f" (all in {store}/{REPORT_NAME})" if store != "memory" and not endpoint else ""
            err_console.print(
                f"... {len(summary.warnings) - len(shown)} more warnings{where}; "
                "--all-warnings prints them",
                highlight=False,
                soft_wrap=True,
            )
    for e in summary.errors:
        err_console.print(f"[red]error:[/red] {e}", highlight=False, soft_wrap=True)
    console.print(_summary_table(summary))
    if not quiet:
        console.print(f"store: {endpoint or store}", highlight=False)
    if not summary.ok:
        raise typer.Exit(1)
