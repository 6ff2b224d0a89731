"""Thresholds and budgets, loaded explicitly from a data folder's config.toml and checked.

A typo, a wrong type or a threshold out of order is a problem with its line, found by
`validate` before any build or collection starts.
"""

from __future__ import annotations

import math
import re
import tomllib
from dataclasses import Field, dataclass, field, fields
from datetime import date, time
from pathlib import Path

from . import paths
from .problems import ConfigError, Problem
from .schema import FORBIDDEN, Platform
from .within import NotPlain, read_within

# No setting is meaningful beyond this (a billion days, reads or seconds): a larger figure
# is a typo, and infinity would pass every "at least" check.
LARGEST_SETTING = 10**9
# A span of days beyond a century is a typo too, and longer than any date arithmetic holds.
LARGEST_DAYS = 36_500
# Below 3, a published month of complaints can be one or two people's: their response
# time would be published exactly.
SMALLEST_K = 3
# What a fresh checkout says of who runs the site and how to reach them: marked as such,
# warned about by `build`, and refused by `validate --deploy` (the nightly's deploy gate).
PLACEHOLDER_OPERATOR = "PLACEHOLDER: the person or organisation that runs this site"
PLACEHOLDER_EMAIL = "placeholder@example.invalid"
# Domains reserved for examples and tests (RFC 2606): no reader's mail reaches them.
RESERVED_DOMAINS = ("example.com", "example.net", "example.org", "example.invalid")
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
URL = re.compile(r"https://[A-Za-z0-9.-]+(?::\d+)?(?:/[A-Za-z0-9._~%/:-]*)?")


@dataclass(frozen=True)
class StatusConfig:
    active_max_days: int = 7
    slow_max_days: int = 30
    dormant_max_days: int = 180
    stale_after_days: int = 30
    # A "no account" statement older than this at the night's as-of date is shown with its
    # date, as not checked since, and is not graded as if it were current.
    absence_recheck_days: int = 365
    expected_platforms: tuple[str, ...] = ("x",)


@dataclass(frozen=True)
class ComplaintsConfig:
    rate_tolerance_points: float = 1.0
    min_received_for_ranking: int = 100
    small_cell_k: int = 5
    # Periods ending longer than this before the site's as-of date are listed, not ranked or graded.
    ranking_window_days: int = 365


@dataclass(frozen=True)
class GradeConfig:
    weight_activity: float = 0.5
    weight_responsiveness: float = 0.25
    weight_resolution: float = 0.25
    a: float = 85.0
    b: float = 70.0
    c: float = 55.0
    d: float = 40.0
    # Measured replies count in the grade from this many citizen mentions in the 30 days
    # summed; fewer are too few to judge a department by (one unanswered post would be 0).
    min_mentions: int = 5


@dataclass(frozen=True)
class CollectConfig:
    monthly_read_budget: int = 100_000
    cost_per_read_usd: float = 0.01
    cost_per_post_read_usd: float = 0.005
    max_days_between_refresh: int = 7
    reply_requests_per_night: int = 50
    max_rate_limit_wait_seconds: float = 900.0
    max_retries: int = 4
    retry_backoff_seconds: float = 2.0
    rate_limit_fallback_seconds: float = 60.0
    request_timeout_seconds: float = 30.0
    retry_failed_after_seconds: float = 60.0
    night_deadline_seconds: float = 2700.0


@dataclass(frozen=True)
class ReachConfig:
    # A change of followers larger than this share from one count to the next is a jump (a
    # purchase, a merger, a counting error at the platform): flagged, and left out of growth.
    # To or from a report's figure only within a week (compute/reach.py REPORT_JUMP_DAYS).
    jump_share: float = 0.2


@dataclass(frozen=True)
class SiteConfig:
    # Rows per page of long lists; a phone never receives thousands of rows at once.
    rows_per_page: int = 200
    # Days of history a scorecard lists one by one; the full history is in its CSV.
    history_days: int = 30
    # Months of earlier history a scorecard summarises, one row a month.
    history_months: int = 24
    # A build whose published row counts fall below this share of the previous build's
    # is refused: a night that lost most of its data is not published.
    min_row_share: float = 0.8
    # Where the site's source and issue forms live (for "dispute this figure" links).
    repository_url: str = ""
    # Who runs the site, and where a reader writes to dispute a figure or ask anything: the
    # about page names both, and every "dispute this figure" link offers an e-mail to it.
    # The defaults are placeholders (see `placeholders`).
    operator: str = PLACEHOLDER_OPERATOR
    contact_email: str = PLACEHOLDER_EMAIL


@dataclass(frozen=True)
class Config:
    status: StatusConfig = StatusConfig()
    complaints: ComplaintsConfig = ComplaintsConfig()
    grade: GradeConfig = GradeConfig()
    collect: CollectConfig = CollectConfig()
    site: SiteConfig = SiteConfig()
    reach: ReachConfig = ReachConfig()
    # The config.toml these settings were checked in: a problem found later is placed by its
    # lines, never by the file read again (changed or gone since).
    text: str = field(default="", repr=False, compare=False)
    # Whether there was a config.toml to read: the build's warning and its key take it from
    # here, as they take the settings, never from the folder looked at again.
    found: bool = field(default=False, repr=False, compare=False)


def sections(config: Config | type[Config] = Config) -> list[Field]:
    """The [sections] of a config, in their order."""
    return [f for f in fields(config) if f.name not in ("text", "found")]


def line_of(text: str, section: str, key: str | None) -> int:
    """Line of `key = ...` inside `[section]`, else of the section header, else 1. A name may
    be written bare or quoted (`"a" = 500`, `['grade']`), as TOML allows."""
    current, header_line = None, 1
    written = None if key is None else re.compile(rf"""^\s*(?:{_quoted(key)})\s*=""")
    for number, line in enumerate(text.splitlines(), 1):
        header = re.match(r"^\s*\[\[?([^\]]+)\]", line)  # [section] or [[array of tables]]
        if header:
            current = header.group(1).strip()
            if re.fullmatch(_quoted(section), current):
                header_line = number
        elif current is not None and re.fullmatch(_quoted(section), current) and written and written.match(line):
            return number
    return header_line


def _quoted(name: str) -> str:
    """A pattern of `name` bare, in double or in single quotes."""
    return "|".join(f"{q}{re.escape(name)}{q}" for q in ("", '"', "'"))


class Refused(str):
    """What a setting's check says instead of its value: a text setting's own value may read
    like a message ("expected soon: ..."), so a message is known by its type."""


def _check_text(key: str, value) -> str:
    """A text setting, checked by what it holds: an address, an e-mail address, or a name."""
    if key == "contact_email":
        ok = isinstance(value, str) and EMAIL.fullmatch(value) is not None
        return value if ok else Refused("expected an e-mail address, like corrections@example.org")
    if key == "operator":
        # Printed on every about page as written: no control or direction character (a right-to-
        # left override would show the name reversed), as in any cell of the data.
        ok = isinstance(value, str) and value.strip() and not FORBIDDEN.search(value) and len(value) <= 200
        return value if ok else Refused("expected a name on one line (at most 200 characters, no control or "
                                        "direction characters)")
    # A plain address: no quote, bracket or space, which would end a link in a page early.
    ok = isinstance(value, str) and (value == "" or URL.fullmatch(value) is not None)
    return value if ok else Refused("expected an https:// address (letters, digits and - . _ ~ % / : only)")


def placeholders(cfg: Config) -> list[str]:
    """The [site] settings still at their bundled placeholders: the site must not go online
    naming nobody, with an address no reader's mail reaches."""
    out = []
    if cfg.site.operator == PLACEHOLDER_OPERATOR or cfg.site.operator.startswith("PLACEHOLDER"):
        out.append("operator")
    domain = cfg.site.contact_email.rpartition("@")[2].lower()
    if cfg.site.contact_email == PLACEHOLDER_EMAIL or domain in RESERVED_DOMAINS or domain.endswith(".invalid"):
        out.append("contact_email")
    return out


def placeholder_problems(data_dir: Path, cfg: Config) -> list[Problem]:
    """A problem, with its line, for each [site] setting still at its bundled placeholder."""
    source = Path(data_dir) / paths.CONFIG_TOML
    return [Problem(str(source), line_of(cfg.text, "site", name), name,
                    "is still the bundled placeholder: name who runs the site and an address readers can write "
                    "to before deploying") for name in placeholders(cfg)]


def address_problems(data_dir: Path, cfg: Config, settings_file: Path, site_url: str,
                      repository: str, served_at: str = "") -> list[Problem]:
    """Where the site says it lives against the repository that deploys it (OWNER/REPO) and the
    address GitHub Pages serves it at (`served_at`, as GitHub reports it; by default
    https://owner.github.io/REPO/, a custom domain otherwise): the releases it cites are that
    repository's, and the nightly job fetches the site online from that address. Another address
    (a fork, a renamed repository) would make every permanent address the site cites a dead link
    while the upload goes to the right place."""
    owner, _, name = repository.partition("/")
    if not owner or not name:
        return [Problem("--repository", 0, "-", f"{repository!r} is not OWNER/REPO")]
    source = Path(data_dir) / paths.CONFIG_TOML
    out = []
    expected = f"https://github.com/{owner}/{name}"
    if cfg.site.repository_url and cfg.site.repository_url.rstrip("/").lower() != expected.lower():
        out.append(Problem(str(source), line_of(cfg.text, "site", "repository_url"), "repository_url",
                           f"is {cfg.site.repository_url}, but the site is deployed from {repository}: set it to "
                           f"{expected} (the pinned nights' releases are that repository's)"))
    served = _site_address(served_at or f"https://{owner}.github.io/{name}/")
    if site_url and _site_address(site_url) != served:
        out.append(Problem(str(settings_file), 0, "site_url", f"is {site_url}, but GitHub Pages serves the site "
                                                              f"at {served}: set it to that address"))
    return out


def _site_address(url: str) -> str:
    """An address as GitHub Pages compares them: the host in any case, one slash at the end."""
    scheme, _, rest = url.strip().partition("://")
    host, _, path = rest.partition("/")
    return f"{scheme.lower()}://{host.lower()}/{path.strip('/') + '/' if path.strip('/') else ''}"


def _check_value(value, default, key: str = ""):
    """The value in the type of its default, or a message saying what was expected."""
    if isinstance(default, bool):
        return value if isinstance(value, bool) else Refused("expected true or false")
    if isinstance(default, int | float):
        whole = isinstance(default, int)
        kinds = int if whole else int | float
        ok = isinstance(value, kinds) and not isinstance(value, bool) and math.isfinite(value)
        largest = LARGEST_DAYS if "days" in key.split("_") else LARGEST_SETTING
        if ok and 0 <= value <= largest:
            return value
        return Refused(f"expected a {'whole number' if whole else 'number'} from 0 to {largest:,}")
    if isinstance(default, str):
        return _check_text(key, value)
    if isinstance(default, tuple):
        ok = isinstance(value, list) and all(isinstance(v, str) and v for v in value)
        return tuple(value) if ok else Refused("expected a list of names, like [\"x\"]")
    return value


# Enough of a value for its line to say which one it was, on one line.
SHOWN_AT_MOST = 80


def toml_form(value: object) -> str:
    """A value as the configuration writes it: 2026-01-01 and "seven", not Python's
    datetime.date(2026, 1, 1) and 'seven' (the reader looks for what they typed)."""
    if isinstance(value, bool):
        shown = "true" if value else "false"
    elif isinstance(value, str):
        shown = _toml_text(value)
    elif isinstance(value, float) and not math.isfinite(value):
        shown = "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")
    elif isinstance(value, date | time):  # a datetime is a date
        shown = value.isoformat()
    elif isinstance(value, list):
        shown = "[" + ", ".join(map(toml_form, value)) + "]"
    elif isinstance(value, dict):
        shown = "{" + ", ".join(f"{_toml_key(k)} = {toml_form(v)}" for k, v in value.items()) + "}"
    else:
        shown = str(value)
    return shown if len(shown) <= SHOWN_AT_MOST else shown[:SHOWN_AT_MOST - 1] + "…"


_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\b": "\\b", "\f": "\\f"}


def _toml_text(text: str) -> str:
    """'as typed' where TOML's literal quotes can hold it; else "escaped", so that what
    cannot be seen (a direction mark, a control character) is shown by its code."""
    if text.isprintable() and "'" not in text:
        return f"'{text}'"
    return '"' + "".join(_ESCAPES.get(c) or (c if c.isprintable() else
                                             f"\\u{ord(c):04x}" if ord(c) < 0x10000 else f"\\U{ord(c):08x}")
                         for c in text) + '"'


def _toml_key(key: str) -> str:
    """A key or table name as the file writes it: bare where TOML allows, else quoted as a text
    (an unknown one is the reader's own typing, and may hold what a terminal acts on)."""
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else _toml_text(key)


def _rules(cfg: Config) -> list[tuple[str, str, str]]:
    """(section, key, message) for settings that are each fine but wrong together."""
    s, g = cfg.status, cfg.grade
    out = []
    if not s.active_max_days < s.slow_max_days < s.dormant_max_days:
        out.append(("status", "slow_max_days", "the bands must grow: active_max_days < slow_max_days "
                                               "< dormant_max_days"))
    if not g.a > g.b > g.c > g.d:
        out.append(("grade", "b", "grade bounds must fall: a > b > c > d"))
    if g.weight_activity + g.weight_responsiveness + g.weight_resolution <= 0:
        out.append(("grade", "weight_activity", "at least one weight must be above zero"))
    if not 0 < cfg.site.min_row_share <= 1:
        out.append(("site", "min_row_share", "must be above 0 and at most 1"))
    if not 0 < cfg.reach.jump_share:
        out.append(("reach", "jump_share", "must be above 0"))
    # Nothing X answers arrives in no time: a zero here fails every request of every night,
    # each recorded as an error, instead of being refused before a read is billed.
    for key in ("request_timeout_seconds", "night_deadline_seconds"):
        if not getattr(cfg.collect, key) > 0:
            out.append(("collect", key, "must be above 0: no request to X could finish in no time"))
    if cfg.site.rows_per_page < 10:
        out.append(("site", "rows_per_page", "must be at least 10"))
    if cfg.complaints.small_cell_k < SMALLEST_K:
        out.append(("complaints", "small_cell_k", f"must be at least {SMALLEST_K}: with 1 or 2, a month's figure "
                                                  "can be one or two people's, and their response time is published"))
    if not cfg.complaints.rate_tolerance_points <= 100:
        out.append(("complaints", "rate_tolerance_points", "must be at most 100 (percentage points)"))
    if not g.a <= 100:
        out.append(("grade", "a", "must be at most 100 (the score runs from 0 to 100)"))
    unknown = [p for p in s.expected_platforms if p not in tuple(Platform)]
    if unknown or len(set(s.expected_platforms)) != len(s.expected_platforms):
        out.append(("status", "expected_platforms", f"expected names from {', '.join(Platform)}, each once; "
                                                    f"not {', '.join(map(toml_form, unknown)) or 'a name twice'}"))
    return out


def read_toml(source: Path, missing_ok: bool = False) -> tuple[str | None, dict]:
    """The text and the tables of a TOML file, or a ConfigError with its line; with
    `missing_ok`, no file is None for its text and no tables."""
    label = str(source)
    try:  # looked at and read as one act: a link or a pipe put in its place is never followed nor waited on
        raw = read_within(source.parent, source.name)
    except FileNotFoundError:
        if missing_ok:
            return None, {}
        raise ConfigError([Problem(label, 0, "-", "file is missing")]) from None
    except (NotPlain, IsADirectoryError):
        raise ConfigError([Problem(label, 0, "-", "is not a regular file (links and folders are refused)")]) from None
    except OSError as exc:
        raise ConfigError([Problem(label, 0, "-", f"cannot be read ({exc.strerror})")]) from None
    try:
        # A byte-order mark, as some editors write, is accepted, as in the CSV files.
        text = raw.decode("utf-8-sig")
        return text, tomllib.loads(text)
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise ConfigError([Problem(label, line, "-", f"not UTF-8 text ({exc.reason})")]) from None
    except tomllib.TOMLDecodeError as exc:
        where = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        # "at end of document": the last line, where the unfinished value or table began or ran on.
        line = int(where.group(1)) if where else max(1, len(text.splitlines()))
        message = re.sub(r"\s*\(at (?:line \d+, column \d+|end of document)\)", "", str(exc))
        if not where and "end of document" in str(exc):
            message += " (the file ends before it is finished)"
        raise ConfigError([Problem(label, line, "-", f"not valid TOML: {message}")]) from None
    except (ValueError, RecursionError):
        # The reader's own limits, past which it raises without a line: a whole number of
        # thousands of digits (int() refuses past 4,300), or arrays nested thousands deep.
        long = re.search(r"[0-9_]{4300,}|\[{100,}", text)
        line = text.count("\n", 0, long.start()) + 1 if long else 1
        raise ConfigError([Problem(label, line, "-", "not valid TOML: a number too long, or values nested too "
                                                     "deeply")]) from None


def check_mapping(source: Path, roles: set[str], kinds: set[str]) -> dict:
    """The tables of an export's --map file, read once and checked: [columns] names the
    export's column for each role, [status] the export's values for each kind; each a text or
    a list of texts."""
    text, raw = read_toml(Path(source))
    label = str(source)
    problems = []
    known = {"columns": roles, "status": kinds}
    claimed: dict[str, str] = {}
    for section, given in raw.items():
        if section not in known or not isinstance(given, dict):
            problems.append(Problem(label, line_of(text, section, None), f"[{_toml_key(section)}]",
                                    "expected only the sections [columns] and [status]"))
            continue
        for key, value in given.items():
            names = [value] if isinstance(value, str) else value
            line = line_of(text, section, key)
            if key not in known[section]:
                problems.append(Problem(label, line, _toml_key(key), f"unknown in [{section}]; expected one of "
                                                          f"{', '.join(sorted(known[section]))}"))
            elif not (isinstance(names, list) and names and all(isinstance(n, str) and n.strip() for n in names)):
                problems.append(Problem(label, line, key, "expected a text or a list of texts, like [\"Status\"]"))
            elif section == "status":
                # One export value, one kind: listed under two, every complaint of it would be
                # counted as whichever kind was read last.
                for name in names:
                    other = claimed.setdefault(name.strip().lower(), key)
                    if other != key:
                        problems.append(Problem(label, line, key, f"{toml_form(name.strip())} is also listed under "
                                                                  f"{other}; a status value is of one kind"))
    if problems:
        raise ConfigError(problems, "the export was refused and nothing was written")
    return raw


def load_config(data_dir: Path) -> Config:
    """Read and check `config.toml` of a data folder; a missing file means the defaults.

    Raises ConfigError listing every problem with its line.
    """
    source = Path(data_dir) / paths.CONFIG_TOML
    label = str(source)
    read, raw = read_toml(source, missing_ok=True)
    text = read or ""
    problems: list[Problem] = []
    parts = {}
    for section in sections():
        kind = type(section.default)
        given = raw.pop(section.name, {})
        if not isinstance(given, dict):
            problems.append(Problem(label, line_of(text, section.name, None), section.name,
                                    "must be a [section]"))
            given = {}
        defaults = {f.name: f.default for f in fields(kind)}
        values = {}
        for key, value in given.items():
            if key not in defaults:
                near = [k for k in defaults if k[:4] == key[:4]]
                hint = f"; did you mean {near[0]}?" if near else ""
                problems.append(Problem(label, line_of(text, section.name, key), _toml_key(key),
                                        f"unknown setting in [{section.name}]{hint}"))
                continue
            checked = _check_value(value, defaults[key], key)
            if isinstance(checked, Refused):
                problems.append(Problem(label, line_of(text, section.name, key), key,
                                        f"{checked}, not {toml_form(value)}"))
                continue
            values[key] = checked
        parts[section.name] = kind(**values)
    for name in raw:
        problems.append(Problem(label, line_of(text, name, None), f"[{_toml_key(name)}]", "unknown section"))
    config = Config(**parts, text=text, found=read is not None)
    if not problems:
        for section, key, message in _rules(config):
            problems.append(Problem(label, line_of(text, section, key), key, message))
    if problems:
        raise ConfigError(problems)
    return config


