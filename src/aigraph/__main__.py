"""`python -m aigraph` runs the CLI."""

from .cli import main

main()
