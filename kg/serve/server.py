"""``kg serve``: a read-only SPARQL 1.1 Protocol endpoint over the on-disk store.

Routes:
- ``/sparql`` GET ``?query=`` or POST (form ``query=`` or ``application/sparql-query``):
  results negotiated as SPARQL JSON, XML, CSV, TSV (SELECT/ASK) or Turtle, JSON-LD,
  N-Triples (CONSTRUCT/DESCRIBE); ``?format=`` overrides ``Accept``. Updates get 403.
- ``/query/NAME?param=value``: a canned query from ``queries/`` with its parameters bound.
- ``/id/...``: the graph's own IRIs dereference (Turtle, JSON-LD, N-Triples or HTML).
- ``/`` and ``/ui?query=``: an HTML page with a query box, the canned reports and tables.

Every query passes ``kg.serve.safety.check_query`` before any engine sees it, runs in a
worker process with a time limit, and returns at most ``max_rows`` rows.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from kg.ids import ID
from kg.serve import formats, pages
from kg.serve.safety import UnsafeQuery, check_query
from kg.serve.worker import Outcome, TermSpec, WorkerPool

MAX_BODY = 1_000_000  # bytes of query text accepted in a POST


@dataclass
class CannedQuery:
    """What the endpoint needs of a canned query: its text and how to bind parameters."""

    name: str
    title: str
    description: str
    bind: Callable[[dict[str, str]], tuple[str, dict[str, TermSpec]]]


@dataclass
class ServeConfig:
    store: Path
    host: str = "127.0.0.1"
    port: int = 7878
    timeout: float = 10.0
    max_rows: int = 10_000
    workers: int = 2


class Endpoint:
    """The state one server shares between request threads."""

    def __init__(self, config: ServeConfig, canned: dict[str, CannedQuery]) -> None:
        self.config = config
        self.canned = canned
        self.pool = WorkerPool(str(config.store), size=config.workers)

    def run(
        self, query: str, accept: str | None, subs: dict[str, TermSpec] | None = None
    ) -> Outcome:
        try:
            check_query(query)
        except UnsafeQuery as exc:
            return Outcome(400, f"{exc}\n".encode(), "text/plain; charset=utf-8")
        return self.pool.ask(query, accept, subs, self.config.max_rows, self.config.timeout)

    def close(self) -> None:
        self.pool.close()


def _accept(handler: BaseHTTPRequestHandler, params: dict[str, list[str]]) -> str | None:
    fmt = (params.get("format") or [None])[0]
    if fmt:
        return formats.FORMAT_ALIASES.get(fmt.lower(), fmt)
    return handler.headers.get("Accept")


class Handler(BaseHTTPRequestHandler):
    server_version = "foi-kg"
    endpoint: Endpoint  # set on the subclass made by make_server
    quiet = True

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib name
        if not self.quiet:
            super().log_message(format, *args)

    # -- plumbing
    def _send(self, status: int, body: bytes, content_type: str, extra: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept")
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: int, message: str) -> None:
        if "text/html" in (self.headers.get("Accept") or "") and "json" not in (
            self.headers.get("Accept") or ""
        ):
            self._send(status, pages.error_page(status, message), "text/html; charset=utf-8")
        else:
            self._send(status, (message + "\n").encode(), "text/plain; charset=utf-8")

    def _outcome(self, outcome: Outcome, *, title: str = "Results", query: str = "") -> None:
        extra = {"X-Result-Truncated": "true"} if outcome.truncated else {}
        if outcome.status != 200:
            self._error(outcome.status, outcome.body.decode("utf-8", "replace").strip())
            return
        if outcome.content_type == "text/html+sparql-json":
            body = pages.results_page(title, query, outcome.body, outcome.truncated)
            self._send(200, body, "text/html; charset=utf-8", extra)
            return
        if outcome.content_type == "text/html+ntriples":
            self._send(200, outcome.body, "text/plain; charset=utf-8", extra)
            return
        self._send(200, outcome.body, outcome.content_type, extra)

    # -- verbs
    def do_HEAD(self) -> None:  # noqa: N802 - stdlib naming
        self.do_GET()

    def do_GET(self) -> None:  # noqa: N802
        url = urlsplit(self.path)
        params = parse_qs(url.query, keep_blank_values=True)
        path = unquote(url.path)
        if path in ("/", "/index.html"):
            canned = [(c.name, c.title, c.description) for c in self.endpoint.canned.values()]
            self._send(200, pages.home(canned), "text/html; charset=utf-8")
        elif path == "/sparql":
            if "update" in params:
                self._error(403, "updates are refused: this endpoint is read-only")
            elif "query" not in params:
                self._error(400, "missing 'query' parameter (SPARQL 1.1 Protocol)")
            else:
                self._query(params["query"][0], params)
        elif path == "/ui":
            query = (params.get("query") or [""])[0]
            outcome = self.endpoint.run(query, "text/html")
            self._outcome(outcome, title="Query results", query=query)
        elif path.startswith("/query/"):
            self._canned(path[len("/query/") :], params)
        elif path.startswith("/id/"):
            self._describe(ID + path[len("/id/") :], params)
        else:
            self._error(404, f"no such page: {path}")

    def do_POST(self) -> None:  # noqa: N802
        url = urlsplit(self.path)
        if unquote(url.path) != "/sparql":
            self._error(405, "POST is accepted only on /sparql")
            return
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self._error(413, f"query text over {MAX_BODY} bytes")
            return
        raw = self.rfile.read(length)
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = parse_qs(url.query, keep_blank_values=True)
        if ctype == "application/sparql-update":
            self._error(403, "updates are refused: this endpoint is read-only")
        elif ctype == "application/sparql-query":
            self._query(raw.decode("utf-8", "replace"), params)
        elif ctype in ("application/x-www-form-urlencoded", ""):
            form = parse_qs(raw.decode("utf-8", "replace"), keep_blank_values=True)
            if "update" in form:
                self._error(403, "updates are refused: this endpoint is read-only")
            elif "query" not in form:
                self._error(400, "missing 'query' in the form body")
            else:
                self._query(form["query"][0], {**params, **form})
        else:
            self._error(415, f"unsupported Content-Type {ctype!r}")

    def _do_refuse(self) -> None:
        self._error(405, "this endpoint is read-only")

    do_PUT = do_DELETE = do_PATCH = _do_refuse  # noqa: N815

    # -- routes
    def _query(self, query: str, params: dict[str, list[str]]) -> None:
        accept = _accept(self, params)
        self._outcome(self.endpoint.run(query, accept), query=query)

    def _canned(self, name: str, params: dict[str, list[str]]) -> None:
        canned = self.endpoint.canned.get(name)
        if canned is None:
            self._error(404, f"no canned query named {name!r}")
            return
        values = {k: v[0] for k, v in params.items() if k != "format"}
        try:
            text, subs = canned.bind(values)
        except (KeyError, ValueError) as exc:
            self._error(400, f"bad parameter: {exc}")
            return
        accept = _accept(self, params)
        if accept and "text/html" in accept:
            outcome = self.endpoint.run(text, "application/sparql-results+json", subs)
            if outcome.status == 200:
                body = pages.canned_page(
                    canned.name,
                    canned.title,
                    canned.description,
                    outcome.body,
                    values,
                    outcome.truncated,
                )
                self._send(200, body, "text/html; charset=utf-8")
                return
        self._outcome(self.endpoint.run(text, accept, subs), title=canned.title, query=text)

    def _describe(self, iri: str, params: dict[str, list[str]]) -> None:
        subject: dict[str, TermSpec] = {"s": ("iri", iri, None, None)}
        accept = _accept(self, params) or "text/turtle"
        media = formats.negotiate(accept, list(formats.GRAPH_TYPES), "text/turtle")
        if media == "text/html":
            outcome = self.endpoint.run(
                "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?p ?o",
                "application/sparql-results+json",
                subject,
            )
            if outcome.status != 200:
                self._outcome(outcome)
                return
            rows = json.loads(outcome.body)["results"]["bindings"]
            if not rows:
                self._error(404, f"nothing is known about {iri}")
                return
            body = pages.resource_page(iri, [(r["p"]["value"], r["o"]) for r in rows])
            self._send(200, body, "text/html; charset=utf-8")
            return
        outcome = self.endpoint.run("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", accept, subject)
        if outcome.status == 200 and outcome.rows == 0:
            self._error(404, f"nothing is known about {iri}")
            return
        self._outcome(outcome)


def make_server(config: ServeConfig, canned: dict[str, CannedQuery]) -> ThreadingHTTPServer:
    """A ready-to-run server (call ``serve_forever``); ``server.endpoint.close()`` when done."""
    endpoint = Endpoint(config, canned)
    handler = type("BoundHandler", (Handler,), {"endpoint": endpoint})
    server = ThreadingHTTPServer((config.host, config.port), handler)
    server.daemon_threads = True
    server.endpoint = endpoint  # type: ignore[attr-defined]
    return server


def serve_in_thread(config: ServeConfig, canned: dict[str, CannedQuery]) -> ThreadingHTTPServer:
    """Start a server on a background thread (tests, notebooks); returns it running."""
    server = make_server(config, canned)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
