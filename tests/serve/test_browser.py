"""The endpoint's HTML page in a real headless browser (Debian's Chromium)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.serve.canned import canned_queries
from kg.serve.server import ServeConfig, serve_in_thread

pytestmark = pytest.mark.browser

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def chromium() -> str:
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    assert exe, "chromium is not installed: `make system-deps` installs it (Debian package)"
    return exe


def browse(url: str, *extra: str) -> subprocess.CompletedProcess[str]:
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run(
            [chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *extra, url],
            capture_output=True,
            text=True,
            timeout=90,
        )


@pytest.fixture(scope="module")
def page_url(sample_store_dir: Path) -> Iterator[str]:
    server = serve_in_thread(ServeConfig(store=sample_store_dir, port=0), canned_queries())
    try:
        host, port = server.server_address[:2]
        yield f"http://{host}:{port}"
    finally:
        server.shutdown()
        server.server_close()
        server.endpoint.close()  # type: ignore[attr-defined]


def test_home_page_renders_query_box_and_reports(page_url: str) -> None:
    dom = browse(page_url + "/", "--dump-dom").stdout
    assert "<textarea" in dom and 'id="query"' in dom
    assert "/query/ncnd-covert" in dom


def test_query_results_render_as_a_table(page_url: str) -> None:
    query = (
        "PREFIX foi: <https://w3id.org/foi-kg/ontology#> "
        "SELECT ?ref WHERE { ?r foi:reference ?ref } ORDER BY ?ref"
    )
    dom = browse(page_url + "/ui?query=" + urllib.parse.quote(query), "--dump-dom").stdout
    assert '<table class="results">' in dom
    for ref in ("1022/2019", "13457_18", "992/20", "FOI2017/01696", "208-2023"):
        assert f"<td>{ref}</td>" in dom


def test_canned_report_page_and_screenshot(page_url: str, tmp_path: Path) -> None:
    dom = browse(page_url + "/query/ncnd-covert?format=html", "--dump-dom").stdout
    assert "Warwickshire Police" in dom and "<table" in dom
    shot = tmp_path / "ncnd.png"
    browse(
        page_url + "/query/ncnd-covert?format=html",
        f"--screenshot={shot}",
        "--window-size=1200,800",
    )
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
