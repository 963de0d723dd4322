"""Moving RDF terms between rdflib (mapping, validation, export) and pyoxigraph (the store).

The mapper's triples reach the store as N-Triples text inside one SPARQL update, which is
Oxigraph's one-transaction way of "drop this graph and insert that": writing N-Triples by hand
is a few string operations per term, cheaper than building pyoxigraph objects from Python.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def nt_term(term: Node) -> str:
    """One term in N-Triples syntax (also valid inside SPARQL ``INSERT DATA``)."""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, Literal):
        text = '"' + str(term).translate(_ESCAPES) + '"'
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype is not None and str(term.datatype) != _XSD_STRING:
            return f"{text}^^<{term.datatype}>"
        return text
    if isinstance(term, BNode):
        return f"_:{term}"
    raise TypeError(f"not an RDF term: {term!r}")


def ntriples(triples: Iterable[tuple[Node, Node, Node]]) -> str:
    """Triples as N-Triples text, one per line."""
    return "".join(f"{nt_term(s)} {nt_term(p)} {nt_term(o)} .\n" for s, p, o in triples)


def to_rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.DefaultGraph | None) -> Node:
    """A pyoxigraph term as the equal rdflib term (None for the default graph or no term;
    an rdflib term is returned as it is)."""
    if term is None or isinstance(term, (ox.DefaultGraph, Node)):
        return None if isinstance(term, ox.DefaultGraph) else term  # type: ignore[return-value]
    return _to_rdflib(term)


@lru_cache(maxsize=1 << 16)
def _to_rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> Node:
    # Cached: a store's letters repeat the same predicates, classes, concepts and many
    # literals, and building an rdflib Literal parses its value (reading a store back for
    # validation or export is otherwise dominated by it).
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        dt = term.datatype.value
        if dt == _XSD_STRING:
            return Literal(term.value)
        # rdflib's own normalisation, as its parsers apply it: store and export compare equal
        return Literal(term.value, datatype=URIRef(dt))
    # An RDF 1.2 triple term in an ad-hoc query's results: rdflib has no such term, so it is
    # shown as its N-Triples text rather than failing the whole query.
    return Literal(str(term))


def to_oxigraph(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An rdflib term as a pyoxigraph term (for query substitutions)."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, str):
        return ox.Literal(term)
    raise TypeError(f"unsupported term {term!r}")


__all__ = ["nt_term", "ntriples", "to_oxigraph", "to_rdflib"]
