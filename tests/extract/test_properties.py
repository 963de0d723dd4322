"""Property tests: no text, truncated letter or byte string crashes the extractor, and every
span it records lies inside the text."""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.curation import CurationError
from kg.extract import extract_document, extract_path
from kg.loaders import Document, LoadError, normalise
from kg.model import LetterRecord

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = [
    p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples" / "letters").glob("*.txt"))
]
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Pieces of real letters mixed with noise, so the rules get exercised, not only skipped.
PIECES = [
    "Request\n",
    "Response\n",
    "Q1. ",
    "Q1 response: ",
    "1. ",
    "(a) ",
    "a) ",
    "2(b) ",
    "- 1. ",
    "Responses 1 - 3:\n",
    "Q5 to Q6b response:",
    "Answers 1-5\n",
    "In answer to questions 1 to ",
    "No information held. ",
    "Not applicable. ",
    "neither confirm nor deny ",
    "18 hours ",
    "Our Ref: ",
    "FOI 000880/20",
    "Date: ",
    "15th January 2018",
    "13th December",
    "01/02/2019",
    "received on ",
    "Kent Police ",
    "Heddlu ",
    "Dyfed-Powys",
    "Norfolk and Suffolk Constabularies",
    "| 1 | ",
    " | ",
    "\t",
    "\n",
    "\n\n",
    "?",
    "Yours sincerely\n",
    "Dear Sir\n",
    "> ",
    "-----Original Message-----\n",
    "From: x\nSent: 1 May 2020\n",
    "On 1 May 2020, A wrote:\n",
    "Page feedback\n",
    "cookies\n",
    "**",
    "### ",
    "Section 24(2) National Security\n",
    "Overall Harm\n",
    "£450",
    "Q10a.",
    "2a",
]
TEXT = st.lists(st.sampled_from(PIECES) | st.text(max_size=12), max_size=80).map("".join)


def _doc(text: str) -> Document:
    text = normalise(text)
    return Document("prop.txt", hashlib.sha256(text.encode()).hexdigest(), "txt", text, "utf-8", [])


def check(rec: LetterRecord) -> None:
    assert not [w for w in rec.warnings if w.startswith("internal error")], rec.warnings
    n = len(rec.text)
    for key, (s, e) in rec.spans().items():
        assert 0 <= s <= e <= n, (key, s, e, n)
    for a in rec.answers:
        assert a.kind in (
            "disclosed", "partially-disclosed", "not-held", "not-applicable", "ncnd",
            "refused-exempt", "refused-cost", "published-elsewhere", "clarification-needed",
        )  # fmt: skip
    if rec.request_date:
        assert len(rec.request_date) == 10
    if rec.response_date:
        assert len(rec.response_date) == 10
    rec.to_dict()  # serialisable


@SETTINGS
@given(TEXT)
def test_arbitrary_text_never_crashes(text: str) -> None:
    check(extract_document(_doc(text)))


@SETTINGS
@given(st.text(max_size=400))
def test_unicode_text_never_crashes(text: str) -> None:
    check(extract_document(_doc(text)))


def test_every_prefix_of_the_sample_letters() -> None:
    for sample in SAMPLES:
        for cut in range(0, len(sample), 173):
            check(extract_document(_doc(sample[:cut])))


def test_every_suffix_of_the_sample_letters() -> None:
    for sample in SAMPLES:
        for cut in range(0, len(sample), 467):
            check(extract_document(_doc(sample[cut:])))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.binary(max_size=600), st.sampled_from([".txt", ".md", ".html", ".pdf", ".docx", ".bin", ""])
)
def test_random_bytes_give_a_record_or_a_load_error(data: bytes, ext: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"letter{ext}"
        path.write_bytes(data)
        try:
            rec = extract_path(path)
        except LoadError as err:
            assert "\n" not in str(err) and str(err).startswith(str(path))
            return
        except CurationError:  # pragma: no cover - there is no sidecar here
            raise
        check(rec)
