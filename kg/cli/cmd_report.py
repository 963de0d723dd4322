"""``kg report``: readable reports built on canned queries, in the terminal or as Markdown."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from kg.cli.app import DEFAULT_STORE, OutputOpt, StoreOpt, app, console, err_console, fail
from kg.cli.cmd_query import MEMORY_NOTE, USAGE_ERROR, EndpointOpt, ParamOpt


def list_reports() -> Table:
    from kg.report import REPORTS

    table = Table("name", "description", "queries", "parameters", title="reports")
    for spec in REPORTS.values():
        table.add_row(spec.name, spec.description, ", ".join(spec.queries),
                      ", ".join(spec.params) or "-")  # fmt: skip
    return table


@app.command("report")
def report_command(
    name: Annotated[
        str | None,
        typer.Argument(help="The report to build (see --list).", show_default=False),
    ] = None,
    list_: Annotated[bool, typer.Option("--list", "-l", help="List the reports.")] = False,
    param: ParamOpt = None,
    store: StoreOpt = DEFAULT_STORE,
    endpoint: EndpointOpt = None,
    output: OutputOpt = None,
) -> None:
    """Build a report: a title, a summary sentence with the counts, and the table behind it.

    Printed in the terminal, or written as Markdown with -o report.md.
    """
    from kg.queries import ParamError, open_source, parse_assignments
    from kg.report import REPORTS, ReportError, build_report, print_report, to_markdown
    from kg.sparql import QueryError

    if list_:
        console.print(list_reports())
        return
    if not name:
        raise fail("give a report name (kg report --list)", USAGE_ERROR)
    if name not in REPORTS:
        try:
            build_report(name, None)
        except ReportError as exc:  # the unknown-name message, with close names
            raise fail(str(exc), USAGE_ERROR) from None
    if store == "memory" and not endpoint:
        err_console.print(MEMORY_NOTE, highlight=False, soft_wrap=True)
    try:
        values = parse_assignments(param)
        with open_source(store, endpoint) as source:
            report = build_report(name, source, values)
    except (ReportError, ParamError) as exc:
        raise fail(str(exc), USAGE_ERROR) from None
    except QueryError as exc:
        raise fail(f"report {name}: {exc}") from None
    if output is None:
        print_report(report, console)
        return
    try:
        output.write_text(to_markdown(report), encoding="utf-8")
    except OSError as exc:
        raise fail(f"{output}: cannot write ({exc.strerror or exc})") from None
    err_console.print(f"wrote {output}", highlight=False)
