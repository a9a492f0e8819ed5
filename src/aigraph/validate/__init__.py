"""Validation: SHACL shapes, OWL consistency rules and integrity checks."""
