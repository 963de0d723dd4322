"""The five real sample letters load and keep the sentences the extractor looks for."""

from __future__ import annotations

import hashlib

import pytest
from loader_helpers import EXAMPLES

from kg.loaders import load, load_many, normalise

KEY_SENTENCES = {
    "000_e0655566fcba1e76.txt": [
        "FOI Reference: 1022/2019",
        "Dyfed-Powys Police Force neither confirms nor denies that it holds any other information",
        "Section 24(2) National Security",
        "the current threat level is set at Substantial.",
    ],
    "001_8d931eebc3b4c9dc.txt": [
        "Facial Recognition (13457_18)",
        "West Midlands Police can neither confirm nor deny that it holds any other information",
        "Section 24(2) – National Security",
        "the current threat level is set at ‘severe’.",
    ],
    "002_15d02c8f33deaaa2.txt": [
        "Reference: 992/20",
        "Date of request: 5 October 2020",
        "This is provided by the Home Office.",
        "by virtue of Section 24(2) National Security and Section 31(3) Law Enforcement.",
    ],
    "003_10b9f8b9e4e39bb9.txt": [
        "Our Ref: FOI2017/01696",
        "15th January 2018",
        "Hertfordshire Constabulary neither confirms nor denies that it holds information",
        "the current threat level is set at 'severe'.",
    ],
    "004_b82118e1995d9e57.txt": [
        "FREEDOM OF INFORMATION REQUEST REFERENCE NO: 208-2023",
        "Q1a. If so, please provide dates and locations for each deployment.",
        "Warwickshire Police can neither confirm nor deny any further information is held",
    ],
}


def test_all_five_examples_are_covered() -> None:
    assert sorted(p.name for p in EXAMPLES.iterdir() if p.suffix == ".txt") == sorted(KEY_SENTENCES)


@pytest.mark.parametrize("name", sorted(KEY_SENTENCES))
def test_example_letter_loads_with_key_sentences(name: str) -> None:
    path = EXAMPLES / name
    doc = load(path)
    raw = path.read_bytes()
    assert (doc.format, doc.encoding, doc.warnings) == ("txt", "utf-8", [])
    assert doc.sha256 == hashlib.sha256(raw).hexdigest()
    # Plain-text letters are taken as written: the normalised text is the file, normalised.
    assert doc.text == normalise(raw.decode("utf-8"))
    for sentence in KEY_SENTENCES[name]:
        assert sentence in doc.text, sentence


def test_examples_folder_loads_in_order() -> None:
    docs = list(load_many([EXAMPLES]))
    assert [d.source.rsplit("/", 1)[-1] for d in docs] == sorted(KEY_SENTENCES)
    assert all(not isinstance(d, Exception) for d in docs)
