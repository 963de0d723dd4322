"""Question alignment: variants of one round-robin question land in one canonical question,
different questions stay apart, and the mapping and matrix come out of the store."""

from __future__ import annotations

from typing import Any

import pytest

from kg import align
from kg.align import QuestionIn, key
from kg.analysis_io import select

LFR = "Has <force> deployed live facial recognition?"


def _q(i: int, text: str, force: str, parent: str | None = None) -> QuestionIn:
    return QuestionIn(f"q{i}", f"r{i if parent is None else parent}", str(i), text, None, force)


def test_key_normalises_numbering_forces_and_stop_words() -> None:
    variants = [
        "Q1. Has Warwickshire Police deployed live facial recognition?",
        "1) Has your force deployed Live Facial Recognition?",
        "2. Has Heddlu Dyfed-Powys Police deployed live facial recognition?",
        "(a) Has the Constabulary deployed live facial recognition",
    ]
    assert {key(v) for v in variants} == {"<force> deployed live facial recognition"}


def test_variants_align_and_different_questions_do_not() -> None:
    qs = [
        _q(1, "Q1. Has Warwickshire Police deployed live facial recognition?", "Warwickshire"),
        _q(2, "1. Has your force deployed Live Facial Recognition (LFR)?", "Kent"),
        _q(3, "Has Essex Police deployed LFR technology, i.e. live facial recognition?", "Essex"),
        _q(4, "Does your force plan to deploy live facial recognition?", "Kent2"),
        _q(5, "Has your force deployed retrospective facial recognition?", "Kent3"),
        _q(6, "Has your force deployed live facial recognition covertly?", "Kent4"),
    ]
    canon = align.align(qs)
    of = {q.iri: c.number for c in canon for q, _ in c.members}
    assert of["q1"] == of["q2"] == of["q3"]
    assert len({of["q1"], of["q4"], of["q5"]}) == 3  # plan / retrospective change the question
    first = [c for c in canon if c.number == of["q1"]][0]
    assert first.text == LFR
    assert all(0.9 <= s <= 1.0 for _, s in first.members)


def test_one_letter_never_asks_one_canonical_question_twice() -> None:
    qs = [
        QuestionIn(
            "a1", "rA", "3", "How much has been spent on facial recognition software?", None, "A"
        ),
        QuestionIn(
            "a2", "rA", "4", "How much has been spent on facial recognition hardware?", None, "A"
        ),
    ]
    assert len(align.align(qs)) == 2


def test_sub_questions_align_under_their_parents() -> None:
    """ "If so, please provide dates..." under the LFR question and under the retrospective
    question are different canonical questions, even with the same words."""
    qs = [
        QuestionIn(
            "a1", "rA", "Q1", "Has Kent Police deployed live facial recognition?", None, "Kent"
        ),
        QuestionIn("a1a", "rA", "Q1a", "If so, please provide dates and locations.", "a1", "Kent"),
        QuestionIn(
            "a2", "rA", "Q2", "Has Kent Police used retrospective facial recognition?", None, "Kent"
        ),
        QuestionIn("a2a", "rA", "Q2a", "If so, please provide dates and locations.", "a2", "Kent"),
        QuestionIn(
            "b1", "rB", "1", "Has your force deployed live facial recognition?", None, "Essex"
        ),
        QuestionIn(
            "b1a", "rB", "1a", "If so please provide the dates and locations", "b1", "Essex"
        ),
    ]
    canon = align.align(qs)
    of = {q.iri: c for c in canon for q, _ in c.members}
    assert of["a1a"] is of["b1a"]
    assert of["a1a"] is not of["a2a"]
    assert of["a1a"].parent == of["a1"].number


@pytest.fixture(scope="module")
def canonicals(all_store: Any) -> list[align.Canonical]:
    return align.run(all_store, write=True)


def test_store_alignment_gathers_the_lfr_question_of_five_forces(
    canonicals: list[align.Canonical],
) -> None:
    """Warwickshire (sample 004) and the invented Kent, Essex, Surrey and Cumbria letters all
    ask whether the force deployed live facial recognition."""
    lfr = [c for c in canonicals if c.text == LFR]
    assert len(lfr) == 1
    assert set(lfr[0].forces) >= {
        "Warwickshire Police",
        "Kent Police",
        "Essex Police",
        "Surrey Police",
        "Cumbria Constabulary",
    }


def test_alignment_is_in_the_questions_graph(
    all_store: Any, canonicals: list[align.Canonical]
) -> None:
    rows = select(
        all_store,
        """SELECT ?q ?c ?sim ?text WHERE {
        GRAPH <https://w3id.org/foi-kg/id/graph/questions> {
          ?q foi:alignedTo ?c ; foi:similarity ?sim .
          ?c a foi:CanonicalQuestion ; foi:canonicalText ?text ; foi:memberCount ?n } }""",
    )
    assert len(rows) == sum(len(c.members) for c in canonicals)
    assert any(r["text"] == LFR for r in rows)
    # Every aligned question is a question of a letter.
    questions = {r["q"] for r in select(all_store, "SELECT ?q WHERE { ?q a foi:Question }")}
    assert {r["q"] for r in rows} <= questions


def test_matrix_gives_each_force_its_answer_kind(
    all_store: Any, canonicals: list[align.Canonical]
) -> None:
    m = align.matrix(canonicals, align.load_answer_kinds(all_store), min_forces=2)
    lfr = [c for c in m.columns if c.text == LFR][0]
    assert m.cells[("Warwickshire Police", lfr.number)] == "not-held"
    assert m.cells[("Kent Police", lfr.number)] == "not-held"
    rows = m.rows()
    assert {r["force"] for r in rows} >= {"Warwickshire Police", "Kent Police"}
    header = [k for k in rows[0] if k.startswith(f"C{lfr.number}:")]
    assert header and LFR in header[0]
    assert all(r["answer"] for r in m.records())


def test_questions_graph_passes_the_analysis_shapes(canonicals: list[align.Canonical]) -> None:
    from rdflib import Graph

    from kg.validation import validate_graph
    from kg.vocab import vocab_graph

    g = Graph()
    for t in align.alignment_triples(canonicals):
        g.add(t)
    res = validate_graph(g, "analysis", vocab=vocab_graph())
    assert not res.violations, res.violations
