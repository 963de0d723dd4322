"""``kg serve``: the read-only SPARQL endpoint and HTML pages."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from typing import Annotated

import typer

from kg.cli.app import DEFAULT_STORE, StoreOpt, app, console, fail


@app.command()
def serve(
    store: StoreOpt = DEFAULT_STORE,
    host: Annotated[
        str, typer.Option(help="Address to bind; 127.0.0.1 unless you mean to publish it.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port (0 picks a free one).")] = 7878,
    timeout: Annotated[float, typer.Option(help="Per-query time limit in seconds.")] = 10.0,
    max_rows: Annotated[int, typer.Option(help="Most result rows (or triples) returned.")] = 10_000,
    workers: Annotated[int, typer.Option(help="Query worker processes.")] = 2,
) -> None:
    """Serve the store as a read-only SPARQL 1.1 endpoint with canned queries and HTML pages.

    Example:

        kg serve --store kg-store --port 7878
    """
    from kg.graph.store import LOCK_NAME
    from kg.serve.canned import canned_queries
    from kg.serve.server import ServeConfig, make_server

    path = Path(store)
    if store == "memory" or not path.is_dir():
        raise fail(f"{store}: no store there; run 'kg build' first (serve needs an on-disk store)")
    # A shared lock keeps `kg build` from writing while we read (read-only RocksDB handles
    # must not see a concurrent writer); builds wait or fail clearly instead.
    fd = os.open(path / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise fail(f"{store}: a kg build is writing this store; serve it when the build ends")
    config = ServeConfig(
        store=path, host=host, port=port, timeout=timeout, max_rows=max_rows, workers=workers
    )
    try:
        server = make_server(config, canned_queries())
    except OSError as exc:
        os.close(fd)
        raise fail(f"cannot listen on {host}:{port}: {exc.strerror or exc}")
    bound_host, bound_port = server.server_address[:2]
    console.print(
        f"foi-kg SPARQL endpoint on http://{bound_host}:{bound_port}/sparql "
        f"(page: http://{bound_host}:{bound_port}/); Ctrl-C stops",
        highlight=False,
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        server.endpoint.close()  # type: ignore[attr-defined]
        os.close(fd)
