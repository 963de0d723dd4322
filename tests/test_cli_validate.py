"""``kg validate``: the wiring of the command over kg.validation.validate_store."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SH
from typer.testing import CliRunner

from kg import ids
from kg.cli import app

runner = CliRunner()
SAMPLES = Path(__file__).resolve().parent.parent / "examples" / "letters"


# Built here rather than with conftest's store_dir: ``from kg.graph import build`` gives
# the kg.graph.builder module once that submodule has been imported (the name is shadowed).
@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kg.graph.builder import build
    from kg.graph.store import open_store

    path = tmp_path_factory.mktemp("validate") / "store"
    store = open_store(str(path))
    try:
        summary = build([str(SAMPLES)], store)
    finally:
        store.close()
    assert summary.ok
    return path


@pytest.fixture()
def store_copy(store_dir: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "store"
    shutil.copytree(store_dir, copy, ignore=shutil.ignore_patterns("*.lock", "LOCK"))
    return copy


def test_help_documents_the_command_and_options() -> None:
    result = runner.invoke(app, ["validate", "--help"])
    assert result.exit_code == 0
    for word in ("--store", "--format", "--output", "text", "turtle", "json", "Exit 0"):
        assert word in result.output


def test_sample_store_conforms_as_text(store_dir: Path) -> None:
    result = runner.invoke(app, ["validate", "--store", str(store_dir)])
    assert result.exit_code == 0, result.output
    assert "Conforms" in result.output.splitlines()[-1]


def test_turtle_is_a_standard_validation_report(store_dir: Path) -> None:
    result = runner.invoke(app, ["validate", "--store", str(store_dir), "-f", "turtle"])
    assert result.exit_code == 0, result.output
    g = Graph().parse(data=result.stdout, format="turtle")
    report = next(g.subjects(RDF.type, SH.ValidationReport))
    assert g.value(report, SH.conforms) == Literal(True)


def test_json_records_to_a_file(store_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    result = runner.invoke(
        app, ["validate", "--store", str(store_dir), "-f", "json", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    records = json.loads(out.read_text(encoding="utf-8"))
    assert isinstance(records, list)
    for rec in records:
        assert {"graph", "severity", "focus_node", "message", "span"} <= rec.keys()
        assert rec["severity"] != "Violation"


def test_a_violation_exits_1_and_names_the_letter(store_copy: Path) -> None:
    from kg.graph import open_store

    store = open_store(str(store_copy))
    try:
        letter = next(g for g in store.graphs() if "/response/" in g)
        quads = [(s, p, o) for s, p, o, _ in store.quads(letter)]
        response = next(s for s, p, o in quads if p == RDF.type and str(o).endswith("#Response"))
        bad = (response, URIRef(ids.ONTOLOGY + "respondingBody"), URIRef(ids.ID + "force/atlantis"))
        store.replace_graph(letter, [*quads, bad])
    finally:
        store.close()
    result = runner.invoke(app, ["validate", "--store", str(store_copy)])
    assert result.exit_code == 1
    assert letter in result.output
    assert "force/atlantis" in result.output
    assert "Violation" in result.output
    as_json = runner.invoke(app, ["validate", "--store", str(store_copy), "-f", "json"])
    assert as_json.exit_code == 1
    records = json.loads(as_json.stdout)
    hits = [r for r in records if r["value"] == ids.ID + "force/atlantis"]
    assert hits and all(r["graph"] == letter for r in hits)


def test_a_missing_store_is_a_one_line_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", "--store", str(tmp_path / "nowhere")])
    assert result.exit_code == 1
    assert "nowhere" in result.output
    assert "Traceback" not in result.output
