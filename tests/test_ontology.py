"""The ontology: it parses, every term is documented, and every foi: term the project uses
anywhere (vocabularies, shapes, queries, the graph-model contract) is declared in it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from kg import ids
from kg.paths import ONTOLOGY_FILE, QUERIES_DIR, ROOT, SHAPES_DIR, VOCAB_DIR

ONT = URIRef("https://w3id.org/foi-kg/ontology")
FOI = ids.ONTOLOGY
KINDS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_FILE, format="turtle")


def declared(g: Graph) -> dict[str, URIRef]:
    """foi: local name -> the OWL kind it is declared as."""
    out: dict[str, URIRef] = {}
    for kind in KINDS:
        for s in g.subjects(RDF.type, kind):
            if isinstance(s, URIRef) and str(s).startswith(FOI):
                out[str(s)[len(FOI):]] = kind
    return out


def foi_terms_in_graph(g: Graph) -> set[str]:
    """Every foi: IRI used in any position of a graph."""
    return {
        str(t)[len(FOI):]
        for triple in g
        for t in triple
        if isinstance(t, URIRef) and str(t).startswith(FOI) and str(t) != FOI
    }


def foi_terms_in_text(text: str) -> set[str]:
    """foi: terms written as prefixed names or full IRIs in SPARQL or Markdown text."""
    names = set(re.findall(r"(?<![\w/#])foi:([A-Za-z_][A-Za-z0-9_]*)", text))
    names |= set(re.findall(re.escape("<" + FOI) + r"([A-Za-z_][A-Za-z0-9_]*)>", text))
    return names


def test_ontology_header(ontology: Graph) -> None:
    assert (ONT, RDF.type, OWL.Ontology) in ontology
    for pred in (RDFS.label, RDFS.comment, OWL.versionInfo, OWL.versionIRI):
        assert ontology.value(ONT, pred) is not None, f"ontology/foi.ttl: ontology lacks {pred}"


def test_every_term_is_documented(ontology: Graph) -> None:
    problems = []
    for name in sorted(declared(ontology)):
        term = URIRef(FOI + name)
        for pred in (RDFS.label, RDFS.comment, SKOS.definition):
            values = [o for o in ontology.objects(term, pred) if isinstance(o, Literal)]
            if not any(v.language == "en" and str(v).strip() for v in values):
                problems.append(f"foi:{name} has no English {ontology.qname(pred)}")
        if (term, RDFS.isDefinedBy, ONT) not in ontology:
            problems.append(f"foi:{name} lacks rdfs:isDefinedBy <{ONT}>")
    assert not problems, "ontology/foi.ttl: add the missing annotations:\n" + "\n".join(problems)


def test_every_property_has_a_range(ontology: Graph) -> None:
    missing = [
        f"foi:{name}" for name, kind in sorted(declared(ontology).items())
        if kind in (OWL.ObjectProperty, OWL.DatatypeProperty)
        and ontology.value(URIRef(FOI + name), RDFS.range) is None
    ]
    assert not missing, f"ontology/foi.ttl: give these properties an rdfs:range: {missing}"


def test_terms_have_exactly_one_kind(ontology: Graph) -> None:
    for name in declared(ontology):
        kinds = [k for k in KINDS if (URIRef(FOI + name), RDF.type, k) in ontology]
        assert len(kinds) == 1, f"ontology/foi.ttl: foi:{name} is declared as {kinds}"


def test_domains_and_ranges_are_declared_classes(ontology: Graph) -> None:
    classes = {n for n, k in declared(ontology).items() if k == OWL.Class}
    for pred in (RDFS.domain, RDFS.range, RDFS.subClassOf):
        for s, o in ontology.subject_objects(pred):
            if str(o).startswith(FOI):
                assert str(o)[len(FOI):] in classes, (
                    f"ontology/foi.ttl: {s} {ontology.qname(pred)} {o}, which is not a class"
                )


def test_object_and_datatype_ranges_are_consistent(ontology: Graph) -> None:
    xsd = "http://www.w3.org/2001/XMLSchema#"
    for name, kind in declared(ontology).items():
        rng = ontology.value(URIRef(FOI + name), RDFS.range)
        if rng is None:
            continue
        if kind == OWL.DatatypeProperty:
            assert str(rng).startswith(xsd), f"foi:{name} is a datatype property ranging {rng}"
        if kind == OWL.ObjectProperty:
            assert not str(rng).startswith(xsd), f"foi:{name} is an object property ranging {rng}"


def test_the_ontology_uses_only_its_own_declared_terms(ontology: Graph) -> None:
    undeclared = foi_terms_in_graph(ontology) - set(declared(ontology))
    assert not undeclared, f"ontology/foi.ttl uses undeclared foi: terms {sorted(undeclared)}"


def _files(folder: Path, pattern: str) -> list[Path]:
    return sorted(folder.glob(pattern)) if folder.exists() else []


@pytest.mark.parametrize(
    "path",
    _files(VOCAB_DIR, "*.ttl") + _files(SHAPES_DIR, "*.ttl")
    + _files(ROOT / "ontology" / "alignments", "*.ttl"),
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_turtle_files_use_only_declared_terms(path: Path, ontology: Graph) -> None:
    used = foi_terms_in_graph(Graph().parse(path, format="turtle"))
    undeclared = used - set(declared(ontology))
    assert not undeclared, (
        f"{path.relative_to(ROOT)} uses foi: terms that ontology/foi.ttl does not declare: "
        f"{sorted(undeclared)} (declare them in the ontology or fix the spelling)"
    )


@pytest.mark.parametrize(
    "path",
    _files(QUERIES_DIR, "*.rq") + [ROOT / "docs" / "graph-model.md"],
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_text_files_use_only_declared_terms(path: Path, ontology: Graph) -> None:
    undeclared = foi_terms_in_text(path.read_text(encoding="utf-8")) - set(declared(ontology))
    assert not undeclared, (
        f"{path.relative_to(ROOT)} uses foi: terms that ontology/foi.ttl does not declare: "
        f"{sorted(undeclared)} (declare them in the ontology or fix the spelling)"
    )


def test_the_term_scanners_see_misspellings() -> None:
    # The guard above is only as good as its scanner: a made-up term must be reported.
    text = "SELECT * { ?r foi:respondingBdy ?b ; <https://w3id.org/foi-kg/ontology#Nope> ?x }"
    assert foi_terms_in_text(text) == {"respondingBdy", "Nope"}
    g = Graph().parse(data=f"<urn:x> <{FOI}madeUp> 1 .", format="turtle")
    assert foi_terms_in_graph(g) == {"madeUp"}


def test_classes_reuse_standard_vocabularies(ontology: Graph) -> None:
    # Reuse, not reinvention: bodies are ORG organisations, letters documents and PROV entities.
    sub = {(str(s), str(o)) for s, o in ontology.subject_objects(RDFS.subClassOf)}
    assert (FOI + "PublicBody", "http://www.w3.org/ns/org#FormalOrganization") in sub
    assert (FOI + "Response", "http://xmlns.com/foaf/0.1/Document") in sub
    assert (FOI + "Extraction", "http://www.w3.org/ns/prov#Activity") in sub
    assert (FOI + "Exemption", str(SKOS.Concept)) in sub
    assert (FOI + "FactCheck", "https://schema.org/ClaimReview") in sub
