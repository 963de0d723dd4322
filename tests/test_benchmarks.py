"""The benchmark suite at a tiny size: the generator, and run.py's report (no timings checked)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # benchmarks/ is beside kg/, not an installed package
    sys.path.insert(0, str(ROOT))

from benchmarks import generate  # noqa: E402
from benchmarks.run import main as run_main  # noqa: E402

SECTIONS = (
    "## Machine and settings",
    "## Targets (issue 7)",
    "## Extract",
    "## Build and validate",
    "## Canned queries",
    "## Export",
    "## Template detection",
    "## Peak memory (MB)",
    "## Growth",
    "## Where the time goes",
)


def test_generator_is_seeded_and_prefix_stable(tmp_path: Path) -> None:
    small = generate.generate_letters(6, 3, tmp_path / "a")
    large = generate.generate_letters(12, 3, tmp_path / "b")
    assert len(small) == 6 and len(large) == 12
    for a, b in zip(small, large, strict=False):  # letter i depends on (seed, i) only
        assert a.read_text(encoding="utf-8") == b.read_text(encoding="utf-8")
    other = generate.generate_letters(6, 4, tmp_path / "c")
    assert [p.read_text(encoding="utf-8") for p in other] != [
        p.read_text(encoding="utf-8") for p in small
    ]
    assert len({p.read_text(encoding="utf-8") for p in large}) == 12


def test_generated_letters_keep_force_and_reference(tmp_path: Path) -> None:
    from kg.extract import extract_path
    from kg.gazetteer import by_id

    paths = generate.generate_letters(25, 11, tmp_path)
    refs = set()
    for path in paths:
        force_id = path.stem.split("-", 1)[1]
        assert by_id(force_id) is not None
        rec = extract_path(path)
        assert rec.force is not None and rec.force.id == force_id, path.read_text()[:300]
        if rec.reference:
            assert (force_id, rec.reference) not in refs  # references are unique per letter
            refs.add((force_id, rec.reference))
    assert len(refs) >= 15  # most letters keep a reference the extractor reads


def test_generator_varies_dates_references_and_figures() -> None:
    text = "Our ref: FOI 1/20\nDate: 2nd March 2021\n\nWe spent £215,000 in 2019/20; 4 arrests."
    moved = generate.shift_dates(text, 1, 3)
    assert "5th March 2022" in moved and "2020/21" in moved
    threat = "The threat level was critical in May 2017 and since 2006 severe."
    assert generate.shift_dates(threat, 2, 0) == threat  # history is not moved
    import random

    varied = generate.vary_figures(text, random.Random(1))
    assert "£215,000" not in varied or "4 arrests" not in varied
    cost_limit = "the appropriate limit of £450 would be exceeded"
    assert generate.vary_figures(cost_limit, random.Random(1)) == cost_limit


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> str:
    work = tmp_path_factory.mktemp("bench")
    out = work / "RESULTS.md"
    code = run_main(
        [
            "--letters",
            "4,8",
            "--repeats",
            "1",
            "--baseline-repeats",
            "1",
            "--query-timeout",
            "3",
            "--baseline-step-timeout",
            "4",
            "--sample",
            "2",
            "--jobs",
            "2",
            "--workdir",
            str(work),
            "--out",
            str(out),
            "--in-process",
        ]
    )
    assert code == 0
    assert (work / "RESULTS.json").exists()
    return out.read_text(encoding="utf-8")


def test_report_has_every_section(report: str) -> None:
    for heading in SECTIONS:
        assert heading in report, heading
    assert "| CPU |" in report and "pyoxigraph" in report and "pyshacl" in report
    for n in ("4", "8"):
        assert re.search(rf"^\| {n} \|", report, re.M), f"no row for {n} letters"


def _section(report: str, heading: str) -> str:
    start = report.index(heading)
    end = report.find("\n## ", start + 1)
    return report[start : end if end != -1 else None]


def test_report_ratios_are_positive(report: str) -> None:
    for heading in ("## Build and validate", "## Canned queries", "## Export"):
        ratios = [
            float(x.replace(",", "")) for x in re.findall(r"([\d.,]+)×", _section(report, heading))
        ]
        assert ratios, f"no ratio under {heading}"
        assert all(r > 0 for r in ratios), heading


def test_every_canned_query_is_measured(report: str) -> None:
    from kg.queries import discover

    queries = _section(report, "## Canned queries")
    for name in discover():
        assert f"| {name} |" in queries, name
