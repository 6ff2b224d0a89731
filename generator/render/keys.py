"""Digests of what a page is made of, so that the next night's build can keep the page it
wrote before, instead of rendering it again, when nothing the page shows has changed.

A digest is made of rows: each department's rows of a table are hashed together, in order,
for all departments at once. A page's digest also covers what every page of its family
reads (the settings, the package's code and the releases that format figures); when any of
that changes, every page is rendered again.
"""

from __future__ import annotations

import functools
import hashlib
import zlib
from importlib import metadata

import numpy as np
import pandas as pd

from .. import paths

# Releases whose change can change a figure's words while the package stays the same.
FORMATTING = ("jinja2", "markupsafe", "babel", "pandas", "numpy")

_MIX = np.uint64(0x9E3779B97F4A7C15)
ROWS_AT_A_TIME = 1 << 18


def digest(*parts: object) -> str:
    """One digest of values whose `repr` is stable (strings, numbers, tuples, dicts of them)."""
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        h.update(repr(part).encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()


@functools.cache
def code_digest() -> str:
    """The package's files (code, templates, words, theme), the formatting releases and
    zlib's (which compresses the archives and the night's ZIP kept from one night to the next)."""
    h = hashlib.blake2b(digest_size=16)
    for file in sorted(p for p in paths.PACKAGE.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        h.update(file.relative_to(paths.PACKAGE).as_posix().encode("utf-8") + b"\0")
        h.update(file.read_bytes())
    for name in FORMATTING:
        try:
            h.update(f"{name}={metadata.version(name)}\0".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{name}=-\0".encode())
    h.update(f"zlib={zlib.ZLIB_RUNTIME_VERSION}\0".encode())
    return h.hexdigest()


def _shown(df: pd.DataFrame, leave_out: tuple[str, ...] = ()) -> pd.DataFrame:
    """The columns a page can show: not those that say where a row was read (`_file`,
    `_line`: the same data read from another folder is the same page), nor `leave_out`."""
    return df[[c for c in df.columns if not str(c).startswith("_") and c not in leave_out]]


def frame_digest(df: pd.DataFrame) -> str:
    """A whole table's rows and columns, in order."""
    shown = _shown(df)
    h = hashlib.blake2b(repr(list(shown.columns)).encode("utf-8"), digest_size=16)
    h.update(_rows(shown).tobytes())
    return h.hexdigest()


def _rows(df: pd.DataFrame) -> np.ndarray:
    """A hash of each row, made a slice at a time: years of daily rows hashed at once would
    hold several arrays of them beside the model."""
    out = np.zeros(len(df), dtype=np.uint64)
    if len(df.columns):
        for start in range(0, len(df), ROWS_AT_A_TIME):
            part = df.iloc[start:start + ROWS_AT_A_TIME]
            out[start:start + len(part)] = pd.util.hash_pandas_object(part, index=False).to_numpy(dtype=np.uint64)
    return out


def _spread(x: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser: nearby inputs give unrelated outputs."""
    with np.errstate(over="ignore"):
        x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return x ^ (x >> np.uint64(31))


def by_department(df: pd.DataFrame, leave_out: tuple[str, ...] = ()) -> dict[str, str]:
    """Each department's rows of `df` (but the columns `leave_out`) as one hex value, which
    changes with any value, column, order or number of its rows."""
    if df.empty:
        return {}
    shown = _shown(df, leave_out)
    codes, names = pd.factorize(df["department_id"])  # a category's codes: no text per row
    order = np.argsort(codes, kind="stable")
    grouped = codes[order]
    starts = np.flatnonzero(np.r_[True, grouped[1:] != grouped[:-1]])
    counts = np.diff(np.r_[starts, len(order)])
    position = (np.arange(len(order)) - np.repeat(starts, counts)).astype(np.uint64)  # within its department
    with np.errstate(over="ignore"):
        mixed = _spread(_rows(shown)[order] ^ _spread(position * _MIX + np.uint64(len(shown.columns))))
    sums = np.add.reduceat(mixed, starts).tolist()
    return {str(names[code]): f"{v:016x}{n:x}"
            for code, v, n in zip(grouped[starts].tolist(), sums, counts.tolist(), strict=True)}
