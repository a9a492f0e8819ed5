"""A long build shows a progress bar on a terminal; a short one, or one whose stderr is piped, shows nothing."""

from __future__ import annotations

import sys

from aigraph.progress import SHOWN_FROM, Progress


def build(size: int) -> None:
    with Progress(size) as progress:
        progress.step("reading catalog.nt", size)
        progress.step("reasoning")


def test_a_large_build_on_a_terminal_shows_its_steps(monkeypatch, capsys):
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    build(SHOWN_FROM)
    err = capsys.readouterr().err
    assert "building the graph" in err and "reasoning" in err and "100%" in err


def test_a_small_build_on_a_terminal_is_quiet(monkeypatch, capsys):
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    build(SHOWN_FROM - 1)
    assert capsys.readouterr().err == ""


def test_a_piped_build_is_quiet(capsys):
    build(SHOWN_FROM * 10)
    assert capsys.readouterr().err == ""
