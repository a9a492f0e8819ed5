"""A progress bar on stderr for a long build; nothing at all for a short one or off a terminal."""

from __future__ import annotations

import sys

SHOWN_FROM = 4_000_000  # input bytes (about 25,000 triples) from which a build shows its progress


class Progress:
    """The steps of a build: reading each file (weighed by its size), reasoning, caching."""

    def __init__(self, input_bytes: int):
        self.bar = None
        self.share = max(input_bytes, 1) // 2  # what reasoning, and then caching, weigh
        self.pending = 0
        if input_bytes >= SHOWN_FROM and sys.stderr.isatty():
            import click

            self.bar = click.progressbar(length=input_bytes + 2 * self.share, file=sys.stderr,
                                         label="aigraph: building the graph", show_eta=False,
                                         item_show_func=lambda step: step)

    def __enter__(self) -> Progress:
        if self.bar is not None:
            self.bar.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            if exc[0] is None:
                self.bar.update((self.bar.length or 0) - self.bar.pos, "done")
            self.bar.__exit__(*exc)

    def step(self, what: str, weight: int | None = None) -> None:
        """Finish the previous step and start this one (weighing `weight`, else a reasoning share)."""
        if self.bar is not None:
            self.bar.update(self.pending, what)
        self.pending = self.share if weight is None else weight
