"""Build and validate throughput of ``kg build`` against the naive rdflib + pySHACL baseline.

    python -m benchmarks.build_bench --letters 1000 [--jobs 2] [--seed 1] [--baseline-letters 300]

Letters come from ``benchmarks.generate.generate_letters`` (varied sample letters: forces,
dates, references, figures; seeded, reproducible). Each measured phase runs in its own
process, so its peak memory (``ru_maxrss`` of the process and of its worker processes) is its
own:

* ``extract``: the letters extracted once (worker pool), the records kept for the phases below
  so they compare the graph part on identical input.
* ``kg build``: the real thing, end to end (extract in worker processes, map, validate per
  letter, one transaction per letter into an on-disk Oxigraph store).
* ``stages``: per-letter CPU of each graph stage, one process, from the kept records: map,
  the validator's view, N-Triples, ``validate_letters`` in batches, bulk writes into an
  on-disk store (as ``kg build`` runs them).
* ``baseline``: the naive way on the same records: every letter mapped into ONE rdflib
  in-memory Graph, then pySHACL (SHACL-SPARQL on) over the whole graph with the vocabulary
  as ontology graph. Run on ``--baseline-letters`` (its cost grows faster than linearly);
  ratios are per letter.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import pickle
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any


def _cpu() -> float:
    """CPU seconds of this process and of its finished children."""
    s, c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return s.ru_utime + s.ru_stime + c.ru_utime + c.ru_stime


def _peak_mb() -> dict[str, float]:
    s, c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"peak_mb": s.ru_maxrss / 1024, "peak_worker_mb": c.ru_maxrss / 1024}


def _child(fn: Callable[[dict[str, Any]], dict[str, Any]], args: dict[str, Any], conn: Any) -> None:
    try:
        out = fn(args)
        out.update(_peak_mb())
    except Exception as exc:  # reported, not raised: the other phases still run
        out = {"error": f"{type(exc).__name__}: {exc}"}
    conn.send(out)
    conn.close()


def run_phase(
    fn: Callable[[dict[str, Any]], dict[str, Any]], args: dict[str, Any], timeout: float
) -> dict[str, Any]:
    """Run ``fn(args)`` in a fresh process; its own peak memory; a timeout is a result."""
    ctx = mp.get_context("spawn")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(fn, args, child))
    t0 = time.perf_counter()
    proc.start()
    child.close()
    if parent.poll(timeout):
        out = parent.recv()
    else:
        proc.terminate()
        out = {"timed_out": True, "timeout": timeout}
    proc.join()
    out["wall_seconds"] = time.perf_counter() - t0
    return out


# -- phases (run in child processes) ----------------------------------------------------------


def _extract_one(path: str) -> Any:
    from kg.extract import extract_path

    try:
        return extract_path(path)
    except Exception:
        return None


def phase_extract(a: dict[str, Any]) -> dict[str, Any]:
    paths = a["paths"]
    t0, c0 = time.perf_counter(), _cpu()
    with ProcessPoolExecutor(max_workers=a["jobs"]) as pool:
        records = [r for r in pool.map(_extract_one, paths, chunksize=8) if r is not None]
    seconds, cpu = time.perf_counter() - t0, _cpu() - c0
    with open(a["records"], "wb") as fh:
        pickle.dump(records, fh)
    return {"letters": len(paths), "extracted": len(records), "seconds": seconds, "cpu": cpu}


def phase_build(a: dict[str, Any]) -> dict[str, Any]:
    from kg.graph import build, open_store

    store = open_store(a["store"])
    t0, c0 = time.perf_counter(), _cpu()
    summary = build(a["paths"], store, jobs=a["jobs"], allow_invalid=True)
    seconds, cpu = time.perf_counter() - t0, _cpu() - c0
    quads = store.count()
    store.close()
    return {
        "letters": summary.read,
        "added": summary.added,
        "invalid": summary.invalid,
        "failed": summary.failed,
        "validated": summary.validated,
        "quads": quads,
        "seconds": seconds,
        "cpu": cpu,
        "store_mb": sum(f.stat().st_size for f in Path(a["store"]).rglob("*") if f.is_file())
        / 2**20,
    }


def phase_stages(a: dict[str, Any]) -> dict[str, Any]:
    """CPU per letter of each graph stage, as ``kg build`` runs them: map, the validator's view,
    N-Triples, ``validate_letters`` over batches of ``BATCH``, bulk writes of ``WRITE_BATCH``
    new letters into an on-disk store."""
    from kg.graph.builder import BATCH, WRITE_BATCH, ensure_vocab, known_sections
    from kg.graph.mapping import map_record
    from kg.graph.store import open_store
    from kg.graph.terms import ntriples
    from kg.validation import letter_view, validate_letter, validate_letters

    with open(a["records"], "rb") as fh:
        records = pickle.load(fh)
    store = open_store(a["store"])
    ensure_vocab(store)
    ks = known_sections()
    validate_letter(map_record(records[0], known_sections=ks).graph())  # warm caches
    stages = dict.fromkeys(("map", "view", "serialise", "validate", "write"), 0.0)
    mapped = []
    for rec in records:
        c = time.process_time()
        m = map_record(rec, known_sections=ks)
        c1 = time.process_time()
        view = letter_view(m.triples, m.iri)
        c2 = time.process_time()
        body = ntriples(m.triples)
        c3 = time.process_time()
        for k, v in zip(("map", "view", "serialise"), (c1 - c, c2 - c1, c3 - c2), strict=True):
            stages[k] += v
        mapped.append((str(m.iri), view, body, len(m.triples)))
    for i in range(0, len(mapped), BATCH):
        batch = mapped[i : i + BATCH]
        c = time.process_time()
        validate_letters([v for _, v, _, _ in batch], bodies=[b for _, _, b, _ in batch])
        stages["validate"] += time.process_time() - c
    for i in range(0, len(mapped), WRITE_BATCH):
        batch = mapped[i : i + WRITE_BATCH]
        c = time.process_time()
        store.add_graphs([(iri, body) for iri, _, body, _ in batch])
        stages["write"] += time.process_time() - c
    store.close()
    n = len(records)
    return {
        "letters": n,
        "triples_per_letter": sum(t for *_, t in mapped) / n,
        "cpu_ms": {k: v * 1000 / n for k, v in stages.items()},
    }


def phase_baseline(a: dict[str, Any]) -> dict[str, Any]:
    from pyshacl import validate
    from rdflib import Graph

    from kg.graph.mapping import map_record
    from kg.validation import shapes_graph
    from kg.vocab import vocab_graph

    with open(a["records"], "rb") as fh:
        records = pickle.load(fh)[: a["baseline_letters"]]
    shapes, vocab = shapes_graph(), vocab_graph()
    c0 = time.process_time()
    g = Graph()
    for rec in records:
        for t in map_record(rec).triples:
            g.add(t)
    build_cpu = time.process_time() - c0
    c1 = time.process_time()
    conforms, _report, _text = validate(
        g, shacl_graph=shapes, ont_graph=vocab, inference="none", advanced=True,
        allow_warnings=True,
    )  # fmt: skip
    validate_cpu = time.process_time() - c1
    n = len(records)
    return {
        "letters": n,
        "triples": len(g),
        "conforms": bool(conforms),
        "cpu_ms": {"build": build_cpu * 1000 / n, "validate": validate_cpu * 1000 / n},
    }


# -- driver ------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.build_bench", description=__doc__)
    p.add_argument("--letters", type=int, default=1000, help="letters to generate and build")
    p.add_argument("--seed", type=int, default=1, help="generator seed")
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes")
    p.add_argument("--baseline-letters", type=int, default=300, help="letters for the baseline")
    p.add_argument("--timeout", type=float, default=1800, help="seconds per phase")
    p.add_argument("--workdir", type=Path, default=None, help="keep letters and stores here")
    p.add_argument("--json", action="store_true", help="print the results as JSON")
    args = p.parse_args(argv)

    from benchmarks.generate import generate_letters

    work = args.workdir or Path(tempfile.mkdtemp(prefix="kg-build-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    paths = [str(x) for x in generate_letters(args.letters, args.seed, work / "letters")]
    generated = time.perf_counter() - t0
    common = {"paths": paths, "jobs": args.jobs, "records": str(work / "records.pickle")}
    results: dict[str, Any] = {"letters": len(paths), "jobs": args.jobs, "generate_s": generated}
    for name, fn, extra in (
        ("extract", phase_extract, {}),
        ("build", phase_build, {"store": str(work / "store-build")}),
        ("stages", phase_stages, {"store": str(work / "store-stages")}),
        ("baseline", phase_baseline, {"baseline_letters": args.baseline_letters}),
    ):
        for key in ("store",):
            if key in extra and Path(extra[key]).exists():
                shutil.rmtree(extra[key])
        print(f"... {name}", file=sys.stderr, flush=True)
        results[name] = run_phase(fn, {**common, **extra}, args.timeout)
    results["summary"] = summarise(results)
    if args.json:
        print(json.dumps(results, indent=1))
    else:
        print(render(results))
    if args.workdir is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def summarise(r: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    b, s, base, ex = (
        r.get("build", {}),
        r.get("stages", {}),
        r.get("baseline", {}),
        r.get("extract", {}),
    )
    if "seconds" in b:
        out["build_letters_per_s"] = b["letters"] / b["seconds"]
        out["build_cpu_ms_per_letter"] = b["cpu"] * 1000 / b["letters"]
    if "seconds" in ex:
        out["extract_cpu_ms_per_letter"] = ex["cpu"] * 1000 / ex["letters"]
    if "cpu_ms" in s:
        ms = s["cpu_ms"]
        ours_build = ms["map"] + ms["serialise"] + ms["write"]
        out["graph_build_cpu_ms_per_letter"] = ours_build  # map + N-Triples + on-disk write
        out["validate_cpu_ms_per_letter"] = ms["graph"] + ms["validate"]
        out["graph_build_letters_per_s"] = 1000 / ours_build
        out["validate_letters_per_s"] = 1000 / out["validate_cpu_ms_per_letter"]
        if "cpu_ms" in base:
            bm = base["cpu_ms"]
            out["baseline_build_cpu_ms_per_letter"] = bm["build"]
            out["baseline_validate_cpu_ms_per_letter"] = bm["validate"]
            out["ratio_build"] = bm["build"] / ours_build
            out["ratio_validate"] = bm["validate"] / out["validate_cpu_ms_per_letter"]
            out["ratio_build_validate"] = (bm["build"] + bm["validate"]) / (
                ours_build + out["validate_cpu_ms_per_letter"]
            )
    if "peak_mb" in base and "peak_mb" in s:
        out["peak_mb_stages"] = s["peak_mb"]
        out["peak_mb_baseline"] = base["peak_mb"]
    return out


def render(r: dict[str, Any]) -> str:
    lines = [f"letters {r['letters']}, jobs {r['jobs']}, generated in {r['generate_s']:.1f} s"]
    for name in ("extract", "build", "stages", "baseline"):
        ph = {k: v for k, v in r[name].items() if k not in ("paths",)}
        lines.append(f"{name:9s} {json.dumps(ph)}")
    lines.append("summary")
    for k, v in r["summary"].items():
        lines.append(f"  {k:40s} {v:10.2f}")
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
