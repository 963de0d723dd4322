"""Minting IRIs: one place decides how every node of the graph is named.

Instance data lives under ``https://w3id.org/foi-kg/id/``. A response's IRI is minted from
its force and its reference (readable and stable across rebuilds), and is also the name of
the named graph that holds every fact of that letter. Fact IRIs hang under the response IRI.

>>> str(response_iri("west-midlands-police", "13457_18"))
'https://w3id.org/foi-kg/id/response/west-midlands-police/13457_18'
>>> slug("FOI2017/01696")
'FOI2017-01696'
>>> str(section_iri("31(1)(a)"))
'http://www.legislation.gov.uk/ukpga/2000/36/section/31/1/a'
"""

from __future__ import annotations

import re

from rdflib import URIRef

ID = "https://w3id.org/foi-kg/id/"
ONTOLOGY = "https://w3id.org/foi-kg/ontology#"
FOIA = "http://www.legislation.gov.uk/ukpga/2000/36/section/"
WIKIDATA = "http://www.wikidata.org/entity/"

VOCAB_GRAPH = URIRef(ID + "graph/vocab")
FACTCHECK_GRAPH = URIRef(ID + "graph/factcheck")
TEMPLATES_GRAPH = URIRef(ID + "graph/templates")
QUESTIONS_GRAPH = URIRef(ID + "graph/questions")

_UNSAFE = re.compile(r"[^A-Za-z0-9._~-]+")


def slug(text: str) -> str:
    """A readable IRI segment: keeps letters, digits and ``._~-``, joins the rest with '-'."""
    out = _UNSAFE.sub("-", text.strip()).strip("-")
    return out or "x"


def name_slug(text: str) -> str:
    """A lowercase slug for names ("Home Office" -> "home-office")."""
    return slug(text).lower()


def force_iri(force_id: str) -> URIRef:
    return URIRef(f"{ID}force/{force_id}")


def body_iri(body_id: str) -> URIRef:
    """Bodies that are not forces share the force namespace: one gazetteer, one IRI pattern."""
    return force_iri(body_id)


def response_iri(force_id: str | None, reference: str | None, sha256: str = "") -> URIRef:
    """The response (and its named graph). Unknown parts get stable fallbacks, never guesses."""
    force_part = force_id or "unknown-body"
    ref_part = slug(reference) if reference else f"sha256-{sha256[:12] or 'unknown'}"
    return URIRef(f"{ID}response/{force_part}/{ref_part}")


def fact_iri(response: URIRef | str, kind: str, key: str | int) -> URIRef:
    """A fact of a response: ``<response>/question/5a``, ``<response>/answer/2``..."""
    return URIRef(f"{response}/{kind}/{slug(str(key))}")


def span_iri(fact: URIRef | str) -> URIRef:
    return URIRef(f"{fact}#span")


def request_iri(response: URIRef | str) -> URIRef:
    return URIRef(f"{response}/request")


def source_iri(sha256: str) -> URIRef:
    return URIRef(f"{ID}source/{sha256}")


def extraction_iri(response: URIRef | str, sha256: str) -> URIRef:
    return URIRef(f"{response}/extraction/{sha256[:16]}")


def agent_iri(version: str) -> URIRef:
    return URIRef(f"{ID}agent/foi-kg/{slug(version)}")


def concept_iri(scheme: str, value: str) -> URIRef:
    """A concept of a foi-kg scheme: ``concept_iri("technology", "pnd-facial-search")``."""
    return URIRef(f"{ID}{scheme}/{value}")


def scheme_iri(scheme: str) -> URIRef:
    return URIRef(f"{ID}scheme/{scheme}")


def provider_iri(name: str) -> URIRef:
    return URIRef(f"{ID}provider/{name_slug(name)}")


def section_iri(section: str) -> URIRef:
    """legislation.gov.uk IRI of a FOIA section or subsection: "24(2)" -> .../section/24/2."""
    parts = re.findall(r"[0-9]+[A-Z]?|[a-z]+", section.replace(" ", ""))
    return URIRef(FOIA + "/".join(parts))


def timeline_iri(start_date: str) -> URIRef:
    return URIRef(f"{ID}threat-period/{start_date}")
