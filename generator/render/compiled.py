"""Compiled templates kept between builds and processes.

Compiling the theme's and the pages' templates is about a third of a small build (a
night's build is many small ones in the tests, and two languages at once in production).
Jinja keeps the compiled code in a folder of the user's own, which it creates private
(0700) and refuses to use otherwise; an entry is used only while its template's source is
unchanged. Each template file is only ever loaded by one kind of environment (the theme's
by mkdocs, the pages' by `context.environment`), so code compiled under one environment's
settings never serves the other.
"""

from __future__ import annotations

import functools
from types import CodeType

import jinja2
from jinja2.bccache import Bucket


class _KeptInMemory(jinja2.FileSystemBytecodeCache):
    """The folder's cache, with each template's code also kept in this process once read or
    compiled: a process that builds many sites (the tests; a long-lived caller) reads and
    unmarshals each template's code once, not once per build and language. Kept under the
    folder's own key (the template's name and path) and its source's checksum, so a template
    whose source changed is never served its old code."""

    def __init__(self) -> None:
        super().__init__()
        self._code: dict[tuple[str, str], CodeType] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get((bucket.key, bucket.checksum))
        if code is None:
            super().load_bytecode(bucket)  # left without code when the file's checksum differs
            if bucket.code is None:
                return
            code = self._code[(bucket.key, bucket.checksum)] = bucket.code
        bucket.code = code

    def dump_bytecode(self, bucket: Bucket) -> None:
        super().dump_bytecode(bucket)
        self._code[(bucket.key, bucket.checksum)] = bucket.code


@functools.cache
def bytecode_cache() -> jinja2.BytecodeCache:
    return _KeptInMemory()
