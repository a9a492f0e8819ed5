"""The project's prefixes, declared once and bound explicitly wherever a graph is serialized."""

ONTOLOGY = "https://w3id.org/aigraph/ontology#"
SHAPES = "https://w3id.org/aigraph/shapes#"
DATA = "https://w3id.org/aigraph/id/"
GRAPHS = "https://w3id.org/aigraph/graph/"

PREFIXES: dict[str, str] = {
    "aig": ONTOLOGY,
    "aigd": DATA,
    "aigsh": SHAPES,
    "dcat": "http://www.w3.org/ns/dcat#",
    "dcterms": "http://purl.org/dc/terms/",
    "eli": "http://data.europa.eu/eli/ontology#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "org": "http://www.w3.org/ns/org#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "prov": "http://www.w3.org/ns/prov#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "sh": "http://www.w3.org/ns/shacl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "vann": "http://purl.org/vocab/vann/",
    "void": "http://rdfs.org/ns/void#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}

XSD = PREFIXES["xsd"]
RDF_TYPE = PREFIXES["rdf"] + "type"


def expand_curie(value: str) -> str | None:
    """Expand `prefix:local` with one of the project's prefixes, or return None."""
    prefix, sep, local = value.partition(":")
    if sep and prefix in PREFIXES and not local.startswith("//"):
        return PREFIXES[prefix] + local
    return None


def shorten(iri: str) -> str:
    """Write an IRI as a CURIE when one of the project's prefixes covers it."""
    best = ""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(namespace) > len(PREFIXES.get(best, "")):
            best = prefix
    return f"{best}:{iri[len(PREFIXES[best]):]}" if best else iri


def bind_all(graph) -> None:
    """Bind every project prefix on an rdflib graph, replacing any other binding of the name."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)


def sparql_prologue() -> str:
    """PREFIX declarations for every project prefix (for queries sent to remote stores)."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in sorted(PREFIXES.items()))
