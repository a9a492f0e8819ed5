"""Text a person reads, made safe for where it goes; the data itself stays intact in RDF and JSON.

- Terminal text (tables, Markdown, validation lines, describe, error messages): control characters
  (C0, DEL, C1) and the bidirectional overrides that reorder what is shown are written as visible
  `\\uXXXX` escapes (tab, newline and carriage return as `\\t`, `\\n`, `\\r`), so a label cannot clear
  the screen, set the window title, hide a hyperlink or forge an extra report line.
- CSV cells: the same escapes except for tab and newline, which CSV quotes; and a cell that a
  spreadsheet would run as a formula (it begins with = + - @, a tab or a carriage return, and is not
  a number) gets a leading apostrophe, as OWASP advises.
- TSV cells are N-Triples terms, where `\\uXXXX` is the same character: escaping keeps them exact.
"""

from __future__ import annotations

import re

_UNSAFE = "\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
_TERMINAL = re.compile(f"[{_UNSAFE}]")
_CSV = re.compile("[\x00-\x08\x0b-\x1f" + _UNSAFE[len("\x00-\x1f"):] + "]")  # tab and newline kept
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}
_FORMULA = ("=", "+", "-", "@", "\t", "\r")
_FORMULA_START = re.compile("\n[-=+@\t\r]")
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


def _escape(match: re.Match) -> str:
    char = match.group()
    return _NAMED.get(char) or f"\\u{ord(char):04X}"


def terminal(text: str) -> str:
    """One line of text that a terminal shows as written."""
    return _TERMINAL.sub(_escape, text)


def csv_cell(text: str) -> str:
    """A CSV cell: no terminal controls, and never a formula to a spreadsheet."""
    if text.startswith(_FORMULA) and not _NUMBER.fullmatch(text):
        text = "'" + text
    return _CSV.sub(_escape, text)


def csv_row_safe(cells: list[str]) -> bool:
    """True when csv_cell would change none of the cells: two scans of the whole row, at C speed."""
    joined = "\n" + "\n".join(cells)
    return not (_CSV.search(joined) or _FORMULA_START.search(joined))


def ntriples_cell(text: str) -> str:
    """An N-Triples term (TSV) with the control and bidi characters Oxigraph leaves raw escaped."""
    return _TERMINAL.sub(lambda m: f"\\u{ord(m.group()):04X}", text)
