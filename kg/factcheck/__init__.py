"""Fact-check the threat-level statements of the letters against the official timeline.

Two kinds of claim (``docs/graph-model.md``):

* **current** ("the current threat level is set at Substantial"). With a response date the
  check is a lookup: ``correct`` or ``wrong`` (with the official level). Without one, the
  letter still tells us roughly when it was written, and we check the claim over that
  *window*: ``correct`` when the claimed level held on every day of it, ``wrong`` when on none,
  else ``plausible`` with the dates between which it was true. The window comes from, in order:

  1. a request (received) date: the response follows it, within 20 working days (FOIA s.10(1))
     plus at most 20 more when the public interest test needs time (the ICO's limit on the
     s.10(3) extension) -- so ``[received, received + 40 working days]``; weekends are
     skipped, bank holidays are not (a day or two of slack);
  2. a year in the reference ("1022/2019", "FOI2017/01696" -> that year; "13457_18",
     "992/20" -> 2018, 2020): the whole calendar year;
  3. a year the text gives relative to itself ("last year (2018)" -> 2019, "this year (2019)").

  No date and no such hint: ``unverifiable``.

* **historical** ("since 2006 ... remained at 'severe', except for three short periods during
  August 2006, June and July 2007, and May and June 2017 ... 'critical'"). Over the time the
  claim covers (1 January of its ``since`` year, or the start of the published timeline, to the
  letter's date or the end of its window) we list every official period at another level the
  claim does not name, every named period whose months never had the named level, and
  internal inconsistencies (a stated count of periods that differs from the periods named; an
  ordinal such as "second highest level" that does not fit the level). Anything found:
  ``partly-wrong``; nothing: ``correct``. Period labels the extractor could not resolve are
  placed here from their month names and year ("May and June last year" in a 2018 letter ->
  2017-05..2017-06).

Timeline periods are half-open ``[start, end)`` as in the reference CSV: ``end`` is the day
the next level took effect. Explanations say "until <end>" for those, and give windows as
inclusive days.

The package: ``timeline`` (the official periods), ``window`` (when a letter was written),
``claims`` (what a claim says), ``verdicts`` (the checks), ``graph`` (store in, verdicts out).
"""

from __future__ import annotations

from kg.factcheck.claims import (
    Claim,
    ClaimedPeriod,
    ordinal_problems,
    resolve_period,
    stated_count,
)
from kg.factcheck.graph import (
    FOI,
    SCHEMA,
    factcheck_iri,
    force_label,
    load_claims,
    result_triples,
    run,
)
from kg.factcheck.timeline import Period, Segment, level_on, load_timeline, segments
from kg.factcheck.verdicts import (
    VERDICTS,
    Result,
    check,
    check_all,
    check_current,
    check_historical,
)
from kg.factcheck.window import (
    WORKING_DAYS_WINDOW,
    Window,
    add_working_days,
    letter_window,
    reference_year,
    text_year,
)

__all__ = [
    "Claim",
    "ClaimedPeriod",
    "FOI",
    "Period",
    "Result",
    "SCHEMA",
    "Segment",
    "VERDICTS",
    "WORKING_DAYS_WINDOW",
    "Window",
    "add_working_days",
    "check",
    "check_all",
    "check_current",
    "check_historical",
    "factcheck_iri",
    "force_label",
    "letter_window",
    "level_on",
    "load_claims",
    "load_timeline",
    "ordinal_problems",
    "reference_year",
    "resolve_period",
    "result_triples",
    "run",
    "segments",
    "stated_count",
    "text_year",
]
