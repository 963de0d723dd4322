"""Second held-out set: the extractor on letters written after the rules were tuned.

``tests/letters/heldout2/`` holds twelve letters for forces with no letter elsewhere in the
repository, in layouts the first held-out set does not use ("A1." answers, inline "Answer:",
lettered questions, a Word two-column table, a disclosure-log page, an email reply, FOISA
sections), each with a hand-written ``<letter>.expected.yaml``. Scored by
``python -m benchmarks.accuracy --dir tests/letters/heldout2``.

The floor sits a few points below the accuracy measured when it was set, so a change that makes
extraction worse on unseen letters fails here; raise it as the extractor improves. Do not tune
rules against these letters' text: once they are, another fresh set is needed.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import pytest

from kg.model import LetterRecord
from kg.terms import ANSWER_KINDS, TECHNOLOGIES, THREAT_LEVELS, USAGE_STATUSES

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # benchmarks/ is beside kg/, not an installed package
    sys.path.insert(0, str(ROOT))

from benchmarks import accuracy  # noqa: E402

HELDOUT2 = ROOT / "tests" / "letters" / "heldout2"

# Measured when set (commit bec3ed6): 99.5% (197/198); the floor is 3 points below.
OVERALL_FLOOR = 96.5


@pytest.fixture(scope="module")
def cases() -> list[accuracy.Case]:
    return accuracy.cases_in(HELDOUT2)


@pytest.fixture(scope="module")
def result(cases: list[accuracy.Case]) -> accuracy.Result:
    return accuracy.evaluate(cases)


def test_the_set_is_complete_and_varied(cases: list[accuracy.Case]) -> None:
    assert len(cases) == 12
    for case in cases:
        assert case.letter.is_file(), case.letter
        assert case.name.startswith("heldout2/")
    assert {".txt", ".md", ".html", ".docx", ".pdf"} <= {c.letter.suffix for c in cases}
    # Forces not used by the samples or the other test letters: one letter each.
    forces = [c.expected["force"] for c in cases]
    assert len(set(forces)) == len(forces)


def test_expected_values_use_only_known_vocabulary(cases: list[accuracy.Case]) -> None:
    """A typo in an expected file would silently score as an extractor error."""
    with (ROOT / "data" / "reference" / "police_forces.csv").open(encoding="utf-8") as fh:
        forces = {row["id"] for row in csv.DictReader(fh)}
    for case in cases:
        exp = case.expected
        where = case.expected_file.name
        assert exp.get("force") in forces, where
        if exp.get("threat_level") is not None:
            assert exp["threat_level"] in THREAT_LEVELS, where
        for answer in exp.get("answers") or []:
            assert set(accuracy._alts(answer["kind"])) <= set(ANSWER_KINDS), where
        for item in exp.get("technologies") or []:
            assert set(accuracy._alts(item[0])) <= set(TECHNOLOGIES), where
            assert set(accuracy._alts(item[1])) <= set(USAGE_STATUSES), where
        for name in ("request_date", "response_date"):
            value = exp.get(name)
            assert value is None or (len(value) == 10 and value[4] == "-"), where


def test_no_letter_crashes_the_extractor(result: accuracy.Result) -> None:
    assert result.crashes == []


def test_accuracy_stays_above_the_floor(result: accuracy.Result) -> None:
    assert result.total > 150  # every letter was scored on most fields
    assert result.accuracy >= OVERALL_FLOOR, accuracy.render(result)


def test_reference_alternatives_are_accepted() -> None:
    """``"2022-0456|FOI 2022-0456"``: a reference read with or without its prefix is right."""
    case = accuracy.Case("x", Path("x"), Path("x"), {"reference": "2022-0456|FOI 2022-0456"})
    for got, ok in (("FOI 2022-0456", True), ("2022-0456", True), ("2022", False), (None, False)):
        rec = LetterRecord(source="x", sha256="0", format="txt", reference=got)
        scored = accuracy.Result()
        accuracy.compare(case, rec, scored)
        assert (scored.correct == 1) is ok, got


def test_dir_option_scores_a_folder_and_rejects_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    letter = HELDOUT2 / "n08_west_mercia_s14_vexatious.txt"
    (tmp_path / letter.name).write_bytes(letter.read_bytes())
    (tmp_path / (letter.name + accuracy.SUFFIX)).write_text(
        'force: west-mercia-police\nreference: "0044/22"\n', encoding="utf-8"
    )
    assert accuracy.main(["--dir", str(tmp_path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["overall"] == {"correct": 2, "total": 2, "accuracy": 100.0}
    assert list(data["letters"]) == [f"{tmp_path.name}/{letter.name}"]
    for argv in (
        ["--dir", str(tmp_path / "missing")],
        ["--dir", str(tmp_path), "--only", "samples"],
        ["--dir", str(HELDOUT2 / "..")],  # a folder without expected files
    ):
        with pytest.raises(SystemExit) as exc:
            accuracy.main(argv)
        assert exc.value.code == 2
