"""aigraph: a SPARQL-queryable knowledge graph of China's AI governance."""

try:
    from aigraph._version import __version__  # written from pyproject.toml when the package is built
except ImportError:  # a source tree that was never built
    from importlib.metadata import PackageNotFoundError, version

    try:
        __version__ = version("aigraph")
    except PackageNotFoundError:
        __version__ = "0.0.0+source"

__all__ = ["Aigraph", "__version__"]


def __getattr__(name: str):
    """`from aigraph import Aigraph`, imported on first use so that `aigraph --help` stays light."""
    if name == "Aigraph":
        from aigraph.api import Aigraph

        return Aigraph
    raise AttributeError(f"module 'aigraph' has no attribute {name!r}")
