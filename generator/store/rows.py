"""CSV rows as the project writes them (RFC 4180), read with the line each fault is on.

One reader, one rule: validate reads the input files with it, and a takedown reads the cell
it withdraws and every CSV file the site serves with it, so that a file one accepts the
other can read. A cell is quoted, its quotes doubled, or holds none of , " and line ends: a
stray quote (5" screen) is refused, never read as text by one reader and as the start of a
quoted cell by the other. Read here, not by the csv module, whose longest cell is one limit
for every thread of the process: a served cell can be as long as the file that holds it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TextIO

# A run of letters is taken at once, not a letter at a time ("(?:[^"]|"")*" took 2.5 s over a
# cell of 30 MB).
CELL = re.compile(r'"[^"]*(?:""[^"]*)*"|[^",\r\n]*')
# The start of a row whose last cell is quoted and goes on past the line's end. Each cell is
# read once, never again another way (atomic, possessive): a line that is no such start is
# refused in one pass, however many cells it has.
_OPEN = re.compile(rf'(?:(?>{CELL.pattern}),)*+"[^"]*+(?:""[^"]*+)*+')
# What ends a line as a text read with newline="" splits it.
_LINE_END = re.compile(r"\r\n?|\n")


class Malformed(ValueError):
    """Text that is not CSV as the project writes it: `line`, the line the fault is on, what is
    wrong (`what`; str() gives both) and the number of the cell it is in (`cell`, 0 for none)."""

    def __init__(self, line: int, what: str, cell: int = 0) -> None:
        super().__init__(f"line {line}: {what}")
        self.line, self.what, self.cell = line, what, cell


def records(text: TextIO, longest: int) -> Iterator[tuple[int, int, str]]:
    """(first line, last line, text with its line ends) of each row of a CSV text, read a line
    at a time: a quoted cell may hold line ends. A line whose odd quote opens no quoted cell
    (a stray one, as in 5" screen) is a row of its own, for `row_cells` to name, never the start
    of one that swallows the lines after it. Malformed for a row longer than `longest`
    characters, or a quoted cell still open at the end."""
    row, quotes, first, number = "", 0, 1, 0
    while line := text.readline(longest + 1 - len(row)):
        number += 1
        if not row:
            first = number
        row, quotes = row + line, quotes + line.count('"')
        if len(row) > longest:
            raise Malformed(first, f"goes on past {longest:,} characters, more than the bytes of its archive")
        if quotes % 2 and (first < number or _OPEN.fullmatch(row, int(number == 1 and row.startswith("\ufeff")))):
            continue  # a quoted cell goes on past this line's end
        yield first, number, row
        row, quotes = "", 0
    if row:
        raise Malformed(first, "a quoted cell begun there is never closed (the file ends inside it)")


class _Fault(ValueError):
    """Where in a row (`at`, a character; in its cell `cell`) what is wrong (the message) is."""

    def __init__(self, at: int, cell: int, what: str) -> None:
        super().__init__(what)
        self.at, self.cell = at, cell


def cells(row: str) -> list[str]:
    """The cells of one row (without its line end), their quotes undone; none of an empty line.
    _Fault, naming the cell and what is wrong, where it is not CSV as the project writes it."""
    found: list[str] = []
    at = 0
    while row and at <= len(row):
        cell = CELL.match(row, at).group()  # type: ignore[union-attr]  # it matches anywhere
        at += len(cell)
        if at < len(row) and row[at] != ",":
            raise _Fault(at, len(found) + 1, _fault(len(found) + 1, cell, row[at]))
        found.append(cell[1:-1].replace('""', '"') if cell.startswith('"') else cell)
        at += 1
    return found


def _fault(number: int, cell: str, after: str) -> str:
    """What is wrong where cell `number` of a row (`cell` read of it) is followed by `after`, not a comma."""
    said = f"cell {number}"
    if cell.startswith('"'):
        return f"{said} is quoted, then goes on with {after!r}: a quoted cell ends at a comma or the line's end"
    if after != '"':
        return f"{said} holds a line end but is not quoted"
    if not cell:
        return f"{said} opens a quote it never closes"
    return f"{said} holds a quote (\") but is not quoted: a cell holding one is quoted whole, its quotes doubled"


def written(values: list[str]) -> str:
    """A row as the project writes it, for `cells` to read back: a cell holding , " or a line
    end quoted, its quotes doubled."""
    return ",".join(f'"{c.replace(chr(34), chr(34) * 2)}"' if re.search(r'[",\r\n]', c) else c for c in values)


def row_cells(first: int, last: int, row: str) -> list[str]:
    """The cells of a row of `records`; Malformed, naming the line the fault is on (a row's
    quoted cells may hold line ends: not always the line it begins on), where they cannot be
    read."""
    body = row.rstrip("\r\n").removeprefix("\ufeff" if first == 1 else "")
    if '"' not in body:
        return body.split(",") if body else []  # most rows: nothing quoted
    try:
        return cells(body)
    except _Fault as fault:
        raise Malformed(first + len(_LINE_END.findall(body, 0, fault.at)), str(fault), fault.cell) from None
