"""aigraph: a SPARQL-queryable knowledge graph of China's AI governance."""

try:
    from aigraph._version import __version__  # written from pyproject.toml when the package is built
except ImportError:  # a source tree that was never built
    from importlib.metadata import PackageNotFoundError, version

    try:
        __version__ = version("aigraph")
    except PackageNotFoundError:
        __version__ = "0.0.0+source"
