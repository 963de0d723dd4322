"""``kg extract``: read letters and print every fact found, with its evidence spans.

Exit status: 0 when at least one letter was read (errors for the others are printed, one line
each, on stderr); 1 when nothing could be read. Never a traceback.
"""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
import yaml
from rich.panel import Panel
from rich.table import Table

from kg.cli.app import OutputOpt, app, console, err_console, fail
from kg.model import LetterRecord


class ExtractFormat(StrEnum):
    """Output formats of ``kg extract``."""

    json = "json"
    table = "table"
    yaml = "yaml"


def render_json(records: list[dict[str, Any]]) -> str:
    return json.dumps(records, ensure_ascii=False, indent=2)


def render_yaml(records: list[dict[str, Any]]) -> str:
    return yaml.safe_dump(records, allow_unicode=True, sort_keys=False, width=100)


def _short(value: str | None, size: int = 90) -> str:
    if not value:
        return ""
    value = " ".join(value.split())
    return value if len(value) <= size else value[: size - 1] + "…"


def _panel(rec: LetterRecord) -> Panel:
    """One letter for a person: the scalar facts, then questions and answers and the rest."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="bold cyan", no_wrap=True)
    grid.add_column()
    force = f"{rec.force.name} ({rec.force.id})" if rec.force else "-"
    for label, value in (
        ("force", force),
        ("reference", rec.reference or "-"),
        ("request date", rec.request_date or "-"),
        ("response date", rec.response_date or "-"),
        ("title", rec.title or "-"),
        ("signatory", rec.signatory_role or "-"),
        ("format", f"{rec.format}  sha256 {rec.sha256[:12]}"),
        ("NCND covert", "yes" if rec.ncnd_covert else "no"),
        ("overt only", "yes" if rec.overt_only else "no"),
        ("threat level", rec.threat_level.level if rec.threat_level else "-"),
        ("curated", ", ".join(rec.curated_fields) or "-"),
    ):
        grid.add_row(label, str(value))
    parts: list[Any] = [grid]
    if rec.questions:
        qt = Table(title="questions", title_justify="left", expand=True)
        qt.add_column("no.", no_wrap=True)
        qt.add_column("question")
        for q in rec.questions:
            qt.add_row(q.number, _short(q.text, 120))
        parts.append(qt)
    if rec.answers:
        at = Table(title="answers", title_justify="left", expand=True)
        at.add_column("questions")
        at.add_column("kind", no_wrap=True)
        at.add_column("answer")
        for a in rec.answers:
            at.add_row(", ".join(a.questions), a.kind, _short(a.text, 100))
        parts.append(at)
    other = Table(title="other facts", title_justify="left", expand=True, show_header=False)
    other.add_column(style="bold")
    other.add_column()
    for e in rec.exemptions:
        other.add_row("exemption", f"s.{e.section} {e.title or ''} {'NCND' if e.ncnd else ''}")
    for t in rec.technologies:
        other.add_row("technology", f"{t.technology}: {t.status} ({t.scope}, {t.tense})")
    for p in rec.providers:
        other.add_row("provider", f"{p.name} ({p.role})")
    for x in rec.expenditure:
        other.add_row("expenditure", f"£{x.amount} {x.financial_year or ''} {x.purpose or ''}")
    for d in rec.deployments:
        other.add_row("deployment", f"{d.date or '?'} {d.place or ''} alerts={d.alerts}")
    for u in rec.urls:
        other.add_row("url", u.url)
    for w in rec.warnings:
        other.add_row("warning", w)
    if other.row_count:
        parts.append(other)
    from rich.console import Group

    return Panel(Group(*parts), title=rec.source, title_align="left")


@app.command("extract")
def extract_cmd(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Letter files or folders (read recursively): .txt, .md, .html, .pdf, .docx.",
            show_default=False,
        ),
    ],
    fmt: Annotated[
        ExtractFormat,
        typer.Option(
            "--format",
            "-f",
            help="json (an array of records, the contract), table (for a person) or yaml.",
        ),
    ] = ExtractFormat.json,
    with_text: Annotated[
        bool,
        typer.Option("--with-text", help="Include each letter's normalised text in json/yaml."),
    ] = False,
    no_curation: Annotated[
        bool,
        typer.Option("--no-curation", help="Ignore .foi.yaml curation sidecars."),
    ] = False,
    output: OutputOpt = None,
) -> None:
    """Extract the facts of FOI response letters: force, reference, dates, questions, answers,
    exemptions, NCND, threat level, technologies, money and deployments, each with its span.

    Bad files are reported one line each on stderr and the others still read; the exit status
    is 1 only when no letter could be read.
    """
    from kg.extract import extract_paths

    records: list[LetterRecord] = []
    errors = 0
    for item in extract_paths(paths, curate=not no_curation):
        if isinstance(item, LetterRecord):
            records.append(item)
        else:
            errors += 1
            err_console.print(f"[red]error:[/red] {item}", highlight=False, soft_wrap=True)
    if not records:
        if errors:
            raise fail("no letter could be read")
        raise fail(f"{', '.join(str(p) for p in paths)}: no letters found")
    if fmt is ExtractFormat.table:
        if output is not None:
            with output.open("w", encoding="utf-8") as fh:
                from rich.console import Console

                file_console = Console(file=fh, width=120)
                for rec in records:
                    file_console.print(_panel(rec))
        else:
            for rec in records:
                console.print(_panel(rec))
        return
    data = [rec.to_dict(with_text=with_text) for rec in records]
    rendered = render_json(data) if fmt is ExtractFormat.json else render_yaml(data)
    if output is not None:
        try:
            output.write_text(rendered + "\n", encoding="utf-8")
        except OSError as exc:
            raise fail(f"{output}: cannot write ({exc.strerror or exc})") from None
    else:
        typer.echo(rendered)
