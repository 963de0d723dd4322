"""Property tests: no input makes a loader raise anything but LoadError, and ``normalise`` is a
fixed point, so offsets computed on loaded text stay valid if it is normalised again."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from loader_helpers import FORMATS

from kg.loaders import Document, LoadError, load, normalise
from kg.loaders.html import html_to_text
from kg.loaders.markdown import markdown_to_text

SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Characters normalisation treats specially, mixed with everything else.
TRICKY = list("\r\n\t \u00a0\u2002\u200b\u200d\ufeff\u00ad\u2028\x0b\x0c\x85\x00\x1b\u0301")
TRICKY += ["e\u0301", "w\u0302", "“", "’", "–", "<p>", "</td>", "<tr>", "**", "__", "# ", "> "]
TEXT = st.lists(st.sampled_from(TRICKY) | st.text(max_size=8), max_size=60).map("".join)
EXTENSIONS = st.sampled_from([".txt", ".html", ".htm", ".md", ".pdf", ".docx", ".xyz", ""])


def check(path: Path) -> None:
    try:
        doc = load(path)
    except LoadError as error:
        message = str(error)
        assert "\n" not in message and message.startswith(f"{path}: ")
    else:
        assert isinstance(doc, Document)
        assert doc.text and doc.text == normalise(doc.text)


@SETTINGS
@given(data=st.binary(max_size=2000), ext=EXTENSIONS)
def test_arbitrary_bytes_only_raise_load_error(data: bytes, ext: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"letter{ext}"
        path.write_bytes(data)
        check(path)


@SETTINGS
@given(text=TEXT, ext=st.sampled_from([".txt", ".html", ".md"]))
def test_arbitrary_text_only_raises_load_error(text: str, ext: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"letter{ext}"
        path.write_bytes(text.encode("utf-8", errors="surrogatepass"))
        check(path)


@SETTINGS
@given(
    name=st.sampled_from(sorted(p.name for p in FORMATS.iterdir())),
    cut=st.floats(0, 1),
    noise=st.binary(max_size=64),
)
def test_truncated_or_damaged_fixtures_only_raise_load_error(
    name: str, cut: float, noise: bytes
) -> None:
    data = (FORMATS / name).read_bytes()
    at = int(len(data) * cut)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data[:at] + noise + data[at + len(noise) :])
        check(path)


@settings(max_examples=400, deadline=None, database=None)
@given(TEXT)
def test_normalise_is_idempotent(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once
    assert "\r" not in once and "\u00a0" not in once and "\u200b" not in once
    assert "\n\n\n\n" not in once
    assert once == once.strip("\n")
    assert all(line == line.rstrip(" \t") for line in once.split("\n"))


@SETTINGS
@given(TEXT)
def test_markup_converters_accept_any_text(text: str) -> None:
    assert isinstance(markdown_to_text(text), str)
    assert isinstance(html_to_text(text), str)
