"""The canned queries of ``queries/`` as the endpoint serves them at ``/query/NAME``."""

from __future__ import annotations

from pathlib import Path

from kg.paths import QUERIES_DIR
from kg.serve.server import CannedQuery


def canned_queries(folder: Path = QUERIES_DIR) -> dict[str, CannedQuery]:
    """Every canned query, with parameters bound as a VALUES block (never pasted as text)."""
    from kg import queries, sparql

    out: dict[str, CannedQuery] = {}
    for name, query in sorted(queries.discover(folder).items()):

        def bind(values: dict[str, str], query: queries.CannedQuery = query):
            return sparql.inject_values(query.text, queries.bind(query, values)), {}

        out[name] = CannedQuery(name, query.summary or name, query.description, bind)
    return out
