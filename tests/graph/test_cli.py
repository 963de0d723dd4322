"""kg build / stats / export / remove through the command line (CliRunner)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import records
from rdflib import Dataset
from typer.testing import CliRunner

from kg.cli import app
from kg.paths import EXAMPLES_DIR

runner = CliRunner()
N = len([p for p in EXAMPLES_DIR.iterdir() if p.is_file()])


@pytest.fixture
def store(tmp_path: Path) -> str:
    return str(tmp_path / "kg-store")


def test_build_stats_export_remove(store: str, tmp_path: Path) -> None:
    res = runner.invoke(app, ["build", str(EXAMPLES_DIR), "--store", store, "--jobs", "1"])
    assert "letters added" in res.output and "Traceback" not in res.output
    again = runner.invoke(app, ["build", str(EXAMPLES_DIR), "--store", store])
    assert again.exit_code == res.exit_code
    assert f"letters skipped  │     {N}" in again.output.replace("│ letters", "letters")

    stats = runner.invoke(app, ["stats", "--store", store, "--json"])
    assert stats.exit_code == 0, stats.output
    data = json.loads(stats.output)
    assert data["letters"] == N and data["forces"] == N
    assert any(c["cls"].endswith("#Question") for c in data["classes"])
    table = runner.invoke(app, ["stats", "--store", store])
    assert "foi:Question" in table.output

    out = tmp_path / "kg.trig"
    exp = runner.invoke(app, ["export", "--format", "trig", "-o", str(out), "--store", store])
    assert exp.exit_code == 0, exp.output
    ds = Dataset()
    ds.parse(out, format="trig")
    assert any(str(g.identifier) == records.WMP_IRI for g in ds.graphs())
    one = runner.invoke(app, ["export", "-f", "nt", "--letter", "13457_18", "--store", store])
    assert one.exit_code == 0 and records.WMP_IRI in one.output
    assert "dyfed-powys" not in one.output

    rm = runner.invoke(app, ["remove", "13457_18", "--store", store])
    assert rm.exit_code == 0 and records.WMP_IRI in rm.output
    gone = runner.invoke(app, ["remove", "13457_18", "--store", store])
    assert gone.exit_code == 1 and "no letter '13457_18'" in gone.output


def test_bad_file_one_line_error_and_exit_1(store: str, tmp_path: Path) -> None:
    folder = tmp_path / "letters"
    shutil.copytree(EXAMPLES_DIR, folder)
    (folder / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    res = runner.invoke(app, ["build", str(folder), "--store", store])
    assert res.exit_code == 1
    assert "broken.docx" in res.output and "Traceback" not in res.output
    assert "letters failed" in res.output


def test_memory_store_build(tmp_path: Path) -> None:
    res = runner.invoke(app, ["build", str(records.WMP_FILE), "--store", "memory"])
    assert "letters added" in res.output and "Traceback" not in res.output
    assert not (Path.cwd() / "memory").exists()


def test_missing_store_and_bad_letter(store: str) -> None:
    res = runner.invoke(app, ["stats", "--store", store])
    assert res.exit_code == 1 and "does not exist" in res.output
    res = runner.invoke(app, ["export", "--store", store])
    assert res.exit_code == 1 and "does not exist" in res.output
    res = runner.invoke(app, ["build", "no/such/folder", "--store", "memory"])
    assert res.exit_code == 1 and "no/such/folder" in res.output


def test_locked_store_fails_clearly(store: str) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys; from pathlib import Path; from kg.graph.store import acquire_lock;"
         "p=Path(sys.argv[1]); p.mkdir(parents=True, exist_ok=True); acquire_lock(p);"
         "print('locked', flush=True); sys.stdin.readline()", store],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        res = runner.invoke(app, ["build", str(EXAMPLES_DIR), "--store", store, "--wait", "0.2"])
        assert res.exit_code == 1
        assert f"is locked by another kg process (pid {holder.pid})" in res.output
    finally:
        holder.communicate("\n", timeout=30)


def test_long_run_shows_progress_and_caps_warnings(store: str, tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    src = records.WMP_FILE.read_text(encoding="utf-8")
    for i in range(21):  # past the progress bar threshold; distinct files, one reference
        (folder / f"{i:02d}.txt").write_text(src + f"\nCopy {i}\n", encoding="utf-8")
    res = runner.invoke(app, ["build", str(folder), "--store", store, "--jobs", "1"])
    assert "Traceback" not in res.output and "letters added" in res.output
    # 21 letters read and added, the later ones as <iri>-<sha8>
    assert re.search(r"letters read\s+│\s+21 │", res.output)
    assert re.search(r"letters added\s+│\s+21 │", res.output)
    if "more warnings" in res.output:
        assert ".kg-build.json" in res.output
