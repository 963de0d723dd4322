"""kg.validation: per-letter validation of real letters, the entry point, and the store."""

from __future__ import annotations

import doctest
import json
from functools import cache
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SH, SKOS

from kg import ids, validation
from kg.extract.pipeline import extract_path
from kg.graph.mapping import map_record
from kg.graph.terms import to_oxigraph

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "examples" / "letters").glob("*.txt"))
FOI = validation.FOI


@cache
def _letter(path: Path) -> tuple[URIRef, tuple[tuple[object, object, object], ...]]:
    mapping = map_record(extract_path(path))
    return mapping.iri, tuple(mapping.triples)


def letter_graph(path: Path) -> tuple[URIRef, Graph]:
    iri, triples = _letter(path)
    g = Graph(identifier=iri)
    for t in triples:
        g.add(t)  # type: ignore[arg-type]
    return iri, g


def test_there_are_five_sample_letters() -> None:
    assert len(SAMPLES) == 5


@pytest.mark.parametrize("path", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_sample_letters_conform(path: Path) -> None:
    _, g = letter_graph(path)
    result = validation.validate_letter(g)
    assert result.conforms, result.report_text
    assert not result.violations


@pytest.mark.parametrize("path", SAMPLES[:2], ids=[p.stem for p in SAMPLES[:2]])
def test_both_sparql_engines_agree_on_real_letters(path: Path) -> None:
    _, g = letter_graph(path)
    fast = validation.validate_letter(g, sparql_engine="oxigraph")
    slow = validation.validate_letter(g, sparql_engine="pyshacl")
    key = lambda r: (r.focus_node, r.source_shape, r.value, r.severity)  # noqa: E731
    assert sorted(map(key, fast.results)) == sorted(map(key, slow.results))


def test_core_only_skips_the_sparql_rules() -> None:
    _, g = letter_graph(SAMPLES[0])
    iri = next(iter(g.subjects(RDF.type, FOI.Response)))
    request = g.value(iri, FOI.respondsTo)
    g.set((iri, FOI.responseDate, Literal("2001-01-01", datatype=_xsd("date"))))
    g.set((request, FOI.requestDate, Literal("2002-01-01", datatype=_xsd("date"))))
    rule = validation.FSH.ResponseDateOrderRule
    with_rules = validation.validate_letter(g)
    core = validation.validate_letter(g, sparql_rules=False)
    assert any(r.source_shape == rule for r in with_rules.warnings)
    assert not any(r.source_shape == rule for r in core.results)
    assert with_rules.conforms  # a warning never fails a letter


def test_a_broken_fact_is_reported_with_its_evidence() -> None:
    iri, g = letter_graph(SAMPLES[1])
    answer = next(iter(g.subjects(RDF.type, FOI.Answer)))
    g.set((answer, FOI.answerKind, URIRef(ids.ID + "answer-kind/maybe")))
    result = validation.validate_letter(g)
    assert not result.conforms
    [hit] = [r for r in result.violations if r.focus_node == answer]
    assert hit.source_shape == validation.FSH["Answer-answerKind"]
    assert hit.value == URIRef(ids.ID + "answer-kind/maybe")
    assert hit.graph == str(iri)
    assert hit.span is not None and hit.evidence
    text = str(g.value(iri, FOI.text))
    assert text[hit.span[0] : hit.span[1]] == hit.evidence
    assert "answer-kind" in hit.message
    assert "answer-kind/maybe" in result.report_text


def test_validate_is_the_pyshacl_style_entry_point() -> None:
    _, g = letter_graph(SAMPLES[2])
    conforms, report, text = validation.validate(g)
    assert conforms is True
    assert (None, RDF.type, SH.ValidationReport) in report
    assert report.value(
        next(report.subjects(RDF.type, SH.ValidationReport)), SH.conforms
    ) == Literal(True)
    assert text.splitlines()[-1].startswith("Conforms")
    g.add((URIRef(ids.ID + "response/x/y/question/1"), RDF.type, FOI.Question))
    conforms, report, text = validation.validate(g)
    assert conforms is False
    assert len(list(report.objects(None, SH.result))) >= 1
    assert "Does not conform" in text


def test_repeated_validation_gives_the_same_results() -> None:
    """Shapes, harvested shapes and the vocabulary are cached; nothing leaks between letters."""
    _, bad = letter_graph(SAMPLES[3])
    bad.add((next(iter(bad.subjects(RDF.type, FOI.Response))), FOI.reference, Literal(7)))
    _, good = letter_graph(SAMPLES[4])
    first = validation.validate_letter(bad)
    assert validation.validate_letter(good).conforms
    again = validation.validate_letter(bad)
    assert [r.to_dict() for r in first.results] == [r.to_dict() for r in again.results]
    assert validation.validate_letter(good).conforms


def test_an_empty_graph_conforms() -> None:
    assert validation.validate_letter(Graph()).conforms


def test_module_doctests_run() -> None:
    failures, _ = doctest.testmod(validation)
    assert failures == 0


# -- the store -------------------------------------------------------------------------------


def test_sample_store_conforms() -> None:
    from kg.graph.builder import build
    from kg.graph.store import open_store

    store = open_store("memory")
    try:
        assert build([str(ROOT / "examples" / "letters")], store).ok
        result = validation.validate_store(store)
    finally:
        store.close()
    assert result.conforms, result.report_text
    assert result.graphs_checked >= 6  # five letters and the vocabulary
    assert all(r.severity != "Violation" for r in result.results)
    assert not result.violations and result.count("Violation") == 0
    assert len(result.warnings) + len(result.infos) == len(result.results)
    json.dumps(result.to_records())


def _broken_store() -> tuple[ox.Store, str, str]:
    """Two letters in a raw Oxigraph store; the second answers a question of the first and
    carries a span that runs past its text."""
    store = ox.Store()
    vg = ox.NamedNode(str(ids.VOCAB_GRAPH))
    store.extend(ox.Quad(*map(to_oxigraph, t), vg) for t in validation.default_vocab())
    names = []
    for path in SAMPLES[:2]:
        iri, g = letter_graph(path)
        names.append(str(iri))
        store.extend(ox.Quad(*map(to_oxigraph, t), ox.NamedNode(str(iri))) for t in g)  # type: ignore[arg-type]
    first, second = names
    other_q = ox.NamedNode(first + "/question/1")
    answer = ox.NamedNode(second + "/answer/1")
    span = ox.NamedNode(second + "/answer/1#span")
    g2 = ox.NamedNode(second)
    store.add(ox.Quad(answer, ox.NamedNode(str(FOI.answersQuestion)), other_q, g2))
    end = ox.NamedNode(str(validation.OA.end))
    for q in list(store.quads_for_pattern(span, end, None, g2)):
        store.remove(q)
    store.add(
        ox.Quad(
            span, end, ox.Literal("999999", datatype=ox.NamedNode(str(_xsd("integer")))), g2
        )
    )
    return store, first, second


def test_store_validation_groups_results_by_letter_with_spans() -> None:
    store, first, second = _broken_store()
    result = validation.validate_store(store)
    assert not result.conforms
    assert first not in result.by_graph or all(
        r.severity != "Violation" for r in result.by_graph[first]
    )
    shapes = {r.source_shape for r in result.by_graph[second] if r.severity == "Violation"}
    assert validation.FSH.AnswerSameLetterRule in shapes  # from the .rq over the store
    assert validation.FSH.SpanWithinTextRule in shapes
    [span_hit] = [
        r for r in result.by_graph[second] if r.source_shape == validation.FSH.SpanWithinTextRule
    ]
    assert span_hit.span is not None and span_hit.span[1] == 999999 and span_hit.evidence is None
    report = result.report_graph
    node = next(report.subjects(RDF.type, SH.ValidationReport))
    assert report.value(node, SH.conforms) == Literal(False)
    text = result.report_text
    assert second in text and "span" in text
    keys = [r.key() for r in result.results]
    assert len(keys) == len(set(keys)), "SHACL and .rq findings are not reported twice"


# -- the read-only views validation reads through --------------------------------------------


def _patterns(g: Graph) -> list[tuple[object, object, object]]:
    triples = sorted(g, key=str)[:40]
    out: list[tuple[object, object, object]] = [(None, None, None)]
    for s, p, o in triples:
        out += [(s, p, o), (s, p, None), (s, None, o), (None, p, o), (s, None, None)]
        out += [(None, p, None), (None, None, o), (s, RDF.type, None), (None, RDF.type, o)]
    return out


def test_indexed_view_answers_like_rdflib() -> None:
    iri, g = letter_graph(SAMPLES[4])
    view = validation._Indexed(g, iri)
    assert len(view) == len(g) and set(view) == set(g)
    for pattern in _patterns(g):
        assert sorted(view.triples(pattern)) == sorted(g.triples(pattern)), pattern  # type: ignore[arg-type]


def test_union_view_answers_like_a_merged_graph() -> None:
    iri, g = letter_graph(SAMPLES[0])
    vocab = validation.default_vocab()
    merged = Graph()
    for t in g:
        merged.add(t)
    for t in vocab:
        merged.add(t)
    view = validation._Union(
        validation._Indexed(g, iri), validation._Indexed(vocab, ids.VOCAB_GRAPH)
    )
    assert len(set(view)) == len(merged)
    extra = [(None, RDF.type, FOI.PublicBody), (None, SKOS.inScheme, None)]
    for pattern in _patterns(g) + extra:
        assert sorted(view.triples(pattern)) == sorted(merged.triples(pattern)), pattern  # type: ignore[arg-type]


def test_store_and_letter_validation_agree() -> None:
    """validate_store (letters read back from Oxigraph, rules over the store) reports what
    validate_letter reports for each letter."""
    from kg.graph.builder import build
    from kg.graph.store import open_store

    store = open_store("memory")
    try:
        assert build([str(p) for p in SAMPLES[:3]], store).ok
        by_store = validation.validate_store(store)
        for name in store.graphs():
            if "/response/" not in name:
                continue
            g = Graph(identifier=URIRef(name))
            for s, p, o, _ in store.quads(name):
                g.add((s, p, o))
            alone = validation.validate_letter(g)
            key = lambda r: (r.focus_node, r.source_shape, r.value, r.severity)  # noqa: E731
            assert sorted(map(key, alone.results)) == sorted(
                map(key, by_store.by_graph.get(name, []))
            ), name
    finally:
        store.close()


@pytest.mark.parametrize(
    "fixture",
    ["ResponseShape/invalid-001", "NCNDStatementShape/invalid-001", "FactShape/invalid-001"],
)
def test_same_results_as_plain_pyshacl(fixture: str) -> None:
    """kg.validation reaches into pySHACL (cached harvested shapes, a faster parameter lookup,
    read-only views); plain ``pyshacl.validate`` over the letter merged with the vocabulary
    must find exactly the same letter results, so a pySHACL upgrade cannot change them."""
    import pyshacl

    data = Graph().parse(ROOT / "tests" / "shapes" / f"{fixture}.ttl", format="turtle")
    for report in list(data.subjects(RDF.type, SH.ValidationReport)):
        for node in list(data.objects(report, SH.result)):
            data.remove((node, None, None))
        data.remove((report, None, None))
    ours = validation.validate_letter(data, sparql_engine="pyshacl")
    merged = Graph()
    for t in data:
        merged.add(t)
    for t in validation.default_vocab():
        merged.add(t)
    _ok, report, _text = pyshacl.validate(
        merged, shacl_graph=validation.shapes_graph(), inference="none"
    )
    letter_nodes = set(data.subjects())
    theirs = {
        (
            report.value(r, SH.focusNode),
            report.value(r, SH.sourceShape),
            report.value(r, SH.value),
            report.value(r, SH.resultSeverity),
        )
        for r in report.objects(None, SH.result)
        if report.value(r, SH.focusNode) in letter_nodes
    }
    mine = {
        (r.focus_node, r.source_shape, r.value, validation._SEVERITY_NODE[r.severity])
        for r in ours.results
    }
    assert mine == theirs


def _xsd(name: str) -> URIRef:
    # rdflib's XSD namespace object at module level makes pytest's collection warn
    return URIRef(f"http://www.w3.org/2001/XMLSchema#{name}")


def _broken_variants() -> list[Graph]:
    """Sample letters, each broken so that a different integrity rule or core shape fires."""
    out = []
    for n, path in enumerate(SAMPLES):
        _, g = letter_graph(path)
        iri = next(iter(g.subjects(RDF.type, FOI.Response)))
        if n == 0:  # response before request: the date-order rule (a warning)
            request = g.value(iri, FOI.respondsTo)
            g.set((iri, FOI.responseDate, Literal("2001-01-01", datatype=_xsd("date"))))
            g.set((request, FOI.requestDate, Literal("2002-01-01", datatype=_xsd("date"))))
        elif n == 1:  # a fact without its response: a core violation
            fact = next(iter(g.subjects(FOI.inResponse, iri)))
            g.remove((fact, FOI.inResponse, iri))
        elif n == 2:  # every harm statement gone: the prejudice-citation rule
            for harm in list(g.subjects(RDF.type, FOI.HarmStatement)):
                g.remove((harm, None, None))
        out.append(g)
    return out


def test_a_batch_gets_the_results_of_its_letters_validated_alone() -> None:
    """validate_letters (core SHACL per letter, each rule once over the batch) reports for each
    letter exactly what validate_letter reports for it alone, spans included."""
    from kg.graph.terms import ntriples

    graphs = _broken_variants()
    alone = [validation.validate_letter(g) for g in graphs]
    views = [validation.letter_view(g, g.identifier) for g in graphs]
    batch = validation.validate_letters(views, bodies=[ntriples(g) for g in graphs])
    plain = validation.validate_letters(graphs)
    assert any(r.violations for r in alone) and any(r.warnings for r in alone)
    for one, together, again in zip(alone, batch, plain, strict=True):
        assert one.results == together.results == again.results
        assert one.conforms == together.conforms


def test_a_batch_refuses_two_graphs_of_one_name() -> None:
    _, g = letter_graph(SAMPLES[0])
    with pytest.raises(ValueError, match="same name"):
        validation.validate_letters([g, g])


def test_the_rules_store_is_made_anew_after_many_letters(monkeypatch: pytest.MonkeyPatch) -> None:
    """An in-memory Oxigraph store keeps the strings of removed quads, so the rules' store is
    replaced every RECYCLE letters; results stay the same across the replacement."""
    from kg.validation import views

    monkeypatch.setattr(views, "RECYCLE", 2)
    ws = views._workspace(None)
    graphs = [letter_graph(p)[1] for p in SAMPLES[:3]]
    first = validation.validate_letters(graphs[:1])
    store = ws.oxigraph()
    validation.validate_letters(graphs[1:3])  # 3 letters in all: past RECYCLE
    assert ws.oxigraph() is not store
    assert validation.validate_letters(graphs[:1])[0].results == first[0].results
