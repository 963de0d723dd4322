"""Extraction throughput on the sample letters: ``python -m benchmarks.extract_throughput``.

Loads the five sample letters once, then runs ``kg.extract.extract_document`` over them
repeatedly and prints letters per second and CPU ms per letter (median and mean), for the
whole pipeline and per step (the structure steps of ``kg.extract.pipeline`` and the later
legal/threat/facts steps), so a slow step shows. ``--with-load`` times ``extract_path``
instead (reading the file every time); ``--generated N`` uses N letters of
``benchmarks.generate`` (seed 7), each extracted once per pass, instead of the samples.

The extractor caches what several steps read of one letter (paragraphs, sentences, tables),
keyed by the letter's text. A build reads each letter once, so those caches are emptied
before every letter here: a pass over the same five letters must not be served from the last.
"""

from __future__ import annotations

import argparse
import importlib
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "examples" / "letters"


def clear_caches() -> None:
    """Empty the extractor's per-letter caches (functools caches and ``*_cache`` dicts).

    Caches of size 1 hold what the whole process shares (the gazetteer index, the Act's
    sections, the loader registry): a build fills them once, so they stay.
    """
    for name, module in list(sys.modules.items()):
        if not name.startswith(("kg.extract", "kg.loaders")) or module is None:
            continue
        for attr, value in vars(module).items():
            if callable(getattr(value, "cache_clear", None)):
                if (value.cache_info().maxsize or 0) > 1:
                    value.cache_clear()
            elif attr.endswith("_cache") and isinstance(value, dict):
                value.clear()


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
                clear_caches()  # outside the timed steps: each letter read as new
                pipeline.extract_document(doc)
    finally:
        for mod, attr, fn in patches:
            setattr(mod, attr, fn)
    return dict(spent)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=40, help="passes over the letters")
    parser.add_argument("--with-load", action="store_true", help="time extract_path (reads)")
    parser.add_argument(
        "--generated", type=int, default=0, metavar="N", help="N generated letters, not samples"
    )
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="kg-extract-bench-") as tmp:
        if args.generated:
            from benchmarks.generate import generate_letters

            paths = generate_letters(args.generated, 7, tmp)
            rounds = 1 if args.rounds == parser.get_default("rounds") else args.rounds
        else:
            paths, rounds = sorted(SAMPLES.glob("*.txt")), args.rounds
        _run(paths, rounds, args.with_load)


def _run(paths: list[Path], rounds: int, with_load: bool) -> None:
    from kg.extract import extract_document, extract_path
    from kg.loaders import load

    docs = [load(p) for p in paths]
    for doc in docs[:5]:  # warm up (imports, gazetteer index, compiled regexes)
        extract_document(doc)
    per: list[float] = []  # CPU seconds of each letter: the figure load does not change much
    t0 = time.perf_counter()
    for _ in range(rounds):
        for p, doc in zip(paths, docs, strict=True):
            clear_caches()
            c0 = time.process_time()
            if with_load:
                extract_path(p)
            else:
                extract_document(doc)
            per.append(time.process_time() - c0)
    elapsed = time.perf_counter() - t0
    n, cpu = len(per), sum(per)
    what = "extract_path" if with_load else "extract_document"
    print(
        f"{what}: {n} letters in {elapsed:.2f} s wall = {n / elapsed:.1f} letters/s "
        f"({n / cpu:.1f} letters/s per CPU second; CPU ms per letter: median "
        f"{1000 * statistics.median(per):.2f}, mean {1000 * statistics.mean(per):.2f})"
    )
    rounds = max(1, rounds // 4)
    spent = per_step(docs, rounds)
    m = rounds * len(docs)
    total = sum(spent.values())
    print(f"per step, CPU ({m} letters; steps total {1000 * total / m:.2f} ms/letter):")
    for name, secs in sorted(spent.items(), key=lambda kv: -kv[1]):
        print(f"  {name:<18} {1000 * secs / m:7.2f} ms/letter")


if __name__ == "__main__":
    main()
