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

import jinja2


@functools.cache
def bytecode_cache() -> jinja2.BytecodeCache:
    return jinja2.FileSystemBytecodeCache()
