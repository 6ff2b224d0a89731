"""Local preview: serve the built site and rebuild it when its inputs change."""

from __future__ import annotations

import functools
import http.server
import threading
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from . import paths
from .build import build_site
from .csvio import DataError


def _fingerprint(folders: list[Path]) -> tuple:
    return tuple(sorted((str(p), p.stat().st_mtime_ns) for f in folders if f.exists()
                        for p in f.rglob("*") if p.is_file()))


def serve(data_dir: Path, out_dir: Path, as_of: date, port: int,
          echo: Callable[[str], None] = print, poll_seconds: float = 1.0) -> None:
    watched = [Path(data_dir), paths.SITE, paths.TEMPLATES, paths.MKDOCS_YML.parent / "mkdocs.yml"]

    def rebuild() -> None:
        try:
            echo(build_site(data_dir, out_dir, as_of).line())
        except DataError as error:
            echo(f"not rebuilt, the data has problems:\n{error}")

    rebuild()
    handler = functools.partial(_Quiet, directory=str(Path(out_dir).resolve()))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    echo(f"serving on http://127.0.0.1:{port}/ (English: /en/); Ctrl+C to stop")
    seen = _fingerprint(watched[:-1])
    try:
        while True:
            time.sleep(poll_seconds)
            now = _fingerprint(watched[:-1])
            if now != seen:
                seen = now
                echo("change seen, rebuilding")
                rebuild()
                # The server keeps serving the folder by name; the swap replaced it.
                server.RequestHandlerClass = functools.partial(
                    _Quiet, directory=str(Path(out_dir).resolve()))
    except KeyboardInterrupt:
        server.shutdown()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:  # noqa: A002
        pass
