"""`aigraph serve`: the graph over HTTP — a read-only SPARQL endpoint, the stored queries as a web
API with an OpenAPI document, Linked Data at /id/..., and pages people read."""
