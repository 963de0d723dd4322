"""Hand-built extraction records over the real text of the sample letters.

Spans are found in the normalised text by searching for the evidence, so the records stay
correct whatever the loader's normalisation does; they stand in for the extractor in tests.
"""

from __future__ import annotations

from pathlib import PurePath

from kg.loaders import load
from kg.model import (
    Answer,
    BalanceConclusion,
    CitedURL,
    Deployment,
    ExemptionCitation,
    Expenditure,
    ForceRef,
    HarmStatement,
    LetterRecord,
    NCNDStatement,
    Provider,
    PublicInterestFactor,
    Question,
    TechnologyUse,
    ThreatHistoryClaim,
    ThreatLevelClaim,
    ThreatPeriod,
)
from kg.paths import EXAMPLES_DIR

WMP_FILE = EXAMPLES_DIR / "001_8d931eebc3b4c9dc.txt"
DPP_FILE = EXAMPLES_DIR / "000_e0655566fcba1e76.txt"
WMP_IRI = "https://w3id.org/foi-kg/id/response/west-midlands-police/13457_18"


def span(text: str, evidence: str, start: int = 0) -> tuple[int, int]:
    i = text.index(evidence, start)
    return (i, i + len(evidence))


def west_midlands() -> LetterRecord:
    """West Midlands Police 13457_18: NCND on 24(2) and 31(3), one URL, a curated answer."""
    doc = load(WMP_FILE)
    t = doc.text
    questions = []
    for n in range(1, 10):
        s = span(t, f"{n}.")
        line_end = t.index("\n", s[0])
        questions.append(Question(span=(s[0], line_end), number=str(n), text=t[s[1] : line_end]))
    not_held = "the information you requested is not held by West Midlands Police"
    no_use = "We do not use facial recognition systems at present and we have no plans to do so."
    ncnd = "West Midlands Police can neither confirm nor deny that it holds any other information"
    harm = "Any disclosure under FOI is a release to the public at large."
    url = "http://www.west-midlands.police.uk/docs/advice-centre/foi/exemptions.pdf"
    return LetterRecord(
        source=str(WMP_FILE),
        sha256=doc.sha256,
        format=doc.format,
        text=t,
        title="Facial Recognition (13457_18)",
        force=ForceRef(id="west-midlands-police", name="West Midlands Police"),
        reference="13457_18",
        request_date="2017-12-13",
        response_date="2018-01-15",
        signatory_role="Information Rights",
        questions=questions,
        answers=[
            Answer(
                span=span(t, not_held),
                questions=[str(n) for n in range(1, 10)],
                kind="not-held",
                text=not_held,
                curated=True,
            ),
        ],
        exemptions=[
            ExemptionCitation(
                span=span(t, "Section 24(2) – National Security"),
                section="24(2)",
                title="National Security",
                ncnd=True,
                scope="covert-use",
            ),
            ExemptionCitation(
                span=span(t, "Section 31(3) – Law enforcement"),
                section="31(3)",
                title="Law enforcement",
                ncnd=True,
                scope="covert-use",
            ),
        ],
        ncnd=[
            NCNDStatement(
                span=span(t, ncnd), scope="covert-use", sections=["24(2)", "31(3)"], text=ncnd
            )
        ],
        ncnd_covert=True,
        harm=[HarmStatement(span=span(t, harm), sections=["24", "31"], text=harm)],
        public_interest=[
            PublicInterestFactor(
                span=span(t, "S31 Factors Favouring Confirmation or Denial"),
                section="31",
                direction="favouring",
                text="S31 Factors Favouring Confirmation or Denial",
            ),
        ],
        balance=BalanceConclusion(outcome="maintain-exemption", text="balance"),
        technologies=[
            TechnologyUse(
                span=span(t, no_use),
                technology="facial-recognition",
                status="not-in-use",
                scope="overt",
                tense="current",
                text=no_use,
            )
        ],
        urls=[CitedURL(span=span(t, url), url=url)],
    )


def everything() -> LetterRecord:
    """Dyfed-Powys text with every kind of fact filled in (some values invented for coverage)."""
    doc = load(DPP_FILE)
    t = doc.text
    crit = "except for three short periods during August 2006, June and July 2007"
    return LetterRecord(
        source=str(DPP_FILE),
        sha256=doc.sha256,
        format=doc.format,
        text=t,
        force=ForceRef(id="dyfed-powys-police", name="Dyfed-Powys Police"),
        reference="1022/2019",
        request_text="1. When did your police force introduce facial recognition technology?",
        questions=[
            Question(span=span(t, "1. When did"), number="1", text="When did"),
            Question(number="1a", text="sub", parent="1"),
            Question(number="1", text="repeated number"),
        ],
        answers=[
            Answer(
                span=span(t, "Responses 1 - 3:"),
                questions=["1", "1a", "99"],
                kind="not-held",
                text="Responses 1 - 3:",
            )
        ],
        exemptions=[
            ExemptionCitation(section="31(1)(a)", ncnd=False, scope="question", questions=["1"])
        ],
        ncnd=[
            NCNDStatement(
                scope="covert-use",
                sections=["31"],
                partial=True,
                technology="live-facial-recognition",
                questions=["1"],
                text="n",
            )
        ],
        threat_level=ThreatLevelClaim(
            span=span(t, "the current threat level is set at Substantial"),
            level="substantial",
            text="current threat level",
        ),
        threat_history=[
            ThreatHistoryClaim(
                span=span(t, crit),
                text=crit,
                baseline_level="severe",
                since="2006",
                stated_count=3,
                periods=[
                    ThreatPeriod(
                        level="critical", label="August 2006", start="2006-08", end="2006-08"
                    ),
                    ThreatPeriod(level="critical", label="2007", start="2007"),
                ],
            )
        ],
        providers=[
            Provider(
                name="Home Office",
                technology="pnd-facial-search",
                role="provider",
                text="provided by the Home Office",
            )
        ],
        expenditure=[
            Expenditure(
                amount=1234.5,
                financial_year="2019/20",
                purpose="licence",
                technology="facial-recognition",
                text="£1,234.50",
            )
        ],
        deployments=[
            Deployment(
                date="2020-01-31",
                end_date="not a date",
                place="Cardiff",
                watchlist_size=100,
                alerts=3,
                false_alerts=1,
                stops=2,
                arrests=0,
                text="deployed",
            )
        ],
    )


def quick_extract(path: str) -> LetterRecord:
    """A fast stand-in extractor (module level, so worker processes can use it): the file's
    stem is the reference, the first line a question, so every file is a distinct letter."""
    doc = load(path)
    first = doc.text.split("\n", 1)[0]
    return LetterRecord(
        source=str(path),
        sha256=doc.sha256,
        format=doc.format,
        text=doc.text,
        force=ForceRef(id="kent-police", name="Kent Police"),
        reference=PurePath(path).stem,
        questions=[Question(span=(0, len(first)), number="1", text=first)],
    )


def poisoned_extract(path: str) -> LetterRecord:
    """``quick_extract``, with an answer kind outside the scheme in the West Midlands letter:
    a violation for the real shapes."""
    rec = quick_extract(path)
    kind = "no-such-answer-kind" if PurePath(path).name == WMP_FILE.name else "not-held"
    rec.answers = [Answer(span=(0, 5), questions=["1"], kind=kind, text=rec.text[:5])]
    return rec
