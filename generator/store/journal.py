"""The reads journal: the lookups a run is about to ask X for, one line a request, written
to disk before the request goes out, beside the night's run record.

X bills a user when it answers, whether or not the run lives to write its rows and its
record: a run killed during its lookups leaves only this journal to say what it may have
been billed for. A line is

    <run's started_at> <time of the request> <department id> <department id> ...

A line is whole once its newline is written: the last line of a run killed while writing
it has none, and was never asked (the request follows the line), so it is passed over and
cut off before the next line is added.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .. import paths
from ..problems import Problem
from ..schema import SLUG
from ..within import NotPlain, read_within
from .csvio import write_atomic

JOURNAL_SUFFIX = ".reads.txt"
TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?Z")


@dataclass(frozen=True)
class Journalled:
    """One lookup request a run was about to make."""

    platform: str
    night: str
    run: str  # the run's started_at, as its record would hold it
    at: str  # when the request was made (UTC): X bills a read on the day of its request
    departments: tuple[str, ...]


def journal_file(data_dir: Path, platform: str, night: str) -> Path:
    return Path(data_dir) / paths.SNAPSHOTS / platform / f"{night}{JOURNAL_SUFFIX}"


def journal_reads(data_dir: Path, platform: str, night: str, run: str, at: str, departments: Iterable[str]) -> None:
    """Add one request's line, on disk before this returns."""
    path = journal_file(data_dir, platform, night)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW, 0o644)
        try:
            size = os.fstat(fd).st_size
            whole = os.pread(fd, size, 0).rfind(b"\n") + 1 if size else 0
            if whole < size:  # the torn line of a run killed while writing it: never asked
                os.ftruncate(fd, whole)
            os.write(fd, (" ".join([run, at, *departments]) + "\n").encode("utf-8"))
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as exc:  # a full disk: the night stops before the request, naming the file
        raise OSError(exc.errno, exc.strerror, str(path)) from None


def take_back(data_dir: Path, platform: str, night: str, run: str) -> None:
    """Remove a run's lines, X having billed none of its requests (it refused the token):
    the journal is as it was before the run (gone, if the run began it)."""
    path = journal_file(data_dir, platform, night)
    if not path.is_file():
        return
    kept = [line for line in path.read_bytes().splitlines(keepends=True)
            if line.endswith(b"\n") and not line.startswith(f"{run} ".encode())]
    if kept:
        write_atomic(path, b"".join(kept))
    else:
        path.unlink()


def _line_problem(parts: list[str]) -> str | None:
    if len(parts) < 3:
        return "expected a run's start, a time and at least one department id"
    for name, value in zip(("run", "time"), parts[:2], strict=True):
        if not TIME.fullmatch(value):
            return f"{name} {value[:40]!r} is not a UTC time as the collector writes it"
        try:
            datetime.fromisoformat(value)
        except ValueError:
            return f"{name} {value[:40]!r} is no real date or time"
    bad = next((d for d in parts[2:] if not SLUG.fullmatch(d)), None)
    return f"{bad[:40]!r} is not a department id" if bad is not None else None


def read_journal(path: Path) -> tuple[list[Journalled], list[Problem]]:
    """The requests a night's journal holds, or the problems of its lines; a last line
    without its newline (torn) is no request."""
    label = str(path)
    try:
        raw = read_within(Path(path).parent, Path(path).name)
    except (NotPlain, FileNotFoundError):
        return [], [Problem(label, 0, "-", "is not a regular file (links and folders are refused)")]
    except OSError as exc:
        return [], [Problem(label, 0, "-", f"cannot be read ({exc.strerror})")]
    try:
        lines = raw[:raw.rfind(b"\n") + 1].decode("utf-8").splitlines()
    except UnicodeDecodeError:
        return [], [Problem(label, 1, "-", "not UTF-8 text")]
    night = Path(path).name.removesuffix(JOURNAL_SUFFIX)
    platform = Path(path).parent.name
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", night):
        return [], [Problem(label, 0, "-", f"is named for no night (expected YYYY-MM-DD{JOURNAL_SUFFIX})")]
    out, problems = [], []
    for n, line in enumerate(lines, 1):
        parts = line.split(" ")
        wrong = _line_problem(parts)
        if wrong:
            problems.append(Problem(label, n, "-", wrong))
        else:
            out.append(Journalled(platform, night, parts[0], parts[1], tuple(parts[2:])))
    return out, problems
