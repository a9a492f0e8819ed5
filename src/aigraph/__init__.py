"""aigraph: a SPARQL-queryable knowledge graph of China's AI governance."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("aigraph")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"
