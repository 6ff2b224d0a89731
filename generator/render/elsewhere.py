"""Where else to complain about a department: its own contacts, its district's, its state's
and the national helplines, each as the registry lists it with its source (none invented);
and whether its handle is one a citizen can write to."""

from __future__ import annotations

from collections import defaultdict

from markupsafe import Markup

from ..schema import AccountState, Platform, Status
from .context import Context
from .rows import records

# A handle worth writing to: it posts (active or slow) and the registry confirms it.
WORKING = (Status.ACTIVE, Status.SLOW)
CONTACT_FIELDS = ("helpline", "grievance_portal", "website")


def writable(row: dict) -> bool:
    """A confirmed, public X handle that posts: the only kind the site offers to write to. An
    unconfirmed one may be an impostor's; a dormant one reads nothing; a protected one's
    reply is seen only by the followers it approves; one a report after our last observation
    found no account behind may be deleted, or renamed and its handle free to anyone."""
    return bool(row["official"] == "yes" and row["handle"] and row["platform"] == Platform.X
                and row["status"] in WORKING and row.get("account_state") != AccountState.PROTECTED
                and not row.get("absence_newer"))


def unwritable(accounts: list[dict]) -> tuple[str, dict | None]:
    """Why a department has no handle to write to, as a key of the words, with the account it
    is about (its X account where it has one): a page that names every possible reason at
    once leaves the reader to guess that an official handle of unknown status does not post."""
    handled = sorted((a for a in accounts if a["handle"]), key=lambda a: a["platform"] != Platform.X)
    if not handled:
        known = any(a["status"] != Status.NO_ACCOUNT for a in accounts)
        return ("elsewhere_handle_unknown" if known else "elsewhere_no_handle"), None
    account = handled[0]
    if account["platform"] != Platform.X:
        reason = "elsewhere_not_x"
    elif account["official"] != "yes":
        reason = "elsewhere_unconfirmed"
    elif account.get("absence_newer"):
        reason = "elsewhere_contradicted"
    elif account.get("account_state") == AccountState.PROTECTED:
        reason = "elsewhere_protected"
    elif account["status"] in (Status.SUSPENDED, Status.NOT_FOUND):
        reason = "elsewhere_gone"
    elif account["status"] == Status.UNKNOWN:
        reason = "elsewhere_unknown"
    else:
        reason = "elsewhere_silent"
    return reason, account


def compose_url(handle: str) -> str:
    """X's compose window with the handle filled in: a plain link, no script of X's."""
    return f"https://x.com/intent/post?text=%40{handle}"


class Elsewhere:
    """The channels of every department of one language's site, grouped once per build."""

    def __init__(self, ctx: Context):
        self.fmt = fmt = ctx.fmt
        self.t = ctx.t
        channels = records(ctx.model.channels)
        self.national = [self._channel(c) for c in channels if c["scope"] == "national"]
        self.union = [self._channel(c) for c in channels if c["scope"] == "union"]
        self.states: dict[str, list[dict]] = defaultdict(list)
        self.districts: dict[tuple, list[dict]] = defaultdict(list)
        for c in channels:
            if c["scope"] == "state":
                self.states[c["state"]].append(self._channel(c))
            elif c["scope"] == "district":
                self.districts[(c["state"], c.get("district"))].append(self._channel(c))
        self.own: dict[str, list[dict]] = {}
        for d in records(ctx.model.departments):
            if not d.get("contact_source_url"):
                continue  # a contact nobody is cited for is not shown
            checked = d.get("contact_checked_on")
            mine = [{"label": self.t[f"contact_{field}"], "contact": fmt.contact(d[field]), "number": d[field],
                     "source": fmt.source_html(d["contact_source_url"], True),
                     "checked_on": fmt.day(checked) if checked else None}
                    for field in CONTACT_FIELDS if d.get(field)]
            if mine:
                self.own[d["department_id"]] = mine
                if d.get("district"):
                    self.districts[(d["state"], d["district"])].extend(
                        {**c, "label": f"{fmt.name(d)}: {c['label']}"} for c in mine)

    def _channel(self, c: dict) -> dict:
        return {"label": self.fmt.channel_name(c), "contact": self.fmt.contact(c["contact"]), "number": c["contact"],
                "source": self.fmt.source_html(c["source_url"], True), "checked_on": self.fmt.day(c["checked_on"])}

    def of(self, dept: dict) -> list[tuple[str, list[dict]]]:
        """(heading, channels) for a department, nearest first: its own, its district's, its
        state's (the union's for union bodies), the nation's. A number listed nearer is
        not repeated further out, except a national helpline, which is always there."""
        own = self.own.get(dept["department_id"], [])
        district = self.districts.get((dept["state"], dept["district"]), []) if dept["district"] else []
        state = self.union if dept["state"] == "IN" else self.states.get(dept["state"], [])
        seen = {c["number"] for c in own}
        groups = [(self.t["elsewhere_own"], own)]
        middle = self.t["elsewhere_union" if dept["state"] == "IN" else "elsewhere_state"]
        for heading, channels in ((self.t["elsewhere_district"], district), (middle, state)):
            kept = [c for c in channels if c["number"] not in seen]
            seen |= {c["number"] for c in kept}
            groups.append((heading, kept))
        groups.append((self.t["elsewhere_national"], self.national))
        return [(Markup(heading), channels) for heading, channels in groups if channels]
