"""The site's words for the data's codes, and the site-relative URL of each page (site contract, "Pages")."""

from __future__ import annotations

from ..model import PARTY_CATEGORIES

__all__ = [
    "PARTY_LABELS",
    "PARTY_SLUGS",
    "CUTOFF_NAMES",
    "STAGE_LABELS",
    "ROUTE_LABELS",
    "COST_LABELS",
    "DECIDERS",
    "FREEZE_PAGE",
    "modification_url",
    "release_url",
    "notice_url",
    "subscribe_urls",
]

PARTY_LABELS = {
    "large_suppliers": "Large Suppliers",
    "small_suppliers": "Small Suppliers",
    "electricity_networks": "Electricity Network Parties",
    "gas_networks": "Gas Network Parties",
    "other_parties": "Other SEC Parties",
}
# Calendar file names use hyphens (site contract: /calendars/<party-category>.ics).
PARTY_SLUGS = {key: key.replace("_", "-") for key in PARTY_CATEGORIES}

# Which scope a cut-off sets (R13), for short mentions such as "Systems cut-off".
CUTOFF_NAMES = {"systems-cutoff": "systems", "documentation-cutoff": "documentation"}

STAGE_LABELS = {
    "development": "Development Stage",
    "refinement": "Refinement Process",
    "report": "Report Phase",
    "decision": "Awaiting decision",
    "approved": "Approved",
    "rejected": "Rejected",
    "withdrawn": "Withdrawn",
    "on-hold": "On hold",
    "implemented": "Implemented",
}
ROUTE_LABELS = {
    "authority": "Authority decision",
    "self-governance": "Self-governance",
    "fast-track": "Fast-track self-governance",
    "authority-led": "Authority-led",
}
COST_LABELS = {
    "design_build_pit": "Design, build and Pre-Integration Testing (to end of PIT)",
    "sit": "System Integration Testing (SIT)",
    "uit": "User Integration Testing (UIT)",
    "implement_to_live": "Implement to live",
    "one_off_operational": "One-off operational",
    "ongoing_operational": "Ongoing operational (per year)",
}
DECIDERS = {"change-board": "the Change Board", "authority": "the Authority", "panel": "the Panel"}


FREEZE_PAGE = "how-releases-work/"  # change freezes have no page of their own: they are explained there


def modification_url(mod_id: str) -> str:
    """Site-relative URL of a modification page (site contract: ids lower-cased)."""
    return f"modifications/{mod_id.lower()}/"


def release_url(release_id: str) -> str:
    return f"releases/{release_id}/"


def notice_url(notice_id: str) -> str:
    return f"notices/{notice_id}/"


def subscribe_urls(site_url: str, path: str) -> tuple[str, str]:
    """The ``webcal://`` and ``https://`` addresses of a calendar: calendar apps subscribe to the
    first when it is clicked; the second is the one to paste into Outlook or Google Calendar."""
    absolute = site_url.rstrip("/") + "/" + path
    return "webcal://" + absolute.split("://", 1)[-1], absolute


def _md_text(text: str) -> str:
    """Plain data text placed inside generated Markdown: neutralise Markdown and HTML syntax."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    for char in "\\`*_[]()#!|":
        escaped = escaped.replace(char, "\\" + char)
    return escaped
