"""``kg extract`` through typer's CliRunner: output formats, contract keys and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from typer.testing import CliRunner

from kg.cli import app

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "examples" / "letters"
CONTRACT = {
    "source", "sha256", "format", "force", "reference", "request_date", "response_date",
    "questions", "answers", "exemptions", "ncnd_covert", "overt_only", "threat_level",
    "threat_history", "technologies", "providers", "expenditure", "deployments", "urls", "spans",
}  # fmt: skip


def run(*args: str) -> object:
    return CliRunner().invoke(app, ["extract", *args])


def test_json_array_with_contract_keys() -> None:
    result = run(str(SAMPLES), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert isinstance(data, list) and len(data) == 5
    for obj in data:
        assert set(obj) >= CONTRACT, CONTRACT - set(obj)
        assert "text" not in obj
        assert len(obj["sha256"]) == 64
        for q in obj["questions"]:
            assert {"number", "text"} <= set(q)
        for a in obj["answers"]:
            assert {"questions", "kind", "text"} <= set(a)
    by_ref = {obj["reference"]: obj for obj in data}
    assert by_ref["1022/2019"]["force"]["id"] == "dyfed-powys-police"
    assert by_ref["FOI2017/01696"]["force"]["name"] == "Hertfordshire Constabulary"
    assert "reference" in by_ref["992/20"]["spans"]


def test_json_with_text_spans_are_evidence() -> None:
    path = next(SAMPLES.glob("003_*.txt"))
    result = run(str(path), "--with-text")
    assert result.exit_code == 0
    (obj,) = json.loads(result.stdout)
    s, e = obj["spans"]["reference"]
    assert obj["text"][s:e] == "FOI2017/01696"


def test_yaml_output() -> None:
    path = next(SAMPLES.glob("000_*.txt"))
    result = run(str(path), "--format", "yaml")
    assert result.exit_code == 0
    (obj,) = yaml.safe_load(result.stdout)
    assert obj["reference"] == "1022/2019"


def test_table_output_for_a_person() -> None:
    path = next(SAMPLES.glob("004_*.txt"))
    result = run(str(path), "--format", "table")
    assert result.exit_code == 0
    assert "warwickshire-police" in result.stdout
    assert "208-2023" in result.stdout
    assert "Q10a" in result.stdout


def test_output_file(tmp_path: Path) -> None:
    out = tmp_path / "records.json"
    result = run(str(next(SAMPLES.glob("002_*.txt"))), "--output", str(out))
    assert result.exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))[0]["reference"] == "992/20"


def _bad_files(tmp_path: Path) -> dict[str, Path]:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    unsupported = tmp_path / "sheet.xlsx"
    unsupported.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    return {"empty": empty, "binary": binary, "unsupported": unsupported,
            "missing": tmp_path / "nope.txt"}  # fmt: skip


def test_bad_inputs_one_line_each_and_others_still_read(tmp_path: Path) -> None:
    bad = _bad_files(tmp_path)
    good = next(SAMPLES.glob("001_*.txt"))
    result = run(*(str(p) for p in bad.values()), str(good))
    assert result.exit_code == 0  # one letter was read
    data = json.loads(result.stdout)
    assert [obj["reference"] for obj in data] == ["13457_18"]
    err_lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(err_lines) == len(bad)
    for path in bad.values():
        assert any(str(path) in ln for ln in err_lines), (path, err_lines)
    assert "Traceback" not in result.output + result.stderr


def test_nothing_readable_exits_non_zero(tmp_path: Path) -> None:
    bad = _bad_files(tmp_path)
    for name, path in bad.items():
        result = run(str(path))
        assert result.exit_code == 1, name
        assert result.stdout == ""
        assert str(path) in result.stderr
        assert "Traceback" not in result.stderr


def test_bad_sidecar_is_one_line_naming_it(tmp_path: Path) -> None:
    letter = tmp_path / "letter.txt"
    letter.write_text(
        (next(SAMPLES.glob("002_*.txt"))).read_text(encoding="utf-8"), encoding="utf-8"
    )
    sidecar = tmp_path / "letter.txt.foi.yaml"
    sidecar.write_text("reference: [unclosed\n", encoding="utf-8")
    result = run(str(letter))
    assert result.exit_code == 1
    assert str(sidecar) in result.stderr
    assert "Traceback" not in result.stderr


def test_sidecar_applied_and_ignored(tmp_path: Path) -> None:
    letter = tmp_path / "letter.txt"
    letter.write_text(
        (next(SAMPLES.glob("002_*.txt"))).read_text(encoding="utf-8"), encoding="utf-8"
    )
    (tmp_path / "letter.foi.yaml").write_text("response_date: 2020-11-02\n", encoding="utf-8")
    (obj,) = json.loads(run(str(letter)).stdout)
    assert obj["response_date"] == "2020-11-02"
    assert obj["curated_fields"] == ["response_date"]
    (obj,) = json.loads(run(str(letter), "--no-curation").stdout)
    assert obj["response_date"] is None


def test_help_mentions_formats() -> None:
    result = CliRunner().invoke(app, ["extract", "--help"])
    assert result.exit_code == 0
    assert "--format" in result.stdout and "--with-text" in result.stdout


def test_empty_folder_names_the_folder(tmp_path: Path) -> None:
    result = run(str(tmp_path))
    assert result.exit_code == 1
    assert str(tmp_path) in result.stderr and "no letters found" in result.stderr
