"""``kg vocab``: list the concept schemes and datasets of the vocabularies, or one of them."""

from __future__ import annotations

import csv
import io
import json
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from kg import vocab
from kg.cli.app import FormatOpt, OutputOpt, TableFormat, app, console, fail

Record = dict[str, str | int]


def overview() -> tuple[str, list[Record]]:
    """One row per concept scheme and dataset."""
    rows: list[Record] = [
        {"name": s.name, "label": s.label, "terms": len(s.terms), "kind": "concept scheme"}
        for s in vocab.schemes()
    ]
    rows.append(
        {
            "name": "forces",
            "label": vocab.DATASETS["forces"],
            "terms": len(vocab.body_rows()),
            "kind": "dataset",
        }
    )
    rows.append(
        {
            "name": "timeline",
            "label": vocab.DATASETS["timeline"],
            "terms": len(vocab.timeline()),
            "kind": "dataset",
        }
    )
    return "foi-kg vocabularies", rows


def scheme_rows(name: str) -> tuple[str, list[Record]]:
    """The title and rows of one scheme or dataset; KeyError for an unknown name."""
    name = vocab.resolve_name(name)
    if name == "forces":
        shares = vocab.shared_foi_units()
        return vocab.DATASETS["forces"], [
            {
                "id": r["id"],
                "name": r["name"],
                "kind": r["kind"],
                "country": r["country"],
                "ons_code": r["ons_code"],
                "wikidata": r["wikidata"],
                "shares_foi_unit_with": ", ".join(shares.get(r["id"], [])),
            }
            for r in vocab.body_rows()
        ]
    if name == "timeline":
        return vocab.DATASETS["timeline"], [
            {
                "level": p.level,
                "start": p.start.isoformat(),
                "end": p.end.isoformat() if p.end else "",
                "days": ((p.end - p.start).days if p.end else ""),
                "note": p.note,
            }
            for p in vocab.timeline()
        ]
    if name == "foia-section":
        return vocab.scheme(name).label, [
            {
                "section": s.number,
                "title": s.title,
                "exemption_type": s.exemption_type or "",
                "harm_test": s.harm_test or "",
                "ncnd": _ncnd(s),
                "iri": s.iri,
            }
            for s in vocab.sections().values()
        ]
    sc = vocab.scheme(name)
    return sc.label, [
        {"slug": t.slug, "label": t.label, "definition": t.definition} for t in sc.terms
    ]


def _ncnd(s: vocab.Section) -> str:
    if s.ncnd_subsections:
        return "; ".join(s.ncnd_subsections)
    if s.excludes_duty_to_confirm_or_deny:
        return "yes"
    return ""


def render(title: str, rows: list[Record], fmt: TableFormat, width: int | None = None) -> str:
    """Rows as a rich table, CSV, JSON records or a Markdown table."""
    columns = list(rows[0]) if rows else []
    if fmt is TableFormat.json:
        return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"
    if fmt is TableFormat.csv:
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        return buf.getvalue()
    if fmt is TableFormat.md:

        def cell(v: str | int) -> str:
            return str(v).replace("|", "\\|").replace("\n", " ")

        lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
        lines += ["| " + " | ".join(cell(r[c]) for c in columns) + " |" for r in rows]
        return "\n".join(lines) + "\n"
    # IRIs are long and derivable from the number: the terminal table leaves them out.
    columns = [c for c in columns if c != "iri"]
    table = Table(title=title, title_justify="left", show_lines=False)
    for c in columns:
        table.add_column(
            c,
            overflow="fold",
            justify="right" if c in ("terms", "days") else "left",
            no_wrap=c in ("section", "start", "end", "level", "terms", "days"),
        )
    for r in rows:
        table.add_row(*(str(r[c]) for c in columns))
    buf = io.StringIO()
    Console(file=buf, width=width or console.width, force_terminal=False, color_system=None).print(
        table
    )
    return buf.getvalue()


@app.command("vocab")
def vocab_command(
    scheme: Annotated[
        str | None,
        typer.Argument(
            help="A concept scheme (technology, usage-status, answer-kind, threat-level, "
            "foia-section, body-kind, ...) or dataset (forces, timeline). Omit to list them all.",
            show_default=False,
        ),
    ] = None,
    fmt: FormatOpt = TableFormat.table,
    output: OutputOpt = None,
) -> None:
    """List the vocabularies: the concept schemes and datasets, or the terms of one.

    Reads ontology/vocab/*.ttl, the files `kg build` loads into the vocabulary graph.
    """
    try:
        title, rows = overview() if scheme is None else scheme_rows(scheme)
    except KeyError:
        known = [s.name for s in vocab.schemes()] + list(vocab.DATASETS)
        raise fail(f"vocab: no scheme or dataset {scheme!r}; known: {', '.join(known)}") from None
    except vocab.VocabError as exc:
        raise fail(str(exc)) from None
    text = render(title, rows, fmt, width=140 if output else None)
    if output is not None:
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise fail(f"{output}: cannot write: {exc.strerror}") from None
        console.print(f"wrote {output} ({len(rows)} rows)", highlight=False)
    else:
        typer.echo(text, nl=False)
