"""`kg vocab` through the real CLI (typer's CliRunner)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg import terms, vocab
from kg.cli import app

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["vocab", *args])
    return result.exit_code, result.stdout, result.stderr


def test_lists_schemes_and_datasets() -> None:
    code, out, _ = run("--format", "json")
    assert code == 0
    rows = {r["name"]: r for r in json.loads(out)}
    for name in ("technology", "usage-status", "answer-kind", "threat-level", "foia-section",
                 "scope", "use-scope", "tense", "direction", "balance-outcome",
                 "provider-role", "curation-status", "exemption-type", "harm-test",
                 "body-kind", "verdict", "forces", "timeline"):
        assert name in rows, name
    assert rows["technology"]["terms"] == len(terms.TECHNOLOGIES)
    assert rows["timeline"]["kind"] == "dataset"


def test_default_table() -> None:
    code, out, _ = run()
    assert code == 0
    assert "foi-kg vocabularies" in out and "technology" in out and "forces" in out


def test_one_scheme_as_json() -> None:
    code, out, _ = run("technology", "-f", "json")
    assert code == 0
    rows = json.loads(out)
    assert {r["slug"] for r in rows} == set(terms.TECHNOLOGIES)
    assert all(r["label"] and r["definition"] for r in rows)


def test_threat_levels_in_scale_order_as_table() -> None:
    code, out, _ = run("threat-level")
    assert code == 0
    positions = [out.index(level) for level in ("low", "moderate", "substantial", "critical")]
    assert positions == sorted(positions)


def test_forces_as_csv() -> None:
    code, out, _ = run("forces", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    wmp = next(r for r in rows if r["id"] == "west-midlands-police")
    assert wmp["ons_code"] == "E23000014" and wmp["wikidata"] == "Q7985948"
    beds = next(r for r in rows if r["id"] == "bedfordshire-police")
    assert "hertfordshire-constabulary" in beds["shares_foi_unit_with"]


def test_sections_and_aliases() -> None:
    code, out, _ = run("sections", "-f", "json")
    assert code == 0
    rows = {r["section"]: r for r in json.loads(out)}
    assert rows["24"]["ncnd"] == "24(2)" and rows["24(2)"]["ncnd"] == "yes"
    assert rows["24"]["iri"] == "http://www.legislation.gov.uk/ukpga/2000/36/section/24"


def test_timeline_as_markdown() -> None:
    code, out, _ = run("timeline", "-f", "md")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "| level | start | end | days | note |"
    assert "| critical | 2017-05-23 | 2017-05-27 | 4 |" in out


def test_output_file(tmp_path: Path) -> None:
    target = tmp_path / "kinds.csv"
    code, out, _ = run("answer-kind", "-f", "csv", "-o", str(target))
    assert code == 0 and "wrote" in out
    assert {r["slug"] for r in csv.DictReader(target.open())} == set(terms.ANSWER_KINDS)


def test_unknown_scheme_is_a_one_line_error() -> None:
    code, out, err = run("no-such-scheme")
    assert code != 0
    assert err.strip().count("\n") == 0
    assert "no-such-scheme" in err and "technology" in err
    assert "Traceback" not in out + err


def test_unwritable_output_is_a_one_line_error(tmp_path: Path) -> None:
    code, _, err = run("tense", "-o", str(tmp_path / "missing" / "x.txt"))
    assert code != 0 and "cannot write" in err and "Traceback" not in err


def test_help() -> None:
    result = runner.invoke(app, ["vocab", "--help"])
    assert result.exit_code == 0
    assert "concept scheme" in result.stdout and "--format" in result.stdout


def test_a_broken_vocabulary_file_is_a_one_line_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "technologies.ttl").write_text("@prefix x: <urn:x#> .\nx:a x:b", encoding="utf-8")
    monkeypatch.setattr(vocab, "VOCAB_DIR", tmp_path)
    vocab.clear_cache()
    try:
        code, out, err = run("technology")
    finally:
        monkeypatch.undo()
        vocab.clear_cache()
    assert code != 0
    assert str(tmp_path / "technologies.ttl") in err and "not valid Turtle" in err
    assert err.strip().count("\n") == 0 and "Traceback" not in out + err
