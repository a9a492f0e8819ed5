"""Every fact about one entity, both directions, with the linked entities' labels and identifiers."""

from __future__ import annotations

import pyoxigraph as ox

from aigraph.queries.internal import internal_query
from aigraph.queries.sparql_text import with_term


def describe_query(local: bool = True, lang: str = "en") -> str:
    """The SELECT that lists an entity's facts in `lang`; ?entity and ?assertedOnly are bound by the
    caller. On a remote store (not `local`), which holds everything in one graph, ?origin is unbound.
    The language is written into the text as a literal (escaped by pyoxigraph): Virtuoso 7.2 does
    not see a VALUES-bound ?lang in `OPTIONAL { ... FILTER(LANG(?chosen) = ?lang) }`, and a label
    joined on its language instead makes Oxigraph read every label of the graph (0.12 -> 0.59 s at
    1M triples)."""
    text = internal_query("describe" if local else "describe-endpoint")
    return with_term(text, "lang", str(ox.Literal(lang)))
