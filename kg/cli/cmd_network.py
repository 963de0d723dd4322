"""``kg network``: networkx projections of the graph for Gephi, pictures or centrality."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from kg import network
from kg.cli.app import DEFAULT_STORE, OutputOpt, StoreOpt, TableFormat, app, fail
from kg.cli.beyond_output import emit, opened_store, render


class Projection(StrEnum):
    force_exemption = "force-exemption"
    force_technology = "force-technology"
    letter_template = "letter-template"
    force_force = "force-force"


class NetFormat(StrEnum):
    graphml = "graphml"
    gexf = "gexf"
    json = "json"
    png = "png"
    svg = "svg"
    table = "table"
    csv = "csv"
    md = "md"


@app.command("network")
def network_command(
    projection: Annotated[
        Projection,
        typer.Option(
            "--projection",
            "-p",
            help="force-exemption, force-technology (edges carry status), letter-template or "
            "force-force (weighted by shared templates; both need 'kg templates' first).",
        ),
    ],
    store: StoreOpt = DEFAULT_STORE,
    fmt: Annotated[
        NetFormat,
        typer.Option(
            "--format",
            "-f",
            help="graphml, gexf or json (node-link) for Gephi and other tools; png or svg "
            "(a drawing, needs -o); table, csv or md: degree, betweenness and community per node.",
        ),
    ] = NetFormat.table,
    output: OutputOpt = None,
) -> None:
    """Project the knowledge graph onto a network (networkx) and write it out, draw it, or
    list centrality (degree, betweenness) and communities (greedy modularity) per node."""
    with opened_store(store, write=False) as st:
        g = network.projection(st, projection.value)
    what = f"{g.number_of_nodes()} nodes, {g.number_of_edges()} edges"
    if fmt in (NetFormat.png, NetFormat.svg):
        if output is None:
            raise fail(f"--format {fmt.value}: needs --output FILE")
        emit(network.draw(g, fmt.value), output, what)
        return
    if fmt is NetFormat.graphml:
        emit(network.to_graphml(g), output, what)
    elif fmt is NetFormat.gexf:
        emit(network.to_gexf(g), output, what)
    elif fmt is NetFormat.json:
        emit(network.to_json(g) + "\n", output, what)
    else:
        rows = network.centrality(g)
        table_fmt = TableFormat(fmt.value)
        if table_fmt is TableFormat.table:
            rows = [{k: v for k, v in r.items() if k != "iri"} for r in rows]
        emit(render(f"{projection.value}: {what}", rows, table_fmt), output, what)
