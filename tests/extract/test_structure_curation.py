"""Curation sidecars: curated values win, are marked, and bad sidecars fail in one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.curation import CurationError, find_sidecar
from kg.extract import extract_path

SAMPLE = next((Path(__file__).resolve().parents[2] / "examples" / "letters").glob("001_*.txt"))


@pytest.fixture()
def letter(tmp_path: Path) -> Path:
    path = tmp_path / "001_wmp.txt"
    path.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    return path


def test_no_sidecar_no_change(letter: Path) -> None:
    rec = extract_path(letter)
    assert rec.curated_fields == []
    assert find_sidecar(letter) is None


@pytest.mark.parametrize("name", ["001_wmp.txt.foi.yaml", "001_wmp.foi.yaml"])
def test_both_sidecar_names(letter: Path, name: str) -> None:
    (letter.parent / name).write_text("reference: 'X/1'\n", encoding="utf-8")
    assert find_sidecar(letter) == letter.parent / name
    assert extract_path(letter).reference == "X/1"


def test_scalars_force_and_lists(letter: Path) -> None:
    (letter.parent / "001_wmp.txt.foi.yaml").write_text(
        "force: staffordshire-police\n"
        "response_date: 2018-03-01\n"
        "request_date: '2018-02-01'\n"
        "questions:\n"
        "  - {number: '1', text: 'Are you currently paying for facial recognition software?'}\n"
        "answers+:\n"
        "  - {questions: [1], kind: not-held, text: 'Not held.'}\n"
        "ncnd_covert: true\n",
        encoding="utf-8",
    )
    rec = extract_path(letter)
    assert rec.force is not None and rec.force.id == "staffordshire-police" and rec.force.curated
    assert rec.response_date == "2018-03-01" and rec.request_date == "2018-02-01"
    assert [q.number for q in rec.questions] == ["1"] and rec.questions[0].curated
    # The question's text is in the letter: its span is found.
    s, e = rec.questions[0].span
    assert rec.text[s:e] == "Are you currently paying for facial recognition software?"
    # "answers+" appends to the extracted answer.
    assert len(rec.answers) == 2
    assert not rec.answers[0].curated and rec.answers[1].curated
    assert rec.answers[1].questions == ["1"] and rec.answers[1].span is None
    assert rec.ncnd_covert is True
    assert rec.curated_fields == [
        "force", "response_date", "request_date", "questions", "answers", "ncnd_covert",
    ]  # fmt: skip
    assert "response_date" not in rec.field_spans


def test_curated_reference_span_found_in_text(letter: Path) -> None:
    (letter.parent / "001_wmp.foi.yaml").write_text("reference: '13457_18'\n", encoding="utf-8")
    rec = extract_path(letter)
    s, e = rec.field_spans["reference"]
    assert rec.text[s:e] == "13457_18"


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("reference: [oops\n", "not valid YAML"),
        ("- a list\n", "must be a mapping"),
        ("colour: blue\n", "unknown field"),
        ("force: atlantis-police\n", "unknown gazetteer id"),
        ("response_date: last tuesday\n", "ISO date"),
        ("answers:\n  - {questions: ['1'], kind: maybe}\n", "not one of"),
        ("questions:\n  - {number: '1', colour: red}\n", "unknown key"),
        ("questions: 3\n", "expected a list"),
        ("reference+: x\n", "list fields only"),
        ("overt_only: perhaps\n", "true or false"),
    ],
)
def test_bad_sidecars(letter: Path, content: str, problem: str) -> None:
    sidecar = letter.parent / "001_wmp.txt.foi.yaml"
    sidecar.write_text(content, encoding="utf-8")
    with pytest.raises(CurationError) as info:
        extract_path(letter)
    message = str(info.value)
    assert message.startswith(f"{sidecar}: ")
    assert problem in message
    assert "\n" not in message


def test_empty_sidecar_is_fine(letter: Path) -> None:
    (letter.parent / "001_wmp.txt.foi.yaml").write_text("", encoding="utf-8")
    assert extract_path(letter).curated_fields == []
