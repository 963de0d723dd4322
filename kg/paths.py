"""Where the project's source data lives: ontology, shapes, queries, reference data.

The package is run from a clone (``pip install -e .``), so the data folders sit beside ``kg/``.
``FOI_KG_HOME`` points elsewhere when the package is installed away from its data.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(os.environ.get("FOI_KG_HOME", Path(__file__).resolve().parent.parent))
ONTOLOGY_DIR = ROOT / "ontology"
ONTOLOGY_FILE = ONTOLOGY_DIR / "foi.ttl"
VOCAB_DIR = ONTOLOGY_DIR / "vocab"
CONTEXT_FILE = ONTOLOGY_DIR / "context.jsonld"
SHAPES_DIR = ROOT / "shapes"
QUERIES_DIR = ROOT / "queries"
REFERENCE_DIR = ROOT / "data" / "reference"
EXAMPLES_DIR = ROOT / "examples" / "letters"
DEFAULT_STORE = Path("kg-store")
