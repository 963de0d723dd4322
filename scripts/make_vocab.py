"""Regenerate ``ontology/vocab/*.ttl`` from the reference CSVs and ``kg/terms.py``.

    python scripts/make_vocab.py            # write the Turtle files
    python scripts/make_vocab.py --check    # exit 1 when a committed file differs

The output is deterministic (a small writer of our own: subjects, predicates and objects
sorted), so ``--check`` can compare bytes. The concept definitions below are the editorial
part of the vocabularies; everything else comes from ``data/reference/*.csv``.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, OWL, SKOS

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg import ids, terms  # noqa: E402
from kg.paths import REFERENCE_DIR, ROOT, VOCAB_DIR  # noqa: E402

# Prefixes of the notes that keep a free-text column when it says more than the slug.
from kg.vocab import EXEMPTION_TYPE_NOTE, HARM_TEST_NOTE  # noqa: E402

FOI = "https://w3id.org/foi-kg/ontology#"
SCRIPT = "scripts/make_vocab.py"
FOIA_ACT = URIRef("http://www.legislation.gov.uk/ukpga/2000/36")


def foi(name: str) -> URIRef:
    return URIRef(FOI + name)


def en(text: str) -> Literal:
    return Literal(text, lang="en")


# --------------------------------------------------------------------------------------
# Editorial content: the concept schemes, their labels and definitions.
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ConceptDef:
    slug: str
    label: str
    definition: str
    alt: tuple[str, ...] = ()


@dataclass(frozen=True)
class SchemeDef:
    name: str
    label: str
    comment: str
    concepts: tuple[ConceptDef, ...]
    concept_class: str | None = None  # extra foi: class of every concept
    slugs_from: tuple[str, ...] | None = None  # kg.terms tuple the slugs must equal
    file: str = "schemes.ttl"
    sources: tuple[str, ...] = ()  # where the definitions come from (dcterms:source IRIs)


C = ConceptDef

TECHNOLOGY = SchemeDef(
    "technology",
    "facial recognition technologies",
    "The kinds of facial recognition technology that FOI requests ask police forces about.",
    (
        C("live-facial-recognition", "live facial recognition",
          "Cameras scan the faces of people passing through an area in real time and compare "
          "them with a watch list, alerting officers to possible matches.", ("LFR",)),
        C("retrospective-facial-recognition", "retrospective facial recognition",
          "A still or video image (from CCTV, a phone or social media) is searched after the "
          "event against a reference database, such as custody images, to help identify a "
          "person.", ("RFR",)),
        C("operator-initiated-facial-recognition", "operator-initiated facial recognition",
          "An officer photographs a person, usually with a mobile device, and searches the "
          "image against a reference database to help identify them on the spot.", ("OIFR",)),
        C("facial-recognition-body-worn-video", "facial recognition on body-worn video",
          "Facial recognition applied to the footage of body-worn video cameras, or built "
          "into the cameras themselves."),
        C("pnd-facial-search", "PND facial search",
          "Facial searching on the Police National Database: a probe image is searched "
          "against the custody images held on the PND, a national service the Home Office "
          "provides to forces.", ("Police National Database facial search",)),
        C("facial-recognition", "facial recognition (kind unspecified)",
          "Automated facial recognition where the response does not say which kind (live, "
          "retrospective or operator-initiated) it means.",
          ("automated facial recognition", "AFR")),
    ),
    concept_class="Technology",
    slugs_from=("TECHNOLOGIES",),
    file="technologies.ttl",
)

USAGE_STATUS = SchemeDef(
    "usage-status",
    "usage statuses",
    "What a response says about a force's use of a technology.",
    (
        C("in-use", "in use", "The force states that it currently uses the technology."),
        C("trialled", "trialled",
          "The force states that it has trialled or piloted the technology."),
        C("not-in-use", "not in use", "The force states that it does not use the technology."),
        C("planned", "planned",
          "The force states that it plans, or is considering, using the technology."),
        C("no-plans", "no plans",
          "The force states that it has no plans to use the technology."),
        C("ncnd", "neither confirmed nor denied",
          "The force neither confirms nor denies whether it uses the technology.", ("NCND",)),
        C("not-held", "information not held",
          "The force states that it holds no information about use of the technology."),
    ),
    slugs_from=("USAGE_STATUSES",),
    file="usage-statuses.ttl",
)

ANSWER_KIND = SchemeDef(
    "answer-kind",
    "answer kinds",
    "The kind of answer a response gives to a question of an FOI request.",
    (
        C("disclosed", "disclosed", "The requested information is given in full."),
        C("partially-disclosed", "partially disclosed",
          "Some of the requested information is given and the rest is withheld."),
        C("not-held", "not held", "The public body states that it does not hold the information."),
        C("not-applicable", "not applicable",
          "The question does not apply, usually because an earlier answer makes it moot (no "
          "use of the technology, so no costs or deployments)."),
        C("ncnd", "neither confirm nor deny",
          "The public body neither confirms nor denies that it holds the information.",
          ("NCND",)),
        C("refused-exempt", "refused: exempt",
          "The information is withheld under one or more exemptions of the Freedom of "
          "Information Act 2000."),
        C("refused-cost", "refused: cost limit",
          "The request is refused because complying would exceed the appropriate cost limit "
          "(section 12)."),
        C("published-elsewhere", "published elsewhere",
          "The answer points to information already published, such as a web page "
          "(often under section 21)."),
        C("clarification-needed", "clarification needed",
          "The public body asks the requester to clarify the question before it answers."),
    ),
    slugs_from=("ANSWER_KINDS",),
    file="answer-kinds.ttl",
)

# MI5's published meaning of each level, lowest first; rank = position + 1.
THREAT_LEVEL = SchemeDef(
    "threat-level",
    "UK national terrorism threat levels",
    "The five levels of the UK national terrorism threat scale, ordered by foi:levelRank from "
    "1 (low) to 5 (critical). Until 23 July 2019 the published level was the international "
    "terrorism threat level.",
    (
        C("low", "low", "An attack is highly unlikely.", ("LOW",)),
        C("moderate", "moderate", "An attack is possible, but not likely.", ("MODERATE",)),
        C("substantial", "substantial", "An attack is likely.", ("SUBSTANTIAL",)),
        C("severe", "severe", "An attack is highly likely.", ("SEVERE",)),
        C("critical", "critical",
          "An attack is highly likely in the near future (before 2019: an attack is expected "
          "imminently).", ("CRITICAL",)),
    ),
    concept_class="ThreatLevel",
    slugs_from=("THREAT_LEVELS",),
    file="threat-levels.ttl",
    sources=("https://www.mi5.gov.uk/threat-levels",),
)

SMALL_SCHEMES: tuple[SchemeDef, ...] = (
    SchemeDef(
        "scope", "citation and NCND scopes",
        "What part of a request an exemption citation or a neither-confirm-nor-deny "
        "statement covers.",
        (
            C("covert-use", "covert use", "Any covert use of the technology."),
            C("question", "named questions", "One or more named questions of the request."),
            C("whole-request", "whole request", "The whole request."),
        ),
        slugs_from=("NCND_SCOPES",),
    ),
    SchemeDef(
        "use-scope", "use scopes",
        "Whether a statement about a technology concerns overt or covert use.",
        (
            C("overt", "overt", "Openly acknowledged use, such as publicised deployments."),
            C("covert", "covert",
              "Covert use, which forces commonly neither confirm nor deny."),
            C("unspecified", "unspecified",
              "The statement does not say whether it concerns overt or covert use."),
        ),
        slugs_from=("USE_SCOPES",),
    ),
    SchemeDef(
        "tense", "tenses",
        "Whether a statement about a technology concerns current, planned or past use.",
        (
            C("current", "current", "The statement is about use at the time of the response."),
            C("planned", "planned", "The statement is about intended or possible future use."),
            C("past", "past", "The statement is about use that has ended, such as a trial."),
        ),
        slugs_from=("TENSES",),
    ),
    SchemeDef(
        "direction", "public interest directions",
        "Which way a public interest factor points.",
        (
            C("favouring", "favouring disclosure",
              "The factor favours disclosure (or confirming or denying)."),
            C("against", "against disclosure",
              "The factor favours maintaining the exemption."),
        ),
        slugs_from=("PI_DIRECTIONS",),
    ),
    SchemeDef(
        "balance-outcome", "public interest balance outcomes",
        "The conclusion of the balance of public interest in a response.",
        (
            C("maintain-exemption", "exemption maintained",
              "The public interest in maintaining the exemption outweighs the public interest "
              "in disclosure."),
            C("disclose", "disclosure",
              "The public interest in disclosure outweighs the public interest in maintaining "
              "the exemption."),
        ),
    ),
    SchemeDef(
        "provider-role", "provider roles",
        "The part a provider named in a response plays in supplying a technology.",
        (
            C("provider", "provider",
              "Supplies or operates the service the force uses (for example the Home Office "
              "providing facial search on the Police National Database)."),
            C("vendor", "vendor", "Sells or licenses the product: a commercial supplier."),
        ),
    ),
    SchemeDef(
        "curation-status", "curation statuses",
        "Whether a fact was read by foi-kg's rules or set by a person.",
        (
            C("extracted", "extracted", "Read from the letter by foi-kg's extraction rules."),
            C("curated", "curated",
              "Set or corrected by a person in a curation sidecar file."),
        ),
    ),
    SchemeDef(
        "exemption-type", "exemption types",
        "Whether a FOIA exemption is subject to the public interest test.",
        (
            C("absolute", "absolute",
              "No public interest test applies (FOIA section 2(3))."),
            C("qualified", "qualified",
              "The exemption applies only if the public interest in maintaining it outweighs "
              "the public interest in disclosure (FOIA section 2(1)(b) and 2(2)(b))."),
            C("mixed", "mixed",
              "Some subsections or limbs of the section are absolute and others qualified."),
            C("not-applicable", "not applicable",
              "Not a Part II exemption: a procedural refusal (sections 12 and 14) or a "
              "supplementary provision."),
        ),
        sources=("http://www.legislation.gov.uk/ukpga/2000/36/section/2",),
    ),
    SchemeDef(
        "harm-test", "harm tests",
        "The test that engages a FOIA exemption.",
        (
            C("prejudice", "prejudice-based",
              "Engaged only if disclosure would, or would be likely to, prejudice (or "
              "endanger) the interest the exemption protects."),
            C("class", "class-based",
              "Engaged by the class of information alone, with no need to show harm."),
            C("necessity", "necessity test",
              "Engaged where exemption is required for a purpose, such as safeguarding "
              "national security or avoiding an infringement of parliamentary privilege."),
            C("mixed", "mixed", "Different limbs of the section use different tests."),
            C("not-applicable", "not applicable",
              "No harm test: a procedural refusal or a supplementary provision."),
        ),
    ),
    SchemeDef(
        "body-kind", "kinds of public body",
        "The kinds of public body that answer FOI requests about policing.",
        (
            C("territorial", "territorial police force",
              "A geographic police force: the 43 forces of England and Wales, Police Scotland "
              "and the Police Service of Northern Ireland."),
            C("special", "special police force",
              "A police force with a national remit over particular infrastructure or estates "
              "(British Transport Police, Ministry of Defence Police, Civil Nuclear "
              "Constabulary)."),
            C("national", "national law-enforcement agency",
              "A national law-enforcement agency that is not a police force, such as the "
              "National Crime Agency."),
            C("police-and-crime-commissioner", "police and crime commissioner",
              "An elected police and crime commissioner, or the mayor or office that exercises "
              "a commissioner's functions for a force area."),
            C("police-authority", "police authority",
              "A body that oversees a police force in place of a commissioner, such as the "
              "Scottish Police Authority or the Northern Ireland Policing Board."),
            C("national-policing-body", "national policing body",
              "A national body that coordinates, sets standards for or inspects policing."),
            C("commissioner", "statutory commissioner",
              "An independent statutory commissioner overseeing an area of policing, such as "
              "biometrics or surveillance cameras."),
            C("government-department", "government department",
              "A UK government department, such as the Home Office."),
            C("regulator", "regulator",
              "A regulator, such as the Information Commissioner's Office, which enforces "
              "the Freedom of Information Act."),
        ),
    ),
    SchemeDef(
        "verdict", "fact-check verdicts",
        "The verdict of checking a threat-level statement against the official timeline.",
        (
            C("correct", "correct", "The claim agrees with the official timeline."),
            C("wrong", "wrong", "The claim contradicts the official timeline."),
            C("plausible", "plausible",
              "The claim's date is uncertain, and it agrees with the timeline for at least "
              "part of the window it could refer to."),
            C("partly-wrong", "partly wrong",
              "Part of the claim agrees with the timeline and part contradicts it, such as a "
              "wrong or missing period."),
            C("unverifiable", "unverifiable",
              "The claim cannot be checked against the timeline: no usable date, or outside "
              "the period the timeline covers."),
        ),
    ),
)

CONCEPT_SCHEMES: tuple[SchemeDef, ...] = (
    TECHNOLOGY, USAGE_STATUS, ANSWER_KIND, THREAT_LEVEL, *SMALL_SCHEMES,
)

# Disclosure subsections letters commonly cite, beside the NCND ones of the CSV:
# number -> (label, exemption type, harm test). Parents are derived from the number.
COMMON_SUBSECTIONS: dict[str, tuple[str, str, str]] = {
    "12(1)": ("Cost of compliance exceeds the appropriate limit",
              "not-applicable", "not-applicable"),
    "23(1)": ("Information supplied by, or relating to, bodies dealing with security matters",
              "absolute", "class"),
    "24(1)": ("Exemption required for the purpose of safeguarding national security",
              "qualified", "necessity"),
    "30(1)": ("Information held for the purposes of investigations and criminal proceedings",
              "qualified", "class"),
    "30(2)": ("Information relating to confidential sources, obtained for investigations or "
              "proceedings", "qualified", "class"),
    "31(1)": ("Prejudice to law enforcement", "qualified", "prejudice"),
    "31(1)(a)": ("Prejudice to the prevention or detection of crime", "qualified", "prejudice"),
    "31(1)(b)": ("Prejudice to the apprehension or prosecution of offenders",
                 "qualified", "prejudice"),
    "38(1)": ("Endangering the physical or mental health or the safety of any individual",
              "qualified", "prejudice"),
    "40(2)": ("Personal data of someone other than the requester", "mixed", "class"),
    "40(3A)": ("Disclosure would contravene the data protection principles", "absolute", "class"),
    "41(1)": ("Information provided in confidence", "absolute", "class"),
    "43(1)": ("Trade secrets", "qualified", "class"),
    "43(2)": ("Prejudice to commercial interests", "qualified", "prejudice"),
}

# NCND subsections whose effect the generic wording would misstate.
NCND_DEFINITIONS: dict[str, str] = {
    "12(2)": "Subsection 12(2) of the Freedom of Information Act 2000: the duty to confirm or "
    "deny still applies unless the estimated cost of confirming or denying alone would exceed "
    "the appropriate limit.",
}

# Shared FOI arrangements, found by a phrase in a body's notes: bodies whose notes carry the
# same phrase answer through one unit, so each is linked to every other with sharesFOIUnitWith.
SHARED_UNIT_MARKERS: tuple[str, ...] = (
    "BCH collaboration",
    "Norfolk and Suffolk Constabularies",
    "Joint Information Management Unit",
)

POLICE_FORCE_KINDS = frozenset({"territorial", "special", "national"})


FORCE_COLUMNS = ("id", "name", "alt_names", "country", "kind", "ons_code", "wikidata",
                 "website", "notes")
SECTION_COLUMNS = ("section", "ncnd_subsection", "title", "absolute_or_qualified",
                   "prejudice_or_class_based", "legislation_uri", "notes")
TIMELINE_COLUMNS = ("level", "start_date", "end_date", "trigger_or_note", "source_url")


# --------------------------------------------------------------------------------------
# Mapping free text to slugs (deterministic: first word decides).
# --------------------------------------------------------------------------------------


def exemption_type_slug(raw: str) -> str:
    """'qualified (absolute so far as ...)' -> qualified; 'n/a (refusal ...)' -> not-applicable."""
    word = raw.strip().lower()
    if word.startswith("n/a"):
        return "not-applicable"
    for slug in ("absolute", "qualified", "mixed"):
        if word.startswith(slug):
            return slug
    raise ValueError(f"absolute_or_qualified: cannot map {raw!r}")


def harm_test_slug(raw: str) -> str:
    """'prejudice (endangerment ...)' -> prejudice; 'other (necessity test ...)' -> necessity."""
    word = raw.strip().lower()
    if word.startswith("n/a"):
        return "not-applicable"
    if word.startswith("other") and "necessity" in word:
        return "necessity"
    for slug in ("prejudice", "class", "mixed", "necessity"):
        if word.startswith(slug):
            return slug
    raise ValueError(f"prejudice_or_class_based: cannot map {raw!r}")


def name_language(name: str) -> str:
    """Language tag of an alternative name: Welsh and Scottish Gaelic forms are recognised by
    their policing words; anything else is English."""
    words = set(re.findall(r"[\w'-]+", name))
    if words & {"Heddlu", "Comisiynydd", "Throseddu", "Cymru"}:
        return "cy"
    if words & {"Poileas", "Phoilis", "Alba", "h-Alba"}:
        return "gd"
    return "en"


def homepage(website: str) -> URIRef:
    """The CSV keeps host (and path) without a scheme; the graph gets an https IRI."""
    return URIRef(website if "://" in website else f"https://{website}")


def split_list(value: str, sep: str = ";") -> list[str]:
    return [v.strip() for v in value.split(sep) if v.strip()]


# --------------------------------------------------------------------------------------
# Reading the CSVs
# --------------------------------------------------------------------------------------


def read_csv(path: Path, columns: tuple[str, ...]) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        if tuple(reader.fieldnames or ()) != columns:
            raise ValueError(f"{path}: columns {reader.fieldnames} != {list(columns)}")
        return [{k: (v or "") for k, v in row.items()} for row in reader]


# --------------------------------------------------------------------------------------
# Building the graphs
# --------------------------------------------------------------------------------------


def _concept_scheme(g: Graph, sd: SchemeDef) -> None:
    scheme = ids.scheme_iri(sd.name)
    g.add((scheme, RDF.type, SKOS.ConceptScheme))
    g.add((scheme, RDFS.label, en(sd.label)))
    g.add((scheme, SKOS.prefLabel, en(sd.label)))
    g.add((scheme, RDFS.comment, en(sd.comment)))
    g.add((scheme, SKOS.definition, en(sd.comment)))
    g.add((scheme, DCTERMS.title, en(sd.label)))
    g.add((scheme, SKOS.notation, Literal(sd.name)))
    for src in sd.sources:
        g.add((scheme, DCTERMS.source, URIRef(src)))
    for rank, cd in enumerate(sd.concepts, start=1):
        c = ids.concept_iri(sd.name, cd.slug)
        g.add((c, RDF.type, SKOS.Concept))
        if sd.concept_class:
            g.add((c, RDF.type, foi(sd.concept_class)))
        g.add((c, SKOS.inScheme, scheme))
        g.add((c, SKOS.topConceptOf, scheme))
        g.add((scheme, SKOS.hasTopConcept, c))
        g.add((c, SKOS.prefLabel, en(cd.label)))
        g.add((c, RDFS.label, en(cd.label)))
        g.add((c, SKOS.definition, en(cd.definition)))
        g.add((c, SKOS.notation, Literal(cd.slug)))
        for alt in cd.alt:
            g.add((c, SKOS.altLabel, en(alt)))
        if sd is THREAT_LEVEL:
            g.add((c, foi("levelRank"), Literal(rank)))


def concept_scheme_graph(sds: Iterable[SchemeDef]) -> Graph:
    g = Graph(bind_namespaces="none")
    for sd in sds:
        _concept_scheme(g, sd)
    return g


def _dataset(g: Graph, name: str, title: str, description: str, sources: list[str]) -> None:
    node = URIRef(f"{ids.ID}dataset/{name}")
    g.add((node, RDF.type, DCAT.Dataset))
    g.add((node, DCTERMS.title, en(title)))
    g.add((node, RDFS.label, en(title)))
    g.add((node, DCTERMS.description, en(description)))
    for src in sources:
        g.add((node, DCTERMS.source, Literal(src)))


def forces_graph(forces: list[dict[str, str]], bodies: list[dict[str, str]]) -> Graph:
    g = Graph(bind_namespaces="none")
    _dataset(g, "forces", "UK police forces and other public bodies",
             "Every UK police force and law-enforcement agency, and the other public bodies "
             "that answer FOI requests about policing, with names, ONS codes and Wikidata "
             "identities. See data/reference/SOURCES.md.",
             ["data/reference/police_forces.csv", "data/reference/public_bodies.csv"])
    rows = [(r, True) for r in forces] + [(r, False) for r in bodies]
    seen: set[str] = set()
    for row, is_force in rows:
        if row["id"] in seen:
            raise ValueError(f"duplicate body id {row['id']!r}")
        seen.add(row["id"])
        node = ids.body_iri(row["id"])
        kind = row["kind"]
        if kind not in {c.slug for c in _scheme("body-kind").concepts}:
            raise ValueError(f"{row['id']}: unknown kind {kind!r}")
        if is_force != (kind in POLICE_FORCE_KINDS):
            raise ValueError(f"{row['id']}: kind {kind!r} in the wrong file")
        if is_force:
            g.add((node, RDF.type, foi("PoliceForce")))
        g.add((node, RDF.type, foi("PublicBody")))
        g.add((node, RDFS.label, en(row["name"])))
        g.add((node, SKOS.prefLabel, en(row["name"])))
        for alt in split_list(row["alt_names"]):
            g.add((node, SKOS.altLabel, Literal(alt, lang=name_language(alt))))
        if row["country"]:
            g.add((node, foi("country"), Literal(row["country"])))
        g.add((node, foi("bodyKind"), ids.concept_iri("body-kind", kind)))
        if row["ons_code"]:
            g.add((node, foi("onsCode"), Literal(row["ons_code"])))
        if row["wikidata"]:
            g.add((node, OWL.sameAs, URIRef(ids.WIKIDATA + row["wikidata"])))
        if row["website"]:
            g.add((node, FOAF.homepage, homepage(row["website"])))
        if row["notes"]:
            g.add((node, SKOS.note, en(row["notes"])))
        g.add((node, DCTERMS.source, Literal(
            "data/reference/police_forces.csv" if is_force else "data/reference/public_bodies.csv"
        )))
    for marker in SHARED_UNIT_MARKERS:
        group = sorted(r["id"] for r, _ in rows if marker in r["notes"])
        for a in group:
            for b in group:
                if a != b:
                    g.add((ids.body_iri(a), foi("sharesFOIUnitWith"), ids.body_iri(b)))
    return g


def _section_parent(number: str) -> str:
    """'31(1)(a)' -> '31(1)'; '24(2)' -> '24'."""
    return number[: number.rindex("(")]


def _section_base(number: str) -> str:
    return number.split("(")[0]


def sections_graph(rows: list[dict[str, str]]) -> Graph:
    g = Graph(bind_namespaces="none")
    scheme = ids.scheme_iri("foia-section")
    g.add((scheme, RDF.type, SKOS.ConceptScheme))
    label = "Freedom of Information Act 2000 sections"
    comment = ("The sections of the Freedom of Information Act 2000 that police responses rely "
               "on: the section 12 cost limit, section 14 and the Part II exemptions (sections "
               "21 to 44), with their neither-confirm-nor-deny subsections and the disclosure "
               "subsections letters commonly cite. Identified by legislation.gov.uk IRIs.")
    g.add((scheme, RDFS.label, en(label)))
    g.add((scheme, SKOS.prefLabel, en(label)))
    g.add((scheme, DCTERMS.title, en(label)))
    g.add((scheme, RDFS.comment, en(comment)))
    g.add((scheme, SKOS.definition, en(comment)))
    g.add((scheme, SKOS.notation, Literal("foia-section")))
    g.add((scheme, DCTERMS.source, FOIA_ACT))
    g.add((scheme, DCTERMS.source, Literal("data/reference/foia_sections.csv")))
    titles: dict[str, str] = {}
    types: dict[str, tuple[str, str]] = {}

    def node(number: str) -> URIRef:
        c = ids.section_iri(number)
        g.add((c, RDF.type, foi("Exemption")))
        g.add((c, RDF.type, SKOS.Concept))
        g.add((c, SKOS.inScheme, scheme))
        g.add((c, foi("sectionNumber"), Literal(number)))
        g.add((c, SKOS.notation, Literal(number)))
        return c

    def subsection(c: URIRef, number: str) -> None:
        base = _section_base(number)
        g.add((c, foi("partOfSection"), ids.section_iri(base)))
        g.add((c, SKOS.broader, ids.section_iri(_section_parent(number))))
        g.add((c, DCTERMS.isPartOf, FOIA_ACT))

    for row in rows:
        number = row["section"]
        c = node(number)
        if str(c) != row["legislation_uri"]:
            raise ValueError(f"section {number}: {row['legislation_uri']} != {c}")
        title = row["title"]
        titles[number] = title
        g.add((c, RDFS.label, en(title)))
        g.add((c, SKOS.prefLabel, en(f"s.{number} {title}")))
        g.add((c, SKOS.topConceptOf, scheme))
        g.add((scheme, SKOS.hasTopConcept, c))
        g.add((c, DCTERMS.isPartOf, FOIA_ACT))
        etype = exemption_type_slug(row["absolute_or_qualified"])
        harm = harm_test_slug(row["prejudice_or_class_based"])
        types[number] = (etype, harm)
        g.add((c, foi("exemptionType"), ids.concept_iri("exemption-type", etype)))
        g.add((c, foi("harmTest"), ids.concept_iri("harm-test", harm)))
        if row["absolute_or_qualified"] != etype:
            g.add((c, SKOS.note, en(EXEMPTION_TYPE_NOTE + row["absolute_or_qualified"])))
        if row["prejudice_or_class_based"] != harm:
            g.add((c, SKOS.note, en(HARM_TEST_NOTE + row["prejudice_or_class_based"])))
        if row["notes"]:
            g.add((c, SKOS.note, en(row["notes"])))
        kind = ("Part II exemption" if etype != "not-applicable" or harm != "not-applicable"
                else "provision")
        if number in ("12", "14"):
            kind = "ground for refusing a request (not a Part II exemption)"
        g.add((c, SKOS.definition, en(
            f"Section {number} of the Freedom of Information Act 2000, {title!s}: a {kind}"
            + _type_phrase(etype, harm) + "."
        )))
        for sub in split_list(row["ncnd_subsection"]):
            if _section_base(sub) != number:
                raise ValueError(f"section {number}: NCND subsection {sub} of another section")
            s = node(sub)
            subsection(s, sub)
            g.add((c, foi("ncndSubsection"), s))
            g.add((s, foi("excludesDutyToConfirmOrDeny"), Literal(True)))
            sub_label = f"{title}: neither confirm nor deny"
            g.add((s, RDFS.label, en(sub_label)))
            g.add((s, SKOS.prefLabel, en(f"s.{sub} {sub_label}")))
            g.add((s, SKOS.definition, en(NCND_DEFINITIONS.get(sub, (
                f"Subsection {sub} of the Freedom of Information Act 2000: the public authority "
                f"need not confirm or deny whether it holds information within section {number} "
                f"({title}) where the subsection's conditions are met."
            )))))
    for sub, (sub_title, etype, harm) in sorted(COMMON_SUBSECTIONS.items()):
        base = _section_base(sub)
        if base not in titles:
            raise ValueError(f"subsection {sub}: section {base} not in foia_sections.csv")
        s = node(sub)
        subsection(s, sub)
        g.add((s, foi("excludesDutyToConfirmOrDeny"), Literal(False)))
        g.add((s, RDFS.label, en(sub_title)))
        g.add((s, SKOS.prefLabel, en(f"s.{sub} {sub_title}")))
        g.add((s, foi("exemptionType"), ids.concept_iri("exemption-type", etype)))
        g.add((s, foi("harmTest"), ids.concept_iri("harm-test", harm)))
        g.add((s, SKOS.definition, en(
            f"Subsection {sub} of the Freedom of Information Act 2000 (section {base}, "
            f"{titles[base]}): {sub_title[0].lower() + sub_title[1:]}."
        )))
    return g


def _type_phrase(etype: str, harm: str) -> str:
    parts = []
    if etype != "not-applicable":
        parts.append(f"{etype} exemption" if etype != "mixed" else
                     "partly absolute and partly qualified")
    if harm != "not-applicable":
        parts.append({"prejudice": "prejudice-based", "class": "class-based",
                      "necessity": "with a necessity test",
                      "mixed": "with different tests for different limbs"}[harm])
    return (" (" + ", ".join(parts) + ")") if parts else ""


def timeline_graph(rows: list[dict[str, str]]) -> Graph:
    g = Graph(bind_namespaces="none")
    _dataset(g, "threat-timeline", "Official UK threat-level timeline",
             "The UK national (until 23 July 2019: international) terrorism threat level from "
             "1 August 2006, as contiguous half-open periods [start, end). See "
             "data/reference/SOURCES.md for sources and caveats.",
             ["data/reference/uk_threat_levels.csv"])
    levels = {c.slug for c in THREAT_LEVEL.concepts}
    for row in rows:
        if row["level"] not in levels:
            raise ValueError(f"timeline {row['start_date']}: unknown level {row['level']!r}")
        p = ids.timeline_iri(row["start_date"])
        g.add((p, RDF.type, foi("ThreatLevelPeriod")))
        g.add((p, foi("level"), ids.concept_iri("threat-level", row["level"])))
        g.add((p, foi("startDate"), Literal(row["start_date"], datatype=XSD.date)))
        if row["end_date"]:
            g.add((p, foi("endDate"), Literal(row["end_date"], datatype=XSD.date)))
        until = f"until {row['end_date']}" if row["end_date"] else "current"
        g.add((p, RDFS.label, en(f"{row['level']} from {row['start_date']} ({until})")))
        if row["trigger_or_note"]:
            g.add((p, RDFS.comment, en(row["trigger_or_note"])))
        for url in split_list(row["source_url"], " ; "):
            g.add((p, DCTERMS.source, Literal(url, datatype=XSD.anyURI)))
    return g


def _scheme(name: str) -> SchemeDef:
    return next(sd for sd in CONCEPT_SCHEMES if sd.name == name)


# --------------------------------------------------------------------------------------
# A deterministic Turtle writer
# --------------------------------------------------------------------------------------

PREFIXES: tuple[tuple[str, str], ...] = (
    ("foi", FOI),
    ("id", ids.ID),
    ("scheme", ids.ID + "scheme/"),
    ("force", ids.ID + "force/"),
    ("threat-period", ids.ID + "threat-period/"),
    ("leg", ids.FOIA),
    ("wd", ids.WIKIDATA),
    ("rdf", str(RDF)),
    ("rdfs", str(RDFS)),
    ("owl", str(OWL)),
    ("xsd", str(XSD)),
    ("skos", str(SKOS)),
    ("dcterms", str(DCTERMS)),
    ("dcat", str(DCAT)),
    ("foaf", str(FOAF)),
) + tuple((sd.name, f"{ids.ID}{sd.name}/") for sd in CONCEPT_SCHEMES)

_LOCAL = re.compile(r"^[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_-])?$")

# Predicates in reading order; the rest follow sorted.
PREDICATE_ORDER = [
    RDF.type, SKOS.prefLabel, RDFS.label, DCTERMS.title, SKOS.altLabel, SKOS.notation,
    foi("sectionNumber"), SKOS.definition, RDFS.comment, DCTERMS.description, SKOS.inScheme,
    SKOS.topConceptOf, SKOS.broader,
]


def _term(t: URIRef | Literal, used: set[str]) -> str:
    if isinstance(t, Literal):
        if t.datatype == XSD.boolean:
            return "true" if t.toPython() else "false"
        if t.datatype == XSD.integer:
            return str(t)
        if t.datatype is not None:
            return t.n3().rsplit("^^", 1)[0] + "^^" + _term(t.datatype, used)
        return t.n3()
    s = str(t)
    best: tuple[str, str] | None = None
    for prefix, ns in PREFIXES:
        longer = best is None or len(ns) > len(best[1])
        if s.startswith(ns) and _LOCAL.match(s[len(ns):]) and longer:
            best = (prefix, ns)
    if best is None:
        return f"<{s}>"
    used.add(best[0])
    return f"{best[0]}:{s[len(best[1]):]}"


def _sort_key(t: URIRef | Literal) -> tuple[str, str, str]:
    if isinstance(t, Literal):
        return ("1", str(t.language or t.datatype or ""), str(t))
    return ("0", "", str(t))


def to_turtle(g: Graph, header: str) -> str:
    used: set[str] = set()
    blocks: list[str] = []
    order = {p: i for i, p in enumerate(PREDICATE_ORDER)}
    for subject in sorted({s for s in g.subjects() if isinstance(s, URIRef)}, key=str):
        preds = sorted(set(g.predicates(subject)), key=lambda p: (order.get(p, 99), str(p)))
        lines = []
        for p in preds:
            objs = sorted(g.objects(subject, p), key=_sort_key)
            ptxt = "a" if p == RDF.type else _term(p, used)
            lines.append(f"    {ptxt} " + " ,\n        ".join(_term(o, used) for o in objs))
        blocks.append(_term(subject, used) + "\n" + " ;\n".join(lines) + " .\n")
    prefix_lines = [f"@prefix {p}: <{ns}> ." for p, ns in PREFIXES if p in used]
    comment = "".join(f"# {line}\n".replace("# \n", "#\n") for line in header.splitlines())
    return comment + "\n" + "\n".join(prefix_lines) + "\n\n" + "\n".join(blocks)


# --------------------------------------------------------------------------------------
# Files
# --------------------------------------------------------------------------------------


def _header(what: str, sources: str) -> str:
    return (
        f"{what}\n"
        f"Generated by {SCRIPT} from {sources}.\n"
        f"Do not edit by hand: change the source and run `python {SCRIPT}`."
    )


def outputs() -> dict[str, str]:
    """File name -> Turtle text, for every vocabulary file."""
    ref = REFERENCE_DIR
    forces = read_csv(ref / "police_forces.csv", FORCE_COLUMNS)
    bodies_path = ref / "public_bodies.csv"
    bodies = read_csv(bodies_path, FORCE_COLUMNS) if bodies_path.exists() else []
    sections = read_csv(ref / "foia_sections.csv", SECTION_COLUMNS)
    timeline = read_csv(ref / "uk_threat_levels.csv", TIMELINE_COLUMNS)
    out: dict[str, str] = {}
    by_file: dict[str, list[SchemeDef]] = {}
    for sd in CONCEPT_SCHEMES:
        by_file.setdefault(sd.file, []).append(sd)
    for fname, sds in by_file.items():
        names = ", ".join(sd.name for sd in sds)
        out[fname] = to_turtle(
            concept_scheme_graph(sds),
            _header(f"foi-kg concept schemes: {names}.",
                    "its scheme definitions (slugs checked against kg/terms.py)"),
        )
    out["forces.ttl"] = to_turtle(
        forces_graph(forces, bodies),
        _header("UK police forces and other public bodies that answer FOI requests.",
                "data/reference/police_forces.csv and data/reference/public_bodies.csv"),
    )
    out["foia-sections.ttl"] = to_turtle(
        sections_graph(sections),
        _header("Freedom of Information Act 2000 sections and subsections.",
                "data/reference/foia_sections.csv and its table of common subsections"),
    )
    out["timeline.ttl"] = to_turtle(
        timeline_graph(timeline),
        _header("The official UK terrorism threat-level timeline.",
                "data/reference/uk_threat_levels.csv"),
    )
    return dict(sorted(out.items()))


def check_terms() -> list[str]:
    """Scheme slugs that disagree with kg/terms.py."""
    problems = []
    for sd in CONCEPT_SCHEMES:
        for name in sd.slugs_from or ():
            expected = getattr(terms, name)
            got = tuple(c.slug for c in sd.concepts)
            if got != expected:
                problems.append(f"scheme {sd.name}: slugs {got} != kg.terms.{name} {expected}")
    return problems


def main(argv: list[str] | None = None, out_dir: Path = VOCAB_DIR,
         echo: Callable[[str], None] = print) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="exit 1 when the committed files differ from the generated ones")
    args = parser.parse_args(argv)
    problems = check_terms()
    if problems:
        for p in problems:
            echo(p)
        return 1
    files = outputs()
    stale = []
    for name, text in files.items():
        path = out_dir / name
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        if args.check:
            stale.append(name)
        else:
            out_dir.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            echo(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    extra = sorted(p.name for p in out_dir.glob("*.ttl") if p.name not in files)
    if args.check:
        for name in stale:
            echo(f"{out_dir / name}: differs from the reference data; run python {SCRIPT}")
        for name in extra:
            echo(f"{out_dir / name}: not generated by {SCRIPT}; remove it")
        return 1 if stale or extra else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
