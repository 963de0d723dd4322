"""Extraction throughput on the sample letters: ``python -m benchmarks.extract_throughput``.

Loads the five sample letters once, then runs ``kg.extract.extract_document`` over them
repeatedly and prints letters per second, for the whole pipeline and per step (the structure
steps of ``kg.extract.pipeline`` and the later legal/threat/facts steps), so a slow step shows.
``--with-load`` times ``extract_path`` instead (reading the file every time).
"""

from __future__ import annotations

import argparse
import importlib
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "examples" / "letters"


def _timed(store: dict[str, float], name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        t0 = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            store[name] += time.process_time() - t0

    return wrapper


def per_step(docs: list[Any], rounds: int) -> dict[str, float]:
    """Seconds spent in each step over ``rounds`` passes (patched in, then restored)."""
    from kg.extract import answers, dates, force, header, pipeline, questions, reference

    spent: dict[str, float] = defaultdict(float)
    patches: list[tuple[Any, str, Any]] = [
        (pipeline, "segment", pipeline.segment),
        (questions, "parse", questions.parse),
    ]
    patches += [(m, "fill", m.fill) for m in (header, force, reference, dates, answers)]
    for name in pipeline.LATER_STEPS:
        try:
            mod = importlib.import_module(name)
        except ModuleNotFoundError:
            continue
        patches.append((mod, "fill", mod.fill))
    try:
        for mod, attr, fn in patches:
            label = mod.__name__.rsplit(".", 1)[-1] + ("" if attr == "fill" else f".{attr}")
            setattr(mod, attr, _timed(spent, label, fn))
        for _ in range(rounds):
            for doc in docs:
                pipeline.extract_document(doc)
    finally:
        for mod, attr, fn in patches:
            setattr(mod, attr, fn)
    return dict(spent)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=40, help="passes over the letters")
    parser.add_argument("--with-load", action="store_true", help="time extract_path (reads)")
    args = parser.parse_args(argv)

    from kg.extract import extract_document, extract_path
    from kg.loaders import load

    paths = sorted(SAMPLES.glob("*.txt"))
    docs = [load(p) for p in paths]
    for doc in docs:  # warm up caches (gazetteer index, compiled regexes)
        extract_document(doc)
    n = args.rounds * len(docs)
    c0 = time.process_time()  # CPU time: the figure that does not depend on machine load
    t0 = time.perf_counter()
    for _ in range(args.rounds):
        if args.with_load:
            for p in paths:
                extract_path(p)
        else:
            for doc in docs:
                extract_document(doc)
    elapsed = time.perf_counter() - t0
    cpu = time.process_time() - c0
    what = "extract_path" if args.with_load else "extract_document"
    print(
        f"{what}: {n} letters in {elapsed:.2f} s wall = {n / elapsed:.1f} letters/s "
        f"({n / cpu:.1f} letters/s per CPU second)"
    )
    spent = per_step(docs, max(1, args.rounds // 4))
    m = max(1, args.rounds // 4) * len(docs)
    total = sum(spent.values())
    print(f"per step, CPU ({m} letters; steps total {1000 * total / m:.2f} ms/letter):")
    for name, secs in sorted(spent.items(), key=lambda kv: -kv[1]):
        print(f"  {name:<18} {1000 * secs / m:7.2f} ms/letter")


if __name__ == "__main__":
    main()
