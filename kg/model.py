"""The extraction record: every fact read from one letter, each with the span it came from.

This is the contract between the extractor (``kg.extract``), curation sidecars
(``kg.curation``), the graph mapper (``kg.graph``) and ``kg extract --format json``.
Offsets are character offsets into ``LetterRecord.text``, the normalised text of the letter
(``text[start:end]`` is the evidence). Missing values are ``None`` or empty lists, never guesses.

Every list item carries its own ``span``; ``LetterRecord.to_dict`` also gathers all spans in a
top-level ``spans`` mapping keyed by path (``"reference"``, ``"questions/0"``, ...), so a
consumer can find the evidence of any value without walking the record.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

Span = tuple[int, int]


@dataclass
class Located:
    """Base for facts with evidence: the span, and whether a person curated the value."""

    span: Span | None = None
    curated: bool = False


@dataclass
class ForceRef(Located):
    id: str = ""  # gazetteer slug, e.g. "west-midlands-police"
    name: str = ""  # official name from the gazetteer


@dataclass
class Question(Located):
    number: str = ""  # as written: "1", "5a", "Q10a", "2(b)"
    text: str = ""
    parent: str | None = None  # number of the enclosing question for nested sub-questions


@dataclass
class Answer(Located):
    questions: list[str] = field(default_factory=list)  # question numbers answered
    kind: str = "disclosed"  # slug from kg.terms.ANSWER_KINDS
    text: str = ""


@dataclass
class ExemptionCitation(Located):
    section: str = ""  # "24(2)", "31(1)(a)", "40(2)", "12"
    title: str | None = None  # as written in the letter, else the statutory heading
    ncnd: bool = False  # cited to neither confirm nor deny
    scope: str | None = None  # "covert-use", "question", "whole-request" or None
    questions: list[str] = field(default_factory=list)  # question numbers when scope is "question"

    @property
    def base_section(self) -> str:
        """The section number without subsections: "31(1)(a)" -> "31"."""
        return self.section.split("(", 1)[0]


@dataclass
class NCNDStatement(Located):
    scope: str = "covert-use"  # slug from kg.terms.NCND_SCOPES
    questions: list[str] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)  # exemptions it rests on, e.g. ["24(2)"]
    partial: bool = False  # announced as a partial NCND
    technology: str | None = None  # technology slug when the NCND names one
    text: str = ""


@dataclass
class HarmStatement(Located):
    sections: list[str] = field(default_factory=list)  # base sections, e.g. ["24", "31"]
    text: str = ""


@dataclass
class PublicInterestFactor(Located):
    section: str | None = None  # base section, "24"
    direction: str = "favouring"  # "favouring" (disclosure / confirmation) or "against"
    text: str = ""


@dataclass
class BalanceConclusion(Located):
    # "maintain-exemption" (public interest favours withholding / NCND) or "disclose"
    outcome: str = "maintain-exemption"
    text: str = ""


@dataclass
class ThreatLevelClaim(Located):
    """The level a letter asserts as current."""

    level: str = ""  # slug from kg.terms.THREAT_LEVELS
    text: str = ""


@dataclass
class ThreatPeriod:
    level: str  # slug, e.g. "critical"
    label: str  # as written: "August 2006", "June and July 2007", "May and June last year"
    start: str | None = None  # ISO year-month "2006-08" (or year "2006") when resolvable
    end: str | None = None


@dataclass
class ThreatHistoryClaim(Located):
    """A claim about past levels, e.g. 'severe since 2006 except ... critical'."""

    text: str = ""
    baseline_level: str | None = None  # level claimed to hold throughout, "severe"
    since: str | None = None  # year the claim starts from, "2006"
    periods: list[ThreatPeriod] = field(default_factory=list)  # named exceptions
    stated_count: int | None = None  # "three short periods" -> 3


@dataclass
class TechnologyUse(Located):
    technology: str = "facial-recognition"  # slug from kg.terms.TECHNOLOGIES
    status: str = "not-in-use"  # slug from kg.terms.USAGE_STATUSES
    scope: str = "unspecified"  # "overt", "covert" or "unspecified"
    tense: str = "current"  # "current", "planned" or "past"
    text: str = ""


@dataclass
class Provider(Located):
    name: str = ""  # "Home Office", "NEC"
    technology: str | None = None
    role: str = "provider"  # "provider" (supplies the service) or "vendor" (sells the product)
    text: str = ""


@dataclass
class Expenditure(Located):
    amount: float | None = None
    currency: str = "GBP"
    financial_year: str | None = None  # "2019/20" or "2019"
    purpose: str | None = None
    technology: str | None = None
    text: str = ""


@dataclass
class Deployment(Located):
    date: str | None = None  # ISO date
    end_date: str | None = None
    place: str | None = None
    technology: str | None = "live-facial-recognition"
    watchlist_size: int | None = None
    alerts: int | None = None
    false_alerts: int | None = None
    stops: int | None = None
    arrests: int | None = None
    text: str = ""


@dataclass
class CitedURL(Located):
    url: str = ""


@dataclass
class LetterRecord:
    """All facts of one letter. ``text`` is the normalised text every span points into."""

    source: str
    sha256: str
    format: str  # "txt", "md", "html", "pdf", "docx"
    text: str = ""
    encoding: str | None = None  # "utf-8", "cp1252" for decoded text formats
    title: str | None = None
    force: ForceRef | None = None
    reference: str | None = None
    request_date: str | None = None  # ISO date
    response_date: str | None = None  # ISO date
    signatory_role: str | None = None  # "Information Rights", "Freedom of Information Officer"
    request_text: str | None = None
    questions: list[Question] = field(default_factory=list)
    answers: list[Answer] = field(default_factory=list)
    exemptions: list[ExemptionCitation] = field(default_factory=list)
    ncnd: list[NCNDStatement] = field(default_factory=list)
    ncnd_covert: bool = False
    overt_only: bool = False
    harm: list[HarmStatement] = field(default_factory=list)
    public_interest: list[PublicInterestFactor] = field(default_factory=list)
    balance: BalanceConclusion | None = None
    threat_level: ThreatLevelClaim | None = None
    threat_history: list[ThreatHistoryClaim] = field(default_factory=list)
    technologies: list[TechnologyUse] = field(default_factory=list)
    providers: list[Provider] = field(default_factory=list)
    expenditure: list[Expenditure] = field(default_factory=list)
    deployments: list[Deployment] = field(default_factory=list)
    urls: list[CitedURL] = field(default_factory=list)
    # Spans of scalar fields ("reference", "request_date", ...); list items carry their own.
    field_spans: dict[str, Span] = field(default_factory=dict)
    curated_fields: list[str] = field(default_factory=list)  # top-level fields set by a sidecar
    warnings: list[str] = field(default_factory=list)

    LIST_FIELDS = (
        "questions",
        "answers",
        "exemptions",
        "ncnd",
        "harm",
        "public_interest",
        "threat_history",
        "technologies",
        "providers",
        "expenditure",
        "deployments",
        "urls",
    )

    def spans(self) -> dict[str, list[int]]:
        """Every span of the record, keyed by path: ``"reference"``, ``"answers/2"``..."""
        out: dict[str, list[int]] = {k: list(v) for k, v in self.field_spans.items()}
        for name in ("force", "threat_level", "balance"):
            value = getattr(self, name)
            if value is not None and value.span is not None:
                out[name] = list(value.span)
        for name in self.LIST_FIELDS:
            for i, item in enumerate(getattr(self, name)):
                if item.span is not None:
                    out[f"{name}/{i}"] = list(item.span)
        return out

    def to_dict(self, *, with_text: bool = False) -> dict[str, Any]:
        """The JSON form printed by ``kg extract --format json``."""
        data: dict[str, Any] = {}
        for f in fields(self):
            if f.name in ("text", "field_spans"):
                continue
            value = getattr(self, f.name)
            data[f.name] = _plain(value)
        data["spans"] = self.spans()
        if with_text:
            data["text"] = self.text
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LetterRecord:
        """Rebuild a record from ``to_dict`` output (used by tests and caches)."""
        kwargs: dict[str, Any] = {}
        simple = {f.name for f in fields(cls)} - set(cls.LIST_FIELDS)
        for name in simple:
            if name in data:
                kwargs[name] = data[name]
        kwargs.pop("field_spans", None)
        rec = cls(**kwargs)
        if data.get("force"):
            rec.force = ForceRef(**_spanfix(data["force"]))
        if data.get("threat_level"):
            rec.threat_level = ThreatLevelClaim(**_spanfix(data["threat_level"]))
        if data.get("balance"):
            rec.balance = BalanceConclusion(**_spanfix(data["balance"]))
        for name, typ in LIST_TYPES.items():
            items = []
            for raw in data.get(name) or []:
                raw = _spanfix(raw)
                if name == "threat_history":
                    raw["periods"] = [ThreatPeriod(**p) for p in raw.get("periods", [])]
                items.append(typ(**raw))
            setattr(rec, name, items)
        for key, span in (data.get("spans") or {}).items():
            if "/" not in key and key not in ("force", "threat_level", "balance"):
                rec.field_spans[key] = (span[0], span[1])
        return rec


# The item class of each list field (also used by curation sidecars).
LIST_TYPES: dict[str, type] = {
    "questions": Question,
    "answers": Answer,
    "exemptions": ExemptionCitation,
    "ncnd": NCNDStatement,
    "harm": HarmStatement,
    "public_interest": PublicInterestFactor,
    "threat_history": ThreatHistoryClaim,
    "technologies": TechnologyUse,
    "providers": Provider,
    "expenditure": Expenditure,
    "deployments": Deployment,
    "urls": CitedURL,
}


def _spanfix(raw: dict[str, Any]) -> dict[str, Any]:
    raw = dict(raw)
    if raw.get("span") is not None:
        raw["span"] = (raw["span"][0], raw["span"][1])
    return raw


def _plain(value: Any) -> Any:
    if hasattr(value, "__dataclass_fields__"):
        return {k: _plain(v) for k, v in asdict(value).items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value
