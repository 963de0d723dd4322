"""Which files a folder yields, and the loader registry (built-ins and entry-point plug-ins)."""

from __future__ import annotations

import shutil
import sys
import textwrap
from pathlib import Path

import pytest
from loader_helpers import FORMATS

from kg.loaders import BUILTIN_LOADERS, Loader, iter_paths, load, registry, supported_extensions
from kg.loaders.registry import ENTRY_POINT_GROUP


def test_iter_paths_recursive_sorted_and_filtered(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "deep").mkdir(parents=True)
    (tmp_path / ".git").mkdir()
    for name in ("b/2.txt", "a/deep/1.md", "a/0.HTML", "z.docx", "a/deep/1.md.foi.yaml",
                 ".hidden.txt", ".git/x.txt", "notes.csv", "data.json", "README"):  # fmt: skip
        (tmp_path / name).write_text("x")
    shutil.copy(FORMATS / "lancashire_letter.pdf", tmp_path / "attachment")  # found by content
    found = [p.relative_to(tmp_path).as_posix() for p in iter_paths([tmp_path])]
    assert found == ["a/0.HTML", "a/deep/1.md", "attachment", "b/2.txt", "z.docx"]


def test_iter_paths_keeps_explicit_files_skips_sidecars_and_duplicates(tmp_path: Path) -> None:
    letter = tmp_path / "l.txt"
    letter.write_text("x")
    sidecar = tmp_path / "l.txt.foi.yaml"
    sidecar.write_text("force: x")
    odd = tmp_path / ".odd.xyz"
    odd.write_text("x")
    given = [letter, sidecar, odd, tmp_path / "missing.pdf", tmp_path, str(letter)]
    assert list(iter_paths(given)) == [letter, odd, tmp_path / "missing.pdf"]


def test_builtin_registry() -> None:
    loaders = registry()
    assert set(BUILTIN_LOADERS) == {"txt", "md", "html", "pdf", "docx"}
    assert set(BUILTIN_LOADERS) <= set(loaders)
    assert list(loaders)[-1] == "txt"  # the fallback is tried last
    for name, loader in loaders.items():
        assert isinstance(loader, Loader)
        assert loader.name == name
    assert {".txt", ".md", ".html", ".htm", ".pdf", ".docx"} <= supported_extensions()


def test_entry_point_plugin_adds_a_format(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A package declaring ``[kg.loaders]`` is picked up like the built-ins."""
    (tmp_path / "rtf_plugin.py").write_text(
        textwrap.dedent(
            """
            import re
            from kg.loaders import make_document

            class RtfLoader:
                name = "rtf"
                extensions = (".rtf",)

                def sniff(self, head):
                    return head.startswith(b"{\\\\rtf")

                def load(self, path, data):
                    text = re.sub(r"\\\\[a-z]+-?\\d* ?|[{}]", "", data.decode("latin-1"))
                    return make_document(path, data, self.name, text)
            """
        )
    )
    dist = tmp_path / "rtf_plugin-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: rtf-plugin\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text(f"[{ENTRY_POINT_GROUP}]\nrtf = rtf_plugin:RtfLoader\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    registry.cache_clear()
    try:
        assert "rtf" in registry()
        letter = tmp_path / "letter.rtf"
        letter.write_bytes(b"{\\rtf1\\ansi {\\b Our Ref: 12/20} No information is held.}")
        doc = load(letter)
        assert (doc.format, doc.text) == ("rtf", "Our Ref: 12/20 No information is held.")
    finally:
        monkeypatch.undo()
        sys.modules.pop("rtf_plugin", None)
        registry.cache_clear()
    assert "rtf" not in registry()
