"""Field-by-field accuracy of the extractor on held-out letters: ``python -m benchmarks.accuracy``.

The held-out letters (``tests/letters/heldout/``) were written for this evaluation, for forces
that have no letter elsewhere in the repository, and each has a ``<letter>.expected.yaml``
written by hand from the letter text. The five sample letters (``examples/letters/``) are scored
too, from hand-written ``tests/letters/heldout/samples/<letter>.expected.yaml``.
``--dir PATH`` scores another folder of letters with expected files instead (for example the
second held-out set, ``tests/letters/heldout2/``).

The extractor runs without curation sidecars (``curate=False``): this measures the rules, not
a person's corrections. A field absent from an expected file is not scored.

Expected-file conventions (the reason each one exists: real letters allow more than one
defensible coding, and the benchmark should only count what is unambiguous as wrong):

- ``a|b`` anywhere a value is compared (reference, kind, section, technology, status, provider
  name) accepts either value.
- Lists (questions, exemptions, technologies, providers, expenditure, urls) compare as sets:
  every expected item must be found, and every extracted item must match an expected one.
  An item marked optional (``optional: true`` in a mapping, or a trailing ``optional`` in a
  technology pair) need not be found but explains an extracted item that matches it.
- ``answers``: each expected answer ``{questions, kind}`` must match a distinct extracted answer
  and no extracted answer may be left over. ``questions: all`` is one answer to the whole
  request (its numbers must cover every top-level question and stay within the question
  list); ``questions: any`` matches on kind alone (an unnumbered request).
- ``deployments: {count, items}``: ``count`` is scored once; each item is one more score,
  found by its date (else by position) and compared on the keys it gives.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
HELDOUT = ROOT / "tests" / "letters" / "heldout"
SAMPLE_EXPECTED = HELDOUT / "samples"
SAMPLE_LETTERS = ROOT / "examples" / "letters"
SUFFIX = ".expected.yaml"

# Scored fields, in report order. "deployments" expands into a count and per-item details.
FIELDS: tuple[str, ...] = (
    "force",
    "reference",
    "request_date",
    "response_date",
    "questions",
    "answers.groups",
    "answers",
    "exemptions",
    "ncnd_covert",
    "overt_only",
    "threat_level",
    "technologies",
    "providers",
    "expenditure",
    "deployments.count",
    "deployments.items",
    "urls",
)
EXPECTED_KEYS = {
    "force",
    "reference",
    "request_date",
    "response_date",
    "questions",
    "answers",
    "exemptions",
    "ncnd_covert",
    "overt_only",
    "threat_level",
    "technologies",
    "providers",
    "expenditure",
    "deployments",
    "urls",
}
DEPLOYMENT_KEYS = (
    "date",
    "end_date",
    "watchlist_size",
    "alerts",
    "false_alerts",
    "stops",
    "arrests",
)


@dataclass
class Case:
    """One letter and its hand-written expected values."""

    name: str  # shown in the report: "heldout/h01_...md" or "samples/000_...txt"
    letter: Path
    expected_file: Path
    expected: dict[str, Any]


@dataclass
class Mismatch:
    letter: str
    field: str
    expected: Any
    got: Any


@dataclass
class Result:
    fields: dict[str, list[int]] = field(default_factory=dict)  # field -> [correct, total]
    mismatches: list[Mismatch] = field(default_factory=list)
    crashes: list[Mismatch] = field(default_factory=list)  # field "crash", got = the error
    letters: dict[str, list[int]] = field(default_factory=dict)  # letter -> [correct, total]

    @property
    def correct(self) -> int:
        return sum(c for c, _ in self.fields.values())

    @property
    def total(self) -> int:
        return sum(t for _, t in self.fields.values())

    @property
    def accuracy(self) -> float:
        return 100.0 * self.correct / self.total if self.total else 0.0

    def score(self, letter: str, name: str, ok: bool, expected: Any, got: Any) -> None:
        cell = self.fields.setdefault(name, [0, 0])
        per_letter = self.letters.setdefault(letter, [0, 0])
        cell[1] += 1
        per_letter[1] += 1
        if ok:
            cell[0] += 1
            per_letter[0] += 1
        else:
            self.mismatches.append(Mismatch(letter, name, expected, got))

    def to_dict(self) -> dict[str, Any]:
        return {
            "overall": {
                "correct": self.correct,
                "total": self.total,
                "accuracy": round(self.accuracy, 2),
            },
            "fields": {
                k: {"correct": c, "total": t, "accuracy": round(100.0 * c / t, 2) if t else None}
                for k, (c, t) in self.fields.items()
            },
            "letters": {k: {"correct": c, "total": t} for k, (c, t) in self.letters.items()},
            "mismatches": [asdict(m) for m in self.mismatches],
            "crashes": [asdict(m) for m in self.crashes],
        }


# ---------------------------------------------------------------- loading the expected values


def _plain(value: Any) -> Any:
    """YAML dates become ISO strings, so expected and extracted values compare as text."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def load_expected(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping of field names")
    unknown = set(data) - EXPECTED_KEYS
    if unknown:
        raise ValueError(f"{path}: unknown fields {sorted(unknown)}")
    ref = data.get("reference")
    if ref is not None and not isinstance(ref, str):
        # YAML reads 13457_18 as the integer 1345718: references must be quoted.
        raise ValueError(f"{path}: reference must be a quoted string, got {ref!r}")
    return _plain(data)


def cases_in(directory: Path) -> list[Case]:
    """Every letter with an expected file in one folder (``--dir``), named "<folder>/<letter>"."""
    directory = Path(directory)
    if not directory.is_dir():
        raise ValueError(f"{directory}: not a folder")
    out: list[Case] = []
    for exp in sorted(directory.glob("*" + SUFFIX)):
        letter = exp.with_name(exp.name[: -len(SUFFIX)])
        out.append(Case(f"{directory.name}/{letter.name}", letter, exp, load_expected(exp)))
    return out


def cases(*, heldout: bool = True, samples: bool = True) -> list[Case]:
    """Every letter with an expected file: the held-out letters, then the samples."""
    out: list[Case] = []
    if heldout:
        for exp in sorted(HELDOUT.glob("*" + SUFFIX)):
            letter = exp.with_name(exp.name[: -len(SUFFIX)])
            out.append(Case(f"heldout/{letter.name}", letter, exp, load_expected(exp)))
    if samples:
        for exp in sorted(SAMPLE_EXPECTED.glob("*" + SUFFIX)):
            letter = SAMPLE_LETTERS / exp.name[: -len(SUFFIX)]
            out.append(Case(f"samples/{letter.name}", letter, exp, load_expected(exp)))
    return out


# ---------------------------------------------------------------- normalisation


def _alts(value: Any) -> list[str]:
    """``"a|b"`` -> ["a", "b"]; non-strings compare as themselves."""
    if isinstance(value, str):
        return [v.strip() for v in value.split("|")]
    return [value]


def norm_text(value: Any) -> str | None:
    if value is None:
        return None
    return re.sub(r"\s+", " ", str(value)).strip().lower()


def norm_question(number: Any, parent: Any = None) -> str:
    """ "Q10a" -> "10a", "2(b)" -> "2b", "Question 3." -> "3"; a nested "a)" under "2" -> "2a"."""

    def bare(x: Any) -> str:
        s = str(x).strip().lower()
        s = re.sub(r"^(question|q)\s*", "", s)
        return re.sub(r"[\s.()\[\]:]", "", s)

    n = bare(number)
    if parent not in (None, ""):
        p = bare(parent)
        if p and not n.startswith(p):
            n = p + n
    return n


def norm_section(value: Any) -> str:
    s = str(value).strip().lower()
    s = re.sub(r"^(section|sec\.?|s\.?)\s*", "", s)
    return re.sub(r"\s+", "", s)


def norm_provider(value: Any) -> str:
    s = norm_text(value) or ""
    return s.strip(" .,;:")


def norm_url(value: Any) -> str:
    s = str(value).strip().lower()
    s = re.sub(r"^https?://", "", s)
    return s.rstrip("/.,;:)")


def norm_amount(value: Any) -> float | None:
    if value is None:
        return None
    try:
        return round(float(str(value).replace(",", "").replace("£", "")), 2)
    except ValueError:
        return None


# ---------------------------------------------------------------- set matching with alternatives


@dataclass
class Want:
    """One expected item: any of ``options`` (tuples of normalised components) will do."""

    options: list[tuple[Any, ...]]
    optional: bool = False


def _product(parts: list[list[Any]]) -> list[tuple[Any, ...]]:
    out: list[tuple[Any, ...]] = [()]
    for part in parts:
        out = [prefix + (p,) for prefix in out for p in part]
    return out


def match_set(
    wants: list[Want], got: Iterable[tuple[Any, ...]]
) -> tuple[bool, list[str], list[str]]:
    """True when every required want is found and every extracted item is explained.

    Returns (ok, missing wants shown, unexplained extracted items shown)."""
    got_set = set(got)
    allowed = {opt for w in wants for opt in w.options}
    missing = [
        " | ".join(map(_show_tuple, w.options))
        for w in wants
        if not w.optional and not (set(w.options) & got_set)
    ]
    extra = [_show_tuple(g) for g in sorted(got_set, key=repr) if g not in allowed]
    return (not missing and not extra), missing, extra


def _show_tuple(t: tuple[Any, ...]) -> str:
    return "/".join(str(x) for x in t) if len(t) > 1 else str(t[0])


# ---------------------------------------------------------------- the comparison of one letter


def _get(record: Any, name: str) -> Any:
    return getattr(record, name, None)


def compare(case: Case, record: Any, result: Result) -> None:
    """Score every field the expected file gives against one extraction record."""
    exp = case.expected
    letter = case.name
    score = result.score

    if "force" in exp:
        got = record.force.id if record.force is not None else None
        score(letter, "force", got == exp["force"], exp["force"], got)

    for name in ("reference",):
        if name in exp:
            got = _get(record, name)
            # "2022-0456|FOI 2022-0456": a reference may be read with or without its prefix.
            ok = norm_text(got) in {norm_text(a) for a in _alts(exp[name])}
            score(letter, name, ok, exp[name], got)

    for name in ("request_date", "response_date"):
        if name in exp:
            got = _get(record, name)
            got = str(got)[:10] if got else None
            score(letter, name, got == exp[name], exp[name], got)

    expected_questions = [norm_question(q) for q in exp.get("questions") or []]
    if "questions" in exp:
        got_q = {norm_question(q.number, q.parent) for q in record.questions}
        ok, missing, extra = match_set(
            [Want([(q,)]) for q in expected_questions], [(q,) for q in got_q]
        )
        score(
            letter,
            "questions",
            ok,
            sorted(expected_questions, key=_qkey),
            _diff(missing, extra, sorted(got_q, key=_qkey)),
        )

    if "answers" in exp:
        _compare_answers(letter, exp["answers"], expected_questions, record, result)

    if "exemptions" in exp:
        wants = []
        for item in exp["exemptions"] or []:
            secs = [norm_section(s) for s in _alts(str(item["section"]))]
            wants.append(
                Want([(s, bool(item.get("ncnd", False))) for s in secs], bool(item.get("optional")))
            )
        got = {(norm_section(e.section), bool(e.ncnd)) for e in record.exemptions}
        ok, missing, extra = match_set(wants, got)
        shown_exp = [
            " | ".join(map(_show_tuple, w.options)) + (" (optional)" if w.optional else "")
            for w in wants
        ]
        score(
            letter,
            "exemptions",
            ok,
            shown_exp,
            _diff(missing, extra, sorted(map(_show_tuple, got))),
        )

    for name in ("ncnd_covert", "overt_only"):
        if name in exp:
            got = bool(_get(record, name))
            score(letter, name, got == bool(exp[name]), exp[name], got)

    if "threat_level" in exp:
        got = record.threat_level.level if record.threat_level is not None else None
        score(letter, "threat_level", got == exp["threat_level"], exp["threat_level"], got)

    if "technologies" in exp:
        wants = []
        for item in exp["technologies"] or []:
            optional = len(item) > 2 and item[2] == "optional"
            wants.append(Want(_product([_alts(item[0]), _alts(item[1])]), optional))
        got = {(t.technology, t.status) for t in record.technologies}
        ok, missing, extra = match_set(wants, got)
        score(
            letter,
            "technologies",
            ok,
            [_show_item(i) for i in exp["technologies"] or []],
            _diff(missing, extra, sorted(map(_show_tuple, got))),
        )

    if "providers" in exp:
        wants = [Want([(norm_provider(a),) for a in _alts(p)]) for p in exp["providers"] or []]
        got = {(norm_provider(p.name),) for p in record.providers}
        ok, missing, extra = match_set(wants, got)
        score(
            letter,
            "providers",
            ok,
            exp["providers"],
            _diff(missing, extra, sorted(g[0] for g in got)),
        )

    if "expenditure" in exp:
        wants = [Want([(norm_amount(a),)]) for a in exp["expenditure"] or []]
        got = {(norm_amount(e.amount),) for e in record.expenditure}
        ok, missing, extra = match_set(wants, got)
        score(
            letter,
            "expenditure",
            ok,
            exp["expenditure"],
            _diff(missing, extra, sorted(g[0] for g in got if g[0] is not None)),
        )

    if "deployments" in exp:
        _compare_deployments(letter, exp["deployments"] or {}, record, result)

    if "urls" in exp:
        wants = [Want([(norm_url(u),)]) for u in exp["urls"] or []]
        got = {(norm_url(u.url),) for u in record.urls}
        ok, missing, extra = match_set(wants, got)
        score(
            letter,
            "urls",
            ok,
            exp["urls"],
            _diff(missing, extra, sorted(u.url for u in record.urls)),
        )


def _qkey(q: str) -> tuple[int, str]:
    m = re.match(r"(\d+)(.*)", q)
    return (int(m.group(1)), m.group(2)) if m else (10**6, q)


def _diff(missing: list[str], extra: list[str], got: Any) -> Any:
    """What to show as "got" for a set mismatch: the whole value, and what differs."""
    if not missing and not extra:
        return got
    return {"got": got, "missing": missing, "unexpected": extra}


def _show_item(item: list[Any]) -> str:
    return "/".join(str(x) for x in item)


def _compare_answers(
    letter: str, wanted: list[dict[str, Any]], questions: list[str], record: Any, result: Result
) -> None:
    top_level = {q for q in questions if re.fullmatch(r"\d+", q)}
    got = [(frozenset(norm_question(q) for q in a.questions), a.kind) for a in record.answers]

    def group_ok(spec: Any, group: frozenset[str]) -> bool:
        if spec == "any":
            return True
        if spec == "all":
            return bool(group) and top_level <= group and (not questions or group <= set(questions))
        return group == frozenset(norm_question(q) for q in spec)

    def assign(
        key: Callable[[dict[str, Any], tuple[frozenset[str], str]], bool],
    ) -> tuple[bool, list[str], list[str]]:
        free = list(range(len(got)))
        missing: list[str] = []
        # Specific groups claim their match before "all"/"any" can take it.
        order = sorted(wanted, key=lambda w: w["questions"] in ("all", "any"))
        for w in order:
            hit = next((i for i in free if key(w, got[i])), None)
            if hit is None:
                missing.append(_show_answer(w["questions"], w["kind"]))
            else:
                free.remove(hit)
        extra = [_show_answer(sorted(got[i][0], key=_qkey), got[i][1]) for i in free]
        return (not missing and not extra), missing, extra

    shown_got = [_show_answer(sorted(g, key=_qkey), k) for g, k in got]
    ok, missing, extra = assign(lambda w, g: group_ok(w["questions"], g[0]))
    result.score(
        letter,
        "answers.groups",
        ok,
        [_show_group(w["questions"]) for w in wanted],
        _diff(missing, extra, [s.split(" -> ")[0] for s in shown_got]),
    )
    ok, missing, extra = assign(
        lambda w, g: group_ok(w["questions"], g[0]) and g[1] in _alts(w["kind"])
    )
    result.score(
        letter,
        "answers",
        ok,
        [_show_answer(w["questions"], w["kind"]) for w in wanted],
        _diff(missing, extra, shown_got),
    )


def _show_group(spec: Any) -> str:
    return spec if isinstance(spec, str) else "[" + ",".join(str(q) for q in spec) + "]"


def _show_answer(spec: Any, kind: str) -> str:
    return f"{_show_group(spec)} -> {kind}"


def _compare_deployments(letter: str, wanted: dict[str, Any], record: Any, result: Result) -> None:
    got = list(record.deployments)
    if "count" in wanted:
        result.score(
            letter, "deployments.count", len(got) == wanted["count"], wanted["count"], len(got)
        )
    for index, item in enumerate(wanted.get("items") or []):
        match = None
        if item.get("date"):
            match = next((d for d in got if (d.date or "")[:10] == item["date"]), None)
        elif index < len(got):
            match = got[index]
        label = f"deployments.items[{item.get('date') or index}]"
        if match is None:
            result.score(letter, "deployments.items", False, {label: item}, None)
            continue
        shown = {k: getattr(match, k) for k in DEPLOYMENT_KEYS if k in item}
        wrong = {
            k: v
            for k, v in shown.items()
            if (v if k not in ("date", "end_date") else (v or "")[:10] or None) != item[k]
        }
        result.score(letter, "deployments.items", not wrong, {label: item}, shown)


# ---------------------------------------------------------------- running


def evaluate(selected: list[Case] | None = None) -> Result:
    """Extract every case's letter (no curation) and score it against its expected values."""
    from kg.extract import extract_path

    result = Result()
    for name in FIELDS:
        result.fields.setdefault(name, [0, 0])
    for case in selected if selected is not None else cases():
        try:
            record = extract_path(case.letter, curate=False)
        except Exception as exc:  # a crash is itself a finding: every expected field is wrong
            result.crashes.append(
                Mismatch(case.name, "crash", None, f"{type(exc).__name__}: {exc}")
            )
            for name in FIELDS:
                base = name.split(".")[0]
                if base in case.expected:
                    result.score(case.name, name, False, case.expected[base], "CRASH")
            continue
        compare(case, record, result)
    result.fields = {k: v for k, v in result.fields.items() if v[1]}
    return result


def render(result: Result) -> str:
    lines = [f"{'field':<20} {'correct':>7} {'total':>5} {'accuracy':>9}"]
    lines.append("-" * len(lines[0]))
    for name in FIELDS:
        if name not in result.fields:
            continue
        c, t = result.fields[name]
        lines.append(f"{name:<20} {c:>7} {t:>5} {100.0 * c / t:>8.1f}%")
    lines.append("-" * len(lines[0]))
    lines.append(f"{'OVERALL':<20} {result.correct:>7} {result.total:>5} {result.accuracy:>8.1f}%")
    lines.append("")
    lines.append("Per letter:")
    for name, (c, t) in result.letters.items():
        lines.append(f"  {name:<50} {c:>3}/{t:<3} {100.0 * c / t:5.1f}%")
    if result.crashes:
        lines.append("")
        lines.append("Crashes:")
        for m in result.crashes:
            lines.append(f"  {m.letter}: {m.got}")
    lines.append("")
    lines.append(f"Mismatches ({len(result.mismatches)}):")
    for m in result.mismatches:
        lines.append(f"  {m.letter}  {m.field}")
        lines.append(f"      expected: {json.dumps(m.expected, ensure_ascii=False, default=str)}")
        lines.append(f"      got:      {json.dumps(m.got, ensure_ascii=False, default=str)}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Field-by-field extraction accuracy on hand-annotated letters."
    )
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument(
        "--only", choices=("heldout", "samples"), help="score only one set of letters"
    )
    parser.add_argument(
        "--dir",
        type=Path,
        metavar="PATH",
        help="score the letters of this folder (each with a <letter>.expected.yaml) instead",
    )
    args = parser.parse_args(argv)
    if args.dir is not None:
        if args.only:
            parser.error("--dir and --only cannot be combined")
        try:
            selected = cases_in(args.dir)
        except ValueError as exc:
            parser.error(str(exc))
        if not selected:
            parser.error(f"{args.dir}: no *{SUFFIX} files")
    else:
        selected = cases(heldout=args.only != "samples", samples=args.only != "heldout")
    result = evaluate(selected)
    if args.json:
        print(json.dumps(result.to_dict(), indent=2, ensure_ascii=False, default=str))
    else:
        print(render(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
