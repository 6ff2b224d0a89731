"""Thresholds and budgets, loaded explicitly from a data folder's config.toml and checked.

A typo, a wrong type or a threshold out of order is a problem with its line, found by
`validate` before any build or collection starts.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path

from . import paths
from .problems import ConfigError, Problem


@dataclass(frozen=True)
class StatusConfig:
    active_max_days: int = 7
    slow_max_days: int = 30
    dormant_max_days: int = 180
    stale_after_days: int = 30
    expected_platforms: tuple[str, ...] = ("x",)


@dataclass(frozen=True)
class ComplaintsConfig:
    rate_tolerance_points: float = 1.0
    min_received_for_ranking: int = 100
    small_cell_k: int = 5
    # Periods ending longer than this before the newest one are listed, not ranked.
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
    # A day-to-day change of followers larger than this share is a jump (a purchase, a
    # merger, a counting error at the platform): flagged, and left out of growth.
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


@dataclass(frozen=True)
class Config:
    status: StatusConfig = StatusConfig()
    complaints: ComplaintsConfig = ComplaintsConfig()
    grade: GradeConfig = GradeConfig()
    collect: CollectConfig = CollectConfig()
    site: SiteConfig = SiteConfig()
    reach: ReachConfig = ReachConfig()


def _line_of(text: str, section: str, key: str | None) -> int:
    """Line of `key = ...` inside `[section]`, else of the section header, else 1."""
    current, header_line = None, 1
    for number, line in enumerate(text.splitlines(), 1):
        header = re.match(r"^\s*\[([^\]]+)\]", line)
        if header:
            current = header.group(1).strip()
            if current == section:
                header_line = number
        elif current == section and key is not None and re.match(rf"^\s*{re.escape(key)}\s*=", line):
            return number
    return header_line


def _check_value(value, default):
    """The value in the type of its default, or a message saying what was expected."""
    if isinstance(default, bool):
        return value if isinstance(value, bool) else "expected true or false"
    if isinstance(default, int) and not isinstance(default, bool):
        ok = isinstance(value, int) and not isinstance(value, bool)
        return value if ok and value >= 0 else "expected a whole number, zero or more"
    if isinstance(default, float):
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        return value if ok and value >= 0 else "expected a number, zero or more"
    if isinstance(default, str):
        ok = isinstance(value, str) and (value == "" or value.startswith("https://")) and " " not in value
        return value if ok else "expected an https:// address"
    if isinstance(default, tuple):
        ok = isinstance(value, list) and all(isinstance(v, str) and v for v in value)
        return tuple(value) if ok else "expected a list of names, like [\"x\"]"
    return value


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
    if cfg.site.rows_per_page < 10:
        out.append(("site", "rows_per_page", "must be at least 10"))
    return out


def load_config(data_dir: Path) -> Config:
    """Read and check `config.toml` of a data folder; a missing file means the defaults.

    Raises ConfigError listing every problem with its line.
    """
    source = Path(data_dir) / paths.CONFIG_TOML
    if not source.exists():
        return Config()
    label = str(source)
    try:
        text = source.read_text(encoding="utf-8")
        raw = tomllib.loads(text)
    except UnicodeDecodeError as exc:
        raise ConfigError([Problem(label, 1, "-", f"not UTF-8 text ({exc.reason})")]) from None
    except tomllib.TOMLDecodeError as exc:
        where = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        line = int(where.group(1)) if where else 1
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise ConfigError([Problem(label, line, "-", f"not valid TOML: {message}")]) from None
    problems: list[Problem] = []
    parts = {}
    for section in fields(Config):
        kind = type(section.default)
        given = raw.pop(section.name, {})
        if not isinstance(given, dict):
            problems.append(Problem(label, _line_of(text, section.name, None), section.name,
                                    "must be a [section]"))
            given = {}
        defaults = {f.name: f.default for f in fields(kind)}
        values = {}
        for key, value in given.items():
            if key not in defaults:
                near = [k for k in defaults if k[:4] == key[:4]]
                hint = f"; did you mean {near[0]}?" if near else ""
                problems.append(Problem(label, _line_of(text, section.name, key), key,
                                        f"unknown setting in [{section.name}]{hint}"))
                continue
            checked = _check_value(value, defaults[key])
            if isinstance(checked, str) and checked.startswith("expected "):
                problems.append(Problem(label, _line_of(text, section.name, key), key,
                                        f"{checked}, not {value!r}"))
                continue
            values[key] = checked
        parts[section.name] = kind(**values)
    for name in raw:
        problems.append(Problem(label, _line_of(text, name, None), f"[{name}]", "unknown section"))
    config = Config(**parts)
    if not problems:
        for section, key, message in _rules(config):
            problems.append(Problem(label, _line_of(text, section, key), key, message))
    if problems:
        raise ConfigError(problems)
    return config


