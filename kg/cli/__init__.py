"""The ``kg`` command line: a thin typer layer over the library.

Each ``cmd_*.py`` module in this package registers its commands on ``app``; they are
imported here in name order, so adding a command is adding a module.
"""

from __future__ import annotations

import importlib
import pkgutil

from kg.cli.app import app

for _mod in sorted(m.name for m in pkgutil.iter_modules(__path__) if m.name.startswith("cmd_")):
    importlib.import_module(f"{__name__}.{_mod}")


def main() -> None:
    """Console-script entry point."""
    app()


__all__ = ["app", "main"]
