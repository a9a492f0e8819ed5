"""The README stays in step with the code: its test command is CI's, its reference is --help.

Run with AIGRAPH_UPDATE_README=1 to rewrite the generated parts.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from click.testing import CliRunner
from helpers import replace_block

from aigraph.cli import cli

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"


def quick_start() -> list[str]:
    section = README.read_text(encoding="utf-8").split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section)


def test_the_quick_start_has_exactly_two_commands():
    install_and_query, install_and_test = quick_start()
    assert install_and_query.startswith("pip install . && aigraph query ")
    assert install_and_test.startswith("pip install '.[test]' && ")


def test_ci_runs_the_readme_test_command_verbatim():
    command = quick_start()[1]
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert command in ci_lines


def cli_reference() -> str:
    parts = []
    for name in [None, *sorted(cli.commands)]:
        args = ["--help"] if name is None else [name, "--help"]
        text = CliRunner().invoke(cli, args, terminal_width=100).output.rstrip()
        parts.append(f"### `aigraph{'' if name is None else ' ' + name}`\n\n```text\n{text}\n```\n")
    return "\n".join(parts)


def test_the_command_reference_is_the_help_text():
    text = README.read_text(encoding="utf-8")
    expected = replace_block(text, "cli", cli_reference())
    if os.environ.get("AIGRAPH_UPDATE_README"):
        README.write_text(expected, encoding="utf-8")
    assert text == expected, "README's command reference is stale: AIGRAPH_UPDATE_README=1 pytest tests/test_readme.py"
