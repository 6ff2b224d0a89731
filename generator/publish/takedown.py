"""Withdraw a cell found to hold personal data after it was published.

The cell is replaced in its input file by a dated tombstone (the rest of the file keeps its
bytes), the site is built again in full from the data, and every file the site serves
(pages, downloads, the nightly archives inside their gzip files, the ZIP) is read back to
show the value is gone. Removing it from the repository's history is a separate step,
described in the README.
"""

from __future__ import annotations

import gzip
import html
import io
import json
import os
import re
import zipfile
import zlib
from collections.abc import Callable, Generator, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import IO, TextIO
from urllib.parse import unquote

from .. import paths, schema
from ..problems import Problem, ProblemError
from ..render import nights
from ..store.archive import record_pinned_withdrawal, record_rewrite
from ..store.csvio import write_atomic
from ..store.rows import Malformed, records, row_cells, written
from ..within import NotPlain, open_plain, read_within, why_not
from .pinned import listed as pinned_list

# A shorter value would be found inside other words and figures: it is looked for only as a
# whole cell of its column, in the CSV files the site serves (the pinned ZIPs among them).
SEARCHABLE = 8
HAND_EDITED = (schema.DEPARTMENTS, schema.DISTRICTS, schema.ACCOUNTS, schema.SOURCES_TABLE, schema.ABSENCES,
               schema.CHANNELS, schema.SNAPSHOT, schema.COMPLAINTS, schema.WITHDRAWN_COMPLAINTS, schema.CORRECTIONS,
               schema.TITLES)
# Columns of names separated by ';', which the search index ships as a list of the names.
LISTS = {c.name for t in HAND_EDITED for c in t.columns if c.parse is schema._terms}
# What Python-Markdown reads as an escape (render/context.py writes one before each such character).
_MARKDOWN_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])")


def tombstone(column: schema.Column, day: date) -> str:
    """What stands in a withdrawn cell: dated, and still a valid value of its column."""
    if column.parse is schema._url_or_source:
        return f"https://withdrawn.invalid/{day.isoformat()}"
    if column.parse in schema.FREE_TEXT or column.parse is schema._terms:
        # A list of names too: blank, a titles row's name_words would widen it to every department.
        return f"withdrawn {day.isoformat()}"
    if not column.required:
        return ""
    raise ValueError(column.name)


def _why_served(name: str, what: str) -> str:
    """What to do about a file that still serves a withdrawn value, or may (`what`: why it
    was not read)."""
    if what != HOLDS:
        return (f"not read ({what}), so not known not to serve the withdrawn value: remove it and build the "
                "site again before deploying it")
    if _pinned_copy(name):
        return ("a pinned file, written once and never rebuilt, holds the withdrawn value and is not in the pinned "
                "list: withdraw it by hand (README, 'Taking personal data down', pinned files)")
    return "still serves the withdrawn value (typed in another cell too?)"


def withdraw(file: Path, line: int, column: str, day: date) -> str:
    """Put a tombstone in one cell of an input file and return what the cell held. The cell's
    row is read as every served file is (store/rows.py): it may span lines (a quoted
    cell holding a line end), and `line` is the one it begins on, as validate names it."""

    def refuse(message: str) -> ProblemError:
        return ProblemError([Problem(str(file), line, column, message)], "nothing was withdrawn")

    try:
        # Bytes, their line ends kept: read as text, a file's CR LF line ends would all be
        # written back as LF, and the diff would no longer show which cell was withdrawn. Not
        # through a link: the tombstone would go to whatever file it leads to.
        data = read_within(Path(file).parent, Path(file).name)
    except NotPlain as error:
        raise refuse(f"{why_not(error)}: withdraw the cell in the plain file itself") from None
    except OSError as error:
        raise refuse(why_not(error)) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise refuse("cannot be read (not UTF-8 text)") from None
    # Read lazily, up to the cell's row: a fault further down is not this takedown's to refuse.
    read = records(io.StringIO(text, newline=""), len(text))
    try:
        first, last, row = next(read, (1, 0, ""))
        header = row_cells(first, last, row)
        if column not in header:
            raise refuse(f"is not a column of this file ({', '.join(header)})")
        done = 0  # characters of the file before the cell's row
        while last < line and (record := next(read, None)):
            done += len(row)
            first, last, row = record
        if line < 2:  # "the file has 1" would read as if line 1 were missing
            raise refuse("is no row of cells: line 1 is the header, the rows start at line 2")
        if line > last:
            raise refuse(f"there is no line {line}; the file has {last}")
        if first != line:
            raise refuse(f"is inside a quoted cell of the row that begins on line {first}: name that line")
        cells = row_cells(first, last, row)
    except Malformed as error:
        raise refuse(f"cannot be read as CSV ({error}); edit it by hand") from None
    table = next((t for t in HAND_EDITED if set(header) <= set(t.names)), None)
    if table is None:
        raise refuse("is not a hand-edited input file")
    if len(cells) != len(header):
        raise refuse(f"has {len(cells)} cells where the header has {len(header)}; edit it by hand")
    try:
        stone = tombstone(next(c for c in table.columns if c.name == column), day)
    except ValueError:
        raise refuse("is a required column that cannot hold a tombstone; edit the row by hand") from None
    index = header.index(column)
    if not cells[index].strip():
        # Nothing to withdraw: a mistyped line or column. A tombstone there would only add a
        # value the cell never held, and one its column's rules may refuse (a district).
        raise refuse("is blank: there is nothing to withdraw (check the line and the column)")
    old, cells[index] = cells[index], stone
    # Only this row changes: every other byte of the file stays as it was, its line end too.
    new = written(cells) + row[len(row.rstrip("\r\n")):]
    # In place of the file's name, never through it: a link swapped in since is replaced, not followed.
    write_atomic(Path(file), (text[:done] + new + text[done + len(row):]).encode("utf-8"))
    return old


# GitHub Pages serves a site of 1 GB at most (DESIGN.md): no file it serves, nor anything
# unpacked from one, can be larger; nor can all the members of one archive together. A file
# that would inflate past it is named, not read to its end: a few megabytes of gzip or ZIP can
# inflate to gigabytes (a ZIP's members can even share their compressed bytes, each inflating
# to the bound), and reading them would take hours.
LARGEST = 10**9
_CHUNK = 1 << 20
# A file is read a block of text at a time, never whole (a nightly archive unpacks to hundreds
# of megabytes): the text a value could stand in is carried from one block into the next.
_BLOCK = 1 << 20
# The most characters of a file one character of its reading can come from (`_views`): a byte
# of UTF-8 percent-escaped, its "%" written as an HTML entity ("&percnt;F0", four such a letter).
_WIDEST = 40


class _TooLarge(Exception):
    """A file or a member unpacks past its bound."""


class _Unreadable(Exception):
    """A file read only in part (its message says why, `line` where it stopped): not known not
    to hold the value."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


def _rows(text: TextIO, longest: int) -> Iterator[list[str]]:
    """The cells of each row of a CSV text (`records`: none longer than `longest` characters,
    the bytes of the file served: a character is one at least, so no plain file's row is; one
    unpacked from few bytes is not read past it). _Unreadable where a row cannot be read: the
    cells after it are not known."""
    try:
        for record in records(text, longest):
            yield row_cells(*record)
    except Malformed as error:
        raise _Unreadable(f"its cells could not all be read: {error}", error.line) from None


class _Capped(io.RawIOBase):
    """The bytes a reader unpacks from a file, counted (`size`): _TooLarge past `limit`."""

    def __init__(self, handle: IO[bytes], limit: int) -> None:
        super().__init__()
        self.handle, self.limit, self.size = handle, limit, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        data = self.handle.read(len(buffer))
        self.size += len(data)
        if self.size > self.limit:
            raise _TooLarge
        buffer[:len(data)] = data
        return len(data)


# What holds a value: given a file's name, its text read as a stream, and the most characters a
# row of it can have (`_rows`).
Holder = Callable[[str, TextIO, int], bool]


# Where a file still serves the value, or may: (its name, what: HOLDS or why it was not read,
# the line its reading stopped at, 0 where none is known).
Left = tuple[str, str, int]


def _member(name: str, handle: IO[bytes], limit: int, size: int,
            holds: Holder) -> Generator[Left, None, int]:
    """(name, what, line) of one file or member, read as text a block at a time, if it holds the value
    or was not read to its end (past `limit`, or a CSV row longer than `size`, the bytes of the
    file served: a character is one at least, so no plain file's row is); returns the bytes it
    unpacked to."""
    capped = _Capped(handle, limit)
    try:
        text = io.TextIOWrapper(io.BufferedReader(capped, _CHUNK), "utf-8", "replace", newline="")
        found = holds(name, text, size)
        if found:
            yield name, HOLDS, 0
    except _Unreadable as error:
        yield name, str(error), error.line
    except _TooLarge:
        yield name, (f"unpacks to more than {LARGEST:,} bytes, more than a site may serve" if limit >= LARGEST else
                     f"not read to its end: with the members before it, its archive unpacks to more than "
                     f"{LARGEST:,} bytes, more than a site may serve"), 0
    return capped.size


def _contents(name: str, handle: IO[bytes], size: int, holds: Holder) -> Iterator[Left]:
    """(name, what, line) of one served file (`handle`, of `size` bytes), read as a stream and
    unpacked where it is an archive, one member at a time: each that holds the value, or was
    not read (too large unpacked). The members of a ZIP together unpack to LARGEST at most:
    those after it are named by their archive, unread."""
    if name.endswith(".gz"):
        with gzip.GzipFile(fileobj=handle) as unpacked:
            yield from _member(name, unpacked, LARGEST, size, holds)
    elif name.endswith(".zip"):
        left = LARGEST
        with zipfile.ZipFile(handle) as archive:
            members = archive.infolist()
            for n, inner in enumerate(members):
                if left < 0:
                    yield name, (f"its members together unpack to more than {LARGEST:,} bytes, more than a site "
                                 f"may serve: {len(members) - n} member(s) from {inner.filename} on not read"), 0
                    return
                with archive.open(inner) as member:
                    left -= yield from _member(f"{name}!{inner.filename}", member, left, size, holds)
    else:
        yield from _member(name, handle, LARGEST, size, holds)


def _served(site: Path, holds: Holder) -> Iterator[Left]:
    """(name, what, line) of each file under `site` (each member of an archive) that holds the value
    (what: HOLDS), or was not read (what: why not). Nothing is read through a link: one in the
    site (planted, or left by a restored copy) could lead to any file of the machine, and what
    it leads to is not what is served."""
    unlisted: list[OSError] = []  # a folder that could not be listed: its files are not known
    for folder, folders, files in os.walk(site, onerror=unlisted.append):
        for name in sorted(files + [f for f in folders if os.path.islink(os.path.join(folder, f))]):
            path = os.path.join(folder, name)
            try:
                with open_plain(site, Path(path).relative_to(site).as_posix(), LARGEST) as (handle, info):
                    yield from _contents(path, handle, info.st_size, holds)
            except OSError as error:
                yield path, why_not(error), 0
            except (EOFError, ValueError, RuntimeError, NotImplementedError, zipfile.BadZipFile, zlib.error):
                yield path, "cannot be unpacked", 0
    yield from ((str(error.filename), why_not(error), 0) for error in unlisted)


def _found(text: TextIO, needles: set[str], views: Callable[[str], Iterable[str]]) -> bool:
    """Whether any of `needles` is in a view of `text`, read a block at a time: each block read
    with the end of the one before it, as long as any needle can be written in the file."""
    if not needles:
        return False
    overlap, tail = _WIDEST * max(map(len, needles)), ""
    while block := text.read(_BLOCK):
        window = tail + block
        if any(n in view for view in views(window) for n in needles):
            return True
        tail = window[-overlap:]
    return False


def _forms(value: str) -> set[str]:
    """`value` as each writer of the site puts it in a file: as it is, in a JSON string (with
    or without its letters as \\u escapes, with < as \\u003c where JSON sits in a page) and in
    a quoted CSV cell (each " doubled). HTML and XML entities, markdown escapes and the
    percent-encoding of a link are undone on the file's side (`_views`)."""
    dumped = json.dumps(value, ensure_ascii=False)[1:-1]
    return {value, dumped, json.dumps(value)[1:-1], dumped.replace("<", "\\u003c"), value.replace('"', '""'),
            html.escape(value), html.escape(value, quote=False)}


def _views(text: str) -> set[str]:
    """A file's text as written, and as a reader gets it back: entities of HTML, XML and SVG
    (&quot; &#34; &#39; &amp; ...) read, markdown's escapes read (before the entities or
    after them), and a link's %-escapes."""
    read, plain = html.unescape(text), _MARKDOWN_ESCAPE.sub(r"\1", text)
    return {text, read, plain, html.unescape(plain), _MARKDOWN_ESCAPE.sub(r"\1", read), unquote(read)}


def _is_csv(name: str) -> bool:
    return name.removesuffix(".gz").endswith(".csv")


def _in_column(column: str, value: str) -> Holder:
    """Whether a CSV file (name, text) holds `value` as a whole cell of `column`, or of a
    published column named after it (name_en as department_name_en, source_url as
    reply_source_url). A cell a spreadsheet would read as a formula is published with an
    apostrophe before it."""
    cells = {value, "'" + value}

    def holds(name: str, text: TextIO, longest: int) -> bool:
        if not _is_csv(name):
            return False
        rows = _rows(text, longest)  # a row at a time
        header = next(rows, [])
        at = [i for i, h in enumerate(header) if h == column or h.endswith("_" + column)]
        return bool(at) and any(row[i].strip() in cells for row in rows for i in at if i < len(row))
    return holds


def _as_lists(value: str) -> set[str]:
    """A list of names (`LISTS`) as the search index ships it: a JSON list of the names."""
    names = [t.strip() for t in value.split(";") if t.strip()]
    return {json.dumps(names, ensure_ascii=False, separators=(",", ":"))[1:-1],
            json.dumps(names, ensure_ascii=False)[1:-1]}


def _anywhere(value: str, column: str | None) -> Holder:
    """Whether a file (name, text) holds `value` in any form the site writes it in (a list
    of names also as the search index ships it)."""
    # A CSV cell holds it as written, or with its quotes doubled: both are needles.
    needles = _forms(value) | (_as_lists(value) if column in LISTS else set())
    return lambda name, text, longest: _found(text, needles, _views)


def _holder(value: str, column: str | None) -> Holder:
    """How to tell a file that holds `value`: anywhere in it, or, for a value too short for
    that, as a whole cell of its column in a CSV file, or a list of names as the search index
    ships it (each name quoted, in a JSON file)."""
    if column is None or searched_whole(value):
        return _anywhere(value, column)
    in_column = _in_column(column, value)
    lists = _as_lists(value) if column in LISTS else set()
    return lambda name, text, longest: (in_column(name, text, longest)
                                        or name.endswith(".json") and _found(text, lists, lambda t: (t,)))


def searched_whole(value: str) -> bool:
    """Whether `value` is long enough to look for anywhere, not only as a whole cell."""
    return len(value.strip()) >= SEARCHABLE


HOLDS = "holds the withdrawn value"


def still_served(site: Path, value: str, column: str | None = None) -> list[tuple[str, str]]:
    """(file, what) of each file under `site` that still holds `value` (what: HOLDS): as
    written, or as HTML, XML, SVG, JSON, CSV, markdown or a link writes it; a CSV file's cells
    are read as a spreadsheet reads them. A value shorter than SEARCHABLE is looked for only
    as a whole cell of its `column` in the CSV files (given no column, anywhere). A file not
    read (a link, a pipe, an archive that cannot be unpacked, a CSV of one whose cell is longer
    than the archive's bytes) is named too, with why: it is not known not to serve the value."""
    return [(name, what) for name, what, _ in _left(site, value, column)]


def _left(site: Path, value: str, column: str | None) -> list[Left]:
    """`still_served`, with the line each file's reading stopped at (0 where none is known)."""
    value = value.strip()
    if not value:
        return []
    return sorted(_served(site, _holder(value, column)))


def take_down(file: Path, line: int, column: str, day: date, site: Path | None,
              rebuild: Callable[[], object], data_dir: Path | None = None) -> list[str]:
    """Withdraw the cell, rebuild the site and return the notes to print. A nightly file of
    `data_dir` is noted in its takedown ledger, so that a store of parsed nights (the nightly
    workflow's cache) reads it again instead of refusing an older night that changed."""
    old = withdraw(file, line, column, day)
    notes = [f"{file}:{line}: {column}: withdrawn, a tombstone dated {day.isoformat()} in its place"]
    if data_dir is not None and record_rewrite(data_dir, file):
        notes.append(f"{Path(data_dir) / paths.TAKEDOWN_LEDGER}: the file's new digest noted; commit it with the file")
    if site is None:
        return notes
    try:
        rebuild()
    except ProblemError as error:
        # The tombstone stays, so that no later build publishes the value again; but the file
        # changed, and the report must not say that nothing was written.
        raise ProblemError(error.problems, f"the cell was withdrawn from {file}, but the site could not be built "
                                           "again: fix these, then build and deploy") from None
    if not searched_whole(old):
        notes.append(f"{site}: the value is short: looked for as a whole cell of {column} in every CSV file the "
                     "site serves (the pinned files' among them), not in the pages")
    left = _left(site, old, column)
    # A pinned file is written once and never rebuilt: one that holds the value is withdrawn
    # through the ledger (committed with data/, so the nightly build drops it too) and the
    # site built again without it.
    listed = {e["name"]: e for e in pinned_list(site)}
    held = sorted({_pinned_copy(name) for name, what, _ in left if what == HOLDS} & set(listed))
    if held and data_dir is not None:
        for name in held:
            record_pinned_withdrawal(data_dir, name, listed[name]["sha256"])
            notes.append(f"{name}: a pinned file that held the value, withdrawn (noted in "
                         f"{Path(data_dir) / paths.TAKEDOWN_LEDGER}); if it was uploaded since, delete it: "
                         f"gh release delete-asset {listed[name]['tag']} {name} --yes")
        rebuild()
        left = _left(site, old, column)
    uploaded = sorted(name for name, e in listed.items() if e.get("uploaded"))
    if uploaded:
        notes.append(f"{len(uploaded)} pinned file(s) already in the releases cannot be read here; each made while "
                     "the value was in data/ holds it: check and withdraw them as the README says "
                     "('Taking personal data down', pinned files)")
    if left:
        raise ProblemError([Problem(name, line, column, _why_served(name, what)) for name, what, line in left],
                           "the cell was withdrawn from its file but not from the site")
    return notes + [f"{site}: no file the site serves holds the value any more"]


def _pinned_copy(name: str) -> str | None:
    """The pinned file a path that still_served names is the on-site copy of, or None."""
    path = name.split("!")[0]
    return Path(path).name if f"/data/{nights.ONSITE}/" in path else None
