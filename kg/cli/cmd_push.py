"""``kg push``: send the store's named graphs to another SPARQL 1.1 store."""

from __future__ import annotations

from typing import Annotated

import typer

from kg.cli.app import DEFAULT_STORE, StoreOpt, app, console, fail


@app.command()
def push(
    endpoint: Annotated[
        str, typer.Option(help="Query URL of the target store (e.g. http://127.0.0.1:7878/query).")
    ],
    store: StoreOpt = DEFAULT_STORE,
    update_endpoint: Annotated[
        str | None, typer.Option(help="SPARQL Update URL, when it cannot be guessed.")
    ] = None,
    graph_store: Annotated[
        str | None, typer.Option(help="Graph Store Protocol URL, when it cannot be guessed.")
    ] = None,
    wait: Annotated[
        float,
        typer.Option(help="Seconds to wait for the endpoint to come up (a server just started)."),
    ] = 0.0,
) -> None:
    """Push every named graph (vocabularies, letters, analyses), replacing each one remotely.

    Uses the Graph Store HTTP Protocol (PUT per graph) and falls back to SPARQL Update; a
    rerun replaces, never duplicates.

    Example:

        kg push --endpoint http://127.0.0.1:7878/query

    With --wait, a server started just before (``oxigraph serve ... &``) is given that many
    seconds to come up.
    """
    from kg.graph.store import StoreError, open_store
    from kg.push import PushError, push_graphs, resolve_endpoints, store_graphs, wait_until_up

    endpoints = resolve_endpoints(endpoint, update_endpoint, graph_store)
    try:
        local = open_store(store, read_only=True)
    except StoreError as exc:
        raise fail(str(exc))
    if wait > 0:
        try:
            wait_until_up(endpoints.query, wait)
        except PushError as exc:
            local.close()
            raise fail(str(exc))
    try:
        summary = push_graphs(store_graphs(local.oxigraph), endpoints)
    except PushError as exc:
        raise fail(str(exc))
    finally:
        local.close()
    methods = ", ".join(f"{n} by {m}" for m, n in sorted(summary.methods.items())) or "none"
    console.print(
        f"pushed {summary.graphs} graphs, {summary.triples} triples to {endpoints.query} "
        f"({methods})",
        highlight=False,
    )
