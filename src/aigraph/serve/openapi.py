"""The OpenAPI 3 description of the web API, generated from the stored queries' metadata."""

from __future__ import annotations

from aigraph import __version__
from aigraph.serve.protocol import RESULT_FORMATS

_SCHEMAS = {"iri": {"type": "string", "description": "An IRI, a CURIE, a name, an identifier or an acronym"},
            "string": {"type": "string"},
            "date": {"type": "string", "format": "date"},
            "integer": {"type": "integer"}}
_ERROR = {"description": "A one-line message", "content": {"text/plain": {"schema": {"type": "string"}}}}


def _results() -> dict:
    content = {media: {"schema": {"type": "string"}} for media in RESULT_FORMATS.values()}
    content["application/sparql-results+json"] = {"schema": {"$ref": "#/components/schemas/SparqlResults"}}
    return {"description": "The query's rows", "content": content}


def document(queries, server_url: str = "/") -> dict:
    """The OpenAPI 3.0 document: one GET operation per stored query, plus the catalog and /sparql."""
    paths: dict[str, dict] = {
        "/api/queries": {"get": {
            "operationId": "listQueries", "summary": "The stored queries, with their parameters",
            "responses": {"200": {"description": "The catalog", "content": {"application/json": {
                "schema": {"type": "array", "items": {"type": "object"}}}}}}}},
        "/sparql": {"get": {
            "operationId": "sparql", "summary": "SPARQL 1.1 Protocol query endpoint (read-only)",
            "parameters": [{"name": "query", "in": "query", "required": True, "schema": {"type": "string"}}],
            "responses": {"200": _results(), "400": _ERROR, "503": _ERROR}}},
    }
    for query in queries:
        parameters = [{"name": p.name, "in": "query", "required": p.required, "description": p.doc,
                       "schema": dict(_SCHEMAS[p.type], **({"default": p.default} if p.default else {}))}
                      for p in query.params]
        parameters.append({"name": "format", "in": "query", "required": False,
                           "description": "Result format (else the Accept header decides)",
                           "schema": {"type": "string", "enum": list(RESULT_FORMATS)}})
        if query.uses_lang:
            parameters.append({"name": "lang", "in": "query", "required": False,
                               "description": "Which label to return where the deck gives both",
                               "schema": {"type": "string", "enum": ["en", "zh"], "default": "en"}})
        operation = {"operationId": _operation_id(query.name), "summary": query.summary,
                     "parameters": parameters,
                     "responses": {"200": _results(), "400": _ERROR, "404": _ERROR, "503": _ERROR}}
        if query.description:
            operation["description"] = query.description
        if query.tags:
            operation["tags"] = list(query.tags)
        paths[f"/api/queries/{query.name}"] = {"get": operation}
    return {
        "openapi": "3.0.3",
        "info": {"title": "aigraph", "version": __version__,
                 "description": "China's AI governance as a knowledge graph: the stored queries as a web API."},
        "servers": [{"url": server_url}],
        "paths": paths,
        "components": {"schemas": {"SparqlResults": {
            "type": "object", "description": "W3C SPARQL 1.1 Query Results JSON",
            "properties": {"head": {"type": "object"}, "results": {"type": "object"},
                           "boolean": {"type": "boolean"}}}}},
    }


def _operation_id(name: str) -> str:
    first, *rest = name.split("-")
    return first + "".join(word.capitalize() for word in rest)
