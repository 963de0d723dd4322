"""Reports: a title, one summary sentence with the counts, and the table(s) behind it.

Each report is built on canned queries (``queries/*.rq``) so the numbers in the sentence are
the rows a reader sees below it. Reports print to the terminal through rich or render as
Markdown (``kg report NAME -o report.md``).

>>> sorted(REPORTS)
['coverage', 'exemptions', 'letter', 'ncnd-covert', 'technology-status', 'threat-levels']
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from rich.console import Console

from kg import queries
from kg.results import rich_table
from kg.results import to_markdown as table_markdown
from kg.sparql import QueryError, Result


class ReportError(QueryError):
    """A report that cannot be built: unknown name, missing parameter, nothing to report."""


@dataclass
class Section:
    """One table of a report, with the canned query it came from."""

    query: str
    result: Result
    heading: str | None = None


@dataclass
class Report:
    name: str
    title: str
    summary: str
    sections: list[Section] = field(default_factory=list)
    params: dict[str, str] = field(default_factory=dict)


Builder = Callable[[Any, Mapping[str, str]], Report]


@dataclass(frozen=True)
class ReportSpec:
    name: str
    title: str
    description: str
    queries: tuple[str, ...]
    params: tuple[str, ...]
    build: Builder


# ---------------------------------------------------------------- helpers


def plural(n: int, word: str, many: str | None = None) -> str:
    """``plural(1, "letter") == "1 letter"``, ``plural(2, "force") == "2 forces"``."""
    return f"{n} {word if n == 1 else (many or word + 's')}"


def section_key(section: str) -> tuple[int, str]:
    """Sort FOIA sections numerically: 24(2) before 31(3) before 40(2)."""
    m = re.match(r"(\d+)", section)
    return (int(m.group(1)) if m else 10_000, section)


def _column(result: Result, name: str) -> list[str]:
    return ["" if t is None else str(t) for t in result.column(name)]


def _ints(result: Result, name: str) -> list[int]:
    return [int(t.toPython()) if t is not None else 0 for t in result.column(name)]  # type: ignore[union-attr]


def _join(items: list[str]) -> str:
    return ", ".join(items) if items else "none"


def _params_for(name: str, params: Mapping[str, str]) -> dict[str, str]:
    """The subset of ``params`` a canned query takes (reports pass one set to several)."""
    query = queries.find(name)
    out = {}
    for key, value in params.items():
        try:
            query.param(key)
        except queries.ParamError:
            continue
        out[key] = value
    return out


def _check_params(spec: ReportSpec, params: Mapping[str, str]) -> None:
    allowed = set(spec.params)
    for key in params:
        short = key[:-4] if key.endswith("_iri") else key
        if short not in allowed:
            names = ", ".join(spec.params) or "none"
            raise ReportError(f"report {spec.name}: no parameter {key!r} (parameters: {names})")


def _run(name: str, source: Any, params: Mapping[str, str]) -> Result:
    return queries.run(queries.find(name), source, _params_for(name, params))


# ---------------------------------------------------------------- the reports


def _ncnd_covert(source: Any, params: Mapping[str, str]) -> Report:
    rows = _run("ncnd-covert", source, params)
    years = _run("requests-by-year", source, params)
    total = sum(_ints(years, "letters"))
    forces = len(set(_column(rows, "force")))
    sections = sorted(
        {s.strip() for cell in _column(rows, "sections") for s in cell.split(",") if s.strip()},
        key=section_key,
    )
    summary = (
        f"{len(rows)} of {plural(total, 'letter')} from {plural(forces, 'force')} "
        f"neither confirm nor deny covert use; sections cited: {_join(sections)}."
    )
    return Report(
        "ncnd-covert",
        "Neither confirm nor deny: covert use of facial recognition",
        summary,
        [Section("ncnd-covert", rows)],
    )


def _technology_status(source: Any, params: Mapping[str, str]) -> Report:
    rows = _run("technology-status", source, params)
    letters = len(set(_column(rows, "response")))
    forces = len(set(_column(rows, "force")))
    techs = len(set(_column(rows, "technology")))
    in_use = []
    for rec in rows.records():
        if rec.get("status") in ("in-use", "trialled"):
            item = f"{rec['force']} ({rec['technology']}, {rec['status']}"
            if rec.get("providers"):
                item += f", provided by {rec['providers']}"
            in_use.append(item + ")")
    counts = Counter(_column(rows, "status"))
    by_status = ", ".join(f"{n} {s}" for s, n in sorted(counts.items(), key=lambda kv: -kv[1]))
    summary = (
        f"{plural(len(rows), 'statement')} about {plural(techs, 'technology', 'technologies')} "
        f"in {plural(letters, 'letter')} from {plural(forces, 'force')}"
        f"{' (' + by_status + ')' if by_status else ''}; in use or trialled: "
        f"{_join(sorted(dict.fromkeys(in_use)))}."
    )
    return Report(
        "technology-status",
        "Facial recognition technology status by force",
        summary,
        [
            Section("technology-status", status_matrix(rows), "Force x technology"),
            Section("technology-status", rows, "Statements, newest letter first"),
        ],
    )


_NOTED = ("covert", "planned", "past")  # scope and tense worth a note in a matrix cell


def status_matrix(rows: Result) -> Result:
    """The force x technology matrix from technology-status rows: each force's newest letter,
    one cell per technology with every status it states ("ncnd (covert)", "no-plans (planned)").
    """
    from rdflib import Literal

    from kg.terms import TECHNOLOGIES

    newest: dict[str, str] = {}  # force -> response of its newest letter (rows come newest first)
    cells: dict[tuple[str, str], list[str]] = {}
    for rec in rows.records():
        force, response = str(rec.get("force", "")), str(rec.get("response", ""))
        if newest.setdefault(force, response) != response:
            continue
        label = str(rec.get("status", ""))
        notes = [
            n for n in (rec.get("scope"), rec.get("tense")) if n in ("covert", "planned", "past")
        ]
        if notes:
            label += f" ({', '.join(str(n) for n in notes)})"
        cell = cells.setdefault((force, str(rec.get("technology", ""))), [])
        if label not in cell:
            cell.append(label)
    seen = {tech for _, tech in cells}
    techs = [t for t in TECHNOLOGIES if t in seen] + sorted(seen - set(TECHNOLOGIES))
    out = [
        tuple(Literal(v) for v in (force, *("; ".join(cells.get((force, t), [])) for t in techs)))
        for force in newest
    ]
    return Result(["force", *techs], out)


def _exemptions(source: Any, params: Mapping[str, str]) -> Report:
    rows = _run("exemptions-by-force", source, params)
    forces_by_section: dict[str, set[str]] = {}
    for rec in rows.records():
        forces_by_section.setdefault(str(rec["section"]), set()).add(str(rec["force"]))
    forces = len(set(_column(rows, "force")))
    ranked = sorted(forces_by_section.items(), key=lambda kv: (-len(kv[1]), section_key(kv[0])))
    top = [f"{s} ({plural(len(f), 'force')})" for s, f in ranked[:5]]
    ncnd = sum(_ints(rows, "ncnd"))
    citations = sum(_ints(rows, "citations"))
    summary = (
        f"{plural(forces, 'force')} cite {plural(len(forces_by_section), 'section')} "
        f"({plural(citations, 'citation')}, {ncnd} to neither confirm nor deny); "
        f"most cited: {_join(top)}."
    )
    return Report(
        "exemptions",
        "FOIA exemptions cited by force",
        summary,
        [Section("exemptions-by-force", rows)],
    )


def _coverage(source: Any, params: Mapping[str, str]) -> Report:
    rows = _run("coverage", source, params)
    letters = _ints(rows, "letters")
    held = sum(1 for n in letters if n)
    summary = (
        f"{held} of {plural(len(rows), 'force')} have at least one letter "
        f"({plural(sum(letters), 'letter')} in all); {len(rows) - held} have none."
    )
    return Report("coverage", "Letters held per force", summary, [Section("coverage", rows)])


def _threat_levels(source: Any, params: Mapping[str, str]) -> Report:
    rows = _run("threat-level-claims", source, params)
    recs = rows.records()
    current = [r for r in recs if r.get("claim") == "current"]
    agree = Counter(r.get("agrees") for r in current)
    historical = sum(1 for r in recs if r.get("claim") == "historical")
    letters = len({r.get("response") for r in recs})
    summary = (
        f"{plural(len(current), 'current-level claim')} in {plural(letters, 'letter')}: "
        f"{agree.get('yes', 0)} agree with the official level on the letter's date, "
        f"{agree.get('no', 0)} do not, {agree.get('unknown', 0)} cannot be checked "
        f"(letter undated); {plural(historical, 'historical claim')}."
    )
    return Report(
        "threat-levels",
        "Threat-level claims against the official timeline",
        summary,
        [Section("threat-level-claims", rows)],
    )


def _letter(source: Any, params: Mapping[str, str]) -> Report:
    if not params:
        raise ReportError("report letter: give --param reference=REF or --param force=FORCE")
    rows = _run("letter", source, params)
    if not rows.rows:
        wanted = ", ".join(f"{k}={v}" for k, v in params.items())
        raise ReportError(f"report letter: no letter matches {wanted}")
    refs = sorted(set(_column(rows, "reference")))
    forces = sorted(set(_column(rows, "force")))
    counts = Counter(_column(rows, "fact"))
    order = list(dict.fromkeys(_column(rows, "fact")))
    facts = ", ".join(plural(counts[f], f) for f in order)
    title = f"Letter {', '.join(refs)} from {', '.join(forces)}"
    summary = f"{plural(len(rows), 'fact')} in {plural(len(refs), 'letter')}: {facts}."
    return Report("letter", title, summary, [Section("letter", rows)])


REPORTS: dict[str, ReportSpec] = {
    spec.name: spec
    for spec in (
        ReportSpec(
            "ncnd-covert",
            "Neither confirm nor deny: covert use",
            "Letters that neither confirm nor deny covert use, with the sections relied on.",
            ("ncnd-covert", "requests-by-year"),
            ("force",),
            _ncnd_covert,
        ),
        ReportSpec(
            "technology-status",
            "Technology status by force",
            "What each letter says about each technology, newest first, with providers.",
            ("technology-status",),
            ("force", "technology"),
            _technology_status,
        ),
        ReportSpec(
            "exemptions",
            "Exemptions cited by force",
            "The FOIA sections each force cites, how often, and their type and test.",
            ("exemptions-by-force",),
            ("force",),
            _exemptions,
        ),
        ReportSpec(
            "coverage",
            "Letters held per force",
            "Every UK force with the number of letters held, including none.",
            ("coverage",),
            (),
            _coverage,
        ),
        ReportSpec(
            "threat-levels",
            "Threat-level claims",
            "Threat levels claimed by letters against the official level on their date.",
            ("threat-level-claims",),
            ("force",),
            _threat_levels,
        ),
        ReportSpec(
            "letter",
            "One letter",
            "Every fact of one letter (by reference or force).",
            ("letter",),
            ("reference", "force"),
            _letter,
        ),
    )
}


def build_report(name: str, source: Any, params: Mapping[str, str] | None = None) -> Report:
    """Run the queries of report ``name`` on ``source`` and write its summary sentence."""
    spec = REPORTS.get(name)
    if spec is None:
        import difflib

        close = difflib.get_close_matches(name, list(REPORTS), n=3, cutoff=0.4)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise ReportError(f"unknown report {name!r}{hint} (kg report --list shows them all)")
    params = dict(params or {})
    _check_params(spec, params)
    report = spec.build(source, params)
    report.params = params
    return report


def to_markdown(report: Report) -> str:
    """The report as a Markdown document."""
    parts = [f"# {report.title}", "", report.summary, ""]
    for section in report.sections:
        if section.heading:
            parts += [f"## {section.heading}", ""]
        parts += [table_markdown(section.result), ""]
        parts += [f"*Query: `{section.query}` ({plural(len(section.result), 'row')}).*", ""]
    return "\n".join(parts)


def print_report(report: Report, console: Console) -> None:
    """The report in the terminal: title, summary sentence, then each table."""
    console.print(f"[bold]{report.title}[/bold]", highlight=False)
    console.print(report.summary, highlight=False, soft_wrap=True)
    for section in report.sections:
        console.print()
        console.print(rich_table(section.result, title=section.heading))
