"""Find the national templates: paragraphs copied, nearly word for word, across letters.

1. **Paragraphs.** Each letter's ``foi:text`` is cut at blank lines. A long block without blank
   lines (web pages flattened to one line per paragraph) is cut at line breaks that end a
   sentence or a heading, so a hard-wrapped paragraph stays whole. Pieces under
   ``MIN_WORDS`` words (headings, "Section 24(2) National Security") are not paragraphs.
2. **Comparable text.** ``kg.textnorm.normalise``: lowercase, quotes folded, force names as
   ``<force>``, punctuation dropped. Identical normalised paragraphs are handled once.
3. **Near duplicates without all pairs.** Each distinct paragraph gets a MinHash (datasketch,
   128 permutations) of its word 5-shingles. A paragraph queries an LSH index that holds only
   the *leaders* of the clusters found so far; candidates are verified with a real similarity
   (rapidfuzz ``ratio`` on the normalised text, 0..1) against ``threshold``. A verified match
   joins the leader's cluster (union-find, so a paragraph matching two leaders merges their
   clusters); no match makes it a new leader. Each paragraph costs one LSH query and a few
   verifications, so the time grows about linearly with the number of paragraphs
   (``benchmarks/templates_bench.py``).
4. **Templates.** A cluster with paragraphs from at least two letters is a template. Its
   canonical wording is its most common normalised wording (ties: the medoid, the wording
   closest to all others); every member's similarity is measured against it.
5. **Per letter.** The share of its paragraph text (characters) that belongs to templates, and
   its own paragraphs. A member whose similarity is below ``VERBATIM`` (0.95) *deviates* from
   the template: the force reworded it. ``word_diff`` shows how.

Template membership is written to ``id:graph/templates`` as ``docs/graph-model.md`` says.
"""

from __future__ import annotations

import difflib
import re
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import numpy as np
from datasketch import MinHash, MinHashLSH
from rapidfuzz import fuzz
from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, XSD

from kg import __version__, ids
from kg.analysis_io import Triple, replace_graph, select
from kg.textnorm import normalise

FOI = ids.ONTOLOGY
OA = "http://www.w3.org/ns/oa#"
MIN_WORDS = 8
LONG_BLOCK = 600  # characters: a block this long with line breaks is split at them
SHINGLE = 5
NUM_PERM = 128
LSH_THRESHOLD = 0.3  # candidate recall: the real check is ``threshold`` on the real similarity
THRESHOLD = 0.8
VERBATIM = 0.95

# --------------------------------------------------------------------------------------------
# Paragraphs


@dataclass(frozen=True)
class Letter:
    """What template detection needs of a response."""

    response: str  # IRI
    text: str
    label: str = ""  # reference, for tables
    force: str = ""  # force label
    force_iri: str = ""


@dataclass(frozen=True)
class Paragraph:
    response: str
    position: int  # 1-based within the letter
    start: int
    end: int
    text: str

    @property
    def iri(self) -> URIRef:
        return ids.fact_iri(self.response, "paragraph", self.position)


_BLANK = re.compile(r"\n[ \t\u00a0\u3000]*\n\s*")
_LINE_END = re.compile(r"[.:;?!)\"'’”]\s*$")


def _pieces(text: str, start: int, end: int) -> Iterable[tuple[int, int]]:
    """Split ``text[start:end]`` at line breaks that end a sentence, or a short (heading) line
    followed by a line starting with a capital or a digit."""
    block = text[start:end]
    if len(block) < LONG_BLOCK or "\n" not in block:
        yield start, end
        return
    lines = block.split("\n")
    cut = start
    pos = start
    for i, line in enumerate(lines):
        line_end = pos + len(line)
        stripped = line.strip()
        following = lines[i + 1].lstrip() if i + 1 < len(lines) else ""
        heading = len(stripped.split()) < MIN_WORDS and (
            not following or following[0].isupper() or following[0].isdigit()
        )
        if stripped and (_LINE_END.search(stripped) or heading):
            yield cut, line_end
            cut = line_end + 1
        pos = line_end + 1
    if cut < end:
        yield cut, end


def split_paragraphs(response: str, text: str, *, min_words: int = MIN_WORDS) -> list[Paragraph]:
    """The paragraphs of a letter, with offsets into ``text``."""
    blocks: list[tuple[int, int]] = []
    pos = 0
    for m in _BLANK.finditer(text):
        blocks.append((pos, m.start()))
        pos = m.end()
    blocks.append((pos, len(text)))
    out: list[Paragraph] = []
    for b_start, b_end in blocks:
        for s, e in _pieces(text, b_start, b_end):
            chunk = text[s:e]
            lead = len(chunk) - len(chunk.lstrip())
            trail = len(chunk.rstrip())
            s, e = s + lead, s + trail
            if e <= s or len(text[s:e].split()) < min_words:
                continue
            out.append(Paragraph(response, len(out) + 1, s, e, text[s:e]))
    return out


# --------------------------------------------------------------------------------------------
# Near-duplicate clustering


class _UnionFind:
    def __init__(self) -> None:
        self.parent: list[int] = []

    def add(self) -> int:
        self.parent.append(len(self.parent))
        return len(self.parent) - 1

    def find(self, x: int) -> int:
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: int, b: int) -> int:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            if rb < ra:
                ra, rb = rb, ra
            self.parent[rb] = ra
        return ra


def similarity(a: str, b: str) -> float:
    """Similarity of two normalised passages, 0..1 (rapidfuzz normalised Indel ratio)."""
    return fuzz.ratio(a, b) / 100.0


def _shingles(norm: str) -> list[bytes]:
    toks = norm.split()
    if len(toks) <= SHINGLE:
        return [" ".join(toks).encode()]
    return [" ".join(toks[i : i + SHINGLE]).encode() for i in range(len(toks) - SHINGLE + 1)]


class _BandIndex:
    """LSH banding over datasketch MinHash signatures, holding cluster leaders only.

    ``MinHashLSH`` chooses the bands and rows for the threshold (its false positive / negative
    optimum); the buckets are plain dicts keyed by one 64-bit mix of each band, computed for all
    bands in one numpy operation. A (rare) key collision only adds a candidate, and every
    candidate is verified with the real similarity anyway."""

    def __init__(self, threshold: float, num_perm: int) -> None:
        params = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self.b, self.r = params.b, params.r
        rng = np.random.default_rng(12345)
        self.mix = rng.integers(1, 2**63 - 1, size=self.r, dtype=np.uint64) | np.uint64(1)
        self.buckets: list[dict[int, list[int]]] = [{} for _ in range(self.b)]

    def keys(self, hashvalues: np.ndarray) -> list[int]:
        bands = hashvalues[: self.b * self.r].reshape(self.b, self.r).astype(np.uint64)
        with np.errstate(over="ignore"):  # wrapping multiplication is the point
            return (bands * self.mix).sum(axis=1, dtype=np.uint64).tolist()  # type: ignore[no-any-return]

    def query(self, keys: list[int]) -> set[int]:
        out: set[int] = set()
        for bucket, k in zip(self.buckets, keys, strict=True):
            hit = bucket.get(k)
            if hit:
                out.update(hit)
        return out

    def insert(self, item: int, keys: list[int]) -> None:
        for bucket, k in zip(self.buckets, keys, strict=True):
            bucket.setdefault(k, []).append(item)


def cluster(norms: Sequence[str], threshold: float = THRESHOLD) -> list[int]:
    """Cluster distinct normalised paragraphs; returns a cluster root per input index."""
    # One MinHash reused for every paragraph (clear, update); crc32 (C, 32-bit) hashes the
    # shingles instead of datasketch's default sha1: as good for this, several times faster.
    mh = MinHash(num_perm=NUM_PERM, seed=1, hashfunc=zlib.crc32)
    index = _BandIndex(LSH_THRESHOLD, NUM_PERM)
    uf = _UnionFind()
    for i, norm in enumerate(norms):
        uf.add()
        mh.clear()
        mh.update_batch(_shingles(norm))
        keys = index.keys(mh.hashvalues)
        matched = False
        n = len(norm)
        for cand in sorted(index.query(keys)):
            other = norms[cand]
            m = len(other)
            # Ratio cannot reach the threshold when the lengths differ too much.
            if 2 * min(n, m) / (n + m) < threshold:
                continue
            if similarity(norm, other) >= threshold:
                uf.union(cand, i)
                matched = True
        if not matched:
            index.insert(i, keys)
    return [uf.find(i) for i in range(len(norms))]


# --------------------------------------------------------------------------------------------
# Templates and per-letter shares


@dataclass
class Member:
    paragraph: Paragraph
    similarity: float

    @property
    def verbatim(self) -> bool:
        return self.similarity >= VERBATIM


@dataclass
class Template:
    number: int
    canonical: str  # the most common wording, as a letter writes it
    members: list[Member]

    @property
    def iri(self) -> URIRef:
        return URIRef(f"{ids.ID}template/{self.number}")

    @property
    def letters(self) -> list[str]:
        return sorted({m.paragraph.response for m in self.members})


@dataclass
class LetterShare:
    letter: Letter
    paragraphs: list[Paragraph]
    template_of: dict[int, tuple[Template, float]]  # position -> template, similarity

    @property
    def share(self) -> float:
        total = sum(len(p.text) for p in self.paragraphs)
        if not total:
            return 0.0
        tmpl = sum(len(p.text) for p in self.paragraphs if p.position in self.template_of)
        return tmpl / total

    @property
    def own(self) -> list[Paragraph]:
        return [p for p in self.paragraphs if p.position not in self.template_of]


@dataclass
class TemplateReport:
    templates: list[Template]
    letters: list[LetterShare] = field(default_factory=list)

    def letter(self, ref: str) -> LetterShare | None:
        for ls in self.letters:
            if ref in (ls.letter.label, ls.letter.response) or ls.letter.response.endswith(
                "/" + ids.slug(ref)
            ):
                return ls
        return None


def _canonical(wordings: Counter[str]) -> str:
    top = wordings.most_common()
    best_count = top[0][1]
    tied = [w for w, c in top if c == best_count][:30]
    if len(tied) == 1:
        return tied[0]
    # Medoid among the tied wordings, weighting every wording by how often it occurs.
    pool = top[:30]
    return max(tied, key=lambda w: (sum(c * similarity(w, o) for o, c in pool), w))


def detect(
    letters: Sequence[Letter],
    *,
    threshold: float = THRESHOLD,
    min_letters: int = 2,
    min_words: int = MIN_WORDS,
) -> TemplateReport:
    """Split, cluster and report templates for ``letters`` (pure: no store)."""
    paragraphs: list[Paragraph] = []
    per_letter: dict[str, list[Paragraph]] = {}
    for letter in letters:
        ps = split_paragraphs(letter.response, letter.text, min_words=min_words)
        per_letter[letter.response] = ps
        paragraphs.extend(ps)
    # Identical normalised paragraphs are clustered once.
    norm_of: list[str] = [normalise(p.text) for p in paragraphs]
    distinct: dict[str, int] = {}
    for norm in norm_of:
        distinct.setdefault(norm, len(distinct))
    norms = list(distinct)
    roots = cluster(norms, threshold)
    groups: dict[int, list[int]] = defaultdict(list)
    for idx, norm in enumerate(norm_of):
        groups[roots[distinct[norm]]].append(idx)

    raw: list[tuple[str, list[Member]]] = []
    for members in groups.values():
        if len({paragraphs[i].response for i in members}) < min_letters:
            continue
        wordings = Counter(norm_of[i] for i in members)
        canon_norm = _canonical(wordings)
        canon_text = next(paragraphs[i].text for i in members if norm_of[i] == canon_norm)
        sims: dict[str, float] = {}
        out = []
        for i in members:
            sim = sims.get(norm_of[i])
            if sim is None:
                sim = sims[norm_of[i]] = round(similarity(norm_of[i], canon_norm), 4)
            out.append(Member(paragraphs[i], sim))
        out.sort(key=lambda m: (m.paragraph.response, m.paragraph.position))
        raw.append((canon_text, out))
    raw.sort(key=lambda t: (-len({m.paragraph.response for m in t[1]}), -len(t[1]), t[0]))
    templates = [Template(n, text, members) for n, (text, members) in enumerate(raw, start=1)]

    template_of: dict[str, dict[int, tuple[Template, float]]] = defaultdict(dict)
    for t in templates:
        for m in t.members:
            template_of[m.paragraph.response][m.paragraph.position] = (t, m.similarity)
    shares = [
        LetterShare(letter, per_letter[letter.response], template_of.get(letter.response, {}))
        for letter in letters
    ]
    return TemplateReport(templates, shares)


_WORD = re.compile(r"\S+")
_PUNCT = re.compile(r"[^\w<>]+")


def _tokens(text: str) -> list[tuple[str, str]]:
    """Words of ``text`` as (as written, comparison key). A force name is one token whose key
    is ``<force>``; keys ignore case and punctuation, so only wording differences show."""
    from kg.textnorm import FORCE_TOKEN, force_pattern

    out: list[tuple[str, str]] = []
    pos = 0
    for m in force_pattern().finditer(text):
        out += [(w, _PUNCT.sub("", w.lower())) for w in _WORD.findall(text[pos : m.start()])]
        out.append((m.group(0), FORCE_TOKEN))
        pos = m.end()
    out += [(w, _PUNCT.sub("", w.lower())) for w in _WORD.findall(text[pos:])]
    return out


def word_diff(template: str, text: str) -> str:
    """``text`` against ``template`` word by word: ``[-removed-]`` and ``{+added+}``.

    Case, punctuation and which force is named do not count as differences.

    >>> word_diff("the force will not divulge", "the constabulary will not ever divulge")
    'the [-force-] {+constabulary+} will not {+ever+} divulge'
    >>> word_diff("Kent Police will not.", "Essex Police will NOT")
    'Essex Police will NOT'
    """
    a, b = _tokens(template), _tokens(text)
    ka, kb = [k for _, k in a], [k for _, k in b]
    out: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=ka, b=kb, autojunk=False).get_opcodes():
        if op == "equal":
            out.extend(w for w, _ in b[j1:j2])
            continue
        if i2 > i1:
            out.append("[-" + " ".join(w for w, _ in a[i1:i2]) + "-]")
        if j2 > j1:
            out.append("{+" + " ".join(w for w, _ in b[j1:j2]) + "+}")
    return " ".join(out)


# --------------------------------------------------------------------------------------------
# Store I/O

_LETTERS_Q = """
SELECT ?r ?text ?ref ?force ?forceLabel WHERE {
  ?r a foi:Response ; foi:text ?text .
  OPTIONAL { ?r foi:reference ?ref }
  OPTIONAL { ?r foi:respondingBody ?force OPTIONAL { ?force rdfs:label ?forceLabel } }
}
"""


def load_letters(store: Any) -> list[Letter]:
    seen: dict[str, Letter] = {}
    for row in select(store, _LETTERS_Q):
        r = row["r"] or ""
        if r in seen:
            continue
        force = row.get("force") or ""
        label = row.get("forceLabel") or force.rsplit("/", 1)[-1].replace("-", " ").title()
        seen[r] = Letter(r, row["text"] or "", row.get("ref") or r.rsplit("/", 1)[-1], label, force)
    return sorted(seen.values(), key=lambda letter: letter.response)


def report_triples(report: TemplateReport, *, at: datetime | None = None) -> list[Triple]:
    """Triples of ``id:graph/templates``: templates, and every paragraph with its membership."""
    now = (at or datetime.now(UTC)).astimezone(UTC)
    stamp = Literal(now.isoformat().replace("+00:00", "Z"), datatype=XSD.dateTime)
    activity = URIRef(f"{ids.ID}activity/templates/{now.strftime('%Y%m%dT%H%M%SZ')}")
    agent = ids.agent_iri(__version__)
    f = lambda name: URIRef(FOI + name)  # noqa: E731 - a local shorthand
    extracted = ids.concept_iri("curation-status", "extracted")
    t: list[Triple] = [
        (activity, RDF.type, PROV.Activity),
        (activity, RDFS.label, Literal("foi-kg template detection")),
        (activity, PROV.startedAtTime, stamp),
        (activity, PROV.wasAssociatedWith, agent),
        (agent, RDF.type, PROV.SoftwareAgent),
        (agent, RDFS.label, Literal(f"foi-kg {__version__}")),
    ]
    for tm in report.templates:
        t += [
            (tm.iri, RDF.type, f("Template")),
            (tm.iri, RDFS.label, Literal(f"Template {tm.number}")),
            (tm.iri, f("canonicalText"), Literal(tm.canonical)),
            (tm.iri, f("memberCount"), Literal(len(tm.members))),
            (tm.iri, PROV.wasGeneratedBy, activity),
        ]
    for ls in report.letters:
        r = URIRef(ls.letter.response)
        for p in ls.paragraphs:
            node = p.iri
            span = ids.span_iri(node)
            t += [
                (node, RDF.type, f("Paragraph")),
                (node, f("inResponse"), r),
                (node, PROV.wasDerivedFrom, r),
                (node, f("curationStatus"), extracted),
                (node, f("position"), Literal(p.position)),
                (node, f("statementText"), Literal(p.text)),
                (node, f("evidence"), span),
                (span, RDF.type, URIRef(OA + "TextPositionSelector")),
                (span, URIRef(OA + "start"), Literal(p.start)),
                (span, URIRef(OA + "end"), Literal(p.end)),
            ]
            hit = ls.template_of.get(p.position)
            if hit:
                tm, sim = hit
                t.append((node, f("fromTemplate"), tm.iri))
                t.append((node, f("similarity"), Literal(f"{sim:.4f}", datatype=XSD.decimal)))
    return t


def run(
    store: Any, *, threshold: float = THRESHOLD, write: bool = True, at: datetime | None = None
) -> TemplateReport:
    """Detect templates over every letter in ``store``; replace ``id:graph/templates``."""
    report = detect(load_letters(store), threshold=threshold)
    if write:
        replace_graph(store, ids.TEMPLATES_GRAPH, report_triples(report, at=at))
    return report


def template_rows(report: TemplateReport, width: int = 80) -> list[dict[str, Any]]:
    """One row per template: size, the forces using it verbatim and those that deviate."""
    by_resp = {ls.letter.response: ls.letter for ls in report.letters}
    rows = []
    for tm in report.templates:
        best: dict[str, float] = {}
        for m in tm.members:
            force = by_resp[m.paragraph.response].force or m.paragraph.response
            best[force] = max(best.get(force, 0.0), m.similarity)
        text = " ".join(tm.canonical.split())
        rows.append(
            {
                "template": tm.number,
                "letters": len(tm.letters),
                "paragraphs": len(tm.members),
                "uses": "; ".join(sorted(f for f, s in best.items() if s >= VERBATIM)),
                "deviates": "; ".join(sorted(f for f, s in best.items() if s < VERBATIM)),
                "text": text if len(text) <= width else text[: width - 1] + "…",
                "iri": str(tm.iri),
            }
        )
    return rows


def share_rows(report: TemplateReport) -> list[dict[str, Any]]:
    return [
        {
            "letter": ls.letter.label,
            "force": ls.letter.force,
            "paragraphs": len(ls.paragraphs),
            "template_paragraphs": len(ls.template_of),
            "own_paragraphs": len(ls.own),
            "template_share": round(ls.share, 3),
            "templates": " ".join(
                str(n) for n in sorted({tm.number for tm, _ in ls.template_of.values()})
            ),
        }
        for ls in sorted(report.letters, key=lambda s: (s.letter.force, s.letter.label))
    ]


def letter_rows(ls: LetterShare) -> list[dict[str, Any]]:
    """A letter's paragraphs marked template/own, with the word diff for template ones."""
    rows = []
    for p in ls.paragraphs:
        hit = ls.template_of.get(p.position)
        if hit:
            tm, sim = hit
            diff = (
                "" if sim >= 0.9999 and tm.canonical == p.text else word_diff(tm.canonical, p.text)
            )
            rows.append(
                {
                    "position": p.position,
                    "kind": "template",
                    "template": tm.number,
                    "similarity": round(sim, 3),
                    "text": " ".join(p.text.split()),
                    "diff": diff,
                }
            )
        else:
            rows.append(
                {
                    "position": p.position,
                    "kind": "own",
                    "template": "",
                    "similarity": "",
                    "text": " ".join(p.text.split()),
                    "diff": "",
                }
            )
    return rows


__all__ = [
    "Letter",
    "LetterShare",
    "Member",
    "Paragraph",
    "Template",
    "TemplateReport",
    "cluster",
    "detect",
    "letter_rows",
    "load_letters",
    "report_triples",
    "run",
    "share_rows",
    "split_paragraphs",
    "template_rows",
    "word_diff",
]
