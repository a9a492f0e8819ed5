"""Finding things: the name and text index built with the graph, name resolution, ranked search."""
