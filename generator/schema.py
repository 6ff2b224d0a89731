"""The data contract: every column of every input and published file, in one place.

The validator, the loaders, the published datapackage.json and the data dictionary on
the Downloads page all read these definitions, so they cannot drift apart.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from urllib.parse import urlsplit

import numpy as np
import pandas as pd

from .places import STATE_NAMES

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
STATE_CODE = re.compile(r"^IN(?:-[A-Z]{2})?$")  # IN alone: a union (national) body
HANDLE = re.compile(r"^[A-Za-z0-9_.]{1,50}$")
# What X itself accepts, narrower than HANDLE (a Facebook name may hold dots): its API refuses a
# lookup naming anything else, and with it every other account of that request (up to 99).
X_HANDLE = re.compile(r"[A-Za-z0-9_]{1,15}")
X_ID = re.compile(r"[0-9]{1,19}")  # a 64-bit number
DIGITS = re.compile(r"^[0-9]{1,25}$")
# Characters no cell may hold: C0 and C1 controls (tab, newline and DEL included), the line
# and paragraph separators, bidi overrides and isolates that can reorder what a reader sees,
# the BOM inside text, Unicode non-characters, and blanks that are letters to a machine (the
# Hangul fillers, the Braille blank) or digits no reader sees (tags): each hides a number
# from a reader or from the audit. ZWJ and ZWNJ stay: Devanagari spelling needs them.
FORBIDDEN = re.compile(
    "[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\ufeff"
    "\ufdd0-\ufdef\ufffe\uffff\ud800-\udfff\u115f\u1160\u3164\uffa0\u2800\U000e0000-\U000e007f]")
LARGEST_COUNT = 10**12  # no account has a trillion followers; a bigger figure is a fault
# Longest cells, in characters. A name or a link is printed on many pages: one of a
# megabyte would grow the site by gigabytes. Notes and reasons appear once, so may run longer.
TEXT_MAX = 500
NOTE_MAX = 2000
SLUG_MAX = 100
# Counts and numbers are plain digits (a decimal point in numbers): no sign, no exponent,
# no spaces or other scripts' digits, so every reader of the files agrees on their value.
COUNT = re.compile(r"[0-9]+")
NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")



# The closed sets of values, each named once. A member is its value as a string (StrEnum),
# so files and pages carry exactly the same text as before.
class Platform(StrEnum):
    """Platforms the site knows how to name (render/words.py labels each); config.toml may
    expect only these, as their names become folder and file names of the site."""

    X = "x"
    FACEBOOK = "facebook"


class AccountState(StrEnum):
    """What a night's check found of an account (the snapshots' `state` column)."""

    OK = "ok"
    SUSPENDED = "suspended"
    NOT_FOUND = "not_found"
    PROTECTED = "protected"
    ERROR = "error"


class EventKind(StrEnum):
    """A change the events table records (compute/events.py finds each); in this order the
    events of one day are listed."""

    NEW_ACCOUNT = "new_account"
    RENAMED = "renamed"
    GONE = "gone"
    DORMANT = "dormant"
    REVIVED = "revived"
    FOLLOWER_JUMP = "follower_jump"
    FOLLOWER_DROP = "follower_drop"
    POSTS_DELETED = "posts_deleted"


class Grade(StrEnum):
    """A department's letter, best first (compute/grades.py gives it from its score)."""

    A = "A"
    B = "B"
    C = "C"
    D = "D"
    F = "F"


class Status(StrEnum):
    """An account's status on the site: its band of days since the last post (active to
    abandoned), or why it has none. compute/status.py decides which; in this order the
    site lists them."""

    ACTIVE = "active"
    SLOW = "slow"
    DORMANT = "dormant"
    ABANDONED = "abandoned"
    NO_ACCOUNT = "no_account"
    SUSPENDED = "suspended"
    NOT_FOUND = "not_found"
    UNKNOWN = "unknown"


SOURCES = ("x-api", "manual")
# How a source states a figure that is not an exact count: "over 1,000" (more_than),
# "within an hour" (at_most), "nearly 30,000" (about). Blank: as an exact figure.
BOUNDS = ("more_than", "at_most", "about")
OFFICIAL = ("yes", "unverified")


class CellError(ValueError):
    """A cell that does not meet its column's rule; the message says why."""


def _text(value: str) -> str:
    bad = FORBIDDEN.search(value)
    if bad:
        code = f"U+{ord(bad.group()):04X}"
        raise CellError(f"holds the character {code} at position {bad.start() + 1}, which a cell may not contain")
    return value


# Marks that are no part of spelling: format characters (Unicode category Cf: the zero-width
# space, soft hyphen, word joiner, interlinear annotation marks, ...) and the combining grapheme
# joiner, which has no mark of its own. Inside a name they split a word for a machine alone, so
# a search for Gorakhpur misses "Gorakh<U+200B>pur", and two names that print alike compare
# apart. ZWNJ and ZWJ stay: Devanagari spelling needs them (a visible virama, a half form). Variation
# selectors are marks (Mn) and stay. Notes and titles, pasted from articles, may keep them all.
JOINERS = frozenset("\u200c\u200d")


def _invisible(value: str) -> int | None:
    """Where the first mark a name may not hold is in `value` (from 0), or None."""
    if value.isascii():
        return None
    for at, character in enumerate(value):
        if character == "\u034f" or (unicodedata.category(character) == "Cf" and character not in JOINERS):
            return at
    return None


def _name(value: str) -> str:
    """A name of a department, district or channel: what readers search and compare."""
    at = _invisible(_text(value))
    if at is not None:
        raise CellError(f"holds the invisible character U+{ord(value[at]):04X} at position {at + 1}, "
                        "which a name may not contain")
    return value


# Old names of a platform the site knows by another: a folder or cell with one would make a
# second platform of the same accounts.
FORMER_NAMES = {"twitter": "x"}


def _platform(value: str) -> str:
    value = _slug(value)
    if value in FORMER_NAMES:
        raise CellError(f"{value!r} is the old name of {FORMER_NAMES[value]!r}: write {FORMER_NAMES[value]} "
                        f"(its nightly files go under snapshots/{FORMER_NAMES[value]}/)")
    return value


def _note(value: str) -> str:
    """Free text that may run longer than a name: a note, a reason, a figure as written."""
    return _text(value)


def _slug(value: str) -> str:
    if not SLUG.fullmatch(value):
        raise CellError(f"{value!r} is not a slug (lowercase letters, digits and '-', not starting with '-')")
    if len(value) > SLUG_MAX:  # a cell is cut before; a slug given on the command line is not
        raise CellError(f"is {len(value)} characters long: an id has at most {SLUG_MAX}")
    return value


# A corrected figure is named as the files name it: a column such as last_post_at, which the
# scorecard knows by its words (render.words.FIGURE); a slug alone would refuse the underscore.
FIGURE_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


def _figure(value: str) -> str:
    if not FIGURE_NAME.fullmatch(value) or len(value) > SLUG_MAX:
        raise CellError(f"{value!r} is not the name of a figure (lowercase letters, digits, '_' and '-', "
                        "as in followers or last_post_at)")
    return value


def _state(value: str) -> str:
    if not STATE_CODE.fullmatch(value) or value not in STATE_NAMES:
        raise CellError(f"{value!r} is not the ISO 3166-2 code of an Indian state or union territory, like IN-UP "
                        "(or IN for a union body)")
    return value


_UPPER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def fold(handle: str) -> str:
    """A handle in the case handles are compared in: A-Z folded, nothing else. str.lower()
    would also fold look-alikes such as the Kelvin sign (U+212A) into 'k'."""
    return handle.translate(_UPPER)


def _handle(value: str) -> str:
    if value.startswith("@"):
        raise CellError(f"{value!r}: write the handle without '@'")
    if "/" in value:
        # A profile's address copied from the browser: the handle is its last part.
        last = value.split("?")[0].rstrip("/").rsplit("/", 1)[-1].lstrip("@")
        named = f" ({last})" if HANDLE.fullmatch(last) else ""
        raise CellError(f"{value!r} is a link: write only the handle{named}")
    if not HANDLE.fullmatch(value):
        raise CellError(f"{value!r} is not a valid handle")
    return value


def _digits(value: str) -> str:
    if not DIGITS.fullmatch(value):
        raise CellError(f"{value!r} is not a numeric platform id")
    return value


def _code(value: str) -> str:
    if not value.isascii() or not value.isdigit() or len(value) > 8:
        raise CellError(f"{value!r} is not a numeric code")
    return value


def _wikidata(value: str) -> str:
    if not re.fullmatch(r"Q[1-9][0-9]{0,11}", value):
        raise CellError(f"{value!r} is not a Wikidata item id like Q77731")
    return value


def _count(value: str) -> int:
    if value.startswith("-") and COUNT.fullmatch(value[1:]):
        raise CellError(f"{value} is negative")
    if not COUNT.fullmatch(value):
        # How a report or a spreadsheet in India often writes a count: 1,23,456 or १२३४५६.
        # Said as what to write instead; never read as it stands (12,345 may be two cells run together).
        bare = value.replace(",", "")
        if bare.isdigit() and len(bare) <= 12 and re.fullmatch(r"[^,]+(?:,[^,]{2,3})*", value):
            raise CellError(f"{value!r} is not a whole number in digits 0-9 alone: write {int(bare)}")
        shown = value if len(value) <= 40 else value[:40] + "..."  # a count's cell has no bound on its length
        raise CellError(f"{shown!r} is not a whole number (digits 0-9 only)")
    digits = len(value.lstrip("0"))
    if digits > 12:  # said before int(), which refuses more than 4,300 digits with an error of its own
        raise CellError(f"a count of {digits:,} digits is implausibly large")
    number = int(value)
    if number >= LARGEST_COUNT:
        raise CellError(f"{number} is implausibly large")
    return number


def _minutes(value: str) -> float:
    if not NUMBER.fullmatch(value):
        raise CellError(f"{value!r} is not a number zero or more (digits 0-9 and a decimal point, like 12.5)")
    number = float(value)
    if number >= LARGEST_COUNT:
        raise CellError(f"a number of {len(value.split('.')[0])} digits is implausibly large")
    return number


def _at_most(longest: float, unit: str, said: str) -> Callable[[str], float]:
    """A median time of no more than `longest` (in `unit`); more is a typing error, and twelve
    digits of one would read as an Aadhaar number on the pages."""
    def check(value: str) -> float:
        number = _minutes(value)
        if number > longest:
            raise CellError(f"{value} {unit} is more than {said}: a typing error?")
        return number
    return check


# A reply measured for one day's mentions comes within days. A complaint's response or
# resolution can take years, but no tracker has run for ten.
_reply_minutes = _at_most(365 * 24 * 60, "minutes", "a year")
_complaint_minutes = _at_most(10 * 365 * 24 * 60, "minutes", "ten years")
_complaint_hours = _at_most(10 * 365 * 24, "hours", "ten years")


def _percent(value: str) -> float:
    number = _minutes(value)
    if number > 100:
        raise CellError(f"{number} is more than 100 %")
    return number


def _date(value: str) -> str:
    try:
        date.fromisoformat(value)
    except ValueError:
        raise CellError(f"{value!r} is not a date (YYYY-MM-DD)") from None
    if len(value) != 10:
        raise CellError(f"{value!r} is not a date (YYYY-MM-DD)")
    return value


def _day_from(first: str, why: str) -> Callable[[str], str]:
    """A date not before `first`: an earlier one is a typing error, said with `why`."""
    def parse(value: str) -> str:
        value = _date(value)
        if value < first:
            raise CellError(f"{value} is before {first}{why}")
        return value
    return parse


# No account on a platform the site knows is older: an observation dated before is a typing
# error ("1900-01-01" would be published as observed then).
FIRST_ACCOUNTS = "2004-01-01"
_observed_day = _day_from(FIRST_ACCOUNTS, ", when no account on these platforms existed")


def _timestamp(value: str) -> str:
    """A date, or a UTC date-time like 2023-01-05T09:30:00Z, not before FIRST_ACCOUNTS. A time
    in another zone is refused, not converted: its day is compared with the observation's
    (a UTC day) and published as written."""
    if len(value) == 10:
        return _observed_day(value)
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise CellError(f"{value!r} is not a date or an ISO date-time") from None
    if parsed.tzinfo is None:
        raise CellError(f"{value!r} has no time zone; end it with Z for UTC")
    if parsed.utcoffset():
        raise CellError(f"{value!r} is not in UTC; give the same moment in UTC, ending with Z")
    _observed_day(parsed.date().isoformat())
    return value


# Complaint figures older than this are in no source the project reads: "0001-01-01" is a
# typing error, and would be published as a period of 700,000 days.
FIRST_COMPLAINTS = "1990-01-01"
_period_day = _day_from(FIRST_COMPLAINTS, ": a typing error?")


def _url_or_source(value: str) -> str:
    _text(value)
    if not (value.startswith(("https://", "http://", "source:", "export:")) and " " not in value):
        raise CellError(f"{value!r} is neither an http(s) URL nor a 'source:<id>' or 'export:<fingerprint>' "
                        "reference")
    if value.startswith("http"):
        # Read as a browser reads it: every source address is published as written, and a
        # user name or password in it would be too.
        try:
            parts = urlsplit(value)
        except ValueError:
            raise CellError(f"{value!r} is not an address a browser can open") from None
        if parts.username is not None or parts.password is not None:
            raise CellError("an address with a user name or password before its host: give the address without them")
        if not parts.hostname:
            raise CellError(f"{value!r} names no host")
    return value


# Cells people write in their own words, where personal data could hide: the audit reads
# exactly these. A new kind of free-text cell joins here, or it goes unaudited.
FREE_TEXT = (_text, _name, _note, _url_or_source)


def _choice(options: tuple[str, ...]):
    def parse(value: str) -> str:
        if value not in options:
            raise CellError(f"{value!r} is not one of: {', '.join(options)}")
        return value

    return parse


# Patterns a value can match only if its exact parser above accepts it: the fast reader
# checks each distinct value against them and hands the rest to the parser, which alone
# decides and words the message. (Days 29-31 always go to the parser.)
_MONTH_DAY = r"-(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])"
_DAY = r"[0-9]{4}" + _MONTH_DAY
FAST_PATTERNS = {
    _slug: SLUG.pattern,
    _state: STATE_CODE.pattern,
    _handle: HANDLE.pattern,
    _digits: DIGITS.pattern,
    _date: rf"^{_DAY}$",
    _observed_day: rf"^(?:200[4-9]|20[1-9][0-9]){_MONTH_DAY}$",
    _timestamp: rf"^{_DAY}(?:T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]Z)?$",
    # A plain host name (and port): an address with a user, brackets or no host goes to the parser.
    _url_or_source: r"^(?:https?://[A-Za-z0-9][A-Za-z0-9.-]*(?::[0-9]{1,5})?(?:[/?#][!-~]*)?|(?:source|export):[!-~]*)$",
}


# Spreadsheets read the fullwidth ＝ ＋ － ＠ (common in Indic and CJK keyboards' output) as
# their ASCII forms, so they start a formula too.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


# Decimals of a rate in per cent, as pages show it and files publish it (81.1 %); a rank on a
# rate ranks this figure, so that two rates shown alike share a place.
RATE_DIGITS = 1


def rounded(values, digits: int = 0):
    """The site's one rounding rule, for pages (render/formats.py) and published files
    alike: half away from zero, on the value as its shortest decimal writes it (184.85 is
    184.9, though the float is 184.84999...). Applied once, where a figure is shown or
    published; every computation before uses the unrounded value."""
    x = np.asarray(values, dtype="float64")
    scaled = np.round(np.abs(x) * 10.0**digits, 6)  # 1848.4999999999998 back to 1848.5
    return np.sign(x) * np.floor(scaled + 0.5) / 10.0**digits


def _inert(value):
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else value


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # Frictionless field type: string, integer, number, date, datetime
    description: str
    required: bool = False
    parse: object = _text
    optional: bool = False  # may be left out of a file's header (columns added later)
    digits: int | None = None  # a published number's decimals (rounded by `rounded`)

    @property
    def max_length(self) -> int | None:
        """Longest cell in characters; None for counts and numbers (bounded by their value)."""
        if self.kind in ("integer", "number"):
            return None
        return {_slug: SLUG_MAX, _note: NOTE_MAX}.get(self.parse, TEXT_MAX)

    def check(self, value: str):
        """The cell's value as its rule reads it, or a CellError saying why not."""
        if self.max_length is not None and len(value) > self.max_length:
            raise CellError(f"is {len(value):,} characters long; at most {self.max_length:,} are allowed")
        return self.parse(value)

    def frictionless(self) -> dict:
        field = {"name": self.name, "type": self.kind, "description": self.description}
        constraints = {"required": True} if self.required else {}
        if self.kind == "string":
            constraints["maxLength"] = self.max_length
        if constraints:
            field["constraints"] = constraints
        return field


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ()

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    def to_csv(self, df: pd.DataFrame, published: bool = False) -> str:
        """CSV text in this table's column order; integers never print as 12.0, booleans
        as true/false, and blanks stay blank.

        `published`: text cells a spreadsheet would read as a formula (starting with =, +,
        -, @, a tab or a carriage return) get a leading apostrophe, as OWASP advises for
        CSV downloads; numbers stay numbers.
        """
        out = df.reindex(columns=self.names).copy()
        for column in self.columns:
            if column.kind == "string" and published:
                out[column.name] = out[column.name].map(_inert, na_action="ignore")
            if column.digits is not None and published:
                out[column.name] = rounded(pd.to_numeric(out[column.name]).astype("float64"), column.digits)
            if column.kind == "integer":
                out[column.name] = pd.to_numeric(out[column.name]).round().astype("Int64")
            elif column.kind == "boolean":
                out[column.name] = out[column.name].map(
                    lambda v: "" if v is None or v is pd.NA or v != v else ("true" if v else "false"))
        buffer = io.StringIO()
        out.to_csv(buffer, index=False, lineterminator="\n", float_format="%.10g")
        return buffer.getvalue()


def C(name, kind, description, required=False, parse=_text, optional=False, digits=None) -> Column:  # noqa: N802
    return Column(name, kind, description, required, parse, optional, digits)


def _contact(value: str) -> str:
    """A phone number of 3 to 15 digits (spaces and dashes allowed), an https:// address, or an
    e-mail address (the personal-data audit lets it through only with its source)."""
    _text(value)
    if value.startswith("https://") and " " not in value:
        return _url_or_source(value)  # read as a browser reads it: a host, and no password in it
    if re.fullmatch(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}", value):
        return value
    if re.fullmatch(r"\+?[0-9][0-9 -]{1,18}[0-9]", value) and 3 <= len(re.sub(r"\D", "", value)) <= 15:
        return value
    raise CellError(f"{value!r} is neither a phone number, an https:// address nor an e-mail address")


DEPARTMENTS = Table(
    "departments",
    (
        C("id", "string", "Stable slug of the department", True, _slug),
        C("name_en", "string", "Name in English", True, _name),
        C("name_hi", "string", "Name in Hindi", True, _name),
        C("category", "string", "Kind of body, e.g. police, administration", True, _slug),
        C("state", "string", "ISO 3166-2 code of the state, e.g. IN-UP", True, _state),
        C("district", "string", "District, written exactly as name_en in registry/districts.csv; blank for "
          "state-level bodies", False, _name),
        C("parent_id", "string", "Department this one reports to", False, _slug),
        C("district_hi", "string", "District in Hindi: blank, or its name_hi in registry/districts.csv",
          False, _name, optional=True),
        C("helpline", "string", "The department's own helpline number", False, _contact, optional=True),
        C("website", "string", "The department's website", False, _contact, optional=True),
        C("grievance_portal", "string", "Where the department takes complaints online", False, _contact,
          optional=True),
        C("contact_source_url", "string", "Where the helpline, website and portal are listed", False,
          _url_or_source, optional=True),
        C("contact_checked_on", "date", "Day the helpline, website and portal were last found at that source "
          "(shown beside them)", False, _date, optional=True),
    ),
    key=("id",),
)

DISTRICTS = Table(
    "districts",
    (
        C("state", "string", "ISO 3166-2 code of the state, e.g. IN-BR", True, _state),
        C("lgd_code", "string", "District code in the Local Government Directory; blank until one is known", False,
          _code),
        C("wikidata", "string", "Wikidata item of the district, e.g. Q77731 (as the Data Commons LGD list matches it)",
          False, _wikidata),
        C("name_en", "string", "Name in English: what departments.csv writes, and the district page's address", True,
          _name),
        C("name_hi", "string", "Name in Hindi", True, _name),
        C("former_names", "string", "Former names and other spellings, English and Hindi, separated by ';'", False,
          _name),
        C("lgd_name", "string", "Name as the Local Government Directory list spells it", False, _name),
        C("source_url", "string", "Where the district and its code are listed", True, _url_or_source),
        C("review", "string", "'hindi-name' while the Hindi name awaits a check", False, _choice(("hindi-name",))),
    ),
)

ABSENCES = Table(
    "absences",
    (
        C("department_id", "string", "Department found without an account", True, _slug),
        C("platform", "string", "Platform it had no account on", True, _platform),
        C("checked_on", "date", "Day the absence was observed", True, _date),
        C("source_url", "string", "Who observed it", True, _url_or_source),
        C("note", "string", "What the source says", False, _note),
        C("note_hi", "string", "The note in Hindi, for the Hindi pages (which show the English note where this is "
          "blank)", False, _note, optional=True),
    ),
    key=("department_id", "platform", "checked_on"),
)

CHANNELS = Table(
    "channels",
    (
        C("id", "string", "Slug of the channel", True, _slug),
        C("scope", "string", "national, state, district, or union (for union bodies)", True,
          _choice(("national", "state", "district", "union"))),
        C("state", "string", "State code for a state or district channel; blank otherwise", False, _state),
        C("kind", "string", "emergency, cyber-fraud, cm-helpline, grievance-portal, women, helpline", True, _slug),
        C("name_en", "string", "Name in English", True, _name),
        C("name_hi", "string", "Name in Hindi", True, _name),
        C("contact", "string", "Phone number or https:// address", True, _contact),
        C("source_url", "string", "Where this channel is listed", True, _url_or_source),
        C("checked_on", "date", "Day it was last checked", True, _date),
        C("district", "string", "District of a district channel, written exactly as districts.csv's name_en; "
          "blank otherwise", False, _name, optional=True),
    ),
    key=("id",),
)

def _terms(value: str) -> str:
    """Names separated by ';', none of them empty: matched as names are, so held to their rule."""
    _name(value)
    for n, term in enumerate(value.split(";"), 1):
        if not re.search(r"\w", term):
            raise CellError(f"name {n} of {value!r} is empty: separate names with one ';'")
    return value


TITLES = Table(
    "titles",
    (
        C("id", "string", "Slug of the row", True, _slug),
        C("state", "string", "Only departments of this state (ISO 3166-2 code); blank for any", False, _state),
        C("category", "string", "Only departments of this category; blank for any", False, _slug),
        C("level", "string", "Only district bodies (district) or bodies without a district (state); blank for any",
          False, _choice(("district", "state"))),
        C("name_words", "string", "Only departments whose name (English or Hindi) holds one of these words, "
          "separated by ';'; blank for any", False, _terms),
        C("terms", "string", "What people call these offices: titles, short forms and other names, in both "
          "scripts, separated by ';'", True, _terms),
        C("source_url", "string", "Where these titles and short forms are documented", True, _url_or_source),
    ),
    key=("id",),
)

ACCOUNTS = Table(
    "accounts",
    (
        C("department_id", "string", "Department that owns the account", True, _slug),
        C("platform", "string", "Platform: x, facebook, ...", True, _platform),
        C("handle", "string", "Handle without @; blank when not yet confirmed", False, _handle),
        C("account_id", "string", "Platform's immutable account id", False, _digits),
        C("official", "string", "yes, or unverified", True, _choice(OFFICIAL)),
        C("source_url", "string", "Where the handle was confirmed", False, _url_or_source),
        C("shared", "string", "yes when two departments run this one account (both rows say yes); blank otherwise",
          False, _choice(("yes",)), optional=True),
    ),
    key=("department_id", "platform"),
)

SOURCES_TABLE = Table(
    "sources",
    (
        C("id", "string", "Slug used as source:<id> in other files", True, _slug),
        C("title", "string", "Title of the article or document", True),
        C("publication", "string", "Who published it", True, _name),
        C("published_on", "date", "Publication date; where the source gives no day, a day standing in for it "
          "(see date_precision)", True, _date),
        C("url", "string", "Link, where known", False, _url_or_source),
        C("note", "string", "How the figures were read from it", False, _note),
        C("publication_hi", "string", "Who published it, in Hindi", False, _name, optional=True),
        C("note_hi", "string", "The note in Hindi, for the Hindi pages (which show the English note where this is "
          "blank)", False, _note, optional=True),
        C("date_precision", "string", "How exactly the source dates itself and its figures: day (or blank), month "
          "(shown as about that month) or year (shown as the year); figures dated published_on are shown the same "
          "way", False, _choice(("day", "month", "year")), optional=True),
    ),
    key=("id",),
)

CORRECTIONS = Table(
    "corrections",
    (
        C("date", "date", "Day the correction was made", True, _date),
        C("department_id", "string", "Department whose figure is corrected", True, _slug),
        C("figure", "string", "Which figure: followers, status, handle, last_post_at, received, resolved, ...", True,
          _figure),
        C("old_value", "string", "What the site showed", False, _note),
        C("new_value", "string", "What is right", True, _note),
        C("reason", "string", "Why, in a sentence", True, _note),
        C("source_url", "string", "Evidence for the correction", True, _url_or_source),
        C("reason_hi", "string", "The reason in Hindi, for the Hindi pages (which show the English reason where "
          "this is blank)", False, _note, optional=True),
    ),
    key=("date", "department_id", "figure"),
)

def _month_start(value: str) -> str:
    _date(value)
    if not value.endswith("-01"):
        raise CellError(f"{value!r} is not the first day of a month")
    return value


WITHDRAWN_COMPLAINTS = Table(
    "withdrawn_complaints",
    (
        C("department_id", "string", "Department whose month is withdrawn", True, _slug),
        C("channel", "string", "Channel of that month", True, _slug),
        C("period_start", "date", "First day of the withdrawn month", True, _month_start),
        C("withdrawn_on", "date", "Day the month was withdrawn", True, _date),
        C("reason", "string", "Why, in a sentence", True, _note),
    ),
    key=("department_id", "channel", "period_start"),
)

BOUNDED_FOLLOWERS = Table(
    "bounded_followers",
    (
        C("department_id", "string", "Department of the hand-entered observation", True, _slug),
        C("platform", "string", "Platform of that observation", True, _platform),
        C("date", "date", "Date of that observation", True, _date),
        C("bound", "string", "How its source states the follower count: more_than ('more than 7 lakh'), "
          "at_most or about", True, _choice(BOUNDS)),
    ),
    key=("department_id", "platform", "date"),
)

ACCOUNT_IDS = Table(
    "account_ids",
    (
        C("department_id", "string", "Department that owns the account", True, _slug),
        C("platform", "string", "Platform of the account", True, _platform),
        C("account_id", "string", "Platform's immutable account id, as the collector resolved it", True,
          _digits),
        C("handle", "string", "Handle when the id was resolved", False, _handle),
        C("resolved_on", "date", "Night the id was first resolved", True, _date),
    ),
    key=("department_id", "platform"),
)

SNAPSHOT = Table(
    "snapshots",
    (
        C("department_id", "string", "Department that owns the account", True, _slug),
        C("platform", "string", "Platform of the account", True, _platform),
        C("date", "date", "Day of the observation; for a figure from a source that gives no day, a day standing "
          "in for its month or year (sources.csv date_precision of the source_url; the department's history file "
          "says which in its date_precision)", True, _observed_day),
        C("account_id", "string", "Platform's immutable account id", False, _digits),
        C("handle", "string", "Handle at the time of the observation", False, _handle),
        C("followers", "integer", "Followers; a report's count as its number, where the report states it as a bound "
          "('more than 7 lakh') too: the department's history file says so beside it (followers_bound), as the "
          "scorecard and handles.csv do, and bounded-followers.csv (a download, and in the data folder) lists those",
          False, _count),
        C("following", "integer", "Accounts followed", False, _count),
        C("posts", "integer", "Posts published in total", False, _count),
        C("last_post_at", "string", "Date or UTC time of the latest post", False, _timestamp),
        C("state", "string", "ok, suspended, not_found, protected or error", True,
          _choice(tuple(AccountState))),
        C("source", "string", "x-api or manual", True, _choice(SOURCES)),
        C("source_url", "string", "Where the figure comes from", False, _url_or_source),
    ),
    key=("department_id", "platform", "date"),
)

# A department's history file (departments/<id>.csv): the observations as read, each with what
# a reader needs to read its row as the scorecard does, without a join with sources.csv or
# bounded-followers.csv. Named as the observations are: its schema file keeps its address.
HISTORY = Table(
    SNAPSHOT.name,
    SNAPSHOT.columns + (
        C("date_precision", "string", "day; or month or year where date is a day standing in for what the row's "
          "source gives (sources.csv date_precision), as handles.csv followers_on_precision: 2017-07-01 with year "
          "is '2017', with month 'October 2016'"),
        C("followers_bound", "string", "How the source of a hand-entered follower count states it, where not "
          "exactly: more_than ('more than 7 lakh'), at_most or about, as handles.csv followers_bound; followers "
          "is then the number the source gives. Blank when exact or observed"),
    ),
    key=SNAPSHOT.key,
)

COMPLAINTS = Table(
    "complaints",
    (
        C("department_id", "string", "Department the complaints were addressed to", True, _slug),
        C("channel", "string", "Channel, e.g. x, facebook, cm-window", True, _slug),
        C("period_start", "date", "First day of the period (a stand-in day where the source gives none: "
          "sources.csv date_precision of the source_url)", True, _period_day),
        C("period_end", "date", "Last day of the period (a stand-in day, as period_start)", True, _period_day),
        C("received", "integer", "Complaints received", False, _count),
        C("resolved", "integer", "Complaints resolved", False, _count),
        C("rejected", "integer", "Complaints found not reasonable", False, _count),
        C("pending", "integer", "Complaints pending at the end of the period", False, _count),
        C("duplicates", "integer", "Duplicate complaints (each complaint is in one part: resolved + rejected + "
          "pending + duplicates = received)", False, _count),
        C("median_response_minutes", "number", "Median minutes to first response", False,
          _complaint_minutes),
        C("median_resolution_hours", "number", "Median hours from receipt to resolution", False,
          _complaint_hours),
        C("reported_resolution_rate", "number", "Resolution rate (%) as the source reports it",
          False, _percent),
        C("source", "string", "manual, or the ingest that produced the row", True),
        C("source_url", "string", "Where the figures come from", True, _url_or_source),
        C("bound", "string", "How the source states the row's figures where they are not exact: more_than ('over "
          "1,000'), at_most ('within an hour') or about ('nearly 1,000'); blank when exact. No rate is "
          "computed from such counts", False, _choice(BOUNDS), optional=True),
    ),
    key=("department_id", "channel", "period_start", "period_end"),
)


# Published downloads. Column names and order are a promise to the people who use them:
# add columns at the end, never rename or drop one.

HANDLES = Table(
    "handles",
    (
        C("department_id", "string", "Stable slug of the department", True, _slug),
        C("department_name_en", "string", "Department name in English", True),
        C("department_name_hi", "string", "Department name in Hindi", True),
        C("state", "string", "ISO 3166-2 state code (IN for union bodies)", True),
        C("district", "string", "District; blank for state-level bodies"),
        C("category", "string", "Kind of body", True),
        C("platform", "string", "Platform", True),
        C("handle", "string", "Handle without @; blank when none or not confirmed"),
        C("account_id", "string", "Platform's immutable account id"),
        C("official", "string", "yes or unverified; blank when there is no account"),
        C("status", "string", "active, slow, dormant, abandoned, no_account, suspended, "
          "not_found or unknown", True),
        C("days_since_post", "integer", "Days from the last post to the observation"),
        C("followers", "integer", "Latest known follower count"),
        C("followers_on", "date", "Date of that follower count (a day standing in for a month or year where its source "
          "gives no day: sources.csv date_precision)"),
        C("last_post_at", "string", "Date or UTC time of the latest post"),
        C("observed_on", "date", "Date of the latest successful observation (a stand-in day, as followers_on)"),
        C("stale", "boolean", "true when the observation is older than the stale threshold on the as-of "
          "date (the data's newest observation, build.json as_of; not the day the file is read), counted from "
          "the last day of the month or year observed_on stands in for (observed_on_precision); blank when "
          "never observed"),
        C("refresh_overdue", "boolean", "true for an X account whose observation is older than the refresh floor the "
          "budget kept (see the pipeline health page) but not yet stale; blank when never observed"),
        C("last_error_on", "date", "Date of a failed check newer than the last good one"),
        C("rank_in_state", "integer", "Rank by followers among the state's accounts of the platform whose count is "
          "no older than the stale threshold; blank when not ranked (stale, suspended, not found, a later "
          "'no account' report, or alone)"),
        C("rank_in_category", "integer", "Rank by followers within the category across India (every state), on "
          "the same terms"),
        C("change_7d", "integer", "Follower change against an observation 7-14 days older; blank for an account "
          "suspended or not found"),
        C("change_30d", "integer", "Follower change against an observation 30-60 days older (the newest such); "
          "blank for an account suspended or not found"),
        C("change_365d", "integer", "Follower change against an observation 365-730 days older; blank for an "
          "account suspended or not found"),
        C("grade", "string", "Composite grade A-F of the department; blank when no status of its accounts "
          "counts: unknown, a finding (a 'no account' report, or a status observed) older than "
          "[status] absence_recheck_days on the as-of date, or a status a 'no account' report dated after it "
          "contradicts (absent_on after observed_on)"),
        C("score", "number", "Composite score 0-100 behind the grade, rounded to 0.1 (computed from unrounded "
          "inputs; the grade is decided on this rounded score, as shown)", digits=1),
        C("source_url", "string", "Source of the latest observation; of the registry entry for an account never "
                                  "observed"),
        C("of_in_state", "integer", "How many accounts the state rank is among"),
        C("of_in_category", "integer", "How many accounts the category rank is among"),
        C("growth_30d", "integer", "Follower change over the 30 days ending on followers_on: the changes "
          "from counts at most 30 days older, leaving out jumps; blank without such a count, and for an account "
          "suspended or not found. A report's count dated only to a month or year (followers_on_precision), or "
          "stated as a bound (followers_bound), is in no change_* or growth window"),
        C("jumps_30d", "integer", "Day-to-day follower jumps in the same 30 days (left out of growth); blank "
                                  "where growth_30d is (no two counts in those days to compare)"),
        C("shared_with", "string", "Other departments that run this same account, their ids separated by ';' "
          "(each has a row of its own with the same figures; counts, ranks and lists hold the account once)"),
        C("state_name_en", "string", "Name of the state (column state) in English", True),
        C("state_name_hi", "string", "Name of the state (column state) in Hindi", True),
        C("absent_on", "date", "Date of the latest finding that the department had no account on the platform "
          "(what a no_account status rests on, when it was checked; a stand-in day, as followers_on); blank without "
          "one. On a registered account's row, a date after observed_on is a newer report than our last "
          "observation: the status is shown as last known and counts in no grade (before observed_on, it is history)"),
        C("absent_source_url", "string", "Source of that finding: a link, or source:<id> of sources.csv"),
        C("reply_minutes", "number", "The department's median minutes to reply to citizens, as its grade counts it: "
          "the median of the daily medians of the measured days of the 30 days up to its last measured day (a day "
          "measured on several platforms once, at the mean of their medians weighted by the replies of each), where "
          "they hold as many mentions as the grade counts (reply_basis measured), else as its newest complaint "
          "source reports it (reported); rounded to 0.1 (pages round it up to the whole minute: 52.3 shows as 53 "
          "minutes); blank when neither. On each of the department's rows: reply_platform names the platform it is "
          "of", digits=1),
        C("reply_basis", "string", "measured, reported, or unanswered (as many citizen mentions measured as the grade "
          "counts, none answered: reply_minutes is then blank); blank without a reply figure"),
        C("reply_on", "date", "Last measured day, or the end of the reported period"),
        C("reply_source_url", "string", "Source of a reported reply time: a link, or source:<id> of sources.csv"),
        C("reply_bound", "string", "How the source states a reported reply time that is not exact: at_most "
          "('within an hour'), more_than or about (complaints.csv bound); blank when exact or measured"),
        C("followers_on_precision", "string", "day; or month or year where followers_on is a day standing in for "
          "what its source gives (sources.csv date_precision): 2017-07-01 with year is '2017'; blank without a date"),
        C("observed_on_precision", "string", "The same for observed_on"),
        C("followers_bound", "string", "How the source of a hand-entered follower count states it, where not "
          "exactly: more_than ('more than 7 lakh'), at_most or about; blank when exact or observed"),
        C("reply_platform", "string", "The platform the department's reply time (reply_minutes, the same on each of "
          "its rows) was measured on, or the channel its complaint source reported it for (x, facebook, "
          "cm-window, ...): it is that account's reply time only on the row of this platform, where the lists and "
          "badges show it; blank without a reply figure, or when it was measured on several platforms (no one "
          "account's: the lists and badges show each account's own, measured on its platform alone, from replies.csv)"),
        # The reply figure of this row's account, as its list row, card and badge show it: the
        # department's where it is of this platform, the account's own where the department's
        # mixes several, blank otherwise. A journalist cites it without working it out.
        C("account_reply_minutes", "number", "This account's median minutes to reply to citizens, as its row of the "
          "lists, its card and its badge show it: the department's reply_minutes where reply_platform is this "
          "row's platform; where the department's was measured on several platforms, the account's own, measured "
          "on this platform alone (replies.csv, the same 30 days, as many mentions of this account as the grade "
          "counts); blank otherwise (no figure of this account, or account_reply_basis unanswered). Rounded to 0.1; "
          "pages round it up to the whole minute", digits=1),
        C("account_reply_basis", "string", "measured, reported or unanswered, as reply_basis, for "
          "account_reply_minutes; blank without a figure of this account"),
        C("account_reply_on", "date", "Day account_reply_minutes is of: the last day measured (of the 30 days it "
          "counts), or the end of the reported period (the lists say 'measured to' or 'the period to' it)"),
        C("account_reply_source_url", "string", "Source of a reported account_reply_minutes: a link, or source:<id> "
          "of sources.csv; blank when measured (replies.csv holds the counts)"),
        C("account_reply_bound", "string", "How the source states a reported account_reply_minutes that is not "
          "exact: at_most ('within an hour'), more_than or about; blank when exact or measured"),
        # Came after the others: published last, so they keep their places.
        C("account_reply_from", "date", "First day of the period account_reply_minutes covers, to account_reply_on: "
          "the first day measured (of the 30 days it counts; the same day as account_reply_on where one day was "
          "measured), or the start of the reported period; blank without a figure of this account"),
        C("account_reply_on_precision", "string", "day; or month or year where account_reply_on is a day standing in "
          "for what its source gives (sources.csv date_precision), as followers_on_precision; day where measured; "
          "blank without a date"),
        C("reply_from", "date", "First day of the period reply_minutes covers, to reply_on: the first day measured "
          "(of the 30 days it counts), or the start of the reported period; blank without a reply figure"),
        C("account_reply_from_precision", "string", "The same as account_reply_on_precision, for account_reply_from "
          "(a reported period's start may stand in for its source's month or year too); day where measured"),
        C("reply_on_precision", "string", "The same for reply_on: day where measured; of a reported period's end, "
          "day, month or year; blank without a date"),
        C("reply_from_precision", "string", "The same for reply_from"),
        C("followers_source_url", "string", "Source of the follower count (of followers_on, which may be older than "
          "observed_on, whose source source_url gives): a link, or source:<id> of sources.csv, where the count was "
          "typed in from a report; blank where the nightly lookup counted it (on the account's own page, as "
          "source_url names it on the day of that lookup) or without a count"),
    ),
)

PUBLISHED_COMPLAINTS = Table(
    "complaints",
    # bound came later than the computed columns: it is published after them.
    tuple(c for c in COMPLAINTS.columns if c.name != "bound") + (
        C("resolved_rate", "number", "resolved / received x 100, rounded to 0.1; blank when either count is blank "
          "(not reported, or hidden as a small cell) or nothing was received", digits=RATE_DIGITS),
        C("rejected_rate", "number", "rejected / received x 100, rounded to 0.1; blank as resolved_rate",
          digits=RATE_DIGITS),
        C("pending_rate", "number", "pending / received x 100, rounded to 0.1; blank as resolved_rate",
          digits=RATE_DIGITS),
        C("rate_mismatch", "boolean", "reported_resolution_rate differs from resolved_rate, and from resolved / "
          "(received - pending) x 100, by more than [complaints] rate_tolerance_points (the methodology page gives "
          "its value); false also where there is nothing to compare"),
        C("reported_of_disposed", "boolean", "reported_resolution_rate is resolved / (received - pending) x 100, "
          "the share of the complaints disposed of, rather than resolved_rate; false also where there is nothing to "
          "compare"),
        C("counts_exceed_received", "boolean", "resolved + rejected + pending > received; false also where a count "
          "is missing"),
        C("period_days", "integer", "Length of the period in days"),
        C("withdrawn_on", "date", "Day the period's figures were withdrawn (they are then blank); else blank"),
        *(c for c in COMPLAINTS.columns if c.name == "bound"),
    ),
)

PUBLISHED_SOURCES = Table("sources", SOURCES_TABLE.columns)

REPLIES = Table(
    "replies",
    (
        C("department_id", "string", "Department that owns the account", True, _slug),
        C("platform", "string", "Platform of the account", True, _platform),
        C("date", "date", "UTC day whose mentions were counted", True, _date),
        C("account_id", "string", "Platform's immutable account id", False, _digits),
        C("mentions", "integer", "Posts by others mentioning the account that day", True, _count),
        C("answered", "integer", "Of those, answered by the account", True, _count),
        C("answered_within_hour", "integer", "Of those, answered within 60 minutes", True, _count),
        C("median_reply_minutes", "number", "Median minutes from mention to first reply", False,
          _reply_minutes),
        C("posts_read", "integer", "Posts read to measure this (what it cost)", True, _count),
    ),
    key=("department_id", "platform", "date"),
)

EVENTS = Table(
    "events",
    (
        C("event_id", "string", "Stable id of the change: department_id/platform/kind/date", True),
        C("date", "date", "Day of the observation that showed the change (a stand-in day where its source gives "
          "none, as in the department's file)", True),
        C("department_id", "string", "Department that owns the account", True, _slug),
        C("platform", "string", "Platform of the account", True),
        C("kind", "string", "new_account (the account's first observation here, not the day it was opened), "
          "renamed (same account id, new handle), gone (became suspended or not_found), dormant (from active or "
          "slow to dormant or abandoned), revived (back to active from dormant, abandoned, suspended or "
          "not_found), follower_jump or follower_drop (a change of followers beyond the configured share "
          "from one count to the next; to or from a report's figure only within 7 days), posts_deleted (post "
          "count lower than at the previous observation)", True),
        C("before", "string", "The value before: handle, status, follower or post count; blank for an account "
          "recorded for the first time"),
        C("after", "string", "The value after: handle, status, follower or post count"),
    ),
    key=("event_id",),
)
