"""The figures of `aigraph stats` as aligned text."""

from __future__ import annotations

from aigraph.namespaces import shorten
from aigraph.render.safe_text import terminal


def text(figures: dict) -> str:
    """Triples per graph, entities per class, and the files read."""
    lines = ["triples:"] + [f"  {name:<10} {n:>8}" for name, n in figures["triples"].items()]
    lines += ["entities per class:"] + [f"  {shorten(c):<40} {n:>6}" for c, n in figures["classes"].items()]
    lines += ["files:"] + [f"  {f['role']:<9} {f['triples']:>7}  {f['path']}" for f in figures["files"]]
    return "\n".join(terminal(line) for line in lines) + "\n"  # a file's name may carry escapes
