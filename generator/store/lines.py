"""Each observation's line as read from its nightly file, held as one block of bytes.

A department's history file and a night's archive repeat the input lines as read instead of
formatting every row again. Held as one Python string per row, three years at 5,000
accounts are 5.5 million objects (about 1.4 GB); worse, every read of a string writes its
reference count, so the page processes forked beside the downloads end up with their own
copy of every page of them. Here the lines are one block of UTF-8 bytes, each followed by a
line end, with the place of each: a frame holds a line's number (`REF`, -1 for a row with
no line as read), and reading lines writes nothing but the text it returns.
"""

from __future__ import annotations

import numpy as np

REF = "_raw"  # a frame's column: the row's line number in the dataset's `Lines`, -1 for none
NEWLINE = 10


class Lines:
    """Line i is `data[starts[i]:ends[i]]`; a line end follows every line, so lines with
    consecutive numbers are one run of bytes."""

    def __init__(self, data: np.ndarray, starts: np.ndarray, ends: np.ndarray):
        self.data, self.starts, self.ends = data, starts, ends

    @classmethod
    def empty(cls) -> Lines:
        return cls(np.zeros(0, dtype=np.uint8), np.zeros(0, dtype="int64"), np.zeros(0, dtype="int64"))

    def __len__(self) -> int:
        return len(self.starts)

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
        view = memoryview(self.data)
        return b"".join([view[s:e] for s, e in zip(self.starts[firsts].tolist(),
                                                   (self.ends[lasts] + 1).tolist(), strict=True)]).decode("utf-8")

    def texts(self, refs: np.ndarray) -> list[str | None]:
        """Each line of `refs` as a string; None where the number is -1."""
        refs = np.asarray(refs, dtype="int64")
        present = refs >= 0
        starts, ends = np.zeros(len(refs), dtype="int64"), np.zeros(len(refs), dtype="int64")
        starts[present], ends[present] = self.starts[refs[present]], self.ends[refs[present]]
        view, starts, ends = memoryview(self.data), starts.tolist(), ends.tolist()
        return [str(view[s:e], "utf-8") if r >= 0 else None
                for r, s, e in zip(refs.tolist(), starts, ends, strict=True)]


class LinesBuilder:
    """Collects lines block by block, in one growing buffer (grown in place, not copied)."""

    def __init__(self) -> None:
        self.buffer = bytearray()
        self.starts: list[np.ndarray] = []
        self.ends: list[np.ndarray] = []
        self.count = 0

    def add_joined(self, blob: bytes) -> int:
        """Lines joined by line ends (none of them holding one); the first one's number."""
        data = np.frombuffer(blob, dtype=np.uint8)
        breaks = np.flatnonzero(data == NEWLINE)
        base = len(self.buffer)
        self.starts.append(np.r_[0, breaks + 1].astype("int64") + base)
        self.ends.append(np.r_[breaks, len(data)].astype("int64") + base)
        self.buffer += blob
        self.buffer.append(NEWLINE)
        first, self.count = self.count, self.count + len(breaks) + 1
        return first

    def add(self, lines: list[str]) -> int:
        """Lines as strings (any of them may hold a line end); the first one's number."""
        if not any("\n" in line for line in lines):
            return self.add_joined("\n".join(lines).encode("utf-8")) if lines else self.count
        first = self.count
        for line in lines:
            raw = line.encode("utf-8")
            start = len(self.buffer)
            self.starts.append(np.array([start], dtype="int64"))
            self.ends.append(np.array([start + len(raw)], dtype="int64"))
            self.buffer += raw
            self.buffer.append(NEWLINE)
        self.count += len(lines)
        return first

    def done(self) -> Lines:
        if not self.starts:
            return Lines.empty()
        return Lines(np.frombuffer(self.buffer, dtype=np.uint8), np.concatenate(self.starts),
                     np.concatenate(self.ends))


def of(values) -> tuple[Lines, np.ndarray]:
    """Lines of a column of strings (NaN or None where a row has none), and each row's number."""
    values = list(values)
    present = [isinstance(v, str) for v in values]
    builder = LinesBuilder()
    builder.add([v for v, p in zip(values, present, strict=True) if p])
    refs = np.full(len(values), -1, dtype="int64")
    refs[np.asarray(present, dtype=bool)] = np.arange(builder.count)
    return builder.done(), refs
