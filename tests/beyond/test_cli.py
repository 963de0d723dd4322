"""CLI wiring of factcheck, templates, questions and network, on a store built on disk."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.graph import open_store
from kg.graph.builder import build  # the function (kg.graph.builder can be shadowed by the module)

from .conftest import INVENTED, SAMPLES

runner = CliRunner()


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("beyond") / "store"
    store = open_store(str(path))
    try:
        build([str(SAMPLES), str(INVENTED)], store, jobs=1, validator=None)
    finally:
        store.close()
    return str(path)


def _ok(args: list[str]) -> str:
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    return result.output


def test_factcheck_json_and_table(store_dir: str) -> None:
    records = json.loads(_ok(["factcheck", "--store", store_dir, "--format", "json"]))
    verdicts = {r["verdict"] for r in records}
    assert verdicts == {"correct", "wrong", "plausible", "partly-wrong", "unverifiable"}
    assert {"letter", "force", "claim", "claimed", "official", "verdict", "explanation"} <= set(
        records[0]
    )
    table = _ok(["factcheck", "--store", store_dir])
    assert "plausible" in table and "Dyfed-Powys Police" in table
    out = _ok(
        ["query", "factcheck", "--store", store_dir, "--format", "csv", "--param", "verdict=wrong"]
    )
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {r["verdict_name"] for r in rows} == {"wrong"} and len(rows) == 2


def test_factcheck_md_to_file(store_dir: str, tmp_path: Path) -> None:
    target = tmp_path / "fc.md"
    _ok(["factcheck", "--store", store_dir, "--format", "md", "-o", str(target), "--dry-run"])
    text = target.read_text(encoding="utf-8")
    assert "| letter | force |" in text and "partly-wrong" in text


def test_templates_overview_and_letter(store_dir: str) -> None:
    rows = json.loads(_ok(["templates", "--store", store_dir, "--format", "json"]))
    assert rows and {"template", "letters", "uses", "deviates", "text"} <= set(rows[0])
    shares = json.loads(_ok(["templates", "--store", store_dir, "--shares", "-f", "json"]))
    assert len(shares) == 12 and all(0 <= r["template_share"] <= 1 for r in shares)
    table = _ok(["templates", "--store", store_dir])
    assert "Templates (" in table and "Letters (12)" in table
    rows = json.loads(
        _ok(["templates", "--store", store_dir, "--letter", "FOI2017/01696", "--format", "json"])
    )
    assert {r["kind"] for r in rows} == {"template", "own"}
    assert any("{+" in r["diff"] for r in rows)
    usage = _ok(["query", "template-usage", "--store", store_dir, "--format", "csv"])
    assert "Dyfed-Powys Police" in usage


def test_templates_unknown_letter_is_a_one_line_error(store_dir: str) -> None:
    result = runner.invoke(app, ["templates", "--store", store_dir, "--letter", "NOPE/1"])
    assert result.exit_code != 0
    assert "NOPE/1" in result.output and "Traceback" not in result.output


def test_questions_and_matrix(store_dir: str) -> None:
    rows = json.loads(_ok(["questions", "--store", store_dir, "--format", "json"]))
    assert any(
        r["text"] == "Has <force> deployed live facial recognition?" and r["forces"] >= 5
        for r in rows
    )
    out = _ok(
        ["questions", "--store", store_dir, "--matrix", "--min-forces", "2", "--format", "csv"]
    )
    table = list(csv.DictReader(io.StringIO(out)))
    assert any(r["force"] == "Kent Police" for r in table)
    assert any("deployed live facial recognition" in k for k in table[0])
    md = _ok(["questions", "--store", store_dir, "--matrix", "--format", "md"])
    assert md.count("| force |") == 1
    assert "C1" in _ok(["query", "canonical-questions", "--store", store_dir, "--format", "csv"])


def test_network_formats(store_dir: str, tmp_path: Path) -> None:
    _ok(["templates", "--store", store_dir])
    graphml = tmp_path / "fe.graphml"
    # An empty (in-memory) store gives an empty, still valid, network.
    _ok(
        [
            "network",
            "--store",
            "memory",
            "--projection",
            "force-exemption",
            "--format",
            "graphml",
            "-o",
            str(graphml),
        ]
    )
    assert nx.read_graphml(graphml).number_of_nodes() == 0
    _ok(
        [
            "network",
            "--store",
            store_dir,
            "-p",
            "force-exemption",
            "--format",
            "graphml",
            "-o",
            str(graphml),
        ]
    )
    g = nx.read_graphml(graphml)
    assert g.number_of_nodes() == 10  # 8 forces cite 24(2) and 31(3)
    png = tmp_path / "ff.png"
    _ok(["network", "--store", store_dir, "-p", "force-force", "--format", "png", "-o", str(png)])
    assert png.read_bytes()[:4] == b"\x89PNG"
    table = json.loads(
        _ok(["network", "--store", store_dir, "-p", "force-technology", "--format", "json"])
    )
    assert table["nodes"]
    cent = _ok(["network", "--store", store_dir, "-p", "force-exemption", "--format", "csv"])
    assert cent.startswith("node,kind,degree,degree_centrality,betweenness,community")


def test_network_png_without_output_fails_cleanly(store_dir: str) -> None:
    result = runner.invoke(
        app, ["network", "--store", store_dir, "-p", "force-force", "--format", "png"]
    )
    assert result.exit_code != 0 and "--output" in result.output


def test_missing_store_is_a_one_line_error(tmp_path: Path) -> None:
    for cmd in ("factcheck", "templates", "questions"):
        result = runner.invoke(app, [cmd, "--store", str(tmp_path / "absent")])
        assert result.exit_code != 0
        assert "run 'kg build' first" in result.output and "Traceback" not in result.output
