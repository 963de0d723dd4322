"""`kg serve` through real clients: SPARQLWrapper and plain HTTP against a running server."""

from __future__ import annotations

import csv
import io
import json
import socket
import threading
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
import rdflib
from SPARQLWrapper import CSV, JSON, SPARQLWrapper

from kg.serve.canned import canned_queries
from kg.serve.server import ServeConfig, serve_in_thread

COUNT_RESPONSES = (
    "PREFIX foi: <https://w3id.org/foi-kg/ontology#> "
    "SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE { ?r a foi:Response }"
)
FORCES = """PREFIX foi: <https://w3id.org/foi-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?force ?ref WHERE { ?r a foi:Response ; foi:reference ?ref ; foi:respondingBody ?f .
  ?f rdfs:label ?force } ORDER BY ?ref"""


@pytest.fixture(scope="module")
def endpoint(sample_store_dir: Path) -> Iterator[str]:
    server = serve_in_thread(
        ServeConfig(store=sample_store_dir, port=0, timeout=3.0, max_rows=50, workers=1),
        canned_queries(),
    )
    try:
        host, port = server.server_address[:2]
        yield f"http://{host}:{port}"
    finally:
        server.shutdown()
        server.server_close()
        server.endpoint.close()  # type: ignore[attr-defined]


def fetch(
    url: str, *, accept: str | None = None, data: bytes | None = None, ctype: str | None = None
) -> tuple[int, str, bytes, dict]:
    req = urllib.request.Request(url, data=data)
    if accept:
        req.add_header("Accept", accept)
    if ctype:
        req.add_header("Content-Type", ctype)
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, resp.headers["Content-Type"], resp.read(), dict(resp.headers)
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers["Content-Type"], exc.read(), dict(exc.headers)


def q(query: str) -> str:
    return "/sparql?query=" + urllib.parse.quote(query)


def test_binds_loopback_by_default() -> None:
    """Safe for the public means nobody else can reach it unless the user says so."""
    assert ServeConfig(store=Path("x")).host == "127.0.0.1"


def test_sparqlwrapper_select_json(endpoint: str) -> None:
    client = SPARQLWrapper(endpoint + "/sparql")
    client.setQuery(COUNT_RESPONSES)
    client.setReturnFormat(JSON)
    result = client.queryAndConvert()
    assert result["results"]["bindings"][0]["n"]["value"] == "5"


def test_sparqlwrapper_csv_and_post(endpoint: str) -> None:
    client = SPARQLWrapper(endpoint + "/sparql")
    client.setQuery(FORCES)
    client.setReturnFormat(CSV)
    client.setMethod("POST")
    rows = list(csv.DictReader(io.StringIO(client.queryAndConvert().decode())))
    assert {r["force"] for r in rows} == {
        "Dyfed-Powys Police",
        "West Midlands Police",
        "Avon and Somerset Police",
        "Hertfordshire Constabulary",
        "Warwickshire Police",
    }


@pytest.mark.parametrize(
    ("accept", "check"),
    [
        (
            "application/sparql-results+json",
            lambda b: json.loads(b)["head"]["vars"] == ["force", "ref"],
        ),
        ("application/sparql-results+xml", lambda b: ET.fromstring(b).tag.endswith("sparql")),
        ("text/csv", lambda b: b.decode().splitlines()[0] == "force,ref"),
        ("text/tab-separated-values", lambda b: b.decode().splitlines()[0] == "?force\t?ref"),
    ],
)
def test_select_content_negotiation(endpoint: str, accept: str, check) -> None:
    status, ctype, body, _ = fetch(endpoint + q(FORCES), accept=accept)
    assert status == 200
    assert ctype.startswith(accept)
    assert check(body)


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [
        ("text/turtle", "turtle"),
        ("application/ld+json", "json-ld"),
        ("application/n-triples", "nt"),
    ],
)
def test_construct_content_negotiation(endpoint: str, accept: str, fmt: str) -> None:
    query = (
        "PREFIX foi: <https://w3id.org/foi-kg/ontology#> "
        "CONSTRUCT { ?r foi:reference ?ref } WHERE { ?r foi:reference ?ref }"
    )
    status, ctype, body, _ = fetch(endpoint + q(query), accept=accept)
    assert status == 200 and ctype.startswith(accept)
    graph = rdflib.Graph().parse(data=body.decode(), format=fmt)
    refs = {str(o) for o in graph.objects()}
    assert {"1022/2019", "13457_18", "992/20", "FOI2017/01696", "208-2023"} <= refs


def test_form_post_and_sparql_query_post(endpoint: str) -> None:
    form = urllib.parse.urlencode({"query": COUNT_RESPONSES}).encode()
    status, _, body, _ = fetch(
        endpoint + "/sparql",
        data=form,
        ctype="application/x-www-form-urlencoded",
        accept="text/csv",
    )
    assert status == 200 and body.decode().split() == ["n", "5"]
    status, _, body, _ = fetch(
        endpoint + "/sparql",
        data=COUNT_RESPONSES.encode(),
        ctype="application/sparql-query",
        accept="text/csv",
    )
    assert status == 200 and body.decode().split() == ["n", "5"]


def test_updates_are_refused(endpoint: str, sample_store_dir: Path) -> None:
    before = fetch(endpoint + q(COUNT_RESPONSES), accept="text/csv")[2]
    drop = "DROP ALL"
    assert (
        fetch(endpoint + "/sparql", data=drop.encode(), ctype="application/sparql-update")[0] == 403
    )
    assert fetch(endpoint + "/sparql?update=" + urllib.parse.quote(drop))[0] == 403
    form = urllib.parse.urlencode({"update": drop}).encode()
    assert (
        fetch(endpoint + "/sparql", data=form, ctype="application/x-www-form-urlencoded")[0] == 403
    )
    # An update smuggled in as a query is refused before the engine sees it.
    assert fetch(endpoint + q("DELETE WHERE { ?s ?p ?o }"))[0] == 400
    assert fetch(endpoint + q(COUNT_RESPONSES), accept="text/csv")[2] == before


def test_bad_query_is_400_with_parse_error(endpoint: str) -> None:
    status, _, body, _ = fetch(endpoint + q("SELECT * WHERE { ?s ?p "))
    assert status == 400
    assert b"parse error" in body and b"1:" in body


class Listener:
    """A TCP listener on loopback that counts the connections it receives."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen()
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.hits = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.hits += 1
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(2)
        self.sock.close()


@pytest.mark.parametrize(
    "template",
    [
        "SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ SERVICE SILENT <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ \\u0053ERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
        "SELECT * FROM <http://127.0.0.1:{port}/data.ttl> WHERE {{ ?s ?p ?o }}",
        "SELECT * FROM NAMED <http://127.0.0.1:{port}/d.ttl> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
        "LOAD <http://127.0.0.1:{port}/data.ttl>",
    ],
)
def test_no_outbound_requests(endpoint: str, template: str) -> None:
    """SERVICE, FROM and LOAD aimed at a listener on loopback must reach nothing."""
    listener = Listener()
    try:
        status, _, body, _ = fetch(endpoint + q(template.format(port=listener.port)))
        assert status == 400, body
        assert listener.hits == 0
    finally:
        listener.close()


def test_row_limit_truncates(endpoint: str) -> None:
    status, _, body, headers = fetch(
        endpoint + q("SELECT ?s ?p ?o WHERE { ?s ?p ?o }"), accept="application/sparql-results+json"
    )
    assert status == 200
    assert len(json.loads(body)["results"]["bindings"]) == 50
    assert headers.get("X-Result-Truncated") == "true"


def test_timeout_then_recovers(endpoint: str) -> None:
    values = " ".join(str(i) for i in range(400))
    slow = (
        f"SELECT (COUNT(*) AS ?n) WHERE {{ VALUES ?a {{ {values} }} VALUES ?b {{ {values} }} "
        f"VALUES ?c {{ {values} }} VALUES ?d {{ {values} }} FILTER(?a + ?b + ?c + ?d > -1) }}"
    )
    status, _, body, _ = fetch(endpoint + q(slow))
    assert status == 503 and b"timed out" in body
    # The worker was replaced: the endpoint answers the next query.
    assert fetch(endpoint + q(COUNT_RESPONSES), accept="text/csv")[2].decode().split() == ["n", "5"]


def test_iri_dereferences_as_turtle_and_html(endpoint: str) -> None:
    status, ctype, body, _ = fetch(
        endpoint + "/id/force/west-midlands-police", accept="text/turtle"
    )
    assert status == 200 and ctype.startswith("text/turtle")
    graph = rdflib.Graph().parse(data=body.decode(), format="turtle")
    labels = {str(o) for o in graph.objects(predicate=rdflib.RDFS.label)}
    assert "West Midlands Police" in labels
    status, ctype, body, _ = fetch(endpoint + "/id/force/west-midlands-police", accept="text/html")
    assert status == 200 and ctype.startswith("text/html")
    assert b"West Midlands Police" in body
    assert fetch(endpoint + "/id/force/no-such-force", accept="text/turtle")[0] == 404


def test_response_iri_dereferences(endpoint: str) -> None:
    status, _, body, _ = fetch(
        endpoint + "/id/response/west-midlands-police/13457_18", accept="application/n-triples"
    )
    assert status == 200
    assert b"13457_18" in body


def test_canned_query_by_name(endpoint: str) -> None:
    status, _, body, _ = fetch(endpoint + "/query/ncnd-covert?format=csv")
    assert status == 200
    rows = list(csv.DictReader(io.StringIO(body.decode())))
    assert len({r[next(iter(r))] for r in rows}) == 5


def test_canned_query_parameter_is_a_value_not_code(endpoint: str) -> None:
    evil = urllib.parse.quote("x' } ; DROP ALL ; #")
    status, _, body, _ = fetch(endpoint + f"/query/letter?reference={evil}&format=csv")
    assert status in (200, 400)
    if status == 200:
        assert len(body.decode().strip().splitlines()) == 1  # header only: matches nothing
    assert fetch(endpoint + q(COUNT_RESPONSES), accept="text/csv")[2].decode().split() == ["n", "5"]


def test_home_page_lists_canned_queries(endpoint: str) -> None:
    status, ctype, body, _ = fetch(endpoint + "/", accept="text/html")
    assert status == 200 and ctype.startswith("text/html")
    assert b"/query/ncnd-covert" in body and b"<textarea" in body
