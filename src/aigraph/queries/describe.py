"""Every fact about one entity, both directions, with the linked entities' labels and identifiers."""

from __future__ import annotations

from aigraph.queries.internal import internal_query


def describe_query(local: bool = True) -> str:
    """The SELECT that lists an entity's facts; ?entity, ?lang and ?assertedOnly are bound by the
    caller. On a remote store (not `local`), which holds everything in one graph, ?origin is unbound."""
    return internal_query("describe" if local else "describe-endpoint")
