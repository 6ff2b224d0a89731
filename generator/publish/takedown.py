"""Withdraw a cell found to hold personal data after it was published.

The cell is replaced in its input file by a dated tombstone (the rest of the file keeps its
bytes), the site is built again in full from the data, and every file the site serves
(pages, downloads, the nightly archives inside their gzip files, the ZIP) is read back to
show the value is gone. Removing it from the repository's history is a separate step,
described in the README.
"""

from __future__ import annotations

import csv
import gzip
import html
import io
import json
import re
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

from .. import paths, schema
from ..problems import Problem, ProblemError
from ..render import nights
from ..store.archive import record_pinned_withdrawal, record_rewrite
from .pinned import listed as pinned_list

SEARCHABLE = 8  # a shorter value would be found inside other words and figures
HAND_EDITED = (schema.DEPARTMENTS, schema.DISTRICTS, schema.ACCOUNTS, schema.SOURCES_TABLE, schema.ABSENCES,
               schema.CHANNELS, schema.SNAPSHOT, schema.COMPLAINTS, schema.WITHDRAWN_COMPLAINTS, schema.CORRECTIONS)


def tombstone(column: schema.Column, day: date) -> str:
    """What stands in a withdrawn cell: dated, and still a valid value of its column."""
    if column.parse is schema._url_or_source:
        return f"https://withdrawn.invalid/{day.isoformat()}"
    if column.parse in schema.FREE_TEXT:
        return f"withdrawn {day.isoformat()}"
    if not column.required:
        return ""
    raise ValueError(column.name)


def _row(text: str) -> list[str]:
    return next(csv.reader([text]), [])


def _why_served(name: str) -> str:
    """What to do about a file that still serves a withdrawn value."""
    if _pinned_copy(name):
        return ("a pinned file, written once and never rebuilt, holds the withdrawn value and is not in the pinned "
                "list: withdraw it by hand (README, 'Taking personal data down', pinned files)")
    return "still serves the withdrawn value (typed in another cell too?)"


def withdraw(file: Path, line: int, column: str, day: date) -> str:
    """Put a tombstone in one cell of an input file and return what the cell held."""

    def refuse(message: str) -> ProblemError:
        return ProblemError([Problem(str(file), line, column, message)], "nothing was withdrawn")

    try:
        # Bytes, split at line feeds only: read as text, a file's CR LF line ends would all be
        # written back as LF, and the diff would no longer show which cell was withdrawn.
        lines = [part for part in re.split(r"(?<=\n)", Path(file).read_bytes().decode("utf-8")) if part]
    except (OSError, UnicodeDecodeError) as error:
        raise refuse(f"cannot be read ({error.__class__.__name__})") from None
    header = _row(lines[0].lstrip("\ufeff")) if lines else []
    if column not in header:
        raise refuse(f"is not a column of this file ({', '.join(header)})")
    if not 2 <= line <= len(lines):
        raise refuse(f"there is no line {line}; the file has {len(lines)}")
    table = next((t for t in HAND_EDITED if set(header) <= set(t.names)), None)
    if table is None:
        raise refuse("is not a hand-edited input file")
    cells = _row(lines[line - 1])
    if len(cells) != len(header):
        raise refuse("this line is not one whole row (a cell spans lines); edit it by hand")
    try:
        stone = tombstone(next(c for c in table.columns if c.name == column), day)
    except ValueError:
        raise refuse("is a required column that cannot hold a tombstone; edit the row by hand") from None
    index = header.index(column)
    old, cells[index] = cells[index], stone
    text = lines[line - 1]
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(cells)
    # Only this line changes: every other byte of the file stays as it was.
    lines[line - 1] = out.getvalue() + text[len(text.rstrip("\r\n")):]
    Path(file).write_bytes("".join(lines).encode("utf-8"))
    return old


def _contents(path: Path) -> list[tuple[str, bytes]]:
    """The bytes a reader can get from one served file, unpacked where it is an archive."""
    data = path.read_bytes()
    if path.suffix == ".gz":
        return [(str(path), gzip.decompress(data))]
    if path.suffix == ".zip":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return [(f"{path}!{name}", archive.read(name)) for name in archive.namelist()]
    return [(str(path), data)]


def still_served(site: Path, value: str) -> list[str]:
    """Files under `site` that still hold `value`, as written or as HTML or JSON writes it."""
    forms = {value, html.escape(value), html.escape(value, quote=False), json.dumps(value)[1:-1]}
    needles = [f.encode("utf-8") for f in forms if f]
    return sorted(name for path in sorted(site.rglob("*")) if path.is_file()
                  for name, content in _contents(path) if any(n in content for n in needles))


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
    rebuild()
    if len(old.strip()) < SEARCHABLE:
        return notes + [f"{site}: built again; the value is too short to search the site for"]
    left = still_served(site, old)
    # A pinned file is written once and never rebuilt: one that holds the value is withdrawn
    # through the ledger (committed with data/, so the nightly build drops it too) and the
    # site built again without it.
    listed = {e["name"]: e for e in pinned_list(site)}
    held = sorted({_pinned_copy(name) for name in left} & set(listed))
    if held and data_dir is not None:
        for name in held:
            record_pinned_withdrawal(data_dir, name, listed[name]["sha256"])
            notes.append(f"{name}: a pinned file that held the value, withdrawn (noted in "
                         f"{Path(data_dir) / paths.TAKEDOWN_LEDGER}); if it was uploaded since, delete it: "
                         f"gh release delete-asset {listed[name]['tag']} {name} --yes")
        rebuild()
        left = still_served(site, old)
    uploaded = sorted(name for name, e in listed.items() if e.get("uploaded"))
    if uploaded:
        notes.append(f"{len(uploaded)} pinned file(s) already in the releases cannot be read here; each made while "
                     "the value was in data/ holds it: check and withdraw them as the README says "
                     "('Taking personal data down', pinned files)")
    if left:
        raise ProblemError([Problem(name, 0, column, _why_served(name)) for name in left],
                           "the cell was withdrawn from its file but not from the site")
    return notes + [f"{site}: no file the site serves holds the value any more"]


def _pinned_copy(name: str) -> str | None:
    """The pinned file a path that still_served names is the on-site copy of, or None."""
    path = name.split("!")[0]
    return Path(path).name if f"/data/{nights.ONSITE}/" in path else None
