"""The stored-query catalog, parameter binding, SPARQL text helpers and result tables."""
