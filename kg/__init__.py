"""foi-kg: UK police FOI responses about facial recognition as a validated RDF knowledge graph."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("foi-kg")
except PackageNotFoundError:  # running from a source tree without an install
    __version__ = "0.1.0"
