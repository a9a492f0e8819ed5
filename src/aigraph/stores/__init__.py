"""Remote triple stores: the HTTP client, SPARQL endpoints and Graph Store loading."""
