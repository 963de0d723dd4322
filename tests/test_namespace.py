"""kg/namespace.py and ontology/context.jsonld stay in step with the ontology."""

from __future__ import annotations

import json

import pytest
from rdflib import OWL, RDF, Graph, Literal, URIRef
from rdflib import namespace as rdfns
from rdflib.compare import isomorphic
from vocab_helpers import load_script

from kg import ids, namespace
from kg.namespace import FOI, ID, LEG, OA, SCHEMA, WD
from kg.paths import CONTEXT_FILE, ONTOLOGY_FILE, VOCAB_DIR

make_namespace = load_script("make_namespace")


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_FILE, format="turtle")


def declared(g: Graph) -> set[str]:
    return {
        str(s)[len(ids.ONTOLOGY):]
        for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
        for s in g.subjects(RDF.type, kind)
        if str(s).startswith(ids.ONTOLOGY)
    }


def test_generated_files_are_up_to_date() -> None:
    messages: list[str] = []
    assert make_namespace.main(["--check"], echo=messages.append) == 0, "\n".join(messages)


def test_foi_lists_exactly_the_ontology_terms(ontology: Graph) -> None:
    assert set(FOI.__annotations__) == declared(ontology)
    assert FOI.Response == URIRef(ids.ONTOLOGY + "Response")
    assert FOI.sharesFOIUnitWith == URIRef(ids.ONTOLOGY + "sharesFOIUnitWith")


def test_foi_is_strict() -> None:
    with pytest.raises(AttributeError):
        _ = FOI.Respons
    with pytest.raises(AttributeError):
        _ = FOI["respondingBdy"]


def test_other_namespaces() -> None:
    assert LEG["24/2"] == ids.section_iri("24(2)")
    assert ID["force/kent-police"] == ids.force_iri("kent-police")
    assert str(WD) == ids.WIKIDATA
    assert str(OA) == "http://www.w3.org/ns/oa#" and str(SCHEMA) == "https://schema.org/"
    assert namespace.PREFIXES["foi"] == ids.ONTOLOGY and namespace.PREFIXES["id"] == ids.ID
    for name in ("ORG", "PROV", "DCTERMS", "SKOS", "FOAF", "OWL", "XSD"):
        assert hasattr(namespace, name)


def test_context_has_a_key_for_every_term(ontology: Graph) -> None:
    ctx = json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))["@context"]
    assert ctx["foi"] == ids.ONTOLOGY and ctx["id"] == ids.ID
    for name in declared(ontology):
        entry = ctx[name]
        iri = entry["@id"] if isinstance(entry, dict) else entry
        assert iri == f"foi:{name}"
    assert ctx["respondingBody"]["@type"] == "@id"
    assert ctx["responseDate"]["@type"] == "xsd:date"
    assert ctx["watchlistSize"]["@type"] == "xsd:integer"
    assert ctx["ncndCovert"]["@type"] == "xsd:boolean"
    assert ctx["prefLabel"] == {"@id": "skos:prefLabel", "@language": "en"}


def test_context_round_trips_real_data() -> None:
    ctx = json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))["@context"]
    g = Graph().parse(VOCAB_DIR / "timeline.ttl", format="turtle")
    g.parse(VOCAB_DIR / "forces.ttl", format="turtle")
    g.add((URIRef(ids.ID + "response/x/1"), FOI.responseDate, Literal("2020-01-02",
                                                                       datatype=rdfns.XSD.date)))
    text = g.serialize(format="json-ld", context=ctx)
    data = json.loads(text)
    assert any(node.get("startDate") == "2006-08-01" for node in data["@graph"])
    assert isomorphic(g, Graph().parse(data=text, format="json-ld"))
