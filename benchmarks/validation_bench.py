"""Per-letter SHACL validation cost: ``python -m benchmarks.validation_bench --letters 200``.

Letters are extracted and mapped first (not timed); then each configuration validates every
letter graph, and the CPU time of each call is recorded (``time.process_time``, so other jobs
on the machine inflate it less than wall time would). Configurations:

* ``core``: ``validate_letter(g, sparql_rules=False)``: core SHACL only (what
  ``validate_store`` runs per letter before the integrity queries run once over the store).
* ``core+rq``: ``validate_letter(g)``, the default used by ``kg build``: core SHACL, then the
  SHACL-SPARQL rules as their ``queries/integrity/*.rq`` mirrors on an in-memory Oxigraph.
* ``core+shacl-sparql``: ``validate_letter(g, sparql_engine="pyshacl")``: the same rules as
  SHACL-SPARQL constraints, evaluated by pySHACL on rdflib's SPARQL engine.
* ``naive``: ``pyshacl.validate(g, shacl_graph=shapes, ont_graph=vocab)`` per letter, the
  way the pySHACL documentation does it (shapes re-harvested and vocabulary mixed in per call).

The naive and pySHACL-SPARQL runs are slow, so they use the first ``--slow`` letters.

Measured 2026-11-22 on 100 generated letters (median 211 triples; 2 cores shared with other
jobs at load average 6-9, so absolute figures are pessimistic and move by several ms from run
to run), CPU ms per letter, two runs:

| configuration | letters | median | mean |
|---|---:|---:|---:|
| core | 100 | 12.5 / 16.4 | 15.0 / 18.2 |
| core+rq (default) | 100 | 15.9 / 22.3 | 17.8 / 25.1 |
| core+shacl-sparql | 5-10 | 281 / 386 | 362 / 380 |
| naive | 5-10 | 496 / 381 | 499 / 486 |

``validate_store`` over a 300-letter store (80,086 quads; per-letter core SHACL, the vocabulary
graph, then the nine integrity queries over the whole store): 6.5 s of CPU, 21.8 ms a letter.

The six rules on Oxigraph cost about 2.5 ms together (1.1 ms of it converting the letter's
terms); each SHACL-SPARQL constraint on rdflib's evaluator costs about 45 ms.
First call of a process (parse shapes, harvest them, load the vocabulary): 0.2-0.3 s.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from rdflib import Graph

ROOT = Path(__file__).resolve().parent.parent


def letter_graphs(n: int, seed: int) -> list[Graph]:
    from kg.extract.pipeline import extract_path
    from kg.graph.mapping import map_record

    paths = sorted((ROOT / "examples" / "letters").glob("*.txt"))
    if n > len(paths):
        try:
            from benchmarks.generate import generate_letters

            paths = generate_letters(n, seed, Path(tempfile.mkdtemp(prefix="kg-valbench-")))
        except ImportError:
            paths = (paths * (n // len(paths) + 1))[:n]
    return [map_record(extract_path(p)).graph() for p in paths[:n]]


def timed(fn: Callable[[Graph], object], graphs: list[Graph]) -> list[float]:
    out = []
    for g in graphs:
        t = time.process_time()
        fn(g)
        out.append((time.process_time() - t) * 1000)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--letters", type=int, default=5, help="letters to validate (default 5)")
    ap.add_argument("--slow", type=int, default=5, help="letters for the slow configurations")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)

    import pyshacl

    from kg import validation

    graphs = letter_graphs(args.letters, args.seed)
    triples = [len(g) for g in graphs]
    t = time.process_time()
    validation.validate_letter(graphs[0])  # parse shapes, harvest, load the vocabulary
    warm = (time.process_time() - t) * 1000
    shapes, vocab = validation.shapes_graph(), validation.default_vocab()
    slow = graphs[: args.slow]
    runs = {
        "core": timed(lambda g: validation.validate_letter(g, sparql_rules=False), graphs),
        "core+rq": timed(validation.validate_letter, graphs),
        "core+shacl-sparql": timed(
            lambda g: validation.validate_letter(g, sparql_engine="pyshacl"), slow
        ),
        "naive": timed(
            lambda g: pyshacl.validate(g, shacl_graph=shapes, ont_graph=vocab, inference="none"),
            slow,
        ),
    }
    print(f"letters: {len(graphs)}, triples per letter: median {statistics.median(triples)}")
    print(f"first call (shapes, harvest, vocabulary): {warm:.0f} ms")
    print(f"{'configuration':<20} {'letters':>7} {'median ms':>10} {'mean ms':>9}")
    for name, ms in runs.items():
        print(f"{name:<20} {len(ms):>7} {statistics.median(ms):>10.1f} {statistics.mean(ms):>9.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
