"""The line a key or an element of a JSON file stands on, for a problem to name.

`json` gives no positions: a problem found in what it read would otherwise all be said at
line 1, and in a file of hundreds of lines the operator would have to hunt for it. Imports
nothing internal.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Callable
from json.decoder import scanstring

_SPACE = re.compile(r"[ \t\n\r]*")  # what JSON lets stand between its tokens
Where = tuple[str | int, ...]  # keys of objects and indexes of lists, from the top


def _starts(text: str) -> dict[Where, int]:
    """Where each member's key and each list element of `text`, a valid JSON text, starts.
    A key written twice stands where it is written last, as `json` keeps its last value."""
    found: dict[Where, int] = {}
    scalar = json.JSONDecoder().raw_decode

    def skip(at: int) -> int:
        return _SPACE.match(text, at).end()

    def walk(at: int, path: Where) -> int:
        """Record what stands at `at` and below; return the offset just past it."""
        if text[at] == "{":
            at = skip(at + 1)
            while text[at] != "}":
                key, end = scanstring(text, at + 1)
                found[(*path, key)] = at
                at = skip(walk(skip(skip(end) + 1), (*path, key)))  # past the ':' and the value
                at = skip(at + 1) if text[at] == "," else at
            return at + 1
        if text[at] == "[":
            at, index = skip(at + 1), 0
            while text[at] != "]":
                found[(*path, index)] = at
                at = skip(walk(at, (*path, index)))
                at, index = skip(at + 1) if text[at] == "," else at, index + 1
            return at + 1
        return scalar(text, at)[1]

    walk(skip(0), ())
    return found


def line_finder(text: str) -> Callable[[Where], int]:
    """For `text`, a JSON text `json.loads` read: the line (from 1) on which the key or the
    element at a path stands; where it is not there (a missing key), the line of the
    nearest one that holds it; 1 where none does."""
    try:
        starts = _starts(text)
    except (RecursionError, ValueError, IndexError):  # nested too deep for this walk: line 1 says it still
        starts = {}
    breaks = [m.start() for m in re.finditer("\n", text)]

    def line(path: Where) -> int:
        path = tuple(path)
        while path and path not in starts:
            path = path[:-1]
        return bisect.bisect_left(breaks, starts[path]) + 1 if path else 1
    return line
