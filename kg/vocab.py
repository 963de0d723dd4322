"""The vocabularies: the ontology, its SKOS concept schemes, the forces and bodies, the FOIA
sections and the official threat-level timeline, read from ``ontology/``.

Everything here reads the Turtle (the files ``kg build`` loads into ``id:graph/vocab``), not
the CSVs they were generated from, so what the library reports is what the graph holds.

>>> [t.slug for t in scheme("threat-level").terms]
['low', 'moderate', 'substantial', 'severe', 'critical']
>>> period_at(date(2017, 5, 24)).level
'critical'
>>> sections()["24(2)"].excludes_duty_to_confirm_or_deny
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, OWL, SKOS

from kg import ids, terms
from kg.paths import ONTOLOGY_DIR, ONTOLOGY_FILE, VOCAB_DIR

FOI_NS = ids.ONTOLOGY

# Notes that keep a CSV's free text where the concept slug says less (see scripts/make_vocab.py).
EXEMPTION_TYPE_NOTE = "Exemption type as recorded: "
HARM_TEST_NOTE = "Harm test as recorded: "

# The datasets `kg vocab` lists beside the concept schemes.
DATASETS = {
    "forces": "UK police forces and other public bodies",
    "timeline": "Official UK threat-level timeline",
}
ALIASES = {
    "force": "forces", "bodies": "forces", "body": "forces",
    "threat-timeline": "timeline", "threat-periods": "timeline",
    "foia-sections": "foia-section", "sections": "foia-section", "section": "foia-section",
    "technologies": "technology", "threat-levels": "threat-level",
    "usage-statuses": "usage-status", "answer-kinds": "answer-kind",
}


# Display order of the schemes kg.terms lists (RDF keeps none); other schemes sort naturally.
TERM_ORDER: dict[str, tuple[str, ...]] = {
    "technology": terms.TECHNOLOGIES,
    "usage-status": terms.USAGE_STATUSES,
    "answer-kind": terms.ANSWER_KINDS,
    "threat-level": terms.THREAT_LEVELS,
    "use-scope": terms.USE_SCOPES,
    "scope": terms.NCND_SCOPES,
    "tense": terms.TENSES,
    "direction": terms.PI_DIRECTIONS,
}


def _foi(name: str) -> URIRef:
    return URIRef(FOI_NS + name)


class VocabError(ValueError):
    """A vocabulary file is missing or malformed; the message names the file."""


@dataclass(frozen=True)
class Term:
    """One concept of a scheme."""

    slug: str
    iri: str
    label: str
    definition: str
    alt_labels: tuple[str, ...] = ()


@dataclass(frozen=True)
class Scheme:
    """A SKOS concept scheme and its concepts: threat levels in scale order, the schemes of
    kg.terms in its order, the others in natural order of their notations."""

    name: str
    iri: str
    label: str
    comment: str
    terms: tuple[Term, ...]

    def slugs(self) -> tuple[str, ...]:
        return tuple(t.slug for t in self.terms)

    def term(self, slug: str) -> Term | None:
        return next((t for t in self.terms if t.slug == slug), None)


@dataclass(frozen=True)
class Period:
    """A period of the official threat-level timeline, half-open: [start, end)."""

    level: str
    start: date
    end: date | None
    note: str
    sources: tuple[str, ...]
    iri: str = ""

    def contains(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


@dataclass(frozen=True)
class Section:
    """A FOIA section or subsection of the vocabulary."""

    number: str
    iri: str
    title: str
    exemption_type: str | None
    harm_test: str | None
    ncnd_subsections: tuple[str, ...]
    part_of: str | None
    excludes_duty_to_confirm_or_deny: bool | None
    notes: tuple[str, ...] = ()

    @property
    def is_subsection(self) -> bool:
        return self.part_of is not None


def ontology_files() -> list[Path]:
    """The ontology and its alignment files."""
    return [ONTOLOGY_FILE, *sorted((ONTOLOGY_DIR / "alignments").glob("*.ttl"))]


def vocab_files() -> list[Path]:
    """Every file ``kg build`` loads into ``id:graph/vocab``: the ontology, its alignments and
    the generated vocabularies (``ontology/vocab/*.ttl``), in a stable order."""
    return [*ontology_files(), *sorted(VOCAB_DIR.glob("*.ttl"))]


def parse_file(path: Path, graph: Graph | None = None) -> Graph:
    """Parse one Turtle file; a syntax error becomes a VocabError naming the file."""
    g = graph if graph is not None else Graph()
    try:
        g.parse(path, format="turtle")
    except FileNotFoundError as exc:
        raise VocabError(f"{path}: file not found") from exc
    except Exception as exc:  # rdflib raises several parser exception types
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise VocabError(f"{path}: not valid Turtle: {first}") from exc
    return g


@lru_cache(maxsize=1)
def vocab_graph() -> Graph:
    """The ontology and every vocabulary in one graph, parsed once per process.

    Shared: copy it (``Graph() + vocab_graph()``) before adding triples.
    """
    g = Graph()
    for path in vocab_files():
        parse_file(path, g)
    return g


def clear_cache() -> None:
    """Forget the parsed graph and everything read from it (after regenerating the files)."""
    for fn in (vocab_graph, schemes, timeline, sections):
        fn.cache_clear()


def _text(g: Graph, node: URIRef, pred: URIRef, lang: str = "en") -> str:
    values = [o for o in g.objects(node, pred) if isinstance(o, Literal)]
    for v in sorted(values, key=str):
        if v.language == lang:
            return str(v)
    return str(sorted(values, key=str)[0]) if values else ""


def natural_key(text: str) -> tuple[tuple[int, str], ...]:
    """'12(1)' < '22' < '22A' < '40(5A)': numbers compare as numbers."""
    return tuple((int(p), "") if p.isdigit() else (-1, p) for p in re.findall(r"\d+|\D+", text))


def _local(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1]


@lru_cache(maxsize=1)
def schemes() -> tuple[Scheme, ...]:
    """Every concept scheme of the vocabularies, sorted by name."""
    g = vocab_graph()
    out = []
    for s in set(g.subjects(RDF.type, SKOS.ConceptScheme)):
        if not isinstance(s, URIRef):
            continue
        name = str(g.value(s, SKOS.notation) or _local(str(s)))
        found = []
        for c in set(g.subjects(SKOS.inScheme, s)):
            if not isinstance(c, URIRef):
                continue
            slug = str(g.value(c, SKOS.notation) or _local(str(c)))
            rank = g.value(c, _foi("levelRank"))
            order = TERM_ORDER.get(name, ())
            found.append((
                (int(rank) if rank is not None else 0,
                 order.index(slug) if slug in order else len(order), natural_key(slug)),
                Term(
                    slug=slug,
                    iri=str(c),
                    label=_text(g, c, SKOS.prefLabel),
                    definition=_text(g, c, SKOS.definition),
                    alt_labels=tuple(sorted(str(a) for a in g.objects(c, SKOS.altLabel))),
                ),
            ))
        out.append(Scheme(
            name=name,
            iri=str(s),
            label=_text(g, s, RDFS.label) or _text(g, s, SKOS.prefLabel),
            comment=_text(g, s, RDFS.comment),
            terms=tuple(t for _, t in sorted(found, key=lambda kt: kt[0])),
        ))
    return tuple(sorted(out, key=lambda sc: sc.name))


def scheme(name: str) -> Scheme:
    """One scheme by name (``technology``, ``foia-section``...); KeyError names the choices."""
    name = ALIASES.get(name, name)
    for sc in schemes():
        if sc.name == name:
            return sc
    raise KeyError(f"no concept scheme {name!r}; known: {', '.join(s.name for s in schemes())}")


def resolve_name(name: str) -> str:
    """The canonical name of a scheme or dataset, accepting the aliases `kg vocab` takes."""
    return ALIASES.get(name, name)


@lru_cache(maxsize=1)
def timeline() -> tuple[Period, ...]:
    """The official threat-level timeline, oldest period first."""
    g = vocab_graph()
    out = []
    for p in set(g.subjects(RDF.type, _foi("ThreatLevelPeriod"))):
        level = g.value(p, _foi("level"))
        start = g.value(p, _foi("startDate"))
        end = g.value(p, _foi("endDate"))
        if level is None or start is None:
            raise VocabError(f"{VOCAB_DIR / 'timeline.ttl'}: period {p} lacks level or start")
        out.append(Period(
            level=_local(str(level)),
            start=start.toPython(),
            end=end.toPython() if end is not None else None,
            note=_text(g, p, RDFS.comment),
            sources=tuple(sorted(str(s) for s in g.objects(p, DCTERMS.source))),
            iri=str(p),
        ))
    return tuple(sorted(out, key=lambda per: per.start))


def period_at(day: date) -> Period | None:
    """The timeline period in force on a day; None before the timeline starts."""
    return next((p for p in timeline() if p.contains(day)), None)


@lru_cache(maxsize=1)
def sections() -> dict[str, Section]:
    """FOIA sections and subsections by number as written ("24", "24(2)", "31(1)(a)")."""
    g = vocab_graph()
    out: dict[str, Section] = {}
    for s in set(g.subjects(RDF.type, _foi("Exemption"))):
        number = g.value(s, _foi("sectionNumber"))
        if number is None:
            continue
        etype = g.value(s, _foi("exemptionType"))
        harm = g.value(s, _foi("harmTest"))
        part = g.value(s, _foi("partOfSection"))
        excl = g.value(s, _foi("excludesDutyToConfirmOrDeny"))
        subs = [g.value(n, _foi("sectionNumber")) for n in g.objects(s, _foi("ncndSubsection"))]
        out[str(number)] = Section(
            number=str(number),
            iri=str(s),
            title=_text(g, s, RDFS.label),
            exemption_type=_local(str(etype)) if etype is not None else None,
            harm_test=_local(str(harm)) if harm is not None else None,
            ncnd_subsections=tuple(sorted((str(n) for n in subs if n is not None),
                                          key=natural_key)),
            part_of=str(g.value(part, _foi("sectionNumber")) or _local(str(part)))
            if part is not None else None,
            excludes_duty_to_confirm_or_deny=bool(excl.toPython()) if excl is not None else None,
            notes=tuple(sorted(str(n) for n in g.objects(s, SKOS.note))),
        )
    return dict(sorted(out.items(), key=lambda kv: natural_key(kv[0])))


def shared_foi_units() -> dict[str, tuple[str, ...]]:
    """Body id -> ids of the bodies it shares an FOI unit with (``foi:sharesFOIUnitWith``)."""
    g = vocab_graph()
    out: dict[str, list[str]] = {}
    for a, b in g.subject_objects(_foi("sharesFOIUnitWith")):
        out.setdefault(_local(str(a)), []).append(_local(str(b)))
    return {k: tuple(sorted(v)) for k, v in sorted(out.items())}


# --------------------------------------------------------------------------------------
# Reading the reference rows back from the graph (CSV -> Turtle -> CSV round trip).
# Multi-valued cells (alternative names, sources, NCND subsections) come back sorted: RDF
# keeps no order among values of one property.
# --------------------------------------------------------------------------------------


def _website(iri: str) -> str:
    return iri.removeprefix("https://")


def body_rows(g: Graph | None = None, forces: bool | None = None) -> list[dict[str, str]]:
    """The rows of police_forces.csv (``forces=True``), public_bodies.csv (``False``) or both,
    rebuilt from the graph and sorted by id."""
    g = g if g is not None else vocab_graph()
    rows = []
    for b in set(g.subjects(RDF.type, _foi("PublicBody"))):
        if not isinstance(b, URIRef):
            continue
        is_force = (b, RDF.type, _foi("PoliceForce")) in g
        if forces is not None and is_force != forces:
            continue
        same = [str(o) for o in g.objects(b, OWL.sameAs) if str(o).startswith(ids.WIKIDATA)]
        home = g.value(b, FOAF.homepage)
        kind = g.value(b, _foi("bodyKind"))
        rows.append({
            "id": _local(str(b)),
            "name": _text(g, b, SKOS.prefLabel),
            "alt_names": "; ".join(sorted(str(a) for a in g.objects(b, SKOS.altLabel))),
            "country": str(g.value(b, _foi("country")) or ""),
            "kind": _local(str(kind)) if kind is not None else "",
            "ons_code": str(g.value(b, _foi("onsCode")) or ""),
            "wikidata": "; ".join(sorted(s[len(ids.WIKIDATA):] for s in same)),
            "website": _website(str(home)) if home is not None else "",
            "notes": _text(g, b, SKOS.note),
        })
    return sorted(rows, key=lambda r: r["id"])


def section_rows(g: Graph | None = None) -> list[dict[str, str]]:
    """The rows of foia_sections.csv rebuilt from the graph (top-level sections only)."""
    g = g if g is not None else vocab_graph()
    rows = []
    for s in set(g.subjects(RDF.type, _foi("Exemption"))):
        if not isinstance(s, URIRef) or g.value(s, _foi("partOfSection")) is not None:
            continue
        number = str(g.value(s, _foi("sectionNumber")) or "")
        notes = sorted(str(n) for n in g.objects(s, SKOS.note))
        etype_raw = next((n[len(EXEMPTION_TYPE_NOTE):] for n in notes
                          if n.startswith(EXEMPTION_TYPE_NOTE)), None)
        harm_raw = next((n[len(HARM_TEST_NOTE):] for n in notes
                         if n.startswith(HARM_TEST_NOTE)), None)
        plain = [n for n in notes
                 if not n.startswith(EXEMPTION_TYPE_NOTE) and not n.startswith(HARM_TEST_NOTE)]
        etype = g.value(s, _foi("exemptionType"))
        harm = g.value(s, _foi("harmTest"))
        subs = [str(g.value(n, _foi("sectionNumber")))
                for n in g.objects(s, _foi("ncndSubsection"))]
        rows.append({
            "section": number,
            "ncnd_subsection": "; ".join(sorted(subs, key=natural_key)),
            "title": _text(g, s, RDFS.label),
            "absolute_or_qualified": etype_raw if etype_raw is not None
            else (_local(str(etype)) if etype is not None else ""),
            "prejudice_or_class_based": harm_raw if harm_raw is not None
            else (_local(str(harm)) if harm is not None else ""),
            "legislation_uri": str(s),
            "notes": plain[0] if plain else "",
        })
    return sorted(rows, key=lambda r: natural_key(r["section"]))


def timeline_rows(g: Graph | None = None) -> list[dict[str, str]]:
    """The rows of uk_threat_levels.csv rebuilt from the graph, oldest first."""
    g = g if g is not None else vocab_graph()
    rows = []
    for p in set(g.subjects(RDF.type, _foi("ThreatLevelPeriod"))):
        level = g.value(p, _foi("level"))
        end = g.value(p, _foi("endDate"))
        rows.append({
            "level": _local(str(level)) if level is not None else "",
            "start_date": str(g.value(p, _foi("startDate")) or ""),
            "end_date": str(end) if end is not None else "",
            "trigger_or_note": _text(g, p, RDFS.comment),
            "source_url": " ; ".join(sorted(str(s) for s in g.objects(p, DCTERMS.source))),
        })
    return sorted(rows, key=lambda r: r["start_date"])
