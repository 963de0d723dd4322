"""The benchmark suite: ``python -m benchmarks.run --letters 1000,10000 [--repeats 20]``.

For each size it generates that many letters (``benchmarks.generate``, seeded; the letters of a
smaller size are the first letters of a larger one) and measures, each heavy phase in its own
process so that its peak memory is its own:

* extract     ``kg.extract.extract_path`` over every letter, ``--jobs`` worker processes;
* build       ``kg.graph.builder`` into an on-disk Oxigraph store (extract, map, per-letter SHACL
              and integrity rules, write), letters/s and CPU ms per letter;
* validate    ``kg.validation.validate_store`` over the built store;
* queries     every canned query of ``queries/`` (median and p95 over ``--repeats``);
* export      ``kg.graph.exporter`` to Turtle and to JSON-LD;
* templates   ``kg.templates`` (load the letters' text from the store, then detect);
* breakdown   a sample of letters processed one by one, each stage timed, and profiled, so a
              missed target comes with its cause;
* baseline    the naive pipeline (``benchmarks.baseline``): one rdflib Graph holding every
              letter, pyshacl over it at once, rdflib's SPARQL engine, rdflib's serialisers.

Peak memory is the high-water mark of the phase's whole process tree (the phase process and
its workers), sampled every 50 ms with psutil. Results go to ``--out`` (Markdown) and a JSON
file beside it; ``--merge`` keeps the sizes of an earlier JSON that this run does not measure,
so 100,000 letters can be run alone and reported with the others.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psutil

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "benchmarks" / "RESULTS.md"
MB = 1024 * 1024

# -- measuring a phase in its own process --------------------------------------------------------


@dataclass
class Phase:
    """One phase run in a subprocess: its own figures (``data``) and what the parent saw."""

    name: str
    ok: bool = False
    wall: float = 0.0  # seconds, including interpreter start-up and imports
    peak_rss: int = 0  # bytes: highest sampled sum of RSS over the phase's process tree
    timed_out: bool = False
    over_memory: bool = False
    error: str | None = None
    load: tuple[float, float] = (0.0, 0.0)  # 1-minute load average before and after
    data: dict[str, Any] = field(default_factory=dict)


def _tree_rss(proc: psutil.Process) -> int:
    total = 0
    try:
        procs = [proc, *proc.children(recursive=True)]
    except psutil.Error:
        return 0
    for p in procs:
        with contextlib.suppress(psutil.Error):  # it ended between listing and reading
            total += p.memory_info().rss
    return total


def run_phase(
    name: str,
    args: dict[str, Any],
    *,
    timeout: float | None = None,
    max_rss: int | None = None,
    log: Callable[[str], None] = print,
    watch: Callable[[Path], str | None] | None = None,
) -> Phase:
    """Run ``name`` as ``python -m benchmarks.run --phase name`` and watch its memory.

    ``watch(result_path)`` is called about once a second; a message back stops the phase
    (the queries phase uses it to stop one query that runs too long)."""
    phase = Phase(name)
    with tempfile.TemporaryDirectory(prefix="kgbench-") as tmp:
        result_path = Path(tmp) / "result.json"
        err_path = Path(tmp) / "stderr.txt"
        cmd = [
            sys.executable,
            "-m",
            "benchmarks.run",
            "--phase",
            name,
            "--phase-args",
            json.dumps({**args, "result": str(result_path)}),
        ]
        load_before = os.getloadavg()[0]
        started = time.perf_counter()
        watched_at = started
        stop_reason: str | None = None
        with err_path.open("wb") as err:
            proc = subprocess.Popen(
                cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=err, start_new_session=True
            )
            watched = psutil.Process(proc.pid)
            while proc.poll() is None:
                rss = _tree_rss(watched)
                phase.peak_rss = max(phase.peak_rss, rss)
                elapsed = time.perf_counter() - started
                if timeout is not None and elapsed > timeout:
                    phase.timed_out = True
                elif max_rss is not None and rss > max_rss:
                    phase.over_memory = True
                elif watch is not None and elapsed - (watched_at - started) > 1.0:
                    watched_at = time.perf_counter()
                    stop_reason = watch(result_path)
                    phase.timed_out = stop_reason is not None
                if phase.timed_out or phase.over_memory:
                    _kill_group(proc)
                    break
                time.sleep(0.05)
            proc.wait()
        phase.wall = time.perf_counter() - started
        phase.load = (round(load_before, 2), round(os.getloadavg()[0], 2))
        if result_path.exists():
            phase.data = json.loads(result_path.read_text(encoding="utf-8"))
        stderr = err_path.read_text(encoding="utf-8", errors="replace").strip()
    if stop_reason is not None:
        phase.error = stop_reason
    elif phase.timed_out:
        phase.error = f"stopped after {timeout:.0f} s (timed out)"
    elif phase.over_memory:
        phase.error = f"stopped: memory above {max_rss / MB:.0f} MB"  # type: ignore[operator]
    elif proc.returncode != 0 or not phase.data:
        tail = stderr.splitlines()[-1] if stderr else f"exit status {proc.returncode}"
        phase.error = f"failed: {tail}"
    phase.ok = phase.error is None
    status = "ok" if phase.ok else phase.error
    log(f"  {name}: {phase.wall:.1f} s, peak {phase.peak_rss / MB:.0f} MB, {status}")
    return phase


def run_inline(name: str, args: dict[str, Any], log: Callable[[str], None] = print) -> Phase:
    """Run a phase in this process (``--in-process``: quick runs and tests). Its peak memory
    is this process's high-water mark so far, not the phase's own; no timeout."""
    phase = Phase(name)
    started = time.perf_counter()
    try:
        phase.data = PHASES[name](args)
    except Exception as exc:  # reported like a failed subprocess
        phase.error = f"failed: {type(exc).__name__}: {' '.join(str(exc).split())}"
    phase.wall = time.perf_counter() - started
    phase.peak_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    phase.ok = phase.error is None
    log(f"  {name}: {phase.wall:.1f} s, {'ok' if phase.ok else phase.error}")
    return phase


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    """Stop the phase and its workers (its own session, started by us)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)


# -- phase bodies (run in the child process) ------------------------------------------------------


def cpu_seconds() -> float:
    """CPU time of this process and of its reaped children (worker pools)."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def read_paths(a: dict[str, Any]) -> list[str]:
    lines = Path(a["paths_file"]).read_text(encoding="utf-8").splitlines()
    return [ln for ln in lines if ln][: a["n"]]


def dir_bytes(path: str | Path) -> int:
    return sum(p.stat().st_size for p in Path(path).rglob("*") if p.is_file())


def _extract_one(path: str) -> tuple[bool, int]:
    from kg.extract import extract_path

    try:
        rec = extract_path(path)
    except Exception:  # counted, not raised: one bad letter must not stop the measurement
        return False, 0
    return True, len(rec.questions)


def phase_extract(a: dict[str, Any]) -> dict[str, Any]:
    """Extraction alone, ``jobs`` processes, records discarded in the worker."""
    from concurrent.futures import ProcessPoolExecutor

    paths, jobs = read_paths(a), a["jobs"]
    ok = questions = 0
    t0, c0 = time.perf_counter(), cpu_seconds()
    if jobs <= 1:
        results = map(_extract_one, paths)
        for good, q in results:
            ok += good
            questions += q
    else:
        chunk = max(1, min(32, len(paths) // (jobs * 8)))
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            for good, q in pool.map(_extract_one, paths, chunksize=chunk):
                ok += good
                questions += q
    seconds = time.perf_counter() - t0
    return {
        "seconds": seconds,
        "cpu_seconds": cpu_seconds() - c0,
        "letters": len(paths),
        "extracted": ok,
        "failed": len(paths) - ok,
        "questions": questions,
        "jobs": jobs,
    }


def phase_build(a: dict[str, Any]) -> dict[str, Any]:
    # the submodules, not kg.graph's wrappers: importing kg.graph.builder replaces the
    # package's build() by the module of that name, so a second call would fail
    from kg.graph.builder import build
    from kg.graph.store import open_store

    paths = read_paths(a)
    store_dir = Path(a["store"])
    if store_dir.exists():
        shutil.rmtree(store_dir)
    store = open_store(store_dir)
    t0, c0 = time.perf_counter(), cpu_seconds()
    summary = build(paths, store, jobs=a["jobs"])
    seconds = time.perf_counter() - t0
    cpu = cpu_seconds() - c0
    store.close()
    return {
        "seconds": seconds,
        "cpu_seconds": cpu,
        "letters": len(paths),
        "added": summary.added,
        "invalid": summary.invalid,
        "failed": summary.failed,
        "skipped": summary.skipped,
        "quads": summary.triples,
        "written_triples": summary.written_triples,
        "validated": summary.validated,
        "store_bytes": dir_bytes(store_dir),
        "errors": summary.errors[:5],
        "jobs": a["jobs"],
    }


def phase_validate(a: dict[str, Any]) -> dict[str, Any]:
    from kg.graph.store import open_store
    from kg.validation import validate_store

    store = open_store(a["store"], read_only=True)
    t0, c0 = time.perf_counter(), cpu_seconds()
    res = validate_store(store)
    seconds = time.perf_counter() - t0
    return {
        "seconds": seconds,
        "cpu_seconds": cpu_seconds() - c0,
        "graphs": res.graphs_checked,
        "conforms": res.conforms,
        "violations": res.count("Violation"),
        "warnings": res.count("Warning"),
        "infos": res.count("Info"),
    }


def query_params(store: Any) -> dict[str, dict[str, str]]:
    """Parameters for the canned queries that are meant to be asked about one letter or
    force: ``letter`` gets the reference of a stored letter; every other query runs with its
    header's defaults (the whole graph), which is the heaviest form."""
    rows = store.query(
        "SELECT ?ref WHERE { ?r a <https://w3id.org/foi-kg/ontology#Response> ; "
        "<https://w3id.org/foi-kg/ontology#reference> ?ref } ORDER BY ?ref LIMIT 1"
    )
    ref = str(rows[0]["ref"]) if rows else "none"
    return {"letter": {"reference": ref}}


def time_query(run: Callable[[], Any], repeats: int, budget: float | None = None) -> dict[str, Any]:
    """One cold run, then ``repeats`` timed runs (fewer, at least one, once they pass
    ``budget`` seconds)."""
    t = time.perf_counter()
    result = run()
    first = time.perf_counter() - t
    times: list[float] = []
    for _ in range(repeats):
        if budget is not None and sum(times) + first > budget and times:
            break
        t = time.perf_counter()
        run()
        times.append(time.perf_counter() - t)
    return {"first_ms": first * 1000, **latency(times), "rows": len(result)}


def _write_json(path: str | Path, data: dict[str, Any]) -> None:
    tmp = Path(f"{path}.tmp")
    tmp.write_text(json.dumps(data, default=str), encoding="utf-8")
    os.replace(tmp, path)


def latency(times: list[float]) -> dict[str, Any]:
    ms = sorted(x * 1000 for x in times)
    if not ms:
        return {"median_ms": None, "p95_ms": None, "repeats": 0}
    p95 = ms[min(len(ms) - 1, max(0, round(0.95 * len(ms) + 0.5) - 1))]
    return {"median_ms": statistics.median(ms), "p95_ms": p95, "repeats": len(ms)}


def phase_queries(a: dict[str, Any]) -> dict[str, Any]:
    from kg import queries as kq
    from kg.graph.store import open_store

    store = open_store(a["store"], read_only=True)
    params = query_params(store)
    out: dict[str, Any] = {}
    progress: dict[str, Any] = {"queries": out, "params": params}
    skip = set(a.get("skip") or ())
    for name, q in sorted(kq.discover().items()):
        if name in skip:
            continue
        if "result" in a:  # progress, so a query stopped by the parent loses only itself
            _write_json(a["result"], {**progress, "current": name, "current_started": time.time()})
        p = params.get(name)
        out[name] = time_query(lambda q=q, p=p: kq.run(q, store, p), a["repeats"], a.get("budget"))
        out[name]["params"] = p
    return progress


def phase_export(a: dict[str, Any]) -> dict[str, Any]:
    from kg.graph.exporter import export
    from kg.graph.store import open_store

    store = open_store(a["store"], read_only=True)
    t0 = time.perf_counter()
    text = export(store, a["format"])
    seconds = time.perf_counter() - t0
    data = text.encode("utf-8") if isinstance(text, str) else text
    return {"seconds": seconds, "bytes": len(data), "format": a["format"]}


def phase_templates(a: dict[str, Any]) -> dict[str, Any]:
    from kg import templates
    from kg.graph.store import open_store

    store = open_store(a["store"], read_only=True)
    t0 = time.perf_counter()
    letters = templates.load_letters(store)
    t1 = time.perf_counter()
    report = templates.detect(letters)
    t2 = time.perf_counter()
    return {
        "seconds": t2 - t0,
        "load_seconds": t1 - t0,
        "detect_seconds": t2 - t1,
        "letters": len(letters),
        "paragraphs": sum(len(ls.paragraphs) for ls in report.letters),
        "templates": len(report.templates),
    }


def phase_breakdown(a: dict[str, Any]) -> dict[str, Any]:
    """Where a letter's build time goes, on a sample in one process: load and extract (timed
    here; the extraction steps by ``benchmarks.extract_throughput.per_step``), the graph stages
    by ``benchmarks.build_bench.phase_stages`` (CPU ms of map, the validator's view, N-Triples,
    batched validation, bulk writes into an on-disk store), validation split into core SHACL and the
    integrity rules, and a cProfile of the whole path over part of the sample."""
    import cProfile
    import pickle

    from benchmarks.build_bench import phase_stages
    from benchmarks.extract_throughput import per_step
    from kg.extract.pipeline import extract_document
    from kg.graph.mapping import map_record
    from kg.loaders import load
    from kg.validation import letter_view, validate_letter

    paths = read_paths(a)[: a["sample"]]
    warm = extract_document(load(paths[0]))  # imports, caches and shapes loaded before timing
    validate_letter(map_record(warm).graph())
    ms: dict[str, float] = {"load": 0.0, "extract": 0.0}
    docs, records = [], []
    for path in paths:
        c = time.process_time()
        doc = load(path)
        c1 = time.process_time()
        records.append(extract_document(doc))
        ms["load"] += c1 - c
        ms["extract"] += time.process_time() - c1
        docs.append(doc)
    n = len(paths)
    with tempfile.TemporaryDirectory(prefix="kgbench-stages-") as tmp:
        pkl = Path(tmp) / "records.pkl"
        pkl.write_bytes(pickle.dumps(records))
        graph_stages = phase_stages({"records": str(pkl), "store": str(Path(tmp) / "store")})
    views = [letter_view(m.triples, m.iri) for m in map(map_record, records)]
    c = time.process_time()
    for view in views:
        validate_letter(view, sparql_rules=False)
    core = (time.process_time() - c) * 1000 / n
    cpu_ms = {k: v * 1000 / n for k, v in ms.items()}
    for k, v in graph_stages["cpu_ms"].items():
        if k == "validate":
            cpu_ms["shacl_core"] = min(core, v)
            cpu_ms["integrity_rules"] = max(0.0, v - core)
        else:
            cpu_ms[k] = v
    steps = per_step(docs, 1)
    prof = cProfile.Profile()
    profiled = paths[: max(1, min(len(paths), a.get("profile_sample", 40)))]
    prof.enable()
    for path in profiled:
        mapping = map_record(extract_document(load(path)))
        validate_letter(letter_view(mapping.triples, mapping.iri))
    prof.disable()
    return {
        "sample": n,
        "triples_per_letter": graph_stages.get("triples_per_letter"),
        "ms_per_letter": cpu_ms,
        "extract_steps_ms": {
            k: v / n * 1000 for k, v in sorted(steps.items(), key=lambda kv: -kv[1])
        },
        "profiled": len(profiled),
        "top_functions": _profile_rows(prof, 15),
        "top_cumulative": _profile_rows(prof, 40, key="cumtime", only_project=True),
    }


def _profile_rows(
    prof: Any, limit: int, key: str = "tottime", only_project: bool = False
) -> list[dict[str, Any]]:
    import pstats

    stats = pstats.Stats(prof).stats  # type: ignore[attr-defined]
    rows = []
    for (file, line, func), (_cc, calls, tottime, cumtime, _callers) in stats.items():
        short = file.replace(str(ROOT) + "/", "")
        if "site-packages/" in short:
            short = short.split("site-packages/", 1)[1]
        if only_project and not short.startswith("kg/"):
            continue
        rows.append(
            {
                "function": f"{short}:{line}({func})",
                "calls": calls,
                "tottime": tottime,
                "cumtime": cumtime,
            }
        )
    rows.sort(key=lambda r: -r[key])
    return rows[:limit]


def phase_baseline(a: dict[str, Any]) -> dict[str, Any]:
    from benchmarks.baseline import run_baseline

    return run_baseline(a)


def phase_templates_baseline(a: dict[str, Any]) -> dict[str, Any]:
    from benchmarks.baseline import templates_baseline

    return templates_baseline(a)


PHASES: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "extract": phase_extract,
    "build": phase_build,
    "validate": phase_validate,
    "queries": phase_queries,
    "export": phase_export,
    "templates": phase_templates,
    "breakdown": phase_breakdown,
    "baseline": phase_baseline,
    "templates-baseline": phase_templates_baseline,
}


def child_main(name: str, args_json: str) -> int:
    a = json.loads(args_json)
    data = PHASES[name](a)
    data["ru_maxrss_self"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    data["ru_maxrss_children"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    Path(a["result"]).write_text(json.dumps(data, default=str), encoding="utf-8")
    return 0


# -- one size ---------------------------------------------------------------------------------


PHASE_ORDER = (
    "extract",
    "build",
    "validate",
    "queries",
    "export",
    "jsonld",
    "templates",
    "breakdown",
    "baseline",
)


@dataclass
class Settings:
    sizes: list[int]
    repeats: int
    out: Path
    json_out: Path
    workdir: Path
    jobs: int
    seed: int
    skip_baseline_above: int
    query_timeout: float
    baseline_step_timeout: float
    phase_timeout: float
    max_rss: int
    baseline_repeats: int
    sample: int
    keep: bool
    merge: bool
    our_query_timeout: float = 300.0
    phases: tuple[str, ...] = PHASE_ORDER
    query_budget: float = 60.0
    in_process: bool = False


def _queries_phase(s: Settings, base: dict[str, Any], log: Callable[[str], None]) -> dict[str, Any]:
    """The canned queries; one that runs past ``--our-query-timeout`` is stopped, recorded as
    timed out, and the phase restarted for the queries after it."""
    args = {**base, "repeats": s.repeats, "budget": s.query_budget}
    if s.in_process:
        return asdict(run_inline("queries", args, log))
    merged: dict[str, Any] = {"queries": {}, "params": None}
    total = Phase("queries")
    limit = s.our_query_timeout

    def watch(path: Path) -> str | None:
        try:
            d = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        cur, since = d.get("current"), d.get("current_started")
        if cur and since and time.time() - since > limit:
            return f"query {cur} stopped after {limit:g} s"
        return None

    for _ in range(100):
        ph = run_phase(
            "queries",
            {**args, "skip": sorted(merged["queries"])},
            timeout=s.phase_timeout,
            max_rss=s.max_rss,
            log=log,
            watch=watch,
        )
        total.wall += ph.wall
        total.peak_rss = max(total.peak_rss, ph.peak_rss)
        total.load = ph.load if total.load == (0.0, 0.0) else (total.load[0], ph.load[1])
        data = ph.data or {}
        merged["queries"].update(data.get("queries") or {})
        merged["params"] = merged["params"] or data.get("params")
        cur = data.get("current") if not ph.ok else None
        if cur is None:
            total.ok, total.error = ph.ok, ph.error
            break
        merged["queries"][cur] = {
            "timed_out": True,
            "timeout": limit,
            "first_ms": None,
            "median_ms": None,
            "p95_ms": None,
            "rows": None,
        }
    total.data = merged
    return asdict(total)


def _timed_out_before(
    done: dict[str, Any], n: int, query_timeout: float, step_timeout: float
) -> tuple[dict[str, int], int | None]:
    """Baseline queries (name -> letters) and whole-graph validation not worth running on
    ``n`` letters: they timed out on fewer letters in this run, or their time there, scaled
    linearly to ``n`` (a lower bound: neither gets cheaper per letter), is over twice their
    timeout. The report gives them as timed out, with the linear lower bound."""
    queries: dict[str, int] = {}
    validate = None
    for key in sorted(done, key=int):
        m = int(key)
        data = (done[key].get("baseline") or {}).get("data") or {}
        for name, q in (data.get("queries") or {}).items():
            first = q.get("first_ms")
            if q.get("timed_out") or (first and first / 1000 * n / m > 2 * query_timeout):
                queries.setdefault(name, q.get("skipped_after") or m)
        v = data.get("validate") or {}
        sec = v.get("seconds")
        if validate is None and (v.get("timed_out") or (sec and sec * n / m > 2 * step_timeout)):
            validate = v.get("skipped_after") or m
    return queries, validate


def measure_size(
    n: int,
    s: Settings,
    paths_file: Path,
    log: Callable[[str], None],
    done: dict[str, Any] | None = None,
    saved: Callable[[dict[str, Any]], None] | None = None,
) -> dict[str, Any]:
    """Every phase of ``s.phases`` (in that order; ``build`` first whatever the order, since
    the others read its store) on the first ``n`` letters; ``saved(res)`` after each."""
    done = done or {}
    log(f"== {n} letters")
    store = s.workdir / f"store-{n}"
    base = {"paths_file": str(paths_file), "n": n, "jobs": s.jobs, "store": str(store)}
    res: dict[str, Any] = {"letters": n, "phases": list(s.phases)}

    def go(
        key: str, name: str, extra: dict[str, Any] | None = None, timeout: float | None = None
    ) -> None:
        if s.in_process:
            res[key] = asdict(run_inline(name, {**base, **(extra or {})}, log))
        else:
            ph = run_phase(
                name,
                {**base, **(extra or {})},
                timeout=timeout or s.phase_timeout,
                max_rss=s.max_rss,
                log=log,
            )
            res[key] = asdict(ph)
        if saved is not None:
            saved(res)

    def baseline() -> None:
        if n > s.skip_baseline_above:
            res["baseline_skipped"] = True
            log(f"  baseline skipped above {s.skip_baseline_above} letters (extrapolated)")
            return
        params = ((res.get("queries") or {}).get("data") or {}).get("params") or {}
        skip_q, skip_v = _timed_out_before(done, n, s.query_timeout, s.baseline_step_timeout)
        go(
            "baseline",
            "baseline",
            {
                "params": params,
                "query_timeout": s.query_timeout,
                "step_timeout": s.baseline_step_timeout,
                "repeats": s.baseline_repeats,
                "skip_queries": skip_q,
                "skip_validate": skip_v,
            },
            timeout=s.phase_timeout * 3,
        )
        go("templates_baseline", "templates-baseline", {"budget": s.baseline_step_timeout / 3})

    def queries() -> None:
        res["queries"] = _queries_phase(s, base, log)
        if saved is not None:
            saved(res)

    steps: dict[str, Callable[[], None]] = {
        "extract": lambda: go("extract", "extract"),
        "validate": lambda: go("validate", "validate"),
        "queries": queries,
        "export": lambda: go("export_turtle", "export", {"format": "turtle"}),
        "jsonld": lambda: go("export_jsonld", "export", {"format": "jsonld"}),
        "templates": lambda: go("templates", "templates"),
        "breakdown": lambda: go("breakdown", "breakdown", {"sample": min(s.sample, n)}),
        "baseline": baseline,
    }
    order = [p for p in s.phases if p != "build"]
    if "extract" in order and order.index("extract") == 0:
        steps["extract"]()  # extraction alone needs no store: keep it first when asked first
        order.remove("extract")
    go("build", "build")
    if res["build"]["ok"]:
        for name in order:
            steps[name]()
    if not s.keep:
        shutil.rmtree(store, ignore_errors=True)
    return res


# -- machine ------------------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = {}
    for mod in ("pyoxigraph", "rdflib", "pyshacl", "datasketch", "rapidfuzz", "psutil"):
        try:
            from importlib.metadata import version

            versions[mod] = version(mod)
        except Exception:
            versions[mod] = "?"
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
    except OSError:
        commit = "?"
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "usable_cores": len(os.sched_getaffinity(0))
        if hasattr(os, "sched_getaffinity")
        else os.cpu_count(),
        "ram_gb": round(psutil.virtual_memory().total / 1024**3, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "versions": versions,
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": commit,
    }


# -- main ---------------------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(
        prog="python -m benchmarks.run",
        description="Measure foi-kg against the naive rdflib/pyshacl pipeline; write RESULTS.md.",
    )
    ap.add_argument(
        "--letters", default="1000,10000", help="comma-separated sizes (default 1000,10000)"
    )
    ap.add_argument(
        "--repeats", type=int, default=20, help="timed runs of each canned query (default 20)"
    )
    ap.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_OUT,
        help="Markdown report (default benchmarks/RESULTS.md)",
    )
    ap.add_argument(
        "--json", type=Path, default=None, help="raw results (default: --out with .json)"
    )
    ap.add_argument(
        "--workdir", type=Path, default=None, help="letters and stores (default: a temp dir)"
    )
    ap.add_argument(
        "--jobs", type=int, default=os.cpu_count() or 1, help="worker processes (default: cores)"
    )
    ap.add_argument("--seed", type=int, default=7, help="generator seed (default 7)")
    ap.add_argument(
        "--skip-baseline-above",
        type=int,
        default=10000,
        help="no naive baseline above this many letters",
    )
    ap.add_argument(
        "--query-timeout", type=float, default=120, help="seconds per baseline query (default 120)"
    )
    ap.add_argument(
        "--baseline-step-timeout",
        type=float,
        default=600,
        help="seconds for a baseline step (default 600)",
    )
    ap.add_argument(
        "--baseline-repeats", type=int, default=3, help="timed runs of each baseline query"
    )
    ap.add_argument(
        "--phase-timeout", type=float, default=3600, help="seconds for one of our phases"
    )
    ap.add_argument("--max-rss-gb", type=float, default=16, help="stop a phase above this memory")
    ap.add_argument("--sample", type=int, default=200, help="letters in the per-stage breakdown")
    ap.add_argument("--keep", action="store_true", help="keep the stores after measuring")
    ap.add_argument(
        "--merge", action="store_true", help="keep other sizes from the existing JSON results"
    )
    ap.add_argument(
        "--our-query-timeout",
        type=float,
        default=300,
        help="stop one of our canned queries after this many seconds (default 300)",
    )
    ap.add_argument(
        "--query-budget",
        type=float,
        default=60,
        help="seconds of repeats per query before fewer repeats are taken (default 60)",
    )
    ap.add_argument(
        "--phases",
        default=",".join(PHASE_ORDER),
        help="phases to run, in this order (build always runs first; default: all)",
    )
    ap.add_argument(
        "--in-process",
        action="store_true",
        help="run every phase in this process (quick checks: no per-phase memory, no timeouts)",
    )
    ap.add_argument(
        "--render",
        type=Path,
        default=None,
        help="only rewrite --out from this raw JSON results file (no measuring)",
    )
    ap.add_argument("--phase", help=argparse.SUPPRESS)
    ap.add_argument("--phase-args", help=argparse.SUPPRESS)
    return ap.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    ns = parse_args(argv)
    if ns.phase:
        return child_main(ns.phase, ns.phase_args)
    if ns.render:
        from benchmarks.report import write_report

        raw = json.loads(ns.render.read_text(encoding="utf-8"))
        ns.out.write_text(write_report(raw), encoding="utf-8")
        print(f"wrote {ns.out}")
        return 0
    try:
        sizes = sorted({int(x) for x in ns.letters.split(",") if x.strip()})
    except ValueError:
        print(f"--letters {ns.letters}: expected comma-separated whole numbers", file=sys.stderr)
        return 2
    if not sizes or min(sizes) < 1:
        print(f"--letters {ns.letters}: sizes must be at least 1", file=sys.stderr)
        return 2
    phases = tuple(p.strip() for p in ns.phases.split(",") if p.strip())
    unknown = [p for p in phases if p not in PHASE_ORDER]
    if unknown:
        print(
            f"--phases: unknown {', '.join(unknown)} (choose {', '.join(PHASE_ORDER)})",
            file=sys.stderr,
        )
        return 2
    own_tmp = ns.workdir is None
    workdir = Path(tempfile.mkdtemp(prefix="kgbench-")) if own_tmp else ns.workdir
    workdir.mkdir(parents=True, exist_ok=True)
    s = Settings(
        sizes=sizes,
        repeats=ns.repeats,
        out=ns.out,
        json_out=ns.json or ns.out.with_suffix(".json"),
        workdir=workdir,
        jobs=max(1, ns.jobs),
        seed=ns.seed,
        skip_baseline_above=ns.skip_baseline_above,
        query_timeout=ns.query_timeout,
        baseline_step_timeout=ns.baseline_step_timeout,
        phase_timeout=ns.phase_timeout,
        max_rss=int(ns.max_rss_gb * 1024**3),
        baseline_repeats=ns.baseline_repeats,
        sample=ns.sample,
        keep=ns.keep,
        merge=ns.merge,
        in_process=ns.in_process,
        our_query_timeout=ns.our_query_timeout,
        query_budget=ns.query_budget,
        phases=phases,
    )

    def log(msg: str) -> None:
        print(f"[{datetime.now(UTC).strftime('%H:%M:%S')}] {msg}", flush=True)

    from benchmarks.generate import generate_letters

    results: dict[str, Any] = {"machine": machine(), "sizes": {}}
    if s.merge and s.json_out.exists():
        old = json.loads(s.json_out.read_text(encoding="utf-8"))
        results["sizes"] = {k: v for k, v in old.get("sizes", {}).items() if int(k) not in sizes}
        # the sizes kept come from earlier runs: keep how and when they were measured
        earlier = old.get("earlier") or []
        kept = sorted(results["sizes"], key=int)
        if kept:
            earlier.append(
                {"sizes": kept, "machine": old.get("machine"), "settings": old.get("settings")}
            )
        results["earlier"] = earlier
    results["settings"] = {
        "seed": s.seed,
        "jobs": s.jobs,
        "repeats": s.repeats,
        "baseline_repeats": s.baseline_repeats,
        "skip_baseline_above": s.skip_baseline_above,
        "query_timeout": s.query_timeout,
        "baseline_step_timeout": s.baseline_step_timeout,
        "sample": s.sample,
    }
    letters_dir = workdir / "letters"
    log(f"generating {max(sizes)} letters into {letters_dir} (seed {s.seed})")
    t0 = time.perf_counter()
    paths = generate_letters(max(sizes), s.seed, letters_dir)
    paths_file = workdir / "paths.txt"
    with paths_file.open("w", encoding="utf-8") as fh:
        for p in paths:
            fh.write(f"{p}\n")
    results["generate_seconds"] = time.perf_counter() - t0
    log(f"generated in {results['generate_seconds']:.1f} s")
    try:
        for n in sizes:
            done = dict(results["sizes"])

            def saved(res: dict[str, Any], n: int = n) -> None:
                results["sizes"][str(n)] = res
                _save(results, s)

            results["sizes"][str(n)] = measure_size(n, s, paths_file, log, done, saved)
            _save(results, s)  # after every size, so a long run keeps what it measured
    finally:
        if own_tmp and not s.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    _save(results, s)
    log(f"wrote {s.out} and {s.json_out}")
    return 0


def _save(results: dict[str, Any], s: Settings) -> None:
    from benchmarks.report import write_report

    s.json_out.write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")
    s.out.write_text(write_report(results), encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
