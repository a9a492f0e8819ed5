"""Every fact about one entity, both directions, with the linked entities' labels and identifiers."""

from __future__ import annotations

from aigraph.build.graph import ASSERTED, INFERRED

_TEMPLATE = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX aig: <https://w3id.org/aigraph/ontology#>
SELECT ?direction ?property ?value ?valueLabel ?valueId ?origin WHERE {
  { GRAPH ?g { ?entity ?property ?value } BIND("out" AS ?direction) }
  UNION
  { GRAPH ?g { ?value ?property ?entity } BIND("in" AS ?direction) }
  FILTER(?g IN (GRAPHS))
  OPTIONAL { ?value rdfs:label ?chosen FILTER(LANG(?chosen) = ?lang) }
  OPTIONAL { ?value rdfs:label ?english FILTER(LANG(?english) = "en") }
  BIND(COALESCE(?chosen, ?english) AS ?valueLabel)
  OPTIONAL { ?value dcterms:identifier ?identifier }
  OPTIONAL { ?value aig:acronym ?acronym }
  BIND(COALESCE(?identifier, ?acronym) AS ?valueId)
  BIND(IF(?g = INFERRED, "inferred", "asserted") AS ?origin)
}
ORDER BY DESC(?direction) ?property ?value
"""


def describe_query(asserted: bool, named_graphs: bool = True) -> str:
    """The SELECT that lists an entity's facts; ?entity and ?lang are bound by the caller.

    Without `named_graphs` (a remote store holding everything in one graph) ?origin is unbound.
    """
    if not named_graphs:
        return (_TEMPLATE.replace("GRAPH ?g ", "").replace("  FILTER(?g IN (GRAPHS))\n", "")
                .replace('  BIND(IF(?g = INFERRED, "inferred", "asserted") AS ?origin)\n', ""))
    graphs = ASSERTED if asserted else (*ASSERTED, INFERRED)
    return (_TEMPLATE.replace("INFERRED", str(INFERRED))
            .replace("GRAPHS", ", ".join(str(g) for g in graphs)))
