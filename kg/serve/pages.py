"""The small HTML pages of ``kg serve``: a query box, the canned queries, result tables."""

from __future__ import annotations

import json
from collections.abc import Iterable
from html import escape
from urllib.parse import quote, urlencode

from kg.ids import ID

STYLE = """
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem;color:#222}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem}
textarea{width:100%;font-family:monospace;font-size:.9rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f0f0f0}.note{color:#666;font-size:.85rem}a{color:#0645ad}
code{background:#f4f4f4;padding:0 .2rem}
"""

EXAMPLE_QUERY = """PREFIX foi: <https://w3id.org/foi-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?force ?reference WHERE {
  ?r a foi:Response ; foi:reference ?reference ; foi:respondingBody ?f .
  ?f rdfs:label ?force .
} ORDER BY ?force"""


def page(title: str, body: str) -> bytes:
    html = (
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{escape(title)}</title><style>{STYLE}</style></head>"
        f"<body><p class='note'><a href='/'>foi-kg SPARQL endpoint</a></p>"
        f"<h1>{escape(title)}</h1>{body}</body></html>"
    )
    return html.encode("utf-8")


def home(canned: Iterable[tuple[str, str, str]], query: str = EXAMPLE_QUERY) -> bytes:
    """The landing page: a query box and the list of canned queries (name, title, text)."""
    items = "".join(
        f"<li><a href='/query/{quote(name)}?format=html'>{escape(title)}</a> "
        f"<span class='note'><code>{escape(name)}</code> {escape(description)}</span></li>"
        for name, title, description in canned
    )
    body = (
        "<p>Freedom of Information responses of UK police forces about facial recognition, "
        "as a linked-data knowledge graph. Read-only SPARQL 1.1 endpoint at "
        "<code>/sparql</code>.</p>"
        "<form action='/ui' method='get' id='query-form'>"
        f"<textarea name='query' rows='10' id='query'>{escape(query)}</textarea>"
        "<p><button type='submit'>Run query</button></p></form>"
        f"<h2>Canned reports</h2><ul id='canned'>{items}</ul>"
    )
    return page("foi-kg", body)


def _cell(binding: dict | None) -> str:
    if not binding:
        return ""
    value = binding["value"]
    if binding["type"] == "uri":
        href = "/id/" + value[len(ID) :] if value.startswith(ID) else value
        return f"<a href='{escape(href, quote=True)}'>{escape(value)}</a>"
    return escape(value)


def results_table(sparql_json: bytes, *, truncated: bool = False) -> str:
    """An HTML table from SPARQL 1.1 JSON results."""
    doc = json.loads(sparql_json)
    if "boolean" in doc:
        return f"<p>Answer: <strong>{'yes' if doc['boolean'] else 'no'}</strong></p>"
    variables = doc["head"]["vars"]
    rows = doc["results"]["bindings"]
    head = "".join(f"<th>{escape(v)}</th>" for v in variables)
    body = "".join(
        "<tr>" + "".join(f"<td>{_cell(row.get(v))}</td>" for v in variables) + "</tr>"
        for row in rows
    )
    note = f"<p class='note'>{len(rows)} rows"
    note += " (truncated at the endpoint's row limit)" if truncated else ""
    note += "</p>"
    return (
        f"{note}<table class='results'><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def results_page(title: str, query: str, sparql_json: bytes, truncated: bool) -> bytes:
    body = (
        "<form action='/ui' method='get'>"
        f"<textarea name='query' rows='8'>{escape(query)}</textarea>"
        "<p><button type='submit'>Run query</button></p></form>"
        + results_table(sparql_json, truncated=truncated)
    )
    return page(title, body)


def canned_page(
    name: str, title: str, description: str, sparql_json: bytes, params: dict, truncated: bool
) -> bytes:
    links = ""
    if params:
        links = "<p class='note'>Parameters: " + escape(urlencode(params)) + "</p>"
    body = f"<p>{escape(description)}</p>{links}" + results_table(sparql_json, truncated=truncated)
    return page(title or name, body)


def resource_page(iri: str, ntriples_rows: list[tuple[str, dict]]) -> bytes:
    """A readable description of one resource: its properties and values."""
    body_rows = "".join(
        f"<tr><td>{_cell({'type': 'uri', 'value': p})}</td><td>{_cell(o)}</td></tr>"
        for p, o in ntriples_rows
    )
    body = (
        f"<p><code>{escape(iri)}</code></p>"
        f"<table class='resource'><thead><tr><th>property</th><th>value</th></tr></thead>"
        f"<tbody>{body_rows}</tbody></table>"
    )
    return page(iri.rsplit("/", 1)[-1], body)


def error_page(status: int, message: str) -> bytes:
    return page(f"Error {status}", f"<p>{escape(message)}</p>")
