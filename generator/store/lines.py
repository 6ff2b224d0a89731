"""Each observation's line as read from its nightly file, kept in a scratch file on disk.

A department's history file and a night's archive repeat the input lines as read instead of
formatting every row again. Three years at 5,000 accounts are 5.5 million lines, about
700 MB: held in the build's memory, as strings or as one block of bytes, they were a third
of its peak. Here they are written, as they are read, to an unnamed scratch file (gone when
the build ends, however it ends) and read back span by span when a file is copied out of
them: a frame holds a line's number (`REF`, -1 for a row with no line as read), and the
build holds one end offset per line. The system keeps the file's pages in its cache while it
has room and drops them when it has not, so the build's own memory does not grow with them.
The file is read, never mapped: a mapped page counts against the process that maps it, and
a system that caches files in large blocks maps a whole block for each line touched (one
department's rows, a line in each night's part of the file, mapped 414 MB at 10,000
accounts x 365 nights).
"""

from __future__ import annotations

import os
import tempfile
from concurrent.futures import Future, ThreadPoolExecutor

import numpy as np

REF = "_raw"  # a frame's column: the row's line number in the dataset's `Lines`, -1 for none
NEWLINE = 10
BLOCK_BITS = 16  # blocks of 64 KiB: a department's rows touch one a night, about 30 MB in all


class Lines:
    """Line i is bytes `starts[i]:ends[i]` of the scratch file; a line end follows every
    line, so line i starts one byte after line i - 1 ends, and lines with consecutive
    numbers are one run of bytes."""

    def __init__(self, spill, ends: np.ndarray):
        self._spill, self.ends = spill, ends
        self._size = int(ends[-1]) + 1 if len(ends) else 0
        self._blocks: dict[int, bytes] = {}  # the blocks the last call read, by number

    @classmethod
    def empty(cls) -> Lines:
        return cls(None, np.zeros(0, dtype="int64"))

    def __len__(self) -> int:
        return len(self.ends)

    def _starts(self, refs: np.ndarray) -> np.ndarray:
        return np.where(refs > 0, self.ends[np.maximum(refs - 1, 0)] + 1, 0)

    def _copied(self, starts: np.ndarray, stops: np.ndarray) -> bytes:
        """The bytes of each span, joined. A span inside one block of the file is cut from that
        block, read once and kept until the next call: a department's rows are a line in each
        night's part of the file, beside the rows of the departments before and after it, so the
        next department's history finds most of its blocks read (read line by line, 2.2 million
        reads took 3.5 s of a night at 5,000 accounts). A longer span (a night's rows) is read
        as it is."""
        if not len(starts):
            return b""
        fd, held, kept, parts = self._spill.fileno(), self._blocks, {}, []
        for s, e in zip(starts.tolist(), stops.tolist(), strict=True):
            number = s >> BLOCK_BITS
            if (e - 1) >> BLOCK_BITS != number:
                parts.append(_read_whole(fd, s, e))
                continue
            block = kept.get(number)
            if block is None:
                block = held.get(number)
                if block is None:
                    at = number << BLOCK_BITS
                    block = _read_whole(fd, at, min(at + (1 << BLOCK_BITS), self._size))
                kept[number] = block
            at = s - (number << BLOCK_BITS)
            parts.append(block[at:at + e - s])
        self._blocks = kept
        return b"".join(parts)

    def joined(self, refs: np.ndarray) -> str:
        """The lines `refs` (every one >= 0), each with its line end, as one text."""
        refs = np.asarray(refs, dtype="int64")
        if not len(refs):
            return ""
        # Runs of consecutive numbers are copied as one slice: a night's rows in file order
        # are one slice, a department's rows one slice per night.
        breaks = np.flatnonzero(refs[1:] != refs[:-1] + 1) + 1
        firsts = refs[np.r_[0, breaks]]
        lasts = refs[np.r_[breaks - 1, len(refs) - 1]]
        return self._copied(self._starts(firsts), self.ends[lasts] + 1).decode("utf-8")

    def texts(self, refs: np.ndarray) -> list[str | None]:
        """Each line of `refs` as a string; None where the number is -1."""
        refs = np.asarray(refs, dtype="int64")
        present = refs[refs >= 0]
        starts, ends = self._starts(present), self.ends[present]
        raw = self._copied(starts, ends)
        found, at = [], 0
        for s, e in zip(starts.tolist(), ends.tolist(), strict=True):
            found.append(str(raw[at:at + e - s], "utf-8"))
            at += e - s
        lines = iter(found)
        return [next(lines) if r >= 0 else None for r in refs.tolist()]


def _read_whole(fd: int, start: int, stop: int) -> bytes:
    """Bytes `start:stop` of the file, read until they are all there."""
    parts = []
    while start < stop:
        part = os.pread(fd, stop - start, start)
        if not part:
            raise OSError(f"the scratch file of lines ends at byte {start}, before {stop}")
        parts.append(part)
        start += len(part)
    return b"".join(parts)


class LinesBuilder:
    """Writes lines block by block to the scratch file; holds only where each ends.

    A block is written in a thread while the next is read (writing lets other threads run):
    at three years the lines are 800 MB, two seconds of writing. One block at most waits, so
    memory does not grow with the nights."""

    def __init__(self) -> None:
        self.spill = tempfile.TemporaryFile(prefix="jawabdehi-lines-")
        self.ends: list[np.ndarray] = []
        self.size = 0
        self.count = 0
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="jawabdehi-lines")
        self._writing: Future | None = None

    def _write(self, blob: bytes) -> None:
        if self._writing is not None:
            self._writing.result()
        self._writing = self._writer.submit(self.spill.write, blob + b"\n")
        self.size += len(blob) + 1

    def add_joined(self, blob: bytes) -> int:
        """Lines joined by line ends (none of them holding one); the first one's number."""
        data = np.frombuffer(blob, dtype=np.uint8)
        breaks = np.flatnonzero(data == NEWLINE)
        self.ends.append(np.r_[breaks, len(data)].astype("int64") + self.size)
        self._write(blob)
        first, self.count = self.count, self.count + len(breaks) + 1
        return first

    def add(self, lines: list[str]) -> int:
        """Lines as strings (any of them may hold a line end); the first one's number."""
        if not any("\n" in line for line in lines):
            return self.add_joined("\n".join(lines).encode("utf-8")) if lines else self.count
        first = self.count
        for line in lines:
            raw = line.encode("utf-8")
            self.ends.append(np.array([self.size + len(raw)], dtype="int64"))
            self._write(raw)
        self.count += len(lines)
        return first

    def done(self) -> Lines:
        if self._writing is not None:
            self._writing.result()
        self._writer.shutdown()
        self.spill.flush()
        ends = np.concatenate(self.ends) if self.ends else np.zeros(0, dtype="int64")
        return Lines(self.spill if len(ends) else None, ends)


def of(values) -> tuple[Lines, np.ndarray]:
    """Lines of a column of strings (NaN or None where a row has none), and each row's number."""
    values = list(values)
    present = [isinstance(v, str) for v in values]
    builder = LinesBuilder()
    builder.add([v for v, p in zip(values, present, strict=True) if p])
    refs = np.full(len(values), -1, dtype="int64")
    refs[np.asarray(present, dtype=bool)] = np.arange(builder.count)
    return builder.done(), refs
