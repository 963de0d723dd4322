"""Every export format parses back into the store's content; mapping survives serialisation."""

from __future__ import annotations

from pathlib import Path

import pytest
import records
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from kg.graph.builder import build
from kg.graph.exporter import (
    DATASET_FORMATS,
    EXPORT_FORMATS,
    RDFLIB_FORMATS,
    export,
    resolve_letter,
    write_export,
)
from kg.graph.mapping import map_record
from kg.graph.store import MemoryStore, OxigraphStore, StoreError
from kg.graph.terms import ntriples
from kg.model import (
    Answer,
    ExemptionCitation,
    ForceRef,
    LetterRecord,
    NCNDStatement,
    Question,
)
from kg.paths import EXAMPLES_DIR


def _ok(graph: object) -> object:
    class R:
        violations: list[str] = []
        warnings: list[str] = []

    return R()


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory):
    st_ = OxigraphStore(tmp_path_factory.mktemp("export") / "store")
    build([EXAMPLES_DIR], st_, validator=_ok)
    yield st_
    st_.close()


def _union(store) -> Graph:
    g = Graph()
    for s, p, o, _ in store.quads():
        g.add((s, p, o))
    return g


def _same_dataset(parsed: Dataset, expected: Dataset) -> bool:
    want = {g.identifier: g for g in expected.graphs() if len(g)}
    got = {g.identifier: g for g in parsed.graphs() if len(g)}
    return want.keys() == got.keys() and all(isomorphic(got[k], want[k]) for k in want)


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_round_trip_whole_store(store, fmt: str) -> None:
    text = export(store, fmt)
    if fmt in DATASET_FORMATS:
        parsed = Dataset()
        parsed.parse(data=text, format=RDFLIB_FORMATS[fmt])
        assert _same_dataset(parsed, store.dataset())
    else:
        parsed_g = Graph().parse(data=text, format=RDFLIB_FORMATS[fmt])
        assert isomorphic(parsed_g, _union(store))


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_round_trip_one_letter(store, fmt: str) -> None:
    text = export(store, fmt, letter="13457_18")
    want = store.dataset(records.WMP_IRI)
    if fmt in DATASET_FORMATS:
        parsed = Dataset()
        parsed.parse(data=text, format=RDFLIB_FORMATS[fmt])
        assert _same_dataset(parsed, want)
    else:
        parsed_g = Graph().parse(data=text, format=RDFLIB_FORMATS[fmt])
        assert isomorphic(parsed_g, want.graph(records.WMP_IRI))


def test_turtle_has_project_prefixes_and_jsonld_short_keys(store) -> None:
    ttl = export(store, "turtle", letter=records.WMP_IRI)
    assert "PREFIX foi: <https://w3id.org/foi-kg/ontology#>" in ttl
    jsonld = export(store, "jsonld", letter=records.WMP_IRI)
    assert '"wasDerivedFrom"' in jsonld and '"@context"' in jsonld


def test_resolve_letter_by_every_handle(store) -> None:
    for ref in (
        records.WMP_IRI,
        "west-midlands-police/13457_18",
        "13457_18",
        records.WMP_FILE.name,
        str(records.WMP_FILE),
    ):
        assert resolve_letter(store, ref) == records.WMP_IRI
    with pytest.raises(StoreError, match="no letter 'nope'"):
        resolve_letter(store, "nope")
    with pytest.raises(StoreError, match="unknown export format"):
        export(store, "rdfxml")


# -- property: generated records survive map -> serialise -> parse ---------------------------

_text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=40) | st.sampled_from(
    ['quote " and \\ backslash', "line\nbreak\r\ttab", "émoji 🚓", ""]
)
_number = st.from_regex(r"[1-9][0-9]?[a-c]?", fullmatch=True)


@st.composite
def letter_records(draw: st.DrawFn) -> LetterRecord:
    text = draw(_text) * 3 + "padding text for spans"
    n = len(text)

    def span() -> tuple[int, int] | None:
        if draw(st.booleans()):
            a = draw(st.integers(0, n))
            return (a, draw(st.integers(a, n)))
        return None

    numbers = draw(st.lists(_number, max_size=5))
    return LetterRecord(
        source=f"{draw(_text)}.txt",
        sha256=draw(st.from_regex(r"[0-9a-f]{64}", fullmatch=True)),
        format="txt",
        text=text,
        title=draw(st.none() | _text),
        force=draw(st.none() | st.just(ForceRef(id="kent-police", name="Kent Police"))),
        reference=draw(st.none() | _text),
        questions=[Question(span=span(), number=k, text=draw(_text)) for k in numbers],
        answers=[
            Answer(
                span=span(),
                questions=draw(st.lists(st.sampled_from(numbers), max_size=3)) if numbers else [],
                kind=draw(st.sampled_from(["disclosed", "not-held", "ncnd"])),
                text=draw(_text),
                curated=draw(st.booleans()),
            )
            for _ in range(draw(st.integers(0, 3)))
        ],
        exemptions=[
            ExemptionCitation(
                span=span(),
                section=draw(st.sampled_from(["24(2)", "31(1)(a)", "40(2)", "12", "23(5)"])),
                title=draw(st.none() | _text),
                ncnd=draw(st.booleans()),
                scope=draw(st.none() | st.sampled_from(["covert-use", "whole-request"])),
            )
            for _ in range(draw(st.integers(0, 3)))
        ],
        ncnd=[
            NCNDStatement(span=span(), sections=["24(2)", "31"], text=draw(_text))
            for _ in range(draw(st.integers(0, 2)))
        ],
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(letter_records())
def test_generated_records_round_trip(rec: LetterRecord) -> None:
    m = map_record(rec)
    g = m.graph()
    for fmt in ("nt", "turtle", "json-ld", "xml"):
        assert isomorphic(Graph().parse(data=g.serialize(format=fmt), format=fmt), g), fmt
    assert isomorphic(Graph().parse(data=ntriples(m.triples), format="nt"), g)
    store = MemoryStore()
    store.replace_graph(str(m.iri), m.triples)
    for fmt in ("nt", "turtle"):
        back = Graph().parse(data=export(store, fmt), format=RDFLIB_FORMATS[fmt])
        assert isomorphic(back, g), fmt
    dataset = Dataset()  # JSON-LD keeps the letter's named graph
    dataset.parse(data=export(store, "jsonld"), format="json-ld")
    assert isomorphic(dataset.graph(m.iri), g)


def test_export_to_path_like(tmp_path: Path, store) -> None:
    out = tmp_path / "x.nq"
    out.write_text(export(store, "nq"), encoding="utf-8")
    assert out.stat().st_size > 1000


@pytest.mark.parametrize("fmt", ["turtle", "jsonld"])
def test_round_trip_above_the_rdflib_limit(
    store, fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kg.graph.exporter as export_mod

    monkeypatch.setattr(export_mod, "LONGTURTLE_LIMIT", 10)  # take Oxigraph's writer
    text = export(store, fmt, letter="992/20")
    iri = resolve_letter(store, "992/20")
    if fmt in DATASET_FORMATS:  # JSON-LD keeps the letter's named graph
        parsed = Dataset()
        parsed.parse(data=text, format=RDFLIB_FORMATS[fmt])
        assert _same_dataset(parsed, store.dataset(iri))
    else:
        parsed_g = Graph().parse(data=text, format=RDFLIB_FORMATS[fmt])
        assert isomorphic(parsed_g, store.dataset(iri).graph(iri))


@pytest.mark.parametrize("fmt", ["turtle", "nt"])
def test_merged_view_streams_above_the_limit_without_duplicates(
    store, fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kg.graph.exporter as export_mod

    monkeypatch.setattr(export_mod, "LONGTURTLE_LIMIT", 10)  # stream the whole store
    text = export(store, fmt)
    assert isomorphic(Graph().parse(data=text, format=RDFLIB_FORMATS[fmt]), _union(store))
    if fmt == "nt":  # a triple in several graphs (vocab terms, forces) is written once
        lines = text.splitlines()
        assert len(lines) == len(set(lines)) == len(_union(store))


def test_jsonld_keeps_every_named_graph(store) -> None:
    import json

    text = export(store, "jsonld")
    doc = json.loads(text)  # one JSON document, not one per graph
    assert set(doc) == {"@context", "@graph"}
    names = [node["@id"] for node in doc["@graph"]]
    assert len(names) == len(set(names)) == len(store.graphs()) > 2
    assert all(set(node) == {"@id", "@graph"} for node in doc["@graph"])
    parsed = Dataset()
    parsed.parse(data=text, format="json-ld")
    got = {str(g.identifier) for g in parsed.graphs() if len(g)}
    assert records.WMP_IRI in got and got == set(store.graphs())
    assert _same_dataset(parsed, store.dataset())
    assert '"wasDerivedFrom"' in text  # compacted with the shipped context


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_write_export_streams_the_same_text(store, fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"x.{fmt}"
    with out.open("wb") as fh:
        write_export(store, fmt, fh, letter="992/20")
    assert out.read_text(encoding="utf-8") == export(store, fmt, letter="992/20")


def test_cli_export_to_stdout_and_file(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from kg.cli import app

    runner = CliRunner()
    path = str(tmp_path / "store")
    built = runner.invoke(app, ["build", str(records.WMP_FILE), "--store", path, "--quiet"])
    assert "Traceback" not in built.output
    res = runner.invoke(app, ["export", "-f", "jsonld", "--letter", "13457_18", "--store", path])
    assert res.exit_code == 0, res.output
    parsed = Dataset()
    parsed.parse(data=res.stdout, format="json-ld")
    assert {str(g.identifier) for g in parsed.graphs() if len(g)} == {records.WMP_IRI}
    out = tmp_path / "x.nq"
    bad = runner.invoke(app, ["export", "-f", "nq", "--letter", "nope", "-o", str(out),
                              "--store", path])  # fmt: skip
    assert bad.exit_code == 1 and "no letter 'nope'" in bad.output
    assert not out.exists()  # no half-written file left behind
