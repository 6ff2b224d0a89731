"""Command line: thin wrappers that parse options and call the library."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from . import paths
from .csvio import DataError


def _date(_ctx, _param, value: str | None) -> date:
    if value is None:
        return date.today()  # the only place the pipeline asks for today
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
    from .build import OutputError, build_site

    try:
        summary = build_site(data_dir, out_dir, as_of,
                             progress=lambda m: click.echo(f"  {m}", err=True))
    except DataError as error:
        _report(error)
    except OutputError as error:
        raise click.ClickException(str(error)) from None
    click.echo(summary.line())
    click.echo(f"open: jawabdehi serve   (or any web server on {out_dir})")


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
