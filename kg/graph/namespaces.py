"""The namespaces the graph package writes with, and the prefixes exports bind.

``kg.namespace`` (the foundation's ``DefinedNamespace``) is used when present, so a typo in a
term fails loudly; until then a plain ``Namespace`` stands in with the same IRIs.
"""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SKOS, XSD

from kg import ids

try:  # the foundation's checked namespace, when it has landed
    from kg.namespace import FOI  # type: ignore[import-not-found,unused-ignore]
except ImportError:  # pragma: no cover - depends on another helper's module
    FOI = Namespace(ids.ONTOLOGY)

OA = Namespace("http://www.w3.org/ns/oa#")
ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")
ID = Namespace(ids.ID)
LEG = Namespace(ids.FOIA)
WD = Namespace(ids.WIKIDATA)

# The prefixes of docs/graph-model.md, in that order: Turtle and TriG exports bind all of them.
PREFIXES: dict[str, str] = {
    "foi": ids.ONTOLOGY,
    "id": ids.ID,
    "org": str(ORG),
    "prov": str(PROV),
    "dcterms": str(DCTERMS),
    "skos": str(SKOS),
    "oa": str(OA),
    "schema": str(SCHEMA),
    "foaf": str(FOAF),
    "owl": str(OWL),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "leg": ids.FOIA,
    "wd": ids.WIKIDATA,
}

__all__ = [
    "DCTERMS",
    "FOAF",
    "FOI",
    "ID",
    "LEG",
    "OA",
    "ORG",
    "OWL",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "SCHEMA",
    "SKOS",
    "WD",
    "XSD",
]
