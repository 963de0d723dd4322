"""Network projections of the knowledge graph (networkx), for Gephi or a quick picture.

Projections, by name:

* ``force-exemption``: forces and the FOIA (sub)sections their letters cite; edge weight = the
  number of letters citing it.
* ``force-technology``: forces and technologies; edges carry ``status`` (the usage statuses
  stated, "/"-joined, e.g. ``ncnd/not-held``) and ``weight`` (statements).
* ``letter-template``: letters and the templates their paragraphs copy (run ``kg templates``
  first); weight = paragraphs, ``similarity`` = the best one.
* ``force-force``: forces linked by the templates their letters share; weight = the number of
  shared templates.

Nodes carry ``label`` (a readable name, never an IRI), ``kind`` and ``bipartite`` (0/1 for
two-mode projections). ``centrality`` gives degree and betweenness centrality and a community
(greedy modularity) per node; ``draw`` renders PNG or SVG with matplotlib's Agg backend.
"""

from __future__ import annotations

import io
import json
from collections import defaultdict
from collections.abc import Callable
from itertools import combinations
from typing import Any

import networkx as nx

from kg.analysis_io import select

PROJECTIONS = ("force-exemption", "force-technology", "letter-template", "force-force")


def _label(iri: str | None, label: str | None) -> str:
    if label:
        return label
    return (iri or "?").rstrip("/").rsplit("/", 1)[-1].replace("-", " ").title()


def _tail(iri: str | None) -> str:
    return (iri or "").rstrip("/").rsplit("/", 1)[-1]


_FORCE_EXEMPTION = """
SELECT ?force ?forceLabel ?sec ?secNum (COUNT(DISTINCT ?r) AS ?n) WHERE {
  ?c a foi:ExemptionCitation ; foi:inResponse ?r ; foi:citesExemption ?sec .
  ?r foi:respondingBody ?force .
  OPTIONAL { ?force rdfs:label ?forceLabel }
  OPTIONAL { ?sec foi:sectionNumber ?secNum }
} GROUP BY ?force ?forceLabel ?sec ?secNum
"""

_FORCE_TECHNOLOGY = """
SELECT ?force ?forceLabel ?tech ?techLabel ?status WHERE {
  ?u a foi:TechnologyUse ; foi:technology ?tech ; foi:inResponse ?r .
  OPTIONAL { ?u foi:usedBy ?ub }
  OPTIONAL { ?r foi:respondingBody ?rb }
  BIND(COALESCE(?ub, ?rb) AS ?force)
  FILTER(BOUND(?force))
  OPTIONAL { ?u foi:usageStatus ?status }
  OPTIONAL { ?force rdfs:label ?forceLabel }
  OPTIONAL { ?tech skos:prefLabel ?techLabel FILTER(LANG(?techLabel) IN ("en", "")) }
}
"""

_LETTER_TEMPLATE = """
SELECT ?r ?ref ?force ?forceLabel ?t ?tlabel ?sim WHERE {
  ?p a foi:Paragraph ; foi:inResponse ?r ; foi:fromTemplate ?t .
  OPTIONAL { ?p foi:similarity ?sim }
  OPTIONAL { ?t rdfs:label ?tlabel }
  OPTIONAL { ?r foi:reference ?ref }
  OPTIONAL { ?r foi:respondingBody ?force OPTIONAL { ?force rdfs:label ?forceLabel } }
}
"""


def _first_labels(rows: list[dict[str, str | None]], iri_key: str, label_key: str) -> dict:
    out: dict[str, str] = {}
    for row in rows:
        iri = row.get(iri_key)
        if iri and (iri not in out or (row.get(label_key) and out[iri] == _label(iri, None))):
            out[iri] = _label(iri, row.get(label_key))
    return out


def force_exemption(store: Any) -> nx.Graph:
    rows = select(store, _FORCE_EXEMPTION)
    g = nx.Graph(name="force-exemption")
    flabels = _first_labels(rows, "force", "forceLabel")
    for row in rows:
        force, sec = row["force"] or "", row["sec"] or ""
        g.add_node(force, label=flabels[force], kind="force", bipartite=0)
        num = row.get("secNum") or "/".join(sec.split("/section/", 1)[-1].split("/"))
        g.add_node(sec, label=f"s.{num}", kind="exemption", bipartite=1)
        w = int(row.get("n") or 1)
        if g.has_edge(force, sec):
            g[force][sec]["weight"] = max(g[force][sec]["weight"], w)
        else:
            g.add_edge(force, sec, weight=w)
    return g


def force_technology(store: Any) -> nx.Graph:
    rows = select(store, _FORCE_TECHNOLOGY)
    g = nx.Graph(name="force-technology")
    flabels = _first_labels(rows, "force", "forceLabel")
    tlabels = _first_labels(rows, "tech", "techLabel")
    statuses: dict[tuple[str, str], set[str]] = defaultdict(set)
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for row in rows:
        force, tech = row["force"] or "", row["tech"] or ""
        g.add_node(force, label=flabels[force], kind="force", bipartite=0)
        g.add_node(tech, label=tlabels[tech], kind="technology", bipartite=1)
        if row.get("status"):
            statuses[(force, tech)].add(_tail(row["status"]))
        counts[(force, tech)] += 1
    for (force, tech), n in counts.items():
        g.add_edge(force, tech, status="/".join(sorted(statuses[(force, tech)])), weight=n)
    return g


def _letter_template_rows(store: Any) -> list[dict[str, str | None]]:
    return select(store, _LETTER_TEMPLATE)


def letter_template(store: Any) -> nx.Graph:
    rows = _letter_template_rows(store)
    g = nx.Graph(name="letter-template")
    for row in rows:
        r, t = row["r"] or "", row["t"] or ""
        force = _label(row.get("force"), row.get("forceLabel"))
        ref = row.get("ref") or _tail(r)
        g.add_node(r, label=f"{force} {ref}", kind="letter", bipartite=0, force=force)
        g.add_node(
            t, label=row.get("tlabel") or f"Template {_tail(t)}", kind="template", bipartite=1
        )
        sim = float(row.get("sim") or 0.0)
        if g.has_edge(r, t):
            g[r][t]["weight"] += 1
            g[r][t]["similarity"] = max(g[r][t]["similarity"], sim)
        else:
            g.add_edge(r, t, weight=1, similarity=sim)
    return g


def force_force(store: Any) -> nx.Graph:
    rows = _letter_template_rows(store)
    g = nx.Graph(name="force-force")
    templates: dict[str, set[str]] = defaultdict(set)
    labels: dict[str, str] = {}
    for row in rows:
        force = row.get("force") or row["r"] or ""
        labels[force] = _label(row.get("force"), row.get("forceLabel"))
        templates[force].add(row["t"] or "")
    for force in templates:
        g.add_node(force, label=labels[force], kind="force")
    for a, b in combinations(sorted(templates), 2):
        shared = len(templates[a] & templates[b])
        if shared:
            g.add_edge(a, b, weight=shared)
    return g


BUILDERS: dict[str, Callable[[Any], nx.Graph]] = {
    "force-exemption": force_exemption,
    "force-technology": force_technology,
    "letter-template": letter_template,
    "force-force": force_force,
}


def projection(store: Any, name: str) -> nx.Graph:
    try:
        builder = BUILDERS[name]
    except KeyError:
        raise ValueError(f"unknown projection '{name}' (one of {', '.join(PROJECTIONS)})") from None
    return builder(store)


# --------------------------------------------------------------------------------------------
# Measures and output


def centrality(g: nx.Graph) -> list[dict[str, Any]]:
    """Per node: degree, degree and betweenness centrality, community (greedy modularity)."""
    if g.number_of_nodes() == 0:
        return []
    degree_c = nx.degree_centrality(g)
    between = nx.betweenness_centrality(g, weight=None)
    community: dict[str, int] = {}
    if g.number_of_edges():
        comms = nx.community.greedy_modularity_communities(g, weight="weight")
        ordered = sorted(comms, key=lambda c: (-len(c), sorted(g.nodes[n]["label"] for n in c)))
        for i, members in enumerate(ordered, start=1):
            for n in members:
                community[n] = i
    next_id = max(community.values(), default=0)
    rows = []
    for n in sorted(g.nodes, key=lambda n: (-g.degree(n), g.nodes[n].get("label", n))):
        if n not in community:
            next_id += 1
            community[n] = next_id
        rows.append(
            {
                "node": g.nodes[n].get("label", n),
                "kind": g.nodes[n].get("kind", ""),
                "degree": g.degree(n),
                "degree_centrality": round(degree_c[n], 4),
                "betweenness": round(between[n], 4),
                "community": community[n],
                "iri": n,
            }
        )
    return rows


def to_graphml(g: nx.Graph) -> str:
    buf = io.BytesIO()
    nx.write_graphml(g, buf, encoding="utf-8")
    return buf.getvalue().decode("utf-8")


def to_gexf(g: nx.Graph) -> str:
    buf = io.BytesIO()
    nx.write_gexf(g, buf, encoding="utf-8")
    return buf.getvalue().decode("utf-8")


def to_json(g: nx.Graph) -> str:
    return json.dumps(nx.node_link_data(g, edges="links"), indent=2, ensure_ascii=False)


_COLOURS = {
    "force": "#4C72B0",
    "exemption": "#DD8452",
    "technology": "#55A868",
    "letter": "#8172B3",
    "template": "#C44E52",
}


def draw(g: nx.Graph, fmt: str = "png", *, seed: int = 7) -> bytes:
    """The graph as a PNG or SVG picture: spring layout (seeded), labels, edge widths by
    weight, node colours by kind."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    n = max(g.number_of_nodes(), 1)
    size = min(8 + n * 0.45, 32)
    fig, ax = plt.subplots(figsize=(size, size * 0.75), dpi=100)
    try:
        ax.set_axis_off()
        title = g.graph.get("name", "")
        if title:
            ax.set_title(title)
        if g.number_of_nodes():
            pos = nx.spring_layout(g, seed=seed, weight=None, k=3.0 / n**0.5, iterations=300)
            weights = [float(d.get("weight", 1)) for _, _, d in g.edges(data=True)]
            top = max(weights, default=1.0) or 1.0
            nx.draw_networkx_edges(
                g, pos, ax=ax, width=[0.8 + 3.2 * w / top for w in weights], alpha=0.45
            )
            colours = [_COLOURS.get(g.nodes[v].get("kind", ""), "#999999") for v in g.nodes]
            nx.draw_networkx_nodes(g, pos, ax=ax, node_color=colours, node_size=420, alpha=0.9)
            labels = {v: g.nodes[v].get("label", v) for v in g.nodes}
            nx.draw_networkx_labels(
                g,
                pos,
                labels=labels,
                ax=ax,
                font_size=9,
                bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none", "alpha": 0.75},
            )
            kinds = sorted({g.nodes[v].get("kind", "") for v in g.nodes})
            handles = [
                plt.Line2D(
                    [],
                    [],
                    marker="o",
                    linestyle="",
                    markersize=9,
                    color=_COLOURS.get(k, "#999999"),
                    label=k,
                )
                for k in kinds
            ]
            ax.legend(handles=handles, loc="lower left", frameon=False)
            status = nx.get_edge_attributes(g, "status")
            if status:
                nx.draw_networkx_edge_labels(g, pos, edge_labels=status, ax=ax, font_size=7)
            ax.margins(0.15)
        buf = io.BytesIO()
        fig.savefig(buf, format=fmt, bbox_inches="tight")
        return buf.getvalue()
    finally:
        plt.close(fig)
