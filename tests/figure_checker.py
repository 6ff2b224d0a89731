"""Every published figure, recomputed from the raw input files and compared with each output
that shows it.

Independent of the package on purpose (the boundary test in test_project.py keeps it so): it
reads the data folder with the csv module, follows the methodology's words (site/docs/*/
methodology.md) and nothing of `generator`, then reads the built site as a reader would:
the CSVs under data/, the league slices, the accounts API, the scorecards and the league
table in both languages, the feeds and the badges.

The columns it must account for come from the published datapackage.json: a column of a
published schema that nothing here compares, and that NOT_RECOMPUTED does not name with a
reason, is itself a finding. Numbers shown on pages are read tolerantly (grouping in lakh or
thousands, Devanagari digits, a sign, a percent sign, "1.6 लाख" or "87.3K" with the precision
they are shown at), so a change of display is not a change of figure.
"""

from __future__ import annotations

import calendar
import csv
import html
import json
import re
import statistics
import tomllib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

# Columns of published schemas not recomputed from the inputs, each with the reason. Keep it
# short: a copied cell is checked as a copy, so it does not belong here.
NOT_RECOMPUTED: dict[tuple[str, str], str] = {}

STATUS_SCORE = {"active": 100, "slow": 60, "dormant": 25, "abandoned": 0, "no_account": 0, "suspended": 0,
                "not_found": 0}
# Methodology, "Responsiveness": median minutes -> score, first bound that holds.
RESPONSE_BANDS = ((60, 100), (240, 75), (1440, 50), (4320, 25))
GONE = ("suspended", "not_found")
# The statuses the home page lists as needing attention, each with a list of its own.
# Statuses with a list of their own (accounts/<status>/): every one the home page counts.
STATUS_LISTS = ("active", "slow", "dormant", "abandoned", "no_account", "suspended", "not_found", "unknown")
REPLY_DAYS = 30  # "the measured days of the 30 days up to the department's last measured day"

# The words the pages use for what the checker reads: statuses (badges carry no class) and
# the labels of the facts on a scorecard, Hindi and English.
STATUS_WORDS = {"सक्रिय": "active", "धीमा": "slow", "सुप्त": "dormant", "परित्यक्त": "abandoned",
                "कोई खाता नहीं": "no_account", "हमारी सूची में कोई खाता नहीं": "no_account",
                "no account in our registry": "no_account", "निलंबित": "suspended", "नहीं मिला": "not_found",
                "अज्ञात": "unknown",
                "active": "active", "slow": "slow", "dormant": "dormant", "abandoned": "abandoned",
                "no account": "no_account", "suspended": "suspended", "not found": "not_found", "unknown": "unknown"}
FACTS = {"followers": ("फ़ॉलोअर", "Followers"), "change_7d": ("बदलाव 7 दिन", "Change 7 days"),
         "change_30d": ("बदलाव 30 दिन", "Change 30 days"), "change_365d": ("बदलाव 365 दिन", "Change 365 days"),
         "growth_30d": ("30 दिन की बढ़त", "30-day growth"),
         "rank_in_state": ("राज्य में स्थान (फ़ॉलोअर)", "Rank in state by followers"),
         "rank_in_category": ("पूरे भारत में श्रेणी में स्थान (फ़ॉलोअर)", "Rank in category across India by followers")}
COMPLAINT_LABELS = {"received": ("प्राप्त", "Received"), "resolved": ("हल हुईं", "Resolved"),
                    "rejected": ("अस्वीकृत", "Rejected"), "pending": ("लंबित", "Pending"),
                    "duplicates": ("दोहराव", "Duplicates"), "resolved_rate": ("समाधान दर", "Resolution rate"),
                    "reported_resolution_rate": ("स्रोत द्वारा बताई दर", "Rate reported by source")}
REPLY_LABELS = {"mentions": ("नागरिकों के उल्लेख", "Citizen mentions"), "answered": ("जवाब दिए", "Answered"),
                "answered_within_hour": ("एक घंटे के भीतर जवाब", "Answered within an hour"),
                "median_reply_minutes": ("जवाब का मध्य समय (मिनट)", "Median minutes to reply")}
PLATFORM_WORDS = {"X\u00a0(ट्विटर)": "x", "X\u00a0(Twitter)": "x", "फेसबुक": "facebook", "फ़ेसबुक": "facebook",
                  "Facebook": "facebook", "इंस्टाग्राम": "instagram", "Instagram": "instagram", "यूट्यूब": "youtube",
                  "YouTube": "youtube"}
MONTHS = {name: n for n, names in enumerate([
    ("jan", "january", "जनवरी"), ("feb", "february", "फ़रवरी", "फरवरी"), ("mar", "march", "मार्च"),
    ("apr", "april", "अप्रैल"), ("may", "मई"), ("jun", "june", "जून"), ("jul", "july", "जुलाई"),
    ("aug", "august", "अगस्त"), ("sep", "sept", "september", "सितंबर", "सितम्बर"), ("oct", "october", "अक्टूबर"),
    ("nov", "november", "नवंबर", "नवम्बर"), ("dec", "december", "दिसंबर", "दिसम्बर")], start=1) for name in names}
SCALES = {"हज़ार": 10**3, "हजार": 10**3, "k": 10**3, "thousand": 10**3, "लाख": 10**5, "lakh": 10**5,
          "करोड़": 10**7, "crore": 10**7, "million": 10**6, "m": 10**6}
# The league slices' rows are lists without a header: the meaning of each place.
LEAGUE_FIELDS = ("id", "name", "state", "district", "category", "platform", "handle", "handle_text", "followers",
                 "followers_text", "growth", "growth_text", "status", "rank", "rank_text", "reply", "reply_text",
                 "grade", "observed", "stale", "idle", "shared", "overdue", "unverified", "post_text", "reply_source",
                 "followers_source")


# --- reading -------------------------------------------------------------------------------------

def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def data_files(folder: Path) -> list[Path]:
    if not folder.exists():
        return []
    return sorted(p for p in folder.rglob("*.csv") if not any(s.startswith(".") for s in p.relative_to(folder).parts))


def day(text: str | None) -> date | None:
    return date.fromisoformat(text[:10]) if text else None


def num(text: str | None) -> float | None:
    return None if text is None or text.strip() == "" else float(text)


DIGITS = str.maketrans("०१२३४५६७८९", "0123456789")
NUMBER = re.compile(r"([+\-]?\d+(?:\.\d+)?)\s*(हज़ार|हजार|लाख|करोड़|thousand|lakh|crore|million|[KkMm]\b)?")


def shown_numbers(text: str) -> list[tuple[float, float]]:
    """Every number a reader sees in `text`, with the half-unit of the precision it is shown
    at: grouping separators (lakh or thousands), Devanagari digits and scale words undone."""
    text = html.unescape(text).translate(DIGITS).replace("\u2212", "-")
    text = re.sub(r"(?<=\d)[,\u00a0\u202f\u2009 ](?=\d)", "", text)
    out = []
    for value, scale in NUMBER.findall(text):
        mult = SCALES.get(scale.lower() if scale not in SCALES else scale, 1) if scale else 1
        decimals = len(value.partition(".")[2])
        out.append((float(value) * mult, 0.5 * 10 ** -decimals * mult + 1e-9))
    return out


DATE_TEXT = re.compile(r"(\d{1,2}) (\S+?)\.? (\d{4})")


ABOUT_MONTH = re.compile(r"(?:about|लगभग) (\S+?)\.? (\d{4})")


def shown_dates(text: str, approximate: dict[str, str] | None = None) -> list[str]:
    """The dates `text` shows, as ISO days; `approximate` (day -> month or year, from
    sources.csv date_precision) reads 'about Oct 2016' and a bare '2017' as the day a source
    dated them by."""
    text = html.unescape(text).translate(DIGITS)
    found = [m for m in re.findall(r"\d{4}-\d{2}-\d{2}", text)]
    for d, month, y in DATE_TEXT.findall(text):
        m = MONTHS.get(month.lower())
        if m:
            found.append(f"{int(y):04d}-{m:02d}-{int(d):02d}")
    for stood_in, precision in (approximate or {}).items():
        if precision == "month" and any(f"{int(y):04d}-{MONTHS.get(month.lower(), 0):02d}" == stood_in[:7]
                                        for month, y in ABOUT_MONTH.findall(text)):
            found.append(stood_in)
        elif precision == "year" and re.search(rf"(?<![\d,.]){stood_in[:4]}(?![\d,])", DATE_TEXT.sub("", text)):
            found.append(stood_in)
    return found


def shows_day(text: str, day_of: str, precision: str | None) -> bool:
    """Whether `text` shows `day_of` as exactly as its figure's own source knows it: as the day
    where it is of its day (the collector's, or a report's dated to the day, whatever another
    source of that day says), as 'about Oct 2016' or '2017' and never as the day where its
    source stands it in for its month or year."""
    exact = day_of in shown_dates(text)
    if precision in ("month", "year"):
        return not exact and day_of in shown_dates(text, {day_of: precision})
    return exact


def text_of(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", fragment)).strip()


# --- the inputs, recomputed ---------------------------------------------------------------------

@dataclass
class Expected:
    as_of: date | None
    cutoff: date
    handles: dict[tuple[str, str], dict] = field(default_factory=dict)   # (department, platform) -> row
    complaints: list[dict] = field(default_factory=list)
    events: dict[str, dict] = field(default_factory=dict)               # event_id -> row
    replies: list[dict] = field(default_factory=list)
    sources: list[dict] = field(default_factory=list)
    corrections: list[dict] = field(default_factory=list)
    bounded: list[dict] = field(default_factory=list)  # README, bounded-followers.csv: rows up to cutoff
    snapshots: dict[str, list[dict]] = field(default_factory=dict)     # department -> raw rows up to cutoff
    reply_window: dict[str, dict] = field(default_factory=dict)
    first_seen: dict[tuple[str, str], str] = field(default_factory=dict)
    handles_seen: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    platform_as_of: dict[str, str] = field(default_factory=dict)
    registry_handle: dict[tuple[str, str], str] = field(default_factory=dict)


def band(days: int, cfg: dict) -> str:
    s = cfg["status"]
    if days <= s["active_max_days"]:
        return "active"
    if days <= s["slow_max_days"]:
        return "slow"
    return "dormant" if days <= s["dormant_max_days"] else "abandoned"


def observation_status(row: dict, cfg: dict) -> str:
    """Methodology, "Status of an account", for one observation."""
    if row["state"] in GONE:
        return row["state"]
    if not row["last_post_at"]:
        return "abandoned" if row["posts"].strip() == "0" else "unknown"
    return band((day(row["date"]) - day(row["last_post_at"])).days, cfg)


def is_jump(before: int, after: int, share: float) -> bool:
    """"more than 20 % of the count in one step (and more than 100 followers)"."""
    return abs(after - before) > share * before and abs(after - before) > 100


def response_score(minutes: float | None) -> float | None:
    if minutes is None:
        return None
    return next((score for bound, score in RESPONSE_BANDS if minutes <= bound), 0)


def recompute(data: Path, cutoff: date) -> Expected:
    """Every figure of a build made on `cutoff`, from the raw files of `data` alone."""
    cfg = tomllib.loads((data / "config.toml").read_text(encoding="utf-8"))
    stale_days = cfg["status"]["stale_after_days"]
    share = cfg["reach"]["jump_share"]
    k = cfg["complaints"]["small_cell_k"]
    cut = cutoff.isoformat()
    departments = {d["id"]: d for d in read_csv(data / "registry/departments.csv")}
    accounts = {(a["department_id"], a["platform"]): a for a in read_csv(data / "registry/accounts.csv")}
    districts = {(d["state"], d["name_en"]): d["name_hi"] for d in read_csv(data / "registry/districts.csv")}
    collected = {}
    if (data / "collected/account_ids.csv").exists():
        collected = {(a["department_id"], a["platform"]): a["account_id"]
                     for a in read_csv(data / "collected/account_ids.csv") if a.get("account_id")}
    sources = read_csv(data / "registry/sources.csv") if (data / "registry/sources.csv").exists() else []
    later_sources = {f"source:{s['id']}" for s in sources if s["published_on"] > cut}

    rows = []
    for folder in ("snapshots", "manual"):
        for path in data_files(data / folder):
            for line, row in enumerate(read_csv(path)):
                if row["date"] <= cut:
                    rows.append((row["date"], str(path.relative_to(data)), line, row))
    rows.sort(key=lambda r: (r[0], r[1], r[2]))
    by_account: dict[tuple[str, str], list[dict]] = defaultdict(list)
    by_department: dict[str, list[dict]] = defaultdict(list)
    for *_, row in rows:
        by_account[(row["department_id"], row["platform"])].append(row)
        by_department[row["department_id"]].append(row)
    good_dates = [r["date"] for *_, r in rows if r["state"] != "error"]
    as_of = day(max(good_dates)) if good_dates else None
    ex = Expected(as_of=as_of, cutoff=cutoff, snapshots=dict(by_department))
    for *_, r in rows:
        if r["state"] != "error":
            ex.platform_as_of[r["platform"]] = max(ex.platform_as_of.get(r["platform"], ""), r["date"])

    # One row per department and expected platform, and per registered account.
    recheck_days = cfg["status"].get("absence_recheck_days", 365)
    absent_on: dict[tuple[str, str], str] = {}
    absent_source: dict[tuple[str, str], str | None] = {}
    if (data / "registry/absences.csv").exists():
        for r in read_csv(data / "registry/absences.csv"):
            key = (r["department_id"], r["platform"])
            if r["checked_on"] <= cut and r["checked_on"] > absent_on.get(key, ""):
                absent_on[key], absent_source[key] = r["checked_on"], r["source_url"] or None
    ex.bounded = [r for r in (read_csv(data / "bounded-followers.csv") if (data / "bounded-followers.csv").exists()
                              else []) if r["date"] <= cut]
    bounded = {(r["department_id"], r["platform"], r["date"]): r["bound"] for r in ex.bounded}
    keys = [(d, p) for d in departments for p in cfg["status"]["expected_platforms"]]
    groups = share_groups(accounts)
    histories = one_history(groups, by_account)
    # A report's day stands in for a month or year as its own source dates it (cited by id or address).
    stood_in = {(cited, s["published_on"]) for s in sources if s.get("date_precision") in ("month", "year")
                for cited in (f"source:{s['id']}", s.get("url")) if cited}
    keys += [key for key in accounts if key not in keys]
    table = {}
    for key in keys:
        dept, platform = key
        d, a = departments[dept], accounts.get(key)
        row = {"department_id": dept, "department_name_en": d["name_en"], "department_name_hi": d["name_hi"],
               "state": d["state"], "district": d["district"] or None, "category": d["category"],
               "platform": platform, "official": a["official"] if a else None, "shared_with": None,
               "district_hi": districts.get((d["state"], d["district"])) if d["district"] else None}
        seen = histories.get(key, by_account.get(key, []))  # a shared account's: every department's rows
        row.update(account_figures(seen, a is not None, cfg, as_of, stood_in, set(bounded)))
        # README, bounded-followers.csv: a report's count as the report states it.
        row["followers_bound"] = bounded.get((dept, platform, row["followers_on"]))
        if a:
            ex.registry_handle[key] = a["handle"] or None
            row["handle"] = row.pop("seen_handle") or a["handle"] or None
            row["account_id"] = a.get("account_id") or collected.get(key) or row.pop("seen_account_id")
            row["source_url"] = row.pop("observed_source_url") or a["source_url"] or None
            for cited in ("source_url", "followers_source_url"):
                if row.get(cited) in later_sources:
                    row[cited] = None  # a build cites only what was published by its day
        else:
            row.update(handle=None, account_id=None, source_url=None, status="no_account")
        # Methodology: a "no account" statement older than absence_recheck_days (from the
        # as-of date) is shown with its date, counted as missing, and gets no grade.
        # Only where it is the status: of an account observed since, it is history.
        stated = absent_on.get(key)
        row["_unchecked"] = bool(stated and as_of and (as_of - day(stated)).days > recheck_days
                                 and row["status"] == "no_account")
        # A report dated after a registered account's newest observation (or of one never
        # observed) is said beside it, marks its status old and keeps it out of the grade; one
        # after a look-up that found the account suspended or missing agrees with it.
        row["_newer"] = bool(stated and a and row["status"] not in ("suspended", "not_found")
                             and (not row["observed_on"] or stated > row["observed_on"]))
        row["absent_on"], row["absent_source_url"] = stated, absent_source.get(key)
        for extra in ("seen_handle", "seen_account_id", "observed_source_url"):
            row.pop(extra, None)
        table[key] = row
    counted = share_accounts(table, groups)
    rank(table, counted, as_of, stale_days)
    ex.handles = table

    # Complaints, replies and grades.
    withdrawn = []
    if (data / "withdrawn-complaints.csv").exists():
        withdrawn = read_csv(data / "withdrawn-complaints.csv")
    raw = [r for path in data_files(data / "complaints") for r in read_csv(path) if r["period_end"] <= cut]
    ex.complaints = complaint_rows(raw, withdrawn, cfg, k)
    ex.replies = sorted((r for path in data_files(data / "replies") for r in read_csv(path) if r["date"] <= cut),
                        key=lambda r: (r["date"], r["department_id"]))
    ex.reply_window = reply_windows(ex.replies)
    grade_departments(ex, cfg)
    # A shared account's changes once, on the row that counts it, from every department's rows.
    copies = {key for group in groups for key in group}
    ex.events = events({**{k: v for k, v in by_account.items() if k not in copies},
                        **{k: [{**r, "department_id": k[0]} for r in v] for k, v in histories.items()}}, cfg, share)
    ex.sources = [s for s in sources if s["published_on"] <= cut]
    # Sources.csv date_precision, said beside each date in handles.csv (day where none stands in),
    # of a report's figure only, by its own source (cited by id or address): the collector's
    # count or observation is of its day, and so is a date another source stands in on.
    def precision(day_of: str, ref: str | None) -> str:
        return own_precision(ex.sources, day_of, ref)

    for row in ex.handles.values():
        by_report = {"followers_on": ("followers_source_url", bool(row.get("followers_source_url"))),
                     "observed_on": ("source_url", row.pop("observed_by_report", False)),
                     "absent_on": ("absent_source_url", bool(row.get("absent_source_url")))}
        for column, (source, reported) in by_report.items():
            row[f"{column}_precision"] = (precision(row[column], row.get(source)) if reported else "day") \
                if row.get(column) else None
    # handles.csv gives each account's own reply figure beside its department's, as its row shows it.
    for row in ex.handles.values():
        own = own_reply(row)
        row.update({f"account_{column}": own.get(column) for column in LISTED_REPLY})
        # Only a reported period's start or end stands in for a month or year; a measured day is a day.
        for prefix in ("account_", ""):
            reported = row[f"{prefix}reply_basis"] == "reported"
            for end in ("reply_on", "reply_from"):
                day_of = row[f"{prefix}{end}"]
                row[f"{prefix}{end}_precision"] = (precision(day_of, row[f"{prefix}reply_source_url"])
                                                   if reported else "day") \
                    if day_of else None
    # Methodology: an observation older than the stale limit is an old figure; an X account's
    # status older than the refresh floor the newest night kept (the configured one where none
    # was kept) and not yet stale is marked as not refreshed. One a report dates only to its
    # month or year is at least as old as from that month's or year's last day.
    floor = refresh_floor(data, as_of) or cfg["collect"]["max_days_between_refresh"]
    for (_, platform), row in ex.handles.items():
        age = (as_of - latest_day(row["observed_on"], row["observed_on_precision"])).days \
            if as_of and row["observed_on"] else None
        row["stale"] = None if age is None else age > stale_days
        row["refresh_overdue"] = None if age is None else platform == "x" and floor < age <= stale_days
    if (data / "corrections.csv").exists():
        ex.corrections = [c for c in read_csv(data / "corrections.csv") if c["date"] <= cut]
    for key, seen in by_account.items():
        good = [r for r in seen if r["state"] != "error"]
        if good:
            ex.first_seen[key] = min(r["date"] for r in good)
        ex.handles_seen[key] = [r["handle"] for r in seen if r["handle"]]
    return ex


def latest_day(day_of: str, precision: str) -> date:
    """The last day a figure dated `day_of` may be of: its year's or its month's where the day
    stands in for them."""
    known = day(day_of)
    if precision == "year":
        return date(known.year, 12, 31)
    if precision == "month":
        return date(known.year, known.month, calendar.monthrange(known.year, known.month)[1])
    return known


def refresh_floor(data: Path, as_of: date | None) -> int | None:
    """The refresh floor in the newest run record at or before the as-of date."""
    nights = sorted((path.name.removesuffix(".run.json"), path) for path in data.glob("snapshots/*/*.run.json")
                    if as_of and path.name.removesuffix(".run.json") <= as_of.isoformat())
    if not nights:
        return None
    return json.loads(nights[-1][1].read_text(encoding="utf-8"))["runs"][-1].get("refresh_floor_days")


def account_figures(seen: list[dict], has_account: bool, cfg: dict, as_of: date | None,
                    stood_in: set[tuple[str, str]] = frozenset(), bounded: set[tuple[str, str, str]] = frozenset()
                    ) -> dict:
    """Methodology, "Status of an account" and "Reach", for one account's observations in order.
    A report's count dated by a day its own source stands in on for a month or year (`stood_in`,
    (citation, day)), or stated as
    a bound (`bounded`, README: bounded-followers.csv), is in no window of days."""
    good = [r for r in seen if r["state"] != "error"]
    last = good[-1] if good else None
    errors = [r["date"] for r in seen if r["state"] == "error"]
    out = {"status": "unknown", "days_since_post": None, "observed_on": None, "last_post_at": None,
           "stale": None, "last_error_on": None, "followers": None, "followers_on": None, "followers_source_url": None,
           "growth_30d": None, "jumps_30d": None, "seen_handle": None, "seen_account_id": None,
           "observed_source_url": None, "observed_by_report": False, "posts_state": None,
           **{f"change_{n}d": None for n in (7, 30, 365)}}
    handles = [r["handle"] for r in seen if r["handle"]]
    ids = [r["account_id"] for r in seen if r["account_id"]]
    out["seen_handle"] = handles[-1] if handles else None
    out["seen_account_id"] = ids[-1] if ids else None
    if errors and (last is None or errors[-1] > last["date"]):
        out["last_error_on"] = errors[-1]
    if last:
        out.update(status=observation_status(last, cfg), observed_on=last["date"],
                   last_post_at=last["last_post_at"] or None, observed_source_url=last["source_url"] or None,
                   observed_by_report=last["source"] == "manual")
        if last["last_post_at"] and last["state"] not in GONE:
            out["days_since_post"] = (day(last["date"]) - day(last["last_post_at"])).days
    counts = [(day(r["date"]), int(r["followers"]), r["source"] == "manual") for r in good if r["followers"].strip()]
    vague = [r["source"] == "manual" and ((r["source_url"], r["date"]) in stood_in
                                         or (r["department_id"], r["platform"], r["date"]) in bounded)
             for r in good if r["followers"].strip()]
    if counts:
        latest_on, latest, _ = counts[-1]
        out["followers"], out["followers_on"] = latest, latest_on.isoformat()
        # A count typed in from a report is cited by that report; the collector's by none.
        counted_last = [r for r in good if r["followers"].strip()][-1]
        out["followers_source_url"] = (counted_last["source_url"] or None) if counted_last["source"] == "manual" \
            else None
        for n in (7, 30, 365):
            base = [c for (d, c, _), v in zip(counts, vague, strict=True)
                    if n <= (latest_on - d).days <= 2 * n and not v and not vague[-1]]
            out[f"change_{n}d"] = latest - base[-1] if base else None
        # A jump is a change between adjacent counts: any between two of the collector's,
        # one to or from a report's figure only when the two are at most a week apart.
        steps, jumps = [], []
        for (db, b, rb), (da, a, ra), vb, va in zip(counts, counts[1:], vague, vague[1:], strict=False):
            if (latest_on - db).days <= 30 and not (vb or va or vague[-1]):
                steps.append(a - b)
                if (not (rb or ra) or (da - db).days <= 7) and is_jump(b, a, cfg["reach"]["jump_share"]):
                    jumps.append(a - b)
        out["growth_30d"] = sum(steps) - sum(jumps) if steps else None
        out["jumps_30d"] = len(jumps) if steps else None  # nothing compared: no count of jumps
        if out["status"] in GONE:  # no change or growth for an account out of reach
            out.update({"growth_30d": None, "jumps_30d": None, **{f"change_{n}d": None for n in (7, 30, 365)}})
    if not has_account:
        out["status"] = "no_account"
    return out


def share_groups(accounts: dict) -> list[set]:
    """Accounts two departments run together (shared=yes, same handle or account id on one
    platform): the keys of each account's rows."""
    shared = [key for key, a in accounts.items() if a.get("shared", "") == "yes"]
    groups: list[dict] = []
    for key in shared:
        a = accounts[key]
        marks = {(key[1], "h", a["handle"].lower()) if a["handle"] else None,
                 (key[1], "i", a["account_id"]) if a.get("account_id") else None} - {None}
        joined = [g for g in groups if g["marks"] & marks]
        group = {"keys": {key}, "marks": marks}
        for g in joined:
            group["keys"] |= g["keys"]
            group["marks"] |= g["marks"]
            groups.remove(g)
        groups.append(group)
    return [g["keys"] for g in groups if len(g["keys"]) > 1]


def one_history(groups: list[set], by_account: dict) -> dict[tuple[str, str], list[dict]]:
    """Each shared account's history as its scorecards list it, keyed by the row that counts
    it (the one whose observations hold the newest; of equals the first by id): every
    department's observations of it, as filed, each day's of one department (of a day several
    filed, every row of the counting department's, else of the first by id's, of one that
    found the account before one whose look-ups all failed)."""
    out = {}
    for group in groups:
        def newest(key: tuple[str, str]) -> str:
            return max((r["date"] for r in by_account.get(key, []) if r["state"] != "error"), default="")

        first = max(sorted(group), key=newest)
        days: dict[str, dict[int, list[dict]]] = defaultdict(dict)
        for rank, key in enumerate([first, *sorted(group - {first})]):
            for row in by_account.get(key, []):
                days[row["date"]].setdefault(rank, []).append(row)
        out[first] = [row for _, filed in sorted(days.items())
                      for row in filed[min(filed, key=lambda r: (all(x["state"] == "error" for x in filed[r]), r))]]
    return out


def share_accounts(table: dict, groups: list[set]) -> set[tuple[str, str]]:
    """A shared account is one account: every department's row shows its figures, counted
    once, on the row whose observations hold them. Returns the keys of the rows that count."""
    counted = set(table)
    figures = ["status", "days_since_post", "observed_on", "last_post_at", "stale", "last_error_on", "followers",
               "followers_on", "followers_bound", "followers_source_url", "growth_30d", "jumps_30d", "handle",
               "account_id", "source_url",
               *[f"change_{n}d" for n in (7, 30, 365)]]
    for group in groups:
        first = max(sorted(group), key=lambda key: table[key]["observed_on"] or "")  # the newest; of equals by id
        for key in group:
            table[key]["shared_with"] = ";".join(sorted(k[0] for k in group if k != key))
            if key != first:
                counted.discard(key)
                table[key].update({f: table[first][f] for f in figures})
        table[first]["_copies"] = [k for k in group if k != first]
    return counted


def rank(table: dict, counted: set, as_of: date | None, stale_days: int) -> None:
    """Methodology, "Ranks are fair or absent": by followers, within platform and state (and
    category), among counts at most the stale window older than the as-of date, of accounts
    neither suspended nor gone, nor contradicted by a newer "no account" report; a group of one
    has no rank."""
    for row in table.values():
        row.update(rank_in_state=None, of_in_state=None, rank_in_category=None, of_in_category=None)
    for within in ("state", "category"):
        groups = defaultdict(list)
        for key in counted:
            row = table[key]
            reachable = row["status"] not in ("suspended", "not_found") and not row["_newer"]
            if (reachable and row["followers"] is not None and as_of
                    and (as_of - day(row["followers_on"])).days <= stale_days):
                groups[(row["platform"], row[within])].append(key)
        for members in groups.values():
            if len(members) < 2:
                continue
            for key in members:
                place = 1 + sum(table[o]["followers"] > table[key]["followers"] for o in members)
                # A department sharing the account holds its place only in a ranking it is part of.
                copies = [c for c in table[key].get("_copies", []) if table[c][within] == table[key][within]]
                for target in [key, *copies]:
                    table[target][f"rank_in_{within}"], table[target][f"of_in_{within}"] = place, len(members)


PARTS = ("resolved", "rejected", "pending", "duplicates")


def hide_reported(row: dict, k: int) -> dict:
    """Methodology, figures copied from a report: a count of 1..k-1 is hidden; where received and
    the parts still shown would pin a hidden part as small, every part with complaints is
    hidden; fewer than k complaints (or a row still pinned) shows no count. With a hidden
    resolved count go the reported rate and the median resolution time; a median time is
    published only over k or more complaints."""
    out = dict(row)
    received = num(row["received"])
    parts = {p: num(row[p]) for p in PARTS}
    hidden = {p for p, v in parts.items() if v is not None and 0 < v < k}

    def pinned(hidden: set) -> bool:
        if not hidden or received is None:
            return bool(hidden) and received is not None
        rest = received - sum(v for p, v in parts.items() if p not in hidden and v is not None)
        # A hidden part is at least 1 (zeros are shown); a part not reported may be 0. Pinned:
        # one hidden part could be at most k-1, or a lone hidden part is received minus the rest.
        alone = len(hidden) == 1 and all(v is not None for v in parts.values())
        return rest - (len(hidden) - 1) < k or alone

    whole = received is not None and 0 < received < k
    if not whole and pinned(hidden):
        hidden = {p for p, v in parts.items() if v is not None and v > 0}
        whole = pinned(hidden)
    if whole:
        hidden = {p for p, v in parts.items() if v is not None}
        out["received"] = ""
        out["median_response_minutes"] = ""
    for p in hidden:
        out[p] = ""
    if "resolved" in hidden:
        out["reported_resolution_rate"] = ""
        out["median_resolution_hours"] = ""
    return out


def complaint_rows(raw: list[dict], withdrawn: list[dict], cfg: dict, k: int) -> list[dict]:
    """Methodology, "Complaints": rates from counts (never from a hidden one), the flags."""
    tolerance = cfg["complaints"]["rate_tolerance_points"]
    out = []
    for r in raw:
        row = hide_reported(r, k) if r["source"] == "manual" else dict(r)
        # Counts a source bounds ("over 1,000") make no rate, flag or sum (a file written
        # before the column was added has none).
        row["bound"] = r.get("bound") or None
        received = num(row["received"]) if row["bound"] is None else None
        for part in ("resolved", "rejected", "pending"):
            value = num(row[part])
            row[f"{part}_rate"] = value / received * 100 if value is not None and received else None
        reported, rate = num(row["reported_resolution_rate"]), row["resolved_rate"]
        # Methodology: a reported rate may be of the complaints disposed of (received less pending).
        resolved, pending = num(row["resolved"]), num(row["pending"])
        disposed = received - pending if received is not None and pending is not None else None
        of_disposed = resolved / disposed * 100 if resolved is not None and disposed and disposed > 0 else None
        near = reported is not None and rate is not None and abs(reported - rate) <= tolerance
        row["reported_of_disposed"] = not near and reported is not None and of_disposed is not None \
            and abs(reported - of_disposed) <= tolerance
        row["rate_mismatch"] = (reported is not None and rate is not None and not near
                                and not row["reported_of_disposed"])
        given = [num(row[p]) for p in ("resolved", "rejected", "pending") if num(row[p]) is not None]
        row["counts_exceed_received"] = bool(given) and received is not None and sum(given) > received
        row["period_days"] = (day(row["period_end"]) - day(row["period_start"])).days + 1
        row["withdrawn_on"] = None
        out.append(row)
    for w in withdrawn:
        start = day(w["period_start"])
        end = (start.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        out.append({"department_id": w["department_id"], "channel": w["channel"], "period_start": w["period_start"],
                    "period_end": end.isoformat(), "source": "ingest", "withdrawn_on": w["withdrawn_on"],
                    "period_days": (end - start).days + 1, "rate_mismatch": False, "reported_of_disposed": False,
                    "counts_exceed_received": False})
    return sorted(out, key=lambda r: (r["department_id"], r["channel"], r["period_start"]))


def reply_windows(replies: list[dict]) -> dict[str, dict]:
    """Methodology, "Replies to citizens": per department the last 30 measured days summed, and
    the median of the daily medians (a day measured on several platforms once, at the mean of
    their medians weighted by their replies); measured on several, each platform's own ("own")."""
    days = defaultdict(list)
    for r in replies:
        days[r["department_id"]].append(r)
    out = {}
    for dept, rows in days.items():
        # Days, not rows: a department is measured in rotation, its measured days weeks apart.
        last = date.fromisoformat(max(r["date"] for r in rows))
        rows = sorted((r for r in rows if date.fromisoformat(r["date"]) > last - timedelta(days=REPLY_DAYS)),
                      key=lambda r: r["date"])
        out[dept] = _window(rows)
        platforms = sorted({r["platform"] for r in rows})
        if len(platforms) > 1:
            out[dept]["own"] = {p: _window([r for r in rows if r["platform"] == p]) for p in platforms}
    return out


def _window(rows: list[dict]) -> dict:
    """Sums and the median of daily medians of one department's (or account's) measured days."""
    by_day = defaultdict(list)
    for r in rows:
        if r["median_reply_minutes"].strip():
            by_day[r["date"]].append((float(r["median_reply_minutes"]), int(r["answered"])))
    medians = [sum(m * n for m, n in timed) / sum(n for _, n in timed) for timed in by_day.values()]
    return {"mentions": sum(int(r["mentions"]) for r in rows),
            "answered": sum(int(r["answered"]) for r in rows),
            "answered_within_hour": sum(int(r["answered_within_hour"]) for r in rows),
            "median_reply_minutes": statistics.median(medians) if medians else None,
            "since": rows[0]["date"], "until": rows[-1]["date"],
            # A badge shows a reply time of its own platform only: measured on one.
            "platform": rows[0]["platform"] if len({r["platform"] for r in rows}) == 1 else None}


def measured_reply(window: dict, min_mentions: int) -> dict | None:
    """The reply figure measured replies give, as the grade counts it: from min_mentions
    mentions on, "unanswered" where none was answered; None with fewer (or no minutes)."""
    if window.get("mentions", 0) < max(min_mentions, 1):
        return None
    if window.get("answered") == 0:
        minutes, basis = None, "unanswered"
    elif window.get("median_reply_minutes") is not None:
        minutes, basis = window["median_reply_minutes"], "measured"
    else:
        return None
    return {"reply_minutes": minutes, "reply_basis": basis, "reply_on": window["until"], "reply_source_url": None,
            "reply_bound": None, "reply_platform": window["platform"], "reply_from": window["since"]}


def grade_departments(ex: Expected, cfg: dict) -> None:
    """Methodology, "Grade": weighted average of activity (best status), responsiveness
    (measured median reply time from min_mentions mentions on, 0 where none of them was
    answered, else the one a complaint source reports) and the latest
    resolution rate; a part without data is left out; unknown status, a "no account" not
    checked for longer than absence_recheck_days, or one no report states (only our registry
    lists none), a status observed more than absence_recheck_days before the as-of date
    (version 8), or a status a newer "no account" report contradicts, no grade."""
    g = cfg["grade"]
    recheck_days = cfg["status"].get("absence_recheck_days", 365)

    def too_old(row: dict) -> bool:
        seen = row.get("observed_on")
        return bool(seen and ex.as_of and (ex.as_of - day(seen)).days > recheck_days)

    weights = {"activity": g["weight_activity"], "responsiveness": g["weight_responsiveness"],
               "resolution": g["weight_resolution"]}
    by_dept = defaultdict(list)
    for row in ex.handles.values():
        by_dept[row["department_id"]].append(row)
    complaints = defaultdict(list)
    for row in ex.complaints:
        if row.get("withdrawn_on") is None:
            complaints[row["department_id"]].append(row)
    for dept, rows in by_dept.items():
        scores = [STATUS_SCORE[r["status"]] for r in rows if r["status"] in STATUS_SCORE and not r["_unchecked"]
                  and not r["_newer"] and not too_old(r) and not (r["status"] == "no_account" and not r["absent_on"])]
        mine = sorted(complaints.get(dept, []), key=lambda r: r["period_end"])
        # Counted from a period that ended within ranking_window_days of the as-of date only;
        # measured replies so too, from their last measured day (version 8).
        window_days = cfg["complaints"]["ranking_window_days"]
        window = ex.reply_window.get(dept, {})
        if window and ex.as_of and (ex.as_of - day(window["until"])).days > window_days:
            window = {}
        measured = window.get("median_reply_minutes")
        figure = measured_reply(window, g.get("min_mentions", 5))
        current = [r for r in mine if ex.as_of is None or (ex.as_of - day(r["period_end"])).days <= window_days]
        reported = [r for r in current if num(r["median_response_minutes"]) is not None]
        # The reply figure shown is the one the grade counts: measured from min_mentions on
        # ("unanswered" where none was answered), else reported.
        if figure:
            minutes, basis, on, source, bound, platform, start = figure.values()
        elif reported:
            latest_report = reported[-1]
            minutes, basis = num(latest_report["median_response_minutes"]), "reported"
            on, source, bound = latest_report["period_end"], latest_report["source_url"], latest_report["bound"]
            platform, start = latest_report["channel"], latest_report["period_start"]
        else:
            minutes = basis = on = source = bound = platform = start = None
        # Resolution: the period the complaints ranking counts, the latest of a month or more,
        # recent, of at least min_received_for_ranking complaints, with a rate (rows of that
        # period end, any of them if several); a smaller or later month does not hide it.
        rates = [r for r in current if r["resolved_rate"] is not None
                 and (day(r["period_end"]) - day(r["period_start"])).days + 1 >= 28
                 and (num(r["received"]) or 0) >= cfg["complaints"]["min_received_for_ranking"]]
        latest = [r["resolved_rate"] for r in rates if r["period_end"] == rates[-1]["period_end"]] if rates else []
        # Measured replies count from min_mentions mentions on ("answered none of them scores
        # 0"); with fewer, the time a complaint source reports, if any.
        mentions = window.get("mentions", 0)
        if mentions >= g.get("min_mentions", 5) and mentions > 0 and window.get("answered") == 0:
            responsiveness = 0
        elif mentions >= g.get("min_mentions", 5) and measured is not None:
            responsiveness = response_score(measured)
        else:
            # "within an hour" scores as an hour, the least it can be worth; "more than an
            # hour" as the most it can be worth, what any slower time scores.
            given = num(reported[-1]["median_response_minutes"]) if reported else None
            responsiveness = response_score(given)
            if given is not None and reported[-1]["bound"] == "more_than":
                responsiveness = next((score for bound, score in RESPONSE_BANDS if given < bound), 0)
        parts = {"activity": max(scores) if scores else None, "responsiveness": responsiveness}
        candidates = []
        for resolution in latest or [None]:
            used = {**parts, "resolution": resolution}
            used = {name: v for name, v in used.items() if v is not None}
            if parts["activity"] is None:
                candidates.append((None, None))
                continue
            score = sum(v * weights[n] for n, v in used.items()) / sum(weights[n] for n in used)
            # Methodology, "Grade": the letter of the score as shown, to a tenth of a point.
            shown = float(Decimal(repr(score)).quantize(Decimal("0.1"), ROUND_HALF_UP))
            letter = next((name for name in "ABCD" if shown >= g[name.lower()]), "F")
            candidates.append((score, letter))
        for row in rows:
            row["score"] = [c[0] for c in candidates] if len(candidates) > 1 else candidates[0][0]
            row["grade"] = [c[1] for c in candidates] if len(candidates) > 1 else candidates[0][1]
            row.update(reply_minutes=minutes, reply_basis=basis, reply_on=on, reply_source_url=source,
                       reply_bound=bound, reply_platform=platform, reply_from=start)
            if figure and platform is None:  # mixed of several: each account's row shows its own
                own = window["own"].get(row["platform"])
                row["_own"] = (own and measured_reply(own, g.get("min_mentions", 5))) or dict.fromkeys(figure)
            row["_parts"] = parts


def events(by_account: dict, cfg: dict, share: float) -> dict[str, dict]:
    """Methodology, "Changes": each observation against the ones before it."""
    found: dict[str, dict] = {}

    def add(row: dict, kind: str, before, after) -> None:
        event_id = f"{row['department_id']}/{row['platform']}/{kind}/{row['date']}"
        if event_id in found:  # two observations of a day: from the first value to the last
            found[event_id]["after"] = after
            return
        found[event_id] = {"event_id": event_id, "date": row["date"], "department_id": row["department_id"],
                           "platform": row["platform"], "kind": kind, "before": before, "after": after}

    for seen in by_account.values():
        good = [r for r in seen if r["state"] != "error"]
        last_handle = last_known = last_count = last_posts = None
        previous_status = None
        for n, row in enumerate(good):
            status = observation_status(row, cfg)
            if n == 0:
                add(row, "new_account", None, row["handle"] or None)
            if row["handle"]:
                if last_handle and row["handle"].lower() != last_handle[0].lower() and row["account_id"] \
                        and row["account_id"] == last_handle[1]:
                    add(row, "renamed", last_handle[0], row["handle"])
                last_handle = (row["handle"], row["account_id"])
            if n and status in GONE and previous_status not in GONE:
                add(row, "gone", previous_status, status)
            if status != "unknown":
                if last_known in ("active", "slow") and status in ("dormant", "abandoned"):
                    add(row, "dormant", last_known, status)
                if last_known in ("dormant", "abandoned", *GONE) and status == "active":
                    add(row, "revived", last_known, status)
                last_known = status
            if row["followers"].strip():
                count = int(row["followers"])
                near = last_count is not None and (day(row["date"]) - last_count[1]).days <= 7
                measured = row["source"] != "manual"
                if last_count is not None and ((measured and last_count[2]) or near) and \
                        is_jump(last_count[0], count, share):
                    add(row, "follower_jump" if count > last_count[0] else "follower_drop", str(last_count[0]),
                        str(count))
                last_count = (count, day(row["date"]), measured)
            if row["posts"].strip():
                posts = int(row["posts"])
                if last_posts is not None and posts < last_posts:
                    add(row, "posts_deleted", str(last_posts), str(posts))
                last_posts = posts
            previous_status = status
    return found


# --- comparing ----------------------------------------------------------------------------------

def same(published: str, expected) -> bool:
    """A published CSV or JSON cell against the recomputed value: integers exactly, other
    numbers to the 0.1 the files state, flags as true/false, the rest as text. A list of
    candidates (the methodology leaves a choice) matches any of them."""
    if isinstance(expected, list) and not isinstance(published, list):
        return any(same(published, e) for e in expected)
    if isinstance(published, (int, float)) and not isinstance(published, bool):
        published = repr(published)
    if published is None:
        published = ""
    if expected is None:
        return published == ""
    if isinstance(expected, bool):
        return published.lower() == str(expected).lower()
    if isinstance(expected, int):
        return re.fullmatch(r"-?\d+(\.0+)?", published) is not None and int(float(published)) == expected
    if isinstance(expected, float):
        try:
            return abs(float(published) - expected) <= 0.05 + 1e-9
        except ValueError:
            return False
    try:
        return published == expected or float(published) == float(expected)
    except ValueError:
        return False


def shows(text: str, expected, scale_ok: bool = True) -> bool:
    """Whether a shown cell (HTML text) shows `expected`: the first number it holds, at the
    precision shown; a missing figure shows no number."""
    if isinstance(expected, list):
        return any(shows(text, e) for e in expected)
    numbers = shown_numbers(text)
    if expected is None:
        return not numbers
    return bool(numbers) and abs(numbers[0][0] - float(expected)) <= numbers[0][1]


UNITS = (("दिन", 1440), ("day", 1440), ("घंटे", 60), ("घंटा", 60), ("hour", 60), ("hr", 60), ("h", 60),
         ("मिनट", 1), ("min", 1))
DURATION = re.compile(r"(\d+)\s*(" + "|".join(word for word, _ in UNITS) + ")", re.I)


# How a figure a source bounds is said (complaints.csv bound), in either language.
BOUND_WORDS = {"more_than": ("से अधिक", "more than"), "at_most": ("अधिकतम", "at most"), "about": ("लगभग", "about")}


def says_bound(text: str | None, bound: str | None) -> bool:
    """The text says the figure's bound, and no other."""
    said = {name for name, words in BOUND_WORDS.items() if any(w in (text or "") for w in words)}
    return said == ({bound} if bound else set())


def says_count_bound(text: str | None, bound: str | None) -> bool:
    """says_bound of a follower count, leaving out what brackets hold: its day ('about Oct
    2016' dates a count, it does not bound it) and the count said in words ('7 lakh')."""
    return says_bound(re.sub(r"\([^)]*\)", "", text or ""), bound)


def says_none(text: str) -> bool:
    """A reply cell saying the mentions measured went unanswered ("none", "कोई नहीं")."""
    return any(html.unescape(text).strip().startswith(word) for word in NONE_ANSWERED.values())


def shows_minutes(text: str, minutes: float | None) -> bool:
    """A duration as shown ("57 मिनट", "4 घंटे 1 मिनट", "3 days 2 hours"): at or above the
    time (a reply time is rounded up), by less than the last unit shown; a bare number is
    minutes."""
    if minutes is None:
        return not shown_numbers(text)
    text = html.unescape(text).translate(DIGITS)
    parts = [(int(n), dict((w.lower(), m) for w, m in UNITS)[word.lower()]) for n, word in DURATION.findall(text)]
    if not parts:
        numbers = shown_numbers(text)
        parts = [(numbers[0][0], 1)] if numbers else []
    if not parts:
        return False
    total = sum(n * unit for n, unit in parts)
    return minutes <= total + 1e-6 < minutes + parts[-1][1]


@dataclass
class Report:
    mismatches: list[str] = field(default_factory=list)
    compared: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    checked_columns: set[tuple[str, str]] = field(default_factory=set)

    def compare(self, where: str, what: str, published, expected, ok: bool | None = None) -> None:
        self.compared[re.sub(r"^data/(departments|league)/[^:]+", r"data/\1/*", where.split(":")[0])] += 1
        if ok is None:
            ok = same(published, expected)
        if not ok:
            self.mismatches.append(f"{where}: {what}: expected {expected!r}, published {published!r}")


def csv_value(row: dict, column: str):
    value = row.get(column)
    if column in ("stale", "refresh_overdue") and value is not None:
        return bool(value)
    return value


def check_table(report: Report, label: str, schema: str, published: list[dict], expected: list[dict],
                key: tuple[str, ...], columns: list[str]) -> None:
    """Row by row and column by column; a column the expected rows do not carry is unchecked."""
    want = {tuple(str(r[c]) for c in key): r for r in expected}
    got = {tuple(r[c] for c in key): r for r in published}
    for missing in sorted(set(want) - set(got))[:20]:
        report.mismatches.append(f"{label}: row {'/'.join(missing)} is missing")
    for extra in sorted(set(got) - set(want))[:20]:
        report.mismatches.append(f"{label}: row {'/'.join(extra)} is not in the inputs")
    carried = set().union(*(r.keys() for r in expected)) if expected else set(columns)
    for column in columns:
        if column not in carried and (schema, column) not in NOT_RECOMPUTED:
            continue  # reported once, by the coverage check
        if (schema, column) in NOT_RECOMPUTED:
            continue
        report.checked_columns.add((schema, column))
        for k in sorted(set(want) & set(got)):
            report.compare(f"{label}:{'/'.join(k)}", column, got[k].get(column, ""), csv_value(want[k], column))


def check_site(site: Path, ex: Expected) -> Report:
    """Every output of the built site against the recomputed figures."""
    report = Report()
    package = json.loads((site / "data/datapackage.json").read_text(encoding="utf-8"))
    schemas: dict[str, list[str]] = {}
    resources: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for resource in package["resources"]:
        name = Path(resource["schema"]).stem
        if name not in schemas:
            fields = json.loads((site / "data" / resource["schema"]).read_text(encoding="utf-8"))["fields"]
            schemas[name] = [f["name"] for f in fields]
        resources[name].append((resource["path"], resource.get("title", "")))

    handles = list(ex.handles.values())
    complaints = [{c: r.get(c) for c in r} for r in ex.complaints]
    expected_files = {
        "handles": lambda path: ([r for r in handles if "/" not in path or f"states/{r['state'].lower()}.csv" == path],
                                 ("department_id", "platform")),
        "complaints": lambda path: ([r for r in complaints
                                     if "/" not in path or f"departments/{r['department_id']}-complaints.csv" == path],
                                    ("department_id", "channel", "period_start", "period_end")),
        "events": lambda path: (list(ex.events.values()), ("event_id",)),
        "replies": lambda path: (ex.replies, ("department_id", "platform", "date")),
        "sources": lambda path: (ex.sources, ("id",)),
        "corrections": lambda path: (ex.corrections, ("date", "department_id", "figure")),
        "bounded_followers": lambda path: (ex.bounded, ("department_id", "platform", "date")),
    }
    for name, columns in schemas.items():
        for path, title in resources[name]:
            published = read_csv(site / "data" / path)
            header = list(published[0].keys()) if published else columns
            if header != columns:
                report.mismatches.append(f"data/{path}: columns {header} are not its schema's {columns}")
            if name == "snapshots":
                check_history(report, path, title, published, ex)
                report.checked_columns |= {(name, c) for c in columns}
            elif name in expected_files:
                rows, key = expected_files[name](path)
                check_table(report, f"data/{path}", name, published, rows, key, columns)
    check_state_names(report, site, ex)
    for name, columns in schemas.items():
        for column in columns:
            if (name, column) not in report.checked_columns and (name, column) not in NOT_RECOMPUTED:
                report.mismatches.append(f"schemas/{name}.json: column {column} is published and nobody checks it")

    check_league_slices(report, site, ex)
    check_api(report, site, ex)
    for lang, root in (("hi", site), ("en", site / "en")):
        check_scorecards(report, root, ex, lang)
        check_league_pages(report, root, ex)
        check_feeds(report, root, ex)
        check_badges(report, site / "badges" / ("" if lang == "hi" else "en"), ex)
    return report


def own_precision(sources: list[dict], day_of: str | None, ref: str | None) -> str:
    """How exactly a report's date is known by its own source (cited by id or address): month or
    year where it is the day that source's date stands in on, else day."""
    for s in sources:
        if ref and ref in (f"source:{s['id']}", s.get("url")) and s["published_on"] == day_of \
                and s.get("date_precision") in ("month", "year"):
            return s["date_precision"]
    return "day"


# The columns a history file adds to each row of the inputs (schema.HISTORY).
HISTORY_READ_AS = ("date_precision", "followers_bound")


def check_history(report: Report, path: str, title: str, published: list[dict], ex: Expected) -> None:
    """departments/<id>.csv: rows copied from the inputs, every row of the last days the title
    names ("every day of the last N days")."""
    dept = Path(path).stem
    raw = ex.snapshots.get(dept, [])
    # A shared account's rows are every one of its departments' rows of it, as filed.
    for (owner, platform), row in ex.handles.items():
        if owner == dept and row["shared_with"]:
            filers = {dept, *row["shared_with"].split(";")}
            raw = [r for r in raw if r["platform"] != platform] + [
                r for filer in sorted(filers) for r in ex.snapshots.get(filer, []) if r["platform"] == platform]
    keyed = defaultdict(list)
    for r in raw:
        keyed[tuple(r.values())].append(r)
    bounded = {(r["department_id"], r["platform"], r["date"]): r["bound"] for r in ex.bounded}
    for row in published:
        # Its last two cells, how the row is read (README: sources.csv date_precision,
        # bounded-followers.csv): worked out from the inputs, the rest copied from them.
        read_as = {column: row.pop(column, None) for column in HISTORY_READ_AS}
        where = f"data/{path}:{row.get('date')}"
        report.compare(where, "row", row, "a row of the inputs", ok=bool(keyed.get(tuple(row.values()))))
        reported = row.get("source") == "manual"
        want = {"date_precision": own_precision(ex.sources, row.get("date"), row.get("source_url"))
                if reported else "day",
                "followers_bound": bounded.get((row.get("department_id"), row.get("platform"), row.get("date")))
                if reported else None}
        for column, value in want.items():
            report.compare(where, column, read_as[column] or None, value, ok=(read_as[column] or None) == value)
    days = re.search(r"last (\d+) days", title)
    if days and ex.as_of:
        since = (ex.as_of - timedelta(days=int(days.group(1)))).isoformat()
        want = sum(1 for r in raw if r["date"] > since)
        have = sum(1 for r in published if r["date"] > since)
        report.compare(f"data/{path}", f"rows after {since}", have, want, ok=have == want)


def listed_on(row: dict) -> str | None:
    """The day a list dates a row by: its observation, or a 'no account' finding's own day."""
    return row["absent_on"] if row["status"] == "no_account" and not row["observed_on"] else row["observed_on"]


def listed_precision(row: dict) -> str | None:
    """How exactly the day `listed_on` gives is known, by its own figure's source."""
    return row["absent_on_precision"] if row["status"] == "no_account" and not row["observed_on"] \
        else row["observed_on_precision"]


def listed_old(row: dict) -> bool:
    """A list marks a row old: a stale figure, or a 'no account' finding not checked since."""
    return bool(row["stale"] or row.get("_newer") or (row["status"] == "no_account" and row.get("_unchecked")))


def own_reply(row: dict) -> dict:
    """An account's row as a list, card or badge shows it: its department's reply time only on
    the row of the platform it was measured or reported on; one measured on several platforms
    is no account's, and each row shows its account's own."""
    if "_own" in row:
        return {**row, **row["_own"]}
    return row if row.get("reply_platform") == row["platform"] else {**row, **dict.fromkeys(LISTED_REPLY)}


def league_rows(ex: Expected) -> dict[tuple[str, str], dict]:
    """The league table: one row per account, a shared account once, with the reply time
    its account's own (own_reply)."""
    return {key: own_reply(row)
            for key, row in ex.handles.items()
            if row["status"] != "no_account" and not (row["shared_with"] and "_copies" not in row)
            or row["status"] == "no_account"}


LISTED_REPLY = ("reply_minutes", "reply_basis", "reply_on", "reply_source_url", "reply_bound", "reply_from")


# Each slice row's raw values, by the handles.csv column they must equal; a field of the slice
# named here as a list is an index into that list of [value, text].
LEAGUE_RAW = {"id": "department_id", "state": "state", "district": "district", "category": "category",
              "platform": "platform", "handle": "handle", "followers": "followers", "growth": "growth_30d",
              "status": "status", "rank": "rank_in_state", "reply": "reply_minutes", "grade": "grade",
              "observed": "observed_on", "stale": "stale", "idle": "days_since_post", "overdue": "refresh_overdue",
              "unverified": "official"}
LEAGUE_LISTED = {"state": "state", "district": "district", "category": "category", "platform": "platform",
                 "status": "status", "observed": "day"}
SILENT = ("slow", "dormant", "abandoned")
# Texts of a row, by the raw field they show.
LEAGUE_TEXTS = {"followers_text": "followers", "growth_text": "growth", "reply_text": "reply"}
NONE_ANSWERED = {"hi": "कोई नहीं", "en": "none"}  # a reply cell whose measured mentions went unanswered


def check_league_slices(report: Report, site: Path, ex: Expected) -> None:
    """data/league/<lang>/<state>.json and all.json: the rows of the league table with their
    raw values (equal to the recomputed ones) and the texts shown for them (which show them).
    The order of a row's fields is the slice's own: the checker names each field it knows in
    LEAGUE_FIELDS_OF, and a row of another length fails."""
    want = defaultdict(dict)
    for key, row in league_rows(ex).items():
        want[row["state"].lower()][key] = row
        want["all"][key] = row
    for lang in ("hi", "en"):
        files = sorted((site / "data/league" / lang).glob("*.json"))
        report.compare(f"data/league/{lang}", "slices", sorted(f.stem for f in files), sorted(want),
                       ok=sorted(f.stem for f in files) == sorted(want))
        for path in files:
            label = f"data/league/{lang}/{path.name}"
            body = json.loads(path.read_text(encoding="utf-8"))
            rows, got = want.get(path.stem, {}), {}
            for cells in body["rows"]:
                if len(cells) != len(LEAGUE_FIELDS):
                    report.mismatches.append(f"{label}: a row has {len(cells)} fields, the checker knows "
                                             f"{len(LEAGUE_FIELDS)}: name them in LEAGUE_FIELDS")
                    return
                row = dict(zip(LEAGUE_FIELDS, cells, strict=True))
                for name, listed in LEAGUE_LISTED.items():
                    row[name] = None if row[name] is None else body[listed][row[name]][0]
                got[(row["id"], row["platform"])] = row
            report.compare(label, "rows", sorted(got), sorted(rows), ok=set(got) == set(rows))
            for key in sorted(set(got) & set(rows)):
                mine, theirs, where = rows[key], got[key], f"{label}:{'/'.join(key)}"
                for name, column in LEAGUE_RAW.items():
                    expected = listed_on(mine) if name == "observed" else listed_old(mine) if name == "stale" \
                        else mine.get(column)
                    if name == "unverified":  # a handle only a public list names, flagged beside it
                        expected = expected == "unverified" and bool(mine.get("handle"))
                    if name in ("stale", "overdue", "unverified"):
                        report.compare(where, name, theirs[name], expected, ok=bool(theirs[name]) == bool(expected))
                    elif name == "reply":
                        ok = (expected is None and theirs[name] is None) or (
                            expected is not None and theirs[name] is not None and abs(theirs[name] - expected) <= 0.05)
                        report.compare(where, name, theirs[name], expected, ok=ok)
                    else:
                        report.compare(where, name, theirs[name], expected)
                for text, raw in LEAGUE_TEXTS.items():
                    value = mine.get(LEAGUE_RAW[raw])
                    if raw == "reply" and mine.get("reply_basis") == "unanswered":
                        # Methodology: "none" where the mentions measured went unanswered, with their
                        # last day where it is not the row's own.
                        said = theirs[text] or ""
                        days = [] if mine["reply_on"] == listed_on(mine) else [mine["reply_on"]]
                        report.compare(where, text, said, days,
                                       ok=said.startswith(NONE_ANSWERED[lang]) and shown_dates(said) == days)
                        continue
                    shown = shows_minutes if raw == "reply" else shows
                    report.compare(where, text, theirs[text], value,
                                   ok=shown(theirs[text], value) if value is not None else theirs[text] == "–")
                report.compare(where, "followers_bound", theirs["followers_text"], mine["followers_bound"],
                               ok=says_count_bound(theirs["followers_text"], mine["followers_bound"]))
                # A silent account's row says since when: the day of its last post.
                # A newer report of no account says its day, and that of our last observation.
                posted = (mine.get("last_post_at") or "")[:10] if mine["status"] in SILENT else ""
                said = ([posted] if posted else []) + ([mine["absent_on"], mine["observed_on"]] if mine["_newer"]
                                                       else [])
                report.compare(where, "post_text", theirs["post_text"], said or None,
                               ok=shown_dates(theirs["post_text"] or "") == [d for d in said if d])
                ids = [s[0] for s in theirs["shared"] or []]
                expected_ids = mine["shared_with"].split(";") if mine["shared_with"] else []
                report.compare(where, "shared", ids, expected_ids, ok=ids == expected_ids)
                # A reported reply figure carries its source, as handles.csv cites it; a measured one none.
                cited = mine.get("reply_source_url") if mine.get("reply_basis") == "reported" else None
                said = (theirs["reply_source"] or [None])[0]
                report.compare(where, "reply_source", said, cited, ok=said == (cited or None))
                # So does a hand-entered follower count, as the report it was typed in from.
                cited = mine.get("followers_source_url") if mine.get("followers") is not None else None
                said = (theirs["followers_source"] or [None])[0]
                report.compare(where, "followers_source", said, cited, ok=said == (cited or None))


def check_state_names(report: Report, site: Path, ex: Expected) -> None:
    """handles.csv's state names are the names the state's own page carries, in each language."""
    pages: dict[Path, str | None] = {}
    for path, published in (("handles.csv", read_csv(site / "data/handles.csv")),):
        for row in published:
            for column, root in (("state_name_hi", site), ("state_name_en", site / "en")):
                page = root / "states" / row["state"].lower() / "index.html"
                if page not in pages:
                    found = re.search(r"<h1[^>]*>(.*?)</h1>", page.read_text(encoding="utf-8"), re.S) \
                        if page.exists() else None
                    pages[page] = text_of(found.group(1)) if found else None
                report.compare(f"data/{path}:{row['department_id']}/{row['platform']}", column, row[column],
                               pages[page], ok=pages[page] is not None and row[column] == pages[page])
    report.checked_columns |= {("handles", "state_name_en"), ("handles", "state_name_hi")}


def check_api(report: Report, site: Path, ex: Expected) -> None:
    """api/accounts/<platform>.json: each registered handle once, with its status and the
    platform's own as-of date."""
    for path in sorted((site / "api/accounts").glob("*.json")):
        body = json.loads(path.read_text(encoding="utf-8"))
        platform = body["platform"]
        report.compare(f"api/accounts/{path.name}", "as_of", body["as_of"], ex.platform_as_of.get(platform))
        want = {key[0]: row for key, row in league_rows(ex).items()
                if key[1] == platform and row["handle"] and row["status"] != "no_account"}
        got = {a["department_id"]: a for a in body["accounts"]}
        report.compare(f"api/accounts/{path.name}", "departments", sorted(got), sorted(want), ok=set(got) == set(want))
        for dept in sorted(set(got) & set(want)):
            row, entry, where = want[dept], got[dept], f"api/accounts/{path.name}:{dept}"
            for name in ("handle", "account_id", "department_name_en", "department_name_hi", "state", "district",
                         "status", "official"):
                report.compare(where, name, entry[name], row[name])
            report.compare(where, "since", entry["since"], ex.first_seen.get((dept, platform)))
            others = [s["department_id"] for s in entry["shared_with"]]
            expected_others = row["shared_with"].split(";") if row["shared_with"] else []
            report.compare(where, "shared_with", others, expected_others, ok=others == expected_others)
            earlier = {h.lower() for h in ex.handles_seen.get((dept, platform), [])}
            registered = ex.registry_handle.get((dept, platform))
            earlier |= {registered.lower()} if registered else set()
            earlier.discard(row["handle"].lower())
            listed = {h.lower() for h in entry["earlier_handles"]}
            report.compare(where, "earlier_handles", sorted(listed), sorted(earlier), ok=earlier <= listed)


def pages(root: Path, folder: str) -> list[Path]:
    return sorted((root / folder).glob("*/index.html"))


def article(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    start = text.find("<article")
    return text[start:text.find("</article>", start)]


def check_scorecards(report: Report, root: Path, ex: Expected, lang: str) -> None:
    """Each department's page: each account's status and facts, the grade, the complaint
    table and the replies."""
    at = 0 if lang == "hi" else 1
    by_dept = defaultdict(list)
    for row in ex.handles.values():
        by_dept[row["department_id"]].append(row)
    complaints = defaultdict(list)
    for row in ex.complaints:
        complaints[row["department_id"]].append(row)
    for path in pages(root, "departments"):
        dept = path.parent.name
        if dept not in by_dept:
            report.mismatches.append(f"{path}: a scorecard of no department")
            continue
        body, where = article(path), f"scorecard-{lang}:{dept}"
        accounts = re.findall(r'<div class="jd-account">(.*?)</div>', body, flags=re.S)
        rows = [r for r in by_dept[dept] if r["status"] != "no_account" or len(by_dept[dept]) == 1]
        for block in accounts:
            status = re.search(r"jd-status--(\w+)", block)
            handle = re.search(r">@([^<]+)</a>", block)
            heading = text_of(re.search(r"<h3>(.*?)</h3>", block, re.S).group(1))
            platform = next((p for word, p in PLATFORM_WORDS.items() if heading.startswith(word)), None)
            row = next((r for r in rows if r["platform"] == platform), None)
            if row is None:
                report.mismatches.append(f"{where}: an account block for no account ({handle and handle.group(1)})")
                continue
            place = f"{where}/{row['platform']}"
            report.compare(place, "status", status and status.group(1), row["status"],
                           ok=bool(status) and status.group(1) == row["status"])
            facts = dict((text_of(dt), dd) for dt, dd in re.findall(r"<dt>(.*?)</dt>\s*<dd>(.*?)</dd>", block, re.S))
            for name, labels in FACTS.items():
                shown = facts.get(labels[at])
                if name.startswith("rank_"):
                    within = name.removeprefix("rank_in_")
                    expected = row[name]
                    if shown is None:
                        report.compare(place, name, None, expected, ok=expected is None)
                        continue
                    numbers = [v for v, _ in shown_numbers(text_of(shown))]
                    got = sorted(numbers) if len(numbers) == 2 else None
                    want = sorted([row[name], row[f"of_in_{within}"]]) if expected is not None else None
                    report.compare(place, name, text_of(shown), want, ok=got == want or (
                        want is None and got is None))
                    continue
                expected = row[name]
                if shown is None:  # the change over 30 days is left out where the 30-day growth is the same
                    said_as_growth = name == "change_30d" and expected == row["growth_30d"] and not row["jumps_30d"]
                    report.compare(place, name, None, expected, ok=expected is None or said_as_growth)
                    continue
                report.compare(place, name, text_of(shown), expected, ok=shows(text_of(shown), expected))
                if name == "followers" and expected is not None:
                    report.compare(place, "followers_on", text_of(shown), row["followers_on"],
                                   ok=shows_day(text_of(shown), row["followers_on"], row["followers_on_precision"]))
                    report.compare(place, "followers_bound", text_of(shown), row["followers_bound"],
                                   ok=says_count_bound(text_of(shown), row["followers_bound"]))
        grade = re.search(r'jd-grade__letter[^>]*>([A-F])</span>(.*?)</p>', body, re.S)
        expected_grade = by_dept[dept][0]["grade"]
        expected_score = by_dept[dept][0]["score"]
        report.compare(where, "grade", grade and grade.group(1), expected_grade,
                       ok=(grade.group(1) if grade else None) in (expected_grade if isinstance(expected_grade, list)
                                                                  else [expected_grade]))
        if grade:
            report.compare(where, "score", text_of(grade.group(2)), expected_score,
                           ok=shows(text_of(grade.group(2)), expected_score))
        check_complaint_table(report, where, body, complaints.get(dept, []), at)
        replies = ex.reply_window.get(dept)
        section = re.search(r'<h2 id="replies">.*?</dl>', body, re.S)
        report.compare(where, "replies shown", bool(section), bool(replies), ok=bool(section) == bool(replies))
        if section and replies:
            facts = dict((text_of(dt), text_of(dd)) for dt, dd in re.findall(r"<dt>(.*?)</dt>\s*<dd>(.*?)</dd>",
                                                                              section.group(0), re.S))
            for name, labels in REPLY_LABELS.items():
                shown = facts.get(labels[at]) or ""
                report.compare(where, name, facts.get(labels[at]), replies[name],
                               ok=shows_minutes(shown, replies[name]) if name == "median_reply_minutes"
                               else shows(shown, replies[name]))


# A body row's cell: a figure's, or the row's header (its period).
CELL = r"<(?:td|th)(?: [^>]*)?>(.*?)</(?:td|th)>"


def check_complaint_table(report: Report, where: str, body: str, rows: list[dict], at: int) -> None:
    section = re.search(r'<h2 id="complaints">(.*?)<h2 ', body, re.S)
    bodies = re.findall(r"<tbody>(.*?)</tbody>", section.group(1), re.S) if section else []
    shown = [r for r in rows if r.get("withdrawn_on") is None and (r["period_days"] > 1 or r["source"] != "ingest")]
    got = [tr for body in bodies for tr in re.findall(r"<tr>(.*?)</tr>", body, re.S)]
    report.compare(where, "complaint rows", len(got), len(shown), ok=len(got) >= len(shown))
    # Each cell under its column's name, by position (the names are in the header only).
    header = [html.unescape(h) for h in re.findall(r'<th scope="col"[^>]*>(.*?)</th>', section.group(1), re.S)] \
        if section else []
    cells_of = [{name: text_of(cell) for name, cell in zip(header, cells, strict=True)}
                for cells in (re.findall(CELL, tr, re.S) for tr in got) if len(cells) == len(header)]
    for row in shown:
        expected = {name: (num(row[name]) if name in PARTS or name in ("received", "reported_resolution_rate")
                           else row[name]) for name in COMPLAINT_LABELS}
        match = [c for c in cells_of if all(shows(c.get(COMPLAINT_LABELS[n][at], ""), v) for n, v in expected.items())]
        report.compare(where, f"complaints {row['channel']} {row['period_start']}",
                       "no row shows" if not match else "shown", expected, ok=bool(match))


def check_league_pages(report: Report, root: Path, ex: Expected) -> None:
    """The league table without JavaScript, all India's list, each state's own
    (accounts/<state>/) and each status's the home page sends a reader to
    (accounts/<status>/): every account's row once in each, its figures as shown, the most
    followed first."""
    def pages(folder: Path) -> list[Path]:
        return [folder / "index.html", *sorted(folder.glob("page-*/index.html"),
                                               key=lambda p: int(p.parent.name.removeprefix("page-")))]

    check_league_list(report, root, ex, pages(root / "accounts"), "all", lambda row: True, largest_first=True)
    folders = sorted(p for p in (root / "accounts").glob("*/") if p.is_dir() and not p.name.startswith("page-"))
    statuses = {s.replace("_", "-"): s for s in STATUS_LISTS}
    by_state, by_status = defaultdict(dict), defaultdict(dict)
    for key, row in league_rows(ex).items():
        by_state[row["state"].lower()][key] = row
        by_status[row["status"].replace("_", "-")][key] = row
    for folder in folders:
        if folder.name in statuses:
            check_league_list(report, root, ex, pages(folder), folder.name,
                              lambda row, status=statuses[folder.name]: row["status"] == status, largest_first=True)
        else:
            check_league_list(report, root, ex, pages(folder), folder.name,
                              lambda row, key=folder.name: row["state"].lower() == key, largest_first=True)
    listed = [p.name for p in folders]
    report.compare(f"league-{root.name or 'hi'}", "lists", listed, sorted([*by_state, *by_status]),
                   ok=listed == sorted([*by_state, *by_status]))


def check_league_list(report: Report, root: Path, ex: Expected, files: list[Path], label: str, keep,
                      largest_first: bool = False) -> None:
    """One list of the league table: every row it `keep`s (of a state, a status, or all India)
    exactly once; when `largest_first`, in the order of their follower counts, most first.
    Columns are found by the key each header sorts by (data-sort), so a column added is no matter."""
    want = defaultdict(list)
    for row in league_rows(ex).values():
        if keep(row):
            want[row["department_id"]].append(row)
    total = sum(len(rows) for rows in want.values())
    seen, used, order = 0, set(), []
    for path in files:
        if not path.exists():
            continue
        body = article(path)
        table = re.search(r'<table class="[^"]*jd-league-table.*?<thead>(.*?)</thead>.*?<tbody>(.*?)</tbody>',
                          body, re.S)
        if not table:
            report.mismatches.append(f"{path}: no league table")
            continue
        sorts = [re.search(r'data-sort="([^"]+)"', th) for th in re.findall(r"<th[^>]*>", table.group(1))]
        column = {m.group(1): n for n, m in enumerate(sorts) if m}
        for attributes, tr in re.findall(r"<tr((?: [^>]*)?)>(.*?)</tr>", table.group(2), re.S):
            seen += 1
            dept = re.search(r'href="[^"]*departments/([^/"]+)/"', tr).group(1)
            # A row is an account, its department's and platform's (one handle may be a
            # department's on two platforms): found by the row's key, then its handle checked.
            key = re.search(r'data-id="([^"/]+)/([^"]+)"', attributes)
            row = next((r for r in want.get(dept, []) if key and key.groups() == (dept, r["platform"])
                        and (dept, r["platform"]) not in used), None)
            where = f"league-{root.name or 'hi'}:{path.parent.name}:{dept}"
            if row is None:
                report.mismatches.append(f"{where}: a row of no account, or one listed twice")
                continue
            used.add((dept, row["platform"]))
            order.append(row)
            handle = re.search(r">@([^<]+)</a>", tr)
            shown = handle.group(1).lower() if handle else None
            report.compare(where, "handle", shown, row["handle"],
                           ok=shown == (row["handle"].lower() if row["handle"] and row["platform"] == "x" else None))
            cells = [text_of(c) for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", tr, re.S)]

            def cell(key: str, cells=cells, column=column) -> str:
                return cells[column[key]] if key in column and column[key] < len(cells) else ""

            status = re.search(r"jd-status--(\w+)", tr)
            report.compare(where, "status", status and status.group(1), row["status"],
                           ok=bool(status) and status.group(1) == row["status"])
            for key, name in (("followers", "followers"), ("growth", "growth_30d")):
                report.compare(where, name, cell(key), row[name], ok=shows(cell(key), row[name]))
            report.compare(where, "followers_bound", cell("followers"), row["followers_bound"],
                           ok=says_count_bound(cell("followers"), row["followers_bound"]))
            report.compare(where, "reply_minutes", cell("reply"), row["reply_minutes"],
                           ok=says_none(cell("reply")) if row["reply_basis"] == "unanswered"
                           else shows_minutes(cell("reply"), row["reply_minutes"]))
            report.compare(where, "reply_bound", cell("reply"), row["reply_bound"],
                           ok=says_bound(cell("reply"), row["reply_bound"]))
            got = sorted(v for v, _ in shown_numbers(cell("rank")))
            expected = sorted([row["rank_in_state"], row["of_in_state"]]) if row["rank_in_state"] else []
            report.compare(where, "rank_in_state", cell("rank"), expected, ok=got == expected)
            on, precision = listed_on(row), listed_precision(row)
            dates = shown_dates(cell("observed"), {on: precision} if on and precision != "day" else {})
            report.compare(where, "observed_on", dates, on,
                           ok=dates == [on] and shows_day(cell("observed"), on, precision) if on else dates == [])
            grades = row["grade"] if isinstance(row["grade"], list) else [row["grade"]]
            report.compare(where, "grade", cell("grade"), grades,
                           ok=(cell("grade") if re.fullmatch(r"[A-F]", cell("grade")) else None) in grades)
    report.compare(f"league-{root.name or 'hi'}:{label}", "rows", seen, total, ok=seen == total)
    if largest_first:
        counts = [-1 if row["followers"] in (None, "") else row["followers"] for row in order]
        report.compare(f"league-{root.name or 'hi'}:{label}", "order", counts, sorted(counts, reverse=True),
                       ok=counts == sorted(counts, reverse=True))


def check_feeds(report: Report, root: Path, ex: Expected) -> None:
    """Each feed: its entries are the newest changes (of its state, for a state's feed), with
    their dates and, for a count, the two counts."""
    states = {row["department_id"]: row["state"] for row in ex.handles.values()}
    feeds = [(root / "feed.xml", None)]
    feeds += [(p, p.parent.name.upper()) for p in sorted((root / "states").glob("*/feed.xml"))]
    for path, state in feeds:
        if not path.exists():
            continue
        text = path.read_text(encoding="utf-8")
        entries = re.findall(r"<entry>(.*?)</entry>", text, re.S)
        where = f"feed:{path.relative_to(root.parent if root.name == 'en' else root)}"
        mine = [e for e in ex.events.values() if state is None or states.get(e["department_id"]) == state]
        got = []
        for entry in entries:
            event_id = re.search(r"<id>tag:[^:]+:(.*?)</id>", entry).group(1)
            got.append(event_id)
            event = ex.events.get(event_id)
            if event is None:
                report.mismatches.append(f"{where}: entry {event_id} is no change of the inputs")
                continue
            updated = re.search(r"<updated>(.*?)</updated>", entry).group(1)
            report.compare(where, f"{event_id} date", updated[:10], event["date"])
            if event["kind"] in ("follower_jump", "follower_drop", "posts_deleted"):
                content = re.search(r"<content[^>]*>(.*?)</content>", entry, re.S).group(1)
                numbers = [v for v, _ in shown_numbers(content)]
                report.compare(where, f"{event_id} counts", content, (event["before"], event["after"]),
                               ok=float(event["before"]) in numbers and float(event["after"]) in numbers)
        if got:
            oldest = min(ex.events[i]["date"] for i in got if i in ex.events)
            newer = {e["event_id"] for e in mine if e["date"] > oldest}
            report.compare(where, "newest changes", len(newer - set(got)), 0, ok=newer <= set(got))
        else:
            report.compare(where, "entries", 0, len(mine), ok=not mine)


def check_badges(report: Report, folder: Path, ex: Expected) -> None:
    """Each badge: the status word, the follower count as shown, the reply minutes and the day."""
    for path in sorted(folder.glob("*.svg")):
        title = text_of(re.search(r"<title>(.*?)</title>", path.read_text(encoding="utf-8"), re.S).group(1))
        key = next(((d, p) for (d, p) in ex.handles if path.stem == f"{d}-{p}"), None)
        where = f"badge:{path.relative_to(folder.parent if folder.name == 'en' else folder)}"
        if key is None:
            report.mismatches.append(f"{where}: a badge of no account")
            continue
        row = own_reply(ex.handles[key])
        head, *rest = [p.strip() for p in title.split(" · ")]
        head = head.partition(" — ")[0]
        parts = [head, *(p.partition(" — ")[0] for p in rest)]
        said = next((w for w in sorted(STATUS_WORDS, key=len, reverse=True)
                     if re.search(": " + re.escape(w) + r"(\W|$)", head, re.I)), None)
        word = STATUS_WORDS.get(said.lower() if said else "")
        report.compare(where, "status", parts[0] if parts else None, row["status"], ok=word == row["status"])
        followers = next((p for p in parts[1:] if re.search(r"फ़ॉलोअर|follower", p, re.I)), None)
        report.compare(where, "followers", followers, row["followers"],
                       ok=shows(followers, row["followers"]) if followers else row["followers"] is None)
        report.compare(where, "followers_bound", followers, row["followers_bound"],
                       ok=says_count_bound(followers, row["followers_bound"]))
        reply = next((p for p in parts[1:] if re.search(r"जवाब:|repl", p, re.I)), None)
        # A badge says the reply time of its own platform only.
        if reply or row["reply_minutes"] is not None:
            report.compare(where, "reply_minutes", reply, row["reply_minutes"],
                           ok=bool(reply) and shows_minutes(reply, row["reply_minutes"]))
            report.compare(where, "reply_bound", reply, row["reply_bound"], ok=says_bound(reply, row["reply_bound"]))
        report.compare(where, "observed_on", title, row["observed_on"],
                       ok=shows_day(title, row["observed_on"], row["observed_on_precision"]) if row["observed_on"]
                       else True)


def check(site: Path, data: Path, cutoff: date) -> Report:
    return check_site(site, recompute(data, cutoff))
