"""Names shared by the validation modules: namespaces, severities, kinds of graph."""

from __future__ import annotations

from typing import Literal

from rdflib import Namespace, URIRef
from rdflib.namespace import SH

from kg import ids
from kg.paths import QUERIES_DIR

FOI = Namespace(ids.ONTOLOGY)
FSH = Namespace("https://w3id.org/foi-kg/shapes#")
OA = Namespace("http://www.w3.org/ns/oa#")
INTEGRITY_DIR = QUERIES_DIR / "integrity"

Severity = Literal["Violation", "Warning", "Info"]
GraphKind = Literal["letter", "vocab", "analysis"]
SparqlEngine = Literal["oxigraph", "pyshacl"]

_KIND_NODE: dict[str, URIRef] = {
    "letter": FSH.LetterGraph,
    "vocab": FSH.VocabGraph,
    "analysis": FSH.AnalysisGraph,
}
_ANALYSIS_GRAPHS = {str(ids.FACTCHECK_GRAPH), str(ids.TEMPLATES_GRAPH), str(ids.QUESTIONS_GRAPH)}
_SEVERITIES: dict[URIRef, Severity] = {
    SH.Violation: "Violation",
    SH.Warning: "Warning",
    SH.Info: "Info",
}
_SEVERITY_NODE = {v: k for k, v in _SEVERITIES.items()}
