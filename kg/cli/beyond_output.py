"""Output and store handling shared by the analysis commands (factcheck, templates,
questions, network): rows as a rich table, CSV, JSON records or Markdown; the store opened
with one-line errors."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.table import Table

from kg.cli.app import TableFormat, console, fail

Record = dict[str, Any]


def render(title: str, rows: Sequence[Record], fmt: TableFormat, width: int | None = None) -> str:
    columns = list(rows[0]) if rows else []
    if fmt is TableFormat.json:
        return json.dumps(list(rows), indent=2, ensure_ascii=False) + "\n"
    if fmt is TableFormat.csv:
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        return buf.getvalue()
    if fmt is TableFormat.md:

        def cell(v: Any) -> str:
            return str(v).replace("|", "\\|").replace("\n", " ")

        if not columns:
            return f"_{title}: nothing to show_\n"
        lines = [f"**{title}**", "", "| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
        lines += ["| " + " | ".join(cell(r.get(c, "")) for c in columns) + " |" for r in rows]
        return "\n".join(lines) + "\n"
    # IRIs are for machines (csv, json, md); the terminal table leaves them out.
    columns = [c for c in columns if c != "iri"]
    total = width or (console.width if console.is_terminal else 200)
    longest = {c: max([len(str(r.get(c, ""))) for r in rows] + [len(str(c))]) for c in columns}
    # Short columns get their full width; long text columns share what is left.
    short = {c: n for c, n in longest.items() if n <= 30}
    long_cols = [c for c in columns if c not in short]
    left = max(total - sum(short.values()) - 3 * len(columns) - 1, 12 * max(len(long_cols), 1))
    weight = sum(min(longest[c], 200) for c in long_cols) or 1
    table = Table(title=title, title_justify="left", show_lines=False)
    for c in columns:
        if c in short:
            table.add_column(str(c), no_wrap=True, min_width=short[c])
        else:
            share = max(12, left * min(longest[c], 200) // weight)
            table.add_column(str(c), overflow="fold", width=share)
    for r in rows:
        table.add_row(*(str(r.get(c, "")) for c in columns))
    buf = io.StringIO()
    Console(file=buf, width=total, force_terminal=False, color_system=None).print(table)
    if not rows:
        buf.write(f"{title}: nothing to show\n")
    return buf.getvalue()


def emit(text: str | bytes, output: Path | None, what: str = "") -> None:
    """Write to ``output`` (one line saying so) or to stdout."""
    if output is not None:
        try:
            if isinstance(text, bytes):
                output.write_bytes(text)
            else:
                output.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise fail(f"{output}: cannot write: {exc.strerror}") from None
        console.print(f"wrote {output}{f' ({what})' if what else ''}", highlight=False)
        return
    if isinstance(text, bytes):
        raise fail("binary output needs --output FILE")
    typer.echo(text, nl=False)


@contextmanager
def opened_store(spec: str, *, write: bool) -> Iterator[Any]:
    """The store, or a one-line error: a directory must exist (``kg build`` makes it)."""
    from kg.graph import StoreError, open_store

    if spec != "memory" and not Path(spec).is_dir():
        raise fail(f"{spec}: no store here (run 'kg build' first)")
    try:
        store = open_store(spec, read_only=not write)
    except StoreError as exc:
        raise fail(str(exc)) from None
    try:
        yield store
    finally:
        store.close()
