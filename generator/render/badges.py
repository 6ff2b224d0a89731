"""An SVG badge per department and platform, for departments and others to embed.

`badges/<department>-<platform>.svg` in Hindi and `badges/en/<department>-<platform>.svg`
in English, at the site root like the downloads, so their addresses never change. A badge
says the status in words beside a drawn shape (never colour alone), the followers and the
reply time where known on its platform, and whose figures they are and the day they were
observed (a badge is embedded on other sites, where no banner says how old the site's data
is); every text is escaped. Nothing on it changes with the build date: a badge file is rewritten only when
its account's rounded figures or their day change.
"""

from __future__ import annotations

from collections.abc import Iterator

from markupsafe import escape

from ..compute.directory import UNANSWERED
from ..compute.model import SiteModel
from ..schema import Status
from . import formats, urls, words
from .charts import text_width
from .formatter import Formatter
from .rows import records

HEIGHT = 40        # two lines; each further line adds LINE
LINE = 16
# The widest a badge is drawn: what the narrowest phone (360 px) leaves beside the page's
# margins, so the badge on its own scorecard does not scroll sideways. Longer words wrap.
WIDEST = 328
BOX = 36           # the coloured square holding the status shape
FONT = 12
LONGEST_NAME = 60  # longer names are cut on the badge; its title keeps them whole
FAMILY = "'Noto Sans Devanagari', 'Nirmala UI', Mangal, 'DejaVu Sans', Verdana, sans-serif"

COLOUR = {Status.ACTIVE: "#1b7f3b", Status.SLOW: "#8a5a00", Status.DORMANT: "#a8480f", Status.ABANDONED: "#9b2c2c",
          Status.SUSPENDED: "#9b2c2c", Status.NOT_FOUND: "#9b2c2c", Status.NO_ACCOUNT: "#6b46c1",
          Status.UNKNOWN: "#5a6270"}
# The same shapes as words.STATUS_ICON, drawn, so they do not depend on the reader's fonts.
_LINE = 'fill="none" stroke="#fff" stroke-width="2.5"'
_THICK = 'fill="none" stroke="#fff" stroke-width="3"'
SHAPE = {
    Status.ACTIVE: '<circle cx="18" cy="20" r="7" fill="#fff"/>',
    Status.SLOW: f'<circle cx="18" cy="20" r="7" {_LINE}/><path d="M18 13a7 7 0 0 1 0 14z" fill="#fff"/>',
    Status.DORMANT: f'<circle cx="18" cy="20" r="7" {_LINE}/>',
    Status.ABANDONED: f'<path d="M12 14l12 12M24 14l-12 12" {_THICK}/>',
    Status.NO_ACCOUNT: f'<circle cx="18" cy="20" r="7" {_LINE}/><path d="M13 25l10-10" {_LINE}/>',
    Status.SUSPENDED: f'<circle cx="18" cy="20" r="7" {_LINE}/><path d="M15 17l6 6M21 17l-6 6" {_LINE}/>',
    Status.NOT_FOUND: f'<circle cx="18" cy="20" r="7" {_LINE}/><path d="M18 21.5v-1.5a2.5 2.5 0 1 0-2.5-2.5" {_LINE}/>'
                 '<circle cx="18" cy="24.5" r="1.3" fill="#fff"/>',
    Status.UNKNOWN: f'<path d="M12 20h12" {_THICK}/>',
}


def path(department_id: str, platform: str, lang: str) -> str:
    """A badge's address from the site root: stable, whatever the figures on it."""
    return f"badges/{urls.LANG_ROOT[lang]}{department_id}-{platform}.svg"


def _followers(value, lang: str) -> str:
    """Counts as said aloud, rounded to hundreds: a badge need not change with every follower."""
    n = int(value)
    if n < 1000 or n >= 10**5:
        return formats.compact(n, lang)
    short = formats.number(n / 1000, lang, 1).removesuffix(".0")
    return f"{short} हज़ार" if lang == "hi" else f"{short}K"


def lines(row: dict, fmt: Formatter) -> tuple[list[str], list[str]]:
    """The badge's two lines, in the pieces they may wrap between: whose account (the
    name's words, the last one holding on to the platform), and how it is doing."""
    t = fmt.t
    name = fmt.name(row)
    if len(name) > LONGEST_NAME:
        # Cut between words: a cut inside one leaves half a word ("निकोबार द्व…"), and in
        # Hindi can part a letter from its vowel sign; a name of one long word is cut as it falls.
        cut = name[:LONGEST_NAME - 1]
        cut = cut[:cut.rfind(" ")] if " " in cut else cut
        name = cut.rstrip(" ,;:·-–") + "…"
    words = name.split(" ")
    first = [*words[:-1], f"{words[-1]} · {fmt.platform(row['platform'])}"]
    parts = [fmt.status(row["status"])]
    if (row["stale"] or row.get("absence_newer")) and row["observed_on"] is not None:
        parts[0] += f" ({fmt.status_date(row)})"
    if row.get("absence_newer"):  # a report after our last look found none: who, and when
        parts += [t["badge_newer_report"], _who(fmt, row["absent_source_url"]),
                  fmt.on(row["absent_on"], row["absent_source_url"])]
    elif row["status"] == Status.NO_ACCOUNT:  # found so by a report, or by our registry as of its place's night
        found = fmt.day(row["absent_on"], row["absent_source_url"]) if row.get("absent_on") else \
            fmt.day(row.get("place_newest") or fmt.newest)
        parts[0] += f" ({found})"
        # Who says so, and whether anyone looked since: a badge travels without its scorecard.
        if row.get("absent_on"):
            parts.append(_who(fmt, row["absent_source_url"]))
            if row.get("absence_unchecked"):
                parts.append(t["badge_not_checked"])
        else:  # no report says so: our registry lists none, which is no finding about the department
            parts[0] = f"{t['badge_registry']} ({fmt.day(row.get('place_newest') or fmt.newest)})"
    if row["followers"] is not None:
        count = t["badge_followers"].format(n=fmt.bounded(_followers(row["followers"], fmt.lang),
                                                          row.get("followers_bound")))
        if row["followers_on"] != row["observed_on"]:  # a count older than the check beside it
            count += f" ({fmt.day_of(row, 'followers_on')})"
        parts.append(count)
    # The department's reply time measured or reported on another platform (X's, on a Facebook
    # badge), or mixed of several, is not this account's: left out, as where none is known
    # (badge_files gives a department of several its account's own).
    if row.get("reply_basis") and row.get("reply_platform") == row["platform"]:
        reply = t["badge_unanswered"] if row["reply_basis"] == UNANSWERED else \
            t["badge_reply"].format(when=fmt.reply_when(row))
        if row["reply_basis"] == "reported" and row.get("reply_on"):
            # A report's figure is of a period, not of a day it was seen: named so, as the lists
            # and the scorecard date it, in a piece of its own that wraps within the badge.
            period = fmt.day_of(row, "reply_on", row.get("reply_source_url"))
            parts += [reply, t["badge_reply_period"].format(date=period)]
        else:
            if row.get("reply_on") and row["reply_on"] != row["observed_on"]:  # measured on another day
                reply += f" ({fmt.day_of(row, 'reply_on')})"
            parts.append(reply)
    if row["observed_on"] is not None:
        # A figure from an article is the article's, not something the collector saw: said
        # however old it is (an old report's "7 lakh followers" stayed on the badge unnamed).
        reporter = fmt.reporter(row)
        # A stale or contradicted status already carries its day.
        when = [] if row["stale"] or row.get("absence_newer") else [fmt.on(row["observed_on"])]
        # Two pieces, so a long publication's name and its day wrap onto lines of their own.
        parts += [_reported(t["badge_reported"], reporter), *when] if reporter else \
            [t["badge_source"].format(when=w) for w in when]
    return first, parts


def _who(fmt: Formatter, ref: str) -> str:
    """Who found a department without an account, on a line of its own."""
    return _reported(fmt.t["badge_reported"], fmt.publication(ref) or fmt.source(ref)["short"])


def _reported(words_of: str, reporter: str) -> str:
    """Whose figure it is, on a line: a publication's name too long for the badge is cut (the
    scorecard names it whole)."""
    room = WIDEST - BOX - 18
    text = words_of.format(source=reporter)
    while _width(text, False) > room and len(reporter) > 8:
        reporter = reporter[:-2].rstrip(" ,")
        text = words_of.format(source=reporter + "…")
    return text


def _width(text: str, bold: bool) -> float:
    # Bold letters are wider than text_width's regular ones.
    return text_width(text, FONT + 0.5) * 1.08 if bold else text_width(text, FONT)


def _wrapped(pieces: list[str], joiner: str, bold: bool) -> list[str]:
    """Pieces joined on a line while it fits WIDEST, then on the next."""
    room = WIDEST - BOX - 18
    out: list[str] = []
    for piece in pieces:
        if out and _width(out[-1] + joiner + piece, bold) <= room:
            out[-1] += joiner + piece
        else:
            out.append(piece)
    return out


def badge(row: dict, fmt: Formatter) -> str:
    """One standalone SVG document; every text in it escaped."""
    first, parts = lines(row, fmt)
    handle = f" @{row['handle']}" if row["handle"] else ""
    title = escape(f"{fmt.name(row)}, {fmt.platform(row['platform'])}{handle}: {' · '.join(parts)} — "
                   f"{fmt.t['site_name']}")
    bold = _wrapped(first, " ", True)
    plain = _wrapped(parts, " · ", False)
    width = round(BOX + 8 + max([_width(t, True) for t in bold] + [_width(t, False) for t in plain]) + 10)
    height = HEIGHT + LINE * (len(bold) + len(plain) - 2)
    status = row["status"] if row["status"] in SHAPE else Status.UNKNOWN
    weights = [' font-weight="700"'] * len(bold) + [""] * len(plain)
    texts = [f'<text x="{BOX + 8}" y="{16 + LINE * i}"{weight}>{escape(t)}</text>'
             for i, (t, weight) in enumerate(zip(bold + plain, weights, strict=True))]
    # The badge's language, for a screen reader that opens the file on its own.
    return (f'<svg xmlns="http://www.w3.org/2000/svg" xml:lang="{fmt.lang}" lang="{fmt.lang}" width="{width}" '
            f'height="{height}" viewBox="0 0 {width} {height}" role="img" aria-label="{title}">\n'
            f"<title>{title}</title>\n"
            f'<rect x="0.5" y="0.5" width="{width - 1}" height="{height - 1}" rx="4" fill="#fff" stroke="#b8bec6"/>\n'
            f'<rect width="{BOX}" height="{height}" rx="4" fill="{COLOUR[status]}"/>'
            f'<rect x="{BOX - 6}" width="6" height="{height}" fill="{COLOUR[status]}"/>\n'
            # The shape is drawn for a two-line badge: centred in a taller one.
            f'<g transform="translate(0 {(height - HEIGHT) // 2})">{SHAPE[status]}</g>\n'
            f'<g font-family="{FAMILY}" font-size="{FONT}" fill="#1f2328">\n' + "\n".join(texts) + "\n</g>\n</svg>\n")


def badge_files(model: SiteModel) -> Iterator[tuple[str, str]]:
    """(path from the site root, SVG) of every department and platform, in both languages."""
    rows = records(model.account_rows)
    for lang in ("hi", "en"):
        fmt = Formatter.of(model, lang)  # a date a source gives only to the year shows as the year here too
        for row in rows:
            yield path(row["department_id"], row["platform"], lang), badge(row, fmt)


class Embed:
    """The badge section of a scorecard: the image, and the HTML another site pastes."""

    def __init__(self, lang: str, site_url: str = ""):
        self.lang = lang
        self.site_url = site_url.rstrip("/") + "/" if site_url else ""
        self.t = words.texts(lang)

    def of(self, dept: dict, row: dict, link: urls.Links) -> dict:
        own = path(row["department_id"], row["platform"], self.lang)
        card = urls.department(row["department_id"])
        if self.site_url:
            href, src = self.site_url + urls.site_path(self.lang, card), self.site_url + own
        else:
            href, src = link.page(card), link.data(own)
        name = dept[f"department_name_{self.lang}"]
        alt = self.t["badge_alt"].format(name=name, platform=words.label(words.PLATFORM, row["platform"], self.lang))
        snippet = f'<a href="{escape(href)}"><img src="{escape(src)}" alt="{escape(alt)}"></a>'
        return {"src": link.data(own), "alt": alt, "snippet": snippet}
