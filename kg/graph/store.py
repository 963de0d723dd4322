"""The store: Oxigraph on disk (``./kg-store`` by default) or in memory (``--store memory``).

Both backends are the same pyoxigraph engine, so they give identical query results; the
in-memory one lives only as long as the process (``kg build --store memory`` validates and
reports in one go, then forgets). All queries run on Oxigraph's own SPARQL engine, never on
rdflib's evaluator. The default graph of a query is the union of all named graphs.

Writers take an exclusive ``fcntl.flock`` on ``<store>/.kg.lock`` before opening the database,
so a second ``kg build`` on the same store waits (``wait`` seconds) and then fails with a clear
message instead of fighting RocksDB's own lock. Readers open a read-only snapshot and need no
lock.
"""

from __future__ import annotations

import fcntl
import os
import re
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef
from rdflib import Literal as RdfLiteral
from rdflib.term import Node

from kg.graph.terms import nt_term, ntriples, to_rdflib
from kg.namespace import FOI, PREFIXES, PROV

LOCK_NAME = ".kg.lock"
PENDING_NAME = ".kg-pending"  # graphs of a bulk write in progress: dropped if it never ended
MEMORY = "memory"

Row = dict[str, Node | None]
Triple = tuple[Node, Node, Node]
Quad = tuple[Node, Node, Node, Node | None]

_LETTER_SHAS = f"""
SELECT ?g ?sha WHERE {{
  GRAPH ?g {{ ?g a <{FOI.Response}> ; <{PROV.wasDerivedFrom}> ?src . ?src <{FOI.sha256}> ?sha }}
}}"""


class StoreError(Exception):
    """A store that cannot be opened or written: the message is one line for the CLI."""


class StoreLocked(StoreError):
    pass


@runtime_checkable
class Store(Protocol):
    """What ``kg build``, ``kg export``, ``kg stats`` and the queries need from a store."""

    name: str

    def graphs(self) -> list[str]: ...
    def has_graph(self, name: str) -> bool: ...
    def get_sha(self, graph: str) -> str | None: ...
    def letter_shas(self) -> dict[str, str]: ...
    def replace_graph(self, name: str, triples: Iterable[Triple] | str) -> None: ...
    # flush() and optimize() are optional: on-disk stores have them, remote ones do not.
    def remove_graph(self, name: str) -> bool: ...
    def query(
        self, sparql: str, bindings: dict[str, Any] | None = None, *, union: bool = True
    ) -> Any: ...
    def quads(self, graph: str | None = None) -> Iterator[Quad]: ...
    def dataset(self, graph: str | None = None) -> Dataset: ...
    def count(self, graph: str | None = None) -> int: ...
    def close(self) -> None: ...


class OxigraphStore:
    """A pyoxigraph store: ``OxigraphStore(path)`` on disk, ``OxigraphStore(None)`` in memory."""

    def __init__(
        self,
        path: str | os.PathLike[str] | None,
        *,
        read_only: bool = False,
        wait: float = 0.0,
    ) -> None:
        self.path = Path(path) if path is not None else None
        self.name = str(path) if path is not None else MEMORY
        self.read_only = read_only
        self.recovered: list[str] = []  # graphs of an unfinished bulk write, dropped on open
        self._lock_fd: int | None = None
        if self.path is None:
            self._ox = ox.Store()
            return
        if read_only:
            if not self.path.is_dir():
                raise StoreError(f"store {self.name} does not exist (run 'kg build' first)")
            try:
                self._ox = ox.Store.read_only(str(self.path))
            except OSError as exc:
                raise StoreError(f"store {self.name}: cannot open ({_one_line(exc)})") from None
            return
        try:
            self.path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"store {self.name}: cannot create ({_one_line(exc)})") from None
        self._lock_fd = acquire_lock(self.path, wait=wait)
        try:
            self._ox = ox.Store(str(self.path))
        except OSError as exc:
            self._release()
            raise StoreError(f"store {self.name}: cannot open ({_one_line(exc)})") from None
        self.recovered = self._recover()

    # -- lifecycle ---------------------------------------------------------------------------

    def close(self) -> None:
        if getattr(self, "_ox", None) is not None and self.path is not None:
            if not self.read_only:
                self._ox.flush()
            # Dropping the last reference closes RocksDB before the lock is released.
            del self._ox
            self._ox = None  # type: ignore[assignment]
        self._release()

    def _release(self) -> None:
        if self._lock_fd is not None:
            fcntl.flock(self._lock_fd, fcntl.LOCK_UN)
            os.close(self._lock_fd)
            self._lock_fd = None

    def __enter__(self) -> OxigraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def oxigraph(self) -> ox.Store:
        """The underlying pyoxigraph store (for fast paths such as serialisation)."""
        return self._ox

    # -- reading -----------------------------------------------------------------------------

    def graphs(self) -> list[str]:
        return sorted(g.value for g in self._ox.named_graphs() if isinstance(g, ox.NamedNode))

    def has_graph(self, name: str) -> bool:
        return self._ox.contains_named_graph(ox.NamedNode(str(name)))

    def get_sha(self, graph: str) -> str | None:
        rows = self.query(
            f"SELECT ?sha WHERE {{ GRAPH ?g {{ ?g a <{FOI.Response}> ; "
            f"<{PROV.wasDerivedFrom}> ?src . ?src <{FOI.sha256}> ?sha }} }}",
            {"g": URIRef(graph)},
        )
        return str(rows[0]["sha"]) if rows else None

    def letter_shas(self) -> dict[str, str]:
        """Every stored letter's response IRI and the sha256 of the file it came from."""
        return {
            s["g"].value: s["sha"].value  # type: ignore[union-attr]
            for s in self._ox.query(_LETTER_SHAS)  # type: ignore[union-attr]
        }

    def query(
        self, sparql: str, bindings: dict[str, Any] | None = None, *, union: bool = True
    ) -> list[Row] | bool | Graph:
        """Run SPARQL on Oxigraph. SELECT gives rows (variable -> rdflib term or None), ASK a
        bool, CONSTRUCT/DESCRIBE an rdflib Graph. ``bindings`` pre-bind variables (rdflib
        terms or plain strings); ``union`` makes the default graph the union of the named
        graphs, so a query needs no ``GRAPH`` clause unless it cares which letter. Bound
        variables are written into the query text as terms, so do not project them."""
        if bindings:
            sparql = bind_variables(sparql, bindings)
        try:
            result = self._ox.query(sparql, use_default_graph_as_union=union, prefixes=PREFIXES)
        except SyntaxError as exc:
            raise StoreError(f"SPARQL syntax error: {_one_line(exc)}") from None
        if isinstance(result, ox.QueryBoolean):
            return bool(result)
        if isinstance(result, ox.QuerySolutions):
            names = [v.value for v in result.variables]
            return [{n: to_rdflib(sol[n]) for n in names} for sol in result]
        g = Graph()
        for t in result:
            g.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
        return g

    def quads(self, graph: str | None = None) -> Iterator[Quad]:
        g = ox.NamedNode(graph) if graph else None
        for q in self._ox.quads_for_pattern(None, None, None, g):
            yield (
                to_rdflib(q.subject),
                to_rdflib(q.predicate),
                to_rdflib(q.object),
                to_rdflib(q.graph_name),
            )

    def dataset(self, graph: str | None = None) -> Dataset:
        """The store (or one named graph of it) as an rdflib Dataset, for export and tests."""
        ds = Dataset()
        for prefix, ns in PREFIXES.items():
            ds.bind(prefix, ns)
        for s, p, o, g in self.quads(graph):
            if g is None:
                ds.add((s, p, o))
            else:
                ds.add((s, p, o, g))
        return ds

    def count(self, graph: str | None = None) -> int:
        if graph is None:
            return len(self._ox)
        rows = self._ox.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
        return int(next(iter(rows))["n"].value)  # type: ignore[index,union-attr]

    # -- writing -----------------------------------------------------------------------------

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"store {self.name} was opened read-only")

    def replace_graph(self, name: str, triples: Iterable[Triple] | str) -> None:
        """Drop the named graph and insert ``triples`` (or N-Triples text) in ONE transaction:
        a reader sees the old graph or the new one, never a mix, and a failure changes
        nothing."""
        self._writable()
        body = triples if isinstance(triples, str) else ntriples(triples)
        node = ox.NamedNode(name)
        try:
            if self._ox.contains_named_graph(node):
                update = (
                    f"DROP SILENT GRAPH <{name}> ;\nINSERT DATA {{ GRAPH <{name}> {{\n{body}}} }}"
                )
                self._ox.update(update)
            else:  # a new graph: one transactional load, about half the cost of the update
                self._ox.load(body.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES, to_graph=node)
        except SyntaxError as exc:
            raise StoreError(f"graph {name}: not written ({_one_line(exc)})") from None

    def add_graphs(self, graphs: list[tuple[str, str]]) -> None:
        """Write new named graphs (name, N-Triples text without blank nodes) in one bulk load:
        about half the CPU of a transaction per graph, and unlike one, its cost does not grow
        with the store. A bulk load is not a transaction, so the names are first written to
        ``<store>/.kg-pending`` and removed once the data is on disk: if the process dies in
        between, the next writer to open the store drops those graphs (``_recover``), and the
        next build writes those letters again. Graphs that exist already must go through
        ``replace_graph``."""
        self._writable()
        if not graphs:
            return
        quads = "".join(body.replace(" .\n", f" <{name}> .\n") for name, body in graphs)
        pending = self.path / PENDING_NAME if self.path is not None else None
        if pending is not None:
            with open(pending, "w", encoding="utf-8") as fh:
                fh.write("".join(f"{name}\n" for name, _ in graphs))
                fh.flush()
                os.fsync(fh.fileno())
        try:
            self._ox.bulk_load(quads.encode("utf-8"), format=ox.RdfFormat.N_QUADS)
            if pending is not None:
                self._ox.flush()
        except (SyntaxError, OSError) as exc:
            # nothing of the batch stays: the caller retries graph by graph
            self._recover([name for name, _ in graphs])
            raise StoreError(f"{len(graphs)} graphs: not written ({_one_line(exc)})") from None
        if pending is not None:
            pending.unlink()

    def _recover(self, names: list[str] | None = None) -> list[str]:
        """Drop the graphs of a bulk write that did not finish (see ``add_graphs``): those
        named, else those listed in ``<store>/.kg-pending``."""
        pending = self.path / PENDING_NAME if self.path is not None else None
        if names is None:
            if pending is None or not pending.exists():
                return []
            names = [n for n in pending.read_text(encoding="utf-8").splitlines() if n.strip()]
        for name in names:
            self._ox.remove_graph(ox.NamedNode(name))
        if pending is not None:
            self._ox.flush()
            pending.unlink(missing_ok=True)
        return names

    def flush(self) -> None:
        """Write buffered changes to disk files. Called every few hundred letters by a build:
        RocksDB otherwise keeps growing its in-memory write buffers (about 1 GB per million
        quads), with it, memory stays near 200 MB whatever the number of letters."""
        if self.path is not None and not self.read_only:
            self._ox.flush()

    def optimize(self) -> None:
        """Compact the database after a batch of writes (the write-ahead log and the many
        small files of a build become a few sorted files: about a third of the disk space)."""
        self._writable()
        if self.path is not None:
            self._ox.optimize()
            self._ox.flush()

    def remove_graph(self, name: str) -> bool:
        """Drop one named graph; False when it was not there."""
        self._writable()
        node = ox.NamedNode(str(name))
        if not self._ox.contains_named_graph(node):
            return False
        self._ox.remove_graph(node)
        return True


class MemoryStore(OxigraphStore):
    """The in-memory backend: same engine, nothing written to disk, gone with the process."""

    def __init__(self) -> None:
        super().__init__(None)


def bind_variables(sparql: str, bindings: dict[str, Any]) -> str:
    """Replace ``?name``/``$name`` with the N-Triples form of its value (rdflib term or str).

    Text substitution rather than pyoxigraph's SEP-0007 ``substitutions``, which insists the
    variable be projected; terms are escaped, so a value cannot change the query's shape."""
    for name, value in bindings.items():
        term = nt_term(value if isinstance(value, Node) else RdfLiteral(str(value)))
        sparql = re.sub(rf"[?$]{re.escape(name)}(?![A-Za-z0-9_])", lambda _m, t=term: t, sparql)
    return sparql


def acquire_lock(path: Path, *, wait: float = 0.0) -> int:
    """Take the store's process lock, waiting up to ``wait`` seconds; returns the fd."""
    lock_path = path / LOCK_NAME
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    deadline = time.monotonic() + max(0.0, wait)
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except BlockingIOError:
            if time.monotonic() >= deadline:
                holder = _holder(lock_path)
                os.close(fd)
                who = f" (pid {holder})" if holder else ""
                raise StoreLocked(
                    f"store {path} is locked by another kg process{who}; "
                    f"waited {wait:g} s (try --wait)"
                ) from None
            time.sleep(0.05)
    os.ftruncate(fd, 0)
    os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
    return fd


def _holder(lock_path: Path) -> str:
    try:
        return lock_path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return ""


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())


def open_store(spec: str | os.PathLike[str], *, read_only: bool = False, wait: float = 0.0):
    """``"memory"`` for an in-memory store, else a directory (created for writers)."""
    if str(spec) == MEMORY:
        return MemoryStore()
    return OxigraphStore(spec, read_only=read_only, wait=wait)


__all__ = [
    "LOCK_NAME",
    "MEMORY",
    "MemoryStore",
    "OxigraphStore",
    "Store",
    "StoreError",
    "StoreLocked",
    "acquire_lock",
    "open_store",
]
