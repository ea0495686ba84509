"""The .ics files as a calendar client sees them: parsed with icalendar, and checked byte by byte
where clients are stricter than parsers (CRLF, folding, UIDs, SEQUENCE, all-day dates)."""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar, vText
from icalendar.parser import Contentline

from conftest import SETTINGS, VALID_MODIFICATION, VALID_RELEASE
from secsite.model import PARTY_CATEGORIES
from secsite.render.calendar import _fold, calendars
from secsite.schedule import Settings, build_schedule
from secsite.validate import load
from secsite.views import PARTY_SLUGS

SITE = "https://sec-releases.example.org/"
HOST = "sec-releases.example.org"
BUNDLED = Path(__file__).resolve().parents[2] / "data"
RELEASE_KEYS = {
    "go-live", "systems-cutoff", "documentation-cutoff", "tad-to-tag", "tad-published",
    "go-live-evidence", "actual-cost-report",
}


# --- helpers ------------------------------------------------------------------------------------


def render(data_dir=BUNDLED, settings=SETTINGS, site_url=SITE):
    checked = load(data_dir, settings)
    return checked, calendars(checked.catalogue, checked.schedule, site_url)


@pytest.fixture(scope="module")
def bundled():
    return render()


def unfolded_lines(raw: bytes) -> list[str]:
    return raw.decode("utf-8").replace("\r\n ", "").split("\r\n")


def header(raw: bytes) -> list[str]:
    lines = unfolded_lines(raw)
    return lines[: lines.index("BEGIN:VEVENT")] if "BEGIN:VEVENT" in lines else lines


def event_blocks(raw: bytes) -> dict[str, bytes]:
    """UID → the event's raw bytes, BEGIN:VEVENT to END:VEVENT, as written (folded)."""
    blocks = {}
    for chunk in raw.split(b"BEGIN:VEVENT\r\n")[1:]:
        block = b"BEGIN:VEVENT\r\n" + chunk.split(b"END:VEVENT\r\n")[0] + b"END:VEVENT\r\n"
        uid = next(line for line in unfolded_lines(block) if line.startswith("UID:"))[4:]
        assert uid not in blocks, f"duplicate UID {uid}"
        blocks[uid] = block
    return blocks


def event_lines(raw: bytes) -> dict[str, list[str]]:
    """UID → the event's unfolded content lines."""
    return {uid: unfolded_lines(block)[:-1] for uid, block in event_blocks(raw).items()}


def prop(lines: list[str], name: str) -> str:
    found = [line.split(":", 1)[1] for line in lines if line.split(":", 1)[0].split(";")[0] == name]
    assert len(found) == 1, (name, lines)
    return found[0]


def uids(raw: bytes) -> set[str]:
    return set(event_blocks(raw))


def item_of(uid: str) -> str:
    return uid.split(".", 1)[0]


def key_of(uid: str) -> str:
    return uid.split(".", 1)[1].split("@", 1)[0]


def copy_bundled(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(BUNDLED, target)
    return target


# --- every file ---------------------------------------------------------------------------------


def test_one_file_per_release_and_party_category_plus_the_whole_site(bundled):
    checked, files = bundled
    expected = {"calendar.ics"}
    expected |= {f"releases/{rid}/calendar.ics" for rid in checked.schedule.releases}
    expected |= {f"calendars/{PARTY_SLUGS[c]}.ics" for c in PARTY_CATEGORIES}
    assert set(files) == expected
    assert "calendars/gas-networks.ics" in files and "releases/2027-06/calendar.ics" in files
    assert all(isinstance(raw, bytes) for raw in files.values())


def test_every_file_parses_and_is_strict_rfc5545(bundled):
    _, files = bundled
    for path, raw in files.items():
        cal = Calendar.from_ical(raw)
        assert cal.name == "VCALENDAR", path
        # CRLF everywhere: no bare LF or CR once the CRLF pairs are gone, and the file ends with one.
        assert raw.endswith(b"\r\n"), path
        assert b"\n" not in raw.replace(b"\r\n", b"") and b"\r" not in raw.replace(b"\r\n", b""), path
        for line in raw.split(b"\r\n"):
            assert len(line) <= 75, (path, line)
        head = header(raw)
        for line in (
            "VERSION:2.0",
            "PRODID:-//secsite//SEC Releases//EN",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "REFRESH-INTERVAL;VALUE=DURATION:PT12H",
            "X-PUBLISHED-TTL:PT12H",
            "X-WR-TIMEZONE:Europe/London",
        ):
            assert line in head, (path, line)
        assert prop(head, "NAME") == prop(head, "X-WR-CALNAME") != ""
        assert prop(head, "DESCRIPTION") == prop(head, "X-WR-CALDESC") != ""
        assert prop(head, "SOURCE") == SITE + path

        seen = set()
        for event in cal.walk("VEVENT"):
            uid = str(event["UID"])
            assert uid not in seen, (path, uid)
            seen.add(uid)
            assert uid.endswith("@" + HOST) and item_of(uid) == item_of(uid).lower()
            assert event.decoded("DTSTAMP").isoformat() == "2026-11-26T00:00:00+00:00"
            start, end = event.decoded("DTSTART"), event.decoded("DTEND")
            assert type(start) is date and type(end) is date, uid  # all-day, never 00:00Z datetimes
            assert end > start, uid
            assert [str(c) for c in event["CATEGORIES"].cats] == [key_of(uid)]
            assert int(event["SEQUENCE"]) >= 0
            url = str(event["URL"])
            assert url.startswith(SITE) and url.endswith("/")
            assert str(event["DESCRIPTION"]).endswith("\n\n" + url), uid
            assert str(event["SUMMARY"]).strip()
        for lines in event_lines(raw).values():
            assert prop(lines, "DTSTART").isdigit() and "DTSTART;VALUE=DATE:" + prop(lines, "DTSTART") in lines
            assert "DTEND;VALUE=DATE:" + prop(lines, "DTEND") in lines
        assert event_blocks(raw).keys() == seen


def test_events_sorted_by_date_then_uid(bundled):
    _, files = bundled
    for path, raw in files.items():
        order = [(prop(lines, "DTSTART"), uid) for uid, lines in event_lines(raw).items()]
        assert order == sorted(order), path


def test_june_2027_go_live_and_systems_cutoff_exact_lines(bundled):
    # Go-live: last Thursday of June 2027 = 24 June (R1). Systems cut-off: 12 months before =
    # 24 June 2026, a Wednesday and no bank holiday, so it stays (R13).
    _, files = bundled
    for path in ("calendar.ics", "releases/2027-06/calendar.ics", "calendars/large-suppliers.ics"):
        events = event_lines(files[path])
        go_live = events[f"2027-06.go-live@{HOST}"]
        for line in (
            f"UID:2027-06.go-live@{HOST}",
            "DTSTAMP:20261126T000000Z",
            "DTSTART;VALUE=DATE:20270624",
            "DTEND;VALUE=DATE:20270625",
            "CATEGORIES:go-live",
            "SEQUENCE:0",
            f"URL:{SITE}releases/2027-06/",
            "SUMMARY:June 2027 SEC Release: go-live",
        ):
            assert line in go_live, (path, line)
        cutoff = events[f"2027-06.systems-cutoff@{HOST}"]
        for line in (
            f"UID:2027-06.systems-cutoff@{HOST}",
            "DTSTART;VALUE=DATE:20260624",
            "DTEND;VALUE=DATE:20260625",
            "CATEGORIES:systems-cutoff",
            "SEQUENCE:0",
            f"URL:{SITE}releases/2027-06/",
            "SUMMARY:June 2027 SEC Release: scope cut-off for DCC and User system changes",
        ):
            assert line in cutoff, (path, line)


def test_descriptions_say_what_the_date_means_and_which_rule(bundled):
    _, files = bundled
    cal = Calendar.from_ical(files["releases/2027-06/calendar.ics"])
    by_uid = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    cutoff = str(by_uid[f"2027-06.systems-cutoff@{HOST}"]["DESCRIPTION"])
    assert "modifications that impact DCC or User systems" in cutoff
    assert "R13, policy 5.3" in cutoff
    assert cutoff.endswith(f"\n\n{SITE}releases/2027-06/")
    doc = str(by_uid[f"2027-06.documentation-cutoff@{HOST}"]["DESCRIPTION"])
    assert "documentation-only modifications" in doc
    decision = by_uid[f"mp276.decision-by-2027-06@{HOST}"]
    assert str(decision["SUMMARY"]) == "MP276: decision needed by 10 December 2026 to be in the June 2027 SEC Release"
    assert "R9, policy 4.2" in str(decision["DESCRIPTION"])
    assert "15 April 2027" in str(decision["DESCRIPTION"])  # what a later decision means


def test_calendar_names_are_meaningful(bundled):
    _, files = bundled
    names = {path: prop(header(raw), "X-WR-CALNAME") for path, raw in files.items()}
    assert names["calendar.ics"] == "SEC Releases: all dates"
    assert names["releases/2027-06/calendar.ics"] == "June 2027 SEC Release"
    assert names["calendars/large-suppliers.ics"] == "SEC Releases: Large Suppliers"
    assert names["calendars/gas-networks.ics"] == "SEC Releases: Gas Network Parties"


def test_an_event_is_the_same_bytes_in_every_file_and_the_site_file_has_them_all(bundled):
    _, files = bundled
    site = event_blocks(files["calendar.ics"])
    for path, raw in files.items():
        for uid, block in event_blocks(raw).items():
            assert site.get(uid) == block, (path, uid)


def test_two_renders_are_byte_identical():
    _, first = render()
    _, second = render()
    assert first == second
    assert list(first) == list(second)


def test_site_url_without_trailing_slash_or_with_a_path(bundled):
    _, files = bundled
    _, same = render(site_url=SITE.rstrip("/"))
    assert same == files
    _, sub = render(site_url="https://example.org/sec/")
    go_live = event_lines(sub["calendar.ics"])["2027-06.go-live@example.org"]
    assert "URL:https://example.org/sec/releases/2027-06/" in go_live


def test_site_url_must_be_absolute(bundled):
    checked, _ = bundled
    with pytest.raises(ValueError):
        calendars(checked.catalogue, checked.schedule, "/relative/")


# --- which events, in which file ---------------------------------------------------------------


def test_release_milestones_are_exactly_the_schedule_keys(bundled):
    checked, files = bundled
    for rid, release in checked.schedule.releases.items():
        found = {key_of(u) for u in uids(files[f"releases/{rid}/calendar.ics"]) if item_of(u) == rid}
        milestones = {m.key for m in release.milestones}
        assert {k for k in found if k in RELEASE_KEYS} == milestones, rid
        # A Documentation Release has no systems cut-off, TAD or actual-cost-report dates.
        if release.type == "documentation":
            assert milestones == {"documentation-cutoff", "go-live-evidence", "go-live"}


def test_june_2027_release_calendar(bundled):
    _, files = bundled
    found = uids(files["releases/2027-06/calendar.ics"])
    assert {f"2027-06.{k}@{HOST}" for k in RELEASE_KEYS} <= found
    # Testing phases run start to end inclusive: DTEND is the day after the last day.
    events = event_lines(files["releases/2027-06/calendar.ics"])
    sit = events[f"2027-06.testing-sit@{HOST}"]
    assert "DTSTART;VALUE=DATE:20270111" in sit and "DTEND;VALUE=DATE:20270402" in sit
    assert f"2027-06.testing-uit@{HOST}" in found
    # The Christmas freeze falls between the cut-offs and go-live.
    freeze = events[f"calendar.freeze-2026-christmas@{HOST}"]
    assert "DTSTART;VALUE=DATE:20261214" in freeze and "DTEND;VALUE=DATE:20270105" in freeze
    # Undecided modifications in scope: their decision-by date for this release, not for others.
    assert f"mp273.decision-by-2027-06@{HOST}" in found
    assert f"mp276.decision-by-2027-06@{HOST}" in found
    assert f"mp276.decision-by-2027-11@{HOST}" not in found
    # Nothing of other releases, nor of modifications outside the scope.
    items = {item_of(u) for u in found}
    assert items == {"2027-06", "calendar", "mp273", "mp276"}


def test_freeze_is_left_out_of_releases_it_does_not_touch(bundled):
    _, files = bundled
    assert f"calendar.freeze-2026-christmas@{HOST}" in uids(files["calendar.ics"])
    assert f"calendar.freeze-2026-christmas@{HOST}" not in uids(files["releases/2026-11/calendar.ics"])
    assert f"calendar.freeze-2026-christmas@{HOST}" not in uids(files["releases/2028-06/calendar.ics"])


def test_decision_by_dates_only_while_undecided(bundled):
    checked, files = bundled
    site = uids(files["calendar.ics"])
    for mod_id, view in checked.schedule.modifications.items():
        mine = {key_of(u) for u in site if item_of(u) == mod_id.lower() and key_of(u).startswith("decision-by-")}
        if view.mod.approved or view.mod.closed:
            assert mine == set(), mod_id
        else:
            assert mine == {f"decision-by-{o.release_id}" for o in view.options if o.release_id}, mod_id
    assert f"mp276.decision-by-2027-11@{HOST}" in site  # the fall-back option of an undecided one


def test_implementation_event_only_when_not_a_release_go_live(bundled):
    _, files = bundled
    site = event_lines(files["calendar.ics"])
    implementation = {u for u in site if key_of(u) == "implementation"}
    # MP291: ten Working Days after its decision on 18 November 2026 (R10) = 2 December 2026.
    assert implementation == {f"mp291.implementation@{HOST}"}
    mp291 = site[f"mp291.implementation@{HOST}"]
    assert "DTSTART;VALUE=DATE:20261202" in mp291 and "DTEND;VALUE=DATE:20261203" in mp291
    assert "SEQUENCE:0" in mp291 and f"URL:{SITE}modifications/mp291/" in mp291
    assert prop(mp291, "SUMMARY").startswith("MP291: ")
    assert "R10" in prop(mp291, "DESCRIPTION")
    # It impacts Other SEC Parties only.
    assert f"mp291.implementation@{HOST}" in uids(files["calendars/other-parties.ics"])
    assert f"mp291.implementation@{HOST}" not in uids(files["calendars/gas-networks.ics"])


def test_party_category_calendar_holds_only_events_that_impact_it(bundled):
    checked, files = bundled
    schedule = checked.schedule
    mods = {mid.lower(): v.mod for mid, v in schedule.modifications.items()}
    for category in PARTY_CATEGORIES:
        found = uids(files[f"calendars/{PARTY_SLUGS[category]}.ics"])
        assert found, category
        for uid in found:
            item = item_of(uid)
            if item in mods:
                assert category in mods[item].impacts.parties.impacted(), (category, uid)
            else:
                release = schedule.releases[item]  # no freezes: they belong to no item that impacts
                impacted = [
                    p.modification_id for p in release.in_scope()
                    if category in schedule.modifications[p.modification_id].mod.impacts.parties.impacted()
                ]
                assert impacted, (category, uid)


def test_gas_networks_calendar(bundled):
    _, files = bundled
    found = uids(files["calendars/gas-networks.ics"])
    # June 2028: MP292 impacts Gas Network Parties (high), and is undecided.
    assert f"2028-06.go-live@{HOST}" in found
    assert f"mp292.decision-by-2028-06@{HOST}" in found
    # June 2027: none of MP255, MP273, MP275, MP276 impacts gas networks.
    assert not {u for u in found if item_of(u) == "2027-06"}
    assert f"mp273.decision-by-2027-06@{HOST}" not in found
    assert not {u for u in found if key_of(u).startswith("freeze-")}
    # The whole-site calendar still has them all.
    assert f"2027-06.go-live@{HOST}" in uids(files["calendar.ics"])


# --- changes in the data, as subscribers see them ----------------------------------------------

MOVED_RELEASE = VALID_RELEASE + """\
go_live: 2027-06-30
date_changes:
  - requested: 2026-09-01
    approved: 2026-10-01
    by: authority
    date: 2027-06-30
    reason: The DCC needs another week of UIT
"""


def test_moving_a_go_live_keeps_every_uid_and_raises_sequence(data):
    _, before = render(data.root)
    data.write("releases/2027-06.yml", MOVED_RELEASE)
    _, after = render(data.root)
    assert before.keys() == after.keys()
    for path in before:
        assert uids(before[path]) == uids(after[path]), path
    old, new = event_lines(before["calendar.ics"]), event_lines(after["calendar.ics"])
    for uid in old:
        if item_of(uid) == "2027-06":
            assert prop(old[uid], "SEQUENCE") == "0" and prop(new[uid], "SEQUENCE") == "1", uid
    go_live = new[f"2027-06.go-live@{HOST}"]
    # DTEND crosses the month boundary.
    assert "DTSTART;VALUE=DATE:20270630" in go_live and "DTEND;VALUE=DATE:20270701" in go_live
    assert "approved date change" in prop(go_live, "DESCRIPTION")
    # MP100's decision-by date did not move, so its SEQUENCE stays; its text follows the go-live.
    uid = f"mp100.decision-by-2027-06@{HOST}"
    for line in ("DTSTART;VALUE=DATE:20261201", "SEQUENCE:0"):
        assert line in old[uid] and line in new[uid]
    assert "30 June 2027" in prop(new[uid], "DESCRIPTION")


NEW_MODIFICATION = VALID_MODIFICATION.replace("MP100", "MP999").replace(
    "large_suppliers: high", "gas_networks: high"
)


def test_adding_a_modification_changes_no_other_event(tmp_path):
    root = copy_bundled(tmp_path)
    _, before = render(root)
    (root / "modifications" / "MP999.yml").write_text(NEW_MODIFICATION, encoding="utf-8")
    _, after = render(root)
    assert before.keys() == after.keys()
    site_before = event_blocks(before["calendar.ics"])
    site_after = event_blocks(after["calendar.ics"])
    added = set(site_after) - set(site_before)
    assert added == {f"mp999.decision-by-2027-06@{HOST}", f"mp999.decision-by-2027-11@{HOST}"}
    for path in before:
        old, new = event_blocks(before[path]), event_blocks(after[path])
        assert set(old) <= set(new), path
        for uid, block in old.items():
            assert new[uid] == block, (path, uid)
    # It is in the June 2027 scope, so that release's calendar and the gas calendar gain it;
    # the gas calendar now also has the June 2027 release dates, as the same bytes as elsewhere.
    assert f"mp999.decision-by-2027-06@{HOST}" in uids(after["releases/2027-06/calendar.ics"])
    gas = event_blocks(after["calendars/gas-networks.ics"])
    assert gas[f"2027-06.go-live@{HOST}"] == site_before[f"2027-06.go-live@{HOST}"]


def test_text_is_escaped_and_periods_cross_the_year(data):
    reason = "Year end; DCC, Suppliers and\nnetworks rest"
    data.write(
        "calendar.yml",
        """\
        change_freezes:
          - id: year-end
            start: 2027-12-20
            end: 2027-12-31
            reason: "Year end; DCC, Suppliers and\\nnetworks rest"
        """,
    )
    _, files = render(data.root)
    raw = files["calendar.ics"]
    lines = event_lines(raw)[f"calendar.freeze-year-end@{HOST}"]
    assert "DTSTART;VALUE=DATE:20271220" in lines and "DTEND;VALUE=DATE:20280101" in lines
    assert "Year end\\; DCC\\, Suppliers and\\nnetworks rest" in prop(lines, "DESCRIPTION")
    event = next(e for e in Calendar.from_ical(raw).walk("VEVENT") if "year-end" in str(e["UID"]))
    assert reason in str(event["DESCRIPTION"])
    # The freeze overlaps neither the June 2027 release's cut-off-to-go-live period…
    assert f"calendar.freeze-year-end@{HOST}" not in uids(files["releases/2027-06/calendar.ics"])
    # …but does overlap November 2028's (systems cut-off November 2027).
    assert f"calendar.freeze-year-end@{HOST}" in uids(files["releases/2028-11/calendar.ics"])


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab ,;\\^:é£€😀") + ["\n"]), max_size=400), st.integers(0, 80))
def test_long_lines_fold_as_icalendar_folds_them(text, offset):
    """Clients join folded lines back together: never inside a character or an escape."""
    line = "DESCRIPTION:" + "x" * offset + vText(text).to_ical().decode("utf-8")
    folded = _fold(line.encode("utf-8"))
    assert folded == Contentline(line).to_ical()
    assert all(len(piece) <= 75 for piece in folded.split(b"\r\n"))
    assert folded.replace(b"\r\n ", b"").decode("utf-8") == line


def test_cancelled_release_keeps_its_events_marked_cancelled(data):
    data.write("releases/2027-06.yml", VALID_RELEASE + "cancelled: true\n")
    _, files = render(data.root)
    events = event_lines(files["releases/2027-06/calendar.ics"])
    go_live = events[f"2027-06.go-live@{HOST}"]
    assert "STATUS:CANCELLED" in go_live and "SEQUENCE:0" in go_live
    assert prop(go_live, "SUMMARY") == "June 2027 SEC Release (cancelled): go-live"
    assert all("STATUS:CANCELLED" in lines for uid, lines in events.items() if item_of(uid) == "2027-06")
    assert "STATUS:CANCELLED" not in event_lines(files["calendar.ics"])[f"2027-11.go-live@{HOST}"]


def test_dtstamp_is_the_build_date_and_nothing_else_moves_with_it(data):
    _, early = render(data.root)
    _, late = render(data.root, Settings(today=date(2026, 11, 30)))
    assert b"DTSTAMP:20261130T000000Z\r\n" in late["calendar.ics"]
    # Same data, later build date: only DTSTAMP differs (MP100 is still undecided on both days).
    assert early["calendar.ics"].replace(b"DTSTAMP:20261126T000000Z", b"DTSTAMP:20261130T000000Z") == late["calendar.ics"]


def test_schedule_built_directly_renders_the_same(bundled):
    checked, files = bundled
    schedule = build_schedule(checked.catalogue, SETTINGS)
    assert calendars(checked.catalogue, schedule, SITE) == files


def test_releases_of_the_horizon_without_data_still_get_a_calendar(bundled):
    checked, files = bundled
    last = list(checked.schedule.releases)[-1]
    assert checked.schedule.releases[last].data is None
    assert f"{last}.go-live@{HOST}" in uids(files[f"releases/{last}/calendar.ics"])
    # DTEND is exclusive for every event of a release: one day for milestones.
    for uid, lines in event_lines(files[f"releases/{last}/calendar.ics"]).items():
        start = date.fromisoformat(_iso(prop(lines, "DTSTART")))
        end = date.fromisoformat(_iso(prop(lines, "DTEND")))
        assert end - start == timedelta(days=1), uid


def _iso(value: str) -> str:
    return f"{value[:4]}-{value[4:6]}-{value[6:]}"
