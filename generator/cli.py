"""Command line: thin wrappers that parse options and call the library.

Every expected failure (bad data, a config typo, an audit finding, a refused export)
arrives as a ProblemError and is printed the same way, `file:line: column: message`, with
exit status 1 and no traceback.
"""

from __future__ import annotations

import errno
import functools
import os
import re
import sys
import time
import traceback
from collections import Counter
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import click

from . import __version__, paths
from .problems import DataError, Problem, ProblemError, writable_folder

if TYPE_CHECKING:
    from .config import Config

MAX_PRINTED = 200
# A disk that is full or read-only is an expected failure, not a bug: it gets one line.
UNWRITABLE = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM}


def _today(_ctx, _param, value: str | None) -> date:
    if value is None:
        # The only place the pipeline asks for today; UTC, as X bills by UTC day.
        return datetime.now(UTC).date()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from None


def _past_day(ctx, param, value: str | None) -> date:
    """A day something was done or built: today by default, and never after it (an export
    taken in 2099 would let a complaint typed 2062 for 2026 through as a complete month; a
    site built as of 2099 would be dated from a day that has not come)."""
    day = _today(ctx, param, value)
    today = _today(ctx, param, None)
    if day > today:
        raise click.BadParameter(f"{value} is after today ({today.isoformat()})")
    return day


def progress() -> Callable[[str], None]:
    """Progress lines on stderr, each with the seconds since the command started."""
    start = time.perf_counter()
    return lambda message: click.echo(f"  {time.perf_counter() - start:6.1f}s  {message}", err=True)


def report(error: ProblemError) -> None:
    """Print every problem, then what happened, and exit 1. A file's own problems (missing,
    unreadable, a header it should not have) come first: what follows from them (every row
    that names a department of a file that could not be read) would otherwise bury them."""
    whole_file_first = sorted(error.problems, key=lambda problem: problem.line > 1)
    for problem in whole_file_first[:MAX_PRINTED]:
        click.echo(str(problem), err=True)
    more = len(error.problems) - MAX_PRINTED
    click.echo((f"... and {more} more; " if more > 0 else "") +
               f"{len(error.problems)} problem(s) found; {error.outcome}.", err=True)
    sys.exit(1)


def expected_failures(command):
    """Turn ProblemErrors into the one report format."""
    @functools.wraps(command)
    def run(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except ProblemError as error:
            report(error)
        except OSError as error:
            if error.errno not in UNWRITABLE:
                raise
            where = error.filename or "-"
            report(ProblemError([Problem(str(where), 0, "-", f"cannot be written: {error.strerror}")],
                                "stopped; files written before (and the published site) are unchanged"))
    return run


def refuse_file_on_the_way(folder: Path, option: str) -> None:
    """A folder a command creates with its parents: one of them that is a file would stop it
    halfway with nothing said of which option named it."""
    for place in folder.parents:
        if place.exists() or place.is_symlink():
            if not place.is_dir():
                raise ProblemError([Problem(str(folder), 0, option, f"{place} is a file, not a folder: choose a "
                                                                    "folder that can hold it")], "nothing was written")
            return


class Project:
    """The project folder and the folders commands default to inside it."""

    def __init__(self, given: Path | None):
        self.given = given

    @functools.cached_property
    def root(self) -> Path:
        try:
            if self.given is not None:
                root = self.given.resolve()
                if not paths.is_project(root):
                    raise paths.ProjectNotFound(f"{root} has no {paths.MKDOCS_YML} and {paths.DATA}/ folder")
                return root
            return paths.find_project(Path.cwd())
        except paths.ProjectNotFound as exc:
            raise ProblemError([Problem(str(self.given or Path.cwd()), 0, "--project", str(exc))],
                               "nothing was done") from None

    def data(self, given: Path | None) -> Path:
        data = given if given is not None else self.root / paths.DATA
        if not data.is_dir():  # one line, not one 'file is missing' for each file it should hold
            what = "is a file; the data is a folder" if data.exists() else "does not exist"
            raise ProblemError([Problem(str(data), 0, "--data", what)], "nothing was read")
        return data

    def store(self, given: Path | None, rebuild: bool, *, writes: bool = True) -> Path | None:
        """The folder of parsed nightly files; none outside a project unless given. One the
        build `writes` cannot make or write is none either, said in a warning: a cache, the
        night is built all the same, only slower, and so is the next."""
        from .store.archive import default_store, rebuild_store

        if given is None:
            try:
                given = default_store(self.root)
            except ProblemError:
                return None
        store = given
        refuse_file_on_the_way(store, "--store")
        # A store is a folder (or a link to one); anything else in its place cannot be read
        # or written, and holds nothing a build needs: it goes, as a damaged store would.
        if rebuild or (store.is_symlink() and not store.is_dir()) or (store.exists() and not store.is_dir()):
            rebuild_store(store)
        if writes:
            try:
                writable_folder(store, "--store")
            except ProblemError as error:
                click.echo(f"warning: {error.problems[0]}; every file is read again and none is kept for the "
                           "next build", err=True)
                return None
        return store

    def out(self, given: Path | None) -> Path:
        out = given if given is not None else self.root / paths.PUBLIC
        refuse_file_on_the_way(out, "--out")
        if out.exists() and not out.is_dir():
            raise ProblemError([Problem(str(out), 0, "--out", "is a file; the site is a folder: choose a new or "
                                                              "empty folder")], "nothing was written")
        return out


pass_project = click.make_pass_decorator(Project)
DATA = click.option("--data", "data_dir", type=click.Path(path_type=Path), default=None,
                    help="Data folder (default: the project's data/).")
OUT = click.option("--out", "out_dir", type=click.Path(path_type=Path), default=None,
                   help="Output folder for the built site (default: the project's public/).")
STORE = click.option("--store", "store", type=click.Path(path_type=Path, file_okay=False), default=None,
                     help=f"Folder of the parsed nightly files (default: the project's {paths.CACHE}/history).")
REBUILD_STORE = click.option("--rebuild-store", is_flag=True,
                             help="Forget the parsed nightly files and read every file again.")
AS_OF = click.option("--as-of", "as_of", callback=_past_day,
                     help="Build date (YYYY-MM-DD); rows dated later are left out. Windows count from the "
                          "newest observation up to it, not from it. Default: today.")


@click.group()
@click.version_option(__version__, prog_name="jawabdehi")
@click.option("--project", "project", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Project folder (with mkdocs.yml and data/); default: found from the working directory.")
@click.pass_context
def main(ctx: click.Context, project: Path | None) -> None:
    """Jawabdehi: are government social-media handles alive and answering citizens?"""
    ctx.obj = Project(project)


@main.command()
@DATA
@OUT
@AS_OF
@click.option("--full", is_flag=True, help="Write every page again instead of only the changed ones.")
@click.option("--allow-drop", is_flag=True,
              help="Publish even when the published rows fell below [site] min_row_share of the last build's.")
@click.option("--baseline", type=click.Path(dir_okay=False, path_type=Path),
              help="The site's published data/build.json to compare rows with (default: the output folder's).")
@click.option("--first-night", is_flag=True,
              help="No site was published yet: build even when the baseline is missing or unreadable.")
@click.option("--pinned-from", type=click.Path(file_okay=False, path_type=Path),
              help="A copy of the published site's data/pinned.json and data/nights/ to carry on "
                   "(default: the output folder).")
@click.option("--uploaded", type=click.Path(dir_okay=False, path_type=Path),
              help="The upload record (python -m generator.publish.upload --record FILE): which pinned files "
                   "the releases hold.")
@click.option("--drop-lost-pinned", is_flag=True,
              help="Unlist a pinned file awaiting upload whose on-site copy was lost, instead of stopping the night.")
@click.option("--online-record", type=click.Path(dir_okay=False, path_type=Path),
              help=f"The record ({paths.SITE_RECORD}) of the site online: a restored output folder is kept only "
                   "when its record is that one, and a restored store only when it is the one that build left "
                   "(caches are shared by every workflow of a repository); else built in full, store read again.")
@click.option("--stop-after", type=click.Choice(["load", "compute", "render", "publish"]), default="publish",
              show_default=True, help="Stop after this step of load -> compute -> render -> publish.")
@click.option("--dump", "dump_to", type=click.Path(file_okay=False, path_type=Path),
              help="With --stop-after: write that step's result here (tables as CSV, pages as markdown).")
@STORE
@REBUILD_STORE
@pass_project
@expected_failures
def build(project: Project, data_dir: Path | None, out_dir: Path | None, as_of: date, full: bool,
          allow_drop: bool, baseline: Path | None, first_night: bool, stop_after: str, dump_to: Path | None,
          store: Path | None, rebuild_store: bool, pinned_from: Path | None, uploaded: Path | None,
          drop_lost_pinned: bool, online_record: Path | None) -> None:
    """Build the static site (both languages and the downloads) from a data folder."""
    from . import pipeline
    from .config import load_config

    out = project.out(out_dir)
    data = project.data(data_dir)
    if dump_to is not None:
        # A dump writes dozens of files by their own names: into a folder of other files (the
        # data itself, given by mistake) it would overwrite them.
        if stop_after == "publish":
            raise ProblemError([Problem(str(dump_to), 0, "--dump", "needs --stop-after load, compute or render")],
                               "nothing was written")
        refuse_file_on_the_way(dump_to, "--dump")
        if dump_to.exists() and (not dump_to.is_dir() or any(dump_to.iterdir())):
            raise ProblemError([Problem(str(dump_to), 0, "--dump", "exists and is not an empty folder: choose a "
                                                                   "new or empty one")], "nothing was written")
    if pinned_from is not None and not pinned_from.is_dir():
        # A mistyped copy would build as if nothing awaited upload, and every such file be lost.
        raise ProblemError([Problem(str(pinned_from), 0, "--pinned-from", "is not a folder: give the copy of the "
                                                                          "published site's data/ to carry on")],
                           "nothing was written")
    cfg = load_config(data)  # once: the warning, the build's key and its steps all take this one
    warn_about_config(data, cfg)
    options = pipeline.Options(incremental=not full, allow_drop=allow_drop, baseline=baseline,
                               first_night=first_night, pinned_from=pinned_from,
                               uploaded=uploaded, drop_lost_pinned=drop_lost_pinned, online_record=online_record)
    summary = pipeline.build(project.root, data, out, as_of, options, progress(),
                             stop_after=stop_after, dump_to=dump_to, store=project.store(store, rebuild_store),
                             cfg=cfg)
    if summary is None:
        click.echo(f"stopped after {stop_after}" + (f"; its result is in {dump_to}" if dump_to else ""))
        return
    click.echo(summary.line())
    for note in summary.notes:
        click.echo(f"note: {note}", err=True)
    serve = "jawabdehi serve" + (f" --data {data}" if data_dir else "") + (f" --out {out}" if out_dir else "")
    click.echo(f"open: {serve}   (or any web server on {out})")


def warn_about_config(data: Path, cfg: Config) -> None:
    """Say what a build would publish without a word from its operator: a data folder with no
    config.toml (every setting its default), and [site] settings still at their placeholders;
    both as `cfg` was read, the settings the build goes on with."""
    from .config import placeholders

    if not cfg.found:
        click.echo(f"warning: {data / paths.CONFIG_TOML} is missing; every setting is its default "
                   "(the bundled data/config.toml lists them)", err=True)
    for name in placeholders(cfg):
        click.echo(f"warning: [site] {name} in {data / paths.CONFIG_TOML} is still the bundled placeholder; set it "
                   "before going online (the nightly workflow refuses to deploy with it)", err=True)


@main.command()
@DATA
@click.option("--no-audit", is_flag=True,
              help="Check the data contract only; build withholds cells that look like personal data.")
@click.option("--deploy", is_flag=True,
              help="Also refuse the bundled placeholders of [site] operator and contact_email: the site goes "
                   "online naming who runs it and where readers write.")
@click.option("--repository", envvar="GITHUB_REPOSITORY", default="",
              help="With --deploy: OWNER/REPO that deploys the site (default: $GITHUB_REPOSITORY, as the nightly "
                   "job has it); the site's address and repository_url must be that repository's.")
@click.option("--served-at", envvar="JAWABDEHI_SERVED_AT", default="", metavar="URL",
              help="With --deploy: the address GitHub Pages serves the site at, as GitHub reports it (the nightly "
                   "job asks; default https://OWNER.github.io/REPO/): mkdocs.yml's site_url must be it.")
@STORE
@REBUILD_STORE
@pass_project
@expected_failures
def validate(project: Project, data_dir: Path | None, no_audit: bool, deploy: bool, repository: str,
             served_at: str, store: Path | None, rebuild_store: bool) -> None:
    """Check config.toml and every input file against the data contract, and audit the
    hand-edited cells for personal data; one line per problem."""

    data = project.data(data_dir)
    problems = _problems(project, data, project.store(store, rebuild_store, writes=False),
                         audit=not no_audit,
                         deploy=deploy, repository=repository, served_at=served_at)
    if problems:
        raise DataError(problems, "nothing was written")
    click.echo(f"{data}: all files valid")


def warn_about_cut_rows(data: Path) -> None:
    """A hand-edited file cut short (a copy or a save interrupted) can end on a cell boundary
    and still be a valid table, its last row missing cells' ends: only the missing line end
    tells. Said, not refused: an editor may leave the line end out of a whole file."""
    from .store.load import data_files

    for folder in (paths.REGISTRY, paths.MANUAL, paths.COMPLAINTS):
        for path in data_files(data / folder):
            if _ends_without_line_end(path):
                click.echo(f"warning: {path} has no line end after its last row: check the row is whole "
                           "(a file cut short can still read as a table)", err=True)


def _ends_without_line_end(path: Path) -> bool:
    # Links, pipes and unreadable files are the loader's to report; a pipe would block here.
    if path.is_symlink() or not path.is_file():
        return False
    try:
        with path.open("rb") as handle:
            if not handle.seek(0, os.SEEK_END):
                return False
            handle.seek(-1, os.SEEK_END)
            return handle.read(1) not in (b"\r", b"\n")
    except OSError:
        return False


def _problems(project: Project, data: Path, store: Path | None, *, audit: bool, deploy: bool = False,
              repository: str = "", served_at: str = "") -> list[Problem]:
    """What `validate` finds in a data folder: the contract, the config, and (with `audit`)
    personal data in hand-edited cells; with `deploy`, what would put a wrong site online."""
    from .config import address_problems, load_config, placeholder_problems
    from .publish.audit import audit_inputs
    from .store.complaint_rules import complaint_rule_problems
    from .store.load import dated_after, load_dataset

    problems = []
    cfg = None
    try:
        cfg = load_config(data)
        problems += placeholder_problems(data, cfg) if deploy else []
        if deploy and repository:
            from .publish.engine import site_url

            problems += address_problems(data, cfg, project.root / paths.MKDOCS_YML, site_url(project.root),
                                         repository, served_at)
        if not deploy:
            warn_about_config(data, cfg)
            warn_about_cut_rows(data)
    except ProblemError as error:
        problems += error.problems
    try:
        dataset = load_dataset(data, store=store, read_only=True)
        problems += [] if cfg is None else complaint_rule_problems(dataset.complaints, cfg.complaints.small_cell_k)
        problems += dated_after(data, _today(None, None, None).isoformat(), dataset)
        problems += audit_inputs(data, dataset, cfg) if audit else []
    except DataError as error:
        problems += error.problems
        # What was read of a folder that breaks the contract is audited too: a clerk who fixes
        # a date should not learn of the phone number in the next cell only on the next round.
        problems += audit_inputs(data, error.read, cfg) if audit and error.read is not None else []
    except ProblemError as error:
        problems += error.problems
    return problems


def _date_or_none(_ctx, _param, value: str | None) -> date | None:
    return None if value is None else _today(_ctx, _param, value)


@main.command("ingest-complaints")
@click.argument("export", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--department", required=True, help="Department id the complaints were addressed to.")
@click.option("--channel", required=True, help="Channel slug, e.g. x, facebook, cm-window.")
@DATA
@click.option("--map", "mapping", type=click.Path(path_type=Path),
              help="TOML file naming the export's columns and status values.")
@click.option("--skip-bad", is_flag=True, help="Take the good rows and report how many were skipped.")
@click.option("--exported-on", "exported_on", callback=_past_day,
              help="Day the export was taken (YYYY-MM-DD); no complaint may be dated later. Default: today.")
@click.option("--covers-from", "covers_from", callback=_date_or_none,
              help="First day the export covers (YYYY-MM-DD), when its first complaint came later than that.")
@pass_project
@expected_failures
def ingest_complaints(project: Project, export: Path, department: str, channel: str, data_dir: Path | None,
                      mapping: Path | None, skip_bad: bool, exported_on: date, covers_from: date | None) -> None:
    """Aggregate a complaint-level export: only counts and medians are written, never the rows."""
    from .collect.ingest import Mapping, ingest
    from .config import load_config
    from .schema import CellError
    from .store.load import load_dataset

    columns = Mapping.load(mapping)  # read once and checked, before the data is read
    data = project.data(data_dir)
    ds = load_dataset(data)
    try:
        result = ingest(export, data, department, channel, exported_on=exported_on, covers_from=covers_from,
                        mapping=columns, skip_bad=skip_bad, k=load_config(data).complaints.small_cell_k,
                        known_departments=set(ds.departments["id"]))
    except CellError as error:
        raise click.BadParameter(str(error), param_hint="--channel") from None
    for problem in result.problems:
        click.echo(f"skipped {problem}", err=True)
    for line in result.lines():
        click.echo(line)


@main.command("withdraw-complaints")
@click.option("--department", required=True, help="Department id of the month.")
@click.option("--channel", required=True, help="Channel slug of the month.")
@click.option("--month", required=True, help="The month to withdraw, YYYY-MM.")
@click.option("--reason", required=True, help="Why, in a sentence; shown beside the month.")
@DATA
@click.option("--as-of", "as_of", callback=_past_day, help="Date of the withdrawal (YYYY-MM-DD), on its note; "
                                                          "default today (UTC).")
@pass_project
@expected_failures
def withdraw_complaints(project: Project, department: str, channel: str, month: str, reason: str,
                        data_dir: Path | None, as_of: date) -> None:
    """Withdraw a published complaint month for good: its figures go, a dated note stays."""
    from .collect.ingest import withdraw
    from .publish.audit import mask, scan_text
    from .store.dataset import registered_handles
    from .store.load import load_dataset

    data = project.data(data_dir)
    try:
        allowed = {h.lower() for h in registered_handles(load_dataset(data))}
    except ProblemError:
        allowed = set()  # a folder that does not load: any @name in the reason is refused
    # The reason is published beside the month and kept in git: it is refused before it is written.
    found = [Problem(f"{department}/{channel}/{month}", 0, "--reason",
                     f"{kind}: {mask(match)}; write the reason without personal data")
             for _, kind, match in scan_text(reason, allowed, mail_words=True)]
    if found:
        raise ProblemError(found, "nothing was withdrawn")
    for line in withdraw(data, department, channel, month, reason, as_of):
        click.echo(line)


@main.command()
@DATA
@OUT
@pass_project
@expected_failures
def audit(project: Project, data_dir: Path | None, out_dir: Path | None) -> None:
    """Scan a built site and its downloads for phone numbers, e-mails and unknown @handles."""
    from .config import load_config
    from .publish.audit import allowed_names, audit_site, program_values
    from .store.load import load_dataset

    out, data = project.out(out_dir), project.data(data_dir)
    if out.is_dir() and not (out / paths.SITE_RECORD).is_file():
        # "No personal data found" of a mistyped or empty folder would be a false all-clear.
        raise ProblemError([Problem(str(out), 0, "--out", f"is not a built site (it has no {paths.SITE_RECORD}): "
                                                          "give the folder build wrote")], "nothing was audited")
    dataset = load_dataset(data)
    findings = audit_site(out, allowed_names(dataset, load_config(data)), program_values(data, dataset))
    if findings:
        raise ProblemError(findings, f"{out} needs attention")
    click.echo(f"{out}: no personal data found")


def _data_file(data: Path, given: Path, cell: str) -> Path:
    """The file of the data folder a cell reference names: messages print it from the project
    (data/registry/x.csv) or as it was given. A file outside the data folder is refused: the
    withdrawal would edit one folder and rebuild the site from another."""
    tries = [given] if given.is_absolute() else [
        data / Path(*given.parts[1:]) if given.parts[:1] == ("data",) and len(given.parts) > 1 else None,
        data / given, Path.cwd() / given]
    inside = [f for f in tries if f is not None and f.is_file() and f.resolve().is_relative_to(data.resolve())]
    if not inside:
        raise ProblemError([Problem(cell, 0, "FILE", f"is not a file of the data folder {data}")],
                           "nothing was withdrawn")
    return inside[0]


@main.command()
@click.argument("cell")
@DATA
@OUT
@click.option("--date", "day", callback=_past_day, help="Date on the tombstone (YYYY-MM-DD); default today (UTC).")
@pass_project
@expected_failures
def takedown(project: Project, cell: str, data_dir: Path | None, out_dir: Path | None, day: date) -> None:
    """Withdraw a published cell that holds personal data.

    CELL is FILE:LINE:COLUMN as `audit` and `validate` print it. A tombstone dated --date
    replaces the cell in its input file; the site in --out is then built again in full from
    the data and every file it serves (archives and the ZIP unpacked) is checked not to hold
    the value. Commit data/, deploy, and purge the value from git history (README).
    """
    from .pipeline import Options
    from .pipeline import build as build_site
    from .publish.takedown import take_down

    parts = [p.strip() for p in cell.split(":")]
    # A line in digits 0-9 (str.isdigit() also takes ² and other scripts' digits; int() refuses past 4,300).
    if len(parts) != 3 or not re.fullmatch(r"[0-9]{1,12}", parts[1]) or not parts[2]:
        raise ProblemError([Problem(cell, 0, "CELL", "is not FILE:LINE:COLUMN")], "nothing was withdrawn")
    data, out = project.data(data_dir), project.out(out_dir)
    file = _data_file(data, Path(parts[0]), cell)
    if file.suffix.lower() != ".csv":
        raise ProblemError([Problem(cell, 0, "FILE", "is not a CSV file: only a table's cell can be withdrawn")],
                           "nothing was withdrawn")
    if out_dir is not None and not out.is_dir():
        # A mistyped --out would withdraw the cell and check no site: the site online keeps it.
        raise ProblemError([Problem(str(out), 0, "--out", "is not a folder: give the built site's folder, or "
                                                          "leave --out out to rebuild the project's")],
                           "nothing was withdrawn")
    site = out if out.is_dir() else None
    for note in take_down(file, int(parts[1]), parts[2], day, site,
                          lambda: build_site(project.root, data, out, day, Options(incremental=False)), data):
        click.echo(note)
    if site is None:
        click.echo(f"note: no built site at {out}: only the data was changed; build the site before deploying",
                   err=True)


# The exit status of a night whose every lookup failed (recorded, and the site still built by
# `nightly`): the workflow deploys the night and then fails the run so that a person looks.
ALL_LOOKUPS_FAILED = 3


def _check_night(data: Path, day: date) -> None:
    """A night is collected on its day, or again after it (a re-run merges into its file),
    never ahead of it nor behind a newer night: both would be billed reads of a night the
    history cannot hold (validate refuses a night after today, and the history only grows)."""
    from .schema import Platform
    from .store.runs import RUN_SUFFIX

    today = _today(None, None, None)
    folder = data / paths.SNAPSHOTS / Platform.X
    # A night that wrote only its run record (nothing was planned, or every account posted
    # after it) was collected too.
    names = [p.stem for p in folder.glob("*.csv")] + [p.name.removesuffix(RUN_SUFFIX)
                                                     for p in folder.glob(f"*{RUN_SUFFIX}")]
    nights = sorted(name for name in names if re.fullmatch(r"\d{4}-\d{2}-\d{2}", name))
    if day > today:
        message = f"{day} is after today ({today}, UTC): a night is collected on its day or later"
    elif nights and day.isoformat() < nights[-1]:
        message = (f"{day} is before the newest night collected ({nights[-1]}): the history only grows; "
                   "collect tonight's night instead")
    else:
        return
    raise ProblemError([Problem("--date", 0, "-", message)], "nothing was collected or written")


def _collect(project: Project, data_dir: Path | None, day: date, dry_run: bool) -> bool:
    """Collect the night; True when every lookup failed."""
    from .collect.night import run_night
    from .collect.x_client import OFFICIAL_HOST, AddressRefused, AuthError, redact

    data = project.data(data_dir)
    _check_night(data, day)
    token = os.environ.get("X_BEARER_TOKEN") or None
    base_url = os.environ.get("X_API_BASE_URL") or OFFICIAL_HOST
    try:
        summary = run_night(data, day, token, base_url, dry_run=dry_run,
                            progress=lambda m: click.echo(m, err=True), clock=time.time)
    except AddressRefused as error:
        raise ProblemError([Problem("X_API_BASE_URL", 0, "-", str(error))], "collect stopped; nothing was written") \
            from None
    except AuthError as error:
        raise ProblemError([Problem("X_BEARER_TOKEN", 0, "-", str(error))], "collect stopped; nothing was written") \
            from None
    except (ProblemError, click.exceptions.Exit, SystemExit):
        raise
    except OSError as error:
        # A full or read-only disk is the operator's to fix, told in one line naming the file
        # (a path in the data folder, never the token); anything else is a bug, printed below.
        if error.errno in UNWRITABLE:
            raise
        click.echo(redact(traceback.format_exc(), os.environ.get("X_BEARER_TOKEN")), err=True)
        sys.exit(1)
    except Exception:  # noqa: BLE001 - whatever fails, the token must not be printed with it
        click.echo(redact(traceback.format_exc(), os.environ.get("X_BEARER_TOKEN")), err=True)
        sys.exit(1)
    if dry_run:
        return False
    click.echo(summary.line())
    if summary.all_failed:
        failed = (f"every one of the night's {summary.states['error']:,} lookups failed" if summary.states["error"]
                  else f"none of the night's {summary.plan.reads:,} planned lookups was answered")
        # The operator's first question is why: the commonest reason (the collector's own words,
        # never the token) saves opening the run record.
        reasons = Counter(problem["reason"] for problem in summary.record.get("problems", []))
        why = reasons.most_common(1)[0][0] if reasons else summary.stopped_early
        click.echo(f"error: {failed}" + (f" ({why})" if why else "") + "; the night is recorded and the site "
                   "shows the last good figures (see the health page and the run record)", err=True)
    return summary.all_failed


@main.command()
@DATA
@click.option("--date", "day", callback=_today, help="Night to collect (YYYY-MM-DD); default today (UTC).")
@click.option("--dry-run", is_flag=True, help="Print tonight's plan (accounts, reads, cost); call nothing.")
@pass_project
@expected_failures
def collect(project: Project, data_dir: Path | None, day: date, dry_run: bool) -> None:
    """Look up tonight's accounts on X and append the night's snapshot and run record.

    Reads the bearer token from X_BEARER_TOKEN and the API address from X_API_BASE_URL
    (default: the official host; https://, or http:// on this machine only). Exits with
    status 3 when every lookup of the night failed.
    """
    if _collect(project, data_dir, day, dry_run):
        sys.exit(ALL_LOOKUPS_FAILED)


@main.command()
@DATA
@OUT
@click.option("--date", "day", callback=_past_day, help="Night (YYYY-MM-DD); default today (UTC).")
@pass_project
@expected_failures
def nightly(project: Project, data_dir: Path | None, out_dir: Path | None, day: date) -> None:
    """The nightly sequence by hand: collect (when a token is set), validate, build. Exits with
    status 3, after building, when every lookup of the night failed."""
    from .pipeline import build as build_site

    root = project.root  # a folder that cannot be built is refused before anything is collected
    failed = False
    if (os.environ.get("X_BEARER_TOKEN") or "").strip():
        failed = _collect(project, data_dir, day, dry_run=False)
    else:
        click.echo("notice: X_BEARER_TOKEN is not set; building from the committed data only", err=True)
    data, store = project.data(data_dir), project.store(None, False)
    # As the nightly workflow does: what validate refuses is not built (cells that look like
    # personal data are withheld by the build, not refused here).
    problems = _problems(project, data, store, audit=False)
    if problems:
        raise DataError(problems, "nothing was built; the site stays as it was")
    summary = build_site(root, data, project.out(out_dir), day, progress=progress(), store=store)
    click.echo(summary.line())
    if failed:
        sys.exit(ALL_LOOKUPS_FAILED)


@main.command()
@DATA
@OUT
@AS_OF
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="Port on 127.0.0.1.")
@pass_project
@expected_failures
def serve(project: Project, data_dir: Path | None, out_dir: Path | None, as_of: date, port: int) -> None:
    """Preview the site locally; rebuilds when data, pages or templates change."""
    from .pipeline import build as build_site
    from .publish.preview import serve as run

    data, out, store = project.data(data_dir), project.out(out_dir), project.store(None, False)
    run(project.root, data, out, port, lambda: build_site(project.root, data, out, as_of, store=store).line(),
        echo=lambda m: click.echo(m, err=True))


@main.command()
@click.option("--accounts", type=click.IntRange(min=1), required=True,
              help="Departments to invent; about 90 % get an X account, the rest none.")
@click.option("--days", type=click.IntRange(min=1), required=True, help="Nights of snapshots, ending at --end.")
@click.option("--out", "out_dir", type=click.Path(path_type=Path, file_okay=False), required=True,
              help="Data folder to write; must be absent or empty.")
@click.option("--seed", type=click.IntRange(min=0), default=1, show_default=True,
              help="Same seed and options, same bytes.")
@click.option("--end", "end", callback=_today, help="Last night (YYYY-MM-DD); default today (UTC).")
@expected_failures
def synth(accounts: int, days: int, out_dir: Path, seed: int, end: date) -> None:
    """Write a synthetic data folder for scale benchmarks; every name in it says it is invented."""
    from .synth import synthesize

    refuse_file_on_the_way(out_dir, "--out")
    # Nights X could have had, with room for the dates the data reaches after its last night.
    if not date(2006, 3, 21) + timedelta(days=days) <= end <= date(2999, 12, 31):
        raise click.BadParameter(f"{end.isoformat()} with {days:,} days reaches outside 2006-03-21 to 2999-12-31",
                                 param_hint="--end")

    # The districts of the project found here, else those bundled with this checkout.
    try:
        districts = paths.find_project(Path.cwd()) / paths.DATA / paths.DISTRICTS_CSV
    except paths.ProjectNotFound:
        districts = paths.BUNDLED_DISTRICTS
    click.echo(synthesize(out_dir, accounts, days, seed, end=end, districts=districts).line())


if __name__ == "__main__":
    main()
