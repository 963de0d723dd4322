"""The responding force: which body of the gazetteer answers the letter.

Every mention of a force name (official, alternative, generated "X Constabulary" / "Heddlu X"
variants, acronyms) is scored by where and how it occurs, and the force with the highest total
wins:

* a force that is the subject of the letter's sentences ("X can neither confirm nor deny",
  "held by X", "X is not currently using", "X provides you the right to request a review") or
  that signs the letter counts most;
* a name in a letterhead or address block (a line with a postcode or "Headquarters") counts
  little: joint information-rights units print a partner force's address;
* a name inside the requester's questions ("Has Warwickshire Police deployed ...") counts
  less than the force's own answers, but can still decide when nothing else does;
* a bare county word ("Kent", "Dyfed-Powys") counts only next to a police word or as the
  subject of a sentence, and never before "Road", "Street", "County Council" and the like.

Names are matched as whole words, case-insensitively (acronyms case-sensitively), longest
first, with any run of whitespace (a line break in a letterhead) between words. No mention,
no force: never guessed from a file name.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from functools import lru_cache

from kg.extract.textutil import SIGN_OFF as _SIGN_OFF
from kg.extract.textutil import Span
from kg.gazetteer import Body, forces
from kg.model import ForceRef, LetterRecord

_POLICE_WORD = re.compile(
    r"\b(?:police|constabulary|constabularies|heddlu|force|service|cwnstabliaeth)\b", re.IGNORECASE
)
_SUFFIXES = re.compile(
    r"\s+(?:Police\s+Service|Police\s+Force|Police|Constabulary|Constabularies)$", re.IGNORECASE
)

# What follows a force that is the subject of a sentence of the letter.
_SUBJECT_AFTER = re.compile(
    r"^[\s,]*(?:police\s+)?(?:force\s+)?(?:\([A-Z]{2,5}\)\s*)?(?:"
    r"can(?:not)?\b|can't|neither\b|does\b|do\b|did\b|is\b|are\b|was\b|were\b|has\b|have\b|had\b"
    r"|holds?\b|will\b|would\b|uses?\b|used\b|provides?\b|currently\b|confirms?\b|response\b"
    r"|hold\b|deploys?\b|operates?\b|may\b|must\b|received\b|considers?\b|publishes\b"
    r"|aims?\b|endeavours?\b|therefore\b|employs?\b|'s\b|’s\b)",
    re.IGNORECASE,
)
# What precedes a force whose information or answer it is.
_SUBJECT_BEFORE = re.compile(
    r"(?:held\s+by|hold\s+by|received\s+by|answered\s+by|behalf\s+of|response\s+from|used\s+by"
    r"|employed\s+by|within|from)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# Words that show a bare place name is a place, not a force.
_PLACE_AFTER = re.compile(
    r"^\s*(?:Road|Rd|Street|St|Avenue|Lane|Way|Drive|Close|Place|Square|House|Park|Centre"
    r"|County\s+Council|Council|Fire|NHS|Ambulance|University|Airport|Station|Hospital"
    r"|Crown\s+Court|Magistrates|and\s+[A-Z]\w+\s+(?:Fire|Council))\b",
)
_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b")
_ADDRESS_AFTER = re.compile(r"^\s*(?:Headquarters|HQ|House|Station|Offices?)\b", re.IGNORECASE)
_REVIEW_RIGHT = re.compile(r"right\s+to\s+request|review\s+procedure|complaint", re.IGNORECASE)
_JOINT = re.compile(
    r"\b([A-Z][\w-]+)\s+(?:and|&)\s+([A-Z][\w-]+)\s+(Constabularies|Police\s+Forces)\b"
)


@dataclass(frozen=True)
class _Name:
    body: Body
    pattern: str  # as matched (used for sorting)
    kind: str  # "full" (with a police word), "acronym", "bare"


def _flex(name: str) -> str:
    """Regex for a name allowing any whitespace between words and any dash or '&' for 'and'."""
    parts = []
    for token in re.split(r"(\s+|[-\u2013\u2014]|&|\band\b)", name):
        if not token:
            continue
        if token.isspace():
            parts.append(r"\s+")
        elif token in "-\u2013\u2014":
            parts.append(r"\s*[-\u2013\u2014]?\s*")
        elif token in ("&", "and"):
            parts.append(r"(?:and|&)")
        else:
            parts.append(re.escape(token))
    return "".join(parts)


def _variants(body: Body) -> set[tuple[str, str]]:
    out: set[tuple[str, str]] = set()
    bases: set[str] = set()
    for name in body.names:
        name = name.strip()
        if not name or "," in name:  # "London, City of" is a register name, not letter prose
            continue
        if re.fullmatch(r"[A-Z]{2,5}", name):
            out.add((name, "acronym"))
            continue
        if name.lower() == "the met":
            out.add(("the Met", "acronym"))
            continue
        if _POLICE_WORD.search(name):
            out.add((name, "full"))
            base = _SUFFIXES.sub("", name)
            if base != name and not base.lower().startswith("heddlu"):
                bases.add(base)
        else:
            bases.add(name)
    for base in bases:
        out.add((base, "bare"))
        for suffix in ("Police", "Constabulary", "Police Force", "Police Service"):
            out.add((f"{base} {suffix}", "full"))
        if body.country == "Wales":
            out.add((f"Heddlu {base}", "full"))
    return out


_FIRST_WORD = re.compile(r"[A-Za-z]+")
_Index = tuple[dict[str, list[tuple[re.Pattern[str], _Name]]], re.Pattern[str], dict[str, _Name]]
_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


@lru_cache(maxsize=1)
def _index() -> _Index:
    """Name patterns keyed by their first word (one small regex tried where that word occurs,
    far faster than one alternation of every name), and one case-sensitive acronym regex."""
    names: dict[str, _Name] = {}
    for body in forces():
        for variant, kind in sorted(_variants(body)):
            key = variant.lower() if kind != "acronym" else variant
            # A name two bodies share is ambiguous: keep the first (official names come first).
            names.setdefault(key, _Name(body, variant, kind))
    by_first: dict[str, list[tuple[re.Pattern[str], _Name]]] = {}
    for n in sorted(names.values(), key=lambda n: -len(n.pattern)):
        first = _FIRST_WORD.match(n.pattern)
        if n.kind == "acronym" or first is None:
            continue
        rx = re.compile(_flex(n.pattern) + r"(?![\w-])", re.IGNORECASE)
        by_first.setdefault(first.group(0).lower(), []).append((rx, n))
    for candidates in by_first.values():
        candidates.sort(key=lambda c: -len(c[1].pattern))  # longest name first
    acros = sorted(
        (n for n in names.values() if n.kind == "acronym"), key=lambda n: -len(n.pattern)
    )
    acro_re = re.compile(
        r"(?<![\w@./-])(?:" + "|".join(re.escape(n.pattern) for n in acros) + r")(?![\w-])"
    )
    acronyms = {k: n for k, n in names.items() if n.kind == "acronym"}
    return by_first, acro_re, acronyms


def _find_names(text: str, start: int, end: int) -> list[tuple[int, int, _Name]]:
    """Every name occurrence, longest name first at each place, never overlapping."""
    by_first, acro_re, acronyms = _index()
    low = text.lower()
    if len(low) != len(text):  # a character whose lower case is longer: keep offsets
        low = text.translate(_ASCII_LOWER)
    # Where a name can start: str.find of each first word is far faster than a regex.
    starts: list[tuple[int, str]] = []
    for word in by_first:
        i = low.find(word, start, end)
        while i >= 0:
            after = i + len(word)
            if not (i > 0 and (low[i - 1].isalnum() or low[i - 1] in "_@./-")) and not (
                after < len(low) and low[after].isalpha()
            ):
                starts.append((i, word))
            i = low.find(word, after, end)
    starts.sort()
    found: list[tuple[int, int, _Name]] = []
    next_free = start
    for s, word in starts:
        if s < next_free:
            continue
        for rx, name in by_first[word]:
            hit = rx.match(text, s, end)
            if hit:
                found.append((s, hit.end(), name))
                next_free = hit.end()
                break
    for m in acro_re.finditer(text, start, end):
        name = acronyms.get(m.group(0))
        if name is not None:
            found.append((m.start(), m.end(), name))
    return found


def _lookup(matched: str) -> _Name | None:
    """The name a piece of text spells, if any (used for joint-force names)."""
    for s, e, name in _find_names(matched, 0, len(matched)):
        if s == 0 and e == len(matched):
            return name
    return None


@dataclass
class Mention:
    body: Body
    span: Span
    weight: float


def _line_around(text: str, pos: int) -> tuple[int, int]:
    s = text.rfind("\n", 0, pos) + 1
    e = text.find("\n", pos)
    return s, (len(text) if e < 0 else e)


def mentions(text: str, region: Span, question_spans: list[Span] | None = None) -> list[Mention]:
    """Every force mention in ``text[region]`` with its weight."""
    start, end = region
    question_spans = question_spans or []
    signoff = None
    for m in _SIGN_OFF.finditer(text, start, end):
        signoff = m.start()
    out: list[Mention] = []
    for s, e, name in _find_names(text, start, end):
        after = text[e : min(end, e + 80)]
        before = text[max(start, s - 40) : s]
        ls, le = _line_around(text, s)
        line = text[ls:le]
        subject = bool(_SUBJECT_AFTER.match(after)) or bool(_SUBJECT_BEFORE.search(before))
        if name.kind == "bare":
            if _PLACE_AFTER.match(after):
                continue
            near = text[max(start, s - 40) : min(end, e + 40)]
            if not (subject or _POLICE_WORD.search(near)):
                continue
            weight = 0.5
        elif name.kind == "acronym":
            weight = 0.8
        else:
            weight = 1.0
        if subject:
            weight += 3.0
        if _REVIEW_RIGHT.search(text[e : min(end, e + 120)]):
            weight += 1.0
        if signoff is not None and s > signoff:
            weight += 2.0
        address = bool(_ADDRESS_AFTER.match(after)) or bool(
            _POSTCODE.search(text[ls : min(end, le + 160)])
        )
        if address and not (signoff is not None and s > signoff):
            weight *= 0.3
        if any(qs <= s < qe for qs, qe in question_spans):
            weight *= 0.25
        if line.strip().lower().startswith(("from:", "to:", "cc:", "subject:")):
            weight *= 0.5
        out.append(Mention(name.body, (s, e), weight))
    # "Norfolk and Suffolk Constabularies": a joint response names both; the first named
    # stands for it unless one of them is named on its own elsewhere (scored above).
    for m in _JOINT.finditer(text, start, end):
        first = _lookup(m.group(1)) or _lookup(m.group(1) + " Constabulary")
        if first is not None:
            out.append(Mention(first.body, m.span(), 1.5))
    return out


def resolve(text: str, region: Span, question_spans: list[Span] | None = None) -> ForceRef | None:
    """The responding force of the letter in ``text[region]``, or ``None``."""
    found = mentions(text, region, question_spans)
    if not found:
        return None
    totals: dict[str, float] = {}
    first: dict[str, int] = {}
    for i, m in enumerate(found):
        totals[m.body.id] = totals.get(m.body.id, 0.0) + m.weight
        first.setdefault(m.body.id, i)
    best_id = max(totals, key=lambda k: (totals[k], -first[k]))
    best = max((m for m in found if m.body.id == best_id), key=lambda m: (m.weight, -m.span[0]))
    return ForceRef(span=best.span, id=best.body.id, name=best.body.name)


def fill(text: str, rec: LetterRecord, region: Span) -> None:
    """Set ``rec.force`` (questions already parsed count for less)."""
    spans = [q.span for q in rec.questions if q.span is not None]
    if rec.field_spans.get("request_text"):
        spans.append(rec.field_spans["request_text"])
    rec.force = resolve(text, region, spans)
