"""The namespaces the graph package writes with, and the prefixes exports bind.

Re-exported from the foundation's ``kg.namespace`` (strict ``FOI``: a typo in a term fails
loudly), so the graph package names every namespace from one place.
"""

from __future__ import annotations

from kg.namespace import (
    DCTERMS,
    FOAF,
    FOI,
    ID,
    LEG,
    OA,
    ORG,
    OWL,
    PREFIXES,
    PROV,
    RDF,
    RDFS,
    SCHEMA,
    SKOS,
    WD,
    XSD,
)

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
