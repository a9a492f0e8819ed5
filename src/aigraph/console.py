"""The `aigraph` command's entry point: the CLI imported with the garbage collector paused."""

import gc


def main() -> None:
    """Import the CLI with the collector paused, then freeze what the import made (modules,
    classes, functions: they live as long as the process), so that no collection walks them
    again: some 10 ms of a short command's start-up."""
    gc.disable()
    try:
        from aigraph.cli import main as run
    finally:
        gc.freeze()
        gc.enable()
    run()
