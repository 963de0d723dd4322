"""Curation sidecars: a researcher's corrections that survive every rebuild.

A YAML file next to a letter, named ``<letter file name>.foi.yaml`` (``001_x.txt.foi.yaml``)
or ``<letter stem>.foi.yaml`` (``001_x.foi.yaml``), holds a mapping of record fields::

    force: west-midlands-police          # a gazetteer slug (or {id: ...})
    reference: "13457_18"
    response_date: 2019-02-01
    questions:                           # replaces the extracted list
      - {number: "1", text: "Are you currently paying for facial recognition software?"}
    answers+:                            # "+" appends to the extracted list
      - {questions: ["1"], kind: not-held, text: "Not held."}

Curated values win over extracted ones: list items get ``curated=True``, and every field a
sidecar sets is listed in ``rec.curated_fields``. A curated value's span is where its text
occurs in the letter, when it does; otherwise it has none. Anything wrong with a sidecar
(bad YAML, an unknown field, a wrong type, an unknown force or answer kind) raises
``CurationError`` with a one-line message naming the sidecar file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import fields
from pathlib import Path
from typing import Any

import yaml

from kg import terms
from kg.gazetteer import by_id
from kg.model import (
    LIST_TYPES,
    BalanceConclusion,
    ForceRef,
    LetterRecord,
    ThreatLevelClaim,
    ThreatPeriod,
)

SUFFIXES = (".foi.yaml", ".foi.yml")

OBJECT_TYPES: dict[str, type] = {"threat_level": ThreatLevelClaim, "balance": BalanceConclusion}
STRING_FIELDS = ("title", "reference", "signatory_role", "request_text")
DATE_FIELDS = ("request_date", "response_date")
BOOL_FIELDS = ("ncnd_covert", "overt_only")
# Values checked against the controlled vocabularies.
_VOCAB = {
    ("answers", "kind"): terms.ANSWER_KINDS,
    ("technologies", "technology"): terms.TECHNOLOGIES,
    ("technologies", "status"): terms.USAGE_STATUSES,
    ("ncnd", "scope"): terms.NCND_SCOPES,
}


class CurationError(Exception):
    """A sidecar that cannot be applied. ``str()`` is one line: ``"<sidecar>: <problem>"``."""

    def __init__(self, sidecar: str | Path, problem: str) -> None:
        self.source = str(sidecar)
        self.problem = " ".join(str(problem).split())
        super().__init__(f"{self.source}: {self.problem}")

    def __str__(self) -> str:
        return f"{self.source}: {self.problem}"


def find_sidecar(letter: str | Path) -> Path | None:
    """The sidecar of ``letter`` (``<name>.foi.yaml`` first, then ``<stem>.foi.yaml``)."""
    path = Path(letter)
    for suffix in SUFFIXES:
        for candidate in (path.with_name(path.name + suffix), path.with_name(path.stem + suffix)):
            if candidate.is_file():
                return candidate
    return None


def load_sidecar(sidecar: str | Path) -> dict[str, Any]:
    """The sidecar's mapping (empty for an empty file)."""
    try:
        raw = Path(sidecar).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CurationError(sidecar, f"cannot read ({exc.__class__.__name__})") from None
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise CurationError(sidecar, f"not valid YAML{where}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise CurationError(sidecar, "must be a mapping of field names to values")
    return data


def _locate(text: str, value: Any) -> tuple[int, int] | None:
    if not isinstance(value, str) or not value.strip():
        return None
    i = text.find(value.strip())
    if i < 0:
        return None
    return (i, i + len(value.strip()))


def _iso(sidecar: Path, name: str, value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()).isoformat()
        except ValueError:
            pass
    raise CurationError(sidecar, f"{name}: expected an ISO date (YYYY-MM-DD), got {value!r}")


def _item(sidecar: Path, name: str, typ: type, raw: Any, text: str) -> Any:
    if not isinstance(raw, dict):
        raise CurationError(sidecar, f"{name}: each item must be a mapping, got {raw!r}")
    allowed = {f.name for f in fields(typ)}
    unknown = sorted(set(raw) - allowed)
    if unknown:
        raise CurationError(sidecar, f"{name}: unknown key(s) {', '.join(unknown)}")
    data = dict(raw)
    for key in ("number", "parent"):
        if key in data and data[key] is not None:
            data[key] = str(data[key])
    if "questions" in data:
        qs = data["questions"]
        qs = [qs] if isinstance(qs, (str, int)) else qs
        if not isinstance(qs, list):
            raise CurationError(sidecar, f"{name}: questions must be a list of numbers")
        data["questions"] = [str(q) for q in qs]
    if "periods" in data:
        try:
            data["periods"] = [ThreatPeriod(**p) for p in data["periods"] or []]
        except TypeError as exc:
            raise CurationError(sidecar, f"{name}: bad periods ({exc})") from None
    for (field_name, key), allowed_values in _VOCAB.items():
        if field_name == name and key in data and data[key] not in allowed_values:
            raise CurationError(
                sidecar, f"{name}: {key} {data[key]!r} is not one of {', '.join(allowed_values)}"
            )
    span = data.pop("span", None)
    data.pop("curated", None)
    try:
        item = typ(**data)
    except TypeError as exc:
        raise CurationError(sidecar, f"{name}: {exc}") from None
    item.curated = True
    if span is not None:
        if not (
            isinstance(span, list) and len(span) == 2 and all(isinstance(x, int) for x in span)
        ):
            raise CurationError(sidecar, f"{name}: span must be [start, end]")
        item.span = (span[0], span[1])
    else:
        item.span = _locate(text, getattr(item, "text", None) or getattr(item, "url", None))
    return item


def apply(rec: LetterRecord, data: dict[str, Any], sidecar: str | Path) -> LetterRecord:
    """Apply a sidecar mapping to ``rec`` in place (and return it)."""
    sidecar = Path(sidecar)
    curated: list[str] = []
    for key, value in data.items():
        if not isinstance(key, str):
            raise CurationError(sidecar, f"field names must be text, got {key!r}")
        append = key.endswith("+")
        name = key[:-1].strip() if append else key
        if name in LIST_TYPES:
            if value is None:
                value = []
            if not isinstance(value, list):
                raise CurationError(sidecar, f"{key}: expected a list")
            items = [_item(sidecar, name, LIST_TYPES[name], v, rec.text) for v in value]
            setattr(rec, name, (getattr(rec, name) if append else []) + items)
        elif append:
            raise CurationError(sidecar, f"{key}: '+' appends to list fields only")
        elif name == "force":
            rec.force = _force(sidecar, value, rec.text)
        elif name in OBJECT_TYPES:
            setattr(
                rec,
                name,
                None
                if value is None
                else _item(sidecar, name, OBJECT_TYPES[name], value, rec.text),
            )
        elif name in STRING_FIELDS:
            if value is not None and not isinstance(value, (str, int, float)):
                raise CurationError(sidecar, f"{name}: expected text, got {value!r}")
            text_value = None if value is None else str(value)
            setattr(rec, name, text_value)
            _set_span(rec, name, _locate(rec.text, text_value))
        elif name in DATE_FIELDS:
            iso = _iso(sidecar, name, value)
            setattr(rec, name, iso)
            _set_span(rec, name, None)
        elif name in BOOL_FIELDS:
            if not isinstance(value, bool):
                raise CurationError(sidecar, f"{name}: expected true or false, got {value!r}")
            setattr(rec, name, value)
        else:
            raise CurationError(sidecar, f"unknown field {key!r}")
        curated.append(name)
    rec.curated_fields = list(dict.fromkeys([*rec.curated_fields, *curated]))
    return rec


def _set_span(rec: LetterRecord, name: str, span: tuple[int, int] | None) -> None:
    if span is None:
        rec.field_spans.pop(name, None)
    else:
        rec.field_spans[name] = span


def _force(sidecar: Path, value: Any, text: str) -> ForceRef | None:
    if value is None:
        return None
    slug = value.get("id") if isinstance(value, dict) else value
    if not isinstance(slug, str):
        raise CurationError(sidecar, f"force: expected a gazetteer id, got {value!r}")
    body = by_id(slug.strip())
    if body is None:
        raise CurationError(sidecar, f"force: unknown gazetteer id {slug!r}")
    span = None
    for name in body.names:
        span = _locate(text, name)
        if span:
            break
    return ForceRef(span=span, curated=True, id=body.id, name=body.name)


def apply_sidecar(rec: LetterRecord, letter: str | Path) -> Path | None:
    """Apply the sidecar of ``letter`` to ``rec`` if there is one; return its path."""
    sidecar = find_sidecar(letter)
    if sidecar is None:
        return None
    apply(rec, load_sidecar(sidecar), sidecar)
    return sidecar
