"""Controlled values shared by the extractor, the graph mapper and the vocabularies.

These slugs are the local names of SKOS concepts in ``ontology/vocab/*.ttl``; a test keeps
the two in step. The extractor emits only these values, so every fact it finds maps onto a
concept of a scheme.
"""

from __future__ import annotations

TECHNOLOGIES: tuple[str, ...] = (
    "live-facial-recognition",
    "retrospective-facial-recognition",
    "operator-initiated-facial-recognition",
    "facial-recognition-body-worn-video",
    "pnd-facial-search",
    "facial-recognition",
)

USAGE_STATUSES: tuple[str, ...] = (
    "in-use",
    "trialled",
    "not-in-use",
    "planned",
    "no-plans",
    "ncnd",
    "not-held",
)

ANSWER_KINDS: tuple[str, ...] = (
    "disclosed",
    "partially-disclosed",
    "not-held",
    "not-applicable",
    "ncnd",
    "refused-exempt",
    "refused-cost",
    "published-elsewhere",
    "clarification-needed",
)

# Ordered from lowest to highest, as the UK scale is.
THREAT_LEVELS: tuple[str, ...] = ("low", "moderate", "substantial", "severe", "critical")

# Scope of a use or an NCND: what part of policing the statement covers.
USE_SCOPES: tuple[str, ...] = ("overt", "covert", "unspecified")
NCND_SCOPES: tuple[str, ...] = ("covert-use", "question", "whole-request")
TENSES: tuple[str, ...] = ("current", "planned", "past")
PI_DIRECTIONS: tuple[str, ...] = ("favouring", "against")
