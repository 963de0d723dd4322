"""Golden results: every canned query on the five sample letters, on both stores.

Each ``golden/<name>.csv`` was read against the letters in ``examples/letters`` (see the
explicit checks in test_queries_content.py). Regenerate with
``pytest tests/queries --update-golden`` and review the diff.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

import pytest

from kg.queries import discover, run
from kg.results import to_csv

GOLDEN_DIR = Path(__file__).resolve().parent / "golden"
NAMES = sorted(discover())


def test_every_canned_query_has_a_golden_file() -> None:
    assert NAMES, "no canned queries found"
    missing = [n for n in NAMES if not (GOLDEN_DIR / f"{n}.csv").exists()]
    assert not missing, f"no golden CSV for {missing}: run pytest tests/queries --update-golden"
    stale = sorted(p.stem for p in GOLDEN_DIR.glob("*.csv") if p.stem not in NAMES)
    assert not stale, f"golden files for queries that no longer exist: {stale}"


@pytest.mark.parametrize("name", NAMES)
def test_golden(name: str, disk_store: Any, memory_store: Any, update_golden: bool) -> None:
    on_disk = to_csv(run(name, disk_store))
    in_memory = to_csv(run(name, memory_store))
    assert on_disk == in_memory, f"{name}: the on-disk and in-memory stores disagree"
    golden = GOLDEN_DIR / f"{name}.csv"
    if update_golden:
        golden.write_text(on_disk, encoding="utf-8")
        return
    expected = golden.read_text(encoding="utf-8") if golden.exists() else ""
    if on_disk != expected:
        diff = "".join(
            list(
                difflib.unified_diff(
                    expected.splitlines(keepends=True),
                    on_disk.splitlines(keepends=True),
                    f"golden/{name}.csv",
                    "now",
                )
            )[:60]
        )
        pytest.fail(
            f"{name}: rows differ from {golden.name}; if the change is right, run "
            f"pytest tests/queries --update-golden and review the diff\n{diff}"
        )
