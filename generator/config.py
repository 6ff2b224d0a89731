"""Thresholds and budgets, loaded explicitly from a data folder's config.toml."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields
from pathlib import Path

from . import paths


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


@dataclass(frozen=True)
class GradeConfig:
    weight_activity: float = 0.5
    weight_responsiveness: float = 0.25
    weight_resolution: float = 0.25
    a: float = 85
    b: float = 70
    c: float = 55
    d: float = 40


@dataclass(frozen=True)
class CollectConfig:
    monthly_read_budget: int = 100_000
    cost_per_read_usd: float = 0.01
    cost_per_post_read_usd: float = 0.005
    max_days_between_refresh: int = 7
    reply_requests_per_night: int = 50
    max_rate_limit_wait_seconds: float = 900
    max_retries: int = 4
    retry_backoff_seconds: float = 2.0
    rate_limit_fallback_seconds: float = 60.0
    request_timeout_seconds: float = 30.0


@dataclass(frozen=True)
class Config:
    status: StatusConfig = StatusConfig()
    complaints: ComplaintsConfig = ComplaintsConfig()
    grade: GradeConfig = GradeConfig()
    collect: CollectConfig = CollectConfig()


class ConfigError(ValueError):
    pass


def _section(cls: type, raw: dict, name: str, source: Path):
    known = {f.name for f in fields(cls)}
    unknown = set(raw) - known
    if unknown:
        raise ConfigError(f"{source}: [{name}]: unknown setting(s): {', '.join(sorted(unknown))}")
    return cls(**{k: tuple(v) if isinstance(v, list) else v for k, v in raw.items()})


def load_config(data_dir: Path) -> Config:
    """Read `config.toml` from a data folder; a missing file means the defaults."""
    source = Path(data_dir) / paths.CONFIG_TOML
    if not source.exists():
        return Config()
    try:
        raw = tomllib.loads(source.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{source}: {exc}") from None
    parts = {}
    for f in fields(Config):
        parts[f.name] = _section(type(f.default), raw.pop(f.name, {}), f.name, source)
    if raw:
        raise ConfigError(f"{source}: unknown section(s): {', '.join(sorted(raw))}")
    return Config(**parts)
