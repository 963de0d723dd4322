"""``kg stats``: letters, forces, triples per class and per named graph."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.table import Table

from kg.cli.app import DEFAULT_STORE, StoreOpt, app, console, fail

_SHORT = {
    "https://w3id.org/foi-kg/ontology#": "foi:",
    "http://www.w3.org/ns/prov#": "prov:",
    "http://www.w3.org/ns/oa#": "oa:",
    "https://w3id.org/foi-kg/id/": "id:",
}


def _short(iri: str) -> str:
    for ns, prefix in _SHORT.items():
        if iri.startswith(ns):
            return prefix + iri[len(ns) :]
    return iri


@app.command()
def stats(
    store: StoreOpt = DEFAULT_STORE,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
    all_graphs: Annotated[
        bool, typer.Option("--graphs", help="List every named graph, not only the largest.")
    ] = False,
) -> None:
    """Count letters, forces, triples per class and per named graph."""
    from kg.graph.statistics import stats as run_stats
    from kg.graph.store import StoreError, open_store

    if store == "memory":
        raise fail("--store memory: an in-memory store is empty; build into a directory first")
    try:
        st = open_store(store, read_only=True)
        result = run_stats(st)
        st.close()
    except StoreError as exc:
        raise fail(str(exc)) from None
    if as_json:
        typer.echo(json.dumps(result.to_dict(), indent=1))
        return
    head = Table(title=f"store {store}", show_header=False, title_justify="left")
    head.add_column(style="bold")
    head.add_column(justify="right")
    head.add_row("letters", str(result.letters))
    head.add_row("forces", str(result.forces))
    head.add_row("triples", f"{result.triples:,}")
    head.add_row("triples in letter graphs", f"{result.letter_triples:,}")
    console.print(head)
    classes = Table("class", "instances", "triples", title="letter graphs by class",
                    title_justify="left")  # fmt: skip
    for c in result.classes:
        classes.add_row(_short(c.cls), f"{c.instances:,}", f"{c.triples:,}")
    console.print(classes)
    graphs = Table("named graph", "kind", "triples", title="named graphs", title_justify="left")
    shown = result.graphs if all_graphs else result.graphs[:15]
    for g in shown:
        graphs.add_row(_short(g.graph), g.kind, f"{g.triples:,}")
    console.print(graphs)
    if len(shown) < len(result.graphs):
        console.print(f"... {len(result.graphs) - len(shown)} more (--graphs lists them all)")
