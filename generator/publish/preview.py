"""Local preview: serve the built site and rebuild it when its inputs change.

A rebuild that fails (bad data, a personal-data finding, a template error) is reported and
the last good site stays up; the preview keeps watching.
"""

from __future__ import annotations

import http.server
import threading
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from .. import paths
from ..problems import Problem, ProblemError


def _fingerprint(folders: list[Path]) -> tuple:
    found = []
    for folder in folders:
        if folder.is_file():
            found.append((str(folder), folder.stat().st_mtime_ns))
        elif folder.exists():
            found += [(str(p), p.stat().st_mtime_ns) for p in folder.rglob("*") if p.is_file()]
    return tuple(sorted(found))


class _Site(http.server.SimpleHTTPRequestHandler):
    """Serves the current build; a missing page gets the site's own 404 page."""

    root: Path = Path(".")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, directory=str(self.root), **kwargs)

    def send_error(self, code, message=None, explain=None):
        page = self.root / "404.html"
        if code == 404 and page.exists():
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)

    def log_message(self, format: str, *args) -> None:  # noqa: A002
        pass


def serve(project: Path, data_dir: Path, out_dir: Path, port: int, build: Callable[[], str],
          echo: Callable[[str], None] = print, poll_seconds: float = 1.0) -> None:
    """Serve `out_dir` on 127.0.0.1 and call `build` (which returns its summary line) at the
    start and whenever a watched file changes."""
    watched = [Path(data_dir), Path(project) / "site", Path(project) / paths.MKDOCS_YML, paths.TEMPLATES,
               paths.THEME]

    def rebuild() -> None:
        try:
            echo(build())
        except ProblemError as error:
            echo(f"not rebuilt ({error.outcome}):\n{error}")
        except Exception:  # noqa: BLE001 - a preview must survive a broken template and say why
            echo("not rebuilt, the build failed:\n" + traceback.format_exc(limit=3))

    handler = type("Handler", (_Site,), {"root": Path(out_dir).resolve()})
    try:  # before the build: a port in use is known at once
        server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    except OSError as error:
        raise ProblemError([Problem(f"127.0.0.1:{port}", 0, "--port", f"cannot be listened on: {error.strerror}")],
                           "nothing was served") from None
    # The files as the first build reads them: a file changed while it runs, or in the moment
    # after it, is a change to build again (taken after, it would be taken as the baseline).
    seen = _fingerprint(watched)
    rebuild()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    echo(f"serving on http://127.0.0.1:{port}/ (English: /en/); Ctrl+C to stop")
    try:
        while True:
            time.sleep(poll_seconds)
            now = _fingerprint(watched)
            if now != seen:
                seen = now
                echo("change seen, rebuilding")
                rebuild()
    except KeyboardInterrupt:
        server.shutdown()


