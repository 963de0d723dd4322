"""The mapper follows docs/graph-model.md: IRIs, facts, spans, provenance, curation."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import records
from rdflib import Literal, URIRef
from rdflib import namespace as ns
from snapshot import SNAPSHOTS, check_snapshot

from kg import ids
from kg.graph.mapping import letter_graph, map_record
from kg.model import LetterRecord
from kg.namespace import FOI, OA

PINNED = datetime(2000, 1, 1, tzinfo=UTC)
R = URIRef(records.WMP_IRI)


def test_response_iri_and_core_triples() -> None:
    rec = records.west_midlands()
    g = letter_graph(rec, at=PINNED)
    assert (R, ns.RDF.type, FOI.Response) in g
    assert g.value(R, FOI.reference) == Literal("13457_18")
    assert g.value(R, FOI.responseDate) == Literal("2018-01-15", datatype=ns.XSD.date)
    assert g.value(R, FOI.respondingBody) == ids.force_iri("west-midlands-police")
    assert g.value(R, FOI.respondsTo) == URIRef(f"{R}/request")
    assert g.value(R, FOI.text) == Literal(rec.text)
    assert g.value(R, FOI.ncndCovert) == Literal(True)
    assert g.value(R, FOI.overtOnly) == Literal(False)
    url = "http://www.west-midlands.police.uk/docs/advice-centre/foi/exemptions.pdf"
    assert (R, FOI.citesURL, Literal(url, datatype=ns.XSD.anyURI)) in g
    req = URIRef(f"{R}/request")
    assert g.value(req, FOI.requestDate) == Literal("2017-12-13", datatype=ns.XSD.date)
    assert len(list(g.objects(req, FOI.hasQuestion))) == 9


def test_citations_point_to_legislation() -> None:
    g = letter_graph(records.west_midlands(), at=PINNED)
    cited = set(g.objects(None, FOI.citesExemption))
    assert URIRef("http://www.legislation.gov.uk/ukpga/2000/36/section/24/2") in cited
    assert URIRef("http://www.legislation.gov.uk/ukpga/2000/36/section/31/3") in cited
    ncnd = URIRef(f"{R}/ncnd/1")
    assert set(g.objects(ncnd, FOI.restsOn)) == {
        URIRef(f"{R}/citation/1"),
        URIRef(f"{R}/citation/2"),
    }
    assert g.value(URIRef(f"{R}/citation/1"), FOI.scope) == ids.concept_iri("scope", "covert-use")


def test_every_span_slices_its_evidence() -> None:
    rec = records.west_midlands()
    g = letter_graph(rec, at=PINNED)
    spans = list(g.subject_objects(FOI.evidence))
    # every span of the record but the URLs' (a URL is a literal on the response)
    assert len(spans) == len([k for k in rec.spans() if not k.startswith("urls/")])
    for fact, sel in spans:
        assert (sel, ns.RDF.type, OA.TextPositionSelector) in g
        start, end = g.value(sel, OA.start).toPython(), g.value(sel, OA.end).toPython()
        text = rec.text[start:end]
        stated = (
            g.value(fact, FOI.statementText)
            or g.value(fact, FOI.answerText)
            or g.value(fact, FOI.questionText)
        )
        if stated is not None and g.value(fact, ns.RDF.type) != FOI.Question:
            assert text == str(stated)
    # the URL's citation is on the response; its fact spans still slice the letter
    q1 = URIRef(f"{R}/question/1")
    sel = g.value(q1, FOI.evidence)
    assert rec.text[g.value(sel, OA.start).toPython() :].startswith("1.Are you")


def test_every_fact_has_response_curation_and_position() -> None:
    g = letter_graph(records.everything(), at=PINNED)
    facts = [s for s, o in g.subject_objects(ns.RDF.type) if o != FOI.Response]
    fact_classes = {
        FOI.Question, FOI.Answer, FOI.ExemptionCitation, FOI.NCNDStatement,
        FOI.HarmStatement, FOI.PublicInterestTest, FOI.PublicInterestFactor,
        FOI.ThreatLevelStatement, FOI.TechnologyUse, FOI.Supply, FOI.Expenditure,
        FOI.Deployment,
    }  # fmt: skip
    seen = 0
    for f in set(facts):
        if set(g.objects(f, ns.RDF.type)) & fact_classes:
            seen += 1
            r = g.value(f, FOI.inResponse)
            assert r is not None and (f, ns.PROV.wasDerivedFrom, r) in g
            assert g.value(f, FOI.curationStatus) is not None
            assert isinstance(g.value(f, FOI.position).toPython(), int)
    assert seen >= 10


def test_curated_and_extracted() -> None:
    g = letter_graph(records.west_midlands(), at=PINNED)
    curated = ids.concept_iri("curation-status", "curated")
    extracted = ids.concept_iri("curation-status", "extracted")
    assert g.value(URIRef(f"{R}/answer/1"), FOI.curationStatus) == curated
    assert g.value(URIRef(f"{R}/question/1"), FOI.curationStatus) == extracted


def test_provenance() -> None:
    rec = records.west_midlands()
    g = letter_graph(rec, at=PINNED)
    src = ids.source_iri(rec.sha256)
    act = ids.extraction_iri(R, rec.sha256)
    assert g.value(R, ns.PROV.wasDerivedFrom) == src
    assert g.value(src, FOI.sha256) == Literal(rec.sha256)
    assert g.value(src, FOI.fileName) == Literal("001_8d931eebc3b4c9dc.txt")
    assert g.value(src, FOI.sourceFormat) == Literal("txt")
    assert g.value(R, ns.PROV.wasGeneratedBy) == act
    assert (act, ns.RDF.type, FOI.Extraction) in g and (act, ns.PROV.used, src) in g
    stamp = Literal("2000-01-01T00:00:00Z", datatype=ns.XSD.dateTime)
    assert g.value(act, ns.PROV.startedAtTime) == stamp
    assert g.value(act, ns.PROV.endedAtTime) == stamp
    assert g.value(R, ns.PROV.generatedAtTime) == stamp
    agent = g.value(act, ns.PROV.wasAssociatedWith)
    assert agent == ids.agent_iri("0.1.0") or str(agent).startswith(ids.ID + "agent/foi-kg/")
    assert (agent, ns.RDF.type, ns.PROV.SoftwareAgent) in g


def test_every_kind_of_fact() -> None:
    rec = records.everything()
    m = map_record(rec, at=PINNED, known_sections=frozenset())
    g = m.graph()
    r = m.iri
    assert str(r) == ids.ID + "response/dyfed-powys-police/1022-2019"
    # repeated question number kept apart; parent link; unknown question reported
    assert (URIRef(f"{r}/question/1-2"), ns.RDF.type, FOI.Question) in g
    assert g.value(URIRef(f"{r}/question/1a"), FOI.subQuestionOf) == URIRef(f"{r}/question/1")
    assert any("'99'" in w for w in m.warnings)
    # a section the vocabulary lacks is described in the letter graph
    s = URIRef(ids.FOIA + "31/1/a")
    assert g.value(s, FOI.sectionNumber) == Literal("31(1)(a)")
    assert g.value(s, FOI.partOfSection) == URIRef(ids.FOIA + "31")
    # NCND on "31" rests on the 31(1)(a) citation
    assert g.value(URIRef(f"{r}/ncnd/1"), FOI.restsOn) == URIRef(f"{r}/citation/1")
    cur = URIRef(f"{r}/threat/current")
    assert {FOI.CurrentThreatLevelClaim, FOI.ThreatLevelStatement} <= set(
        g.objects(cur, ns.RDF.type)
    )
    assert g.value(cur, FOI.assertsLevel) == ids.concept_iri("threat-level", "substantial")
    hist = URIRef(f"{r}/threat-history/1")
    assert g.value(hist, FOI.sinceYear) == Literal("2006", datatype=ns.XSD.gYear)
    assert g.value(hist, FOI.statedPeriodCount) == Literal(3)
    p1 = URIRef(f"{hist}/period/1")
    assert g.value(p1, FOI.periodStart) == Literal("2006-08", datatype=ns.XSD.gYearMonth)
    assert g.value(URIRef(f"{hist}/period/2"), FOI.periodStart) == Literal(
        "2007", datatype=ns.XSD.gYear
    )
    sup = URIRef(f"{r}/supply/1")
    assert g.value(sup, FOI.provider) == ids.provider_iri("Home Office")
    assert (ids.provider_iri("Home Office"), ns.RDF.type, FOI.Provider) in g
    exp = URIRef(f"{r}/expenditure/1")
    assert g.value(exp, FOI.amount) == Literal("1234.50", datatype=ns.XSD.decimal)
    assert str(g.value(exp, FOI.amount)) == "1234.50"
    dep = URIRef(f"{r}/deployment/1")
    assert g.value(dep, FOI.startDate) == Literal("2020-01-31", datatype=ns.XSD.date)
    assert g.value(dep, FOI.endDate) is None  # not an ISO date: dropped with a warning
    assert g.value(dep, FOI.arrestCount) == Literal(0)
    assert any("not a date" in w for w in m.warnings)


def test_absent_values_give_no_triples() -> None:
    rec = LetterRecord(source="x.txt", sha256="ab" * 32, format="txt", text="hello")
    g = letter_graph(rec, at=PINNED)
    r = URIRef(ids.ID + "response/unknown-body/sha256-" + "ab" * 6)
    assert (r, ns.RDF.type, FOI.Response) in g
    assert all(str(o) != "" for o in g.objects())
    assert g.value(r, FOI.respondingBody) is None
    assert g.value(None, FOI.inResponse) is None  # no facts, no fact triples


def test_snapshots(generate_snapshots: bool) -> None:
    for name, rec in (("west-midlands-hand", records.west_midlands()),
                      ("everything-hand", records.everything())):  # fmt: skip
        g = letter_graph(rec, at=PINNED, version="0.0.0-test")
        check_snapshot(name, g, generate_snapshots)


# -- the sample letters through the real extractor -------------------------------------------

SAMPLES = sorted(p for p in records.EXAMPLES_DIR.iterdir() if p.is_file())


def _sample_graph(path):
    from kg.extract import extract_path

    rec = extract_path(path)
    return rec, map_record(rec, at=PINNED, version="0.0.0-test")


def test_sample_west_midlands_golden() -> None:
    rec, m = _sample_graph(records.WMP_FILE)
    g = m.graph()
    assert str(m.iri) == records.WMP_IRI
    leg242 = URIRef("http://www.legislation.gov.uk/ukpga/2000/36/section/24/2")
    assert leg242 in set(g.objects(None, FOI.citesExemption))
    assert g.value(ids.source_iri(rec.sha256), FOI.fileName) == Literal(records.WMP_FILE.name)
    assert g.value(R, ns.PROV.wasGeneratedBy) == ids.extraction_iri(R, rec.sha256)


def test_sample_spans_slice_the_text() -> None:
    for path in SAMPLES:
        rec, m = _sample_graph(path)
        g = m.graph()
        text = str(g.value(m.iri, FOI.text))
        assert text == rec.text
        for fact, sel in g.subject_objects(FOI.evidence):
            start, end = g.value(sel, OA.start).toPython(), g.value(sel, OA.end).toPython()
            assert 0 <= start <= end <= len(text), fact
            stated = g.value(fact, FOI.statementText)
            if stated is not None:  # the statement is read from inside its evidence
                assert " ".join(str(stated).split())[:20] in " ".join(text[start:end].split())
            assert g.value(fact, FOI.curationStatus) in (
                ids.concept_iri("curation-status", "extracted"),
                ids.concept_iri("curation-status", "curated"),
            )


def test_sample_snapshots(generate_snapshots: bool) -> None:
    """The mapper over frozen extraction records of the sample letters (snapshots/records/):
    the snapshot pins the mapping, not the extractor, whose live output the tests above check.
    ``--generate-snapshots`` refreezes the records from the current extractor as well."""
    from kg.extract import extract_path

    frozen = SNAPSHOTS / "records"
    frozen.mkdir(parents=True, exist_ok=True)
    for path in SAMPLES:
        record_file = frozen / f"{path.stem}.json"
        if generate_snapshots or not record_file.exists():
            data = extract_path(path).to_dict(with_text=True)
            data["source"] = path.name  # not the absolute path of this checkout
            record_file.write_text(json.dumps(data, indent=1, ensure_ascii=False), "utf-8")
        rec = LetterRecord.from_dict(json.loads(record_file.read_text(encoding="utf-8")))
        m = map_record(rec, at=PINNED, version="0.0.0-test")
        assert not m.warnings, m.warnings
        check_snapshot(f"sample-{path.stem}", m.graph(), generate_snapshots)
