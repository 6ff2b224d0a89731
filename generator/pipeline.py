"""The night's build, one step after another, each given what the step before returned:

    load     data folder      -> Inputs     (validated frames; cells held back for review)
    compute  Inputs, as-of    -> SiteModel  (every figure the site shows)
    render   SiteModel        -> Rendered   (the pages and files, not yet written)
    publish  Rendered         -> the site in place, audited (publish/)

`build` runs them in order and can stop after any one; `dump` writes what a step returned
as plain files a person can read (`jawabdehi build --stop-after compute --dump DIR`).
"""

from __future__ import annotations

import ctypes
import functools
import gc
import hashlib
import json
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, fields, replace
from datetime import date
from importlib import metadata
from pathlib import Path

import pandas as pd

from . import __version__, paths
from .compute.model import SiteModel, build_model, newest_dated
from .compute.status import ordered
from .config import Config, load_config
from .problems import DataError, make_folder, writable_folder
from .publish import build as site
from .publish import engine
from .publish.audit import audit_inputs, program_values, unwithheld, withhold
from .publish.pinned import check_carried, fingerprints, pin, read_record
from .render.page import with_slots
from .render.site import Rendered, render_site
from .render.words import LANGS
from .store.archive import PINNED, Made, Store, ahead, digest, rewrites
from .store.complaint_rules import complaint_rule_problems
from .store.dataset import Dataset
from .store.load import load_dataset
from .within import read_within

STEPS = ("load", "compute", "render", "publish")


@dataclass(frozen=True)
class Inputs:
    """The load step's result: the data folder as checked frames."""

    cfg: Config
    dataset: Dataset  # with the withheld cells blanked
    withheld: list[str]  # input cells held back pending review, as `data/...:line: column: what`
    exempt: frozenset[str]  # values the program wrote (ids, fingerprints), which the audit passes over
    newest: str | None = None  # the newest date of any input row, rows after `until` included


@dataclass(frozen=True)
class Options:
    """How the publish step treats the last published site."""

    incremental: bool = True
    allow_drop: bool = False
    baseline: Path | None = None  # the published build.json; default the output folder's
    first_night: bool = False
    pinned_from: Path | None = None  # a site whose pinned list and on-site copies carry on; default the output
    uploaded: Path | None = None  # the upload record: which pinned files the releases hold
    drop_lost_pinned: bool = False  # unlist a file awaiting upload whose on-site copy is lost, instead of stopping
    online_record: Path | None = None  # the site online's record: a restored output folder and store must match it


def _relative(file: str, data_dir: Path) -> str:
    """A data file as `data/...`, as it is in the repository, not where this machine keeps it."""
    try:
        return f"{paths.DATA}/{Path(file).resolve().relative_to(data_dir.resolve()).as_posix()}"
    except ValueError:
        return file


def give_back_memory(rows: int) -> None:
    """Hand memory freed by a step over `rows` observations back to the system. The C
    allocator keeps freed pages of its heap for reuse; before the page processes are forked
    they would count against the build (and be copied into each on write). Only glibc has
    the call; elsewhere it is skipped."""
    if rows < site.WORTH_COLLECTING:
        return
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def load(data_dir: Path, store: Path | None = None, until: date | None = None,
         known: Mapping[str, str] | None = None, *, cfg: Config) -> Inputs:
    """Read and check every input file. A finding in an input cell holds back that cell, not
    the night: the rest is published and the cell is listed (masked) for a person to review.
    `store` is the folder of parsed nightly files (store/archive.py); None parses every file.
    `until`: observations dated later are left out (a past night rebuilt). `known`: the data
    files' digests, by path, as `inputs_key` took them. `cfg`: the data folder's config.toml,
    read once by the build (`inputs_key` digests the text it was checked in)."""
    dataset = load_dataset(data_dir, store=store, known=known)
    newest = newest_dated(dataset)
    # Put in order once, now, leaving out later nights on the way: ordered or cut while the
    # model is computed, every row would be held twice.
    dataset = replace(dataset, snapshots=ordered(dataset.snapshots, consume=True,
                                                 until=until.isoformat() if until else None))
    give_back_memory(len(dataset.snapshots))
    broken = complaint_rule_problems(dataset.complaints, cfg.complaints.small_cell_k)
    if broken:
        raise DataError(broken, "nothing was published")
    exempt = program_values(data_dir, dataset)
    withheld = audit_inputs(data_dir, dataset, cfg, exempt)
    named = [p for p in withheld if unwithheld(p)]
    if named:
        raise DataError(named, "nothing was published: an id, a handle, the operator or a run record cannot be "
                               "held back; correct it")
    lines = [str(replace(p, file=_relative(p.file, data_dir))) for p in withheld]
    return Inputs(cfg, withhold(dataset, withheld), lines, exempt, newest)


def compute(inputs: Inputs, as_of: date) -> SiteModel:
    """Every figure the site shows, from the inputs dated at or before `as_of`."""
    model = build_model(inputs.dataset, inputs.cfg, as_of)
    return replace(model, health=replace(model.health, withheld=inputs.withheld))


def render(model: SiteModel, project: Path, baseline: dict[str, list[int]],
           kept: dict[str, bytes] | None = None, made: Made | None = None, last_zip: bytes | None = None) -> Rendered:
    """The pages and files of the night, with the project's hand-written pages; `kept` are
    files under data/ made before this step (the pinned list and the copies awaiting upload);
    `made`, files made from one night's file by an earlier build (a night's archive);
    `last_zip`, the last night's ZIP, whose members the night's takes over where unchanged."""
    return render_site(model, project / paths.SITE_DOCS, engine.site_url(project), baseline, kept or {}, made,
                       last_zip)


# Installed packages whose releases can change a page or a file while ours stays the same.
ENGINE_PACKAGES = ("mkdocs", "mkdocs-material", "pymdown-extensions", "markdown", "jinja2", "markupsafe", "pandas",
                   "numpy", "altair", "babel", "pyyaml")


def _files(*roots: Path) -> Iterable[Path]:
    for root in roots:
        if root.is_file():
            yield root
        elif root.is_dir():
            for folder, dirs, names in os.walk(root):
                dirs[:] = sorted(d for d in dirs if d != "__pycache__")
                yield from (Path(folder) / name for name in sorted(names))


def inputs_key(project: Path, data_dir: Path, cfg: Config, options: Options,
               digests: dict[str, str] | None = None) -> str:
    """A digest of everything a site is built from but the day: the data folder's files (its
    config.toml as `cfg` was checked in), the project's pages and settings, the package and
    the engine's releases, and the pinned list and upload record taken over. Two builds with
    the same key and no input dated between their days build the same site, but for the
    health page (publish/build.py, reuse_night).
    `digests` gets each data file's own digest by its path, so the load need not read the
    nightly files again only to know whether the store holds them (a symbolic link is left to it)."""
    h = hashlib.blake2b(digest_size=16)

    def add(label: str, value: bytes) -> None:
        h.update(f"{label}\0{len(value)}\0".encode())
        h.update(value)

    add("version", __version__.encode())
    for name, version in _engine_versions():
        add(name, version.encode())
    add("stamp", os.environ.get(site.STAMP_ENV, "").encode())
    carried = options.pinned_from or None
    files = [(label, Path(root), file) for label, root in (
        ("package", paths.PACKAGE), ("mkdocs", project / paths.MKDOCS_YML), ("site", project / "site"),
        ("data", data_dir), ("carried", carried and carried / paths.DATA), ("uploaded", options.uploaded))
        if root is not None for file in _files(Path(root)) if file != data_dir / paths.CONFIG_TOML]
    # The settings as the build uses them, never the file read again: edited since it was
    # checked, the key would name settings this site was not built with, and a later build
    # under them would take it over.
    add(f"data:{paths.CONFIG_TOML}", (digest(cfg.text.encode("utf-8")) if cfg.found else "-").encode())
    # Each file is read and digested in the readers' threads: years of nights are most of the time.
    for (label, root, file), found in zip(files, ahead(lambda item: _digest_of(*item), files),
                                          strict=True):
        add(f"{label}:{file.relative_to(root).as_posix() if file != root else ''}", (found or "-").encode())
        if label == "data" and digests is not None and found is not None:
            digests[str(file)] = found
    return h.hexdigest()


@functools.cache
def _engine_versions() -> tuple[tuple[str, str], ...]:
    """The engine's releases, looked up once per process: the code it runs is the one imported."""
    found = []
    for name in ENGINE_PACKAGES:
        try:
            found.append((name, metadata.version(name)))
        except metadata.PackageNotFoundError:
            found.append((name, "-"))
    return tuple(found)


# Each package file's digest, by its path, with the (size, modification time, inode) it had.
_PACKAGE_DIGESTS: dict[Path, tuple[tuple[int, int, int], str | None]] = {}


def _digest_of(label: str, root: Path, file: Path) -> str | None:
    """`_plain_digest`; a file of the package is read again only once it changed (its size,
    modification time or inode): every build digests the same 2 MiB of code, templates and
    theme, most of a small build's key. Looked at before it is read, so a file changed
    meanwhile is kept under the older look and read again next time."""
    if label != "package":
        return _plain_digest(root, file)
    try:
        info = file.lstat()
    except OSError:
        return _plain_digest(root, file)
    look = (info.st_size, info.st_mtime_ns, info.st_ino)
    known = _PACKAGE_DIGESTS.get(file)
    if known is None or known[0] != look:
        known = _PACKAGE_DIGESTS[file] = (look, _plain_digest(root, file))
    return known[1]


def _plain_digest(root: Path, file: Path) -> str | None:
    """The digest of a plain file under `root`; None, never read, for a link (the copy of the
    previous site is others' work: one could lead anywhere), a pipe (never ending) or a file
    that cannot be read. The load refuses each in the data folder, by name."""
    if file == root:  # a file named on the command line (--uploaded), read before this
        return digest(file.read_bytes())
    try:
        return digest(read_within(root, file.relative_to(root).as_posix()))
    except OSError:
        return None


def build(project: Path, data_dir: Path, out_dir: Path, as_of: date, options: Options = Options(),
          progress: Callable[[str], None] = lambda _: None, *, stop_after: str = "publish",
          dump_to: Path | None = None, store: Path | None = None,
          cfg: Config | None = None) -> site.BuildSummary | None:
    """Build the site of `data_dir` into `out_dir`, or stop after `stop_after` (and write its
    result into `dump_to`, when given). Returns the summary of a published build. `cfg`: the
    data folder's config.toml as the caller read it; None reads it here. Either way it is read
    once: the key and every step take this one."""
    project, data_dir, out_dir = Path(project), Path(data_dir), Path(out_dir).resolve()

    def stop(step: str, result: object) -> bool:
        if step != stop_after:
            return False
        if dump_to is not None:
            dump(result, Path(dump_to))
            progress(f"stopped after {step}; its result is in {dump_to}")
        return True

    if dump_to is not None and stop_after != "publish":
        writable_folder(Path(dump_to), "--dump")  # now, not once the step's minutes are spent; made again then
    record = None if options.uploaded is None else read_record(options.uploaded)
    trust_notes = []
    if options.online_record is not None and stop_after == "publish":
        with site.locked(out_dir):
            trust_notes = site.trust_restored(out_dir, store, options.online_record, progress)
    if stop_after in ("render", "publish"):  # the steps that lock the output folder and compare with a baseline
        # What would refuse the night there, refused before minutes of reading and computing;
        # checked again there, as the folder and the baseline may change meanwhile.
        site.check_writable(out_dir)
        site.compared_with(out_dir, options.baseline, options.first_night)
    cfg = load_config(data_dir) if cfg is None else cfg
    digests: dict[str, str] = {}
    key = inputs_key(project, data_dir, cfg, options, digests)
    if stop_after == "publish" and options.incremental and (out_dir / site.MARKER).exists():
        with site.locked(out_dir) as lock:
            compared = site.compared_with(out_dir, options.baseline, options.first_night)
            gate = (compared.sizes, cfg.site.min_row_share, options.allow_drop)
            reused = site.reuse_night(out_dir, lock, key, as_of, gate, progress, store)
        if reused is not None:
            reused.notes[:0] = [*trust_notes, *compared.notes]
            return reused
    withdrawn = {(f.removeprefix(PINNED), sha) for f, sha in rewrites(data_dir, []) if f.startswith(PINNED)}
    if stop_after in ("render", "publish"):  # the steps that take the pinned files over
        check_carried(cfg.site.repository_url, options.pinned_from or out_dir, record, options.first_night,
                      options.drop_lost_pinned, withdrawn)
    progress(f"reading {data_dir}")
    inputs = load(data_dir, store, as_of, digests, cfg=cfg)
    newest = inputs.newest
    if stop("load", inputs):
        return None
    progress("computing")
    model = compute(inputs, as_of)
    exempt, rows = inputs.exempt, len(inputs.dataset.snapshots)
    del inputs  # the model holds what the site needs; the raw frames can go
    give_back_memory(rows)
    if stop("compute", model):
        return None
    with site.locked(out_dir) as lock:
        # Tonight's files pinned for good, and the earlier ones still awaiting upload, carried on.
        pinned = pin(model, model.cfg.site.repository_url, options.pinned_from or out_dir, record,
                     options.first_night, options.drop_lost_pinned, withdrawn)
        model = replace(model, health=replace(model.health, pinned=pinned.entries, pinned_notes=pinned.notes))
        exempt |= fingerprints(pinned.entries)  # computed here: no Aadhaar number in a digest
        compared = site.compared_with(out_dir, options.baseline, options.first_night)
        made = Made(Store(store, data_dir)) if store is not None else None
        rendered = render(model, project, compared.sizes, pinned.files, made,
                          site.last_zip(out_dir) if options.incremental else None)
        if stop("render", rendered):
            return None
        give_back_memory(rows)  # what the pages' keys took, before the pages' processes are forked
        return site.publish_site(rendered, out_dir, lock, project=project, exempt=exempt, baseline=compared.sizes,
                                 notes=[*trust_notes, *compared.notes, *(f"pinned: {n}" for n in pinned.notes)],
                                 incremental=options.incremental, allow_drop=options.allow_drop, progress=progress,
                                 inputs_key=key, newest_input=newest, store=store)


# --- looking at a step's result -------------------------------------------------------------


def _tables(value: object) -> tuple[dict[str, pd.DataFrame], dict[str, object]]:
    """The frames of a dataclass, and its other fields that JSON can hold."""
    frames, rest = {}, {}
    for f in fields(value):
        item = getattr(value, f.name)
        if isinstance(item, pd.DataFrame):
            frames[f.name] = item
        elif isinstance(item, (str, int, float, bool, list, dict, date)) or item is None:
            rest[f.name] = item
    return frames, rest


def _write_frames(value: object, folder: Path) -> None:
    frames, rest = _tables(value)
    for name, frame in frames.items():
        frame.to_csv(folder / f"{name}.csv", index=False)
    (folder / "values.json").write_text(json.dumps(rest, default=str, ensure_ascii=False, indent=1, sort_keys=True)
                                        + "\n", encoding="utf-8")


def dump(result: object, folder: Path) -> None:
    """Write a step's result as files: frames as CSV, other values as JSON, pages as the
    markdown the engine gets, files as they would be published."""
    make_folder(folder, "--dump")
    if isinstance(result, Inputs):
        _write_frames(result.dataset, folder)
        (folder / "withheld.txt").write_text("".join(f"{w}\n" for w in result.withheld), encoding="utf-8")
    elif isinstance(result, SiteModel):
        _write_frames(result, folder)
    elif isinstance(result, Rendered):
        for lang in LANGS:
            for page in result.pages[lang]:
                target = folder / "pages" / lang / (page.url.rstrip("/") or "index")
                target = target.with_name(target.name + ".md")
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(with_slots(page).body, encoding="utf-8")
        for base, files in (("data", result.data_files()), ("", result.root_files())):
            for path, content in files:
                target = folder / "files" / base / path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    else:
        raise TypeError(f"no way to dump {type(result).__name__}")

