"""Paths and helpers shared by the loader tests (imported by name: pytest puts this folder on
``sys.path`` because ``tests/loaders`` is not a package)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FORMATS = ROOT / "tests" / "letters" / "formats"
EXAMPLES = ROOT / "examples" / "letters"


def flat(text: str) -> str:
    """Whitespace collapsed: PDF text wraps lines wherever the typesetter did."""
    return " ".join(text.split())
