"""The gazetteer of UK police forces and other bodies that answer FOI requests.

Read from ``data/reference/police_forces.csv`` (and ``public_bodies.csv`` when present);
the same rows generate ``ontology/vocab/forces.ttl``.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from kg.paths import REFERENCE_DIR


@dataclass(frozen=True)
class Body:
    """A force or other public body, as one row of the reference data."""

    id: str
    name: str
    alt_names: tuple[str, ...] = field(default_factory=tuple)
    country: str = ""
    kind: str = ""
    ons_code: str = ""
    wikidata: str = ""
    website: str = ""
    notes: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        """Official name first, then every alternative name."""
        return (self.name, *self.alt_names)


def _read(path: Path) -> list[Body]:
    if not path.exists():
        return []
    with path.open(newline="", encoding="utf-8") as fh:
        return [
            Body(
                id=row["id"],
                name=row["name"],
                alt_names=tuple(a.strip() for a in row["alt_names"].split(";") if a.strip()),
                country=row.get("country", ""),
                kind=row.get("kind", ""),
                ons_code=row.get("ons_code", ""),
                wikidata=row.get("wikidata", ""),
                website=row.get("website", ""),
                notes=row.get("notes", ""),
            )
            for row in csv.DictReader(fh)
        ]


@lru_cache(maxsize=1)
def forces() -> tuple[Body, ...]:
    """Every UK police force and law-enforcement agency in the reference data."""
    return tuple(_read(REFERENCE_DIR / "police_forces.csv"))


@lru_cache(maxsize=1)
def public_bodies() -> tuple[Body, ...]:
    """Other public bodies that answer such requests (PCCs, Home Office, ...)."""
    return tuple(_read(REFERENCE_DIR / "public_bodies.csv"))


def all_bodies() -> tuple[Body, ...]:
    return forces() + public_bodies()


def by_id(body_id: str) -> Body | None:
    """Look a body up by its slug.

    >>> by_id("west-midlands-police").name
    'West Midlands Police'
    """
    for body in all_bodies():
        if body.id == body_id:
            return body
    return None
