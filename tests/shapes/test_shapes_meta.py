"""The shapes themselves: valid SHACL (against W3C shacl-shacl), documented like shacl-shacl,
and covering every class of the ontology."""

from __future__ import annotations

from pyshacl.entrypoints import meta_validate
from rdflib import BNode, Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH

from kg import ids, validation
from kg.paths import ONTOLOGY_FILE

FSH = validation.FSH
SEVERITIES = {SH.Violation, SH.Warning, SH.Info}
# Abstract classes: never instantiated alone, every subclass has its own shape.
ABSTRACT = {URIRef(ids.ONTOLOGY + "Fact"), URIRef(ids.ONTOLOGY + "ThreatLevelStatement")}


def test_shapes_conform_to_shacl_shacl() -> None:
    conforms, _graph, text = meta_validate(validation.shapes_graph(), inference="none")
    assert conforms, text


def test_every_file_parses_and_opens_with_a_comment() -> None:
    files = validation.shape_files()
    assert {f.name for f in files} >= {
        "common.ttl",
        "response.ttl",
        "questions-answers.ttl",
        "exemptions.ttl",
        "statements.ttl",
        "technology.ttl",
        "provenance.ttl",
    }
    for path in files:
        Graph().parse(path, format="turtle")
        assert path.read_text(encoding="utf-8").startswith("# "), f"{path}: say what it holds"


def _node_shapes(sg: Graph) -> set[URIRef]:
    return {s for s in sg.subjects(RDF.type, SH.NodeShape) if isinstance(s, URIRef)}


def _property_shapes(sg: Graph) -> set[object]:
    return set(sg.objects(None, SH.property))


def test_every_node_shape_is_documented() -> None:
    sg = validation.shapes_graph()
    for shape in _node_shapes(sg):
        for pred in (RDFS.label, RDFS.comment, RDFS.seeAlso):
            assert sg.value(shape, pred) is not None, f"{shape}: no {pred}"
        label = sg.value(shape, RDFS.label)
        assert getattr(label, "language", None) == "en", f"{shape}: label should be @en"


def test_every_property_shape_has_name_message_and_severity() -> None:
    sg = validation.shapes_graph()
    props = _property_shapes(sg)
    assert len(props) > 100
    for prop in props:
        assert sg.value(prop, SH.name) is not None, f"{prop}: no sh:name"
        message = sg.value(prop, SH.message)
        assert message is not None and len(str(message)) > 30, f"{prop}: no useful sh:message"
        assert getattr(message, "language", None) == "en", f"{prop}: message should be @en"
        assert sg.value(prop, SH.severity) in SEVERITIES, f"{prop}: no explicit sh:severity"


def test_node_level_constraints_have_message_and_severity() -> None:
    """Helper shapes and SHACL-SPARQL rules constrain the node itself: they need the same."""
    sg = validation.shapes_graph()
    for shape in _node_shapes(sg):
        if (shape, SH.sparql, None) in sg:
            assert sg.value(shape, SH.severity) in SEVERITIES, f"{shape}: no sh:severity"
            for constraint in sg.objects(shape, SH.sparql):
                assert sg.value(constraint, SH.message) is not None, f"{shape}: no sh:message"
                assert sg.value(constraint, SH.select) is not None
        elif (shape, FSH.validates, None) not in sg:  # a helper used through sh:node
            assert (None, SH.node, shape) in sg, f"{shape}: helper shape nobody uses"
            assert sg.value(shape, SH.message) is not None, f"{shape}: no sh:message"
            assert sg.value(shape, SH.severity) in SEVERITIES, f"{shape}: no sh:severity"


def test_severities_are_used_deliberately() -> None:
    sg = validation.shapes_graph()
    used = set(sg.objects(None, SH.severity))
    assert used == SEVERITIES, f"all three severities are used, got {used}"


def test_targeted_shapes_say_which_graph_they_validate() -> None:
    sg = validation.shapes_graph()
    kinds = {FSH.LetterGraph, FSH.VocabGraph, FSH.AnalysisGraph}
    for shape in set(sg.subjects(SH.targetClass, None)) | set(
        sg.subjects(SH.targetSubjectsOf, None)
    ):
        assert sg.value(shape, FSH.validates) in kinds, f"{shape}: no fsh:validates"


def test_every_ontology_class_has_a_shape() -> None:
    onto = Graph().parse(ONTOLOGY_FILE, format="turtle")
    classes = {c for c in onto.subjects(RDF.type, OWL.Class) if str(c).startswith(ids.ONTOLOGY)}
    sg = validation.shapes_graph()
    targeted = set(sg.objects(None, SH.targetClass))
    for cls in classes:
        if cls in ABSTRACT:
            subs = {s for s in onto.subjects(RDFS.subClassOf, cls)}
            assert subs <= targeted | ABSTRACT, f"{cls}: subclasses without shapes"
        else:
            assert cls in targeted, f"{cls}: no shape targets it"


def test_property_shapes_are_named() -> None:
    """Named property shapes make sh:sourceShape in reports readable (fsh:Answer-answerKind)."""
    sg = validation.shapes_graph()
    anonymous = [p for p in _property_shapes(sg) if isinstance(p, BNode)]
    assert not anonymous, f"{len(anonymous)} anonymous property shapes"
