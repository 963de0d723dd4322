"""Stores for the analysis tests: the five sample letters and the invented letters of
``tests/beyond/letters``, each built once through the real pipeline (extract, map, write)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kg.graph import open_store
from kg.graph.builder import build  # the function (kg.graph.builder can be shadowed by the module)

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "examples" / "letters"
INVENTED = Path(__file__).resolve().parent / "letters"

# Response IRIs of the sample letters, as kg.ids mints them.
ID = "https://w3id.org/foi-kg/id/"
DYFED = ID + "response/dyfed-powys-police/1022-2019"
WEST_MIDLANDS = ID + "response/west-midlands-police/13457_18"
AVON = ID + "response/avon-and-somerset-police/992-20"
HERTS = ID + "response/hertfordshire-constabulary/FOI2017-01696"
WARWICKSHIRE = ID + "response/warwickshire-police/208-2023"


def _built(paths: list[Path]) -> Any:
    store = open_store("memory")
    # SHACL validation of the letters is the graph tests' business; these test the analyses.
    summary = build([str(p) for p in paths], store, jobs=1, validator=None)
    assert summary.failed == 0, summary.errors
    return store


@pytest.fixture(scope="module")
def sample_store() -> Iterator[Any]:
    store = _built([SAMPLES])
    yield store
    store.close()


@pytest.fixture(scope="module")
def invented_store() -> Iterator[Any]:
    store = _built([INVENTED])
    yield store
    store.close()


@pytest.fixture(scope="module")
def all_store() -> Iterator[Any]:
    store = _built([SAMPLES, INVENTED])
    yield store
    store.close()
