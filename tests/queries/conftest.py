"""Fixtures for the canned-query tests: the five sample letters built into an on-disk Oxigraph
store and into an in-memory store, and the golden files.

``pytest tests/queries --update-golden`` rewrites ``tests/queries/golden/<name>.csv`` from the
current build; read the diff against the letters before committing it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

GOLDEN_DIR = Path(__file__).resolve().parent / "golden"
ROOT = Path(__file__).resolve().parents[2]
SAMPLE_LETTERS = ROOT / "examples" / "letters"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Rewrite tests/queries/golden/*.csv from the sample letters instead of comparing.",
    )


@pytest.fixture(scope="session")
def update_golden(pytestconfig: pytest.Config) -> bool:
    # getoption with a default: the option exists only when this conftest is an initial one
    # (pytest tests/queries ...), and the suite run from the root must still work.
    return bool(pytestconfig.getoption("--update-golden", default=False))


@pytest.fixture(scope="session")
def disk_store(sample_store_dir: Path) -> Iterator[Any]:
    """The suite's on-disk sample store (built once by tests/conftest.py), opened read-only."""
    from kg.graph import open_store

    store = open_store(str(sample_store_dir), read_only=True)
    yield store
    store.close()


@pytest.fixture(scope="session")
def memory_store() -> Any:
    """The same five letters built into an in-memory store."""
    from kg.graph import open_store
    from kg.graph.builder import build  # the submodule shadows kg.graph.builder once imported

    store = open_store("memory")
    # No SHACL here: the on-disk store was validated with the same letters (every letter valid),
    # and validation does not change what is written; it only costs seconds.
    summary = build([str(SAMPLE_LETTERS)], store, validator=None)
    assert summary.added == 5, summary
    return store


@pytest.fixture()
def private_memory_store(memory_store: Any) -> Any:
    """A fresh in-memory copy of the samples, for tests that check nothing changed it."""
    import pyoxigraph as ox

    from kg.graph import open_store

    store = open_store("memory")
    data = memory_store.oxigraph.dump(format=ox.RdfFormat.N_QUADS)
    store.oxigraph.load(data, format=ox.RdfFormat.N_QUADS)
    return store
