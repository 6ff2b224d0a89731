"""Synthetic data folders for scale benchmarks: `jawabdehi synth`.

Writes a complete data folder in the data contract (config, registry, nightly snapshots
with their run records, reply counts, complaint aggregates) for any number of accounts
and days, so builds and collection can be measured at the scale the project must reach.

Three promises shape the code:

- Nothing can pass for real data: every department name says "Synthetic" / "कृत्रिम",
  every handle starts with "Syn", and the one cited source says it is invented.
- Same arguments, same bytes. Everything about an account comes from (seed, its index)
  and everything about a night from (seed, its date), never from `days` or `end`, and
  trajectories are anchored at the first day. So one more day (`days + 1`, `end + 1`)
  leaves every earlier file byte-identical: a benchmark adds "one new night" by copying
  the new files on top of an archive.
- Fast: one numpy pass per night over all accounts, each night's file built as one string.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, fields
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

from . import __version__, paths, schema
from .config import Config, sections
from .places import STATES
from .problems import Problem, ProblemError, make_folder
from .schema import AccountState
from .store.runs import OUTCOMES, append_run

SOURCE_ID = "synthetic"
SOURCE_REF = f"source:{SOURCE_ID}"
PLATFORM = "x"
# What the real collector asks X for; written into run records as it would be.
USER_FIELDS = ["public_metrics", "most_recent_tweet_id", "protected"]

# Union territories without a legislature have an administrator, not a chief minister.
NO_CHIEF_MINISTER = {"IN-AN", "IN-CH", "IN-DH", "IN-LA", "IN-LD"}

# District-level bodies: category, share, English and Hindi name, handle abbreviation.
DISTRICT_BODIES: tuple[tuple[str, float, str, str, str], ...] = (
    ("police", 0.30, "District Police", "ज़िला पुलिस", "Pol"),
    ("administration", 0.14, "District Administration", "ज़िला प्रशासन", "Dm"),
    ("urban-local-body", 0.10, "Municipal Corporation", "नगर निगम", "Mc"),
    ("electricity", 0.10, "Electricity Supply Circle", "विद्युत आपूर्ति मंडल", "Pwr"),
    ("railways", 0.06, "Railway Division", "रेल मंडल", "Rly"),
    ("smart-city", 0.05, "Smart City Limited", "स्मार्ट सिटी लिमिटेड", "Scl"),
    ("health", 0.09, "Chief Medical Officer", "मुख्य चिकित्सा अधिकारी", "Cmo"),
    ("education", 0.08, "District Education Office", "ज़िला शिक्षा कार्यालय", "Edu"),
    ("transport", 0.08, "Regional Transport Office", "क्षेत्रीय परिवहन कार्यालय", "Rto"),
)
# How quickly each kind of body answers (share of mentions answered, median minutes): the
# seed articles find police and railways answering within the hour, municipal bodies and
# electricity almost never.
RESPONSIVENESS = {"police": (0.6, 40.0), "railways": (0.7, 30.0), "administration": (0.3, 300.0),
                  "urban-local-body": (0.05, 3000.0), "electricity": (0.1, 1500.0), "smart-city": (0.05, 3000.0),
                  "chief-minister": (0.4, 240.0), "health": (0.2, 600.0), "education": (0.15, 900.0),
                  "transport": (0.2, 600.0)}

# Behaviours an account follows over the archive, with their shares.
BEHAVIOURS: tuple[tuple[str, float], ...] = (
    ("growth", 0.40), ("flat", 0.14), ("abandoned", 0.06), ("dormant", 0.09), ("reviving", 0.06),
    ("suspended", 0.04), ("not_found", 0.04), ("renamed", 0.05), ("spike", 0.04), ("jump", 0.03),
    ("protected", 0.05),
)
KIND = {name: n for n, (name, _) in enumerate(BEHAVIOURS)}

NO_ACCOUNT_SHARE = 0.10
COMPLAINT_SHARE = 0.10
ERROR_PER_NIGHT = 0.006  # an account's lookup fails about twice a year
BAD_NIGHT = 1 / 180  # the budget runs out before everyone is looked up about twice a year
REPLY_ROTATION = 100  # each account's replies are measured every 100th day: ~1 % a day
EVENT_MEAN_DAYS = 120.0  # mean day (from the first) of a suspension, rename, spike, ...
MAX_FOLLOWERS = 60_000_000  # below 10**8: a 10-digit figure starting 6-9 reads as a mobile number
# The nightly workflow runs at 21:30 UTC; posts of the day are those before it.
COLLECT_SECONDS = 21 * 3600 + 30 * 60
SNOWFLAKE_EPOCH_MS = 1288834974657
EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
# Stream labels keep the random numbers of accounts, nights and months apart.
_ACCOUNTS, _NIGHTS, _MONTHS, _EXPORTS = 0xACC, 0xDA7, 0xC0, 0xE7


@dataclass(frozen=True)
class SynthSummary:
    out: Path
    seed: int
    start: date
    end: date
    departments: int
    accounts: int
    snapshot_rows: int
    reply_rows: int
    complaint_rows: int

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def line(self) -> str:
        return (f"synthesised {self.departments:,} departments ({self.accounts:,} with an X account) x {self.days} "
                f"days ({self.start} to {self.end}, seed {self.seed}): {self.snapshot_rows:,} snapshot rows, "
                f"{self.reply_rows:,} reply rows, {self.complaint_rows:,} complaint rows in {self.out}")


def synthesize(out: Path, accounts: int, days: int, seed: int = 1, *, end: date,
               districts: Path = paths.BUNDLED_DISTRICTS) -> SynthSummary:
    """Write a complete synthetic data folder to `out` (absent or empty): `accounts`
    departments, ~90 % of them with an X account, observed nightly for `days` days ending
    at `end`, placed in the districts of the registry `districts`."""
    if accounts < 1 or days < 1 or seed < 0:
        raise ValueError("accounts and days must be at least 1, seed zero or more")
    out = Path(out)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        # Run records are appended to, and stray files would join the data: start clean.
        raise ProblemError([Problem(str(out), 0, "--out", "exists and is not an empty folder")])
    make_folder(out, "--out")
    start = end - timedelta(days=days - 1)
    places = _district_registry(districts)
    population = Population(accounts, seed, places)
    registry = population.registry()

    _write(out / paths.CONFIG_TOML, config_text())
    _write(out / paths.DEPARTMENTS_CSV, schema.DEPARTMENTS.to_csv(registry.departments))
    _write(out / paths.DISTRICTS_CSV, schema.DISTRICTS.to_csv(places))
    _write(out / paths.ACCOUNTS_CSV, schema.ACCOUNTS.to_csv(registry.accounts))
    _write(out / paths.SOURCES_CSV, schema.SOURCES_TABLE.to_csv(pd.DataFrame([{
        "id": SOURCE_ID, "title": "Synthetic data for scale benchmarks (invented, not real)",
        "publication": "jawabdehi synth", "published_on": start.isoformat(), "url": "",
        "note": f"Every department, handle and figure here is invented (seed {seed}); none describes a real body."}])))

    nights = Nights(population, seed, start)
    snapshot_rows = reply_rows = 0
    month_reads = 0
    earlier_replies: tuple[int, int] = (0, 0)
    for t in range(days):
        night = nights.night(t)
        _write(out / paths.SNAPSHOTS / PLATFORM / f"{night.day}.csv", night.snapshot_csv)
        if night.reply_rows:
            _write(out / paths.REPLIES / PLATFORM / f"{night.day}.csv", night.replies_csv)
        if night.day.day == 1:
            month_reads = 0
        month_reads += night.reads_billed
        # A night measures the replies of the day before it, as the collector does.
        append_run(out, night.run_record(month_reads, *earlier_replies))
        earlier_replies = (night.reply_rows, night.reply_posts_read)
        snapshot_rows += night.rows
        reply_rows += night.reply_rows

    complaints = population.complaints(seed, start, end)
    _write(out / paths.COMPLAINTS / f"{SOURCE_ID}.csv", schema.COMPLAINTS.to_csv(complaints))
    return SynthSummary(out=out, seed=seed, start=start, end=end, departments=accounts,
                        accounts=int(population.has_account.sum()), snapshot_rows=snapshot_rows,
                        reply_rows=reply_rows, complaint_rows=len(complaints))


def _district_registry(path: Path = paths.BUNDLED_DISTRICTS) -> pd.DataFrame:
    """A district registry (the bundled one by default): invented departments sit in real
    districts, so the folder validates as real data must."""
    if not path.is_file():
        raise ProblemError([Problem(str(path), 0, "-", "the district registry is missing; synth places "
                                                       "departments in its districts")])
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def config_text(config: Config | None = None) -> str:
    """config.toml holding every setting of `config` (default: the defaults)."""
    config = config or Config()
    lines = ["# Settings of a synthetic data folder (written by `jawabdehi synth`): the defaults.", ""]
    for section in sections(config):
        lines.append(f"[{section.name}]")
        part = getattr(config, section.name)
        lines += [f"{f.name} = {_toml(getattr(part, f.name))}" for f in fields(part)]
        lines.append("")
    return "\n".join(lines)


def _toml(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, tuple | list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return json.dumps(str(value), ensure_ascii=False)


def _write(path: Path, text: str) -> None:
    # Plain writes: the folder is new and nobody reads it while it is being made.
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _letters(text: str) -> str:
    return "".join(word[:1].upper() + word[1:] for word in re.findall(r"[A-Za-z]+", text))


def _handle(letters: str, abbreviation: str, index: int, renamed: bool = False) -> str:
    # "Syn" + place + body + index fits X's 15 characters and is unique by index; a renamed
    # account moves its index forward, so old and new handles can never collide.
    room = max(15 - 3 - len(abbreviation) - len(str(index)), 0)
    body = letters[:room] + abbreviation
    return f"Syn{index}{body}" if renamed else f"Syn{body}{index}"


@dataclass(frozen=True)
class Registry:
    departments: pd.DataFrame
    accounts: pd.DataFrame


class Population:
    """Every department and the lasting traits of its account, drawn from (seed, index).

    One row of uniforms per index, drawn in order, so department i is the same whatever the
    total: a bigger folder extends a smaller one.
    """

    COLUMNS = 24

    def __init__(self, count: int, seed: int, districts: pd.DataFrame | None = None):
        self.count = count
        registry = _district_registry() if districts is None else districts
        self._districts: dict[str, list[tuple[str, str]]] = {}
        for state, en, hi in registry[["state", "name_en", "name_hi"]].itertuples(index=False):
            self._districts.setdefault(state, []).append((en, hi))
        u = np.random.default_rng([seed, _ACCOUNTS]).random((count, self.COLUMNS))
        self._u = u
        self._place(u)
        self.has_account = u[:, 3] >= NO_ACCOUNT_SHARE
        self.official = np.where(u[:, 4] < 0.7, "yes", "unverified")
        shares = np.cumsum([share for _, share in BEHAVIOURS])
        self.kind = np.minimum(np.searchsorted(shares / shares[-1], u[:, 5], side="right"), len(BEHAVIOURS) - 1)
        self.event_day = 1 + np.floor(-np.log1p(-u[:, 6]) * EVENT_MEAN_DAYS).astype(np.int64)
        self._traits(u)

    # --- who they are -------------------------------------------------------------------

    def _place(self, u: np.ndarray) -> None:
        """State, district, category, names and parent of every department.

        The first 36 are the states' police headquarters, biggest state first; then every
        third is a chief minister's (or administrator's) office, until each state has one;
        the rest are district bodies spread by population. So even a small folder holds all
        three levels.
        """
        n = self.count
        weights = np.array([s[3] for s in STATES])
        state = np.searchsorted(np.cumsum(weights) / weights.sum(), u[:, 0], side="right")
        state = np.minimum(state, len(STATES) - 1)
        index = np.arange(n)
        level = np.array([_level(i) for i in range(n)], dtype=np.int64)
        head = level < 2
        state[head] = [_level_state(i) for i in index[head]]
        self.state_level = head
        body_shares = np.cumsum([b[1] for b in DISTRICT_BODIES])
        body = np.minimum(np.searchsorted(body_shares / body_shares[-1], u[:, 1], side="right"),
                          len(DISTRICT_BODIES) - 1)
        self.state = state
        ids, en, hi, category, district, parent, letters, abbreviation = [], [], [], [], [], [], [], []
        seen: dict[tuple[str, str], int] = {}
        for i in range(n):
            code, state_en, state_hi, _ = STATES[state[i]]
            districts = self._districts[code]
            short = code[3:].lower()
            if level[i] == 0:
                what = ("police", "Police Headquarters", "पुलिस मुख्यालय", "Dgp", "police-hq")
            elif level[i] == 1 and code in NO_CHIEF_MINISTER:
                what = ("administration", "UT Administration", "केंद्र शासित प्रदेश प्रशासन", "Adm", "administration")
            elif level[i] == 1:
                what = ("chief-minister", "Chief Minister's Office", "मुख्यमंत्री कार्यालय", "Cmo", "cm-office")
            else:
                what = None
            if what is not None:
                body_category, name_en, name_hi, abbr, slug = what
                place_en, place_hi, place_district = state_en, state_hi, None
                ids.append(f"{short}-{slug}")
                parent.append(None)
            else:
                body_category, _, name_en, name_hi, abbr = DISTRICT_BODIES[body[i]]
                place_en, place_hi = districts[min(int(u[i, 2] * len(districts)), len(districts) - 1)]
                place_district = place_en
                ids.append(f"{short}-{_slug(place_en)}-{body_category}-{i}")
                # District police report to their state's police headquarters.
                parent.append(f"{short}-police-hq" if body_category == "police" else None)
            # The same body twice in one place gets a number, so no two names are the same.
            key = (name_en, f"{code}/{place_en}")
            seen[key] = seen.get(key, 0) + 1
            suffix = f" ({seen[key]})" if seen[key] > 1 else ""
            en.append(f"Synthetic: {name_en}, {place_en}{suffix}")
            hi.append(f"कृत्रिम: {name_hi}, {place_hi}{suffix}")
            category.append(body_category)
            district.append(place_district)
            letters.append(_letters(place_en))
            abbreviation.append(abbr)
        self.ids = np.array(ids, dtype=object)
        self.names_en, self.names_hi = en, hi
        self.category = np.array(category, dtype=object)
        self.district = district
        self.parent = parent
        self.handles = np.array([_handle(letters[i], abbreviation[i], i) for i in range(n)], dtype=object)
        self.new_handles = np.array([_handle(letters[i], abbreviation[i], i, renamed=True) for i in range(n)],
                                    dtype=object)
        # Snowflake-like ids: creation time (2013-2024) above 22 bits that hold the index,
        # so they are unique, 18-19 digits, and never change with a rename.
        created = (np.datetime64("2013-01-01", "ms").astype(np.int64)
                   + (u[:, 14] * 12 * 365.25 * 86400 * 1000).astype(np.int64))
        self.account_ids = ((created - SNOWFLAKE_EPOCH_MS) << 22) | (index & 0x3FFFFF)

    def registry(self) -> Registry:
        departments = pd.DataFrame({
            "id": self.ids, "name_en": self.names_en, "name_hi": self.names_hi, "category": self.category,
            "state": [STATES[s][0] for s in self.state], "district": self.district, "parent_id": self.parent})
        having = np.flatnonzero(self.has_account)
        accounts = pd.DataFrame({
            "department_id": self.ids[having], "platform": PLATFORM, "handle": self.handles[having],
            "account_id": self.account_ids[having].astype(str), "official": self.official[having],
            "source_url": SOURCE_REF})
        return Registry(departments, accounts)

    # --- how their accounts behave ------------------------------------------------------

    def _traits(self, u: np.ndarray) -> None:
        kind, state_level = self.kind, self.state_level
        # Log-normal followers (tens to millions); state-wide handles draw far more.
        normal = np.sqrt(-2 * np.log1p(-u[:, 7])) * np.cos(2 * np.pi * u[:, 8])
        scale = np.where(state_level, 25.0, 1.0) * np.where(self.category == "police", 1.5, 1.0)
        self.followers0 = np.clip(np.exp(8.0 + 1.7 * normal) * scale, 12, MAX_FOLLOWERS / 4)
        # Daily growth rate: 5-80 % a year for growing handles, about nothing for the rest.
        yearly = np.where(np.isin(kind, [KIND["flat"], KIND["abandoned"]]), -0.02 + 0.04 * u[:, 9],
                          0.05 + 0.75 * u[:, 9])
        self.growth = np.log1p(yearly) / 365
        after = np.where(kind == KIND["dormant"], -0.03, np.where(kind == KIND["reviving"], 0.4, yearly))
        self.growth_after = np.log1p(after) / 365
        # Posts a day: 0.2-15 for working handles, a trickle for flat ones.
        rate = np.exp(np.log(0.2) + u[:, 10] * (np.log(15) - np.log(0.2)))
        self.post_rate = np.where(kind == KIND["flat"], rate / 50, rate)
        self.post_rate[kind == KIND["abandoned"]] = 0.0
        # Days from the last post before the first day to the first day.
        self.gap0 = np.select(
            [kind == KIND["abandoned"], kind == KIND["reviving"], kind == KIND["flat"]],
            [200 + u[:, 11] * 2300, 40 + u[:, 11] * 560, 1 + u[:, 11] * 40], default=1 + u[:, 11] * 3,
        ).astype(np.int64)
        self.seconds0 = (u[:, 12] * COLLECT_SECONDS).astype(np.int64)
        self.following = np.floor(np.exp(3.5 + 1.3 * np.sqrt(-2 * np.log1p(-u[:, 13]))
                                         * np.cos(2 * np.pi * u[:, 15]))).astype(np.int64).clip(0, 5000)
        # Posts so far: bigger handles have usually posted more.
        self.posts0 = np.floor(np.exp(6.5 + 0.9 * normal + u[:, 16])).astype(np.int64).clip(1, 2_000_000)
        self.factor = 1.5 + 2.5 * u[:, 17]  # size of a spike or a jump
        answer, minutes = zip(*(RESPONSIVENESS[c] for c in self.category), strict=True)
        self.answer_rate = np.clip(np.array(answer) * (0.5 + u[:, 18]), 0, 0.98)
        self.reply_minutes = np.array(minutes) * np.exp(u[:, 19] - 0.5)
        self.complains = u[:, 20] < COMPLAINT_SHARE
        self.complaint_volume = np.exp(4.0 + 2.5 * u[:, 21]) * np.where(state_level, 20, 1)
        self.resolve_share = 0.4 + 0.5 * u[:, 22]
        self.reports_rate = u[:, 23] < 0.4

    def posting(self, t: int) -> np.ndarray:
        """Whether each account posts at all on day t (0 is the first day)."""
        k, kind = self.event_day, self.kind
        return np.where(kind == KIND["dormant"], t < k, np.where(kind == KIND["reviving"], t >= k, True))

    def followers(self, t: int, noise: np.ndarray) -> np.ndarray:
        k, kind = self.event_day, self.kind
        before, after = np.minimum(t, k), np.maximum(t - k, 0)
        f = self.followers0 * np.exp(self.growth * before + self.growth_after * after + 0.0005 * noise)
        f = np.where((kind == KIND["jump"]) & (t >= k), f * self.factor, f)
        f = np.where((kind == KIND["spike"]) & (t == k), f * self.factor, f)
        return np.clip(np.rint(f), 0, MAX_FOLLOWERS).astype(np.int64)

    def state_on(self, t: int) -> np.ndarray:
        k, kind = self.event_day, self.kind
        return np.select([(kind == KIND["suspended"]) & (t >= k), (kind == KIND["not_found"]) & (t >= k),
                          kind == KIND["protected"]],
                         [AccountState.SUSPENDED, AccountState.NOT_FOUND, AccountState.PROTECTED],
                         default=AccountState.OK)

    # --- complaint aggregates -----------------------------------------------------------

    def complaints(self, seed: int, start: date, end: date) -> pd.DataFrame:
        """Monthly rows for every month wholly inside start..end; sorted by month, so a
        later end only ever appends rows."""
        who = np.flatnonzero(self.complains)
        rows = []
        month = date(start.year, start.month, 1)
        if month < start:
            month = _next_month(month)
        while _next_month(month) - timedelta(days=1) <= end:
            last = _next_month(month) - timedelta(days=1)
            rng = np.random.default_rng([seed, _MONTHS, month.year * 12 + month.month])
            u = rng.random((self.count, 8))
            received = rng.poisson(self.complaint_volume * (0.6 + 0.8 * u[:, 0]))
            for i in who:
                rows.append(self._complaint_row(i, month, last, int(received[i]), u[i]))
            month = _next_month(month)
        frame = pd.DataFrame(rows, columns=schema.COMPLAINTS.names)
        return frame.sort_values(["period_start", "department_id"], kind="stable") if len(frame) else frame

    def _complaint_row(self, i: int, first: date, last: date, received: int, u: np.ndarray) -> dict:
        # Duplicates are among what was received, as the parts of a month are.
        duplicates = int(received * 0.15 * u[6]) if u[6] < 0.5 else None
        resolved = int((received - (duplicates or 0)) * self.resolve_share[i] * (0.9 + 0.1 * u[1]))
        rejected = int((received - (duplicates or 0) - resolved) * 0.5 * u[2])
        pending = int((received - (duplicates or 0) - resolved - rejected) * (0.3 + 0.7 * u[3]))
        rate = None
        if self.reports_rate[i] and received:
            # Published rates do not always match the counts (the Haryana CM's 84 % was 80.2 %).
            rate = round(min(100 * resolved / received + (4 * u[4] if u[5] < 0.2 else 0), 100.0), 1)
        return {
            "department_id": self.ids[i], "channel": "cm-window" if self.category[i] == "chief-minister" else "x",
            "period_start": first.isoformat(), "period_end": last.isoformat(), "received": received,
            "resolved": resolved, "rejected": rejected, "pending": pending,
            "duplicates": duplicates,
            "median_response_minutes": round(self.reply_minutes[i] * (0.5 + u[7]), 1) if u[7] < 0.6 else None,
            "median_resolution_hours": round(24 + 400 * u[7], 1) if u[7] > 0.4 else None,
            "reported_resolution_rate": rate, "source": "manual", "source_url": SOURCE_REF,
        }


def _level(index: int) -> int:
    """0 for a state's police headquarters, 1 for its chief minister's office, 2 for a district body."""
    if index < len(STATES):
        return 0
    slot, rest = divmod(index - len(STATES), 3)
    return 1 if rest == 0 and slot < len(STATES) else 2


def _level_state(index: int) -> int:
    """Which state (biggest first) a state-level index belongs to."""
    return index if index < len(STATES) else (index - len(STATES)) // 3


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


@dataclass
class Night:
    day: date
    snapshot_csv: str
    rows: int
    outcomes: dict[str, int]
    planned: int
    missed: bool
    retries: int
    replies_csv: str
    reply_rows: int
    reply_posts_read: int

    @property
    def reads_billed(self) -> int:
        return self.outcomes[AccountState.OK] + self.outcomes[AccountState.PROTECTED]

    def run_record(self, month_reads_used: int, replies_measured: int, posts_read: int) -> dict:
        """What the collector would have recorded; times are fixed so the bytes are too."""
        lookups = math.ceil(self.rows / 100)
        requests = lookups + self.retries + 2 * replies_measured + (1 if self.missed else 0)
        waited = 900.0 if self.missed else 0.0
        started = datetime(self.day.year, self.day.month, self.day.day) + timedelta(seconds=COLLECT_SECONDS)
        finished = started + timedelta(seconds=int(10 + 0.8 * requests + waited + 2 * self.retries))
        return {
            "platform": PLATFORM, "night": self.day.isoformat(),
            "started_at": started.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "finished_at": finished.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "package_version": __version__, "accounts_planned": self.planned, "accounts_looked_up": self.rows,
            "outcomes": self.outcomes, "requests": requests, "rate_limit_waits": 2 if self.missed else 0,
            "rate_limit_wait_seconds": waited, "retries": self.retries, "reads_billed": self.reads_billed,
            "month_read_budget": Config().collect.monthly_read_budget, "month_reads_used": month_reads_used,
            "replies_measured": replies_measured, "posts_read": posts_read,
            "stopped_early": ("rate limit: waiting 900s more would pass the night's maximum of 900s"
                              if self.missed else None),
            "user_fields": list(USER_FIELDS),
        }


class Nights:
    """The nights from the first day on; each depends only on (seed, date) and the nights
    before it, never on how many follow."""

    def __init__(self, population: Population, seed: int, start: date):
        self.p = population
        self.seed = seed
        self.start = start
        self.next_t = 0
        self.posts = population.posts0.copy()
        day0 = (start.toordinal() - EPOCH_ORDINAL) * 86400
        self.last_post = day0 - population.gap0 * 86400 + population.seconds0
        having = np.flatnonzero(population.has_account)
        # Rows in key order, as the collector writes them.
        self.order = having[np.argsort(population.ids[having], kind="stable")]
        self.account_ids = population.account_ids.astype(str)
        self.urls = np.array([f"https://x.com/{h}" for h in population.handles], dtype=object)
        self.new_urls = np.array([f"https://x.com/{h}" for h in population.new_handles], dtype=object)

    def night(self, t: int) -> Night:
        if t != self.next_t:
            raise ValueError("nights must be made in order: each carries the one before")
        self.next_t += 1
        p, n = self.p, self.p.count
        day = self.start + timedelta(days=t)
        rng = np.random.default_rng([self.seed, _NIGHTS, day.toordinal()])
        # Every draw is made for all accounts in a fixed order, whatever is used.
        new_posts = rng.poisson(p.post_rate * p.posting(t))
        moment = rng.random(n)
        noise = rng.standard_normal(n)
        failed = rng.random(n) < ERROR_PER_NIGHT
        missed = bool(rng.random() < BAD_NIGHT)
        share = rng.uniform(0.25, 0.6)
        skipped = rng.random(n) < share
        retries = int(rng.integers(0, 3))
        mention_draw = rng.random(n)
        answer_draw = rng.random(n)
        hour_draw = rng.random(n)
        minute_draw = rng.standard_normal(n)

        day_start = (day.toordinal() - EPOCH_ORDINAL) * 86400
        self.posts += new_posts
        # The latest of k posts spread over the day before collection: the maximum of k uniforms.
        latest = day_start + (np.power(moment, 1 / np.maximum(new_posts, 1)) * COLLECT_SECONDS).astype(np.int64)
        self.last_post = np.where(new_posts > 0, latest, self.last_post)
        followers = p.followers(t, noise)
        state = p.state_on(t)
        state = np.where(failed, AccountState.ERROR, state)
        renamed = (p.kind == KIND["renamed"]) & (t >= p.event_day)

        rows = self.order[~(missed & skipped[self.order])]
        st = state[rows]
        bare = (st != AccountState.OK) & (st != AccountState.PROTECTED)
        # A failed or refused lookup carries the handle the collector asked for: the registry's.
        use_new = renamed[rows] & ~bare
        handle = np.where(use_new, p.new_handles[rows], p.handles[rows])
        url = np.where(use_new, self.new_urls[rows], self.urls[rows])
        stamps = np.datetime_as_string(self.last_post[rows].astype("datetime64[s]"), unit="s")
        fol = np.where(bare, "", followers[rows].astype(str))
        fing = np.where(bare, "", p.following[rows].astype(str))
        posts = np.where(bare, "", self.posts[rows].astype(str))
        last = np.where(bare, "", np.char.add(stamps, "Z"))
        iso = day.isoformat()
        lines = [",".join(schema.SNAPSHOT.names)]
        lines += [f"{d},{PLATFORM},{iso},{a},{h},{f},{g},{c},{lp},{s},x-api,{u}" for d, a, h, f, g, c, lp, s, u in zip(
            p.ids[rows].tolist(), self.account_ids[rows].tolist(), handle.tolist(), fol.tolist(), fing.tolist(),
            posts.tolist(), last.tolist(), st.tolist(), url.tolist(), strict=True)]
        outcomes = {name: 0 for name in OUTCOMES}
        names, counts = np.unique(st, return_counts=True)
        outcomes.update({str(k): int(v) for k, v in zip(names, counts, strict=True)})

        # Replies: a rotating ~1 % of the accounts that answered tonight's lookup normally.
        measured = rows[((rows + day.toordinal()) % REPLY_ROTATION == 0) & (st == AccountState.OK)]
        replies_csv, reply_posts = self._replies(measured, iso, followers, new_posts, mention_draw, answer_draw,
                                                 hour_draw, minute_draw)
        return Night(day=day, snapshot_csv="\n".join(lines) + "\n", rows=len(rows), outcomes=outcomes,
                     planned=len(self.order), missed=missed, retries=retries, replies_csv=replies_csv,
                     reply_rows=len(measured), reply_posts_read=reply_posts)

    def _replies(self, measured: np.ndarray, iso: str, followers: np.ndarray, new_posts: np.ndarray,
                 mention_draw: np.ndarray, answer_draw: np.ndarray, hour_draw: np.ndarray,
                 minute_draw: np.ndarray) -> tuple[str, int]:
        if not len(measured):
            return "", 0
        p = self.p
        # Bigger handles are mentioned more; counts come from the night's uniforms so they
        # stay put when other accounts change.
        expected = np.clip(np.sqrt(followers[measured]) / 8, 0.5, 300)
        mentions = np.floor(expected * 2 * mention_draw[measured]).astype(np.int64)
        answered = np.floor(mentions * p.answer_rate[measured] * (0.5 + answer_draw[measured])).astype(np.int64)
        answered = np.minimum(answered, mentions)
        within = np.floor(answered * hour_draw[measured]).astype(np.int64)
        minutes = p.reply_minutes[measured] * np.exp(0.3 * minute_draw[measured])
        # The median falls inside the hour exactly when most answers did.
        minutes = np.where(2 * within > answered, np.minimum(minutes, 59.0), np.maximum(minutes, 61.0))
        posts_read = mentions + new_posts[measured]
        lines = [",".join(schema.REPLIES.names)]
        for i, m, a, w, mi, r in zip(measured.tolist(), mentions.tolist(), answered.tolist(), within.tolist(),
                                     minutes.tolist(), posts_read.tolist(), strict=True):
            median = f"{mi:.1f}" if a else ""
            lines.append(f"{p.ids[i]},{PLATFORM},{iso},{self.account_ids[i]},{m},{a},{w},{median},{r}")
        return "\n".join(lines) + "\n", int(posts_read.sum())


def complaint_exports(folder: Path, department_ids: list[str], end: date, months: int = 12, seed: int = 1,
                      per_month: float = 200.0) -> list[Path]:
    """Complaint-level exports as a grievance tracker writes them, one file per department,
    covering `months` whole months before `end` and the days of `end`'s month up to it.

    Every row carries the columns a real export has and the pipeline must drop (a complaint
    id, a citizen's name and the complaint text), filled with invented values. Small and
    single-status months are common on purpose: they are what suppression is for.
    """
    folder.mkdir(parents=True, exist_ok=True)
    first = date(end.year, end.month, 1)
    for _ in range(months):
        first = date(first.year - (first.month == 1), (first.month - 2) % 12 + 1, 1)
    statuses = np.array(["Resolved", "Not Reasonable", "Pending", "Duplicate"])
    written = []
    for n, department in enumerate(department_ids):
        rng = np.random.default_rng([seed, _EXPORTS, n])
        days = (end - first).days + 1
        counts = rng.poisson(per_month / 30 * rng.uniform(0.02, 2.0), days)
        received = np.repeat(np.arange(days), counts)
        minutes = rng.integers(0, 24 * 60, len(received))
        weights = rng.dirichlet([6, 1, 1, 0.5])
        kind = rng.choice(4, len(received), p=weights)
        close_hours = rng.integers(1, 400, len(received))
        at = pd.Timestamp(first) + pd.to_timedelta(received, unit="D") + pd.to_timedelta(minutes, unit="min")
        closed = at + pd.to_timedelta(close_hours, unit="h")
        answered = at + pd.to_timedelta(rng.integers(5, 3000, len(received)), unit="min")
        # What happens after the export is taken is not in it: not closed yet, not answered yet.
        taken = pd.Timestamp(end) + pd.Timedelta(days=1)
        kind = np.where((kind == 0) & (closed >= taken), 2, kind)
        frame = pd.DataFrame({
            "Complaint ID": [f"SYN-{n}-{i}" for i in range(len(received))],
            "Name": [f"Synthetic citizen {i}" for i in range(len(received))],
            "Complaint": "Invented complaint text",
            "received_at": at.strftime("%Y-%m-%d %H:%M"),
            "status": statuses[kind],
            "closed_at": np.where(kind == 0, closed.strftime("%Y-%m-%d %H:%M"), ""),
            "first_response_at": np.where(answered < taken, answered.strftime("%Y-%m-%d %H:%M"), ""),
        })
        path = folder / f"{department}.csv"
        frame.to_csv(path, index=False)
        written.append(path)
    return written
