"""``--endpoint``: the same canned queries against a real SPARQL 1.1 server on 127.0.0.1."""

from __future__ import annotations

import urllib.request
from typing import Any

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.queries import run
from kg.results import to_csv
from kg.sparql import Endpoint, QueryError

pytestmark = pytest.mark.server


@pytest.fixture()
def loaded_server(oxigraph_server: str, memory_store: Any) -> str:
    """The Oxigraph server (union default graph) holding the same quads as the sample store."""
    data = memory_store.oxigraph.dump(format=ox.RdfFormat.N_QUADS)
    request = urllib.request.Request(
        f"{oxigraph_server}/store",
        data=data,
        method="POST",
        headers={"Content-Type": "application/n-quads"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status in (200, 201, 204)
    return f"{oxigraph_server}/query"


def test_endpoint_gives_the_same_rows(loaded_server: str, memory_store: Any) -> None:
    endpoint = Endpoint(loaded_server)
    for name in ("ncnd-covert", "technology-status", "coverage", "threat-level-claims"):
        assert to_csv(run(name, endpoint)) == to_csv(run(name, memory_store)), name
    bound = run("letter", endpoint, {"reference": "992/20"})
    assert bound.rows == run("letter", memory_store, {"reference": "992/20"}).rows
    assert run("letter", endpoint, {"reference": "x' } ; DROP ALL ; #"}).rows == []
    assert len(run("ncnd-covert", endpoint)) == 5  # still all there


def test_cli_endpoint(loaded_server: str) -> None:
    out = CliRunner().invoke(app, ["query", "ncnd-covert", "--endpoint", loaded_server])
    assert out.exit_code == 0 and out.stdout.count("\n") == 6
    refused = CliRunner().invoke(app, ["query", "DROP ALL", "--endpoint", loaded_server])
    assert refused.exit_code == 2


def test_unreachable_endpoint_is_one_line(unused_port: int) -> None:
    with pytest.raises(QueryError) as info:
        run("coverage", Endpoint(f"http://127.0.0.1:{unused_port}/query", timeout=5))
    assert "\n" not in str(info.value)
