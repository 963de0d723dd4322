"""The store: both backends agree, replace is one transaction, remove, and the process lock."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import records
from rdflib import Literal, URIRef

from kg.graph.mapping import map_record
from kg.graph.store import (
    LOCK_NAME,
    PENDING_NAME,
    MemoryStore,
    OxigraphStore,
    StoreError,
    StoreLocked,
    open_store,
)
from kg.graph.terms import ntriples

G = "https://example.org/g"
S, P = URIRef("https://example.org/s"), URIRef("https://example.org/p")


@pytest.fixture(params=["disk", "memory"])
def store(request: pytest.FixtureRequest, tmp_path: Path):
    st = OxigraphStore(tmp_path / "store") if request.param == "disk" else MemoryStore()
    yield st
    st.close()


def test_replace_graph_replaces(store) -> None:
    store.replace_graph(G, [(S, P, Literal("old")), (S, P, Literal("older"))])
    store.replace_graph(G, [(S, P, Literal("new"))])
    assert [q[2] for q in store.quads(G)] == [Literal("new")]
    assert store.count(G) == 1 and store.count() == 1
    assert store.graphs() == [G] and store.has_graph(G)


def test_failed_replace_changes_nothing(store) -> None:
    store.replace_graph(G, [(S, P, Literal("kept"))])
    good = ntriples([(S, P, Literal("a"))])
    with pytest.raises(StoreError, match="not written"):
        store.replace_graph(G, good + "<https://example.org/s> <bad iri> 'x' .\n")
    assert [q[2] for q in store.quads(G)] == [Literal("kept")]


def test_remove_graph(store) -> None:
    store.replace_graph(G, [(S, P, Literal("x"))])
    assert store.remove_graph(G) is True
    assert store.remove_graph(G) is False
    assert store.count() == 0 and not store.has_graph(G)


def test_query_rows_ask_construct_and_bindings(store) -> None:
    rec = records.west_midlands()
    m = map_record(rec)
    store.replace_graph(str(m.iri), m.triples)
    assert store.get_sha(str(m.iri)) == rec.sha256
    assert store.letter_shas() == {records.WMP_IRI: rec.sha256}
    rows = store.query("SELECT ?r WHERE { ?r foi:reference ?ref }", {"ref": "13457_18"})
    assert rows == [{"r": URIRef(records.WMP_IRI)}]
    assert store.query("ASK { ?r a foi:Response }") is True
    g = store.query("CONSTRUCT { ?r foi:reference ?x } WHERE { ?r foi:reference ?x }")
    assert len(g) == 1
    # a binding is a term, never query text
    assert store.query("SELECT ?r WHERE { ?r foi:reference ?ref }", {"ref": '" } #'}) == []
    ds = store.dataset()
    assert len(ds) == len(m.triples)


def test_bad_query_is_one_line(store) -> None:
    with pytest.raises(StoreError, match="SPARQL syntax error"):
        store.query("SELECT WHERE {")


def test_open_store_spec(tmp_path: Path) -> None:
    assert isinstance(open_store("memory"), MemoryStore)
    st = open_store(tmp_path / "s")
    assert isinstance(st, OxigraphStore) and (tmp_path / "s" / LOCK_NAME).exists()
    st.close()
    with pytest.raises(StoreError, match="does not exist"):
        open_store(tmp_path / "absent", read_only=True)


def test_read_only_store_refuses_writes(tmp_path: Path) -> None:
    open_store(tmp_path / "s").close()
    ro = open_store(tmp_path / "s", read_only=True)
    with pytest.raises(StoreError, match="read-only"):
        ro.replace_graph(G, [(S, P, Literal("x"))])
    ro.close()


HOLDER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from kg.graph.store import acquire_lock
    path = Path(sys.argv[1]); path.mkdir(parents=True, exist_ok=True)
    fd = acquire_lock(path)
    print("locked", flush=True)
    sys.stdin.readline()  # hold the lock until the test says so
    """
)


def _holder(path: Path) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "locked"
    return proc


def test_second_writer_waits_then_fails_clearly(tmp_path: Path) -> None:
    path = tmp_path / "store"
    proc = _holder(path)
    try:
        with pytest.raises(StoreLocked) as info:
            open_store(path, wait=0.2)
        assert f"is locked by another kg process (pid {proc.pid})" in str(info.value)
    finally:
        proc.communicate("\n", timeout=30)
    st = open_store(path, wait=0)  # released: the store opens and works
    st.replace_graph(G, [(S, P, Literal("x"))])
    assert st.count() == 1
    st.close()


def test_waiting_writer_gets_the_store_when_released(tmp_path: Path) -> None:
    path = tmp_path / "store"
    proc = _holder(path)
    assert proc.stdin is not None
    proc.stdin.write("\n")  # the holder releases while we wait
    proc.stdin.flush()
    st = open_store(path, wait=60)
    proc.wait(timeout=30)
    assert st.count() == 0
    st.close()


def test_failed_write_of_a_new_graph_leaves_nothing(store) -> None:
    good = ntriples([(S, P, Literal(str(i))) for i in range(100)])
    with pytest.raises(StoreError, match="not written"):
        store.replace_graph(G, good + "<https://example.org/s> <bad iri> 'x' .\n")
    assert store.count() == 0 and not store.has_graph(G)


def test_add_graphs_writes_new_graphs_in_one_load(store) -> None:
    graphs = [(f"{G}/{i}", ntriples([(S, P, Literal(f"v{i}\n .\n"))])) for i in range(3)]
    store.add_graphs(graphs)
    assert store.graphs() == [name for name, _ in graphs]
    assert [q[2] for q in store.quads(f"{G}/1")] == [Literal("v1\n .\n")]
    if store.path is not None:
        assert not (store.path / PENDING_NAME).exists()


def test_a_refused_bulk_write_leaves_none_of_its_graphs(store) -> None:
    store.replace_graph(G, [(S, P, Literal("kept"))])
    good = [(f"{G}/{i}", ntriples([(S, P, Literal(str(i)))])) for i in range(50)]
    bad = (f"{G}/bad", "<https://example.org/s> <bad iri> 'x' .\n")
    with pytest.raises(StoreError, match="51 graphs: not written"):
        store.add_graphs([*good, bad])
    assert store.graphs() == [G]


def test_an_unfinished_bulk_write_is_dropped_when_the_store_opens(tmp_path: Path) -> None:
    """A process killed between the bulk load and its end leaves ``.kg-pending``: the next
    writer drops the graphs it names (a partial letter never survives), and nothing else."""
    path = tmp_path / "store"
    with OxigraphStore(path) as st:
        st.replace_graph(G, [(S, P, Literal("kept"))])
        st.replace_graph(f"{G}/half", [(S, P, Literal("half written"))])
    (path / PENDING_NAME).write_text(f"{G}/half\n{G}/never\n", encoding="utf-8")
    with OxigraphStore(path, read_only=True) as reader:  # readers leave it alone
        assert reader.recovered == [] and reader.count() == 2
    with OxigraphStore(path) as st:
        assert st.recovered == [f"{G}/half", f"{G}/never"]
        assert st.graphs() == [G]
    assert not (path / PENDING_NAME).exists()
