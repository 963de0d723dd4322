"""The naive pipeline foi-kg is measured against, run in one process.

What someone would write first with the usual Python RDF tools:

1. **load**: extract and map every letter in turn (the same ``kg.extract`` and
   ``kg.graph.mapping`` code as ours, one process) and add its triples, with the vocabularies,
   to one in-memory rdflib ``Graph``;
2. **validate**: ``pyshacl.validate`` once over that whole graph with every shape in
   ``shapes/`` (core and SHACL-SPARQL constraints, as written);
3. **queries**: every canned query on rdflib's SPARQL engine (``kg.queries.run`` on the Graph,
   same parameters as ours), each run stopped after ``query_timeout`` seconds;
4. **export**: rdflib's Turtle and JSON-LD serialisers on the same Graph (JSON-LD with the
   same ``@context`` our export compacts with).

A step is stopped after ``step_timeout`` seconds by SIGALRM (rdflib and pySHACL are pure
Python, so the alarm interrupts them between bytecodes) and reported as timed out. Each step's
peak memory is sampled by a thread while it runs.

``templates_baseline`` is the naive template detection: every pair of distinct paragraphs
compared with rapidfuzz, stopped after ``budget`` seconds and extrapolated from the pairs done.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import psutil

MB = 1024 * 1024


class StepTimeout(BaseException):
    """Raised by the alarm; a BaseException so library code catching Exception lets it pass."""


@contextmanager
def alarm(seconds: float) -> Iterator[None]:
    def _fire(_sig: int, _frame: Any) -> None:
        raise StepTimeout

    old = signal.signal(signal.SIGALRM, _fire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


class PeakSampler:
    """This process's RSS high-water mark since the last ``reset``, sampled every 50 ms."""

    def __init__(self) -> None:
        self._proc = psutil.Process()
        self._peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()

    def _loop(self) -> None:
        while not self._stop.wait(0.05):
            self._peak = max(self._peak, self._proc.memory_info().rss)

    def reset(self) -> None:
        self._peak = self._proc.memory_info().rss

    def peak(self) -> int:
        return max(self._peak, self._proc.memory_info().rss)

    def stop(self) -> None:
        self._stop.set()


def timed_step(
    sampler: PeakSampler, timeout: float, fn: Callable[[], dict[str, Any] | None]
) -> dict[str, Any]:
    """Run ``fn`` under the alarm: seconds, peak memory, and what ``fn`` returned."""
    sampler.reset()
    t0 = time.perf_counter()
    out: dict[str, Any] = {"timed_out": False}
    try:
        with alarm(timeout):
            out.update(fn() or {})
    except StepTimeout:
        out["timed_out"] = True
    out["seconds"] = time.perf_counter() - t0
    out["peak_rss"] = sampler.peak()
    out["timeout"] = timeout
    return out


def load_graph(paths: list[str]) -> tuple[Any, dict[str, Any]]:
    """Every letter, extracted and mapped one after the other, in one rdflib Graph."""
    from rdflib import Graph

    from kg.extract import extract_path
    from kg.graph.mapping import map_record
    from kg.vocab import vocab_graph

    g = Graph()
    t0 = time.perf_counter()
    for t in vocab_graph():
        g.add(t)
    vocab_s = time.perf_counter() - t0
    extract_s = map_s = add_s = 0.0
    failed = 0
    for path in paths:
        t = time.perf_counter()
        try:
            rec = extract_path(path)
        except Exception:
            failed += 1
            continue
        t1 = time.perf_counter()
        triples = map_record(rec).triples
        t2 = time.perf_counter()
        for tr in triples:
            g.add(tr)
        t3 = time.perf_counter()
        extract_s += t1 - t
        map_s += t2 - t1
        add_s += t3 - t2
    return g, {
        "triples": len(g),
        "failed": failed,
        "vocab_seconds": vocab_s,
        "extract_seconds": extract_s,
        "map_seconds": map_s,
        "add_seconds": add_s,
    }


def validate_whole(g: Any) -> dict[str, Any]:
    from pyshacl import validate

    from kg.validation import shapes_graph

    conforms, report, _text = validate(
        g, shacl_graph=shapes_graph(), inference="none", allow_warnings=True, advanced=True
    )
    sh = "http://www.w3.org/ns/shacl#"
    from rdflib import URIRef

    results = len(list(report.subjects(URIRef(sh + "resultSeverity"), None)))
    return {"conforms": bool(conforms), "results": results}


def run_queries(
    g: Any,
    params: dict[str, dict[str, str]],
    repeats: int,
    timeout: float,
    skip: dict[str, int] | None = None,
) -> dict[str, Any]:
    """Each canned query once (cold), then up to ``repeats`` more while the total stays
    under ``timeout``; any single run over ``timeout`` is stopped and reported. A query in
    ``skip`` (name -> letters) timed out on fewer letters in this run and is not rerun."""
    from benchmarks.run import latency
    from kg import queries as kq

    out: dict[str, Any] = {}
    for name, q in sorted(kq.discover().items()):
        if skip and name in skip:
            out[name] = {
                "timed_out": True,
                "timeout": timeout,
                "skipped_after": skip[name],
                "rows": None,
            }
            continue
        p = params.get(name)
        times: list[float] = []
        rows = None
        timed_out = False
        error = None
        started = time.perf_counter()
        for i in range(repeats + 1):
            left = timeout - (time.perf_counter() - started) if i else timeout
            if left <= 0:
                break
            t = time.perf_counter()
            try:
                with alarm(left):
                    rows = len(kq.run(q, g, p))
            except StepTimeout:
                timed_out = i == 0  # only the first run counts as the query timing out
                break
            except Exception as exc:  # rdflib cannot run it (e.g. a regex it does not know)
                error = " ".join(f"{type(exc).__name__}: {exc}".split())[:200]
                break
            times.append(time.perf_counter() - t)
        first = times[0] * 1000 if times else None
        out[name] = {
            "first_ms": first,
            **latency(times[1:] or times),
            "rows": rows,
            "timed_out": timed_out,
            "timeout": timeout,
            "error": error,
        }
    return out


def export_turtle(g: Any) -> dict[str, Any]:
    data = g.serialize(format="turtle")
    return {"bytes": len(data.encode("utf-8"))}


def export_jsonld(g: Any) -> dict[str, Any]:
    from kg.graph.exporter import jsonld_context

    ctx = jsonld_context()
    if ctx is None:
        data = g.serialize(format="json-ld")
    else:
        data = g.serialize(format="json-ld", context=ctx, auto_compact=True)
    return {"bytes": len(data.encode("utf-8"))}


def run_baseline(a: dict[str, Any]) -> dict[str, Any]:
    """All the naive steps on ``a["n"]`` letters; see the module docstring."""
    from benchmarks.run import read_paths

    paths = read_paths(a)
    step = float(a.get("step_timeout", 1800))
    sampler = PeakSampler()
    holder: dict[str, Any] = {}

    def _load() -> dict[str, Any]:
        g, info = load_graph(paths)
        holder["g"] = g
        return info

    out: dict[str, Any] = {"letters": len(paths)}
    out["load"] = timed_step(sampler, step, _load)
    g = holder.get("g")
    if g is None:
        sampler.stop()
        return out
    if a.get("skip_validate"):
        # timed out on fewer letters in this run: whole-graph SHACL only gets slower
        out["validate"] = {
            "timed_out": True,
            "timeout": step,
            "skipped_after": a["skip_validate"],
            "seconds": step,
        }
    else:
        out["validate"] = timed_step(sampler, step, lambda: validate_whole(g))
    sampler.reset()
    out["queries"] = run_queries(
        g,
        a.get("params") or {},
        int(a.get("repeats", 5)),
        float(a.get("query_timeout", 120)),
        a.get("skip_queries") or {},
    )
    out["queries_peak_rss"] = sampler.peak()
    out["export_turtle"] = timed_step(sampler, step, lambda: export_turtle(g))
    out["export_jsonld"] = timed_step(sampler, step, lambda: export_jsonld(g))
    sampler.stop()
    return out


def templates_baseline(a: dict[str, Any]) -> dict[str, Any]:
    """All-pairs comparison of the distinct normalised paragraphs (rapidfuzz ``ratio``), the
    obvious way to find near-duplicate paragraphs; stopped after ``budget`` seconds and
    extrapolated linearly in pairs from the pairs compared."""
    from rapidfuzz import fuzz

    from benchmarks.run import read_paths
    from kg.loaders import load
    from kg.templates import split_paragraphs
    from kg.textnorm import normalise

    paths = read_paths(a)
    budget = float(a.get("budget", 300))
    t0 = time.perf_counter()
    norms: dict[str, None] = {}
    for i, path in enumerate(paths):
        text = load(path).text
        for p in split_paragraphs(f"urn:letter:{i}", text):
            norms.setdefault(normalise(p.text), None)
    prep = time.perf_counter() - t0
    items = list(norms)
    total_pairs = len(items) * (len(items) - 1) // 2
    done = 0
    similar = 0
    t1 = time.perf_counter()
    stop_at = t1 + budget
    finished = True
    for i in range(len(items)):
        a_i = items[i]
        for j in range(i + 1, len(items)):
            if fuzz.ratio(a_i, items[j]) >= 80:
                similar += 1
        done += len(items) - i - 1
        if time.perf_counter() > stop_at:
            finished = done >= total_pairs
            break
    spent = time.perf_counter() - t1
    compare = spent if finished or done == 0 else spent * total_pairs / done
    return {
        "seconds": prep + compare,
        "prep_seconds": prep,
        "compare_seconds": compare,
        "measured_seconds": prep + spent,
        "paragraphs": len(items),
        "pairs": total_pairs,
        "pairs_done": done,
        "extrapolated": not finished,
        "similar_pairs_seen": similar,
    }
