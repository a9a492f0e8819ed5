"""`python -m aigraph` runs the CLI."""

from aigraph.console import main

main()
