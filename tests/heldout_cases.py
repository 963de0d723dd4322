"""Shared code of the held-out accuracy tests (``tests/test_heldout*_accuracy.py``).

Each held-out set is a folder of letters with hand-written ``<letter>.expected.yaml`` files,
scored by ``benchmarks/accuracy.py``. The tests of every set need the same things: the scorer
module (``benchmarks/`` sits beside ``kg/`` and is not installed), module-scoped fixtures that
load and score a folder once, and a check that the expected files use only known values (a typo
there would silently count as an extractor error). The checks return lists of problems so the
tests can ``assert problems == []`` and show them all at once.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest

from kg.terms import ANSWER_KINDS, TECHNOLOGIES, THREAT_LEVELS, USAGE_STATUSES

ROOT = Path(__file__).resolve().parents[1]
LETTERS = ROOT / "tests" / "letters"
if str(ROOT) not in sys.path:  # benchmarks/ is beside kg/, not an installed package
    sys.path.insert(0, str(ROOT))

from benchmarks import accuracy  # noqa: E402

ALL_FORMATS = frozenset({".txt", ".md", ".html", ".docx", ".pdf"})


def folder_fixtures(folder: Path) -> tuple[Callable[..., Any], Callable[..., Any]]:
    """``cases`` and ``result`` fixtures for one folder; bind both names in the test module.

    ``result`` runs the extractor on every letter once per module, so the tests share it."""

    @pytest.fixture(scope="module")
    def cases() -> list[accuracy.Case]:
        return accuracy.cases_in(folder)

    @pytest.fixture(scope="module")
    def result(cases: list[accuracy.Case]) -> accuracy.Result:
        return accuracy.evaluate(cases)

    return cases, result


def known_forces() -> set[str]:
    with (ROOT / "data" / "reference" / "police_forces.csv").open(encoding="utf-8") as fh:
        return {row["id"] for row in csv.DictReader(fh)}


def vocabulary_problems(
    cases: Iterable[accuracy.Case], *, force_required: bool = True
) -> list[str]:
    """Expected values outside the controlled vocabularies, as "<file>: <problem>" lines."""
    forces = known_forces()
    problems: list[str] = []
    for case in cases:
        exp = case.expected
        where = case.expected_file.name

        def bad(what: str, value: Any, where: str = where) -> None:
            problems.append(f"{where}: unknown {what} {value!r}")

        force = exp.get("force")
        if (force is not None or force_required) and force not in forces:
            bad("force", force)
        if exp.get("threat_level") is not None and exp["threat_level"] not in THREAT_LEVELS:
            bad("threat level", exp["threat_level"])
        for answer in exp.get("answers") or []:
            if not set(accuracy._alts(answer["kind"])) <= set(ANSWER_KINDS):
                bad("answer kind", answer["kind"])
        for item in exp.get("technologies") or []:
            if not set(accuracy._alts(item[0])) <= set(TECHNOLOGIES):
                bad("technology", item[0])
            if not set(accuracy._alts(item[1])) <= set(USAGE_STATUSES):
                bad("usage status", item[1])
        for name in ("request_date", "response_date"):
            value = exp.get(name)
            if value is not None and not (len(value) == 10 and value[4] == "-"):
                bad(name, value)
    return problems


def set_problems(
    cases: list[accuracy.Case], *, folder: str, count: int, unique_forces: bool = True
) -> list[str]:
    """What keeps a held-out folder from being a complete, varied set of ``count`` letters."""
    problems: list[str] = []
    if len(cases) != count:
        problems.append(f"{folder}: {len(cases)} letters with expected values, not {count}")
    for case in cases:
        if not case.letter.is_file():
            problems.append(f"{case.expected_file.name}: no letter {case.letter.name}")
        if not case.name.startswith(folder + "/"):
            problems.append(f"{case.name}: not named after {folder}")
    missing = ALL_FORMATS - {c.letter.suffix for c in cases}
    if missing:
        problems.append(f"{folder}: no letter in {sorted(missing)}")
    if unique_forces:
        forces = [c.expected.get("force") for c in cases]
        repeated = sorted({f for f in forces if forces.count(f) > 1}, key=str)
        if repeated:
            problems.append(f"{folder}: more than one letter for {repeated}")
    return problems


def share(result: accuracy.Result, prefix: str) -> tuple[int, int]:
    """(correct, total) over the letters whose report name starts with ``prefix``."""
    cells = [v for k, v in result.letters.items() if k.startswith(prefix)]
    return sum(c for c, _ in cells), sum(t for _, t in cells)
