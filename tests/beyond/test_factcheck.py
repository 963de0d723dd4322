"""Fact check of threat-level statements: the sample letters, worked out by hand from
``data/reference/uk_threat_levels.csv``, and invented letters for every verdict.

The timeline used by hand (periods are half-open, [start, end)):

    severe      2006-08-01 .. 2006-08-10      critical 2017-05-23 .. 2017-05-27
    critical    2006-08-10 .. 2006-08-14      severe   2017-05-27 .. 2017-09-15
    severe      2006-08-14 .. 2007-06-30      critical 2017-09-15 .. 2017-09-17
    critical    2007-06-30 .. 2007-07-04      severe   2017-09-17 .. 2019-11-04
    severe      2007-07-04 .. 2009-07-20      substantial 2019-11-04 .. 2020-11-03
    substantial 2009-07-20 .. 2010-01-22      severe   2020-11-03 .. 2021-02-08
    severe      2010-01-22 .. 2011-07-11      substantial 2021-02-08 .. 2021-11-15
    substantial 2011-07-11 .. 2014-08-29      severe   2021-11-15 .. 2022-02-09
    severe      2014-08-29 .. 2017-05-23      substantial 2022-02-09 .. 2026-04-30
                                              severe   2026-04-30 ..
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest
from rdflib import Graph, URIRef

from kg import factcheck, ids
from kg.analysis_io import select
from kg.factcheck import Claim, ClaimedPeriod, check, letter_window, reference_year, text_year

from .conftest import AVON, DYFED, HERTS, WARWICKSHIRE, WEST_MIDLANDS

TL = factcheck.load_timeline()


def _by(results: list[factcheck.Result], response: str, kind: str) -> factcheck.Result:
    hits = [r for r in results if r.claim.response == response and r.claim.kind == kind]
    assert len(hits) == 1, [(r.claim.response, r.claim.kind) for r in results]
    return hits[0]


@pytest.fixture(scope="module")
def sample_results(sample_store: Any) -> list[factcheck.Result]:
    return factcheck.run(sample_store, write=True, at=datetime(2026, 11, 22, 12, 0))


# ---------------------------------------------------------------------------------------------
# The timeline and the letter's window


def test_timeline_matches_the_reference_rows() -> None:
    assert len(TL) == 19
    assert TL[0].start == date(2006, 8, 1) and TL[-1].end is None
    # Contiguous: every end is the next start.
    assert all(a.end == b.start for a, b in zip(TL, TL[1:], strict=False))
    assert factcheck.level_on(TL, date(2017, 6, 15)).level == "severe"  # type: ignore[union-attr]
    assert factcheck.level_on(TL, date(2017, 9, 16)).level == "critical"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("reference", "year"),
    [
        ("1022/2019", 2019),
        ("13457_18", 2018),
        ("992/20", 2020),
        ("FOI2017/01696", 2017),
        ("208-2023", 2023),
        ("FOI 000880/20", 2020),
        ("004512", None),
        ("NC-ABX", None),
        (None, None),
        ("12/2099", None),  # a year in the future is not a year
    ],
)
def test_reference_year(reference: str | None, year: int | None) -> None:
    assert reference_year(reference, not_after=2026) == year


def test_text_year_from_last_year_with_a_number() -> None:
    assert text_year("the figures for last year (2018) are below") == 2019
    assert text_year("spending in 2021 (this year)") == 2021
    assert text_year("last year we did not") is None


def test_windows_from_what_the_letter_gives() -> None:
    """A dated letter is one day; a received date gives 40 working days (20 statutory + 20
    for a public interest extension; 5 Oct 2020 is a Monday, so 40 working days later is
    Monday 30 Nov 2020); a reference year gives the calendar year."""
    assert letter_window("2018-01-15", "2017-12-13", "FOI2017/01696") == factcheck.Window(
        date(2018, 1, 15), date(2018, 1, 15), "response date"
    )
    w = letter_window(None, "2020-10-05", "992/20")
    assert (w.start, w.end) == (date(2020, 10, 5), date(2020, 11, 30))  # type: ignore[union-attr]
    w = letter_window(None, None, "1022/2019")
    assert (w.start, w.end) == (date(2019, 1, 1), date(2019, 12, 31))  # type: ignore[union-attr]
    w = letter_window(None, None, None, "costs for last year (2020) were nil")
    assert (w.start, w.end) == (date(2021, 1, 1), date(2021, 12, 31))  # type: ignore[union-attr]
    assert letter_window(None, None, "NC-ABX", "no year here") is None


# ---------------------------------------------------------------------------------------------
# The five sample letters, as worked out by hand


def test_sample_000_dyfed_powys_current_is_plausible(sample_results: list) -> None:
    """000 Dyfed-Powys, ref 1022/2019, no date: "the current threat level is set at
    Substantial". Window = 2019. SEVERE until 2019-11-04, SUBSTANTIAL from 2019-11-04: true only
    from 2019-11-04 to 2019-12-31, so plausible."""
    r = _by(sample_results, DYFED, "current")
    assert r.claim.level == "substantial"
    assert r.verdict == "plausible"
    assert (r.window.start, r.window.end) == (date(2019, 1, 1), date(2019, 12, 31))
    assert r.true_between == [(date(2019, 11, 4), date(2019, 12, 31))]
    assert set(r.official) == {"severe", "substantial"}


def test_sample_001_west_midlands_current_is_correct(sample_results: list) -> None:
    """001 West Midlands, ref 13457_18, no date: "severe". 2018 was SEVERE all year
    (2017-09-17 .. 2019-11-04), so correct over the whole window."""
    r = _by(sample_results, WEST_MIDLANDS, "current")
    assert (r.claim.level, r.verdict) == ("severe", "correct")
    assert r.window.start == date(2018, 1, 1) and r.window.end == date(2018, 12, 31)


def test_sample_002_avon_current_is_plausible(sample_results: list) -> None:
    """002 Avon and Somerset, request 5 Oct 2020, ref 992/20: "substantial". Window 2020-10-05
    to 2020-11-30 (40 working days). SUBSTANTIAL until 2020-11-03, then SEVERE: true from
    2020-10-05 to 2020-11-02 only, so plausible."""
    r = _by(sample_results, AVON, "current")
    assert (r.claim.level, r.verdict) == ("substantial", "plausible")
    assert r.true_between == [(date(2020, 10, 5), date(2020, 11, 2))]
    assert "2020-11-02" in r.explanation and "SEVERE" in r.explanation


def test_sample_003_hertfordshire_current_is_correct(sample_results: list) -> None:
    """003 Hertfordshire, dated 15 January 2018: "severe". On 2018-01-15 the level was SEVERE
    (2017-09-17 .. 2019-11-04): correct."""
    r = _by(sample_results, HERTS, "current")
    assert (r.claim.level, r.verdict) == ("severe", "correct")
    assert r.window.exact and r.window.start == date(2018, 1, 15)


def test_sample_004_warwickshire_current_is_correct(sample_results: list) -> None:
    """004 Warwickshire, received 20 February 2023, ref 208-2023: "substantial". The window
    2023-02-20 .. 2023-04-17 lies inside SUBSTANTIAL 2022-02-09 .. 2026-04-30: correct."""
    r = _by(sample_results, WARWICKSHIRE, "current")
    assert (r.claim.level, r.verdict) == ("substantial", "correct")


def test_sample_000_history_is_partly_wrong(sample_results: list) -> None:
    """000: "severe since 2006 except for three short periods during August 2006, June and July
    2007, and May and June 2017 ... critical". Against 2006-08-01 .. 2019-12-31:
    * June 2017 was not critical (critical 23-27 May only) -> named period that did not happen;
    * critical 15-17 Sep 2017 not named;
    * SUBSTANTIAL 2009-07-20..2010-01-22 and 2011-07-11..2014-08-29 left out, and
      2019-11-04 onwards (inside the 2019 window) left out.
    The count (three) matches the three periods named: no inconsistency."""
    r = _by(sample_results, DYFED, "historical")
    assert r.verdict == "partly-wrong"
    text = r.explanation
    assert "June 2017" in text and "not CRITICAL" in text
    assert "CRITICAL from 2017-09-15 until 2017-09-17 not named" in text
    assert "SUBSTANTIAL from 2009-07-20 until 2010-01-22 left out" in text
    assert "SUBSTANTIAL from 2011-07-11 until 2014-08-29 left out" in text
    assert "SUBSTANTIAL from 2019-11-04" in text
    assert "says" not in text  # stated count 3 = 3 named
    assert "August 2006" not in text and "2007" not in text  # those were right


def test_sample_001_history_counts_two_but_names_three(sample_results: list) -> None:
    """001: "two short periods during August 2006, June and July 2007, and ... May and June
    last year" (a 2018 letter, so 2017): three named for a stated two -> inconsistency, plus
    the same June 2017 error and omissions up to the end of 2018."""
    r = _by(sample_results, WEST_MIDLANDS, "historical")
    assert r.verdict == "partly-wrong"
    assert "says 2 periods but names 3" in r.explanation
    assert "June 2017" in r.explanation
    assert "2019-11-04" not in r.explanation  # after the 2018 window


def test_sample_003_history_counts_two_but_names_three(sample_results: list) -> None:
    """003: the same "two short periods" with three named, checked up to 2018-01-15."""
    r = _by(sample_results, HERTS, "historical")
    assert r.verdict == "partly-wrong"
    assert "says 2 periods but names 3" in r.explanation
    assert "CRITICAL from 2017-09-15 until 2017-09-17 not named" in r.explanation


def test_samples_002_and_004_make_no_historical_claim(sample_results: list) -> None:
    assert not [
        r
        for r in sample_results
        if r.claim.response in (AVON, WARWICKSHIRE) and r.claim.kind == "historical"
    ]


# ---------------------------------------------------------------------------------------------
# Invented letters, one per verdict (tests/beyond/letters)


@pytest.fixture(scope="module")
def invented_results(invented_store: Any) -> dict[tuple[str, str], factcheck.Result]:
    results = factcheck.run(invented_store, write=False)
    return {(r.claim.force, r.claim.kind): r for r in results}


@pytest.mark.parametrize(
    ("force", "kind", "verdict"),
    [
        # Dated 12 March 2018, "severe": SEVERE 2017-09-17..2019-11-04.
        ("Kent Police", "current", "correct"),
        # Dated 6 June 2023, "severe": SUBSTANTIAL 2022-02-09..2026-04-30.
        ("Essex Police", "current", "wrong"),
        # Ref 1187/2019, "severe": SEVERE until 2019-11-04, then SUBSTANTIAL.
        ("Surrey Police", "current", "plausible"),
        # Ref 0332/2016, "substantial": 2016 was SEVERE throughout.
        ("Suffolk Constabulary", "current", "wrong"),
        # No date, no received date, no year in the reference.
        ("Norfolk Constabulary", "current", "unverifiable"),
        # 2 Feb 2015: "severe since 2006 except one short period, August 2006": leaves out
        # critical June/July 2007 and both SUBSTANTIAL periods.
        ("Cumbria Constabulary", "historical", "partly-wrong"),
        # 1 May 2008: "severe since 2006 except two short periods, August 2006 and June and
        # July 2007": exactly the timeline up to that day.
        ("Durham Constabulary", "historical", "correct"),
        ("Durham Constabulary", "current", "correct"),
    ],
)
def test_invented_letters(invented_results: dict, force: str, kind: str, verdict: str) -> None:
    r = invented_results[(force, kind)]
    assert r.verdict == verdict, r.explanation


def test_invented_wrong_names_the_official_level(invented_results: dict) -> None:
    r = invented_results[("Essex Police", "current")]
    assert r.official == ["substantial"]
    assert "SUBSTANTIAL, not SEVERE" in r.explanation


def test_invented_partly_wrong_lists_what_is_missing(invented_results: dict) -> None:
    r = invented_results[("Cumbria Constabulary", "historical")]
    assert "CRITICAL from 2007-06-30 until 2007-07-04 not named" in r.explanation
    assert "SUBSTANTIAL from 2011-07-11 until 2014-08-29 left out" in r.explanation
    assert "2017" not in r.explanation  # after the letter's date


# ---------------------------------------------------------------------------------------------
# Pure cases the letters do not cover


def _claim(**kw: Any) -> Claim:
    base: dict[str, Any] = {
        "statement": ids.ID + "response/x/1/threat/current",
        "response": ids.ID + "response/x/1",
        "kind": "current",
    }
    base.update(kw)
    return Claim(**base)


def test_historical_without_any_date_checks_only_what_it_names() -> None:
    """No date at all: a wrongly named period is still wrong (partly-wrong); a claim whose
    named periods are right cannot be checked up to its unknown date (unverifiable)."""
    wrong = _claim(
        kind="historical",
        level="severe",
        since="2006",
        periods=[ClaimedPeriod("critical", "May and June 2017", "2017-05", "2017-06")],
    )
    assert check(wrong, TL).verdict == "partly-wrong"
    fine = _claim(
        kind="historical",
        level="severe",
        since="2015",
        periods=[ClaimedPeriod("critical", "May 2017", "2017-05", "2017-05")],
    )
    result = check(fine, TL)
    assert result.verdict in ("partly-wrong", "unverifiable")
    # From 2015 to the end of May 2017 only the May 2017 critical period differs: named.
    assert result.verdict == "unverifiable"


def test_unresolved_relative_label_is_placed_from_the_letter_year() -> None:
    """The extractor may leave "May and June last year" unplaced; a 2018 letter places it in
    2017."""
    c = _claim(
        kind="historical",
        level="severe",
        since="2006",
        reference="555/18",
        periods=[ClaimedPeriod("critical", "May and June last year")],
    )
    span = factcheck.resolve_period(c.periods[0], 2018)
    assert span == (date(2017, 5, 1), date(2017, 6, 30))
    assert "June 2017" in check(c, TL).explanation


def test_ordinal_that_does_not_fit_the_level_is_an_inconsistency() -> None:
    c = _claim(
        kind="historical",
        level="substantial",
        since="2022",
        response_date="2023-01-10",
        text="the threat has remained at the second highest level 'substantial'",
    )
    r = check(c, TL)
    assert r.verdict == "partly-wrong"
    assert "SEVERE that is" in r.explanation


def test_current_claim_without_a_level_is_unverifiable() -> None:
    assert check(_claim(level=None, response_date="2020-01-01"), TL).verdict == "unverifiable"


# ---------------------------------------------------------------------------------------------
# The graph


def test_verdicts_are_written_to_the_factcheck_graph(
    sample_store: Any, sample_results: list
) -> None:
    rows = select(
        sample_store,
        """
        SELECT ?fc ?st ?v ?name ?ws ?we ?act WHERE {
          GRAPH <https://w3id.org/foi-kg/id/graph/factcheck> {
          ?fc a foi:FactCheck , schema:ClaimReview ; schema:itemReviewed ?st ; foi:verdict ?v ;
              schema:reviewRating [ a schema:Rating ; schema:alternateName ?name ] ;
              foi:windowStart ?ws ; foi:windowEnd ?we ; foi:explanation ?e ;
              prov:wasGeneratedBy ?act ; prov:generatedAtTime ?t .
          ?act a prov:Activity } }""",
    )
    assert len(rows) == len(sample_results) == 8
    by_statement = {r["st"]: r for r in rows}
    avon = by_statement[AVON + "/threat/current"]
    assert avon["v"] == ids.ID + "verdict/plausible" and avon["name"] == "plausible"
    assert (avon["ws"], avon["we"]) == ("2020-10-05", "2020-11-30")
    checked = select(
        sample_store,
        f"""
        SELECT ?p WHERE {{ GRAPH <https://w3id.org/foi-kg/id/graph/factcheck> {{
          <{factcheck.factcheck_iri(AVON + "/threat/current")}> foi:checkedAgainst ?p }} }}""",
    )
    assert {r["p"] for r in checked} == {
        ids.ID + "threat-period/2019-11-04",
        ids.ID + "threat-period/2020-11-03",
    }


def test_a_rerun_replaces_the_graph_as_a_whole(sample_store: Any, sample_results: list) -> None:
    factcheck.run(sample_store, write=True, at=datetime(2026, 11, 23, 9, 0))
    rows = select(
        sample_store,
        """SELECT (COUNT(?fc) AS ?n) (COUNT(DISTINCT ?a) AS ?acts) WHERE {
        GRAPH <https://w3id.org/foi-kg/id/graph/factcheck> {
          ?fc a foi:FactCheck ; prov:wasGeneratedBy ?a } }""",
    )
    assert rows[0]["n"] == "8" and rows[0]["acts"] == "1"


def test_factcheck_graph_passes_the_analysis_shapes(sample_results: list) -> None:
    from kg.validation import validate_graph
    from kg.vocab import vocab_graph

    g = Graph()
    for t in factcheck.result_triples(sample_results, at=datetime(2026, 11, 22)):
        g.add(t)
    res = validate_graph(g, "analysis", vocab=vocab_graph())
    assert not res.violations, res.violations
    assert (URIRef(factcheck.factcheck_iri(DYFED + "/threat/current")), None, None) in g


def test_package_exports_what_its_modules_define() -> None:
    # kg.factcheck is a package of small modules; importers keep using the package's names
    from kg.factcheck import claims, graph, timeline, verdicts, window

    for name in factcheck.__all__:
        assert getattr(factcheck, name) is not None, name
    assert factcheck.Result is verdicts.Result and factcheck.run is graph.run
    assert factcheck.Claim is claims.Claim and factcheck.Window is window.Window
    assert factcheck.level_on is timeline.level_on
