"""``kg report``: a title, a summary sentence with the counts, the table; terminal or Markdown."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.report import REPORTS, ReportError, build_report, to_markdown

runner = CliRunner()


def test_ncnd_covert_summary(memory_store: Any) -> None:
    report = build_report("ncnd-covert", memory_store)
    assert report.summary == (
        "5 of 5 letters from 5 forces neither confirm nor deny covert use; "
        "sections cited: 24(2), 31(3)."
    )
    assert len(report.sections[0].result) == 5


def test_ncnd_covert_for_one_force(memory_store: Any) -> None:
    report = build_report("ncnd-covert", memory_store, {"force": "Hertfordshire Constabulary"})
    assert report.summary.startswith("1 of 1 letter from 1 force neither")


def test_other_summaries(memory_store: Any) -> None:
    tech = build_report("technology-status", memory_store).summary
    assert "Avon and Somerset Police (pnd-facial-search, in-use, provided by Home Office)" in tech
    assert build_report("coverage", memory_store).summary == (
        "5 of 49 forces have at least one letter (5 letters in all); 44 have none."
    )
    threat = build_report("threat-levels", memory_store).summary
    assert threat.startswith("5 current-level claims in 5 letters: 3 agree")
    assert "2 cannot be checked" in threat
    exemptions = build_report("exemptions", memory_store).summary
    assert exemptions.startswith("5 forces cite 2 sections")
    assert "most cited: 24(2) (5 forces), 31(3) (5 forces)" in exemptions


def test_letter_report(memory_store: Any) -> None:
    report = build_report("letter", memory_store, {"reference": "FOI2017/01696"})
    assert report.title == "Letter FOI2017/01696 from Hertfordshire Constabulary"
    assert "1 letter" in report.summary
    with pytest.raises(ReportError, match="reference=REF"):
        build_report("letter", memory_store)
    with pytest.raises(ReportError, match="no letter matches"):
        build_report("letter", memory_store, {"reference": "x' } ; DROP ALL ; #"})


def test_every_report_renders_markdown(memory_store: Any) -> None:
    for name in REPORTS:
        params = {"reference": "992/20"} if name == "letter" else {}
        report = build_report(name, memory_store, params)
        md = to_markdown(report)
        assert md.startswith(f"# {report.title}\n\n{report.summary}\n")
        assert "| --- |" in md


def test_unknown_report_and_parameter(memory_store: Any) -> None:
    with pytest.raises(ReportError, match="did you mean ncnd-covert"):
        build_report("ncnd", memory_store)
    with pytest.raises(ReportError, match="no parameter 'colour'"):
        build_report("coverage", memory_store, {"colour": "red"})


def test_cli_report(sample_store_dir: Path, tmp_path: Path) -> None:
    out = runner.invoke(app, ["report", "ncnd-covert", "--store", str(sample_store_dir)],
                        env={"COLUMNS": "200"})  # fmt: skip
    assert out.exit_code == 0
    assert "5 of 5 letters from 5 forces" in out.stdout and "Warwickshire Police" in out.stdout
    target = tmp_path / "report.md"
    out = runner.invoke(
        app, ["report", "coverage", "--store", str(sample_store_dir), "-o", str(target)]
    )
    assert out.exit_code == 0
    assert target.read_text().startswith("# Letters held per force\n\n5 of 49 forces")
    listing = runner.invoke(app, ["report", "--list"], env={"COLUMNS": "200"})
    assert all(name in listing.stdout for name in REPORTS)
    bad = runner.invoke(app, ["report", "letter", "--store", str(sample_store_dir)])
    assert bad.exit_code == 2 and "reference=REF" in bad.stderr


def test_technology_matrix(memory_store: Any) -> None:
    report = build_report("technology-status", memory_store)
    matrix = report.sections[0].result.records()
    avon = next(r for r in matrix if r["force"] == "Avon and Somerset Police")
    assert avon["pnd-facial-search"] == "in-use"
    assert avon["facial-recognition"] == "ncnd (covert); not-in-use"
    assert len(matrix) == 5
