"""Pages as Markdown for MkDocs: static headings in Markdown (for the table of contents and search),
everything from data in HTML blocks written by autoescaping Jinja templates."""

from __future__ import annotations

import datetime
import functools
import json
from typing import NamedTuple
from markupsafe import Markup, escape
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from .. import views
from ..policy import format_long
from ..history.schedule import ModificationView, ReleaseView, Schedule
from .links import Links, site_links
from .markdown import render_markdown
from .timeline import timeline_svg


def _money(value: float | None) -> str:
    if value is None:
        return "–"
    sign = "−" if value < 0 else ""
    value = abs(value)
    return f"{sign}£{value:,.0f}" if float(value).is_integer() else f"{sign}£{value:,.2f}"


@functools.cache  # one per process: a preview's rebuilds reuse the compiled templates
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("secsite", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # templates ship with the package: no need to look at the file each page
    )
    env.filters.update(
        date=lambda d: format_long(d) if d else "–",
        iso=lambda d: d.isoformat() if d else "",
        # A date as readers see it, machine-readable and kept on one line in tables (secsite.css).
        time=lambda d: Markup('<time datetime="{}">{}</time>').format(d.isoformat(), format_long(d)) if d else "–",
        money=_money,
        markdown=render_markdown,
        # A JSON string is a valid YAML scalar. MkDocs' theme templates print the title and
        # description without escaping, so the text is HTML-escaped before it goes in.
        front_matter=lambda s: Markup(json.dumps(str(escape(s)), ensure_ascii=False)),
    )
    env.globals.update(
        PARTY_LABELS=views.PARTY_LABELS,
        STAGE_LABELS=views.STAGE_LABELS,
        CUTOFF_NAMES=views.CUTOFF_NAMES,
        ROUTE_LABELS=views.ROUTE_LABELS,
        COST_LABELS=views.COST_LABELS,
        DECIDERS=views.DECIDERS,
        modification_url=views.modification_url,
        release_url=views.release_url,
        notice_url=views.notice_url,
        party_url=views.party_url,
        IMPACT_LEVELS=views.IMPACT_LEVELS,
        IMPACT_LABELS=views.IMPACT_LABELS,
        PARTY_SLUGS=views.PARTY_SLUGS,
    )
    return env


class NoticeLink(NamedTuple):
    id: str
    title: str
    date: datetime.date


class RenderedPages:
    """Pages rendered by the previous build, each with everything it was rendered from, so that a
    rebuild (the editors' preview) renders again only the pages whose inputs changed.

    A page is taken from here only when its inputs are equal (``==``, which the views' frozen
    dataclasses and the models compare field by field) to those of last time, and so is what every
    page shares: the build date, the release names and the pages' URLs. Where the inputs cannot be
    told equal, the page is rendered anew: this can only cost time, never show a stale page. Only
    the pages with inputs fully listed use it (a modification's page, a notice's page)."""

    def __init__(self) -> None:
        self._shared: object = None
        self._last: dict[tuple, tuple] = {}
        self._now: dict[tuple, tuple] = {}
        self.rendered = 0  # pages rendered anew by the last build

    def start(self, shared: object) -> None:
        """A new build, with what every page shares."""
        self._last = self._now if shared == self._shared else {}
        self._now, self._shared, self.rendered = {}, shared, 0

    def get(self, page: tuple, inputs: tuple, render) -> str:
        found = self._last.get(page)
        if found is None or found[0] != inputs:
            found = (inputs, render())
            self.rendered += 1
        self._now[page] = found
        return found[1]


def _site_root(path: str) -> str:
    return "/" + path  # a site-root link, made relative to each page by render.links.site_links


class PageRenderer:
    """Renders every generated page of one build; holds what all pages share."""

    def __init__(self, schedule: Schedule, notices: list[views.NoticeView], site_url: str,
                 changes: list[views.ChangeView] | None = None, links: Links | None = None, freezes=(),
                 reuse: RenderedPages | None = None):
        self.schedule = schedule
        self.freezes = freezes  # the change freezes of data/calendar.yml (home page key dates)
        self.links = links or Links()
        self.notices = notices
        self.change_entries = changes or []  # views.change_log: every change up to the build date, newest first
        self.changes_by_release = views.changes_by_release(self.change_entries)
        self._entry_html: dict[int, Markup] = {}  # each change entry's HTML, with site-root links
        self.names = views.release_names(schedule)
        self.site_url = site_url
        self.env = _environment()
        self.today = schedule.settings.today
        self.notices_by_release: dict[str, list[views.NoticeView]] = {}
        self.notices_by_modification: dict[str, list[views.NoticeView]] = {}
        for notice in notices:
            for rid in notice.releases:
                self.notices_by_release.setdefault(rid, []).append(notice)
            for mid in notice.modifications:
                self.notices_by_modification.setdefault(mid, []).append(notice)
        self.reuse = reuse
        if reuse is not None:
            reuse.start((self.today, site_url, tuple(self.names.items()), tuple(self.links.urls.items())))

    def _reused(self, page: tuple, inputs: tuple, render) -> str:
        return render() if self.reuse is None else self.reuse.get(page, inputs, render)

    def _render(self, template: str, page: str, **context) -> str:
        """Render ``template`` for the page at site-contract path ``page``: ``href(path)`` links from
        it to any other page, as MkDocs builds their URLs."""
        href = self.links.linker(page)
        return self.env.get_template(template).render(
            href=href, today=self.today, names=self.names, schedule=self.schedule,
            subscribe=lambda path: views.subscribe_urls(self.site_url, path),
            site_links=lambda html: site_links(html, href),
            change_entries=lambda entries: self._change_entries(entries, href), **context
        )

    def _change_entries(self, entries: list[views.ChangeView], href) -> Markup:
        """Change entries as list items (templates/changes_entry.html.j2). An entry is on /changes/
        and on one or two release pages: each is rendered once, with site-root links, and a page's
        list is made relative to it in one pass."""
        items = []
        for entry in entries:
            html = self._entry_html.get(id(entry))
            if html is None:
                html = self._entry_html[id(entry)] = self.env.get_template("changes_entry.html.j2").module.entry(entry, _site_root)
            items.append(html)
        return site_links("\n".join(items), href)

    def modification(self, view: ModificationView) -> str:
        options = view.options
        wording = [views.option_wording(options, i, self.names) for i in range(len(options))]
        if view.mod.implementation and view.mod.implementation.working_days_after_decision:
            wording = [views.working_days_wording(view)]
        original, alternatives = views.related_proposals(view.id, self.schedule.modifications)
        context = dict(
            view=view,
            mod=view.mod,
            original=original,  # MP122 for MP122A, and the other way round (alternatives)
            alternatives=alternatives,
            wording=wording,
            applies=views.option_that_applies(view),
            awaiting=views.awaiting_reason(view, self.schedule),
            revisions=views.revisions(view, self.schedule),
            summary=views.implementation_summary(view, self.names),
            # Only what the page shows of each notice, so that a notice's new text (a title in a
            # release's scope list) does not make every page that links it count as changed.
            notices=[NoticeLink(n.id, n.title, n.date) for n in self.notices_by_modification.get(view.id, [])],
        )
        # Everything the template reads: the context, and the titles of the related proposals.
        titles = tuple(self.schedule.modifications[m].mod.title for m in [original, *alternatives] if m)
        inputs = (titles, *context.values())
        return self._reused(("modification", view.id), inputs,
                            lambda: self._render("modification.md.j2", views.modification_url(view.id), **context))

    def release(self, release: ReleaseView) -> str:
        data = release.data
        costs = views.release_costs(release, self.today)
        record = views.release_record(release, self.today)
        phases = [(p.start, p.end, p.name) for p in record.phases]
        states = views.milestone_states(release)  # "Cancelled", "Postponed": the table and the timeline agree
        svg = timeline_svg([(m.due, m.label + (f" ({states[m.key].lower()})" if m.key in states else ""), m.missed)
                            for m in release.milestones], phases, self.today)
        mods = {p.modification_id: self.schedule.modifications[p.modification_id].mod for p in release.scope}
        return self._render(
            "release.md.j2",
            views.release_url(release.id),
            release=release,
            data=data,
            record=record,
            mods=mods,
            dcc_impacting=any(mods[p.modification_id].impacts.dcc_systems for p in release.in_scope()),
            costs=costs,
            scope_total=views.scope_cost_total(release, self.schedule),
            documents=views.documents_affected(release, self.schedule),
            timeline=svg,
            next_cutoff=views.next_cutoff(release, self.today),
            notices=self.notices_by_release.get(release.id, []),
            notes={m.key: views.milestone_note(release, m) for m in release.milestones},
            states=states,
            changes=self.changes_by_release.get(release.id, []),
        )

    def register(self, rows: list[views.RegisterRow]) -> str:
        lines = views.register_lines(self.schedule, rows)
        return self._render(
            "register.md.j2",
            "modifications/",
            lines=lines,
            active_count=sum(1 for line in lines if line.active),
            stages=sorted({r.stage for r in rows}, key=list(views.STAGE_LABELS).index),
            routes=sorted({r.route for r in rows}, key=list(views.ROUTE_LABELS).index),
            releases=[rid for rid in self.schedule.releases if any(r.release_id == rid for r in rows)],
        )

    def releases_index(self) -> str:
        return self._render(
            "releases.md.j2",
            "releases/",
            upcoming=views.upcoming_releases(self.schedule),
            past=views.past_releases(self.schedule),
            next_cutoff=lambda r: views.next_cutoff(r, self.today),
        )

    def notice(self, notice: views.NoticeView) -> str:
        return self._reused(("notice", notice.id), (notice,),
                            lambda: self._render("notice.md.j2", views.notice_url(notice.id), notice=notice))

    def notices_index(self) -> str:
        return self._render("notices.md.j2", "notices/", years=views.notices_by_year(self.notices),
                            kinds=views.notice_kinds(self.notices))

    def changes(self) -> str:
        """/changes/: the last twelve months of changes, newest first, under a heading per month."""
        recent = views.recent_changes(self.change_entries, self.today)
        return self._render(
            "changes.md.j2",
            "changes/",
            groups=views.changes_by_month(recent),
            first=views.changes_from(self.today),
        )


    # --- pieces of the hand-written home page (see secsite.macros) ---------------------------

    def home_releases(self, count: int) -> str:
        releases = views.upcoming_releases(self.schedule)[:count]
        return self._render("home_releases.html.j2", "", releases=releases)

    def home_key_dates(self, days: int) -> str:
        dates = views.home_key_dates(self.schedule, self.freezes, days)
        return self._render("home_key_dates.html.j2", "", dates=dates, days=days)

    def home_next(self) -> str:
        """The "Next" panel: what goes live next, when, what is in it, and the next cut-off."""
        return self._render("home_next.html.j2", "", panel=views.next_panel(self.schedule))

    def home_parties(self) -> str:
        """The choice of a Party Category: a link to each Party's page, remembered by a small script."""
        return self._render("home_parties.html.j2", "")

    def subscribe_calendars(self, page: str = "subscribe/") -> str:
        """Every calendar of the site contract, each as webcal:// and https:// with a copy button."""
        calendars = [("calendar.ics", "Every date", "Every release and modification date, change freezes included")]
        calendars += [(f"calendars/{views.PARTY_SLUGS[key]}.ics", label,
                       f"The dates of the releases and modifications that impact {label}")
                      for key, label in views.PARTY_LABELS.items()]
        return self._render("subscribe_calendars.html.j2", page, calendars=calendars)

    def party(self, party: views.PartyView) -> str:
        return self._render("party.md.j2", party.url, party=party)

    def parties_index(self, parties: list[views.PartyView]) -> str:
        return self._render("parties.md.j2", "parties/", parties=parties)

    def home_notices(self, count: int) -> str:
        return self._render("home_notices.html.j2", "", notices=self.notices[:count])
