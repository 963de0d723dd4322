"""The fact check and the store: claims read from the letters' graphs, verdicts written to
``id:graph/factcheck`` (docs/graph-model.md, Analyses).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, XSD

from kg import __version__, ids
from kg.analysis_io import Triple, replace_graph, select
from kg.factcheck.claims import Claim, ClaimedPeriod
from kg.factcheck.verdicts import Result, check_all

FOI = ids.ONTOLOGY
SCHEMA = "https://schema.org/"

_CLAIMS_Q = """
SELECT ?st ?r ?kind ?text ?level ?since ?count ?ref ?rdate ?qdate ?force ?forceLabel ?ltext
       ?file
WHERE {
  { ?st a foi:CurrentThreatLevelClaim . BIND("current" AS ?kind)
    OPTIONAL { ?st foi:assertsLevel ?level } }
  UNION
  { ?st a foi:HistoricalThreatLevelClaim . BIND("historical" AS ?kind)
    OPTIONAL { ?st foi:baselineLevel ?level }
    OPTIONAL { ?st foi:sinceYear ?since }
    OPTIONAL { ?st foi:statedPeriodCount ?count } }
  ?st foi:inResponse ?r .
  OPTIONAL { ?st foi:statementText ?text }
  OPTIONAL { ?r foi:reference ?ref }
  OPTIONAL { ?r foi:responseDate ?rdate }
  OPTIONAL { ?r foi:respondsTo/foi:requestDate ?qdate }
  OPTIONAL { ?r foi:respondingBody ?force
             OPTIONAL { ?force rdfs:label ?forceLabel } }
  OPTIONAL { ?r foi:text ?ltext }
  OPTIONAL { ?r prov:wasDerivedFrom/foi:fileName ?file }
}
"""

_PERIODS_Q = """
SELECT ?st ?p ?level ?label ?start ?end WHERE {
  ?st foi:namesPeriod ?p .
  OPTIONAL { ?p foi:level ?level }
  OPTIONAL { ?p foi:periodLabel ?label }
  OPTIONAL { ?p foi:periodStart ?start }
  OPTIONAL { ?p foi:periodEnd ?end }
}
"""


def _tail(iri: str | None) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1] if iri else ""


def force_label(iri: str | None, label: str | None) -> str:
    if label:
        return label
    slug = _tail(iri)
    return slug.replace("-", " ").title() if slug else "?"


def load_claims(store: Any) -> list[Claim]:
    """Every threat-level statement in the store, with its letter's dates and reference."""
    claims: dict[str, Claim] = {}
    for row in select(store, _CLAIMS_Q):
        st = row["st"] or ""
        if st in claims:
            continue
        count = row.get("count")
        claims[st] = Claim(
            statement=st,
            response=row["r"] or "",
            kind=row["kind"] or "current",
            text=row.get("text") or "",
            level=_tail(row.get("level")) or None,
            since=row.get("since"),
            stated_count=int(count) if count and count.isdigit() else None,
            letter=row.get("ref") or row.get("file") or _tail(row["r"]),
            force=force_label(row.get("force"), row.get("forceLabel")),
            reference=row.get("ref"),
            response_date=row.get("rdate"),
            request_date=row.get("qdate"),
            letter_text=row.get("ltext"),
        )
    periods: dict[str, list[tuple[int, ClaimedPeriod]]] = {}
    for row in select(store, _PERIODS_Q):
        st = row["st"] or ""
        k = _tail(row["p"])
        periods.setdefault(st, []).append(
            (
                int(k) if k.isdigit() else 0,
                ClaimedPeriod(
                    level=_tail(row.get("level")) or "critical",
                    label=row.get("label") or "",
                    start=row.get("start"),
                    end=row.get("end"),
                ),
            )
        )
    for st, items in periods.items():
        if st in claims:
            claims[st].periods = [p for _, p in sorted(items, key=lambda kp: kp[0])]
    return sorted(claims.values(), key=lambda c: (c.force, c.letter, c.kind, c.statement))


def factcheck_iri(statement: str) -> URIRef:
    return URIRef(f"{ids.ID}factcheck/{hashlib.sha256(statement.encode()).hexdigest()[:16]}")


def result_triples(results: Sequence[Result], *, at: datetime | None = None) -> list[Triple]:
    """The triples of ``id:graph/factcheck`` for ``results`` (docs/graph-model.md, Analyses)."""
    now = (at or datetime.now(UTC)).astimezone(UTC)
    stamp = Literal(now.isoformat().replace("+00:00", "Z"), datatype=XSD.dateTime)
    activity = URIRef(f"{ids.ID}activity/factcheck/{now.strftime('%Y%m%dT%H%M%SZ')}")
    agent = ids.agent_iri(__version__)
    f = lambda name: URIRef(FOI + name)  # noqa: E731 - a local shorthand
    s = lambda name: URIRef(SCHEMA + name)  # noqa: E731
    t: list[Triple] = [
        (activity, RDF.type, PROV.Activity),
        (activity, RDFS.label, Literal("foi-kg fact check of threat-level statements")),
        (activity, PROV.startedAtTime, stamp),
        (activity, PROV.endedAtTime, stamp),
        (activity, PROV.wasAssociatedWith, agent),
        (activity, PROV.used, URIRef(ids.ID + "graph/vocab")),
        (agent, RDF.type, PROV.SoftwareAgent),
        (agent, RDFS.label, Literal(f"foi-kg {__version__}")),
    ]
    for r in results:
        fc = factcheck_iri(r.claim.statement)
        rating = BNode()
        t += [
            (fc, RDF.type, f("FactCheck")),
            (fc, RDF.type, s("ClaimReview")),
            (fc, s("itemReviewed"), URIRef(r.claim.statement)),
            (fc, f("verdict"), ids.concept_iri("verdict", r.verdict)),
            (fc, s("reviewRating"), rating),
            (rating, RDF.type, s("Rating")),
            (rating, s("alternateName"), Literal(r.verdict)),
            (fc, f("explanation"), Literal(r.explanation)),
            (fc, PROV.wasGeneratedBy, activity),
            (fc, PROV.generatedAtTime, stamp),
            (fc, PROV.wasDerivedFrom, URIRef(r.claim.statement)),
        ]
        if r.claim.text:
            t.append((fc, s("claimReviewed"), Literal(" ".join(r.claim.text.split()))))
        for level in r.official:
            t.append((fc, f("officialLevel"), ids.concept_iri("threat-level", level)))
        for p in r.checked:
            t.append((fc, f("checkedAgainst"), p.iri))
        if r.window:
            t.append((fc, f("windowStart"), Literal(r.window.start.isoformat(), datatype=XSD.date)))
            t.append((fc, f("windowEnd"), Literal(r.window.end.isoformat(), datatype=XSD.date)))
    return t


def run(store: Any, *, write: bool = True, at: datetime | None = None) -> list[Result]:
    """Check every statement in ``store``; replace ``id:graph/factcheck`` with the verdicts."""
    results = check_all(load_claims(store))
    if write:
        replace_graph(store, ids.FACTCHECK_GRAPH, result_triples(results, at=at))
    return results
