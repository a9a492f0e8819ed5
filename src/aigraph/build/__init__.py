"""Building the graph: reading files, the OWL RL closure, the cache, canonical Turtle."""
