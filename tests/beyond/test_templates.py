"""Template detection on the sample letters (and the invented ones): the national NCND
harm / public-interest text is found across forces, shares are proportions, the word diff
shows real differences, and the clustering is not an all-pairs loop."""

from __future__ import annotations

import random
from datetime import datetime
from typing import Any

import pytest
from rdflib import Graph

from kg import templates
from kg.analysis_io import select
from kg.templates import Letter, detect, split_paragraphs, word_diff

from .conftest import AVON, DYFED, HERTS, WARWICKSHIRE, WEST_MIDLANDS

FOCUS = "Any information identifying the focus of policing activity could be used to the advantage"


@pytest.fixture(scope="module")
def report(sample_store: Any) -> templates.TemplateReport:
    return templates.run(sample_store, write=True, at=datetime(2026, 11, 22, 12, 0))


def test_paragraphs_split_at_blank_lines_and_long_single_line_texts() -> None:
    text = (
        "Heading\n\n"
        + "one two three four five six seven eight nine.\n\n"
        + ("A long web page line that is a whole paragraph of its own here.\n" * 12)
    )
    ps = split_paragraphs("r", text)
    assert ps[0].text.startswith("one two")  # "Heading" is too short to count
    assert len(ps) == 13  # the long block is cut at its sentence-final line breaks
    assert all(text[p.start : p.end] == p.text for p in ps)
    # A hard-wrapped paragraph (lines ending mid-sentence) stays whole.
    wrapped = (
        "this sentence goes on and on across the line\nand it continues here without ending\n"
    ) * 12
    assert len(split_paragraphs("r", wrapped)) == 1


def test_national_ncnd_text_is_a_template_across_four_forces(
    report: templates.TemplateReport,
) -> None:
    """ "Any information identifying the focus of policing activity ..." closes the NCND
    balance in 000, 001, 002 and 003 (004 has it inside a longer paragraph)."""
    hits = [t for t in report.templates if FOCUS in t.canonical]
    assert len(hits) == 1
    focus = hits[0]
    assert {DYFED, WEST_MIDLANDS, AVON, HERTS} <= set(focus.letters)
    assert focus.canonical.startswith(FOCUS)
    # 003 adds a sentence: in the template, but not verbatim.
    herts = [m for m in focus.members if m.paragraph.response == HERTS][0]
    assert 0.8 <= herts.similarity < templates.VERBATIM
    verbatim = {m.paragraph.response for m in focus.members if m.verbatim}
    assert {DYFED, WEST_MIDLANDS, AVON} <= verbatim


def test_other_national_paragraphs_are_templates_too(report: templates.TemplateReport) -> None:
    canon = [t.canonical for t in report.templates]
    assert any(
        c.startswith("It is well established that police forces use covert tactics") for c in canon
    )
    assert any("map" in c and "location-specific operations" in c for c in canon)
    assert all(len(t.letters) >= 2 for t in report.templates)


def test_shares_are_proportions_and_own_paragraphs_are_the_rest(
    report: templates.TemplateReport,
) -> None:
    assert len(report.letters) == 5
    for ls in report.letters:
        assert 0.0 < ls.share < 1.0
        assert len(ls.own) + len(ls.template_of) == len(ls.paragraphs)
    shares = {ls.letter.response: ls.share for ls in report.letters}
    # Avon and Somerset's letter is mostly national text; Hertfordshire rewrote much of it.
    assert shares[AVON] > shares[HERTS]


def test_word_diff_marks_real_differences() -> None:
    template = (
        "Information that undermines the operational integrity of these activities will "
        "adversely affect public safety and have a negative impact."
    )
    text = (
        "Information that undermines the operational integrity of these activities will "
        "adversely affect the public and have a negative impact."
    )
    assert word_diff(template, text).endswith(
        "will adversely affect {+the+} public [-safety-] and have a negative impact."
    )
    assert word_diff(template, template) == template
    assert "[-" not in word_diff("Kent Police will not", "Essex Police will not")


def test_letter_view_shows_template_and_own_paragraphs(report: templates.TemplateReport) -> None:
    ls = report.letter("FOI2017/01696")
    assert ls is not None and ls.letter.response == HERTS
    rows = templates.letter_rows(ls)
    kinds = {r["kind"] for r in rows}
    assert kinds == {"template", "own"}
    focus = [r for r in rows if r["text"].startswith(FOCUS)][0]
    assert focus["kind"] == "template"
    assert "{+The public interest does not supersede" in focus["diff"]


def test_membership_is_written_to_the_templates_graph(
    sample_store: Any, report: templates.TemplateReport
) -> None:
    rows = select(
        sample_store,
        """
        SELECT ?t ?n ?p ?sim ?start ?end WHERE {
          GRAPH <https://w3id.org/foi-kg/id/graph/templates> {
          ?t a foi:Template ; foi:canonicalText ?c ; foi:memberCount ?n .
          ?p a foi:Paragraph ; foi:fromTemplate ?t ; foi:similarity ?sim ; foi:inResponse ?r ;
             foi:position ?pos ; foi:statementText ?s ;
             foi:evidence [ oa:start ?start ; oa:end ?end ] } }""",
    )
    assert len({r["t"] for r in rows}) == len(report.templates)
    assert len(rows) == sum(len(t.members) for t in report.templates)
    own = select(
        sample_store,
        """SELECT (COUNT(?p) AS ?n) WHERE {
        GRAPH <https://w3id.org/foi-kg/id/graph/templates> {
          ?p a foi:Paragraph FILTER NOT EXISTS { ?p foi:fromTemplate ?t } } }""",
    )
    assert int(own[0]["n"] or 0) == sum(len(ls.own) for ls in report.letters)
    # The span points at the paragraph in the letter's text.
    text = select(sample_store, f"SELECT ?x WHERE {{ <{WARWICKSHIRE}> foi:text ?x }}")[0]["x"]
    para = select(
        sample_store,
        f"""SELECT ?s ?a ?b WHERE {{
        <{WARWICKSHIRE}/paragraph/3> foi:statementText ?s ;
        foi:evidence [ oa:start ?a ; oa:end ?b ] }}""",
    )[0]
    assert text[int(para["a"]) : int(para["b"])] == para["s"]


def test_templates_graph_passes_the_analysis_shapes(report: templates.TemplateReport) -> None:
    from kg.validation import validate_graph
    from kg.vocab import vocab_graph

    g = Graph()
    for t in templates.report_triples(report, at=datetime(2026, 11, 22)):
        g.add(t)
    res = validate_graph(g, "analysis", vocab=vocab_graph())
    assert not res.violations, res.violations


def test_template_usage_query_lists_users_and_deviants(
    sample_store: Any, report: templates.TemplateReport
) -> None:
    from kg.queries import run

    result = run("template-usage", sample_store)
    rows = [dict(zip(result.vars, map(str, row), strict=True)) for row in result.rows]
    focus = [r for r in rows if str(r["text"]).startswith(FOCUS)][0]
    assert "Dyfed-Powys Police" in str(focus["uses"])
    assert "Hertfordshire Constabulary" in str(focus["deviates"])


def test_clustering_grows_linearly_not_quadratically() -> None:
    """Each distinct paragraph is one LSH query against cluster leaders: the number of
    verifications stays proportional to the paragraphs, here a few per paragraph."""
    base = (
        "Confirming or denying whether any information is held would limit operational "
        "capabilities as criminals would gain a greater understanding of police methods"
    )
    rng = random.Random(3)
    vocab = [f"w{k}" for k in range(2000)]
    letters = [
        Letter(
            f"r{i}",
            f"{base} variant {i % 7} extra words here.\n\n"
            + " ".join(rng.choice(vocab) for _ in range(20)),
        )
        for i in range(300)
    ]
    calls = 0
    real = templates.similarity

    def counting(a: str, b: str) -> float:
        nonlocal calls
        calls += 1
        return real(a, b)

    templates.similarity = counting  # type: ignore[assignment]
    try:
        rep = detect(letters)
    finally:
        templates.similarity = real  # type: ignore[assignment]
    assert len(rep.templates) == 1 and len(rep.templates[0].letters) == 300
    assert calls < 10 * 300 + 50  # all pairs would be 45,000
