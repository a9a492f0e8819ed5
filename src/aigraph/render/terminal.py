"""Rows for a person at a terminal: tables that fit the width, records, display width of CJK text.

Cells are wrapped, never cut; widths count display cells (a CJK character takes two). Columns whose
every value is an IRI are left out of a table unless `wide` (or an explicit column choice) asks
for them, and the footer names what was left out.
"""

from __future__ import annotations

import unicodedata
from typing import NamedTuple

import pyoxigraph as ox

from aigraph.errors import BadOption
from aigraph.queries.table import Table

_GAP = "  "
_MIN_COLUMN = 10  # a column is never squeezed below this many cells (or its header)


class Layout(NamedTuple):
    """How to lay out rows: the terminal's width, and whether to show everything unwrapped."""

    width: int | None = None  # None: the command's terminal width, else the terminal's
    wide: bool = False  # every column, no wrapping
    columns: tuple[str, ...] = ()  # show these columns, in this order (in every format), hiding none

    @property
    def keep_iris(self) -> bool:
        return bool(self.columns)

    def project(self, table: Table) -> Table:
        """The table with the chosen columns only; an unknown name is a one-line error."""
        if not self.columns:
            return table
        unknown = [name for name in self.columns if name not in table.variables]
        if unknown:
            raise BadOption(f"--columns: no column {unknown[0]!r} (the columns are {', '.join(table.variables)})")
        return Table(list(self.columns), [{name: row[name] for name in self.columns if name in row}
                                          for row in table.rows])

    def cells(self) -> int:
        """The width to fit, in display cells."""
        if self.width is not None:
            return self.width
        import shutil

        import click
        from click import formatting

        ctx = click.get_current_context(silent=True)  # a width given to the command (CliRunner's terminal_width)
        if ctx is not None and ctx.terminal_width:
            return ctx.terminal_width
        return formatting.FORCED_WIDTH or shutil.get_terminal_size().columns


def char_width(char: str) -> int:
    """Display cells one character takes: 2 for wide and full-width, 0 for combining marks."""
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def width(text: str) -> int:
    """The display width of a line of text, in terminal cells."""
    return sum(char_width(c) for c in text)


def pad(text: str, cells: int) -> str:
    """The text padded with spaces to `cells` display cells."""
    return text + " " * max(0, cells - width(text))


def wrap(text: str, cells: int) -> list[str]:
    """The text broken into lines of at most `cells` display cells, at spaces where possible;
    a word longer than a line is split. Nothing is dropped."""
    if width(text) <= cells:
        return [text]
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        candidate = f"{line} {word}" if line else word
        if width(candidate) <= cells:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = ""
        for char in word:  # a word that does not fit on a line of its own is split
            if width(line + char) > cells and line:
                lines.append(line)
                line = ""
            line += char
    lines.append(line)
    return lines


def _display(term) -> str:
    """A term as display() gives it: one line, control characters as visible escapes."""
    from aigraph.render.output import display

    return display(term)


def iri_columns(table: Table) -> list[str]:
    """The columns whose every bound value is an IRI (and which have at least one)."""
    return [name for name in table.variables
            if any(name in row for row in table.rows)
            and all(isinstance(row[name], ox.NamedNode) for row in table.rows if name in row)]


def _shown(table: Table, layout: Layout) -> tuple[list[str], list[str], list[str]]:
    """The columns to show, the IRI columns hidden (unless every column is one) and the columns
    no row binds."""
    if layout.wide or layout.keep_iris:
        return list(table.variables), [], []
    empty = [name for name in table.variables if not any(name in row for row in table.rows)] if table.rows else []
    hidden = iri_columns(table)
    shown = [name for name in table.variables if name not in hidden and name not in empty]
    return (shown, hidden, empty) if shown else (list(table.variables), [], [])


def _floor(natural: int, cells: list[str]) -> int:
    """The narrowest a column may get: its longest word (within reason), at most its natural width."""
    longest_word = max((width(word) for cell in cells for word in cell.split(" ")), default=0)
    return min(natural, max(_MIN_COLUMN, min(longest_word, 2 * _MIN_COLUMN)))


def _fit(natural: list[int], floors: list[int], room: int) -> list[int]:
    """Column widths that sum to at most `room` where the floors allow: the widest columns give
    way first; when even the floors do not fit, they give way too, down to _MIN_COLUMN / 2."""
    widths = list(natural)
    for limits in (floors, [min(n, _MIN_COLUMN // 2) for n in natural]):
        while sum(widths) > room:
            spare = [w - f for w, f in zip(widths, limits, strict=True)]
            widest = max(range(len(widths)), key=lambda i: (spare[i] > 0, widths[i]))
            if spare[widest] <= 0:
                break
            widths[widest] -= 1
    return widths


def fits(table: Table, layout: Layout | None = None) -> bool:
    """True when the table's shown columns fit the width with no word broken across lines."""
    layout = layout or Layout()
    if layout.wide:
        return True
    shown, _, _ = _shown(table, layout)
    needed = 0
    for name in shown:
        cells = [name] + [_display(row.get(name)) for row in table.rows]
        natural = max(width(cell) for cell in cells)
        longest_word = max(width(word) for cell in cells for word in cell.split(" "))
        needed += min(natural, max(_MIN_COLUMN, longest_word))
    return needed + len(_GAP) * (len(shown) - 1) <= layout.cells()


def _footer(count: int, hidden: list[str], empty: list[str]) -> str:
    text = f"({count} row{'s' if count != 1 else ''}"
    if hidden:
        text += f"; IRI column{'s' if len(hidden) > 1 else ''} {', '.join(hidden)} hidden"
    if empty:
        text += f"; empty column{'s' if len(empty) > 1 else ''} {', '.join(empty)} hidden"
    if hidden or empty:
        text += ": --wide shows all"
    return text + ")"


def text_table(table: Table, layout: Layout | None = None) -> str:
    """Aligned columns that fit the terminal: IRIs as CURIEs, long cells (and headers) wrapped,
    IRI columns and empty columns hidden and named in the footer."""
    layout = layout or Layout()
    shown, hidden, empty = _shown(table, layout)
    cells = [[_display(row.get(name)) for name in shown] for row in table.rows]
    natural = [max([width(name)] + [width(row[i]) for row in cells]) for i, name in enumerate(shown)]
    if layout.wide:
        widths = natural
    else:
        floors = [_floor(n, [name] + [row[i] for row in cells])
                  for i, (n, name) in enumerate(zip(natural, shown, strict=True))]
        widths = _fit(natural, floors, layout.cells() - len(_GAP) * (len(shown) - 1))
    out = _lines([list(shown)], widths)
    out.append(_GAP.join("-" * w for w in widths))
    out += _lines(cells, widths)
    footer = _footer(len(cells), hidden, empty)
    out += [footer] if layout.wide else wrap(footer, layout.cells())  # a long list of hidden columns wraps too
    return "\n".join(out) + "\n"


def _lines(rows: list[list[str]], widths: list[int]) -> list[str]:
    out = []
    for row in rows:
        wrapped = [wrap(cell, w) for cell, w in zip(row, widths, strict=True)]
        for i in range(max((len(lines) for lines in wrapped), default=0)):
            out.append(_GAP.join(pad(lines[i] if i < len(lines) else "", w)
                                 for lines, w in zip(wrapped, widths, strict=True)).rstrip())
    return out


def record(table: Table, layout: Layout | None = None) -> str:
    """One field per line (`name  value`), rows apart; every bound column, long values wrapped
    (unbound fields are left out: a single answer often binds a few of many columns)."""
    layout = layout or Layout()
    names = [name for name in table.variables if any(name in row for row in table.rows)]
    label = max((width(n) for n in names), default=0)
    room = max(_MIN_COLUMN, layout.cells() - label - len(_GAP))
    blocks = []
    for number, row in enumerate(table.rows, 1):
        lines = [f"-[ row {number} ]" + "-" * max(0, min(layout.cells(), 40) - 12 - len(str(number)))]
        for name in names:
            value = _display(row.get(name))
            if not value:
                continue
            parts = [value] if layout.wide else wrap(value, room)
            lines.append(pad(name, label) + _GAP + parts[0])
            lines += [" " * (label + len(_GAP)) + part for part in parts[1:]]
        blocks.append("\n".join(lines))
    blocks.append(f"({len(table.rows)} row{'s' if len(table.rows) != 1 else ''})")
    return "\n".join(blocks) + "\n"
