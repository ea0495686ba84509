"""The notices feed, ``/feed.xml`` (site contract, "Feed"; RSS 2.0 with ``atom:link rel="self"``).

The feed is a pure function of the notices given and the build date:

- items newest first, sorted here by (date, id) and added with ``order='append'`` (feedgen
  prepends by default);
- each item's ``guid`` (``isPermaLink="true"``) and ``link`` are the notice page's absolute URL,
  which the contract fixes forever;
- ``pubDate`` is the notice date at 00:00 UTC. UTC rather than Europe/London keeps the value free
  of daylight-saving offsets and time-zone data; for readers in the UK it shows the notice's own
  date all year (00:00 or 01:00 local time);
- the description is the notice body as safe HTML (``render_markdown``) with every link made
  absolute, since feed readers show it out of the site (anchors 2, #5): a site-root link
  (``/releases/2027-06/``, as generated notices write them) to the page's URL under ``site_url``,
  a relative one against the notice page;
- ``lastBuildDate`` is the newest notice's date (the build date when there is none), never the
  clock; the generator is a fixed name.

The caller passes the published notices only (``views.published_notices`` holds back those
dated after the build date).
"""

from __future__ import annotations

from datetime import date, datetime, time, timezone

import lxml.html
from feedgen.feed import FeedGenerator

from ..views import NoticeView, notice_url
from .links import Links, site_links
from .markdown import render_markdown

DESCRIPTION = (
    "Notices about SEC Releases and SEC Modifications: approvals and their implementation dates, "
    "the 12-month, 6-month and 1-month notices of each release, and other announcements."
)
TTL_MINUTES = 720  # the same 12 hours the calendars ask for


def feed_xml(notices: list[NoticeView], site_url: str, build_date: date, title: str = "SEC Releases: notices",
             links: Links | None = None) -> bytes:
    """RSS 2.0 of ``notices`` (the published ones), newest first, as UTF-8 bytes."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    links = links or Links()
    ordered = sorted(notices, key=lambda n: (n.date, n.id), reverse=True)

    fg = FeedGenerator()
    fg.title(title)
    fg.description(DESCRIPTION)
    fg.language("en-GB")
    # feedgen uses the last link as the channel <link>, so the self link comes first.
    fg.link(href=base + "feed.xml", rel="self", type="application/rss+xml")
    fg.link(href=base, rel="alternate")
    fg.generator("secsite")  # replaces feedgen's default; no version, nothing from the clock
    fg.ttl(TTL_MINUTES)
    fg.lastBuildDate(_midnight_utc(ordered[0].date if ordered else build_date))

    for notice in ordered:
        page = links.absolute(base, notice_url(notice.id))
        entry = fg.add_entry(order="append")
        entry.title(notice.title)
        entry.link(href=page)
        entry.guid(page, permalink=True)
        entry.pubDate(_midnight_utc(notice.date))
        body = site_links(render_markdown(notice.body), lambda path: links.absolute(base, path))
        entry.description(absolute_links(str(body), page))
    return fg.rss_str(pretty=True, encoding="UTF-8", xml_declaration=True)


def absolute_links(html: str, page_url: str) -> str:
    """``html`` with every relative link (``href``, ``src``…) resolved against ``page_url``."""
    if not html.strip():
        return html
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    root.make_links_absolute(page_url, resolve_base_href=False, handle_failures="ignore")
    wrapped = lxml.html.tostring(root, encoding="unicode", method="html")
    return wrapped[len("<div>") : -len("</div>")]


def _midnight_utc(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=timezone.utc)
