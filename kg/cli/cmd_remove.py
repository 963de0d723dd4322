"""``kg remove``: drop one letter's named graph from the store."""

from __future__ import annotations

from typing import Annotated

import typer

from kg.cli.app import DEFAULT_STORE, StoreOpt, app, console, fail


@app.command()
def remove(
    letter: Annotated[
        str,
        typer.Argument(
            help="The letter: response IRI, force/reference, reference or source file name."
        ),
    ],
    store: StoreOpt = DEFAULT_STORE,
    wait: Annotated[
        float, typer.Option("--wait", min=0, help="Seconds to wait for a busy store.")
    ] = 10.0,
) -> None:
    """Remove one letter (its whole named graph) from the store."""
    from kg.graph.exporter import resolve_letter
    from kg.graph.store import StoreError, open_store

    if store == "memory":
        raise fail("--store memory: nothing to remove (an in-memory store is empty at start)")
    try:
        st = open_store(store, wait=wait)
    except StoreError as exc:
        raise fail(str(exc)) from None
    try:
        graph = resolve_letter(st, letter)
        st.remove_graph(graph)
    except StoreError as exc:
        raise fail(str(exc)) from None
    finally:
        st.close()
    console.print(f"removed {graph}", highlight=False)
