"""Property tests: the legal, threat and facts fill functions never crash on arbitrary text
(random characters, shuffled letter fragments, truncated real letters, any region) and every
span they produce lies inside the region they were given."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.extract import facts, legal, threat
from kg.model import Answer, LetterRecord, Question

LETTERS = sorted((Path(__file__).resolve().parents[2] / "examples" / "letters").glob("*.txt"))
SAMPLES = [p.read_text(encoding="utf-8") for p in LETTERS]

FRAGMENTS = [
    "Section 24(2) National Security",
    "Sections 23(5), 24(2), 30(3) and 31(3)",
    "s.40(2)",
    "S31 ",
    "43(2) Commercial interests\n",
    "Section 1(1)(a)",
    "section 12(",
    "neither confirm nor deny",
    "neither confirms nor denies any other information",
    "partial NCND",
    "covert",
    "overt use only",
    "would exceed the appropriate limit of £450",
    "Harm considerations\n\n",
    "Factors favouring disclosure for Section 24:\n\n",
    "Factors against confirmation or denial\n\n",
    "Balance Test\n\n",
    "the balancing test is not made out.",
    "the current threat level is set at 'severe'.",
    "except for three short periods during August 2006, June and July 2007, and May and June "
    "last year",
    "raised to the highest threat, 'critical'",
    "live facial recognition",
    "retrospective facial recognition",
    "facial searching through the Police National Database",
    "does not use",
    "no plans",
    "has trialled",
    "provided by the Home Office",
    "supplied by NEC",
    "funded by the Home Office",
    "£1.2m in 2019/20",
    "£26,345.00",
    "| Date | Location | Watch list | Alerts | Arrests |\n",
    "| 12/03/2022 | Cardiff | 600 | 3 | 1 |\n",
    "12/03/2022 - Cardiff - watch list 600 - alerts 3",
    "On 5 March 2022 at Oxford Circus, a watch-list of 9,756 gave 4 alerts and 2 arrests.",
    "https://example.org/a.pdf).",
    "www.",
    "Q1 response: No information held.",
    "“",
    "”",
    '"',
    "\t",
    "\n",
    "\n\n",
    " ",
    ".",
    ":",
    "(",
    ")",
]

fragment_text = st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join)
any_text = st.one_of(st.text(max_size=600), fragment_text)


def _fill_all(text: str, region: tuple[int, int], rec: LetterRecord | None = None) -> LetterRecord:
    rec = rec or LetterRecord(source="prop", sha256="", format="txt", text=text)
    legal.fill(text, rec, region)
    threat.fill(text, rec, region)
    facts.fill(text, rec, region)
    lo, hi = max(0, min(region[0], len(text))), min(len(text), max(region[1], 0))
    hi = max(lo, hi)
    for key, (s, e) in rec.spans().items():
        assert lo <= s <= e <= hi, (key, s, e, region)
    for c in rec.exemptions:
        assert c.section and c.section[0].isdigit()
    assert rec.ncnd_covert == any(n.scope == "covert-use" for n in rec.ncnd)
    return rec


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_text)
def test_arbitrary_text_whole_region(text: str) -> None:
    _fill_all(text, (0, len(text)))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fragment_text, st.integers(-5, 700), st.integers(-5, 700))
def test_any_region(text: str, a: int, b: int) -> None:
    _fill_all(text, (a, b))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(range(len(SAMPLES))), st.floats(0, 1), st.floats(0, 1))
def test_truncated_sample_letters(i: int, x: float, y: float) -> None:
    text = SAMPLES[i]
    start, end = sorted((int(x * len(text)), int(y * len(text))))
    _fill_all(text[start:end], (0, end - start))
    _fill_all(text, (start, end))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fragment_text, st.lists(st.tuples(st.integers(0, 400), st.integers(0, 400)), max_size=4))
def test_odd_questions_and_answers(text: str, spans: list[tuple[int, int]]) -> None:
    """Questions and answers from the structure pass may be anything; nothing breaks."""
    rec = LetterRecord(source="prop", sha256="", format="txt", text=text)
    for n, (a, b) in enumerate(spans):
        s, e = sorted((min(a, len(text)), min(b, len(text))))
        rec.questions.append(Question(span=(s, e), number=f"Q{n}", text=text[s:e]))
        rec.answers.append(
            Answer(span=(s, e), questions=[f"{n}", "Q9"], kind="not-held", text=text[s:e])
        )
    _fill_all(text, (0, len(text)), rec)
