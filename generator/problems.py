"""The one problem type: a file, a line, a column and what is wrong.

Validation, ingest, configuration and the personal-data audit all report through it, so
every expected failure reads the same way (`file:line: column: message`) and the command
line prints it without a traceback.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.column}: {self.message}"


class ProblemError(Exception):
    """An expected failure: input the program cannot use. Carries every problem found and
    what was (not) done about it, for the last line of the report."""

    def __init__(self, problems: list[Problem], outcome: str = "nothing was written"):
        self.problems = list(problems)
        self.outcome = outcome
        super().__init__("\n".join(str(p) for p in self.problems))


class DataError(ProblemError):
    """Input files that break the data contract. `read`: what was read of them all the same
    (a Dataset), for the personal-data audit to report in the same round as the rest."""

    def __init__(self, problems: list[Problem], outcome: str = "nothing was written", read: object = None):
        super().__init__(problems, outcome)
        self.read = read


class ConfigError(ProblemError):
    """A config.toml the pipeline cannot run with."""


def cannot_make(folder: Path, option: str, error: OSError, place: Path | None = None) -> Problem:
    """The one line for a folder the reader named that cannot be made (or written) in `place`,
    the folder that holds what is made for it; the folder itself when None."""
    where = "" if place is None else f" in {place}"
    return Problem(str(folder), 0, option, f"cannot be made{where} ({error.strerror}): choose a folder that can be "
                                           "written")


def make_folder(folder: Path, option: str) -> None:
    """Make a folder the reader named, with its parents. One that cannot be made (under /proc,
    on a read-only disk, in a folder not ours) is theirs to change: a problem naming the
    option, not a traceback."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ProblemError([cannot_make(folder, option, error)]) from None


def writable_folder(folder: Path, option: str) -> None:
    """Make a folder as make_folder does, and a file in it: a folder that exists on a
    read-only disk (or /proc, /sys) is made without complaint and refuses only its files."""
    make_folder(folder, option)
    try:
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".writable-"):
            pass
    except OSError as error:
        raise ProblemError([cannot_make(folder, option, error)]) from None
