"""Suite-wide fixtures: no network beyond loopback, the sample letters, a built store."""

from __future__ import annotations

import ipaddress
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_LETTERS = ROOT / "examples" / "letters"


def _loopback(address: object) -> bool:
    host = address[0] if isinstance(address, tuple) else address
    if not isinstance(host, str):
        return True  # AF_UNIX paths and the like never leave the machine
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@pytest.fixture(autouse=True)
def network_guard(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never touch the network: any connection outside 127.0.0.0/8 or ::1 fails."""
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex

    def connect(self: socket.socket, address: object) -> None:
        if self.family in (socket.AF_INET, socket.AF_INET6) and not _loopback(address):
            raise ConnectionRefusedError(f"network_guard: test tried to reach {address!r}")
        return real_connect(self, address)

    def connect_ex(self: socket.socket, address: object) -> int:
        if self.family in (socket.AF_INET, socket.AF_INET6) and not _loopback(address):
            raise ConnectionRefusedError(f"network_guard: test tried to reach {address!r}")
        return real_connect_ex(self, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture()
def unused_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on (right now)."""
    return free_port()


def wait_for_port(port: int, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise TimeoutError(f"nothing listening on 127.0.0.1:{port} after {timeout} s")


@pytest.fixture(scope="session")
def sample_store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An on-disk Oxigraph store built from the five sample letters (built once, read-only)."""
    from kg.graph.builder import build
    from kg.graph.store import open_store

    path = tmp_path_factory.mktemp("stores") / "samples"
    store = open_store(str(path))
    try:
        summary = build([str(SAMPLE_LETTERS)], store)
    finally:
        store.close()
    assert summary.invalid == 0 and summary.added == 5, summary
    return path


@pytest.fixture()
def sample_store_copy(sample_store_dir: Path, tmp_path: Path) -> Path:
    """A private copy of the sample store for tests that lock or write it."""
    dest = tmp_path / "store"
    shutil.copytree(sample_store_dir, dest)
    return dest


@pytest.fixture()
def oxigraph_server(tmp_path: Path) -> Iterator[str]:
    """A real Oxigraph server (PyPI package `oxigraph`) on 127.0.0.1; yields its base URL."""
    exe = shutil.which("oxigraph") or str(Path(__import__("sys").executable).parent / "oxigraph")
    port = free_port()
    proc = subprocess.Popen(
        [
            exe,
            "serve",
            "--location",
            str(tmp_path / "oxigraph"),
            "--bind",
            f"127.0.0.1:{port}",
            "--union-default-graph",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
