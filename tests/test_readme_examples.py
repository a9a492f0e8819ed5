"""The README's "Reading the answers" examples are real output of the bundled graph, at 100 columns.

Run with AIGRAPH_UPDATE_README=1 to rewrite them.
"""

from __future__ import annotations

import os
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import replace_block

from aigraph.cli import cli

pytestmark = pytest.mark.slow  # builds the bundled graph

README = Path(__file__).resolve().parents[1] / "README.md"
EXAMPLES = [
    "aigraph query issuers-of-instrument -p instrument=\"Interim Measures for the Administration of Generative "
    "Artificial Intelligence Services\" --format table",
    "aigraph query committee-profile -p committee=TC260 --format record",
    "aigraph describe CAC --format table",
    "aigraph query in-force-on --help",
]


def examples() -> str:
    parts = []
    for command in EXAMPLES:
        result = CliRunner().invoke(cli, shlex.split(command)[1:], terminal_width=100)
        assert result.exit_code == 0, result.output
        parts.append(f"```console\n$ {command}\n{result.output.rstrip()}\n```\n")
    return "\n".join(parts)


def test_the_reading_examples_are_real_output():
    text = README.read_text(encoding="utf-8")
    expected = replace_block(text, "reading", examples())
    if os.environ.get("AIGRAPH_UPDATE_README"):
        README.write_text(expected, encoding="utf-8")
    assert text == expected, "README's examples are stale: AIGRAPH_UPDATE_README=1 pytest tests/test_readme_examples.py"
