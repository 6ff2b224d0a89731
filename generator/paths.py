"""Every directory the project knows about, in one place. Imports nothing internal."""

from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "generator"
TEMPLATES = PACKAGE / "templates"
DATA = REPO / "data"
SITE = REPO / "site"
SITE_DOCS = SITE / "docs"
SITE_OVERRIDES = SITE / "overrides"
SITE_ASSETS = SITE / "assets"
MKDOCS_YML = REPO / "mkdocs.yml"
PUBLIC = REPO / "public"

# Inside a data folder.
REGISTRY = "registry"
DEPARTMENTS_CSV = "registry/departments.csv"
ACCOUNTS_CSV = "registry/accounts.csv"
SOURCES_CSV = "registry/sources.csv"
SNAPSHOTS = "snapshots"
REPLIES = "replies"
MANUAL = "manual"
COMPLAINTS = "complaints"
CONFIG_TOML = "config.toml"
