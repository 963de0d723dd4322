"""SHACL validation of the graph: per letter before it is written, and over the whole store.

The shapes (``shapes/*.ttl``) check every class of the ontology against the graph model of
``docs/graph-model.md``; a few integrity rules that core SHACL cannot say are SHACL-SPARQL
constraints, each mirrored by a ``queries/integrity/<rule>-violation.rq`` (any row is a
result). Severities: ``sh:Violation`` is broken structure and makes a graph non-conforming;
``sh:Warning`` (suspicious content) and ``sh:Info`` (notes) are reported but never fail.

Why it is built this way (measured with ``benchmarks/validation_bench.py``; about 15 ms of
CPU for core SHACL on a 200-triple letter, 2.5 ms more for the integrity rules):

* The vocabulary (``kg.vocab.vocab_graph()``, what pySHACL calls the ``ont_graph``) is joined
  to each letter as a read-only union view (``_Union``) instead of being copied into every
  letter's data graph: copying its ~4,000 triples cost more than validating the letter.
* The parsed shapes and pySHACL's harvested shapes are built once per process, limited to the
  targeted shapes of the kind of graph being validated (``fsh:validates``), and the shapes
  graph answers pySHACL's repeated reads from memory (``_FrozenGraph``).
* Each SHACL-SPARQL constraint run by pySHACL goes through rdflib's SPARQL evaluator (about
  45 ms per constraint per letter). So by default a letter's SPARQL rules run as their
  ``.rq`` mirrors on an in-memory Oxigraph holding the vocabulary once (about 0.4 ms a rule);
  ``sparql_engine="pyshacl"`` runs the SHACL-SPARQL versions instead, which stay in the
  shapes for other validators.
* ``validate_store`` validates each letter graph with core SHACL (so cost grows linearly with
  the letters), the vocabulary and analysis graphs with their own shapes, then runs every
  integrity ``.rq`` once over the whole store on Oxigraph.

>>> from rdflib import Graph
>>> result = validate_letter(Graph())
>>> result.conforms, len(result.violations)
(True, 0)
"""

from __future__ import annotations

from kg.graph.terms import to_rdflib
from kg.validation.common import (
    _SEVERITY_NODE,
    FOI,
    FSH,
    OA,
    GraphKind,
    Severity,
    SparqlEngine,
)
from kg.validation.letters import (
    graph_ident,
    validate,
    validate_graph,
    validate_letter,
    validate_letters,
)
from kg.validation.results import (
    Result,
    StoreValidation,
    ValidationResult,
    format_text,
    report_graph,
)
from kg.validation.shapes import IntegrityRule, integrity_rules, shape_files, shapes_graph
from kg.validation.store import validate_store
from kg.validation.views import _Indexed, _Union, default_vocab, letter_view

__all__ = [
    "FOI",
    "FSH",
    "OA",
    "GraphKind",
    "IntegrityRule",
    "Result",
    "Severity",
    "SparqlEngine",
    "StoreValidation",
    "ValidationResult",
    "_SEVERITY_NODE",
    "_Indexed",
    "_Union",
    "default_vocab",
    "format_text",
    "graph_ident",
    "integrity_rules",
    "letter_view",
    "report_graph",
    "shape_files",
    "shapes_graph",
    "to_rdflib",
    "validate",
    "validate_graph",
    "validate_letter",
    "validate_letters",
    "validate_store",
]
