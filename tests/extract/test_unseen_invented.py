"""Golden tests for the invented letters 25 onwards: general rules found missing on a blind
held-out set, each exercised by a letter written for the rule (other forces, other wording).

25: answers numbered like the questions after a lead-in sentence, no "Response" heading;
26: "Question N" answers where a harm / public-interest block sits inside one answer;
27: bracketed sub-parts "1(a)" and a number without punctuation ("3 Does ...").
"""

from __future__ import annotations

from pathlib import Path

from kg.extract import extract_path
from kg.model import LetterRecord

INVENTED = Path(__file__).resolve().parents[1] / "letters" / "invented"


def rec_of(prefix: str) -> LetterRecord:
    (path,) = INVENTED.glob(f"{prefix}_*.*")
    rec = extract_path(path)
    assert not [w for w in rec.warnings if w.startswith("internal error")]
    for key, (s, e) in rec.spans().items():
        assert 0 <= s <= e <= len(rec.text), key
    return rec


def qa(rec: LetterRecord) -> list[tuple[list[str], str]]:
    return [(a.questions, a.kind) for a in rec.answers]


def test_25_answers_numbered_like_the_questions_after_a_lead_in() -> None:
    rec = rec_of("25")
    assert [q.number for q in rec.questions] == ["1", "2", "3", "4"]
    assert qa(rec) == [(["1"], "disclosed"), (["2"], "disclosed"),
                       (["3"], "published-elsewhere"), (["4"], "disclosed")]  # fmt: skip
    assert rec.answers[0].text.startswith("Yes. Cambridgeshire")
    assert rec.questions[3].text == "Which company provides the software?"  # no lead-in


def test_26_answer_split_goes_on_after_a_harm_block() -> None:
    rec = rec_of("26")
    assert [q.number for q in rec.questions] == ["1", "2", "3"]
    assert qa(rec) == [(["1"], "disclosed"), (["2"], "refused-exempt"), (["3"], "disclosed")]
    assert "Harm" not in rec.answers[1].text  # the answer stops at its legal reasoning
    assert rec.answers[2].text == "The largest watch list held 8,250 images."


def test_27_bracketed_sub_parts_and_a_bare_number() -> None:
    rec = rec_of("27")
    assert [q.number for q in rec.questions] == ["1(a)", "1(b)", "2(a)", "2(b)", "3"]
    assert qa(rec) == [(["1(a)"], "disclosed"), (["1(b)"], "not-applicable"),
                       (["2(a)"], "disclosed"), (["2(b)"], "not-applicable"),
                       (["3"], "not-held")]  # fmt: skip
    assert rec.answers[3].text == "Not applicable."


def test_28_two_column_table_keyed_q1() -> None:
    rec = rec_of("28")
    assert [q.number for q in rec.questions] == ["Q1", "Q2", "Q3", "Q4"]
    # The table answers; the labelled paragraph answers Q4, whose cell only points to it.
    assert qa(rec) == [(["Q1"], "disclosed"), (["Q2"], "disclosed"), (["Q3"], "disclosed"),
                       (["Q4"], "ncnd")]  # fmt: skip
    assert rec.answers[1].text == "655 searches were run in that period."


def test_29_a_trial_told_over_several_sentences_with_figures_in_words() -> None:
    rec = rec_of("29")
    got = [
        (d.date, d.end_date, d.watchlist_size, d.alerts, d.false_alerts, d.arrests)
        for d in rec.deployments
    ]
    assert got == [
        ("2021-06-03", "2021-06-17", 450, 5, 2, 3),  # "five alerts, of which two were false"
        ("2021-10-09", None, 380, 4, 1, 0),  # "of which 1 was an incorrect match"
    ]
    assert ("live-facial-recognition", "trialled") in {
        (u.technology, u.status) for u in rec.technologies
    }  # "carried out one trial of live facial recognition"


def test_30_foisa_section_25_otherwise_accessible() -> None:
    rec = rec_of("30")
    assert qa(rec) == [(["1"], "disclosed"), (["2"], "published-elsewhere")]
    assert [(c.section, c.title, c.ncnd) for c in rec.exemptions] == [
        ("25(1)", "Information otherwise accessible", False)
    ]
