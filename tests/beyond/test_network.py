"""Network projections: the nodes and edges the sample letters imply, and valid files."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from typing import Any

import matplotlib.image as mpimg
import networkx as nx
import pytest

from kg import network, templates

LEG = "http://www.legislation.gov.uk/ukpga/2000/36/section/"
FORCES = {
    "Dyfed-Powys Police",
    "West Midlands Police",
    "Avon and Somerset Police",
    "Hertfordshire Constabulary",
    "Warwickshire Police",
}


@pytest.fixture(scope="module")
def store(sample_store: Any) -> Any:
    templates.run(sample_store, write=True)
    return sample_store


def _labels(g: nx.Graph, kind: str) -> set[str]:
    return {d["label"] for _, d in g.nodes(data=True) if d["kind"] == kind}


def test_force_exemption_links_every_force_to_24_2_and_31_3(store: Any) -> None:
    g = network.projection(store, "force-exemption")
    assert _labels(g, "force") == FORCES
    assert {"s.24(2)", "s.31(3)"} <= _labels(g, "exemption")
    for force, data in g.nodes(data=True):
        if data["kind"] == "force":
            assert g.has_edge(force, LEG + "24/2") and g.has_edge(force, LEG + "31/3")
            assert g[force][LEG + "24/2"]["weight"] == 1
    assert nx.is_bipartite(g)


def test_force_technology_edges_carry_status(store: Any) -> None:
    g = network.projection(store, "force-technology")
    assert _labels(g, "force") <= FORCES and len(_labels(g, "force")) >= 4
    statuses = {d["status"] for _, _, d in g.edges(data=True)}
    assert all(statuses) and any("ncnd" in s for s in statuses)
    assert all(not str(d["label"]).startswith("http") for _, d in g.nodes(data=True))


def test_letter_template_and_force_force(store: Any) -> None:
    lt = network.projection(store, "letter-template")
    assert len([n for n, d in lt.nodes(data=True) if d["kind"] == "letter"]) == 5
    assert all(d["kind"] in ("letter", "template") for _, d in lt.nodes(data=True))
    ff = network.projection(store, "force-force")
    assert _labels(ff, "force") == FORCES
    # Every pair of sample letters shares at least the "It is well established..." template.
    assert ff.number_of_edges() == 10
    assert all(d["weight"] >= 1 for _, _, d in ff.edges(data=True))


def test_centrality_table_has_every_node(store: Any) -> None:
    g = network.projection(store, "force-exemption")
    rows = network.centrality(g)
    assert len(rows) == g.number_of_nodes()
    top = rows[0]
    assert top["node"] in ("s.24(2)", "s.31(3)") and top["degree"] == 5
    assert all(0.0 <= r["betweenness"] <= 1.0 and r["community"] >= 1 for r in rows)


@pytest.mark.parametrize("name", network.PROJECTIONS)
def test_graphml_gexf_json_round_trip(store: Any, name: str) -> None:
    g = network.projection(store, name)
    back = nx.read_graphml(io.BytesIO(network.to_graphml(g).encode()))
    assert back.number_of_nodes() == g.number_of_nodes()
    assert back.number_of_edges() == g.number_of_edges()
    gexf = nx.read_gexf(io.BytesIO(network.to_gexf(g).encode()))
    assert gexf.number_of_nodes() == g.number_of_nodes()
    data = json.loads(network.to_json(g))
    assert len(data["nodes"]) == g.number_of_nodes() and len(data["links"]) == g.number_of_edges()


def test_png_and_svg_are_valid_images(store: Any) -> None:
    g = network.projection(store, "force-technology")
    png = network.draw(g, "png")
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    img = mpimg.imread(io.BytesIO(png), format="png")
    assert img.ndim == 3 and img.shape[0] > 100 and img.shape[1] > 100
    svg = network.draw(g, "svg")
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg")
    assert b"Warwickshire Police" in svg or b"Warwickshire" in svg


def test_unknown_projection_is_a_value_error(store: Any) -> None:
    with pytest.raises(ValueError, match="unknown projection"):
        network.projection(store, "force-bananas")
