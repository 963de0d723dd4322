"""Content negotiation and serialisation of SPARQL results for the HTTP endpoint.

SELECT results are serialised here rather than by pyoxigraph so that the endpoint can stop
after its row limit without materialising the whole result.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

SELECT_TYPES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "text/html": "html",
}
GRAPH_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/x-turtle": ox.RdfFormat.TURTLE,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "text/html": "html",
}
# ?format= shortcuts for people typing URLs.
FORMAT_ALIASES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "html": "text/html",
    "turtle": "text/turtle",
    "ttl": "text/turtle",
    "jsonld": "application/ld+json",
    "json-ld": "application/ld+json",
    "nt": "application/n-triples",
    "ntriples": "application/n-triples",
    "rdfxml": "application/rdf+xml",
}


def negotiate(accept: str | None, offered: Sequence[str], default: str) -> str | None:
    """Pick the offered media type the Accept header prefers (q-values, wildcards).

    >>> negotiate("text/csv;q=0.5, application/sparql-results+json", ["text/csv",
    ...     "application/sparql-results+json"], "text/csv")
    'application/sparql-results+json'
    >>> negotiate("image/png", ["text/csv"], "text/csv") is None
    True
    """
    if not accept or not accept.strip():
        return default
    best: tuple[float, int, str] | None = None
    for index, part in enumerate(accept.split(",")):
        pieces = [p.strip() for p in part.split(";")]
        mtype = pieces[0].lower()
        q = 1.0
        for param in pieces[1:]:
            if param.startswith("q="):
                try:
                    q = float(param[2:])
                except ValueError:
                    q = 0.0
        if q <= 0:
            continue
        if mtype in ("*/*", ""):
            candidate = default
        elif mtype.endswith("/*"):
            major = mtype[:-1]
            candidate = next((o for o in offered if o.startswith(major)), None)
            if major == "text/" and default.startswith("text/"):
                candidate = default
        else:
            candidate = mtype if mtype in offered else None
        if candidate is None:
            continue
        # Higher q wins; among equals, the earlier entry in the header wins.
        key = (q, -index, candidate)
        if best is None or key[:2] > best[:2]:
            best = key
    return best[2] if best else None


def term_json(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": str(term)}


def term_nt(term: object) -> str:
    return str(term)


def select_json(variables: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    bindings = [
        {v: term_json(t) for v, t in zip(variables, row, strict=True) if t is not None}
        for row in rows
    ]
    doc = {"head": {"vars": list(variables)}, "results": {"bindings": bindings}}
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


def select_xml(variables: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    out = io.StringIO()
    out.write('<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n')
    out.write("<head>" + "".join(f"<variable name={quoteattr(v)}/>" for v in variables))
    out.write("</head>\n<results>\n")
    for row in rows:
        out.write("<result>")
        for v, t in zip(variables, row, strict=True):
            if t is None:
                continue
            j = term_json(t)
            if j["type"] == "uri":
                inner = f"<uri>{escape(j['value'])}</uri>"
            elif j["type"] == "bnode":
                inner = f"<bnode>{escape(j['value'])}</bnode>"
            else:
                attrs = ""
                if "xml:lang" in j:
                    attrs = f" xml:lang={quoteattr(j['xml:lang'])}"
                elif "datatype" in j:
                    attrs = f" datatype={quoteattr(j['datatype'])}"
                inner = f"<literal{attrs}>{escape(j['value'])}</literal>"
            out.write(f"<binding name={quoteattr(v)}>{inner}</binding>")
        out.write("</result>\n")
    out.write("</results>\n</sparql>\n")
    return out.getvalue().encode("utf-8")


def select_csv(variables: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(variables)
    for row in rows:
        writer.writerow(["" if t is None else t.value for t in row])
    return out.getvalue().encode("utf-8")


def select_tsv(variables: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    lines = ["\t".join(f"?{v}" for v in variables)]
    for row in rows:
        lines.append("\t".join("" if t is None else term_nt(t) for t in row))
    return ("\n".join(lines) + "\n").encode("utf-8")


SELECT_WRITERS = {"json": select_json, "xml": select_xml, "csv": select_csv, "tsv": select_tsv}


def ask_body(kind: str, value: bool) -> bytes:
    if kind == "xml":
        return (
            '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
            f"<head/><boolean>{'true' if value else 'false'}</boolean></sparql>\n"
        ).encode()
    if kind in ("csv", "tsv"):
        return f"_askResult\n{'true' if value else 'false'}\n".encode()
    return json.dumps({"head": {}, "boolean": value}).encode()


def graph_body(triples: Sequence[ox.Triple], fmt: ox.RdfFormat) -> bytes:
    prefixes = {
        "foi": "https://w3id.org/foi-kg/ontology#",
        "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
        "skos": "http://www.w3.org/2004/02/skos/core#",
        "prov": "http://www.w3.org/ns/prov#",
        "dcterms": "http://purl.org/dc/terms/",
        "xsd": "http://www.w3.org/2001/XMLSchema#",
    }
    if fmt == ox.RdfFormat.TURTLE:
        return ox.serialize(triples, format=fmt, prefixes=prefixes) or b""
    return ox.serialize(triples, format=fmt) or b""
