"""`kg push` and `--endpoint` against a real Oxigraph server started on 127.0.0.1."""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.graph import open_store
from kg.push import Endpoints, push_graphs, resolve_endpoints, store_graphs
from kg.remote import EndpointStore

COUNT_ALL = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
COUNT_GRAPHS = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def remote_count(base: str, query: str) -> int:
    url = f"{base}/query?query=" + urllib.parse.quote(query)
    req = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(req, timeout=30) as resp:
        doc = json.loads(resp.read())
    return int(doc["results"]["bindings"][0]["n"]["value"])


def local_counts(store_dir: Path) -> tuple[int, int]:
    store = open_store(str(store_dir), read_only=True)
    try:
        graphs = len(store.graphs())
        return graphs, store.count()
    finally:
        store.close()


def test_push_then_repush_is_idempotent(sample_store_dir: Path, oxigraph_server: str) -> None:
    graphs, triples = local_counts(sample_store_dir)
    runner = CliRunner()
    args = ["push", "--endpoint", f"{oxigraph_server}/query", "--store", str(sample_store_dir)]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    assert f"pushed {graphs} graphs, {triples} triples" in first.output
    assert remote_count(oxigraph_server, COUNT_GRAPHS) == graphs
    assert remote_count(oxigraph_server, COUNT_ALL) == triples
    again = runner.invoke(app, args)
    assert again.exit_code == 0, again.output
    assert remote_count(oxigraph_server, COUNT_ALL) == triples  # replaced, not duplicated


def test_sparql_update_fallback(sample_store_dir: Path, oxigraph_server: str) -> None:
    """A store without the Graph Store Protocol gets DROP + INSERT DATA, with the same result."""
    graphs, triples = local_counts(sample_store_dir)
    endpoints = resolve_endpoints(f"{oxigraph_server}/query")
    no_gsp = Endpoints(endpoints.query, endpoints.update, f"{oxigraph_server}/no-such-service")
    store = open_store(str(sample_store_dir), read_only=True)
    try:
        summary = push_graphs(store_graphs(store.oxigraph), no_gsp)
    finally:
        store.close()
    assert summary.methods == {"update": graphs}
    assert remote_count(oxigraph_server, COUNT_ALL) == triples


def test_queries_agree_with_embedded_store(sample_store_dir: Path, oxigraph_server: str) -> None:
    from kg import queries
    from kg.sparql import Endpoint

    store = open_store(str(sample_store_dir), read_only=True)
    try:
        push_graphs(store_graphs(store.oxigraph), resolve_endpoints(f"{oxigraph_server}/query"))
        remote = Endpoint(f"{oxigraph_server}/query")
        for name in sorted(queries.discover()):
            query = queries.find(name)
            params = {"reference": "13457_18"} if name == "letter" else {}
            local_rows = queries.run(query, store, params).records()
            remote_rows = queries.run(query, remote, params).records()
            assert remote_rows == local_rows, name
    finally:
        store.close()


def test_build_with_endpoint_writes_remotely(tmp_path: Path, oxigraph_server: str) -> None:
    letters = Path(__file__).resolve().parents[2] / "examples" / "letters"
    runner = CliRunner()
    result = runner.invoke(app, ["build", str(letters), "--endpoint", f"{oxigraph_server}/query"])
    assert result.exit_code == 0, result.output
    remote = EndpointStore(f"{oxigraph_server}/query")
    assert len(remote.letter_shas()) == 5
    again = runner.invoke(app, ["build", str(letters), "--endpoint", f"{oxigraph_server}/query"])
    assert again.exit_code == 0, again.output
    assert len(remote.letter_shas()) == 5


def test_unreachable_endpoint_is_one_line_error(sample_store_dir: Path, unused_port: int) -> None:
    port = unused_port
    result = CliRunner().invoke(
        app,
        ["push", "--endpoint", f"http://127.0.0.1:{port}/query", "--store", str(sample_store_dir)],
    )
    assert result.exit_code == 1
    assert "cannot connect" in result.output
    assert "Traceback" not in result.output


@pytest.fixture()
def tiny_store() -> ox.Store:
    store = ox.Store()
    graph = ox.NamedNode("https://w3id.org/foi-kg/id/response/x/1")
    for i in range(3):
        store.add(
            ox.Quad(
                ox.NamedNode(f"http://s/{i}"), ox.NamedNode("http://p"), ox.Literal(f"v{i}"), graph
            )
        )
    return store


def test_push_graphs_reports_each_graph(tiny_store: ox.Store, oxigraph_server: str) -> None:
    seen: list[tuple[str, int]] = []
    push_graphs(
        store_graphs(tiny_store),
        resolve_endpoints(oxigraph_server),
        on_graph=lambda g, n: seen.append((g, n)),
    )
    assert seen == [("https://w3id.org/foi-kg/id/response/x/1", 3)]


def test_wait_gives_a_server_started_late_time_to_come_up(unused_port: int) -> None:
    """``kg push --wait``: a server that starts listening a moment later is waited for."""
    import http.server
    import threading
    import time as _time

    from kg.push import wait_until_up

    class Quiet(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the http.server interface
            self.send_response(400)  # any answer means it is up
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    servers: list[http.server.HTTPServer] = []

    def start_late() -> None:
        _time.sleep(0.6)
        server = http.server.HTTPServer(("127.0.0.1", unused_port), Quiet)
        servers.append(server)
        server.serve_forever()

    threading.Thread(target=start_late, daemon=True).start()
    try:
        wait_until_up(f"http://127.0.0.1:{unused_port}/query", 10, every=0.05)
        assert servers  # it returned because the server answered
    finally:
        for server in servers:
            server.shutdown()


def test_wait_on_an_endpoint_that_never_comes_is_one_line_error(
    sample_store_dir: Path, unused_port: int
) -> None:
    result = CliRunner().invoke(
        app,
        [
            "push",
            "--endpoint",
            f"http://127.0.0.1:{unused_port}/query",
            "--store",
            str(sample_store_dir),
            "--wait",
            "0.5",
        ],
    )
    assert result.exit_code == 1
    assert "not reachable after 0.5 s" in result.output
    assert "Traceback" not in result.output
