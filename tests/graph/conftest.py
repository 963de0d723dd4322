"""Fixtures of the graph tests, and ``--generate-snapshots`` to rewrite tests/graph/snapshots."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # tests/graph/records.py, without a package


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--generate-snapshots",
        action="store_true",
        default=False,
        help="Rewrite tests/graph/snapshots/*.ttl from the current mapper instead of comparing.",
    )


@pytest.fixture
def generate_snapshots(request: pytest.FixtureRequest) -> bool:
    try:
        flag = bool(request.config.getoption("--generate-snapshots"))
    except ValueError:  # option not registered when this conftest was not an initial one
        flag = False
    return flag or os.environ.get("FOI_KG_GENERATE_SNAPSHOTS") == "1"
