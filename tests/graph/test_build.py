"""kg build: add, skip, update, invalid letters, crashes, collisions, both backends."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import records

import kg.graph.builder as build_mod
from kg import ids
from kg.graph.builder import build
from kg.graph.store import MemoryStore, OxigraphStore
from kg.paths import EXAMPLES_DIR

LETTERS = sorted(p for p in EXAMPLES_DIR.iterdir() if p.is_file())


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    out = tmp_path / "letters"
    shutil.copytree(EXAMPLES_DIR, out)
    return out


def _no_validation(graph: object) -> object:  # stands in for kg.validation in unit tests
    return _Result()


@dataclass
class _Result:
    violations: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _reject_west_midlands(graph: object) -> _Result:
    """A validator that finds a violation in one letter only."""
    text = graph.serialize(format="nt")  # type: ignore[attr-defined]
    bad = "west-midlands-police" in text
    return _Result(violations=["Response: reference is not allowed"] if bad else [])


def _letter_graphs(store: OxigraphStore) -> list[str]:
    return [g for g in store.graphs() if g != str(ids.VOCAB_GRAPH)]


QUERIES = [
    "SELECT ?r ?ref WHERE { ?r a foi:Response ; foi:reference ?ref } ORDER BY ?r",
    "SELECT ?c (COUNT(?x) AS ?n) WHERE { ?x a ?c } GROUP BY ?c ORDER BY ?c",
    "SELECT ?f ?s ?e WHERE { ?f foi:evidence ?sel . ?sel oa:start ?s ; oa:end ?e } ORDER BY ?f",
    """SELECT ?r WHERE { ?r a foi:Response FILTER NOT EXISTS {
         ?c foi:inResponse ?r ; a foi:ExemptionCitation } } ORDER BY ?r""",
]


def test_disk_and_memory_give_identical_results(tmp_path: Path) -> None:
    disk, mem = OxigraphStore(tmp_path / "s"), MemoryStore()
    a = build([EXAMPLES_DIR], disk, validator=_no_validation)
    b = build([EXAMPLES_DIR], mem, validator=_no_validation)
    assert (a.added, a.triples) == (b.added, b.triples) == (len(LETTERS), disk.count())
    for q in QUERIES:
        assert disk.query(q) == mem.query(q)
    disk.close()


def test_rerun_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = OxigraphStore(tmp_path / "s")
    first = build([EXAMPLES_DIR], store, validator=_no_validation)
    quads = sorted(map(str, store.quads()))

    def no_extraction(path: str) -> None:
        raise AssertionError(f"{path} extracted again although unchanged")

    # unchanged files are known from the build cache: not even extracted
    monkeypatch.setattr(build_mod, "_default_extract", no_extraction)
    again = build([EXAMPLES_DIR], store, validator=_no_validation)
    assert first.added == len(LETTERS) and first.vocab_loaded
    assert (again.added, again.updated, again.skipped) == (0, 0, len(LETTERS))
    assert not again.vocab_loaded
    assert sorted(map(str, store.quads())) == quads  # not even a timestamp moved
    # without the cache (lost, or another extractor) the sha256 check still skips them all
    (tmp_path / "s" / ".kg-build-cache.json").unlink()
    monkeypatch.undo()
    third = build([EXAMPLES_DIR], store, validator=_no_validation)
    assert third.skipped == len(LETTERS) and sorted(map(str, store.quads())) == quads
    store.close()


def test_changed_letter_replaces_its_graph(folder: Path, tmp_path: Path) -> None:
    store = OxigraphStore(tmp_path / "s")
    build([folder], store, validator=_no_validation)
    target = folder / records.WMP_FILE.name
    old_sha = store.get_sha(records.WMP_IRI)
    target.write_text(target.read_text(encoding="utf-8") + "\nA new closing line.\n", "utf-8")
    summary = build([folder], store, validator=_no_validation)
    assert (summary.updated, summary.skipped, summary.added) == (1, len(LETTERS) - 1, 0)
    new_sha = store.get_sha(records.WMP_IRI)
    assert new_sha != old_sha
    # nothing of the old version is left: no triple mentions the old source or extraction
    old = [q for q in store.quads(records.WMP_IRI) if old_sha in str(q[0]) + str(q[2])]
    assert old == []
    assert store.count(records.WMP_IRI) > 100
    store.close()


def test_remove_one_letter(tmp_path: Path) -> None:
    store = OxigraphStore(tmp_path / "s")
    build([EXAMPLES_DIR], store, validator=_no_validation)
    before = store.count()
    n = store.count(records.WMP_IRI)
    assert store.remove_graph(records.WMP_IRI)
    assert store.count() == before - n
    assert len(_letter_graphs(store)) == len(LETTERS) - 1
    again = build([EXAMPLES_DIR], store, validator=_no_validation)
    assert (again.added, again.skipped) == (1, len(LETTERS) - 1)
    store.close()


def test_invalid_letter_not_written_others_are() -> None:
    store = MemoryStore()
    summary = build([EXAMPLES_DIR], store, validator=_reject_west_midlands)
    assert (summary.invalid, summary.added) == (1, len(LETTERS) - 1)
    assert not summary.ok
    assert not store.has_graph(records.WMP_IRI)
    assert any("reference is not allowed" in e and "001_" in e for e in summary.errors)
    forced = build([EXAMPLES_DIR], store, validator=_reject_west_midlands, allow_invalid=True)
    assert forced.ok and forced.invalid == 1 and store.has_graph(records.WMP_IRI)


def test_crash_in_one_letter_leaves_no_half_graph(monkeypatch: pytest.MonkeyPatch) -> None:
    real = build_mod.map_record
    calls = {"n": 0}

    def flaky(rec, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("simulated crash while mapping")
        return real(rec, **kwargs)

    monkeypatch.setattr(build_mod, "map_record", flaky)
    store = MemoryStore()
    summary = build(LETTERS[:3], store, validator=_no_validation)
    assert (summary.added, summary.failed) == (2, 1)
    graphs = _letter_graphs(store)  # type: ignore[arg-type]
    first_iri = summary.letters[0].iri
    assert first_iri in graphs and summary.letters[1].status == "failed"
    assert summary.letters[1].iri not in graphs
    assert not [q for q in store.quads() if summary.letters[1].iri in str(q[0])]
    assert "simulated crash" in summary.errors[0] and LETTERS[1].name in summary.errors[0]


def test_crash_while_writing_keeps_the_old_graph(monkeypatch: pytest.MonkeyPatch) -> None:
    store = MemoryStore()
    build([records.WMP_FILE], store, validator=_no_validation)
    before = sorted(map(str, store.quads(records.WMP_IRI)))
    real = build_mod.ntriples

    def broken(triples):  # the letter's update text is cut short: the update must fail whole
        text = real(triples)
        return text[: len(text) // 2]

    monkeypatch.setattr(build_mod, "ntriples", broken)
    monkeypatch.setattr(store, "letter_shas", lambda: {})  # force a rewrite of the same letter
    summary = build([records.WMP_FILE], store, validator=_no_validation)
    assert summary.failed == 1 and "not written" in summary.errors[0]
    assert sorted(map(str, store.quads(records.WMP_IRI))) == before


def test_bad_file_reported_others_loaded(folder: Path) -> None:
    (folder / "broken.pdf").write_bytes(b"this is not a pdf at all \x00\x01")
    (folder / "empty.txt").write_bytes(b"")
    store = MemoryStore()
    summary = build([folder], store, validator=_no_validation)
    assert summary.added == len(LETTERS) and summary.failed == 2 and not summary.ok
    assert all("\n" not in e for e in summary.errors)
    assert any(e.startswith(str(folder / "broken.pdf")) for e in summary.errors)


def test_same_response_iri_from_two_files_is_disambiguated(folder: Path) -> None:
    twin = folder / "zz_twin.txt"
    twin.write_text(
        (folder / records.WMP_FILE.name).read_text(encoding="utf-8") + "\nP.S. changed.\n",
        encoding="utf-8",
    )
    store = MemoryStore()
    summary = build([folder], store, validator=_no_validation)
    assert summary.added == len(LETTERS) + 1
    twin_res = next(r for r in summary.letters if r.source.endswith("zz_twin.txt"))
    assert twin_res.iri == f"{records.WMP_IRI}-{twin_res.sha256[:8]}"
    assert store.has_graph(records.WMP_IRI) and store.has_graph(twin_res.iri)
    assert any("zz_twin.txt" in w and "already minted" in w for w in summary.warnings)
    # deterministic, and a rerun skips both
    again = build([folder], store, validator=_no_validation)
    assert again.skipped == len(LETTERS) + 1 and again.added == again.updated == 0


def test_parallel_build_matches_sequential(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(build_mod.PARALLEL_THRESHOLD + 2):
        src = LETTERS[i % len(LETTERS)]
        # same letter text under a new reference line: distinct files and response IRIs
        (folder / f"{i:03d}_{src.name}").write_text(
            src.read_text(encoding="utf-8") + f"\nCopy {i}\n", encoding="utf-8"
        )
    seq, par = MemoryStore(), MemoryStore()
    fast = records.quick_extract
    a = build([folder], seq, jobs=1, validator=_no_validation, extractor=fast)
    b = build([folder], par, jobs=2, validator=_no_validation, extractor=fast)
    assert a.added == len(a.letters) == build_mod.PARALLEL_THRESHOLD + 2
    assert [(r.iri, r.status) for r in a.letters] == [(r.iri, r.status) for r in b.letters]
    assert seq.graphs() == par.graphs() and seq.count() == par.count()


def test_progress_callback() -> None:
    seen: list[tuple[int, int]] = []
    build(LETTERS[:2], MemoryStore(), validator=_no_validation,
          progress=lambda d, t, s: seen.append((d, t)))  # fmt: skip
    assert seen == [(1, 2), (2, 2)]


def test_real_shapes_stop_an_invalid_letter() -> None:
    store = MemoryStore()
    summary = build([records.WMP_FILE, records.DPP_FILE], store, extractor=records.poisoned_extract)
    assert summary.validated
    assert (summary.invalid, summary.added) == (1, 1) and not summary.ok
    wmp = ids.response_iri("kent-police", records.WMP_FILE.stem)
    dpp = ids.response_iri("kent-police", records.DPP_FILE.stem)
    assert store.has_graph(str(dpp)) and not store.has_graph(str(wmp))
    assert any("answerKind" in e and records.WMP_FILE.name in e for e in summary.errors)


class _RefusingBulkStore(OxigraphStore):
    """A store whose bulk writes always fail: the builder must fall back to one letter at a
    time and still write every letter."""

    def add_graphs(self, graphs: list[tuple[str, str]]) -> None:
        raise OSError("disk full (simulated)")


def test_a_refused_bulk_write_is_retried_letter_by_letter(tmp_path: Path) -> None:
    store = _RefusingBulkStore(tmp_path / "store")
    try:
        summary = build([EXAMPLES_DIR], store, validator=_no_validation)
        assert summary.ok and summary.added == len(LETTERS)
        assert len(_letter_graphs(store)) == len(LETTERS)
    finally:
        store.close()


def test_letters_of_an_unfinished_bulk_write_are_rebuilt(tmp_path: Path) -> None:
    """A build killed during a bulk write: its letters are dropped when the store next opens
    for writing, and the next build writes them again (the others are skipped)."""
    path = tmp_path / "store"
    with OxigraphStore(path) as store:
        assert build([EXAMPLES_DIR], store, validator=_no_validation).added == len(LETTERS)
        lost = _letter_graphs(store)[0]
    (path / ".kg-pending").write_text(lost + "\n", encoding="utf-8")
    with OxigraphStore(path) as store:
        assert lost not in _letter_graphs(store)
        again = build([EXAMPLES_DIR], store, validator=_no_validation)
        assert (again.added, again.skipped) == (1, len(LETTERS) - 1)
        assert any("bulk write never finished" in w for w in again.warnings)
        assert lost in _letter_graphs(store)
