"""Publish a rendered night: pages through the engine and downloads, audited, swapped in.

The site is written in a temporary folder beside the output and swapped in at the end, so a
failed build leaves the previous site as it was.

A build records a digest of every page and download it wrote (in the output's marker
file), with the release and the settings it ran under. The next build of the same release
and settings compares: a file whose digest did not change, and whose bytes on disk are
still the ones to write, is linked from the previous site instead of being written again,
so a night that changes a few departments rewrites a few pages. The sitemap is always
written whole. A lock beside the output folder keeps a second build of it out.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import fcntl
import functools
import gc
import hashlib
import json
import multiprocessing
import os
import shutil
import stat
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .. import __version__, paths, schema
from ..compute.health import staleness
from ..compute.model import SiteModel
from ..problems import Problem, ProblemError, cannot_make
from ..render import build_day, downloads_page, keys, urls
from ..render.downloads import ZIP_NAME, file_size, published_tables, top_level_files
from ..render.site import Rendered
from ..render.words import LANGS
from ..store.archive import rebuild_store, store_digest
from ..store.csvio import write_atomic
from ..within import read_within
from . import engine
from .audit import audit_file, audit_frame, audit_pages, not_plain, trigger

MARKER = paths.SITE_RECORD
RECORD_MAX = 256 << 20  # the site record of 10,000 accounts' pages is a few megabytes
WORK_PREFIX = ".jawabdehi-build-"
DISCARD_PREFIX = ".jawabdehi-discard-"  # a replaced site, being deleted in the background
BUILD_RECORD = "build.json"  # rows and bytes of each everything-file, published for the next build
STAMP_ENV = "JAWABDEHI_NO_STAMP"  # set to build every page through mkdocs (for comparison)


class OutputError(ProblemError):
    pass


class AuditError(ProblemError):
    """The built site contains what looks like personal data; it was not published."""

    def __init__(self, findings: list[Problem], also: list[Problem] | None = None, unread: str = ""):
        # `also`: what else refused the night (the row gate), said after the findings.
        super().__init__([*findings, *(also or [])], f"the site was not published{unread}")
        self.findings = findings


@dataclass
class BuildSummary:
    pages: int
    accounts: int
    departments: int
    counts: dict[str, int]
    written: int = 0
    reused: int = 0
    kept: int = 0  # of the written and reused pages, scorecards not rendered again (their ranks put in)
    downloads_written: int = 0
    downloads_reused: int = 0
    notes: list[str] = field(default_factory=list)

    def line(self) -> str:
        statuses = ", ".join(f"{k} {v}" for k, v in self.counts.items() if v)
        return (f"built {self.pages} pages: {self.departments} departments, "
                f"{self.accounts} department-platform rows ({statuses}); "
                f"pages written {self.written}, unchanged {self.reused}, not rendered again {self.kept}; "
                f"downloads written {self.downloads_written}, unchanged {self.downloads_reused}")


def _record_bytes(path: Path) -> bytes | None:
    """A site record's bytes when it is a plain file of at most RECORD_MAX bytes: never
    through a link, never from a pipe (which would be waited on for ever) or a device."""
    try:
        info = path.lstat()
        if not stat.S_ISREG(info.st_mode) or info.st_size > RECORD_MAX:
            return None
        with path.open("rb") as handle:
            return handle.read(RECORD_MAX + 1)
    except OSError:
        return None


def read_manifest(out_dir: Path) -> dict:
    raw = _record_bytes(Path(out_dir) / MARKER)
    try:
        manifest = json.loads(raw) if raw is not None else None
    except (ValueError, RecursionError):  # a marker damaged or nested thousands deep: none
        return {}
    return manifest if isinstance(manifest, dict) else {}


FIRST_NIGHT = "pass --first-night only when no site was published yet"


def _sizes(record: object, label: str) -> dict[str, list[int]]:
    """The rows and bytes per file of a build record, or the problem with its shape."""
    files = record.get("files") if isinstance(record, dict) else None
    if not isinstance(files, dict) or not files:
        raise ProblemError([Problem(label, 0, "files", 'is not a build record: no "files" object of '
                                                       f"file: [rows, bytes]; {FIRST_NIGHT}")], "nothing was written")
    out = {}
    for name, value in files.items():
        if not (isinstance(value, list) and len(value) == 2 and all(type(v) is int and v >= 0 for v in value)):
            raise ProblemError([Problem(label, 0, f"files.{name}", f"is {json.dumps(value)[:40]}, not [rows, bytes]")],
                               "nothing was written")
        out[str(name)] = list(value)
    return out


# A build record names each published file once: some 16,000 at 5,000 accounts, about 1 MB.
LARGEST_BASELINE = 64 * 2**20


def read_baseline(path: Path) -> dict[str, list[int]]:
    """Rows and bytes per file from a published build.json. A missing or unreadable file, an
    HTML page (a redirect or an error page saved in its place) or JSON of another shape is a
    problem: without its baseline the row gate would be silently off."""
    label = str(path)

    def problem(line: int, message: str) -> ProblemError:
        return ProblemError([Problem(label, line, "--baseline", message)], "nothing was written")

    try:
        # A regular file of a record's size: a device or a pipe given by mistake would be read forever.
        if not Path(path).is_file():
            if not Path(path).exists():
                raise FileNotFoundError
            raise problem(0, "is not a regular file")
        if Path(path).stat().st_size > LARGEST_BASELINE:
            raise problem(0, f"is larger than {LARGEST_BASELINE // 2**20} MiB: not a build record")
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise problem(0, f"no such file: no published build.json to compare rows with; {FIRST_NIGHT}") from None
    except OSError as exc:
        raise problem(0, f"cannot be read ({exc.strerror})") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise problem(1, f"not UTF-8 text ({exc.reason})") from None
    if text.lstrip()[:1] == "<":
        raise problem(1, "is an HTML page, not build.json (a redirect or an error page saved in its place?)")
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        raise problem(exc.lineno, f"not JSON ({exc.msg})") from None
    except (ValueError, RecursionError):  # a number of thousands of digits, or nested thousands deep
        raise problem(1, "is not a build record (nested too deeply, or a number too long)") from None
    return _sizes(record, label)


def _baseline(out_dir: Path, last: dict, given: Path | None, first_night: bool, notes: list[str]) -> dict:
    """The rows and bytes the night is compared with: the given build.json, else the output
    folder's last build. None there is an error unless this is the first night."""
    try:
        if given is not None:
            return read_baseline(given)
        if (out_dir / MARKER).exists():
            return _sizes(last, str(out_dir / MARKER))
        return {}  # a new output folder: nothing was built there to compare with
    except ProblemError as error:
        if not first_night:
            raise
        notes.append(f"first night: rows not compared ({error.problems[0]})")
        return {}


def _check_output(out_dir: Path) -> None:
    if out_dir.exists() and any(out_dir.iterdir()) and not (out_dir / MARKER).exists():
        raise OutputError([Problem(str(out_dir), 0, "--out", "is not empty and was not built by jawabdehi; "
                                                              "choose an empty or new folder")],
                          "nothing was replaced")


def _put(files: Iterable[tuple[str, str | bytes]], target: Path, previous: Path | None, old: dict[str, str],
         summary: BuildSummary, audit: Callable[[str, str | bytes], None], audited: bool,
         sizes: dict[str, list[int]] | None = None) -> dict[str, str]:
    """Write each (path, text) under `target`, audited. A file whose digest is the last
    build's is linked from `previous` instead of written again, and is audited only when
    the last build's audit did not cover tonight's (`audited`): it is the file that build
    audited. `sizes` gets the rows and bytes of the everything-files, which the next night
    is checked against."""
    digests = {}
    top = {path for path, *_ in published_tables()}
    for path, text in files:
        data = text.encode("utf-8") if isinstance(text, str) else text
        if sizes is not None and path in top:
            sizes[path] = file_size(text)
        digests[path] = digest = engine.file_digest(data)
        out = target / path
        out.parent.mkdir(parents=True, exist_ok=True)
        if previous is not None and old.get(path) == digest and engine.link_if_same(previous, path, out, data):
            if not audited:
                audit(path, text)
            summary.downloads_reused += 1
            continue
        audit(path, text)
        out.write_bytes(data)
        os.chmod(out, 0o644)
        summary.downloads_written += 1
    return digests


def _audit_downloads(model: SiteModel, exempt: frozenset[str]) -> list[Problem]:
    allowed = set(model.allowed_handles)
    return [finding for frame, table, label in (
        (model.handles, schema.HANDLES, "data/handles.csv"),
        (model.rates, schema.PUBLISHED_COMPLAINTS, "data/complaints.csv"),
        (model.sources, schema.PUBLISHED_SOURCES, "data/sources.csv"),
        (model.snapshots, schema.SNAPSHOT, "data/departments/*.csv"),
        (model.events, schema.EVENTS, "data/events.csv"),
        (model.corrections, schema.CORRECTIONS, "data/corrections.csv"),
    ) for finding in audit_frame(frame, table, label, allowed, exempt)]


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _remove_abandoned(folder: Path) -> None:
    """Work folders of builds that were killed: no process of theirs is running any more."""
    for work in folder.glob(f"{WORK_PREFIX}*"):
        try:
            pid = int((work / "pid").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            # No pid yet: a build that has only just started, unless the folder is old.
            pid = 0 if time.time() - work.stat().st_mtime > 600 else os.getpid()
        if not _alive(pid) or pid == 0:
            shutil.rmtree(work, ignore_errors=True)
    for trash in folder.glob(f"{DISCARD_PREFIX}*"):
        if trash.suffix == ".pid":
            continue
        note = trash.with_name(f"{trash.name}.pid")
        try:
            remover = int(note.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            remover = 0
        if not _alive(remover):
            shutil.rmtree(trash, ignore_errors=True)
            note.unlink(missing_ok=True)
    for note in folder.glob(f"{DISCARD_PREFIX}*.pid"):
        if not note.with_suffix("").exists():
            note.unlink(missing_ok=True)


_RENAME_EXCHANGE = 2


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step (Linux renameat2); False where the system cannot."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd = -100
    done = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE)
    return done == 0


def _discard(folder: Path, beside: Path) -> None:
    """Delete a replaced site in the background. Removing the thousands of folders of a site
    takes longer than a night with nothing new, and nothing needs to wait for it; a removal
    cut short is finished by the next build (_remove_abandoned). The remover is a grandchild
    that outlives this process (two forks, so no process is left waiting on it) and lets go
    of this build's output: a caller that reads it through a pipe (a log, a CI step) would
    otherwise wait for the deletion too."""
    trash = beside / f"{DISCARD_PREFIX}{os.getpid()}-{time.time_ns()}"
    folder.rename(trash)
    note = beside / f"{trash.name}.pid"
    child = os.fork()
    if child:
        os.waitpid(child, 0)
        return
    try:  # the child: hand the work to a grandchild and end at once
        # Let go of every file this build holds open, the output's lock first, before the
        # parent is let go on: the next build must not wait for a deletion.
        os.closerange(3, os.sysconf("SC_OPEN_MAX"))
        if os.fork() == 0:
            os.setsid()
            nothing = os.open(os.devnull, os.O_RDWR)
            for stream in (0, 1, 2):
                os.dup2(nothing, stream)
            with contextlib.suppress(OSError):
                note.write_text(str(os.getpid()), encoding="utf-8")
            shutil.rmtree(trash, ignore_errors=True)
            with contextlib.suppress(OSError):
                note.unlink()
    finally:
        os._exit(0)


def _swap(new: Path, out: Path) -> None:
    """Put the new site in place: readers see the old site or the new one, never neither."""
    if out.exists() and _exchange(new, out):
        _discard(new, out.parent)  # `new` now holds the previous site
        return
    if out.exists():
        old = out.with_name(f".{out.name}.old")
        shutil.rmtree(old, ignore_errors=True)
        out.rename(old)
        new.rename(out)
        _discard(old, out.parent)
    else:
        new.rename(out)


@dataclass(frozen=True)
class _Previous:
    """The last build of this output folder, where its files may be reused."""

    site: Path | None  # None: nothing is reused
    manifest: dict
    audited: bool = False  # its audit let through nothing tonight's does not: what it audited stands


def _mapping(value: object) -> dict:
    """A part of the last build's manifest that should be an object; anything else is none."""
    return value if isinstance(value, dict) else {}


# What each value the audit let through is recorded as: the record is published with the
# site, and the values need not be (a helpline the registry lists with no source is shown
# nowhere; the record would have been the one place it was). Compared by digest, a value
# recorded last night is known again tonight without being written down.
_AUDIT_DIGEST_PREFIX = b"jawabdehi audit value\n"


def audit_digests(values: Iterable[str]) -> list[str]:
    """The SHA-256 of each value, in hex, sorted: what the site record keeps of them."""
    return sorted({hashlib.sha256(_AUDIT_DIGEST_PREFIX + v.encode("utf-8")).hexdigest() for v in values})


def audit_record(allowed: frozenset[str], exempt: frozenset[str]) -> dict:
    """What a build's audit let through, as digests of the values (never the values), and
    under which rules (the package's code)."""
    return {"allowed_sha256": audit_digests(allowed), "exempt_sha256": audit_digests(exempt),
            "code": keys.code_digest()}


def _audit_covers(manifest: dict, allowed: frozenset[str], exempt: frozenset[str]) -> bool:
    """Whether the last build's audit, under the same rules, let through no more than
    tonight's: a file it audited that is unchanged passes tonight's too, as a page that
    passed with fewer exemptions passes with more. Compared by the values' digests."""
    audited = _mapping(manifest.get("audit"))
    values = [audited.get("allowed_sha256"), audited.get("exempt_sha256")]
    if audited.get("code") != keys.code_digest() or \
            not all(isinstance(v, list) and all(isinstance(x, str) for x in v) for v in values):
        return False
    return set(values[0]) <= set(audit_digests(allowed)) and set(values[1]) <= set(audit_digests(exempt))


def _build_language(rendered: Rendered, lang: str, project: Path, work: Path, site: Path, previous: _Previous,
                    exempt: frozenset[str], stamp: bool) -> tuple[engine.LanguageResult, list[Problem], int]:
    """Audit and build one language's pages (in a worker process, or in this one)."""
    pages = rendered.pages[lang]
    findings: list[Problem] = []
    seen: set[bytes] = set()
    allowed = set(rendered.model.allowed_handles)

    def check(page) -> None:
        findings.extend(audit_pages([page], lang, allowed, seen, exempt))

    last = None
    if previous.site is not None:
        manifest, prefix = previous.manifest, "" if lang == "hi" else f"{lang}/"
        # A page is kept only where it was audited under what tonight's audit lets through.
        files = _mapping(manifest.get("bytes"))
        last = engine.Last(previous.site / prefix, _mapping(_mapping(manifest.get("pages")).get(lang)),
                           _mapping(_mapping(manifest.get("keys")).get(lang)) if previous.audited else {},
                           {path[len(prefix):]: d for path, d in files.items() if path.startswith(prefix)},
                           previous.audited)
    result = engine.build_language(
        pages, project=project, work=work, site=site, lang=lang, nav=rendered.nav[lang], stamp=stamp,
        last=last, check=check, banner=pages.banner(), footer=pages.footer())
    return result, findings, result.built + result.stamped


class _Forked:
    """A function run in a forked process. The child gets its arguments by inheriting this
    process's memory (the model is not copied or pickled); only the result comes back."""

    def __init__(self, lock: int, function: Callable, *args) -> None:
        context = multiprocessing.get_context("fork")
        self._answer, sender = context.Pipe(duplex=False)

        def child() -> None:
            # A killed build's lingering workers must not keep the output folder locked.
            os.close(lock)
            try:
                sender.send((True, function(*args)))
            except BaseException as exc:  # noqa: BLE001 - carried to the parent, raised there
                sender.send((False, exc))

        self._process = context.Process(target=child, daemon=True)
        self._process.start()
        sender.close()

    def result(self):
        try:
            ok, value = self._answer.recv()
        except EOFError:
            self._process.join()
            raise RuntimeError(f"a build process ended without an answer (exit code {self._process.exitcode})") \
                from None
        self._process.join()
        if not ok:
            raise value
        return value

    def stop(self) -> None:
        """End the child if it still runs: the work folder it writes into is about to go."""
        if self._process.is_alive():
            self._process.kill()
        self._process.join()


# Observations from which the garbage a step leaves is worth a full collection (before the
# pages' processes fork, it would be frozen with the rest and copied into any process that
# writes near it; pipeline.give_back_memory). A collection walks every object a long-lived
# caller holds (`jawabdehi serve`, a test run: a tenth of a second each time); below this a
# step frees a few megabytes.
WORTH_COLLECTING = 100_000


# Departments from which a build renders each language in a process of its own. Below it
# each language's pages take a few tenths of a second, and a forked process spends about a
# tenth of a second of CPU more than the same work in this one (what it looked up and
# compiled ends with it, and the pages of memory it writes near are copied): builds of ten
# and of seventeen departments took 9 % and 14 % more CPU forked, which a test run or a
# preview, keeping both cores busy already, waits for in full.
FORK_FROM_DEPARTMENTS = 100


def _parallel(departments: int) -> bool:
    """One process per language where the site is large enough to gain from it and the
    machine has the cores and can fork."""
    return departments >= FORK_FROM_DEPARTMENTS and "fork" in multiprocessing.get_all_start_methods() \
        and (os.cpu_count() or 1) >= 2


def lock_path(out_dir: Path) -> Path:
    """The file a build of `out_dir` locks, beside it (the folder itself is swapped)."""
    return out_dir.parent / f".{out_dir.name}.lock"


def _open_lock(out_dir: Path) -> int:
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        return os.open(lock_path(out_dir), os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError as error:
        # The first file a build makes beside the site: a folder that cannot hold it (/proc,
        # a read-only or full disk, one not ours) is the operator's choice to change, not a bug.
        raise OutputError([cannot_make(out_dir, "--out", error, out_dir.parent)], "nothing was written") from None


def check_writable(out_dir: Path) -> None:
    """Refuse an output folder whose lock cannot be made, before the data are read and the
    figures computed (minutes at 10,000 accounts); `locked` refuses it again, as it may change.
    It leaves nothing behind: a night refused later for its data changes no file (a file of its
    own, not the lock, which another build may hold; the folders made for it taken away)."""
    made = [folder for folder in (out_dir.parent, *out_dir.parent.parents) if not folder.exists()]
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=out_dir.parent, prefix=f".{out_dir.name}.writable-"):
            pass
    except OSError as error:
        raise OutputError([cannot_make(out_dir, "--out", error, out_dir.parent)], "nothing was written") from None
    finally:
        for folder in made:  # the deepest first
            try:
                folder.rmdir()
            except OSError:
                break


@contextlib.contextmanager
def locked(out_dir: Path) -> Iterator[int]:
    """Hold the output folder's lock for the whole build, so two builds never write one
    folder at once. flock: the system releases it when the holder dies, even killed."""
    fd = _open_lock(out_dir)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OutputError([Problem(str(out_dir), 0, "--out", f"another build is writing {out_dir} (it holds "
                                                                 f"{lock_path(out_dir)}); try again once it ended")],
                              "nothing was written") from None
        yield fd
    finally:
        os.close(fd)


def config_digest(cfg: object) -> str:
    """The settings the pages and files were made with: a build under others reuses nothing."""
    return engine.file_digest(repr(cfg).encode("utf-8"))


@dataclass(frozen=True)
class Compared:
    """What the night is compared with: the rows and bytes per file of the last published
    build, and why nothing is compared where it is missing."""

    sizes: dict[str, list[int]]
    notes: list[str]


def compared_with(out_dir: Path, given: Path | None, first_night: bool) -> Compared:
    """The baseline of the row gate: `given` (a published build.json), else the output
    folder's last build. Only on the first night may it be missing."""
    _check_output(out_dir)
    notes: list[str] = []
    last = read_manifest(out_dir) if out_dir.exists() else {}
    return Compared(_baseline(out_dir, last, given, first_night, notes), notes)


def last_zip(out_dir: Path) -> bytes | None:
    """The last night's ZIP in `out_dir`, as that build wrote it (the digest its record names)
    and made by the same code: only then are its members compressed as tonight's would be
    (the code's digest names zlib's release too). None otherwise: only the saving is lost."""
    manifest = read_manifest(out_dir) if out_dir.exists() else {}
    written = _mapping(manifest.get("downloads"))
    if ZIP_NAME not in written or _mapping(manifest.get("audit")).get("code") != keys.code_digest():
        return None
    try:  # a pipe would never end, a link (the file's or its folder's) could lead anywhere
        data = read_within(out_dir, f"data/{ZIP_NAME}")
    except OSError:
        return None
    return data if engine.file_digest(data) == written[ZIP_NAME] else None


def publish_site(rendered: Rendered, out_dir: Path, lock: int, *, project: Path, exempt: frozenset[str],
                 baseline: dict[str, list[int]], notes: list[str], incremental: bool = True,
                 allow_drop: bool = False, progress: Callable[[str], None] = lambda _: None,
                 inputs_key: str = "", newest_input: str | None = None, store: Path | None = None) -> BuildSummary:
    """Write, audit and swap in the site of `rendered`: pages through the engine (one process
    per language on a large site), downloads meanwhile in this one. Nothing is swapped in when the audit
    finds personal data or the rows collapse against `baseline` (checked once the downloads
    are written: a collapsed night stops its pages unbuilt). `inputs_key` names every
    input of the build (pipeline.inputs_key) and `newest_input` is the newest date of any
    input row: recorded, so that a night with the same inputs can reuse this site whole
    (reuse_night); so is the digest of the `store` the night leaves (trust_restored)."""
    model = rendered.model
    withheld = list(model.health.withheld)
    summary = BuildSummary(pages=0, accounts=len(model.handles), departments=len(model.departments),
                           counts=model.counts, notes=[*notes, *(f"withheld pending review: {w}"
                                                                          for w in withheld)])
    last = read_manifest(out_dir) if out_dir.exists() else {}
    config = config_digest(model.cfg)
    # Another release or other settings may shape pages differently: build everything.
    same = incremental and last.get("version") == __version__ and last.get("config") == config
    manifest = last if same else {}
    # A site holding a link (restored from a cache others could write) lends nothing: a page or
    # a download read, kept or hard-linked through it would come from outside the site.
    linked = bool(manifest.get("pages")) and any(not_plain(out_dir))
    if linked:
        summary.notes.append("the last site holds a link or a file that is not plain: nothing of it is reused")
    previous = _Previous(out_dir if manifest.get("pages") and not linked else None, manifest,
                         _audit_covers(manifest, model.allowed_handles, exempt))
    stamp = not os.environ.get(STAMP_ENV)
    findings: list[Problem] = []
    # The site's as-of date, the data's: two builds of the same data on other days write the same record.
    site_as_of = model.as_of and model.as_of.isoformat()
    new_manifest: dict = {"version": __version__, "config": config, "as_of": site_as_of, "pages": {},
                          "downloads": {}, "keys": {},
                          "audit": audit_record(model.allowed_handles, exempt)}
    _remove_abandoned(out_dir.parent)
    with tempfile.TemporaryDirectory(prefix=WORK_PREFIX, dir=out_dir.parent) as tmp:
        work = Path(tmp)
        (work / "pid").write_text(str(os.getpid()), encoding="utf-8")
        sites = {lang: work / f"site-{lang}" for lang in LANGS}
        progress("rendering and building pages")
        trigger()  # built once here, not once in each worker
        top_level_files(model)  # likewise

        def language(lang: str):
            return (rendered, lang, project, work, sites[lang], previous, exempt, stamp)

        def gated_downloads() -> _Downloads:
            # The row gate reads only the downloads' rows: a night it refuses stops here,
            # before its pages are waited for (minutes at thousands of accounts).
            written = _downloads(rendered, work, previous, summary, progress, exempt)
            drop = [] if allow_drop else collapsed(written.sizes, baseline, model.cfg.site.min_row_share)
            if drop:
                _refuse(written.findings, drop, "; its pages were neither built nor audited")
            return written

        if _parallel(len(model.departments)):
            # Workers share the model with this process; freezing keeps their garbage
            # collector from writing into (and so copying) every object of it.
            engine.warm(project)
            if len(model.snapshots) >= WORTH_COLLECTING:
                gc.collect()
            gc.freeze()
            running: dict[str, _Forked] = {}
            try:
                running = {lang: _Forked(lock, _build_language, *language(lang)) for lang in LANGS}
                downloads = gated_downloads()
                results = {lang: child.result() for lang, child in running.items()}
            finally:  # a refused night's page processes are ended here, unfinished
                for child in running.values():
                    child.stop()
                gc.unfreeze()
        else:
            downloads = gated_downloads()
            results = {lang: _build_language(*language(lang)) for lang in LANGS}
        progress("pages built")
        findings += downloads.findings
        new_manifest["downloads"] = downloads.digests
        new_manifest["root"] = downloads.root
        new_manifest["files"] = downloads.sizes
        for lang, (result, found, count) in results.items():
            findings += found
            if result.fallback:
                summary.notes.append(f"{lang}: {result.fallback}")
            summary.pages += count
            summary.written += result.written
            summary.reused += result.reused
            new_manifest["pages"][lang] = result.digests
            new_manifest["keys"][lang] = result.keys
            summary.kept += result.kept
        _refuse(findings, [])
        site = sites["hi"]
        sites["en"].rename(site / "en")
        (work / "data").rename(site / "data")
        _merge(work / "root", site)
        _write_sizes(site)
        # The as-of day is the newest observation's, where there is one: as exactly as it is known.
        build_record = {"as_of": site_as_of, **(model.as_of_precision() if model.newest_observation else {}),
                        "version": __version__, "files": new_manifest["files"], "withheld": withheld}
        record_file = site / "data" / BUILD_RECORD
        record_file.write_text(json.dumps(build_record, sort_keys=True, indent=1) + "\n", encoding="utf-8")
        os.chmod(record_file, 0o644)
        health = model.health
        new_manifest["night"] = {"key": inputs_key, "newest_input": newest_input,
                                 "newest_observation": health.newest_observation,
                                 # Read back by a night with nothing new, as the pages kept say it.
                                 "newest_precision": model.newest_precision,
                                 "built_on": model.built_on and model.built_on.isoformat(), "banner": health.banner,
                                 "summary": {"pages": summary.pages, "accounts": summary.accounts,
                                             "departments": summary.departments, "counts": summary.counts}}
        # What this build wrote is not read back to be digested: it was digested as it was written.
        known = {f"{'' if lang == 'hi' else lang + '/'}{path}": digest
                 for lang, (result, _, _) in results.items() for path, digest in result.files.items()}
        known |= {f"data/{path}": digest for path, digest in downloads.digests.items()} | downloads.root
        new_manifest["bytes"] = dict(_file_digests(site, known))
        new_manifest["store"] = store and store_digest(store)
        (site / MARKER).write_text(json.dumps(new_manifest, sort_keys=True), encoding="utf-8")
        progress("publishing")
        _swap(site, out_dir)
        progress("cleaning up")
    return summary


def _write_sizes(site: Path) -> None:
    """Each language's Downloads page with the size of every file it offers, and the SHA-256
    of the night's ZIP, read from the files as written: only now are they all known (the
    night's ZIP is made last, while the pages are built). Two pages are written again, never
    the rest; each digest is worked out once, for both."""
    root = site.resolve()

    def served(path: str) -> os.stat_result | None:
        # A link is given no size, and nor is a file reached through a linked folder: nothing
        # outside the site is looked at.
        try:
            info = (site / path).lstat()
            within = (site / path).resolve().is_relative_to(root)
        except OSError:
            return None
        return info if within and stat.S_ISREG(info.st_mode) else None

    def size_of(path: str) -> int | None:
        info = served(path)
        return None if info is None else info.st_size

    @functools.cache
    def sha256_of(path: str) -> str | None:
        if served(path) is None:
            return None
        with open(site / path, "rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()

    for lang in LANGS:
        page = site / urls.site_path(lang, downloads_page.URL) / "index.html"
        if page.exists():
            write_atomic(page, downloads_page.with_sizes(page.read_text(encoding="utf-8"), lang, size_of, sha256_of))


@dataclass
class _Downloads:
    digests: dict[str, str]  # data/
    root: dict[str, str]  # the accounts files, badges and feeds at the site root
    findings: list[Problem]
    sizes: dict[str, list[int]]


def _downloads(rendered: Rendered, work: Path, previous: _Previous, summary: BuildSummary,
               progress: Callable[[str], None], exempt: frozenset[str]) -> _Downloads:
    """Everything but the pages, while the pages are built: data/ into work/data, and the
    files shared by both languages at the site root into work/root."""
    model = rendered.model
    progress("writing downloads")
    findings = _audit_downloads(model, exempt)
    allowed, seen = set(model.allowed_handles), set()
    sizes: dict[str, list[int]] = {}

    def audit(prefix: str) -> Callable[[str, str | bytes], None]:
        return lambda path, text: audit_file(prefix + path, text, allowed, findings, seen, exempt)

    digests = _put(rendered.data_files(), work / "data", None if previous.site is None else previous.site / "data",
                   _mapping(previous.manifest.get("downloads")), summary, audit("data/"), previous.audited, sizes)
    root = _put(rendered.root_files(), work / "root", previous.site, _mapping(previous.manifest.get("root")), summary,
                audit(""), previous.audited)
    progress("downloads written")
    return _Downloads(digests, root, findings, sizes)


def _refuse(findings: list[Problem], drop: list[Problem], unread: str = "") -> None:
    """Stop a night the personal-data audit (`findings`) or the row gate (`drop`) refuses;
    refused by both, it says both, the findings first. `unread`: what the night did not look
    at before it stopped, said after the outcome (the audit's findings may be some of them)."""
    if findings:
        raise AuditError(findings, drop, unread)
    if drop:
        raise ProblemError(drop, f"the site was not published{unread}; the last one stays")


def _merge(source: Path, target: Path) -> None:
    """Move the files under `source` to the same places under `target`."""
    for entry in source.iterdir():
        into = target / entry.name
        if entry.is_dir() and into.exists():
            _merge(entry, into)
        else:
            entry.rename(into)


def collapsed(sizes: dict[str, list[int]], before: dict[str, list[int]], share: float) -> list[Problem]:
    """Published files whose rows fell below `share` of the last build's: a night that lost
    most of its data is not published over a good one."""
    if before and sizes and not set(before) & set(sizes):
        # A readable record of some other site compares nothing: the gate would be off.
        return [Problem("data/build.json", 0, "files", "the baseline names none of the files this build publishes: "
                                                       "it is not this site's build record")]
    out = []
    for path, (rows, _) in sizes.items():
        last = (before.get(path) or [0, 0])[0]
        if last and rows < share * last:
            out.append(Problem(f"data/{path}", 0, "rows", f"the site's download would have {rows} rows where the last "
                               f"build published {last} (below {share:.0%}): rows went missing from the data folder; "
                               "restore them, or build --allow-drop if the drop is intended"))
    return out


def _file_digests(site: Path, known: dict[str, str] | None = None) -> Iterator[tuple[str, str]]:
    """Every file of a built site but its marker, by path, with the digest of its bytes;
    `known` gives the digests of files just written from bytes in hand."""
    root, known = str(site), known or {}
    for folder, dirs, names in os.walk(root):
        prefix = os.path.relpath(folder, root).replace(os.sep, "/") + "/" if folder != root else ""
        # A link (to a folder or a file) is no file of a built site: named so, it matches no
        # recorded digest, and nothing of the site is reused.
        for name in [d for d in dirs if os.path.islink(os.path.join(folder, d))]:
            yield prefix + name, "a link"
        for name in names:
            if not stat.S_ISREG(os.lstat(os.path.join(folder, name)).st_mode):  # one call: every file, every night
                yield prefix + name, "a link or not a file"
            elif prefix + name in known:
                yield prefix + name, known[prefix + name]
            elif prefix or name != MARKER:
                with open(os.path.join(folder, name), "rb") as handle:
                    yield prefix + name, hashlib.file_digest(handle, engine.file_hasher).hexdigest()




def trust_restored(out_dir: Path, store: Path | None, online_record: Path,
                   progress: Callable[[str], None] = lambda _: None) -> list[str]:
    """Keep a restored site and store only where they are what the site online was built
    with: `online_record` is that site's record (MARKER), fetched from it. Caches are shared by
    every workflow of a repository, and a restored site is otherwise checked only against the
    digests it carries itself: a site folder whose record differs is set aside (tonight is built
    in full) and a store whose digest differs is rebuilt from the files. Notes say which."""
    online = _record_bytes(Path(online_record))
    try:
        recorded = json.loads(online) if online is not None else None
    except (ValueError, RecursionError):
        recorded = None
    notes = []
    if not isinstance(recorded, dict):
        online, recorded = None, {}
        notes.append(f"{online_record} is not a site record: nothing restored is trusted")
    out_dir = Path(out_dir)
    # Set aside unless its record is a plain file equal to the online one (a link, a pipe or
    # a folder without a record is no site this build left), and it holds no links.
    if (out_dir.is_symlink() or out_dir.exists()) and (
            online is None or _record_bytes(out_dir / MARKER) != online or any(not_plain(out_dir))):
        progress("the restored site is not the one online: setting it aside")
        if out_dir.is_symlink() or not out_dir.is_dir():
            out_dir.unlink()
        else:
            _discard(out_dir, out_dir.parent)
        notes.append("the restored site is not the one online: built in full")
    if store is not None and (Path(store).is_symlink() or Path(store).exists()) and (
            Path(store).is_symlink() or recorded.get("store") != store_digest(store)):
        progress("the restored store of parsed nights is not the one the site online left: rebuilding it")
        rebuild_store(store)
        notes.append("the restored store of parsed nights is not the one the site online left: read from the files")
    return notes


def _late_pages() -> dict[str, str]:
    """The files of the pages whose one sentence depends on the build's day, by language."""
    return {f"{'' if lang == 'hi' else lang + '/'}{url}index.html": lang for url in build_day.PAGES for lang in LANGS}


def reuse_night(out_dir: Path, lock: int, inputs_key: str, built_on: date,
                gate: tuple[dict[str, list[int]], float, bool],
                progress: Callable[[str], None] = lambda _: None, store: Path | None = None) -> BuildSummary | None:
    """The last site again when nothing it was built from changed: every input the same
    (`inputs_key`), no input dated between the two build days, and the stale banner as it
    was. Its files are checked byte for byte against the digests it recorded and kept where
    they are; the health pages get the day of this build. None, and nothing touched, when any of that
    does not hold or its rows would not pass the row gate (`gate`: the baseline's rows and
    bytes, the share kept, whether a drop is allowed): the night is then built in full."""
    manifest = read_manifest(out_dir) if out_dir.exists() else {}
    night, recorded = manifest.get("night"), manifest.get("bytes")
    if not (isinstance(night, dict) and isinstance(recorded, dict) and inputs_key
            and night.get("key") == inputs_key and manifest.get("version") == __version__
            and isinstance(night.get("built_on"), str) and isinstance(manifest.get("files"), dict)):
        return None
    baseline, share, allow_drop = gate
    if not allow_drop and collapsed(manifest["files"], baseline, share):
        return None  # the full build says why it stops
    newest = night.get("newest_input")
    if newest is not None and newest > min(night["built_on"], built_on.isoformat()):
        return None  # a row dated between the two days: one of them does not see it
    precision = night.get("newest_precision") or "day"
    days, banner = staleness(night.get("newest_observation"), built_on, precision)
    if banner != night.get("banner"):
        return None
    late = _late_pages()
    progress("nothing new since the last build: checking its files")
    _remove_abandoned(out_dir.parent)
    # Every file is checked before any is touched; then only the pages that give the build's
    # day and the marker are replaced, each whole (readers see the old file or the new one).
    # Killed between the two, the marker no longer matches those pages: the next build is whole.
    digests = dict(_file_digests(out_dir))
    if digests != recorded:
        return None  # changed, missing, or not built by the last build: trust nothing of it
    restamped: dict[str, str] = {}
    for rel in late.keys() & digests.keys():
        html = build_day.restamp((out_dir / rel).read_text(encoding="utf-8"), late[rel], days, built_on,
                                 manifest["files"], baseline, precision)
        if html is None:
            return None
        restamped[rel] = html
        digests[rel] = engine.file_digest(html.encode("utf-8"))
    for rel, html in restamped.items():
        write_atomic(out_dir / rel, html)
    manifest = {**manifest, "night": {**night, "built_on": built_on.isoformat()}, "bytes": digests,
                "store": store and store_digest(store)}
    progress("publishing")
    write_atomic(out_dir / MARKER, json.dumps(manifest, sort_keys=True))
    last = night.get("summary") or {}
    pages = last.get("pages", 0)
    return BuildSummary(pages=pages, accounts=last.get("accounts", 0), departments=last.get("departments", 0),
                        counts=last.get("counts", {}), reused=pages - len(late), written=len(late),
                        downloads_reused=len(manifest.get("downloads", {})) + len(manifest.get("root", {})),
                        notes=["nothing new since the last build: its files were checked and kept; "
                               "the health pages give this build's day"])
