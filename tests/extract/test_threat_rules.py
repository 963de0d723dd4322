"""Threat-level statements: current level at every level, history claims, relative years.

Snippets exercise the general rules; the invented letters 13, 19, 20, 22 are checked through
the whole pipeline.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.extract import extract_path, threat
from kg.model import LetterRecord

INVENTED = Path(__file__).resolve().parents[1] / "letters" / "invented"


def run(
    text: str, *, reference: str | None = None, response_date: str | None = None
) -> LetterRecord:
    rec = LetterRecord(source="snippet", sha256="", format="txt", text=text)
    rec.reference = reference
    rec.response_date = response_date
    threat.fill(text, rec, (0, len(text)))
    return rec


@pytest.mark.parametrize(
    ("sentence", "level"),
    [
        ("The current threat level is set at Substantial.", "substantial"),
        ("That threat is currently categorised as 'substantial', see below link:", "substantial"),
        ("As of today the UK threat level is SEVERE.", "severe"),
        ("The national threat level remains at substantial.", "substantial"),
        (
            "The current threat level is CRITICAL, meaning an attack is expected imminently.",
            "critical",
        ),
        (
            "The threat to Great Britain from Northern Ireland related terrorism is currently "
            "moderate.",
            "moderate",
        ),
        ("The threat level for this risk is currently assessed as LOW.", "low"),
    ],
)
def test_current_level_at_every_level(sentence: str, level: str) -> None:
    rec = run("Harm\n\n" + sentence + "\n")
    assert rec.threat_level is not None
    assert rec.threat_level.level == level
    s, e = rec.threat_level.span
    assert rec.text[s:e] == rec.threat_level.text == sentence


@pytest.mark.parametrize(
    "sentence",
    [
        "In August 2006 the threat level was raised to critical.",
        "The threat level was lowered to substantial in February 2022.",
        "That threat has remained at the second highest level 'severe' since 2006.",
        "This would cause substantial harm to the prevention of crime.",
        "A severe threat to officers could follow.",
    ],
)
def test_past_levels_and_adjectives_are_not_the_current_level(sentence: str) -> None:
    assert run(sentence).threat_level is None


def test_first_current_statement_wins_and_history_is_not_current() -> None:
    text = (
        "Since 2006, the UK Government has published the threat level, based upon current "
        "intelligence and that threat has remained at the second highest level 'severe', except "
        "for two short periods during August 2006 and June and July 2007, when it was raised to "
        "the highest threat, 'critical'. The current threat level is set at substantial."
    )
    rec = run(text)
    assert rec.threat_level is not None and rec.threat_level.level == "substantial"
    (claim,) = rec.threat_history
    assert claim.baseline_level == "severe" and claim.stated_count == 2


@pytest.mark.parametrize(
    ("reference", "response_date", "year"),
    [
        ("13457_18", None, 2018),
        ("1022/2019", None, 2019),
        ("992/20", None, 2020),
        ("FOI2017/01696", None, 2017),
        ("208-2023", None, 2023),
        ("13457_18", "2019-01-04", 2019),  # the response date wins
        (None, None, None),
    ],
)
def test_reference_year(reference: str | None, response_date: str | None, year: int | None) -> None:
    rec = LetterRecord(source="x", sha256="", format="txt")
    rec.reference, rec.response_date = reference, response_date
    assert threat.reference_year(rec) == year


HISTORY = (
    "Since 2006, the UK Government has published the threat level and that threat has "
    "remained at the second highest level 'severe', except for two short periods during "
    "August 2006, and more recently in May and June last year, when it was raised to the "
    "highest threat, 'critical'."
)


def test_relative_year_resolves_from_reference() -> None:
    (claim,) = run(HISTORY, reference="13457_18").threat_history
    assert [(p.label, p.start, p.end) for p in claim.periods] == [
        ("August 2006", "2006-08", "2006-08"),
        ("May and June last year", "2017-05", "2017-06"),
    ]


def test_relative_year_stays_open_without_a_year() -> None:
    (claim,) = run(HISTORY).threat_history
    last = claim.periods[-1]
    assert (last.label, last.start, last.end) == ("May and June last year", None, None)


def test_count_words() -> None:
    text = (
        "The threat level had been at severe since 2014, and it was raised to critical twice: "
        "in May 2017 and September 2017."
    )
    (claim,) = run(text).threat_history
    assert claim.stated_count == 2
    assert claim.baseline_level == "severe" and claim.since == "2014"
    assert [p.start for p in claim.periods] == ["2017-05", "2017-09"]


def _pipeline(prefix: str) -> LetterRecord:
    (path,) = INVENTED.glob(f"{prefix}_*.txt")
    return extract_path(path, curate=False)


def test_13_history_two_occasions_and_remains_at_substantial() -> None:
    rec = _pipeline("13")
    assert rec.threat_level is not None and rec.threat_level.level == "substantial"
    (claim,) = rec.threat_history
    assert (claim.baseline_level, claim.since, claim.stated_count) == ("severe", "2006", 2)
    assert [(p.level, p.label, p.start, p.end) for p in claim.periods] == [
        ("critical", "August 2006", "2006-08", "2006-08"),
        ("critical", "June and July 2007", "2007-06", "2007-07"),
    ]


def test_19_two_history_claims_four_occasions() -> None:
    rec = _pipeline("19")
    assert rec.threat_level is not None and rec.threat_level.level == "severe"
    first, second = rec.threat_history
    # "has been at severe since August 2014"
    assert (first.baseline_level, first.since, first.periods) == ("severe", "2014", [])
    # "raised to critical on four occasions since it was first published in 2006: ..."
    assert second.baseline_level is None
    assert second.stated_count == 4
    assert [(p.level, p.label, p.start, p.end) for p in second.periods] == [
        ("critical", "August 2006", "2006-08", "2006-08"),
        ("critical", "June and July 2007", "2007-06", "2007-07"),
        ("critical", "May 2017", "2017-05", "2017-05"),
        ("critical", "September 2017", "2017-09", "2017-09"),
    ]


def test_20_first_current_level_only() -> None:
    rec = _pipeline("20")
    # "the national threat level is currently assessed as 'substantial'", then the Northern
    # Ireland-related level "is moderate": the letter's first current statement is kept.
    assert rec.threat_level is not None and rec.threat_level.level == "substantial"
    assert rec.threat_history == []


def test_22_critical_and_one_short_period() -> None:
    rec = _pipeline("22")
    assert rec.threat_level is not None and rec.threat_level.level == "critical"
    (claim,) = rec.threat_history
    assert (claim.baseline_level, claim.since, claim.stated_count) == ("severe", "2006", 1)
    # "since August 2006" dates the baseline; only "in August 2006" is an exception.
    assert [(p.level, p.label) for p in claim.periods] == [("critical", "August 2006")]


def test_level_it_has_been_changed_to_is_current() -> None:
    rec = run("The national threat level has recently been lowered from severe to substantial.")
    assert rec.threat_level is not None and rec.threat_level.level == "substantial"
    assert run("The UK threat level was raised to severe in 2020.").threat_level is None


def test_label_form_is_current() -> None:
    rec = run("Current UK threat level: SUBSTANTIAL (an attack is likely)")
    assert rec.threat_level is not None and rec.threat_level.level == "substantial"


def test_history_in_the_sentence_after_the_threat_sentence() -> None:
    text = (
        "The threat level from international terrorism has been published since 2006. "
        "It has been raised to critical twice, in May 2017 and in September 2017."
    )
    (claim,) = run(text).threat_history
    assert claim.stated_count == 2
    assert [(p.level, p.start) for p in claim.periods] == [
        ("critical", "2017-05"),
        ("critical", "2017-09"),
    ]
    assert claim.text.startswith("It has been raised")


@pytest.mark.parametrize(
    "sentence",
    [
        # "threat" as a plain noun: "low" and "moderate" are ordinary adjectives here.
        "The threat posed by a single disclosure is low, but cumulative disclosures matter.",
        "The threat to officers is moderate when tactics are known.",
        "There is a moderate but real threat to officers if tactics become known.",
        "A low threat level does not mean that there is no threat.",
    ],
)
def test_low_and_moderate_as_plain_adjectives(sentence: str) -> None:
    assert run(sentence).threat_level is None


@pytest.mark.parametrize(
    ("sentence", "level"),
    [
        ("The threat posed to the UK by terrorism is low.", "low"),
        (
            "The threat to officers is currently 'moderate', meaning an attack is possible.",
            "moderate",
        ),
        ("The current threat is LOW.", "low"),
    ],
)
def test_low_and_moderate_as_threat_levels(sentence: str, level: str) -> None:
    rec = run(sentence)
    assert rec.threat_level is not None and rec.threat_level.level == level


def test_a_change_of_level_with_its_date_is_history() -> None:
    text = "The threat level was lowered from moderate to low in March 2024."
    rec = run(text)
    assert rec.threat_level is None  # past tense: no current level
    (claim,) = rec.threat_history
    assert (claim.baseline_level, claim.since, claim.periods) == ("low", "2024", [])


def test_23_low_is_current_and_plain_low_is_not() -> None:
    rec = _pipeline("23")
    assert rec.threat_level is not None and rec.threat_level.level == "low"
    assert rec.threat_level.text.startswith("The threat to the UK from Northern Ireland-related")
    (claim,) = rec.threat_history
    assert (claim.baseline_level, claim.since) == ("low", "2024")
    assert claim.text == "It was lowered from moderate to low in March 2024."


def test_24_moderate_is_current_beside_a_severe_history() -> None:
    rec = _pipeline("24")
    assert rec.threat_level is not None and rec.threat_level.level == "moderate"
    (claim,) = rec.threat_history
    assert (claim.baseline_level, claim.since, claim.stated_count) == ("severe", "2014", 2)
    assert [(p.level, p.start) for p in claim.periods] == [
        ("critical", "2017-05"),
        ("critical", "2017-09"),
    ]
