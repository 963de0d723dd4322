"""Align the questions of many letters into canonical questions.

Round-robin requests ask every force the same thing in slightly different words ("Has
Warwickshire Police deployed live facial recognition?", "Has your force deployed live facial
recognition?"). A question's *key* is its wording normalised for comparison:

* numbering dropped ("Q1a.", "2)", "(b)", bullets);
* every gazetteer force name, and "your (police) force", "your constabulary", "the force"...,
  replaced by ``<force>``;
* lowercase, punctuation and stop words dropped.

Keys are clustered greedily: most frequent key first, each key joins the first existing
canonical question whose key scores at least ``threshold`` with rapidfuzz
``token_set_ratio``, else it starts a new one. ``token_set_ratio`` is 100 whenever one key's
words are a subset of the other's, so a match also needs the shorter key to have at least
``SUBSET_GUARD`` of the longer key's words, and the two keys must not differ by a word of
``DISCRIMINATING`` (plan, covert, live, how many, software...): "please provide detail" must
not swallow every question that asks for detail.

Sub-questions are aligned only among sub-questions whose parents aligned to the same canonical
question: "If so, please provide dates" after "Has <force> deployed live facial recognition?"
is a different question from the same words after "...used retrospective facial
recognition?". Each canonical question keeps its most common wording (force names shown as
``<force>``).

The mapping goes to ``id:graph/questions``; ``matrix`` gives force x canonical question answer
kinds.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from rapidfuzz import fuzz, process
from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS, XSD

from kg import __version__, ids
from kg.analysis_io import Triple, replace_graph, select
from kg.textnorm import FORCE_TOKEN, replace_forces

FOI = ids.ONTOLOGY
THRESHOLD = 90
SUBSET_GUARD = 0.6

STOP_WORDS = frozenset(
    """a an the and or of to in on for by with at from as is are was were be been being it its
    this that these those there their them they i we you me my our your please can could would
    will shall do does did has have had any all each if so yes
    also such other than then into about per""".split()  # noqa: SIM905 - a word list
)
# Words that change what is asked: two keys differing by one of them are different questions
# however similar the rest ("Does <force> use FR?" / "Does <force> plan to use FR?").
DISCRIMINATING = frozenset(
    """plan plans planning planned intend intends intention future introduce introduced
    trial trials trialled trialling past previously previous covert overt live retrospective
    operator initiated body worn video how many much when where which what who why number
    cost costs spent spend budget software hardware staff staffing arrests arrest stops alerts
    matches false watch list not no""".split()  # noqa: SIM905 - a word list
)
_NUMBERING = re.compile(
    r"^\s*(?:[-*•\u2022]\s*)*(?:(?:q(?:uestion)?\s*)?\(?\d+[a-z]?\)?[.):\-]?|\(?[a-z]\)|[ivx]+[.)])\s*",
    re.IGNORECASE,
)
_GENERIC_FORCE = re.compile(
    r"\b(?:your|the)\s+(?:police\s+)?(?:force|constabulary|police\s+service|organisation"
    r"|organization|service|police)\b(?!\s+(?:to|is|are)\b)",
    re.IGNORECASE,
)
_NON_WORD = re.compile(r"[^a-z0-9<> ]+")


def display_text(text: str) -> str:
    """A question as written, numbering stripped and the force named ``<force>``."""
    out = _NUMBERING.sub("", " ".join(text.split()), count=1)
    out = replace_forces(out)
    out = _GENERIC_FORCE.sub(FORCE_TOKEN, out)
    out = re.sub(r"(?:<force>\s*){2,}", FORCE_TOKEN + " ", out)
    return out.strip()


def key(text: str) -> str:
    """The comparison key of a question.

    >>> key("Q1. Has Warwickshire Police deployed live facial recognition?")
    '<force> deployed live facial recognition'
    >>> key("1) Has your force deployed Live Facial Recognition?")
    '<force> deployed live facial recognition'
    """
    out = display_text(text).lower().replace("’", "'")
    out = _NON_WORD.sub(" ", out)
    return " ".join(w for w in out.split() if w not in STOP_WORDS)


@dataclass(frozen=True)
class QuestionIn:
    iri: str
    response: str
    number: str
    text: str
    parent: str | None = None  # IRI of the parent question
    force: str = ""  # label
    letter: str = ""  # reference


@dataclass
class Canonical:
    number: int
    text: str  # most common display wording
    key: str
    parent: int | None = None  # canonical number of the parent, for sub-questions
    members: list[tuple[QuestionIn, float]] = field(default_factory=list)

    @property
    def iri(self) -> URIRef:
        return URIRef(f"{ids.ID}canonical-question/{self.number}")

    @property
    def forces(self) -> list[str]:
        return sorted({q.force for q, _ in self.members})


def _score(a: str, b: str) -> float:
    ta, tb = a.split(), b.split()
    if not ta or not tb:
        return 0.0
    if (set(ta) ^ set(tb)) & DISCRIMINATING:
        return 0.0
    if min(len(ta), len(tb)) / max(len(ta), len(tb)) < SUBSET_GUARD:
        return float(fuzz.token_sort_ratio(a, b))
    return float(fuzz.token_set_ratio(a, b))


def _greedy(keys: Counter[str], letters: dict[str, set[str]], threshold: float) -> dict[str, str]:
    """key -> leader key, greedy over keys by frequency then text. A letter never asks one
    question twice, so a key does not join a cluster that already has a question of one of
    its letters."""
    leaders: list[str] = []
    members: dict[str, set[str]] = {}
    assign: dict[str, str] = {}
    for k, _ in sorted(keys.items(), key=lambda kv: (-kv[1], kv[0])):
        best = None
        if leaders:
            for cand, _score_val, _i in process.extract(
                k, leaders, scorer=fuzz.token_set_ratio, score_cutoff=threshold, limit=20
            ):
                if members[cand] & letters[k]:
                    continue
                if _score(k, cand) >= threshold:
                    best = cand
                    break
        if best is None:
            leaders.append(k)
            members[k] = set()
            best = k
        members[best] |= letters[k]
        assign[k] = best
    return assign


def align(questions: Sequence[QuestionIn], *, threshold: float = THRESHOLD) -> list[Canonical]:
    """Canonical questions for ``questions`` (pure)."""
    by_iri = {q.iri: q for q in questions}
    depth: dict[str, int] = {}

    def _depth(q: QuestionIn) -> int:
        if q.iri in depth:
            return depth[q.iri]
        seen = {q.iri}
        d, cur = 0, q
        while cur.parent and cur.parent in by_iri and cur.parent not in seen:
            seen.add(cur.parent)
            cur = by_iri[cur.parent]
            d += 1
        depth[q.iri] = d
        return d

    canon_of: dict[str, tuple[int, float]] = {}  # question IRI -> canonical number, similarity
    canonicals: list[Canonical] = []
    levels: dict[int, list[QuestionIn]] = defaultdict(list)
    for q in questions:
        levels[_depth(q)].append(q)
    for d in sorted(levels):
        # Group the questions of this depth by their parent's canonical question.
        groups: dict[int | None, list[QuestionIn]] = defaultdict(list)
        for q in levels[d]:
            parent = canon_of.get(q.parent)[0] if q.parent and q.parent in canon_of else None
            groups[parent].append(q)
        for parent, qs in sorted(groups.items(), key=lambda kv: (kv[0] is not None, kv[0] or 0)):
            keys = Counter(key(q.text) for q in qs)
            letters: dict[str, set[str]] = defaultdict(set)
            for q in qs:
                letters[key(q.text)].add(q.response)
            assign = _greedy(keys, letters, threshold)
            local: dict[str, Canonical] = {}
            for leader in dict.fromkeys(assign.values()):
                c = Canonical(0, "", leader, parent)
                local[leader] = c
                canonicals.append(c)
            for q in qs:
                k = key(q.text)
                c = local[assign[k]]
                sim = 1.0 if k == c.key else _score(k, c.key) / 100.0
                c.members.append((q, round(sim, 4)))
                canon_of[q.iri] = (id(c), sim)
            # Parents are referenced by object id until numbering below.
    # Most common display wording; number by size.
    for c in canonicals:
        c.text = Counter(display_text(q.text) for q, _ in c.members).most_common(1)[0][0]
    ident = {id(c): c for c in canonicals}
    canonicals.sort(key=lambda c: (-len(c.members), -len(c.forces), c.text))
    for n, c in enumerate(canonicals, start=1):
        c.number = n
    for c in canonicals:
        if c.parent is not None:
            c.parent = ident[c.parent].number
    return canonicals


# --------------------------------------------------------------------------------------------
# Store I/O and the matrix

_QUESTIONS_Q = """
SELECT ?q ?r ?num ?text ?parent ?force ?forceLabel ?ref WHERE {
  ?q a foi:Question ; foi:inResponse ?r ; foi:questionText ?text .
  OPTIONAL { ?q foi:questionNumber ?num }
  OPTIONAL { ?q foi:subQuestionOf ?parent }
  OPTIONAL { ?r foi:reference ?ref }
  OPTIONAL { ?r foi:respondingBody ?force OPTIONAL { ?force rdfs:label ?forceLabel } }
}
"""

_ANSWERS_Q = """
SELECT ?q ?kind WHERE { ?a a foi:Answer ; foi:answersQuestion ?q ; foi:answerKind ?kind . }
"""


def _label(iri: str | None, label: str | None) -> str:
    if label:
        return label
    return (iri or "?").rstrip("/").rsplit("/", 1)[-1].replace("-", " ").title()


def load_questions(store: Any) -> list[QuestionIn]:
    seen: dict[str, QuestionIn] = {}
    for row in select(store, _QUESTIONS_Q):
        q = row["q"] or ""
        if q in seen:
            continue
        seen[q] = QuestionIn(
            iri=q,
            response=row["r"] or "",
            number=row.get("num") or q.rsplit("/", 1)[-1],
            text=row["text"] or "",
            parent=row.get("parent"),
            force=_label(row.get("force"), row.get("forceLabel")),
            letter=row.get("ref") or (row["r"] or "").rsplit("/", 1)[-1],
        )
    return sorted(seen.values(), key=lambda q: (q.response, q.iri))


def load_answer_kinds(store: Any) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for row in select(store, _ANSWERS_Q):
        kind = (row["kind"] or "").rsplit("/", 1)[-1]
        if kind and kind not in out[row["q"] or ""]:
            out[row["q"] or ""].append(kind)
    return out


def alignment_triples(
    canonicals: Sequence[Canonical], *, at: datetime | None = None
) -> list[Triple]:
    now = (at or datetime.now(UTC)).astimezone(UTC)
    stamp = Literal(now.isoformat().replace("+00:00", "Z"), datatype=XSD.dateTime)
    activity = URIRef(f"{ids.ID}activity/questions/{now.strftime('%Y%m%dT%H%M%SZ')}")
    agent = ids.agent_iri(__version__)
    f = lambda name: URIRef(FOI + name)  # noqa: E731 - a local shorthand
    t: list[Triple] = [
        (activity, RDF.type, PROV.Activity),
        (activity, RDFS.label, Literal("foi-kg question alignment")),
        (activity, PROV.startedAtTime, stamp),
        (activity, PROV.wasAssociatedWith, agent),
        (agent, RDF.type, PROV.SoftwareAgent),
        (agent, RDFS.label, Literal(f"foi-kg {__version__}")),
    ]
    by_number = {c.number: c for c in canonicals}
    for c in canonicals:
        t += [
            (c.iri, RDF.type, f("CanonicalQuestion")),
            (c.iri, SKOS.prefLabel, Literal(c.text, lang="en")),
            (c.iri, SKOS.notation, Literal(f"C{c.number}")),
            (c.iri, f("canonicalText"), Literal(c.text)),
            (c.iri, f("memberCount"), Literal(len(c.members))),
            (c.iri, PROV.wasGeneratedBy, activity),
        ]
        if c.parent is not None and c.parent in by_number:
            t.append((c.iri, SKOS.broader, by_number[c.parent].iri))
        for q, sim in c.members:
            t.append((URIRef(q.iri), f("alignedTo"), c.iri))
            t.append((URIRef(q.iri), f("similarity"), Literal(f"{sim:.4f}", datatype=XSD.decimal)))
    return t


def run(
    store: Any, *, threshold: float = THRESHOLD, write: bool = True, at: datetime | None = None
) -> list[Canonical]:
    canonicals = align(load_questions(store), threshold=threshold)
    if write:
        replace_graph(store, ids.QUESTIONS_GRAPH, alignment_triples(canonicals, at=at))
    return canonicals


def canonical_rows(canonicals: Sequence[Canonical], width: int = 90) -> list[dict[str, Any]]:
    by_number = {c.number: c for c in canonicals}
    rows = []
    for c in canonicals:
        text = c.text if len(c.text) <= width else c.text[: width - 1] + "…"
        rows.append(
            {
                "id": f"C{c.number}",
                "parent": f"C{c.parent}" if c.parent in by_number else "",
                "questions": len(c.members),
                "forces": len(c.forces),
                "text": text,
                "wordings": len({q.text for q, _ in c.members}),
            }
        )
    return rows


@dataclass
class Matrix:
    forces: list[str]
    columns: list[Canonical]
    cells: dict[tuple[str, int], str]  # (force, canonical number) -> answer kinds

    def records(self) -> list[dict[str, str]]:
        return [
            {"force": f, "question": f"C{c.number}", "canonical": c.text, "answer": cell}
            for f in self.forces
            for c in self.columns
            if (cell := self.cells.get((f, c.number), ""))
        ]

    def rows(self, width: int = 60) -> list[dict[str, str]]:
        def head(c: Canonical) -> str:
            text = c.text if len(c.text) <= width else c.text[: width - 1] + "…"
            return f"C{c.number}: {text}"

        return [
            {"force": f, **{head(c): self.cells.get((f, c.number), "") for c in self.columns}}
            for f in self.forces
        ]


def matrix(
    canonicals: Sequence[Canonical], kinds: dict[str, list[str]], *, min_forces: int = 1
) -> Matrix:
    """Force x canonical question: the answer kinds each force gave (``unanswered`` when the
    question was asked but no answer was recorded; empty when never asked)."""
    columns = [c for c in canonicals if len(c.forces) >= min_forces]
    cells: dict[tuple[str, int], list[str]] = defaultdict(list)
    forces: set[str] = set()
    for c in columns:
        for q, _ in c.members:
            forces.add(q.force)
            for k in kinds.get(q.iri) or ["unanswered"]:
                if k not in cells[(q.force, c.number)]:
                    cells[(q.force, c.number)].append(k)
    flat = {key_: "/".join(sorted(v)) for key_, v in cells.items()}
    return Matrix(sorted(forces), columns, flat)
