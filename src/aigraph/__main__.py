"""`python -m aigraph` runs the CLI."""

from aigraph.cli import main

main()
