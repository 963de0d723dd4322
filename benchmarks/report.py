# ruff: noqa: E501  (Markdown table rows and prose are kept one f-string per row)
"""``benchmarks/RESULTS.md`` from the raw results of ``benchmarks.run`` (a pure function).

Baseline figures come in three kinds, always labelled: *measured* in the same run, *timed
out* (the step was stopped, so the true figure is larger and a ratio is a lower bound), and
*extrapolated* (the baseline was skipped at this size: the per-letter time of the largest
size where it was measured, times the letters; a lower bound for steps that grow faster than
linearly, such as whole-graph SHACL).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

MB = 1024 * 1024

TARGETS = {
    "build_10k_s": 120.0,
    "build_100k_s": 1200.0,
    "peak_100k_bytes": 2 * 1024**3,
    "query_10k_ms": 100.0,
    "query_100k_ms": 500.0,
    "speedup_10k": 10.0,
}


@dataclass
class BT:
    """A baseline time: ``kind`` is measured, timed_out, extrapolated or missing."""

    seconds: float | None
    kind: str = "measured"
    note: str = ""

    def text(self, unit: str = "s") -> str:
        if self.seconds is None or self.kind == "missing":
            return "–"
        v = _num(self.seconds * 1000 if unit == "ms" else self.seconds)
        if self.kind == "timed_out":
            return f"> {v} {unit} (timed out)"
        if self.kind == "extrapolated":
            return f"≈ {v} {unit} (extrapolated)"
        if self.kind == "skipped":
            return f"≥ {v} {unit} (not run: {self.note})"
        return f"{v} {unit}"


def _num(x: float | None, digits: int = 3) -> str:
    if x is None:
        return "–"
    if x == 0:
        return "0"
    if abs(x) >= 100:
        return f"{x:,.0f}"
    return f"{x:.{max(0, digits - 1 - int(math.floor(math.log10(abs(x)))))}f}"


def ratio_text(base: BT, ours: float | None) -> str:
    if base.seconds is None or base.kind == "missing" or not ours:
        return "–"
    r = base.seconds / ours
    if base.kind == "timed_out":
        return f"> {_num(r)}×"
    if base.kind == "extrapolated":
        return f"≈ {_num(r)}× (extrapolated)"
    if base.kind == "skipped":
        return f"≥ {_num(r)}× (extrapolated)"
    return f"{_num(r)}×"


def _ok(ph: dict[str, Any] | None) -> bool:
    return bool(ph and ph.get("ok"))


def _d(ph: dict[str, Any] | None, key: str, default: Any = None) -> Any:
    if not _ok(ph):
        return default
    return ph["data"].get(key, default)  # type: ignore[index]


def _mb(x: float | None) -> str:
    return "–" if not x else f"{x / MB:,.0f}"


def _phase_cell(ph: dict[str, Any] | None, value: str) -> str:
    if ph is None:
        return "–"
    if not ph.get("ok"):
        return f"({ph.get('error') or 'failed'})"
    return value


def _row(cells: Iterable[object]) -> str:
    texts = [str(c) for c in cells]
    if texts and not any(texts):  # a header of empty cells is written bare: "| | |"
        return "|" + " |" * len(texts)
    return "| " + " | ".join(texts) + " |"


def _table(w: Any, header: Sequence[str], align: str, rows: Iterable[Sequence[object]]) -> None:
    """One Markdown table and the blank line that ends it: the ``header`` cells, the alignment
    row (``align``: ``l`` or ``r`` per column) and one line per row of cells."""
    w(_row(header))
    w("|" + "".join("---|" if a == "l" else "---:|" for a in align))
    for cells in rows:
        w(_row(cells))
    w("")


class Results:
    """Access to the raw results with the baseline's extrapolation rule."""

    def __init__(self, raw: dict[str, Any]) -> None:
        self.raw = raw
        self.sizes = sorted(int(k) for k in raw.get("sizes", {}))

    def size(self, n: int) -> dict[str, Any]:
        return self.raw["sizes"][str(n)]  # type: ignore[no-any-return]

    def phase(self, n: int, key: str) -> dict[str, Any] | None:
        return self.size(n).get(key)

    def baseline_data(self, n: int) -> dict[str, Any] | None:
        ph = self.phase(n, "baseline")
        return ph["data"] if ph and ph.get("data") else None

    def _measured_below(self, n: int, key: str) -> int | None:
        for m in sorted((m for m in self.sizes if m < n), reverse=True):
            ph = self.phase(m, key)
            if ph and ph.get("data"):
                return m
        return None

    def _lower_bound(self, n: int, timeout: float, get: Any, key: str, skipped: bool) -> BT:
        """A stopped or skipped step: at least its timeout, and at least the linear scaling
        of its measured time on the largest smaller size where it finished."""
        best, note = timeout, f"its {timeout:g} s timeout"
        for m in sorted((m for m in self.sizes if m < n), reverse=True):
            ph = self.phase(m, key)
            got = get(ph["data"]) if ph and ph.get("data") else None
            if got and got[0] is not None and not got[1]:
                if got[0] * n / m > best:
                    best, note = got[0] * n / m, f"linear from {m:,} letters"
                break
        return BT(best, "skipped" if skipped else "timed_out", note)

    def base(self, n: int, get: Any, key: str = "baseline") -> BT:
        """``get(data)`` -> (seconds, timed_out) on the baseline data of size n, or the
        linear extrapolation from the largest smaller size that has it."""
        ph = self.phase(n, key)
        if ph and ph.get("data"):
            got = get(ph["data"])
            if got is None or got[0] is None:
                return BT(None, "missing")
            if got[1]:
                return self._lower_bound(n, got[0], get, key, len(got) > 2 and bool(got[2]))
            return BT(got[0], "measured")
        if ph and not ph.get("ok"):
            # the whole baseline process was stopped (time or memory): a lower bound
            return BT(ph.get("wall"), "timed_out", ph.get("error") or "")
        m = self._measured_below(n, key)
        if m is None:
            return BT(None, "missing")
        at_m = self.base(m, get, key)  # measured there, or its own lower bound
        if at_m.seconds is None:
            return BT(None, "missing")
        kind = "extrapolated" if at_m.kind == "measured" else "skipped"
        return BT(at_m.seconds * n / m, kind, f"linear from {m:,} letters")


# Getters: (seconds, stopped or skipped, skipped) from one size's baseline data.
Got = tuple[float | None, bool, bool]


def _step(data: dict[str, Any], name: str) -> Got | None:
    st = data.get(name)
    if not st:
        return None
    return st.get("seconds"), bool(st.get("timed_out")), bool(st.get("skipped_after"))


def _build_validate(data: dict[str, Any]) -> Got | None:
    load, val = data.get("load"), data.get("validate")
    if not load:
        return None
    total = (load.get("seconds") or 0) + ((val or {}).get("seconds") or 0)
    stopped = bool(load.get("timed_out") or (val or {}).get("timed_out") or not val)
    return total, stopped, bool((val or {}).get("skipped_after"))


def _query(name: str) -> Any:
    def get(data: dict[str, Any]) -> Got | None:
        q = (data.get("queries") or {}).get(name)
        if not q:
            return None
        if q.get("timed_out"):
            return q.get("timeout"), True, bool(q.get("skipped_after"))
        med = q.get("median_ms")
        return (med / 1000 if med is not None else None), False, False

    return get


def write_report(raw: dict[str, Any]) -> str:
    r = Results(raw)
    out: list[str] = []
    w = out.append
    w("# foi-kg benchmarks\n")
    w(
        "Generated by `python -m benchmarks.run` (see `benchmarks/README.md`); do not edit by "
        "hand. Letters are generated by `benchmarks/generate.py` from the sample and invented "
        "letters (seeded, reproducible). *Ours* is foi-kg (`kg.extract`, `kg.graph.builder` into "
        "an on-disk Oxigraph store with per-letter SHACL, `kg.validation.validate_store`, "
        "canned queries on Oxigraph, `kg.graph.exporter`, `kg.templates`). *Baseline* is the naive "
        "pipeline of `benchmarks/baseline.py`: every letter in one in-memory rdflib Graph, "
        "pyshacl over the whole graph at once, rdflib's SPARQL engine and serialisers, measured "
        "in the same run. Ratios are baseline time / our time (higher is better for us).\n"
    )
    _machine(w, raw)
    _targets(w, r)
    _extract(w, r)
    _build(w, r)
    _queries(w, r)
    _export(w, r)
    _templates(w, r)
    _memory(w, r)
    _growth(w, r)
    _breakdown(w, r)
    _notes(w, r)
    return "\n".join(out).rstrip() + "\n"


def _machine(w: Any, raw: dict[str, Any]) -> None:
    m = raw.get("machine", {})
    v = m.get("versions", {})
    s = raw.get("settings", {})
    w("## Machine and settings\n")
    rows: list[list[object]] = [
        ["CPU", m.get("cpu")],
        ["Cores", f"{m.get('cores')} (usable: {m.get('usable_cores')})"],
        ["RAM", f"{m.get('ram_gb')} GB"],
        ["OS", m.get("platform")],
        ["Python", m.get("python")],
        ["Libraries", ", ".join(f"{k} {val}" for k, val in v.items())],
        ["Date", f"{m.get('date')} (commit {m.get('commit')})"],
        [
            "Settings",
            f"seed {s.get('seed')}, {s.get('jobs')} worker processes, {s.get('repeats')} "
            f"query repeats (baseline: up to {s.get('baseline_repeats')}), baseline skipped above "
            f"{s.get('skip_baseline_above'):,} letters, baseline query timeout "
            f"{s.get('query_timeout'):g} s, baseline step timeout {s.get('baseline_step_timeout'):g} s",
        ],
    ]
    for e in raw.get("earlier") or []:
        em, es = e.get("machine") or {}, e.get("settings") or {}
        sizes = ", ".join(f"{int(x):,}" for x in e.get("sizes", []))
        rows.append(
            [
                f"Sizes {sizes}",
                f"measured in an earlier run (the tree has changed since): {em.get('date')} "
                f"(commit {em.get('commit')}), {es.get('repeats')} query repeats, baseline skipped "
                f"above {es.get('skip_baseline_above'):,} letters",
            ]
        )
    loads = [
        x
        for size in raw.get("sizes", {}).values()
        for ph in size.values()
        if isinstance(ph, dict)
        for x in (ph.get("load") or ())
        if x
    ]
    if loads:
        rows.append(
            [
                "Machine load",
                f"1-minute load average {min(loads):.1f} to {max(loads):.1f} during "
                f"the phases (mean {sum(loads) / len(loads):.1f}) on {m.get('cores')} cores: other "
                "work shared the machine, so wall times are inflated; CPU times much less",
            ]
        )
    if raw.get("generate_seconds") is not None:
        rows.append(
            ["Letters generated", f"in {raw['generate_seconds']:.1f} s (not counted in any phase)"]
        )
    _table(w, ["", ""], "ll", rows)


def _q_medians(r: Results, n: int) -> dict[str, float]:
    qs = _d(r.phase(n, "queries"), "queries", {}) or {}
    out = {k: v["median_ms"] for k, v in qs.items() if v.get("median_ms") is not None}
    for k, v in qs.items():  # a query stopped at its timeout counts as taking that long
        if v.get("timed_out"):
            out[k] = v["timeout"] * 1000
    return out


def _targets(w: Any, r: Results) -> None:
    w("## Targets (issue 7)\n")
    rows: list[list[object]] = []
    for n, key, label in (
        (10000, "build_10k_s", "10,000 letters built"),
        (100000, "build_100k_s", "100,000 letters built"),
    ):
        limit = TARGETS[key]
        target = f"{label} in < {limit / 60:.0f} min"
        if n not in r.sizes or not _ok(r.phase(n, "build")):
            proj = _projected_build(r, n)
            if proj is None:
                rows.append([target, "not measured", "–"])
            else:
                sec, m = proj
                rows.append(
                    [
                        target,
                        f"not measured; projected ≈ {sec:,.0f} s "
                        f"({sec / 60:.0f} min) from the CPU time per letter at {m:,} letters on "
                        f"{_d(r.phase(m, 'build'), 'jobs')} uncontended cores (linear)",
                        "likely" if sec < limit else "no (projected)",
                    ]
                )
            continue
        ph = r.phase(n, "build")
        sec = _d(ph, "seconds")
        est = _d(ph, "cpu_seconds") / max(1, _d(ph, "jobs", 1))
        met = sec < limit
        extra = "" if met else f" — missed by {sec - limit:,.0f} s ({sec / limit:.1f}× the target)"
        rows.append(
            [
                target,
                f"{sec:,.0f} s ({sec / 60:.1f} min) wall on the "
                f"shared machine; CPU time / jobs = {est:,.0f} s, the uncontended estimate",
                f"{'yes' if met else 'no'}{extra}; "
                f"{'estimate within' if est < limit else f'estimate {est / limit:.1f}× the'} target",
            ]
        )
    peak_target = "Peak memory of the 100,000-letter build < 2 GB"
    if 100000 in r.sizes and r.phase(100000, "build"):
        peak = r.phase(100000, "build")["peak_rss"]  # type: ignore[index]
        limit = TARGETS["peak_100k_bytes"]
        met = peak < limit
        extra = "" if met else f" — {peak / limit:.1f}× the limit"
        rows.append([peak_target, f"{peak / MB:,.0f} MB", f"{'yes' if met else 'no'}{extra}"])
    else:
        built = [m for m in r.sizes if r.phase(m, "build")]
        largest = (
            f"; the {max(built):,}-letter build peaked at {r.phase(max(built), 'build')['peak_rss'] / MB:,.0f} MB"
            if built
            else ""
        )  # type: ignore[index]
        rows.append([peak_target, f"not measured{largest}", "–"])
    for n, key in ((10000, "query_10k_ms"), (100000, "query_100k_ms")):
        limit = TARGETS[key]
        target = f"Canned queries at {n:,} letters < {limit:g} ms median"
        meds = _q_medians(r, n) if n in r.sizes else {}
        if not meds:
            rows.append([target, "not measured", "–"])
            continue
        worst = max(meds, key=meds.__getitem__)
        slow = [
            f"{k} {v:,.0f} ms" for k, v in sorted(meds.items(), key=lambda kv: -kv[1]) if v >= limit
        ]
        met = not slow
        extra = "" if met else " — over: " + ", ".join(slow)
        rows.append(
            [
                target,
                f"slowest {worst} {meds[worst]:,.1f} ms (a stopped query counts as its timeout); "
                f"{len(meds)} queries",
                f"{'yes' if met else 'no'}{extra}",
            ]
        )
    n = 10000
    if n in r.sizes and _ok(r.phase(n, "build")):
        ours = _d(r.phase(n, "build"), "seconds")
        base = r.base(n, _build_validate)
        rt = ratio_text(base, ours)
        met = base.seconds is not None and base.seconds / ours >= TARGETS["speedup_10k"]
        rows.append(["≥ 10× the baseline for build+validate at 10,000", rt, "yes" if met else "no"])
        meds = _q_medians(r, n)
        ratios = []
        for name, med in meds.items():
            b = r.base(n, _query(name))
            if b.seconds is not None and med:
                ratios.append((b.seconds * 1000 / med, name, b.kind))
        if ratios:
            low = min(ratios)
            geo = math.exp(sum(math.log(x[0]) for x in ratios) / len(ratios))
            under = [f"{nm} {x:.1f}×" for x, nm, _k in sorted(ratios) if x < TARGETS["speedup_10k"]]
            met = not under
            extra = "" if met else " — under 10×: " + ", ".join(under)
            rows.append(
                [
                    "≥ 10× the baseline for queries at 10,000",
                    f"lowest {low[1]} {low[0]:.1f}×, geometric mean {geo:.0f}×",
                    f"{'yes' if met else 'no'}{extra}",
                ]
            )
    else:
        rows.append(["≥ 10× the baseline at 10,000 letters", "not measured", "–"])
    g = _growth_rows(r)
    build_growth = [row for row in g if row[0] == "build"]
    if build_growth and len(r.sizes) > 1:
        ratios = build_growth[0][2]
        txt = ", ".join(f"{a:,}→{b:,}: {x:.2f}" for a, b, x in ratios)
        met = all(x < 1.5 for _a, _b, x in ratios)
        rows.append(
            [
                "Growth about linear (build time per letter, larger/smaller)",
                txt,
                "yes" if met else "no",
            ]
        )
    _table(w, ["Target", "Measured", "Met?"], "lll", rows)


def _projected_build(r: Results, n: int) -> tuple[float, int] | None:
    """Seconds to build ``n`` letters from the CPU time per letter at the largest measured
    size, spread over its worker processes (an uncontended, linear projection)."""
    for m in sorted(r.sizes, reverse=True):
        ph = r.phase(m, "build")
        if m < n and _ok(ph):
            return _d(ph, "cpu_seconds") / m * n / max(1, _d(ph, "jobs", 1)), m
    return None


def _extract(w: Any, r: Results) -> None:
    w("## Extract\n")
    w(
        "`kg.extract.extract_path` on every letter, in worker processes; records are discarded in the workers. Baseline: the same extractor in one process (the baseline's load step).\n"
    )
    rows = []
    for n in r.sizes:
        ph = r.phase(n, "extract")
        sec = _d(ph, "seconds")
        base = r.base(
            n,
            lambda d: (
                (d.get("load") or {}).get("extract_seconds"),
                bool((d.get("load") or {}).get("timed_out")),
            ),
        )
        rows.append(
            [
                f"{n:,}",
                _phase_cell(ph, _num(sec)),
                _num(n / sec) if sec else "–",
                _d(ph, "jobs", "–"),
                _num(_d(ph, "cpu_seconds")),
                _d(ph, "failed", "–"),
                _mb(ph and ph["peak_rss"]),
                base.text(),
                ratio_text(base, sec),
            ]
        )
    header = ["Letters", "Seconds", "Letters/s", "Jobs", "CPU s", "Failed", "Peak MB"]
    _table(w, [*header, "Baseline (1 process)", "Ratio"], "r" * 9, rows)


def _build(w: Any, r: Results) -> None:
    w("## Build and validate\n")
    w(
        "`kg.graph.builder` into an on-disk Oxigraph store: extract, map, validate each letter (core SHACL in pySHACL, integrity rules as SPARQL on Oxigraph) and write it in its own named graph. CPU is the build process and its workers.\n"
    )
    rows = []
    for n in r.sizes:
        ph = r.phase(n, "build")
        sec = _d(ph, "seconds")
        cpu = _d(ph, "cpu_seconds")
        rows.append(
            [
                f"{n:,}",
                _phase_cell(ph, _num(sec)),
                _num(n / sec) if sec else "–",
                _num(cpu / n * 1000) if cpu else "–",
                _num(cpu / max(1, _d(ph, "jobs", 1))) if cpu else "–",
                f"{_d(ph, 'quads', 0):,}",
                _mb(_d(ph, "store_bytes")),
                _d(ph, "added", "–"),
                _d(ph, "invalid", "–"),
                _d(ph, "failed", "–"),
                _mb(ph and ph["peak_rss"]),
            ]
        )
    header = ["Letters", "Seconds", "Letters/s", "CPU ms/letter", "CPU s / jobs", "Quads"]
    header += ["Store MB", "Added", "Invalid", "Failed", "Peak MB"]
    _table(w, header, "r" * 11, rows)
    w(
        "`kg.validation.validate_store` over the built store (core SHACL per letter graph, then every integrity rule once over the store on Oxigraph):\n"
    )
    rows = []
    for n in r.sizes:
        ph = r.phase(n, "validate")
        sec = _d(ph, "seconds")
        rows.append(
            [
                f"{n:,}",
                _phase_cell(ph, _num(sec)),
                _num(sec / n * 1000) if sec else "–",
                _d(ph, "graphs", "–"),
                _d(ph, "violations", "–"),
                _d(ph, "warnings", "–"),
                _mb(ph and ph["peak_rss"]),
            ]
        )
    header = ["Letters", "Seconds", "ms/letter", "Graphs", "Violations", "Warnings", "Peak MB"]
    _table(w, header, "r" * 7, rows)
    w(
        "Baseline: extract and map every letter in one process into one rdflib Graph (load), then pyshacl once over the whole graph with every shape (validate). Ratio = (load + validate) / our build (which validates every letter); the last column also adds our `validate_store`.\n"
    )
    rows = []
    for n in r.sizes:
        load = r.base(n, lambda d: _step(d, "load"))
        add = r.base(n, lambda d: ((d.get("load") or {}).get("add_seconds"), False))
        val = r.base(n, lambda d: _step(d, "validate"))
        total = r.base(n, _build_validate)
        bd = r.baseline_data(n)
        peak = (
            max(
                (
                    (bd.get("load") or {}).get("peak_rss") or 0,
                    (bd.get("validate") or {}).get("peak_rss") or 0,
                )
            )
            if bd
            else None
        )
        triples = (bd.get("load") or {}).get("triples") if bd else None
        ours = _d(r.phase(n, "build"), "seconds")
        vs = _d(r.phase(n, "validate"), "seconds")
        rows.append(
            [
                f"{n:,}",
                load.text(),
                add.text(),
                val.text(),
                f"{triples:,}" if triples else "–",
                _mb(peak),
                ratio_text(total, ours),
                ratio_text(total, (ours or 0) + (vs or 0)),
            ]
        )
    header = ["Letters", "Load", "of which rdflib add", "pyshacl whole graph", "Triples"]
    header += ["Peak MB", "Ratio vs build", "Ratio vs build + validate_store"]
    _table(w, header, "r" * 8, rows)


def _queries(w: Any, r: Results) -> None:
    w("## Canned queries\n")
    w(
        "Every `queries/*.rq`, run through `kg.queries.run` (parameters bound as on the command line; `letter` is asked for one letter by reference, the others over the whole graph with their default parameters). Ours: one cold run, then median and p95 of the timed repeats, on the on-disk store. Baseline: the same call on the rdflib Graph (rdflib's SPARQL engine), one cold run and up to the baseline repeats within the query timeout.\n"
    )
    for n in r.sizes:
        ph = r.phase(n, "queries")
        qs = _d(ph, "queries", {}) or {}
        w(f"### {n:,} letters\n")
        if not qs:
            w(f"{_phase_cell(ph, 'not measured')}\n")
            continue
        rows = []
        bq = (r.baseline_data(n) or {}).get("queries") or {}
        for name, q in sorted(qs.items()):
            b = r.base(n, _query(name))
            med = q.get("median_ms")
            err = (bq.get(name) or {}).get("error")
            btext = "rdflib error (see notes)" if err else b.text("ms")
            rtext = "–" if err else ratio_text(b, med / 1000 if med else None)
            if q.get("timed_out"):
                med = None
                q = {**q, "rows": "–", "first_ms": None}
                rtext = "–"
                btext = f"(ours stopped: > {q['timeout']:g} s) " + btext
            rows.append(
                [
                    name,
                    _rows(q.get("rows")),
                    _num(med),
                    _num(q.get("p95_ms")),
                    _num(q.get("first_ms")),
                    q.get("repeats", "–"),
                    btext,
                    rtext,
                ]
            )
        header = ["Query", "Rows", "Median ms", "p95 ms", "Cold ms", "Runs", "Baseline median"]
        _table(w, [*header, "Ratio"], "l" + "r" * 7, rows)


def _rows(x: Any) -> str:
    return f"{x:,}" if isinstance(x, int) else "–"


def _export(w: Any, r: Results) -> None:
    w("## Export\n")
    w(
        "`kg.graph.export(store, fmt)`: Turtle of the merged graph (Oxigraph's Turtle writer above 50,000 triples); JSON-LD of the dataset, one node per named graph, each compacted by rdflib with the project context, written graph by graph. Baseline: rdflib's serialisers on the in-memory Graph.\n"
    )
    rows = []
    for n in r.sizes:
        t, j = r.phase(n, "export_turtle"), r.phase(n, "export_jsonld")
        ts, js = _d(t, "seconds"), _d(j, "seconds")
        bt = r.base(n, lambda d: _step(d, "export_turtle"))
        bj = r.base(n, lambda d: _step(d, "export_jsonld"))
        rows.append(
            [
                f"{n:,}",
                _phase_cell(t, _num(ts)),
                _mb(_d(t, "bytes")),
                _phase_cell(j, _num(js)),
                _mb(_d(j, "bytes")),
                f"{_mb(t and t['peak_rss'])} / {_mb(j and j['peak_rss'])}",
                bt.text(),
                ratio_text(bt, ts),
                bj.text(),
                ratio_text(bj, js),
            ]
        )
    header = ["Letters", "Turtle s", "Turtle MB", "JSON-LD s", "JSON-LD MB"]
    header += [
        "Peak MB (Turtle / JSON-LD)",
        "Baseline Turtle",
        "Ratio",
        "Baseline JSON-LD",
        "Ratio",
    ]
    _table(w, header, "r" * 10, rows)


def _templates(w: Any, r: Results) -> None:
    w("## Template detection\n")
    w(
        "`kg.templates`: the letters' text read from the store, then MinHash/LSH clustering of paragraphs. Baseline: every pair of distinct normalised paragraphs compared with rapidfuzz (`benchmarks/baseline.py`), stopped after its budget and extrapolated in pairs when it did not finish.\n"
    )
    rows = []
    for n in r.sizes:
        ph = r.phase(n, "templates")
        sec = _d(ph, "seconds")

        def get(d: dict[str, Any]) -> tuple[float | None, bool]:
            return d.get("seconds"), False

        b = r.base(n, get, "templates_baseline")
        tb = r.phase(n, "templates_baseline")
        if tb and tb.get("data", {}).get("extrapolated") and b.kind == "measured":
            b = BT(b.seconds, "extrapolated", "pairs")
        elif b.kind == "extrapolated":  # all pairs grow faster than linearly: a lower bound
            b = BT(b.seconds, "skipped", b.note)
        distinct = (tb or {}).get("data", {}).get("paragraphs") if tb else None
        rows.append(
            [
                f"{n:,}",
                _phase_cell(ph, _num(sec)),
                _num(_d(ph, "load_seconds")),
                _num(_d(ph, "detect_seconds")),
                _d(ph, "paragraphs", "–"),
                _d(ph, "templates", "–"),
                _mb(ph and ph["peak_rss"]),
                b.text(),
                distinct if distinct is not None else "–",
                ratio_text(b, sec),
            ]
        )
    header = ["Letters", "Seconds", "Load s", "Detect s", "Paragraphs", "Templates", "Peak MB"]
    header += ["Baseline (all pairs)", "Distinct paragraphs", "Ratio"]
    _table(w, header, "r" * 10, rows)


_PHASES = (
    ("extract", "extract"),
    ("build", "build"),
    ("validate", "validate_store"),
    ("queries", "queries"),
    ("export_turtle", "export Turtle"),
    ("export_jsonld", "export JSON-LD"),
    ("templates", "templates"),
)


def _memory(w: Any, r: Results) -> None:
    w("## Peak memory (MB)\n")
    w(
        "High-water mark of each phase's whole process tree (phase process plus its workers), sampled every 50 ms. Baseline steps run in one process, so a later step's figure includes the graph loaded before it.\n"
    )
    rows = []
    for key, label in _PHASES:
        cells = [label]
        for n in r.sizes:
            ph = r.phase(n, key)
            cells.append(_mb(ph["peak_rss"]) if ph else "–")
        rows.append(cells)
    for step in ("load", "validate", "export_turtle", "export_jsonld"):
        cells = [f"baseline {step.replace('_', ' ')}"]
        for n in r.sizes:
            bd = r.baseline_data(n)
            cells.append(_mb(((bd or {}).get(step) or {}).get("peak_rss")) if bd else "–")
        rows.append(cells)
    _table(w, ["Phase", *(f"{n:,}" for n in r.sizes)], "l" + "r" * len(r.sizes), rows)


def _per_letter(r: Results, n: int, key: str) -> float | None:
    ph = r.phase(n, key)
    if key == "queries":
        meds = _q_medians(r, n)
        return sum(meds.values()) / 1000 if meds else None
    sec = _d(ph, "seconds")
    return sec / n if sec else None


def _growth_rows(r: Results) -> list[tuple[str, list[float | None], list[tuple[int, int, float]]]]:
    rows = []
    for key, label in _PHASES:
        per = [_per_letter(r, n, key) for n in r.sizes]
        ratios = []
        for i in range(1, len(r.sizes)):
            a, b = per[i - 1], per[i]
            if a and b:
                ratios.append((r.sizes[i - 1], r.sizes[i], b / a))
        rows.append((key if key != "validate" else "validate", per, ratios))
        del label
    return rows


def _growth(w: Any, r: Results) -> None:
    w("## Growth\n")
    w(
        "Time per letter at each size, and its ratio between consecutive sizes: 1.0 is linear growth in total time, 2.0 means the time per letter doubled. For queries the figure is the sum of the medians of all canned queries in seconds, not per letter: a whole-graph report grows with the graph, so compare its ratio with the growth in letters (10× between sizes here).\n"
    )
    rows = []
    labels = dict(_PHASES)
    for key, per, ratios in _growth_rows(r):
        unit = "s total" if key == "queries" else "ms/letter"
        cells = [
            "–" if p is None else (_num(p) + " s" if key == "queries" else _num(p * 1000))
            for p in per
        ]
        txt = ", ".join(f"{a:,}→{b:,}: {x:.2f}" for a, b, x in ratios) or "–"
        rows.append([f"{labels[key]} ({unit})", *cells, txt])
    header = ["Phase", *(f"{n:,}" for n in r.sizes), "Ratios"]
    _table(w, header, "l" + "r" * len(r.sizes) + "l", rows)


def _breakdown(w: Any, r: Results) -> None:
    w("## Where the time goes\n")
    w(
        "A sample of letters taken one by one through the stages of `kg.graph.builder` in one "
        "process, CPU milliseconds per letter: load and extract, then the graph stages of "
        "`benchmarks/build_bench.py` (map, the validator's view of the triples, N-Triples, "
        "validation in batches of 32, bulk writes of 1,000 letters to an on-disk store), "
        "validation split into core SHACL (pySHACL) and the integrity rules (SPARQL on "
        "Oxigraph, once per batch). The build's workers run everything but `write` in "
        "parallel.\n"
    )
    stages = (
        "load",
        "extract",
        "map",
        "view",
        "shacl_core",
        "integrity_rules",
        "serialise",
        "write",
    )
    rows = []
    last = None
    for n in r.sizes:
        ph = r.phase(n, "breakdown")
        ms = _d(ph, "ms_per_letter")
        if not ms:
            continue
        last = ph
        rows.append(
            [
                f"{n:,} ({_d(ph, 'sample')})",
                *(_num(ms.get(s)) for s in stages),
                _num(sum(ms.values())),
            ]
        )
    _table(w, ["Letters (sample)", *stages, "total"], "l" + "r" * (len(stages) + 1), rows)
    if last and _d(last, "extract_steps_ms"):
        steps = _d(last, "extract_steps_ms")
        w("Extraction steps (`benchmarks/extract_throughput.py`'s `per_step`, ms per letter):\n")
        _table(w, list(steps), "r" * len(steps), [[_num(v) for v in steps.values()]])
    if last:
        w("Top functions by own time in that sample (cProfile, largest size):\n")
        rows = [
            [f"`{f['function']}`", f"{f['calls']:,}", f"{f['tottime']:.3f}", f"{f['cumtime']:.3f}"]
            for f in _d(last, "top_functions", [])
        ]
        _table(w, ["Function", "Calls", "Own s", "Cumulative s"], "lrrr", rows)


_PHASE_KEYS = {
    "export": "export_turtle",
    "jsonld": "export_jsonld",
}


def _phase_done(size: dict[str, Any], phase: str) -> bool:
    return bool(size.get(_PHASE_KEYS.get(phase, phase)))


def _notes(w: Any, r: Results) -> None:
    notes = [
        "Each phase measures the code as it is on disk when the phase starts; the commit "
        "above is the one at the start of the run, and work in progress elsewhere in the tree "
        "may have changed modules between phases and sizes."
    ]
    for n in r.sizes:
        size = r.size(n)
        skipped = _d(size.get("build"), "skipped", 0)
        if skipped:
            notes.append(
                f"At {n:,} letters the build skipped {skipped:,} generated letters identical to "
                "earlier ones (same file content); the others were added."
            )
        if size.get("baseline_skipped") or not size.get("baseline"):
            m = r._measured_below(n, "baseline")
            src = f"from {m:,} letters" if m else "(no smaller size measured)"
            notes.append(
                f"At {n:,} letters the naive baseline was not run (it would take hours); "
                f"its figures are extrapolated linearly per letter {src} and labelled "
                "'extrapolated'. Whole-graph pySHACL and rdflib queries grow faster than linearly, "
                "so these are lower bounds and the ratios conservative."
            )
        for key, ph in size.items():
            if isinstance(ph, dict) and ph.get("error"):
                notes.append(f"At {n:,} letters, phase {key}: {ph['error']}.")
            if isinstance(ph, dict) and ph.get("note"):
                notes.append(f"At {n:,} letters, phase {key}: {ph['note']}.")
        for name, q in sorted((_d(size.get("queries"), "queries", {}) or {}).items()):
            if q.get("timed_out"):
                notes.append(
                    f"At {n:,} letters our query {name} was stopped after {q['timeout']:g} s "
                    "(`--our-query-timeout`); the targets count it as taking that long."
                )
        planned = size.get("phases")
        if planned:
            missing = [p for p in planned if p != "build" and not _phase_done(size, p)]
            if missing:
                notes.append(
                    f"At {n:,} letters these phases did not run before the results were "
                    f"committed (time): {', '.join(missing)}."
                )
        bd = r.baseline_data(n)
        if bd:
            for step in ("load", "validate", "export_turtle", "export_jsonld"):
                st = bd.get(step) or {}
                if st.get("skipped_after"):
                    notes.append(
                        f"At {n:,} letters the baseline {step.replace('_', ' ')} was not run: on "
                        f"{st['skipped_after']:,} letters it timed out or, scaled linearly, would take over "
                        f"twice its {st.get('timeout'):g} s timeout here; its figure is a lower bound (the "
                        "larger of the timeout and that linear scaling)."
                    )
                elif st.get("timed_out"):
                    notes.append(
                        f"At {n:,} letters the baseline {step.replace('_', ' ')} was stopped after "
                        f"{st.get('timeout'):g} s (timed out); its ratio is a lower bound."
                    )
            for name, q in sorted((bd.get("queries") or {}).items()):
                if q.get("skipped_after"):
                    notes.append(
                        f"At {n:,} letters the baseline query {name} was not run: on {q['skipped_after']:,} "
                        f"letters it timed out or, scaled linearly, would take over twice the "
                        f"{q.get('timeout'):g} s timeout here; its figure is a lower bound."
                    )
                elif q.get("timed_out"):
                    notes.append(
                        f"At {n:,} letters the baseline query {name}: > {q.get('timeout'):g} s (timed out)."
                    )
                elif q.get("error"):
                    notes.append(
                        f"At {n:,} letters rdflib could not run the query {name}: `{q['error']}`."
                    )
        tb = r.phase(n, "templates_baseline")
        if tb and (tb.get("data") or {}).get("extrapolated"):
            d = tb["data"]
            notes.append(
                f"At {n:,} letters the all-pairs template baseline compared {d['pairs_done']:,} of "
                f"{d['pairs']:,} pairs in {d['measured_seconds']:.0f} s; its time is extrapolated "
                "linearly in pairs."
            )
    if notes:
        w("## Notes\n")
        for note in notes:
            w(f"- {note}")
        w("")
