"""Build the whole static site: load -> model -> pages and downloads -> engine -> audit -> swap.

The site is built in a temporary folder beside the output and swapped in at the end, so a
failed build leaves the previous site as it was and invalid data writes nothing at all.

A build records a digest of every page and download it wrote (in the output's marker
file), with the release and the settings it ran under. The next build of the same release
and settings compares: a file whose digest did not change, and whose bytes on disk are
still the ones to write, is linked from the previous site instead of being written again,
so a night that changes a few departments rewrites a few pages. The sitemap is always
written whole. A lock beside the output folder keeps a second build of it out.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import ctypes
import ctypes.util
import fcntl
import gc
import hashlib
import itertools
import json
import multiprocessing
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from .. import __version__, paths, schema
from ..compute.model import SiteModel, build_model
from ..config import load_config
from ..problems import DataError, Problem, ProblemError
from ..render import pages as site_pages
from ..render.badges import badge_files
from ..render.downloads import published_files, published_tables, rows_and_bytes
from ..render.feeds import feed_files
from ..render.verify import api_files
from ..render.words import LANGS
from ..store.complaint_rules import complaint_rule_problems
from ..store.load import load_dataset
from . import engine
from .audit import audit_files, audit_frame, audit_inputs, audit_pages, program_values, trigger, withhold
from .pinned import pin, read_record

MARKER = ".jawabdehi-site"
WORK_PREFIX = ".jawabdehi-build-"
BUILD_RECORD = "build.json"  # rows and bytes of each everything-file, published for the next build
STAMP_ENV = "JAWABDEHI_NO_STAMP"  # set to build every page through mkdocs (for comparison)


class OutputError(ProblemError):
    pass


class AuditError(ProblemError):
    """The built site contains what looks like personal data; it was not published."""

    def __init__(self, findings: list[Problem]):
        super().__init__(findings, "the site was not published")
        self.findings = findings


@dataclass
class BuildSummary:
    pages: int
    accounts: int
    departments: int
    counts: dict[str, int]
    written: int = 0
    reused: int = 0
    downloads_written: int = 0
    downloads_reused: int = 0
    notes: list[str] = field(default_factory=list)

    def line(self) -> str:
        statuses = ", ".join(f"{k} {v}" for k, v in self.counts.items() if v)
        return (f"built {self.pages} pages: {self.departments} departments, "
                f"{self.accounts} department-platform rows ({statuses}); "
                f"pages written {self.written}, unchanged {self.reused}; "
                f"downloads written {self.downloads_written}, unchanged {self.downloads_reused}")


def compute(data_dir: Path, as_of: date) -> SiteModel:
    """Load, validate and compute everything the site shows."""
    cfg = load_config(data_dir)
    return build_model(load_dataset(data_dir), cfg, as_of)


def read_manifest(out_dir: Path) -> dict:
    marker = Path(out_dir) / MARKER
    try:
        manifest = json.loads(marker.read_text(encoding="utf-8"))
    except (OSError, ValueError):
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


def read_baseline(path: Path) -> dict[str, list[int]]:
    """Rows and bytes per file from a published build.json. A missing or unreadable file, an
    HTML page (a redirect or an error page saved in its place) or JSON of another shape is a
    problem: without its baseline the row gate would be silently off."""
    label = str(path)

    def problem(line: int, message: str) -> ProblemError:
        return ProblemError([Problem(label, line, "--baseline", message)], "nothing was written")

    try:
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


def _relative(file: str, data_dir: Path) -> str:
    """A data file as `data/...`, as it is in the repository, not where this machine keeps it."""
    try:
        return f"{paths.DATA}/{Path(file).resolve().relative_to(data_dir.resolve()).as_posix()}"
    except ValueError:
        return file


def _check_output(out_dir: Path) -> None:
    if out_dir.exists() and any(out_dir.iterdir()) and not (out_dir / MARKER).exists():
        raise OutputError([Problem(str(out_dir), 0, "--out", "is not empty and was not built by jawabdehi; "
                                                              "choose an empty or new folder")],
                          "nothing was replaced")


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def _put(files: Iterable[tuple[str, str | bytes]], target: Path, previous: Path | None, old: dict[str, str],
         summary: BuildSummary, sizes: dict[str, list[int]] | None = None) -> dict[str, str]:
    """Write each (path, text) under `target`. A file whose digest is the last build's is
    linked from `previous` instead of written again. `sizes` gets the rows and bytes of the
    everything-files, which the next night is checked against."""
    digests = {}
    top = {path for path, *_ in published_tables()}
    for path, text in files:
        data = text.encode("utf-8") if isinstance(text, str) else text
        if sizes is not None and path in top:
            sizes[path] = list(rows_and_bytes(text.removeprefix("\ufeff")))
        digests[path] = digest = hashlib.blake2b(data, digest_size=16).hexdigest()
        out = target / path
        out.parent.mkdir(parents=True, exist_ok=True)
        if previous is not None and old.get(path) == digest and engine.link_if_same(previous / path, out, data):
            summary.downloads_reused += 1
            continue
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


def _swap(new: Path, out: Path) -> None:
    """Put the new site in place: readers see the old site or the new one, never neither."""
    if out.exists() and _exchange(new, out):
        shutil.rmtree(new)  # `new` now holds the previous site
        return
    if out.exists():
        old = out.with_name(f".{out.name}.old")
        shutil.rmtree(old, ignore_errors=True)
        out.rename(old)
        new.rename(out)
        shutil.rmtree(old)
    else:
        new.rename(out)


@dataclass(frozen=True)
class _Job:
    """What a language's build needs; set before worker processes fork, so they share it."""

    model: SiteModel
    project: Path
    work: Path
    sites: dict[str, Path]
    previous: Path | None
    manifest: dict
    stamp: bool
    progress: Callable[[str], None]
    exempt: frozenset[str]  # values the program wrote, which the audit passes over


_JOB: _Job | None = None


def _build_language(lang: str) -> tuple[engine.LanguageResult, list[Problem], int]:
    """Render, audit and build one language's pages (in a worker process, or in this one)."""
    job = _JOB
    assert job is not None
    pages = site_pages.SitePages(job.model, lang, job.project / paths.SITE_DOCS, job.manifest.get("files", {}),
                                 engine.site_url(job.project))
    findings: list[Problem] = []
    seen: set[str] = set()
    allowed = set(job.model.allowed_handles)
    count = 0

    def check(page: site_pages.Page) -> None:
        nonlocal count
        count += 1
        findings.extend(audit_pages([page], lang, allowed, seen, job.exempt))

    before = None if job.previous is None else (job.previous if lang == "hi" else job.previous / "en")
    result = engine.build_language(
        pages, project=job.project, work=job.work, site=job.sites[lang], lang=lang, nav=site_pages.nav(lang),
        stamp=job.stamp, previous=before, previous_digests=job.manifest.get("pages", {}).get(lang, {}), check=check,
        banner=pages.banner(), footer=pages.footer())
    job.progress(f"{lang}: {count} pages built")
    return result, findings, count


def _workers() -> int:
    """Processes for the languages: one each where the machine has the cores and can fork."""
    if "fork" not in multiprocessing.get_all_start_methods() or (os.cpu_count() or 1) < 2:
        return 0
    return len(LANGS)


def build_site(project: Path, data_dir: Path, out_dir: Path, as_of: date,
               progress: Callable[[str], None] = lambda _: None, *, incremental: bool = True,
               allow_drop: bool = False, baseline: Path | None = None, first_night: bool = False,
               pinned_from: Path | None = None, uploaded: Path | None = None) -> BuildSummary:
    """Build the site of `data_dir` into `out_dir` with the project's mkdocs.yml and pages.

    The two languages are built in two processes while this one writes the downloads.
    `baseline` is the published build.json the night's rows are compared with (default:
    the output folder's last build); only on the `first_night` may it be missing.
    `pinned_from` is a site (default: the output folder) whose pinned list and on-site
    copies are carried on; `uploaded` the upload record confirming which are uploaded.
    """
    project, data_dir, out_dir = Path(project), Path(data_dir), Path(out_dir).resolve()
    record = None if uploaded is None else read_record(uploaded)
    progress(f"reading {data_dir}")
    cfg = load_config(data_dir)
    dataset = load_dataset(data_dir)
    broken = complaint_rule_problems(dataset.complaints, cfg.complaints.small_cell_k)
    if broken:
        raise DataError(broken, "nothing was published")
    progress("computing")
    # A finding in an input cell holds back that cell, not the night: the rest is published
    # and the cell is listed (masked) on the health page and in build.json for a person to review.
    withheld = audit_inputs(data_dir, dataset)
    dataset = withhold(dataset, withheld)
    model = build_model(dataset, cfg, as_of)
    withheld_lines = [str(replace(p, file=_relative(p.file, data_dir))) for p in withheld]
    model = replace(model, health=replace(model.health, withheld=withheld_lines))
    exempt = program_values(data_dir, dataset)
    del dataset
    with _locked(out_dir) as lock:
        pinned = pin(model, cfg.site.repository_url, out_dir if pinned_from is None else Path(pinned_from), record)
        model = replace(model, health=replace(model.health, pinned=pinned.entries, pinned_notes=pinned.notes))
        exempt |= {e["sha256"] for e in pinned.entries}  # computed here: no Aadhaar number in a digest
        return _publish(project, model, out_dir, as_of, progress, lock, incremental=incremental,
                        allow_drop=allow_drop, baseline=baseline, first_night=first_night,
                        withheld_lines=withheld_lines, exempt=exempt, pinned=pinned.files,
                        notes=pinned.notes)


def lock_path(out_dir: Path) -> Path:
    """The file a build of `out_dir` locks, beside it (the folder itself is swapped)."""
    return out_dir.parent / f".{out_dir.name}.lock"


@contextlib.contextmanager
def _locked(out_dir: Path) -> Iterator[int]:
    """Hold the output folder's lock for the whole build, so two builds never write one
    folder at once. flock: the system releases it when the holder dies, even killed."""
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock_path(out_dir), os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
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


def _config_digest(model: SiteModel) -> str:
    """The settings the pages and files were made with: a build under others reuses nothing."""
    return _digest(repr(model.cfg))


def _publish(project: Path, model: SiteModel, out_dir: Path, as_of: date, progress: Callable[[str], None],
             lock: int, *, incremental: bool, allow_drop: bool, baseline: Path | None,
             first_night: bool, withheld_lines: list[str], exempt: frozenset[str],
             pinned: dict[str, bytes] | None = None, notes: list[str] | None = None) -> BuildSummary:
    global _JOB
    _check_output(out_dir)
    last = read_manifest(out_dir) if out_dir.exists() else {}
    summary = BuildSummary(pages=0, accounts=len(model.handles), departments=len(model.departments),
                           counts=model.counts, notes=[f"withheld pending review: {w}" for w in withheld_lines]
                           + [f"pinned: {n}" for n in notes or []])
    before = _baseline(out_dir, last, baseline, first_night, summary.notes)
    config = _config_digest(model)
    # Another release or other settings may shape pages differently: build everything.
    same = incremental and last.get("version") == __version__ and last.get("config") == config
    # The health page shows each file's rows against the same baseline the gate uses.
    manifest = {**(last if same else {}), "files": before}
    previous = out_dir if manifest.get("pages") else None
    findings: list[Problem] = []
    new_manifest: dict = {"version": __version__, "config": config, "as_of": as_of.isoformat(), "pages": {},
                          "downloads": {}}
    _remove_abandoned(out_dir.parent)
    with tempfile.TemporaryDirectory(prefix=WORK_PREFIX, dir=out_dir.parent) as tmp:
        work = Path(tmp)
        (work / "pid").write_text(str(os.getpid()), encoding="utf-8")
        sites = {lang: work / f"site-{lang}" for lang in LANGS}
        _JOB = _Job(model, project, work, sites, previous, manifest, stamp=not os.environ.get(STAMP_ENV),
                    progress=progress, exempt=exempt)
        try:
            progress("rendering and building pages")
            workers = _workers()
            trigger()  # built once here, not once in each worker
            if workers:
                # Workers share the model with this process; freezing keeps their garbage
                # collector from writing into (and so copying) every object of it.
                gc.collect()
                gc.freeze()
                context = multiprocessing.get_context("fork")
                # A worker closes its copy of the lock: a killed build's lingering workers
                # must not keep the folder locked.
                with concurrent.futures.ProcessPoolExecutor(workers, mp_context=context, initializer=os.close,
                                                            initargs=(lock,)) as pool:
                    running = {lang: pool.submit(_build_language, lang) for lang in LANGS}
                    downloads = _downloads(model, work, previous, manifest, summary, progress, project, exempt,
                                           pinned or {})
                    results = {lang: future.result() for lang, future in running.items()}
                    progress("pages built")
            else:
                downloads = _downloads(model, work, previous, manifest, summary, progress, project, exempt,
                                           pinned or {})
                results = {lang: _build_language(lang) for lang in LANGS}
        finally:
            _JOB = None
            gc.unfreeze()
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
        if findings:
            raise AuditError(findings)
        drop = [] if allow_drop else collapsed(downloads.sizes, before, model.cfg.site.min_row_share)
        if drop:
            raise ProblemError(drop, "the site was not published; the last one stays")
        site = sites["hi"]
        sites["en"].rename(site / "en")
        (work / "data").rename(site / "data")
        _merge(work / "root", site)
        (site / MARKER).write_text(json.dumps(new_manifest, sort_keys=True), encoding="utf-8")
        build_record = {"as_of": as_of.isoformat(), "version": __version__, "files": new_manifest["files"],
                        "withheld": withheld_lines}
        record_file = site / "data" / BUILD_RECORD
        record_file.write_text(json.dumps(build_record, sort_keys=True, indent=1) + "\n", encoding="utf-8")
        os.chmod(record_file, 0o644)
        progress("publishing")
        _swap(site, out_dir)
        progress("cleaning up")
    return summary


def _documents(model: SiteModel, project: Path) -> dict[str, str]:
    """The methodology and caveats, in both languages, for the night's ZIP."""
    out = {}
    for lang in LANGS:
        for page in site_pages.SitePages(model, lang, project / paths.SITE_DOCS).handwritten():
            if page.url in ("methodology/", "caveats/"):
                out[f"{page.url.strip('/')}.{lang}.md"] = page.body
    return out


@dataclass
class _Downloads:
    digests: dict[str, str]  # data/
    root: dict[str, str]  # the accounts files, badges and feeds at the site root
    findings: list[Problem]
    sizes: dict[str, list[int]]


def _downloads(model: SiteModel, work: Path, previous: Path | None, manifest: dict, summary: BuildSummary,
               progress: Callable[[str], None], project: Path, exempt: frozenset[str],
               pinned: dict[str, bytes]) -> _Downloads:
    """Everything but the pages, while the pages are built: data/ into work/data, and the
    files shared by both languages at the site root into work/root."""
    documents, site_url = _documents(model, project), engine.site_url(project)
    progress("writing downloads")
    findings = _audit_downloads(model, exempt)
    allowed, seen = set(model.allowed_handles), set()
    sizes: dict[str, list[int]] = {}
    data = audit_files(itertools.chain(published_files(model, documents, site_url), sorted(pinned.items())), "data/",
                       allowed, findings, seen, exempt)
    digests = _put(data, work / "data", None if previous is None else previous / "data",
                   manifest.get("downloads", {}), summary, sizes)
    shared = audit_files(itertools.chain(api_files(model), badge_files(model), feed_files(model, site_url)), "",
                         allowed, findings, seen, exempt)
    root = _put(shared, work / "root", previous, manifest.get("root", {}), summary)
    progress("downloads written")
    return _Downloads(digests, root, findings, sizes)


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
            out.append(Problem(f"data/{path}", 0, "rows", f"{rows} rows where the last build published {last} "
                                                          f"(below {share:.0%}); build --allow-drop if intended"))
    return out
