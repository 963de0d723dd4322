"""Refuse, before any engine sees it, a query that could write or reach the network.

pyoxigraph's ``Store.query`` and the Oxigraph server execute ``SERVICE`` through their own HTTP
client, with no switch to turn it off and unseen by Python's audit hooks; rdflib executes
``SERVICE`` too and, on a Dataset, fetches ``FROM <url>`` and ``LOAD <url>``. So the public
endpoint rejects those keywords lexically, outside strings, IRIs, comments, variables and
prefixed names, where they cannot be anything but SPARQL keywords.

>>> check_query("SELECT * WHERE { ?s ?p ?o }")
>>> check_query("SELECT * WHERE { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }")
... # doctest: +IGNORE_EXCEPTION_DETAIL
Traceback (most recent call last):
...
kg.serve.safety.UnsafeQuery: SERVICE is not allowed on this endpoint (no outbound requests)
>>> check_query('SELECT ?service WHERE { ?service <http://x/from> "LOAD SERVICE" }')
"""

from __future__ import annotations

import re

# Tokens that carry no keywords: comments, strings (long and short), IRIs, variables,
# prefixed names and blank-node labels. Everything else is scanned for keywords.
_SKIP = re.compile(
    r"""
      \#[^\n]*                              # comment
    | '''(?:[^'\\]|\\.|'(?!''))*'''           # long single-quoted string
    | \"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"     # long double-quoted string
    | '(?:[^'\\\n]|\\.)*'                     # string
    | "(?:[^"\\\n]|\\.)*"                     # string
    | <[^<>"{}|^`\\\s]*>                      # IRI
    | [?$][A-Za-z0-9_\u00B7-\uFFFF]+          # variable
    | _:[A-Za-z0-9_.\-\u00B7-\uFFFF]+         # blank node
    | [A-Za-z][\w.\-]*:[\w.\-%:]*             # prefixed name (keyword-like local parts)
    | :[\w.\-%:]+                              # prefixed name, empty prefix
    """,
    re.VERBOSE | re.DOTALL,
)
_WORD = re.compile(r"[A-Za-z]+")

_UPDATE = {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
_FORBIDDEN = {
    "SERVICE": "SERVICE is not allowed on this endpoint (no outbound requests)",
    "FROM": "FROM / FROM NAMED dataset clauses are not allowed on this endpoint "
    "(they may fetch remote graphs); query the store's graphs with GRAPH instead",
}


class UnsafeQuery(ValueError):
    """The query uses a feature the read-only public endpoint refuses."""


_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def _decode_codepoints(query: str) -> str:
    # SPARQL applies \uXXXX escapes to the whole query text before parsing, so a keyword
    # could hide behind them ("\u0053ERVICE"); scan what the parser will see.
    return _CODEPOINT.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), query)


def keywords(query: str) -> list[str]:
    """The bare words of a query outside strings, IRIs, comments, variables and names."""
    query = _decode_codepoints(query)
    out: list[str] = []
    pos = 0
    for m in _SKIP.finditer(query):
        out.extend(w.upper() for w in _WORD.findall(query[pos : m.start()]))
        pos = m.end()
    out.extend(w.upper() for w in _WORD.findall(query[pos:]))
    return out


def is_update(query: str) -> bool:
    """True when the text is a SPARQL Update rather than a query."""
    return any(word in _UPDATE for word in keywords(query))


def check_query(query: str) -> None:
    """Raise UnsafeQuery for updates, SERVICE and FROM clauses; return None when safe."""
    words = keywords(query)
    for word in words:
        if word in _UPDATE:
            raise UnsafeQuery(f"{word} is a SPARQL Update: this endpoint is read-only")
        if word in _FORBIDDEN:
            raise UnsafeQuery(_FORBIDDEN[word])
