"""A compact store of the parsed nightly files, so a build reads only what is new.

Each nightly file (`snapshots/<platform>/<day>.csv`, `replies/<platform>/<day>.csv`) is
parsed and checked once; its rows are kept beside the project as one `.rows` file of plain
arrays (a JSON header naming each array's type and place, then the bytes, read back with
`numpy.frombuffer`: data only, nothing that runs code when read), with the digest of the
file they came from and a digest of the arrays themselves. Each entry is written to a
temporary file, synced and renamed, so a build killed at any point leaves every entry whole
or absent. The next build takes a file's rows from the store when the file still has that
digest, and parses it again otherwise:

- the newest night of a folder may change (a second run of the same night merges into its
  file): it is parsed again and stored anew;
- an older night that changed is refused as a data problem, not mixed in silently;
- an entry that cannot be read, is cut short, or was written by another version of the
  package or of this format is not trusted: the file is parsed again and the entry rewritten.

Once a month is over (a folder has a night in a later month), its nights' entries are
joined into one entry of the month (`<folder>/<YYYY-MM>.month.rows`), listing each file and
its digest: a build then unpacks three dozen months and the current month's nights instead
of a thousand nights, each of whose texts would be pooled again. A month's entry is used only
while the month's files are exactly the ones it lists, each with its listed digest (a changed
one is refused like any older night); otherwise that month's files are read as above and the
month is joined again.

Hand-edited files (registry, manual observations, complaints, corrections) are small and are
read on every build; they never enter the store.

Frames come out in one canonical form whether their rows were read from the store or from
the files (`canonical`): text cells as shared Python strings with NaN for a blank, counts
as nullable integers, numbers as floats. Each distinct text (an id, a handle, a date) is one
object, whatever the number of nights that repeat it; each row's line as read is a number
into a scratch file of lines (store/lines.py). The rows themselves still grow with the nights.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import stat
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Set
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import TypeVar

import numpy as np
import pandas as pd

from .. import __version__, paths, schema
from ..problems import Problem
from .csvio import INTERNAL, read_tables, write_atomic
from .lines import REF, Lines, LinesBuilder, of

FORMAT = 5  # raise when the arrays of an entry, or the checks its rows passed, change meaning
HISTORY = "history"  # the store's folder inside paths.CACHE
NIGHTLY = (paths.SNAPSHOTS, paths.REPLIES)  # folders of one file per platform per day
TEXT = "_text"  # a row's line as read from a plain file; loaded into store/lines.py, not as a string per row
SUFFIX = ".rows"
BATCH = 32  # nightly files parsed at once when they are not in the store
MAGIC = b"jawabdehi-rows\n"
HEADER_MAX = 64 << 20  # an entry's JSON header is a few kilobytes; a larger one is no entry
AHEAD = 8  # nightly files read and digested ahead of the one being unpacked
MONTH = ".month"  # a month's entry: `<folder>/<YYYY-MM>.month.rows`
MADE = "made"  # files made from one nightly file: `<store>/made/<file's published path>.rows`
NIGHT = re.compile(r"(\d{4}-\d{2})-\d{2}\.csv")

# Nightly files of one folder's month, in name order, with (folder, YYYY-MM); None for a file
# not named by its day and the nights of a month such a file splits.
Group = tuple[tuple[str, str] | None, list[Path]]
T = TypeVar("T")
R = TypeVar("R")


def default_store(project: Path) -> Path:
    return Path(project) / paths.CACHE / HISTORY


def digest(raw: bytes) -> str:
    """A file's or an entry's digest. SHA-256: runners' processors compute it in hardware, twice
    as fast as BLAKE2 here (1.37 against 0.72 GB/s), and three years of nights are 1.8 GB."""
    return hashlib.sha256(raw).hexdigest()


def _fingerprint(table: schema.Table) -> str:
    return ",".join(f"{c.name}:{c.kind}" for c in table.columns)


def _pooled_columns(table: schema.Table) -> list[str]:
    """Text columns whose values repeat across rows: one shared string per distinct value."""
    return [c.name for c in table.columns if c.kind not in ("integer", "number")] + ["_file"]


def _text_columns(table: schema.Table) -> list[str]:
    """Every text column of a stored entry: the pooled ones and each row's line as read."""
    return _pooled_columns(table) + [TEXT]


# --- one chunk of rows as plain arrays -------------------------------------------------

def encode(frame: pd.DataFrame, table: schema.Table) -> dict[str, np.ndarray]:
    """A frame's rows as arrays: each text column as its distinct values (one UTF-8 blob and
    their ends) and a code per row (-1 for a blank)."""
    arrays: dict[str, np.ndarray] = {"_line": frame["_line"].to_numpy(dtype="int64")}
    for column in table.columns:
        values = frame[column.name]
        if column.kind == "integer":
            arrays[f"{column.name}:mask"] = values.isna().to_numpy()
            arrays[f"{column.name}:values"] = values.fillna(0).to_numpy(dtype="int64")
        elif column.kind == "number":
            arrays[f"{column.name}:values"] = values.to_numpy(dtype="float64", na_value=np.nan)
    for name in _text_columns(table):
        values = frame[name] if name in frame else pd.Series(np.nan, index=frame.index, dtype=object)
        codes, uniques = pd.factorize(values.to_numpy(dtype=object), use_na_sentinel=True)
        arrays[f"{name}:codes"] = codes.astype(np.min_scalar_type(-len(uniques) - 1))  # -1 for a blank
        arrays.update(_word_arrays(name, [str(u) for u in uniques]))
    return arrays


def _word_arrays(name: str, words: list[str]) -> dict[str, np.ndarray]:
    """Distinct values as one UTF-8 blob: joined by line ends when none holds one (split
    back in one call), otherwise with the end of each."""
    if any("\n" in w for w in words):
        ends = np.cumsum([len(w) for w in words], dtype="int64")
        return {f"{name}:blob": np.frombuffer("".join(words).encode("utf-8"), dtype=np.uint8), f"{name}:ends": ends}
    return {f"{name}:blob": np.frombuffer("\n".join(words).encode("utf-8"), dtype=np.uint8),
            f"{name}:ends": np.array([-1 if words else 0], dtype="int64")}


def _words(arrays: dict, name: str) -> list[str]:
    if f"{name}:words" in arrays:
        return arrays[f"{name}:words"]
    text = arrays[f"{name}:blob"].tobytes().decode("utf-8")
    ends = arrays[f"{name}:ends"]
    if len(ends) == 1 and ends[0] <= 0:
        return text.split("\n") if ends[0] else []
    ends = ends.tolist()
    return [text[start:end] for start, end in zip([0, *ends[:-1]], ends, strict=True)]


def assemble(chunks: list[dict[str, np.ndarray]], table: schema.Table) -> pd.DataFrame:
    """One frame of many chunks, in their order, in the canonical form; each chunk's lines
    as read are already in the build's `Lines`, from line `TEXT:first` on."""
    columns: dict[str, pd.Series] = {}
    lines = np.concatenate([c["_line"] for c in chunks]) if chunks else np.zeros(0, "int64")
    for column in table.columns:
        name = column.name
        if column.kind == "integer":
            values = np.concatenate([c[f"{name}:values"] for c in chunks]) if chunks else np.zeros(0, "int64")
            mask = np.concatenate([c[f"{name}:mask"] for c in chunks]) if chunks else np.zeros(0, bool)
            columns[name] = pd.Series(pd.arrays.IntegerArray(values, mask), dtype="Int64")
        elif column.kind == "number":
            values = np.concatenate([c[f"{name}:values"] for c in chunks]) if chunks else np.zeros(0, "float64")
            columns[name] = pd.Series(values, dtype="float64")
    for name in _pooled_columns(table):
        columns[name] = pd.Series(_pooled(chunks, name), dtype=object)
    columns["_line"] = pd.Series(lines, dtype="int64")
    refs = [np.where(codes < 0, -1, codes + c[f"{TEXT}:first"])
            for c in chunks for codes in [c[f"{TEXT}:codes"].astype("int64")]]
    columns[REF] = pd.Series(np.concatenate(refs) if refs else np.zeros(0, "int64"), dtype="int64")
    return pd.DataFrame(columns, copy=False)[table.names + INTERNAL + [REF]]


def _pooled(chunks: list[dict[str, np.ndarray]], name: str) -> np.ndarray:
    """A text column of many chunks, each distinct value one shared string (NaN for a blank)."""
    # Nights with the same distinct values share one list of them (see `_unpacked`): each
    # list is pooled once, not once per night.
    at: dict[int, int] = {}
    lists, starts, size = [], [], 0
    for chunk in chunks:
        words = _words(chunk, name)
        if id(words) not in at:
            at[id(words)] = size
            lists.append(words)
            size += len(words)
        starts.append(at[id(words)])
    # The words are interned as each entry is read (`_unpacked`): equal values are one string
    # already, whichever night's list they came from.
    every = np.empty(size + 1, dtype=object)
    every[:-1] = [w for part in lists for w in part]
    every[-1] = np.nan  # code -1 takes the last
    parts = []
    for chunk, start in zip(chunks, starts, strict=True):
        codes = chunk[f"{name}:codes"].astype("int64")  # stored as small as they fit
        parts.append(np.where(codes < 0, -1, codes + start))
    return every[np.concatenate(parts)] if parts else np.empty(0, dtype=object)


def canonical(frame: pd.DataFrame, table: schema.Table) -> tuple[pd.DataFrame, Lines]:
    """A frame read from the files in the form the store gives back (what `assemble` makes
    of the same rows), without the round trip through arrays; and its lines as read."""
    columns = {c.name: frame[c.name] for c in table.columns if c.kind in ("integer", "number")}
    for name in _pooled_columns(table):
        values = frame[name].to_numpy(dtype=object) if name in frame else np.full(len(frame), np.nan, dtype=object)
        codes, uniques = pd.factorize(values)
        shared = np.empty(len(uniques) + 1, dtype=object)
        shared[:-1], shared[-1] = uniques, np.nan
        columns[name] = pd.Series(shared[codes], dtype=object, index=frame.index)
    columns["_line"] = frame["_line"].astype("int64")
    lines, refs = of(frame[TEXT] if TEXT in frame else [None] * len(frame))
    columns[REF] = pd.Series(refs, dtype="int64", index=frame.index)
    return pd.DataFrame(columns)[table.names + INTERNAL + [REF]].reset_index(drop=True), lines


# --- the store on disk -----------------------------------------------------------------

@dataclass
class Entry:
    rel: str  # the file's path inside the data folder
    digest: str
    arrays: dict[str, np.ndarray]


class Store:
    """Entries of one data folder, one `.rows` file per nightly file at the file's relative
    path, under a folder of their own: two data folders built with one store never mix."""

    def __init__(self, folder: Path, data_dir: Path, writable: bool = True):
        self.folder = Path(folder)
        # Read only: `validate` reads what is stored and changes nothing (the nightly checks the
        # store against the site online's record before its build, and only then writes it).
        self.writable = writable
        # Named as before the entries' digest changed, so an older store's folder is taken over.
        self.root = self.folder / hashlib.blake2b(str(Path(data_dir).resolve()).encode("utf-8"),
                                                  digest_size=32).hexdigest()[:16]

    def _path(self, rel: str) -> Path:
        return self.root / f"{rel}{SUFFIX}"

    @staticmethod
    def _read(path: Path, table: schema.Table, names: dict) -> tuple[dict, dict[str, np.ndarray]] | None:
        """An entry's header and arrays when it is whole, of this version and table, names
        what `names` says, and holds `rows` rows in every array of a row; None otherwise
        (missing, cut short, damaged, not a plain file or written by another version: its
        files are parsed again)."""
        found = _entry(path, {"format": FORMAT, "package": __version__, "table": _fingerprint(table), **names})
        if found is None:
            return None
        meta, arrays = found
        rows = meta.get("rows")
        if not isinstance(rows, int) or any(len(arrays.get(k, ())) != rows for k in _row_arrays(table)):
            return None
        return meta, arrays

    @staticmethod
    def _write(path: Path, table: schema.Table, names: dict, arrays: dict[str, np.ndarray]) -> None:
        meta = {"format": FORMAT, "package": __version__, "table": _fingerprint(table), **names,
                "rows": len(arrays["_line"])}
        write_atomic(path, _pack(meta, arrays))

    def get(self, rel: str, table: schema.Table) -> Entry | None:
        """The stored entry of a file, or None when there is none this build can trust."""
        found = self._read(self._path(rel), table, {"file": rel})
        return None if found is None else Entry(rel, str(found[0].get("digest")), found[1])

    def put(self, entry: Entry, table: schema.Table) -> None:
        if self.writable:
            self._write(self._path(entry.rel), table, {"file": entry.rel, "digest": entry.digest}, entry.arrays)

    def _month_path(self, folder: str, month: str) -> Path:
        return self.root / folder / f"{month}{MONTH}{SUFFIX}"

    def get_month(self, folder: str, month: str, table: schema.Table) -> Month | None:
        """The entry of a folder's month, or None when there is none this build can trust."""
        found = self._read(self._month_path(folder, month), table, {"month": f"{folder}/{month}"})
        if found is None:
            return None
        meta, arrays = found
        try:
            files = [(str(rel), str(kept), int(rows)) for rel, kept, rows in meta["files"]]
        except (KeyError, TypeError, ValueError):
            return None
        if sum(rows for *_, rows in files) != meta["rows"] or len(_words(arrays, "_file")) != len(files):
            return None
        return Month(files, arrays)

    def put_month(self, folder: str, month: str, joined: Month, table: schema.Table) -> None:
        if self.writable:
            self._write(self._month_path(folder, month), table,
                        {"month": f"{folder}/{month}", "files": [list(f) for f in joined.files]}, joined.arrays)

    def forget(self, rel: str) -> None:
        if self.writable:
            self._path(rel).unlink(missing_ok=True)

    def forget_month(self, folder: str, month: str) -> None:
        if self.writable:
            self._month_path(folder, month).unlink(missing_ok=True)

    def prune(self, keep: set[str]) -> None:
        """Remove the entries of files, and of months, that are no longer in the data folder."""
        if not self.writable or not self.root.is_dir():
            return
        months = {_month_of(k) for k in keep}
        for path in self.root.rglob(f"*{SUFFIX}"):
            rel = path.relative_to(self.root).as_posix().removesuffix(SUFFIX)
            if rel.startswith(f"{MADE}/"):
                continue  # kept or let go by Made.keep, by what is published
            if rel not in keep and (not rel.endswith(MONTH) or tuple(rel.removesuffix(MONTH).rsplit("/", 1))
                                    not in months):
                _forget(path)


class Made:
    """Files made from one nightly file alone, which stay the same while it does (a night's
    compressed archive: four hundred of them would be compressed again every night). Each is
    kept beside the store's entries under a key the maker gives (the file's digest and what
    else the bytes depend on), and given back only while that key, this package's version and
    the kept bytes' own digest match; the maker still checks what it gets back. A `made`
    folder that is a link, or an entry that is not a plain file, is never read or deleted."""

    def __init__(self, store: Store):
        self.root = store.root / MADE

    def _path(self, name: str) -> Path:
        return self.root / f"{name}{SUFFIX}"

    def _meta(self, name: str, source: str) -> dict:
        return {"format": FORMAT, "package": __version__, "made": name, "source": source}

    def _usable(self) -> bool:
        return not (self.root.is_symlink() or self.root.parent.is_symlink())

    def get(self, name: str, source: str) -> bytes | None:
        """The bytes made before of `name` under the key `source`; None when there are none
        this build can trust."""
        found = _entry(self._path(name), self._meta(name, source)) if self._usable() else None
        if found is None or set(found[1]) != {"bytes"}:
            return None
        return found[1]["bytes"].tobytes()

    def put(self, name: str, source: str, data: bytes) -> None:
        if not self._usable():
            return
        try:
            write_atomic(self._path(name), _pack(self._meta(name, source), {"bytes": np.frombuffer(data, np.uint8)}))
        except OSError:
            pass  # only a saving lost: the file is published all the same and made again next time

    def keep(self, names: set[str]) -> None:
        """Let go of what was made for any name not in `names` (a night no longer archived)."""
        if not self._usable() or not self.root.is_dir():
            return
        for path in self.root.rglob(f"*{SUFFIX}"):
            if path.relative_to(self.root).as_posix().removesuffix(SUFFIX) not in names:
                _forget(path)


def _entry(path: Path, expected: dict) -> tuple[dict, dict[str, np.ndarray]] | None:
    """The header and arrays of the entry at `path` when it is a plain file, whole, and its
    header says what `expected` says; None otherwise. A link, a pipe (which would be waited
    on for ever) or a device is never read."""
    try:
        if path.is_symlink() or not path.is_file():
            return None
        raw = path.read_bytes()
    except OSError:
        return None
    meta, arrays = _unpack(raw)
    if meta is None or any(meta.get(k) != v for k, v in expected.items()):
        return None
    return meta, arrays


def _forget(path: Path) -> None:
    """Delete an entry's file; a folder or anything else that cannot be deleted is left."""
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass


@dataclass
class Month:
    files: list[tuple[str, str, int]]  # each night's file inside the data folder, its digest and its rows
    arrays: dict[str, np.ndarray]


def _month_of(rel: str) -> tuple[str, str] | None:
    """(folder, YYYY-MM) of a nightly file named by its day; None for any other name."""
    folder, _, name = rel.rpartition("/")
    found = NIGHT.fullmatch(name)
    return (folder, found.group(1)) if found else None


def join_month(nights: list[Entry], table: schema.Table) -> Month:
    """One entry of a month's nights, in order: their rows one after another, each text
    column's distinct values once for the month, `_file` numbering the nights."""
    arrays: dict[str, np.ndarray] = {"_line": np.concatenate([n.arrays["_line"] for n in nights])}
    for column in table.columns:
        if column.kind in ("integer", "number"):
            arrays[f"{column.name}:values"] = np.concatenate([n.arrays[f"{column.name}:values"] for n in nights])
        if column.kind == "integer":
            arrays[f"{column.name}:mask"] = np.concatenate([n.arrays[f"{column.name}:mask"] for n in nights])
    for name in _text_columns(table):
        if name == "_file":
            codes = [np.full(len(n.arrays["_line"]), i) for i, n in enumerate(nights)]
            words = [n.rel for n in nights]
        elif name == TEXT:  # a line per row: numbered on across the nights, never pooled
            codes, words = [], []
            for night in nights:
                own = _words(night.arrays, name)
                night_codes = night.arrays[f"{name}:codes"].astype("int64")
                codes.append(np.where(night_codes < 0, -1, night_codes + len(words)))
                words += own
        else:
            at: dict[str, int] = {}
            codes = []
            for night in nights:
                to = np.array([at.setdefault(w, len(at)) for w in _words(night.arrays, name)] + [-1], dtype="int64")
                codes.append(to[night.arrays[f"{name}:codes"].astype("int64")])  # -1 picks the last: a blank
            words = list(at)
        arrays[f"{name}:codes"] = np.concatenate(codes).astype(np.min_scalar_type(-len(words) - 1))
        arrays.update(_word_arrays(name, words))
    return Month([(n.rel, n.digest, len(n.arrays["_line"])) for n in nights], arrays)


def _pack(meta: dict, arrays: dict[str, np.ndarray]) -> bytes:
    """An entry as bytes: a magic line, the length of a JSON header, the header (what the
    entry is, and each array's name, type, length and offset), then the arrays' bytes."""
    body, layout, offset = [], [], 0
    for name, array in arrays.items():
        data = np.ascontiguousarray(array).tobytes()
        layout.append([name, array.dtype.str, len(array), offset])
        body.append(data)
        offset += len(data)
    payload = b"".join(body)
    header = json.dumps({**meta, "arrays": layout, "payload": digest(payload)}).encode("utf-8")
    return MAGIC + len(header).to_bytes(8, "little") + header + payload


def _unpack(raw: bytes) -> tuple[dict | None, dict[str, np.ndarray]]:
    """The header and arrays of an entry; (None, {}) for anything that is not a whole entry."""
    start = len(MAGIC) + 8
    if not raw.startswith(MAGIC) or len(raw) < start:
        return None, {}
    size = int.from_bytes(raw[len(MAGIC):start], "little")
    try:
        meta = json.loads(raw[start:start + size].decode("utf-8"))
        payload = memoryview(raw)[start + size:]
        if not isinstance(meta, dict) or meta.get("payload") != digest(payload):
            return None, {}
        arrays = {name: np.frombuffer(payload, dtype=np.dtype(kind), count=count, offset=offset)
                  for name, kind, count, offset in meta["arrays"]}
    except (ValueError, TypeError, KeyError, UnicodeDecodeError, RecursionError):
        return None, {}
    if any(a.dtype.hasobject for a in arrays.values()):
        return None, {}
    return meta, arrays


def _row_arrays(table: schema.Table) -> list[str]:
    names = ["_line"] + [f"{n}:codes" for n in _text_columns(table)]
    for column in table.columns:
        if column.kind == "integer":
            names += [f"{column.name}:values", f"{column.name}:mask"]
        elif column.kind == "number":
            names.append(f"{column.name}:values")
    return names


def _unpacked(arrays: dict[str, np.ndarray], table: schema.Table, seen: dict[str, tuple[bytes, list[str]]],
              lines: LinesBuilder) -> dict:
    """An entry's arrays copied out of the bytes read, its lines as read into `lines` and its
    other texts as strings, so the bytes of one entry are let go before the next is read.
    An id or a date repeats every
    night: it becomes one string for all nights now, so a year of copies is never held at
    once (nor leaves the heap in pieces); a night whose distinct values are the last one's
    (the same accounts in the same order) takes that night's strings as they are."""
    out: dict = {k: v.copy() for k, v in arrays.items() if not k.endswith((":blob", ":ends"))}
    for name in _text_columns(table):
        if name == TEXT:
            ends = arrays[f"{name}:ends"]
            joined = len(ends) == 1 and ends[0] < 0  # see _word_arrays
            out[f"{name}:first"] = (lines.add_joined(arrays[f"{name}:blob"].tobytes()) if joined
                                    else lines.add(_words(arrays, name)))
            continue
        blob = arrays[f"{name}:blob"].tobytes() + arrays[f"{name}:ends"].tobytes()
        last = seen.get(name)
        if last is None or last[0] != blob:
            last = seen[name] = (blob, list(map(sys.intern, _words(arrays, name))))
        out[f"{name}:words"] = last[1]
    return out


def _newest(files: list[Path]) -> set[Path]:
    """The newest night of each folder: the one a second run of the same night may change.
    A file not named by its day (which can hold no row of a night) is never it."""
    newest: dict[Path, Path] = {}
    for path in files:
        night = NIGHT.fullmatch(path.name) is not None
        last = newest.get(path.parent)
        if last is None or (night, path.name) > (NIGHT.fullmatch(last.name) is not None, last.name):
            newest[path.parent] = path
    return set(newest.values())


def read_history(data_dir: Path, nightly: list[Path], others: list[Path], table: schema.Table,
                 store: Store | None, problems: list[Problem],
                 own_rows: Callable[[pd.DataFrame], list[Problem]] = lambda _: [],
                 digests_out: dict[str, str] | None = None, known: Mapping[str, str] | None = None,
                 rewritten: Set[tuple[str, str]] = frozenset()) -> tuple[pd.DataFrame, Lines]:
    """The rows of the nightly files (from the store where it holds them) and the other
    files of a table, in file order, and their lines as read; problems of files parsed now
    are added to `problems`. `own_rows` checks rows as their files are parsed, for what
    needs no other file: a file that fails it is not stored, so stored rows have passed it
    and are not checked again. `digests_out` gets each nightly file's digest as read tonight, by
    its path as its rows' `_file` names it (with a store only: without one nothing is digested);
    `known` are digests the build took of the files moments before (pipeline.inputs_key), by the
    same paths: a file among them is not read again only to be digested. `rewritten` are the
    (file, digest) pairs a takedown wrote (`rewrites`): an older night changed so is read again,
    not refused."""
    files = nightly + others
    if store is None:
        frame, bad = read_tables(files, table) if files else (None, [])
        problems.extend(bad)
        if frame is None:
            return assemble([], table), LinesBuilder().done()
        problems.extend(own_rows(frame))
        return canonical(frame, table)
    lines = LinesBuilder()
    stored: dict[Path, dict] = {}
    digests: dict[Path, str] = {}
    seen: dict[str, tuple[bytes, list[str]]] = {}
    newest = _newest(nightly)

    def fetch(path: Path) -> tuple[Path, str, Entry | None]:
        found = (known or {}).get(str(path))
        try:
            if found is None:
                found = digest(path.read_bytes()) if path.is_file() and not path.is_symlink() else ""
        except OSError:
            found = ""  # the parser words the problem
        return path, found, store.get(path.relative_to(data_dir).as_posix(), table)

    def taken_down(path: Path) -> bool:
        return (path.relative_to(data_dir).as_posix(), digests[path]) in rewritten

    refused_nights: set[Path] = set()  # changed since stored: never stored again in their new form

    def changed(path: Path) -> Problem:
        refused_nights.add(path)
        return Problem(str(path), 0, "-", "changed since it was stored: a night's file is never rewritten after the "
                       "next night; restore it, or rebuild the store on purpose "
                       f"(delete {store.folder} or build with --rebuild-store)")

    def fetch_month(item: Group) -> tuple[tuple[str, str] | None, list[Path], list[tuple[Path, str, Entry | None]],
                                          Month | None]:
        month, group = item
        return month, group, [fetch(p) for p in group], store.get_month(*month, table) if month else None

    months: dict[Path, dict] = {}  # a month's rows, under its first night
    groups = _groups(nightly, data_dir)
    # A month's files and entry are read in a thread while the month before is unpacked; at
    # most two months wait, so memory does not grow with the nights.
    for month, group, fetched, joined in ahead(fetch_month, groups, count=2):
        digests.update((path, found) for path, found, _ in fetched)
        if joined is not None:
            listed = {rel: kept for rel, kept, _ in joined.files}
            # An older night it lists that changed is refused, whether or not the month's
            # files are still the ones it lists.
            refused = [p for p in group if p not in newest and digests[p] and not taken_down(p)
                       and listed.get(p.relative_to(data_dir).as_posix(), digests[p]) != digests[p]]
            problems.extend(map(changed, refused))
            if _fits(joined, group, data_dir, digests):
                months[group[0]] = {**_unpacked(joined.arrays, table, seen, lines),
                                    "_file:words": list(map(str, group))}
                for _, _, entry in fetched:
                    if entry is not None:  # left by a build stopped while it joined the month
                        store.forget(entry.rel)
                continue
            if not refused:  # its files moved on (a night added, removed, or the newest run again)
                store.forget_month(*month)
        for path, found, entry in fetched:
            if entry is None:
                continue
            if entry.digest == found:
                stored[path] = _unpacked(entry.arrays, table, seen, lines)
            elif path not in newest and found and not taken_down(path):
                problems.append(changed(path))
                stored[path] = _unpacked(entry.arrays, table, seen, lines)
    in_months = {path for _, group in groups if group[0] in months for path in group}
    fresh = [p for p in files if p not in stored and p not in in_months]
    chunks: dict[Path, dict] = {}
    # A file parsed now is stored under the digest of the bytes parsed, not of those digested
    # earlier: a night run again in between must not leave its new rows under the old digest.
    parsed: dict[Path, str] = {}
    for start in range(0, len(fresh), BATCH):
        frame, bad = read_tables(fresh[start:start + BATCH], table,
                                 read=lambda path, raw: parsed.__setitem__(Path(path), digest(raw)))
        bad += own_rows(frame)
        problems.extend(bad)
        broken = {p.file for p in bad}
        for label, rows in frame.groupby("_file", sort=False):
            path, arrays = Path(label), encode(rows, table)
            # A file whose own rows are sound (parsed, and passing `own_rows`) is kept at once,
            # so a cold store costs the memory of a warm one. What depends on other files
            # (unknown ids, a key twice across files) is checked again on every build.
            if path in digests:
                digests[path] = parsed[path]
            # A night refused as changed is not stored as it is now: restored, it would be
            # refused against its own edited copy.
            if path in digests and label not in broken and path not in refused_nights:
                store.put(Entry(path.relative_to(data_dir).as_posix(), digests[path], arrays), table)
            chunks[path] = _unpacked(arrays, table, seen, lines)
    for path, arrays in stored.items():
        chunks[path] = {**arrays, "_file:words": [str(path)]}  # where the folder is now
    chunks.update(months)
    _join_months(store, groups, data_dir, table, digests, newest, set(months), {p.file for p in problems})
    if digests_out is not None:
        digests_out.update((str(path), found) for path, found in digests.items() if found)
    return assemble([chunks[p] for p in files if p in chunks], table), lines.done()


SHA256 = re.compile(r"[0-9a-f]{64}")


PINNED = "pinned/"  # a ledger line `pinned/<name> <sha256>`: a pinned file withdrawn by a takedown


def rewrites(data_dir: Path, problems: list[Problem]) -> set[tuple[str, str]]:
    """The (file, digest) pairs of the takedown ledger: older nights rewritten on purpose, which
    the store reads again rather than refuses, and pinned files withdrawn (`PINNED`). A line
    that is not `<file> <sha256>` is a problem."""
    ledger = Path(data_dir) / paths.TAKEDOWN_LEDGER
    if not ledger.is_file():
        return set()
    out = set()
    for number, line in enumerate(ledger.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        parts = line.split()
        if len(parts) != 2 or not SHA256.fullmatch(parts[1]):
            problems.append(Problem(str(ledger), number, "-", "is not '<file> <sha256>' as takedown writes it"))
            continue
        out.add((parts[0], parts[1]))
    return out


def record_rewrite(data_dir: Path, file: Path) -> bool:
    """Note in the takedown ledger that a nightly file was rewritten on purpose, with its new
    digest, so that a store holding its earlier rows reads it again (True when it was one)."""
    rel = Path(file).resolve().relative_to(Path(data_dir).resolve()).as_posix()
    if rel.split("/", 1)[0] not in NIGHTLY:
        return False
    _note_in_ledger(data_dir, f"{rel} {digest(Path(file).read_bytes())}")
    return True


def record_pinned_withdrawal(data_dir: Path, name: str, sha256: str) -> None:
    """Note in the takedown ledger that a pinned file (written once, never rebuilt) holds a
    withdrawn value: builds then carry neither its on-site copy nor its upload."""
    _note_in_ledger(data_dir, f"{PINNED}{name} {sha256}")


def _note_in_ledger(data_dir: Path, line: str) -> None:
    ledger = Path(data_dir) / paths.TAKEDOWN_LEDGER
    before = ledger.read_text(encoding="utf-8") if ledger.is_file() else ""
    if line in before.splitlines():
        return
    write_atomic(ledger, before + ("" if before.endswith("\n") or not before else "\n") + line + "\n")


def _groups(nightly: list[Path], data_dir: Path) -> list[Group]:
    """Nightly files (in name order) as runs of one folder's month, each with its (folder,
    month). A file not named by its day is a run of its own, of no month; a month it splits
    in two is never joined (its rows would leave file order): its nights stay runs of one."""
    out: list[Group] = []
    for path in nightly:
        month = _month_of(path.relative_to(data_dir).as_posix())
        if month is None or not out or out[-1][0] != month:
            out.append((month, []))
        out[-1][1].append(path)
    runs: dict[tuple[str, str] | None, int] = {}
    for month, _ in out:
        runs[month] = runs.get(month, 0) + 1
    return [(m, g) for month, group in out
            for m, g in ([(month, group)] if month is None or runs[month] == 1 else [(None, [p]) for p in group])]


def _fits(joined: Month | None, group: list[Path], data_dir: Path, digests: dict[Path, str]) -> bool:
    """Whether a month's entry lists exactly these files, each with the digest it has tonight:
    an older night listed with another digest is refused by the caller unless a takedown
    rewrote it; either, a newest night (nights after it were deleted) or an unreadable file
    sends the month to be read again."""
    if joined is None or [rel for rel, *_ in joined.files] != [p.relative_to(data_dir).as_posix() for p in group]:
        return False
    return not any(not digests[p] or digests[p] != kept for p, (_, kept, _) in zip(group, joined.files, strict=True))


def _join_months(store: Store, groups: list[Group], data_dir: Path, table: schema.Table,
                 digests: dict[Path, str], newest: set[Path], done: set[Path], broken: set[str]) -> None:
    """Join the nights of each month that is over into one entry, and let their own go. A
    month is over when its folder's newest night is in a later month; it is joined only when
    every night of it is stored with the digest read tonight."""
    latest = {p.parent: _month_of(p.relative_to(data_dir).as_posix()) for p in newest}
    for month, group in groups:
        if month is None or group[0] in done or month == latest.get(group[0].parent):
            continue
        if any(str(p) in broken or not digests.get(p) for p in group):
            continue
        nights = [store.get(p.relative_to(data_dir).as_posix(), table) for p in group]
        if any(n is None or n.digest != digests[p] for n, p in zip(nights, group, strict=True)):
            continue
        store.put_month(*month, join_month(nights, table), table)
        for night in nights:
            store.forget(night.rel)


def ahead(function: Callable[[T], R], items: Iterable[T], count: int = AHEAD) -> Iterator[R]:
    """`function` of each item, in order, worked out up to `count` items ahead in two threads.
    Reading a file and digesting it let other threads run, so the next nights are read while
    this one is unpacked; at most `count` results wait, so memory does not grow with the nights.
    Two threads, not one: each waits for its turn to run Python between reads, and one alone
    kept the unpacking waiting (measured: 22.1 s -> 20.7 s for three years' load)."""
    items = iter(items)
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="jawabdehi-read") as pool:
        waiting = deque(pool.submit(function, item) for item in islice(items, count))
        while waiting:
            result = waiting.popleft().result()
            for item in items:
                waiting.append(pool.submit(function, item))
                break
            yield result


def prune(store: Store | None, data_dir: Path) -> None:
    """Drop the entries of nightly files that are no longer in the data folder."""
    if store is None:
        return
    keep = set()
    for folder in NIGHTLY:
        root = Path(data_dir) / folder
        if root.is_dir():
            keep |= {p.relative_to(data_dir).as_posix() for p in root.rglob("*.csv")}
    store.prune(keep)


def store_digest(folder: Path) -> str:
    """What the store holds, as one digest: each file's name and, for an entry, its header
    (which names the digest of its arrays, checked whenever they are read); of anything else,
    which the store never reads, its name and size. A store restored from a cache is used only
    when this is what the build that left it recorded in the site now online
    (`build --online-record`): caches are shared by every workflow of a repository, and rows
    are not parsed again to be checked."""
    h = hashlib.sha256()
    root = Path(folder)
    for folder_, dirs, names in os.walk(root) if root.is_dir() and not root.is_symlink() else ():
        dirs.sort()
        for name in sorted(dirs + names):
            path = Path(folder_) / name
            h.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
            try:
                info = path.lstat()
                if not stat.S_ISREG(info.st_mode):
                    h.update(b"folder" if stat.S_ISDIR(info.st_mode) else b"not a file")
                elif name.endswith(SUFFIX):
                    with path.open("rb") as f:
                        head = f.read(len(MAGIC) + 8)
                        size = int.from_bytes(head[len(MAGIC):], "little")
                        fits = head.startswith(MAGIC) and len(head) == len(MAGIC) + 8 and size <= HEADER_MAX
                        h.update(head + f.read(size) if fits else f"no entry {info.st_size}".encode())
                else:
                    h.update(f"other {info.st_size}".encode())
            except OSError:
                h.update(b"unreadable")
            h.update(b"\n")
    return h.hexdigest()


def rebuild_store(folder: Path) -> None:
    """Forget every entry: the next build parses every file again. A store that is a link or
    a file (a cache can hold anything) is removed itself, never followed."""
    folder = Path(folder)
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        folder.unlink()
    else:
        shutil.rmtree(folder, ignore_errors=True)
