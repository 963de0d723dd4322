"""Realistic FOI response letters at any size, by varying the sample and invented letters.

``generate_letters(n, seed, out_dir)`` writes ``n`` letters under ``out_dir`` and returns their
paths in order. Letter ``i`` depends only on ``(seed, i)``, so the first 1,000 letters of a
100,000-letter set are the 1,000-letter set, and a rerun with the same seed rewrites nothing.
Letters are written one at a time (never all texts in memory); 1,000 per subfolder.

Each letter starts from one of the source letters (``examples/letters`` and
``tests/letters/invented``: tables, "Q1 response:", interleaved answers, narrative, NCND with
harm and public-interest tests, e-mail threads, bilingual headers) and varies:

* the force: every name of the source's force (gazetteer names, longest first, whole words,
  upper case kept) becomes a force drawn from ``kg.gazetteer.forces()``; Welsh header lines
  are dropped for a force outside Wales;
* the dates: every full date (``2nd March 2021``, ``March 5, 2022``, ``01/02/2019``) moves by
  a whole number of years and a few days, year-only mentions and financial years by the same
  years, except in paragraphs about the terrorism threat level (their years are history);
* the reference: a new one in one of several styles, unique to the letter;
* the requester's name; the figures disclosed (money, watch-list sizes, alerts, arrests,
  searches, deployment table cells), statutory cost limits kept;
* the answer layout (``Q1 response:`` or ``Response to Q1:``) and, sometimes, one more
  question added to the request (left unanswered, as letters sometimes do).
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE_DIRS = (ROOT / "examples" / "letters", ROOT / "tests" / "letters" / "invented")
GENERATOR_VERSION = 1
PER_FOLDER = 1000
MANIFEST = ".generated.json"

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_MONTH = "|".join(MONTHS)
_FULL_DATE = re.compile(
    rf"\b(?P<d1>\d{{1,2}})(?P<o1>st|nd|rd|th)? (?P<m1>{_MONTH}),? (?P<y1>\d{{4}})\b"
    rf"|\b(?P<m2>{_MONTH}) (?P<d2>\d{{1,2}})(?P<o2>st|nd|rd|th)?, (?P<y2>\d{{4}})\b"
    r"|\b(?P<d3>\d{2})/(?P<m3>\d{2})/(?P<y3>\d{4})\b"
    r"|\b(?P<fy1>20[012]\d)(?P<fsep>[/-])(?P<fy2>\d{2}(?:\d{2})?)\b(?![/-]\d)"
    r"|(?<![\d/£,.-])(?P<y4>20[12]\d)(?![\d/,.-]\d)"
)
_MONEY = re.compile(r"£(?P<num>\d{1,3}(?:,\d{3})+|\d+)(?P<dec>\.\d{2})?")
_COUNT = re.compile(
    r"\b(?P<num>\d{1,3}(?:,\d{3})+|\d+)(?P<sp> )"
    r"(?P<what>false alerts?|alerts?|arrests?|searches|stops?|people|images"
    r"|retrospective searches)\b"
)
_WATCH = re.compile(
    r"(?P<pre>watch[- ]?list(?: size)?(?: of)?:? )(?P<num>\d{1,3}(?:,\d{3})+|\d+)", re.I
)
_TITLE_NAME = re.compile(r"\b(?P<t>Mr|Ms|Mrs|Miss|Dr) (?P<n>[A-Z][a-z]+)\b")
_Q_LINE = re.compile(
    r"^(?P<pre>[ \t]*)(?P<q>Q?)(?P<num>\d{1,2})(?P<suf>[.):]?)[ \t]+\S.*\?[ \t]*$", re.M
)
_Q_RESPONSE = re.compile(r"^(?P<qs>Q\d+[a-z]?(?: and Q\d+[a-z]?)*) response:", re.M)
_THREAT = re.compile(r"threat|terroris", re.I)
_WELSH = re.compile(
    r"\b(Heddlu|Swyddfa|Pencadlys|Cyf|Cais|Rhif|Cyfeirnod|Dyddiad|Yn gywir|Uned|Gwybodaeth)\b"
)
COST_LIMITS = {"450", "600", "25", "18"}
SURNAMES = [
    "Smith",
    "Jones",
    "Taylor",
    "Brown",
    "Williams",
    "Wilson",
    "Johnson",
    "Davies",
    "Patel",
    "Wright",
    "Khan",
    "Evans",
    "Thomas",
    "Roberts",
    "Walker",
    "Ahmed",
    "Hughes",
    "Edwards",
    "Green",
    "Lewis",
    "Hall",
    "Clarke",
    "Singh",
    "Murphy",
    "Campbell",
    "Kaur",
    "Okafor",
    "Nowak",
    "Kowalski",
    "Hussain",
    "Begum",
    "Wood",
    "Turner",
    "Hill",
    "Moore",
    "Cooper",
    "Ward",
    "Morris",
]
EXTRA_QUESTIONS = (
    "Does the force hold a data protection impact assessment for facial recognition?",
    "How many complaints about facial recognition has the force received since 2019?",
    "Has the force shared custody images with a private company for facial matching?",
    "Which body oversees the force's use of biometric technology?",
    "Does the force plan to use retrospective facial recognition on CCTV footage?",
    "How many officers are trained to operate facial recognition systems?",
    "Has the force carried out an equality impact assessment of facial recognition?",
    "Please provide the force's policy on retention of facial images.",
)


# -- the sources ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    path: Path
    text: str
    force_names: tuple[str, ...]  # names of the source's force found in it, longest first
    reference: str | None
    year: int | None  # year of the response date, for a plausible shift


def source_paths() -> list[Path]:
    return sorted(p for d in SOURCE_DIRS for p in d.glob("*.txt"))


@lru_cache(maxsize=1)
def sources() -> tuple[Source, ...]:
    """The source letters with what is varied in them, read once per process."""
    from kg.extract import extract_path
    from kg.gazetteer import by_id

    out = []
    for path in source_paths():
        text = path.read_text(encoding="utf-8")
        rec = extract_path(path)
        names: tuple[str, ...] = ()
        if rec.force is not None and rec.force.id:
            body = by_id(rec.force.id)
            if body is not None:
                found = {n for n in body.names if re.search(rf"\b{re.escape(n)}\b", text, re.I)}
                names = tuple(sorted(found, key=len, reverse=True))
        year = int(rec.response_date[:4]) if rec.response_date else None
        ref = rec.reference if rec.reference and rec.reference in text else None
        out.append(Source(path, text, names, ref, year))
    return tuple(out)


@lru_cache(maxsize=1)
def _forces() -> tuple[tuple[str, str, tuple[str, ...], str], ...]:
    """(id, name, short names, country) of the forces in the gazetteer, territorial forces
    listed four times so that they answer most letters, as they do."""
    from kg.gazetteer import forces

    out = []
    for body in forces():
        short = tuple(
            a
            for a in body.alt_names
            if not re.search("police|constabulary|service|agency", a, re.I)
        )
        out += [(body.id, body.name, short, body.country)] * (
            4 if body.kind == "territorial" else 1
        )
    return tuple(out)


# -- one letter ----------------------------------------------------------------------------------


def _shift_full(d: date, years: int, days: int) -> date:
    try:
        moved = d.replace(year=d.year + years)
    except ValueError:  # 29 February
        moved = d.replace(year=d.year + years, day=28)
    return moved + timedelta(days=days)


def _ordinal(day: int) -> str:
    if 11 <= day % 100 <= 13:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def shift_dates(text: str, years: int, days: int) -> str:
    """Move full dates by ``years`` and ``days``, years alone and financial years by
    ``years``; paragraphs about the threat level keep theirs (they are history)."""
    parts = re.split(r"(\n[ \t]*\n)", text)
    out = []
    for part in parts:
        if _THREAT.search(part):
            out.append(part)
            continue
        out.append(_FULL_DATE.sub(lambda m: _date_sub(m, years, days), part))
    return "".join(out)


def _date_sub(m: re.Match[str], years: int, days: int) -> str:
    g = m.groupdict()
    try:
        if g["d1"]:
            d = _shift_full(
                date(int(g["y1"]), MONTHS.index(g["m1"]) + 1, int(g["d1"])), years, days
            )
            suffix = _ordinal(d.day) if g["o1"] else ""
            comma = "," if "," in m.group(0) else ""
            return f"{d.day}{suffix} {MONTHS[d.month - 1]}{comma} {d.year}"
        if g["m2"]:
            d = _shift_full(
                date(int(g["y2"]), MONTHS.index(g["m2"]) + 1, int(g["d2"])), years, days
            )
            suffix = _ordinal(d.day) if g["o2"] else ""
            return f"{MONTHS[d.month - 1]} {d.day}{suffix}, {d.year}"
        if g["d3"]:
            d = _shift_full(date(int(g["y3"]), int(g["m3"]), int(g["d3"])), years, days)
            return f"{d.day:02d}/{d.month:02d}/{d.year}"
    except ValueError:  # not a real date (13/25/2020): leave it
        return m.group(0)
    if g["fy1"]:
        y1 = int(g["fy1"]) + years
        y2 = int(g["fy2"]) + years
        width = len(g["fy2"])
        return f"{y1}{g['fsep']}{y2 % (10**width):0{width}d}"
    return str(int(g["y4"]) + years)


def _fmt_int(value: int, like: str) -> str:
    return f"{value:,}" if "," in like or value >= 10000 else str(value)


def vary_figures(text: str, rng: random.Random) -> str:
    def money(m: re.Match[str]) -> str:
        raw = m.group("num").replace(",", "")
        if raw in COST_LIMITS:
            return m.group(0)
        value = int(raw)
        new = max(1, int(value * rng.uniform(0.3, 2.5)))
        step = 100 if new >= 10000 else 10 if new >= 1000 else 1
        new = max(step, round(new / step) * step)
        return f"£{new:,}{m.group('dec') or ''}"

    def count(m: re.Match[str]) -> str:
        raw = m.group("num").replace(",", "")
        value = int(raw)
        what = m.group("what")
        new = rng.randint(0, 4) if value < 5 else int(value * rng.uniform(0.4, 2.0))
        if new == 1 and what.endswith("s") and what not in ("people", "searches", "images"):
            what = what[:-1]
        elif new != 1 and what in ("alert", "arrest", "stop", "false alert"):
            what += "s"
        return f"{_fmt_int(new, m.group('num'))}{m.group('sp')}{what}"

    def watch(m: re.Match[str]) -> str:
        value = int(m.group("num").replace(",", ""))
        new = max(50, int(value * rng.uniform(0.5, 2.0)))
        return m.group("pre") + _fmt_int(new, m.group("num"))

    text = _MONEY.sub(money, text)
    text = _COUNT.sub(count, text)
    text = _WATCH.sub(watch, text)
    return _vary_tables(text, rng)


def _vary_tables(text: str, rng: random.Random) -> str:
    """Deployment table rows (a date in the first cell): new whole numbers in the other cells."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if not line.startswith("|"):
            continue
        cells = line.split("|")
        if len(cells) < 4 or not re.fullmatch(r"\s*\d{2}/\d{2}/\d{4}\s*", cells[1]):
            continue
        for j in range(2, len(cells) - 1):
            cell = cells[j].strip()
            if re.fullmatch(r"\d{1,3}(?:,\d{3})*|\d+", cell):
                value = int(cell.replace(",", ""))
                new = rng.randint(0, 5) if value < 10 else int(value * rng.uniform(0.5, 2.0))
                cells[j] = f" {_fmt_int(new, cell)} "
        lines[i] = "|".join(cells)
    return "\n".join(lines)


# Styles the forces use. (Initials-first styles such as "LC-20210315-0421" are left out: the
# extractor does not read them yet, and a letter without a reference gets a hash IRI.)
REFERENCE_STYLES = (
    "FOI {n:04d}/{yy}",
    "{n:04d}/{yyyy}",
    "FOI/{yyyy}/{n:05d}",
    "01/FOI/{yy}/{n:06d}",
    "FOI {n:06d}/{yy}",
    "{yyyy}-{n:04d}",
    "{n}/FOI/{yy}",
    "FOIA-{yyyy}-{n:05d}",
    "RFI {n:05d}/{yy}",
)


def new_reference(rng: random.Random, index: int, force_name: str, year: int) -> str:
    """A reference in one of the styles forces use; unique because it holds ``index``."""
    ini = "".join(w[0] for w in re.findall(r"[A-Za-z]+", force_name) if w[0].isupper())[:3] or "FOI"
    style = rng.choice(REFERENCE_STYLES)
    return style.format(
        n=index + 1,
        yy=f"{year % 100:02d}",
        yyyy=year,
        mm=f"{rng.randint(1, 12):02d}",
        dd=f"{rng.randint(1, 28):02d}",
        ini=ini,
    )


def replace_force(text: str, src: Source, force: tuple[str, str, tuple[str, ...], str]) -> str:
    _id, name, short, country = force
    if src.force_names:
        alts = "|".join(re.escape(n) for n in src.force_names)

        def sub(m: re.Match[str]) -> str:
            found = m.group(0)
            official = len(found.split()) > 1 or re.search(r"police|constabulary", found, re.I)
            new = name if official or not short else short[0]
            return new.upper() if found.isupper() and len(found) > 4 else new

        # a joint unit ("Norfolk and Suffolk Constabularies") becomes the one new force
        joint = (
            rf"\b(?:{alts}) and [A-Z][a-z]+(?: [A-Z][a-z]+)? "
            r"(?:Constabularies|Police|Constabulary)\b"
        )
        text = re.sub(joint, name, text)
        text = re.sub(rf"\b(?:{alts})\b", sub, text, flags=re.I)
    if country != "Wales":
        kept = []
        for line in text.split("\n"):
            if _WELSH.search(line):
                if " / " in line:
                    line = line.split(" / ", 1)[1]
                    if _WELSH.search(line):
                        continue
                else:
                    continue
            kept.append(line)
        text = "\n".join(kept)
    # a bilingual header ("Heddlu Gwent" above "Gwent Police") now names the force twice
    return re.sub(r"^(.+)\n\1$", r"\1", text, flags=re.M)


def add_question(text: str, rng: random.Random) -> str:
    """One more question after the last numbered question of the request."""
    last = None
    for m in _Q_LINE.finditer(text):
        last = m
    if last is None:
        return text
    num = int(last.group("num")) + 1
    number = f"{last.group('pre')}{last.group('q')}{num}{last.group('suf')}"
    line = f"{number} {rng.choice(EXTRA_QUESTIONS)}"
    return text[: last.end()] + "\n" + line + text[last.end() :]


def letter_text(index: int, seed: int) -> tuple[str, str]:
    """(force id, text) of letter ``index``: a function of ``(seed, index)`` only."""
    rng = random.Random(f"{seed}:{index}")
    src = rng.choice(sources())
    force = rng.choice(_forces())
    base_year = src.year or 2021
    lo, hi = max(-4, 2016 - base_year), min(4, 2025 - base_year)
    years = rng.randint(lo, hi) if lo <= hi else 0
    days = rng.randint(-20, 20)
    text = src.text
    if src.reference:
        year = base_year + years
        text = text.replace(src.reference, new_reference(rng, index, force[1], year))
    text = shift_dates(text, years, days)
    text = replace_force(text, src, force)
    names: dict[str, str] = {}

    def person(m: re.Match[str]) -> str:
        new = names.setdefault(m.group("n"), rng.choice(SURNAMES))
        return f"{m.group('t')} {new}"

    text = _TITLE_NAME.sub(person, text)
    for old, new in names.items():
        text = re.sub(rf"\b{re.escape(old)}\b", new, text)
    text = vary_figures(text, rng)
    if rng.random() < 0.5:
        text = _Q_RESPONSE.sub(lambda m: f"Response to {m.group('qs')}:", text)
    if rng.random() < 0.3:
        text = add_question(text, rng)
    return force[0], text


def letter_path(out_dir: Path, index: int, force_id: str) -> Path:
    return out_dir / f"{index // PER_FOLDER:03d}" / f"{index:06d}-{force_id}.txt"


def iter_letters(n: int, seed: int) -> Iterator[tuple[int, str, str]]:
    """(index, force id, text) for letters 0..n-1, generated one at a time."""
    for i in range(n):
        force_id, text = letter_text(i, seed)
        yield i, force_id, text


def generate_letters(n: int, seed: int, out_dir: str | Path) -> list[Path]:
    """Write letters 0..n-1 under ``out_dir`` (streamed, one file at a time); their paths.

    A folder already holding at least ``n`` letters of the same seed and generator version is
    reused as it is."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    manifest = out / MANIFEST
    meta = {"seed": seed, "version": GENERATOR_VERSION, "count": 0, "files": []}
    if manifest.exists():
        old = json.loads(manifest.read_text(encoding="utf-8"))
        if old.get("seed") == seed and old.get("version") == GENERATOR_VERSION:
            meta = old
    files: list[str] = list(meta["files"])
    if len(files) >= n:
        return [out / f for f in files[:n]]
    for i in range(len(files), n):
        force_id, text = letter_text(i, seed)
        path = letter_path(out, i, force_id)
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        files.append(str(path.relative_to(out)))
    meta.update(count=len(files), files=files)
    manifest.write_text(json.dumps(meta), encoding="utf-8")
    return [out / f for f in files[:n]]


def main(argv: list[str] | None = None) -> int:
    import argparse

    ap = argparse.ArgumentParser(
        prog="python -m benchmarks.generate", description=__doc__.splitlines()[0]
    )
    ap.add_argument("n", type=int, help="number of letters")
    ap.add_argument("out_dir", type=Path, help="folder to write them under")
    ap.add_argument("--seed", type=int, default=7, help="seed (default 7)")
    ns = ap.parse_args(argv)
    paths = generate_letters(ns.n, ns.seed, ns.out_dir)
    print(f"{len(paths)} letters under {ns.out_dir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
