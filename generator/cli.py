"""Command line: thin wrappers that parse options and call the library."""

from __future__ import annotations

import os
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import click

from . import paths
from .csvio import DataError


def _date(_ctx, _param, value: str | None) -> date:
    if value is None:
        # The only place the pipeline asks for today; UTC, as X bills by UTC day.
        return datetime.now(UTC).date()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from None


DATA = click.option("--data", "data_dir", type=click.Path(path_type=Path), default=paths.DATA,
                    show_default="data/", help="Data folder.")
OUT = click.option("--out", "out_dir", type=click.Path(path_type=Path), default=paths.PUBLIC,
                   show_default="public/", help="Output folder for the built site.")
AS_OF = click.option("--as-of", "as_of", callback=_date, help="Build date (YYYY-MM-DD); default today.")


def _report(error: DataError) -> None:
    for problem in error.problems:
        click.echo(str(problem), err=True)
    click.echo(f"{len(error.problems)} problem(s) found; nothing was written.", err=True)
    sys.exit(1)


@click.group()
def main() -> None:
    """Jawabdehi: are government social-media handles alive and answering citizens?"""


@main.command()
@DATA
@OUT
@AS_OF
def build(data_dir: Path, out_dir: Path, as_of: date) -> None:
    """Build the static site (both languages and the downloads) from a data folder."""
    from .build import AuditError, OutputError, build_site

    try:
        summary = build_site(data_dir, out_dir, as_of,
                             progress=lambda m: click.echo(f"  {m}", err=True))
    except DataError as error:
        _report(error)
    except AuditError as error:
        _audit_failed(error.findings, "the site was not published")
    except OutputError as error:
        raise click.ClickException(str(error)) from None
    click.echo(summary.line())
    click.echo(f"open: jawabdehi serve   (or any web server on {out_dir})")


@main.command("ingest-complaints")
@click.argument("export", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--department", required=True, help="Department id the complaints were addressed to.")
@click.option("--channel", required=True, help="Channel slug, e.g. x, facebook, cm-window.")
@DATA
@click.option("--map", "mapping", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="TOML file naming the export's columns and status values.")
@click.option("--skip-bad", is_flag=True, help="Take the good rows and report how many were skipped.")
def ingest_complaints(export: Path, department: str, channel: str, data_dir: Path, mapping: Path | None,
                      skip_bad: bool) -> None:
    """Aggregate a complaint-level export: only counts and medians are written, never the rows."""
    from .config import load_config
    from .ingest import IngestError, ingest
    from .registry import load_dataset
    from .schema import CellError

    ds = load_dataset(data_dir)
    try:
        report = ingest(export, data_dir, department, channel, mapping_path=mapping, skip_bad=skip_bad,
                        k=load_config(data_dir).complaints.small_cell_k,
                        known_departments=set(ds.departments["id"]))
    except IngestError as error:
        for problem in error.problems[:200]:
            click.echo(str(problem), err=True)
        more = len(error.problems) - 200
        click.echo((f"... and {more} more; " if more > 0 else "") +
                   f"{len(error.problems)} problem(s); the export was refused and nothing was written.", err=True)
        sys.exit(1)
    except CellError as error:
        raise click.BadParameter(str(error), param_hint="--channel") from None
    for problem in report.problems:
        click.echo(f"skipped {problem}", err=True)
    for line in report.lines():
        click.echo(line)


def _audit_failed(findings, what: str) -> None:
    for finding in findings:
        click.echo(str(finding), err=True)
    click.echo(f"{len(findings)} possible personal-data match(es); {what}.", err=True)
    sys.exit(1)


@main.command()
@DATA
@OUT
def audit(data_dir: Path, out_dir: Path) -> None:
    """Scan a built site and its downloads for phone numbers, e-mails and unknown @handles."""
    from .audit import audit_site
    from .registry import load_dataset, registered_handles

    findings = audit_site(out_dir, registered_handles(load_dataset(data_dir)))
    if findings:
        _audit_failed(findings, f"{out_dir} needs attention")
    click.echo(f"{out_dir}: no personal data found")


@main.command()
@DATA
def validate(data_dir: Path) -> None:
    """Check every input file against the data contract; one line per problem."""
    from .registry import load_dataset

    try:
        load_dataset(data_dir)
    except DataError as error:
        _report(error)
    click.echo(f"{data_dir}: all files valid")


def _collect(data_dir: Path, day: date, dry_run: bool) -> None:
    from .collect import OFFICIAL_HOST, AuthError
    from .night import run_night

    token = os.environ.get("X_BEARER_TOKEN") or None
    base_url = os.environ.get("X_API_BASE_URL") or OFFICIAL_HOST
    try:
        summary = run_night(data_dir, day, token, base_url, dry_run=dry_run,
                            progress=lambda m: click.echo(m, err=True))
    except DataError as error:
        _report(error)
    except AuthError as error:
        click.echo(f"collect stopped: {error}; nothing was written.", err=True)
        sys.exit(1)
    if not dry_run:
        click.echo(summary.line())


@main.command()
@DATA
@click.option("--date", "day", callback=_date, help="Night to collect (YYYY-MM-DD); default today (UTC).")
@click.option("--dry-run", is_flag=True, help="Print tonight's plan (accounts, reads, cost); call nothing.")
def collect(data_dir: Path, day: date, dry_run: bool) -> None:
    """Look up tonight's accounts on X and append the night's snapshot.

    Reads the bearer token from X_BEARER_TOKEN and the API address from X_API_BASE_URL
    (default: the official host).
    """
    _collect(data_dir, day, dry_run)


@main.command()
@DATA
@OUT
@click.option("--date", "day", callback=_date, help="Night (YYYY-MM-DD); default today (UTC).")
def nightly(data_dir: Path, out_dir: Path, day: date) -> None:
    """The nightly sequence by hand: collect (when a token is set), validate, build."""
    from .build import build_site
    from .registry import load_dataset

    if os.environ.get("X_BEARER_TOKEN"):
        _collect(data_dir, day, dry_run=False)
    else:
        click.echo("notice: X_BEARER_TOKEN is not set; building from the committed data only", err=True)
    try:
        load_dataset(data_dir)
        summary = build_site(data_dir, out_dir, day, progress=lambda m: click.echo(f"  {m}", err=True))
    except DataError as error:
        _report(error)
    click.echo(summary.line())


@main.command()
@DATA
@OUT
@AS_OF
@click.option("--port", default=8000, show_default=True, help="Port on 127.0.0.1.")
def serve(data_dir: Path, out_dir: Path, as_of: date, port: int) -> None:
    """Preview the site locally; rebuilds when data, pages or templates change."""
    from .preview import serve as run

    run(data_dir, out_dir, as_of, port, echo=lambda m: click.echo(m, err=True))


if __name__ == "__main__":
    main()
