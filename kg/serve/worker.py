"""Query execution in a child process, so that a runaway query can be stopped.

pyoxigraph offers no query timeout and a Python thread cannot be interrupted inside Rust,
so each worker is a process holding a read-only handle on the store; when a query overruns
its time budget the worker is killed and a fresh one started.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import threading
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

import pyoxigraph as ox

from kg.serve import formats

# (kind, value, datatype, language): a picklable RDF term for substitutions.
TermSpec = tuple[str, str, str | None, str | None]


@dataclass
class Outcome:
    """What a worker sends back: a body to serve, or an error status and message."""

    status: int
    body: bytes
    content_type: str
    truncated: bool = False
    rows: int = 0


def _term(spec: TermSpec) -> ox.NamedNode | ox.Literal:
    kind, value, datatype, language = spec
    if kind == "iri":
        return ox.NamedNode(value)
    if language:
        return ox.Literal(value, language=language)
    if datatype:
        return ox.Literal(value, datatype=ox.NamedNode(datatype))
    return ox.Literal(value)


def run_query(
    store: ox.Store,
    query: str,
    *,
    accept: str | None,
    substitutions: dict[str, TermSpec] | None = None,
    max_rows: int = 10_000,
) -> Outcome:
    """Execute one (already safety-checked) query and serialise it for the Accept header."""
    subs = {ox.Variable(k): _term(v) for k, v in (substitutions or {}).items()}
    try:
        result: Any = store.query(query, use_default_graph_as_union=True, substitutions=subs)
    except SyntaxError as exc:
        return Outcome(400, f"query parse error: {exc}\n".encode(), "text/plain; charset=utf-8")
    except (OSError, ValueError, TypeError, RuntimeError) as exc:
        return Outcome(400, f"query failed: {exc}\n".encode(), "text/plain; charset=utf-8")

    if isinstance(result, ox.QueryBoolean):
        media = formats.negotiate(
            accept, list(formats.SELECT_TYPES), "application/sparql-results+json"
        )
        if media is None:
            return _not_acceptable(formats.SELECT_TYPES)
        kind = formats.SELECT_TYPES[media]
        kind = "json" if kind == "html" else kind
        return Outcome(200, formats.ask_body(kind, bool(result)), _ctype(media, kind))

    if isinstance(result, ox.QuerySolutions):
        media = formats.negotiate(
            accept, list(formats.SELECT_TYPES), "application/sparql-results+json"
        )
        if media is None:
            return _not_acceptable(formats.SELECT_TYPES)
        kind = formats.SELECT_TYPES[media]
        variables = [v.value for v in result.variables]
        rows: list[list[Any]] = []
        truncated = False
        for solution in result:
            if len(rows) >= max_rows:
                truncated = True
                break
            rows.append([solution[v] for v in variables])
        # HTML pages are drawn by the server from the JSON results.
        writer = formats.SELECT_WRITERS["json" if kind == "html" else kind]
        body = writer(variables, rows)
        return Outcome(200, body, _ctype(media, kind), truncated, len(rows))

    # CONSTRUCT / DESCRIBE
    media = formats.negotiate(accept, list(formats.GRAPH_TYPES), "text/turtle")
    if media is None:
        return _not_acceptable(formats.GRAPH_TYPES)
    triples: list[ox.Triple] = []
    truncated = False
    for triple in result:
        if len(triples) >= max_rows:
            truncated = True
            break
        triples.append(triple)
    fmt = formats.GRAPH_TYPES[media]
    if fmt == "html":
        body = formats.graph_body(triples, ox.RdfFormat.N_TRIPLES)
        return Outcome(200, body, "text/html+ntriples", truncated, len(triples))
    body = formats.graph_body(triples, fmt)
    return Outcome(200, body, f"{media}; charset=utf-8", truncated, len(triples))


def _ctype(media: str, kind: str) -> str:
    if kind == "html":
        return "text/html+sparql-json"
    return f"{media}; charset=utf-8"


def _not_acceptable(offered: dict) -> Outcome:
    msg = "none of the Accept types is available; offered: " + ", ".join(offered) + "\n"
    return Outcome(406, msg.encode(), "text/plain; charset=utf-8")


def _serve_forever(conn: Connection, store_path: str) -> None:
    store = ox.Store.read_only(store_path)
    while True:
        try:
            message = conn.recv()
        except EOFError:
            return
        if message is None:
            return
        query, accept, substitutions, max_rows = message
        try:
            outcome = run_query(
                store, query, accept=accept, substitutions=substitutions, max_rows=max_rows
            )
        except Exception as exc:  # a worker must answer, whatever the engine raised
            outcome = Outcome(500, f"internal error: {exc}\n".encode(), "text/plain")
        conn.send(outcome)


class Worker:
    """One child process answering queries over a read-only store handle."""

    def __init__(self, store_path: str) -> None:
        self.store_path = store_path
        self._ctx = mp.get_context("spawn")
        self._start()

    def _start(self) -> None:
        parent, child = self._ctx.Pipe()
        self.conn = parent
        self.proc = self._ctx.Process(
            target=_serve_forever, args=(child, self.store_path), daemon=True
        )
        self.proc.start()
        child.close()

    def ask(
        self,
        query: str,
        accept: str | None,
        substitutions: dict[str, TermSpec] | None,
        max_rows: int,
        timeout: float,
    ) -> Outcome:
        self.conn.send((query, accept, substitutions, max_rows))
        if self.conn.poll(timeout):
            try:
                return self.conn.recv()
            except EOFError:
                self.restart()
                return Outcome(500, b"query worker died\n", "text/plain")
        self.restart()
        msg = f"query timed out after {timeout:g} s (the limit of this endpoint)\n"
        return Outcome(503, msg.encode(), "text/plain; charset=utf-8")

    def restart(self) -> None:
        self.proc.kill()
        self.proc.join(5)
        self.conn.close()
        self._start()

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.conn.send(None)
        self.proc.join(2)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join(2)


class WorkerPool:
    """A fixed set of workers handed out to request threads one at a time."""

    def __init__(self, store_path: str, size: int = 2) -> None:
        self._free: list[Worker] = [Worker(store_path) for _ in range(size)]
        self._cond = threading.Condition()
        self._closed = False

    def ask(self, *args: Any, **kwargs: Any) -> Outcome:
        with self._cond:
            while not self._free:
                self._cond.wait()
            worker = self._free.pop()
        try:
            return worker.ask(*args, **kwargs)
        finally:
            with self._cond:
                self._free.append(worker)
                self._cond.notify()

    def close(self) -> None:
        with self._cond:
            for worker in self._free:
                worker.close()
            self._free.clear()
