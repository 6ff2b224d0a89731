"""Every folder the project knows about, in one place. Imports nothing internal.

Two kinds of folders: the package's own (templates, theme, vendored assets: shipped inside
the installed package) and the project's (a folder with `mkdocs.yml` and `data/`, found
from the working directory or given with `--project`).
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
TEMPLATES = PACKAGE / "render" / "templates"
THEME = PACKAGE / "publish" / "theme"
THEME_OVERRIDES = THEME / "overrides"
THEME_ASSETS = THEME / "assets"

# Inside a project folder.
MKDOCS_YML = "mkdocs.yml"
DATA = "data"
SITE_DOCS = "site/docs"
PUBLIC = "public"
CACHE = ".jawabdehi-cache"
SITE_RECORD = ".jawabdehi-site"  # a built site's record of what it was built from and its files' digests

# Inside a data folder.
REGISTRY = "registry"
DEPARTMENTS_CSV = "registry/departments.csv"
DISTRICTS_CSV = "registry/districts.csv"
ACCOUNTS_CSV = "registry/accounts.csv"
SOURCES_CSV = "registry/sources.csv"
ABSENCES_CSV = "registry/absences.csv"
CHANNELS_CSV = "registry/channels.csv"
TITLES_CSV = "registry/titles.csv"
COLLECTED = "collected"
ACCOUNT_IDS_CSV = "collected/account_ids.csv"
RUNS = "runs"
SNAPSHOTS = "snapshots"
REPLIES = "replies"
MANUAL = "manual"
COMPLAINTS = "complaints"
INGEST_LEDGER = "complaints/ingested.txt"  # fingerprints of the exports ingest-complaints took
TAKEDOWN_LEDGER = "takedowns.txt"  # nightly files a takedown rewrote, each with its digest after it
CONFIG_TOML = "config.toml"
CORRECTIONS_CSV = "corrections.csv"
WITHDRAWN_COMPLAINTS_CSV = "withdrawn-complaints.csv"
BOUNDED_FOLLOWERS_CSV = "bounded-followers.csv"  # hand-entered follower counts stated as a bound

# The district registry of this checkout's bundled data: what `jawabdehi synth` places its
# invented departments in.
BUNDLED_DISTRICTS = PACKAGE.parent / DATA / DISTRICTS_CSV


class ProjectNotFound(LookupError):
    pass


def is_project(folder: Path) -> bool:
    return (folder / MKDOCS_YML).is_file() and (folder / DATA).is_dir()


def find_project(start: Path) -> Path:
    """The nearest folder at or above `start` holding `mkdocs.yml` and `data/`."""
    start = Path(start).resolve()
    for folder in (start, *start.parents):
        if is_project(folder):
            return folder
    raise ProjectNotFound(f"no project folder (one with {MKDOCS_YML} and {DATA}/) at or above {start}; "
                          "run inside a checkout or pass --project DIR")
