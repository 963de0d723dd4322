"""One extraction record -> the RDF of one letter, exactly as ``docs/graph-model.md`` says.

The mapper builds a plain list of triples (cheap), which ``letter_graph`` wraps in an rdflib
``Graph`` for validation and ``kg.graph.ntriples`` turns into N-Triples for the store. Every IRI
comes from ``kg.ids``. Absent values give no triple; a value that cannot be typed as the
ontology says (a date that is not ISO, say) is dropped with a warning rather than written
ill-typed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import PurePath

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from kg import __version__, ids
from kg.model import LetterRecord, Located
from kg.namespace import DCTERMS, FOI, OA, PREFIXES, PROV, RDF, RDFS, XSD

Triple = tuple[URIRef, URIRef, Node]

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_YEAR = re.compile(r"^\d{4}$")
_YEAR_MONTH = re.compile(r"^\d{4}-\d{2}$")


@dataclass
class LetterMapping:
    """The triples of one letter's named graph, its name and what the mapper noticed."""

    iri: URIRef
    triples: list[Triple]
    warnings: list[str] = field(default_factory=list)

    def graph(self) -> Graph:
        return to_graph(self.triples)


def to_graph(triples: Iterable[Triple]) -> Graph:
    """An rdflib Graph with the project prefixes bound (for validation and Turtle output)."""
    g = Graph(bind_namespaces="none")
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    for t in triples:
        g.add(t)
    return g


@lru_cache(maxsize=1)
def vocab_sections() -> frozenset[str]:
    """IRIs of the FOIA sections the vocabulary describes (a letter's other sections get a
    small description in the letter graph). Empty until the vocabulary files exist."""
    try:
        from kg.vocab import vocab_graph  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return frozenset()
    try:
        graph = vocab_graph()
    except Exception:  # a broken vocabulary is reported by `kg build` when it loads it
        return frozenset()
    return frozenset(str(s) for s in graph.subjects(RDF.type, FOI.Exemption))


def response_iri(record: LetterRecord) -> URIRef:
    force_id = record.force.id if record.force and record.force.id else None
    return ids.response_iri(force_id, record.reference, record.sha256)


def _datetime(value: datetime) -> Literal:
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    text = value.astimezone(UTC).isoformat().replace("+00:00", "Z")
    return Literal(text, datatype=XSD.dateTime)


class _Mapper:
    def __init__(
        self,
        record: LetterRecord,
        response: URIRef,
        started: datetime,
        ended: datetime,
        generated: datetime,
        version: str,
        known_sections: frozenset[str],
    ) -> None:
        self.rec = record
        self.r = response
        self.started = started
        self.ended = ended
        self.generated = generated
        self.version = version
        self.known_sections = known_sections
        self.out: list[Triple] = []
        self.warnings: list[str] = []
        self.force = ids.force_iri(record.force.id) if record.force and record.force.id else None
        self.questions: dict[str, URIRef] = {}
        self.sections_described: set[str] = set()

    # -- helpers -----------------------------------------------------------------------------

    def add(self, s: URIRef, p: URIRef, o: Node | None) -> None:
        if o is not None:
            self.out.append((s, p, o))

    def text(self, s: URIRef, p: URIRef, value: str | None) -> None:
        if value is not None and value.strip():
            self.out.append((s, p, Literal(value)))

    def date(self, s: URIRef, p: URIRef, value: str | None, what: str) -> None:
        if not value:
            return
        if _ISO_DATE.match(value):
            try:
                datetime.strptime(value, "%Y-%m-%d")
            except ValueError:
                pass
            else:
                self.out.append((s, p, Literal(value, datatype=XSD.date)))
                return
        self.warnings.append(f"{what} '{value}' is not an ISO date; left out of the graph")

    def concept(self, s: URIRef, p: URIRef, scheme: str, value: str | None) -> None:
        if value:
            self.out.append((s, p, ids.concept_iri(scheme, value)))

    def section(self, section: str) -> URIRef:
        """The section's IRI; describes it in the letter graph when the vocabulary lacks it."""
        section = section.replace(" ", "")
        iri = ids.section_iri(section)
        key = str(iri)
        if key not in self.known_sections and key not in self.sections_described:
            self.sections_described.add(key)
            self.out.append((iri, RDF.type, FOI.Exemption))
            self.out.append((iri, FOI.sectionNumber, Literal(section)))
            base = section.split("(", 1)[0]
            if base != section:
                self.out.append((iri, FOI.partOfSection, ids.section_iri(base)))
        return iri

    def fact(self, node: URIRef, cls: Sequence[URIRef], item: Located | None, position: int):
        for c in cls:
            self.out.append((node, RDF.type, c))
        self.out.append((node, FOI.inResponse, self.r))
        self.out.append((node, PROV.wasDerivedFrom, self.r))
        curated = bool(item is not None and item.curated)
        status = "curated" if curated else "extracted"
        self.out.append((node, FOI.curationStatus, ids.concept_iri("curation-status", status)))
        self.out.append((node, FOI.position, Literal(position)))
        span = item.span if item is not None else None
        if span is not None:
            start, end = int(span[0]), int(span[1])
            if not 0 <= start <= end <= len(self.rec.text):
                self.warnings.append(
                    f"{node}: span {start}-{end} lies outside the letter's text; left out"
                )
                return
            sel = ids.span_iri(node)
            self.out.append((node, FOI.evidence, sel))
            self.out.append((sel, RDF.type, OA.TextPositionSelector))
            self.out.append((sel, OA.start, Literal(start)))
            self.out.append((sel, OA.end, Literal(end)))

    def question_refs(self, node: URIRef, p: URIRef, numbers: Iterable[str], what: str) -> None:
        for number in numbers:
            q = self.questions.get(number)
            if q is None:
                self.warnings.append(f"{what} refers to question '{number}', not in the letter")
            else:
                self.out.append((node, p, q))

    # -- the letter ----------------------------------------------------------------------------

    def run(self) -> list[Triple]:
        rec, r = self.rec, self.r
        source = ids.source_iri(rec.sha256)
        extraction = ids.extraction_iri(r, rec.sha256)
        agent = ids.agent_iri(self.version)
        request = ids.request_iri(r)

        self.add(r, RDF.type, FOI.Response)
        self.text(r, DCTERMS.title, rec.title)
        self.text(r, FOI.reference, rec.reference)
        self.date(r, FOI.responseDate, rec.response_date, "response date")
        self.add(r, FOI.respondingBody, self.force)
        self.add(r, FOI.respondsTo, request)
        self.text(r, FOI.signatoryRole, rec.signatory_role)
        self.add(r, FOI.ncndCovert, Literal(bool(rec.ncnd_covert)))
        self.add(r, FOI.overtOnly, Literal(bool(rec.overt_only)))
        for u in rec.urls:
            if u.url:
                self.add(r, FOI.citesURL, Literal(u.url, datatype=XSD.anyURI))
        self.text(r, FOI.text, rec.text)
        self.add(r, PROV.wasDerivedFrom, source)
        self.add(r, PROV.wasGeneratedBy, extraction)
        self.add(r, PROV.generatedAtTime, _datetime(self.generated))

        self.add(source, RDF.type, FOI.SourceFile)
        self.add(source, FOI.sha256, Literal(rec.sha256))
        self.text(source, FOI.fileName, PurePath(rec.source).name if rec.source else None)
        self.text(source, FOI.sourceFormat, rec.format)

        self.add(extraction, RDF.type, FOI.Extraction)
        self.add(extraction, PROV.used, source)
        self.add(extraction, PROV.startedAtTime, _datetime(self.started))
        self.add(extraction, PROV.endedAtTime, _datetime(self.ended))
        self.add(extraction, PROV.wasAssociatedWith, agent)
        self.add(extraction, FOI.softwareVersion, Literal(self.version))
        self.add(agent, RDF.type, PROV.SoftwareAgent)
        self.add(agent, RDFS.label, Literal(f"foi-kg {self.version}"))

        self.add(request, RDF.type, FOI.FOIRequest)
        self.date(request, FOI.requestDate, rec.request_date, "request date")
        self.add(request, FOI.addressedTo, self.force)
        self.text(request, FOI.requestText, rec.request_text)

        self._questions(request)
        self._answers()
        citations = self._citations()
        self._ncnd(citations)
        self._harm()
        self._public_interest()
        self._threat()
        self._uses()
        self._supplies()
        self._expenditure()
        self._deployments()
        return self.out

    def _questions(self, request: URIRef) -> None:
        used: set[str] = set()
        nodes: list[URIRef] = []
        for i, q in enumerate(self.rec.questions):
            key = ids.slug(q.number) if q.number.strip() else str(i + 1)
            if key in used:  # a number written twice: keep both questions apart
                n = 2
                while f"{key}-{n}" in used:
                    n += 1
                key = f"{key}-{n}"
            used.add(key)
            node = ids.fact_iri(self.r, "question", key)
            nodes.append(node)
            self.questions.setdefault(q.number, node)
            self.fact(node, (FOI.Question,), q, i + 1)
            self.text(node, FOI.questionNumber, q.number)
            self.text(node, FOI.questionText, q.text)
            self.add(request, FOI.hasQuestion, node)
        for q, node in zip(self.rec.questions, nodes, strict=True):
            if q.parent:
                self.question_refs(node, FOI.subQuestionOf, [q.parent], f"question {q.number}")

    def _answers(self) -> None:
        for i, a in enumerate(self.rec.answers):
            node = ids.fact_iri(self.r, "answer", i + 1)
            self.fact(node, (FOI.Answer,), a, i + 1)
            self.question_refs(node, FOI.answersQuestion, a.questions, f"answer {i + 1}")
            self.concept(node, FOI.answerKind, "answer-kind", a.kind)
            self.text(node, FOI.answerText, a.text)

    def _citations(self) -> list[tuple[str, URIRef]]:
        cited: list[tuple[str, URIRef]] = []
        for i, c in enumerate(self.rec.exemptions):
            node = ids.fact_iri(self.r, "citation", i + 1)
            self.fact(node, (FOI.ExemptionCitation,), c, i + 1)
            if c.section.strip():
                self.add(node, FOI.citesExemption, self.section(c.section))
                cited.append((c.section.replace(" ", ""), node))
            self.text(node, FOI.citedTitle, c.title)
            self.add(node, FOI.groundsNCND, Literal(bool(c.ncnd)))
            self.concept(node, FOI.scope, "scope", c.scope)
            self.question_refs(node, FOI.appliesToQuestion, c.questions, f"citation {i + 1}")
        return cited

    def _ncnd(self, citations: list[tuple[str, URIRef]]) -> None:
        for i, n in enumerate(self.rec.ncnd):
            node = ids.fact_iri(self.r, "ncnd", i + 1)
            self.fact(node, (FOI.NCNDStatement,), n, i + 1)
            self.concept(node, FOI.scope, "scope", n.scope)
            rests: list[URIRef] = []
            for section in n.sections:
                want = section.replace(" ", "")
                exact = [c for s, c in citations if s == want]
                # "section 24" in an NCND statement rests on the letter's 24(2) citation
                rests.extend(exact or [c for s, c in citations if s.split("(", 1)[0] == want])
            for c in dict.fromkeys(rests):
                self.add(node, FOI.restsOn, c)
            self.add(node, FOI.partial, Literal(bool(n.partial)))
            self.concept(node, FOI.technology, "technology", n.technology)
            self.question_refs(node, FOI.appliesToQuestion, n.questions, f"NCND {i + 1}")
            self.text(node, FOI.statementText, n.text)

    def _harm(self) -> None:
        for i, h in enumerate(self.rec.harm):
            node = ids.fact_iri(self.r, "harm", i + 1)
            self.fact(node, (FOI.HarmStatement,), h, i + 1)
            for s in h.sections:
                if s.strip():
                    self.add(node, FOI.concernsSection, self.section(s.split("(", 1)[0]))
            self.text(node, FOI.statementText, h.text)

    def _public_interest(self) -> None:
        rec = self.rec
        if not rec.public_interest and rec.balance is None:
            return
        pit = URIRef(f"{self.r}/pit")
        self.fact(pit, (FOI.PublicInterestTest,), rec.balance, 1)
        for i, f in enumerate(rec.public_interest):
            node = ids.fact_iri(self.r, "pi-factor", i + 1)
            self.add(pit, FOI.hasFactor, node)
            self.fact(node, (FOI.PublicInterestFactor,), f, i + 1)
            self.concept(node, FOI.direction, "direction", f.direction)
            if f.section and f.section.strip():
                self.add(node, FOI.concernsSection, self.section(f.section.split("(", 1)[0]))
            self.text(node, FOI.statementText, f.text)
        if rec.balance is not None:
            self.concept(pit, FOI.balanceOutcome, "balance-outcome", rec.balance.outcome)
            self.text(pit, FOI.balanceText, rec.balance.text)

    def _threat(self) -> None:
        t = self.rec.threat_level
        if t is not None:
            node = URIRef(f"{self.r}/threat/current")
            self.fact(node, (FOI.CurrentThreatLevelClaim, FOI.ThreatLevelStatement), t, 1)
            self.concept(node, FOI.assertsLevel, "threat-level", t.level)
            self.text(node, FOI.statementText, t.text)
        for i, h in enumerate(self.rec.threat_history):
            node = ids.fact_iri(self.r, "threat-history", i + 1)
            self.fact(node, (FOI.HistoricalThreatLevelClaim, FOI.ThreatLevelStatement), h, i + 1)
            self.concept(node, FOI.baselineLevel, "threat-level", h.baseline_level)
            if h.since:
                if _YEAR.match(h.since):
                    self.add(node, FOI.sinceYear, Literal(h.since, datatype=XSD.gYear))
                else:
                    self.warnings.append(f"threat history {i + 1}: year '{h.since}' left out")
            if h.stated_count is not None:
                self.add(node, FOI.statedPeriodCount, Literal(int(h.stated_count)))
            self.text(node, FOI.statementText, h.text)
            for k, p in enumerate(h.periods, start=1):
                period = URIRef(f"{node}/period/{k}")
                self.add(node, FOI.namesPeriod, period)
                self.add(period, RDF.type, FOI.ClaimedPeriod)
                self.concept(period, FOI.level, "threat-level", p.level)
                self.text(period, FOI.periodLabel, p.label)
                self._month(period, FOI.periodStart, p.start)
                self._month(period, FOI.periodEnd, p.end)

    def _month(self, s: URIRef, p: URIRef, value: str | None) -> None:
        if not value:
            return
        if _YEAR_MONTH.match(value):
            self.add(s, p, Literal(value, datatype=XSD.gYearMonth))
        elif _YEAR.match(value):  # only the year is known: say so rather than invent a month
            self.add(s, p, Literal(value, datatype=XSD.gYear))
        else:
            self.warnings.append(f"{s}: period bound '{value}' is not a year or month")

    def _uses(self) -> None:
        for i, u in enumerate(self.rec.technologies):
            node = ids.fact_iri(self.r, "use", i + 1)
            self.fact(node, (FOI.TechnologyUse,), u, i + 1)
            self.add(node, FOI.usedBy, self.force)
            self.concept(node, FOI.technology, "technology", u.technology)
            self.concept(node, FOI.usageStatus, "usage-status", u.status)
            self.concept(node, FOI.useScope, "use-scope", u.scope)
            self.concept(node, FOI.tense, "tense", u.tense)
            self.text(node, FOI.statementText, u.text)

    def _supplies(self) -> None:
        for i, p in enumerate(self.rec.providers):
            node = ids.fact_iri(self.r, "supply", i + 1)
            self.fact(node, (FOI.Supply,), p, i + 1)
            if p.name.strip():
                provider = ids.provider_iri(p.name)
                self.add(node, FOI.provider, provider)
                self.add(provider, RDF.type, FOI.Provider)
                self.add(provider, RDFS.label, Literal(p.name.strip()))
            self.concept(node, FOI.providerRole, "provider-role", p.role)
            self.concept(node, FOI.technology, "technology", p.technology)
            self.add(node, FOI.suppliesTo, self.force)
            self.text(node, FOI.statementText, p.text)

    def _expenditure(self) -> None:
        for i, e in enumerate(self.rec.expenditure):
            node = ids.fact_iri(self.r, "expenditure", i + 1)
            self.fact(node, (FOI.Expenditure,), e, i + 1)
            if e.amount is not None:
                try:
                    amount = Decimal(str(e.amount)).quantize(Decimal("0.01"))
                except InvalidOperation:
                    self.warnings.append(f"expenditure {i + 1}: amount '{e.amount}' left out")
                else:
                    self.add(node, FOI.amount, Literal(str(amount), datatype=XSD.decimal))
            self.text(node, FOI.currency, e.currency)
            self.text(node, FOI.financialYear, e.financial_year)
            self.text(node, FOI.purpose, e.purpose)
            self.concept(node, FOI.technology, "technology", e.technology)
            self.add(node, FOI.spentBy, self.force)
            self.text(node, FOI.statementText, e.text)

    def _deployments(self) -> None:
        counts = (
            ("watchlist_size", FOI.watchlistSize),
            ("alerts", FOI.alertCount),
            ("false_alerts", FOI.falseAlertCount),
            ("stops", FOI.stopCount),
            ("arrests", FOI.arrestCount),
        )
        for i, d in enumerate(self.rec.deployments):
            node = ids.fact_iri(self.r, "deployment", i + 1)
            self.fact(node, (FOI.Deployment,), d, i + 1)
            self.date(node, FOI.startDate, d.date, f"deployment {i + 1} date")
            self.date(node, FOI.endDate, d.end_date, f"deployment {i + 1} end date")
            self.text(node, FOI.place, d.place)
            self.concept(node, FOI.technology, "technology", d.technology)
            for attr, prop in counts:
                value = getattr(d, attr)
                if value is not None:
                    self.add(node, prop, Literal(int(value)))
            self.add(node, FOI.deployedBy, self.force)
            self.text(node, FOI.statementText, d.text)


def map_record(
    record: LetterRecord,
    *,
    response: URIRef | None = None,
    started: datetime | None = None,
    ended: datetime | None = None,
    generated: datetime | None = None,
    at: datetime | None = None,
    version: str = __version__,
    known_sections: frozenset[str] | None = None,
) -> LetterMapping:
    """Map one record. ``response`` overrides the minted IRI (used to disambiguate two files
    claiming one); ``at`` pins every timestamp (tests and snapshots)."""
    now = at or datetime.now(UTC)
    iri = response if response is not None else response_iri(record)
    mapper = _Mapper(
        record,
        iri,
        started or now,
        ended or started or now,
        generated or now,
        version,
        vocab_sections() if known_sections is None else known_sections,
    )
    triples = mapper.run()
    return LetterMapping(iri, triples, mapper.warnings)


def letter_graph(record: LetterRecord, **kwargs: object) -> Graph:
    """The rdflib Graph of one letter (see ``map_record`` for the keyword arguments)."""
    return map_record(record, **kwargs).graph()  # type: ignore[arg-type]
