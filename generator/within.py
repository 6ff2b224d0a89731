"""Read a file under a folder someone else may have written (a restored site, a copy of the
site online, a cache) without ever leaving that folder.

A link there could lead anywhere on the build machine (a secret, /etc/passwd) and whatever it
reads would be hashed, compared and perhaps published; a pipe would be waited on for ever
and a device read without end. Each step down is opened without following a link, and only
a plain file is read: anything else is refused, never followed. Imports nothing internal.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import BinaryIO


class NotPlain(OSError):
    """The path is a link, leads through one, or is not a plain file."""


_DIRECTORY = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
_CHUNK = 1 << 20
_FILE = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC  # a pipe: opened, found one, never read


def _step(folder: int, name: str, flags: int, shown: str) -> int:
    try:
        return os.open(name, flags, dir_fd=folder)
    except OSError as error:
        # ELOOP: the name is a link; ENOTDIR: a link (or a file) where a folder was expected.
        if error.errno in (errno.ELOOP, errno.ENOTDIR):
            raise NotPlain(error.errno, "a link, or leads through one: links are never followed", shown) from None
        raise


def read_within(root: Path, relative: str, limit: int | None = None) -> bytes:
    """The bytes of the plain file at `relative` (a '/'-separated path) under `root`, reached
    through no link. `root` itself is followed: it is the folder the caller named. NotPlain
    (an OSError) where a link, a pipe, a device or a file over `limit` bytes is met; any other
    OSError as the system gives it (FileNotFoundError where nothing is there)."""
    return read_plain(root, relative, limit)[0]


def read_plain(root: Path, relative: str, limit: int | None = None) -> tuple[bytes, os.stat_result]:
    """`read_within`, with what the system said of the very file read (its fstat, before the
    read): a caller that links the file afterwards by its path can tell it is still that file."""
    with open_plain(root, relative, limit) as (handle, info):
        data = handle.read() if limit is None else _read_upto(handle, info.st_size, limit)
    if limit is not None and len(data) > limit:  # grown since it was looked at
        raise NotPlain(errno.EFBIG, f"larger than {limit} bytes", str(Path(root) / relative))
    return data, info


@contextlib.contextmanager
def open_plain(root: Path, relative: str, limit: int | None = None) -> Iterator[tuple[BinaryIO, os.stat_result]]:
    """The plain file at `relative` under `root`, reached through no link (as `read_within`),
    open to be read as a stream, with its fstat: a reader of a large file need not hold it
    whole. `limit` bounds its size when opened; a reader of a file that may grow bounds its
    own reading."""
    parts = PurePosixPath(relative).parts
    shown = str(Path(root) / relative)
    if not parts or parts[0] == "/" or ".." in parts:
        raise NotPlain(errno.EINVAL, "not a path inside the folder", shown)
    fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        for index, part in enumerate(parts):
            last = index == len(parts) - 1
            step = _step(fd, part, _FILE if last else _DIRECTORY, shown)
            os.close(fd)
            fd = step
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotPlain(errno.EINVAL, "not a plain file (a folder, a pipe or a device)", shown)
        if limit is not None and info.st_size > limit:
            raise NotPlain(errno.EFBIG, f"larger than {limit} bytes", shown)
        os.set_blocking(fd, True)
        with os.fdopen(os.dup(fd), "rb") as handle:
            yield handle, info
    finally:
        os.close(fd)


def _read_upto(handle: BinaryIO, size: int, limit: int) -> bytes:
    """A file's bytes up to one past `limit`, asked for as the `size` it had when looked at,
    then a chunk at a time if it has grown since: one read of `limit` + 1 bytes would ask the
    system for that much memory (a gigabyte, for a takedown) however small the file."""
    data = handle.read(size + 1)
    while size < len(data) <= limit and (more := handle.read(min(_CHUNK, limit + 1 - len(data)))):
        data += more
    return data


def same_file(path: Path, seen: os.stat_result) -> bool:
    """Whether `path`, not followed, is the file `read_plain` read (`seen`), unchanged since:
    the same inode of the same device, of the same size and time of change of its bytes."""
    try:
        now = os.lstat(path)
    except OSError:
        return False
    return (now.st_dev, now.st_ino, now.st_size, now.st_mtime_ns) == \
        (seen.st_dev, seen.st_ino, seen.st_size, seen.st_mtime_ns)


def why_not(error: OSError) -> str:
    """What an error of `read_within` says, in a few words for the operator."""
    return error.strerror if isinstance(error, NotPlain) else "not found" \
        if isinstance(error, FileNotFoundError) else f"cannot be read ({error.strerror or error})"
