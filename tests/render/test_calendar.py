"""The .ics files as a calendar client sees them: parsed with icalendar, and checked byte by byte
where clients are stricter than parsers (CRLF, folding, UIDs, SEQUENCE, all-day dates)."""

from __future__ import annotations

import re
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar, vText
from icalendar.parser import Contentline

from conftest import SETTINGS, TODAY, VALID_MODIFICATION, VALID_RELEASE, modification
from secsite.model.diagnostics import errors
from secsite.model import PARTY_CATEGORIES
from secsite.render.calendar import _fold, calendars
from secsite.history.schedule import Settings
from secsite.checks import check_data, load
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


def checked_calendars(data, today: date = TODAY) -> dict[str, bytes]:
    """The calendars of valid data built on ``today``: a scenario the checks reject would prove nothing."""
    catalogue, schedule, found = check_data(data.root, Settings(today=today))
    assert errors(found) == [], [str(p) for p in errors(found)]
    return calendars(catalogue, schedule, SITE)


def parsed(raw: bytes) -> dict[str, object]:
    """Milestone key (or ``item.key`` for other items) → the VEVENT as icalendar parses it."""
    return {str(e["UID"]).split("@")[0]: e for e in Calendar.from_ical(raw).walk("VEVENT")}


def seen(event) -> tuple[date, date, int, str | None]:
    """What a client acts on: first day, DTEND (exclusive), SEQUENCE, STATUS."""
    return event.decoded("DTSTART"), event.decoded("DTEND"), int(event["SEQUENCE"]), event.get("STATUS")


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
    # Readers see the policy section, never this project's rule ids (formerly "R13, policy 5.3").
    assert "Set by policy 5.3." in cutoff and "R13" not in cutoff
    assert cutoff.endswith(f"\n\n{SITE}releases/2027-06/")
    doc = str(by_uid[f"2027-06.documentation-cutoff@{HOST}"]["DESCRIPTION"])
    assert "documentation-only modifications" in doc
    decision = by_uid[f"mp276.decision-by-2027-06@{HOST}"]
    assert str(decision["SUMMARY"]) == "MP276: decision needed by 10 December 2026 to be in the June 2027 SEC Release"
    assert "(policy 4.2)" in str(decision["DESCRIPTION"]) and "R9" not in str(decision["DESCRIPTION"])
    assert "15 April 2027" in str(decision["DESCRIPTION"])  # what a later decision means


def test_no_description_shows_a_rule_id(bundled):
    # Rule ids (R1 to R27) are this project's; readers get policy sections ("policy 5.3").
    _, files = bundled
    for path, raw in files.items():
        for event in Calendar.from_ical(raw).walk("VEVENT"):
            for name in ("SUMMARY", "DESCRIPTION"):
                assert not re.search(r"\bR\d+\b", str(event[name])), (path, str(event["UID"]), str(event[name]))


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


def test_each_kind_of_release_has_exactly_its_own_milestone_dates(bundled):
    # Worked out by hand from the bundled data, built on 26 November 2026 (non-working days: the
    # England and Wales bank holidays plus 24 and 31 December 2026, data/calendar.yml).
    # - June 2027, a scheduled System Release: go-live the last Thursday of June, 24 June 2027 (R1).
    #   Systems cut-off 12 months before, Wednesday 24 June 2026; TAD to the TAG 9 months before,
    #   Thursday 24 September 2026; documentation cut-off and TAD published 6 months before,
    #   Thursday 24 December 2026, a non-working day in the data, so Wednesday 23 December 2026;
    #   go-live evidence 6 weeks before, Thursday 13 May 2027; actual cost report 2 months after,
    #   Tuesday 24 August 2027 (R13, R17, R20, R21). Its testing phases (data): SIT from 11 January
    #   2027, UIT from 12 April 2027, revised once (SEQUENCE 1).
    # - February 2027, a scheduled Documentation Release: go-live the last Thursday of February,
    #   25 February 2027; documentation cut-off Tuesday 25 August 2026 (the summer bank holiday is
    #   the 31st); go-live evidence Thursday 14 January 2027. No systems cut-off, TAD or cost report.
    # - September 2026 (MP287), an ad hoc Documentation Release live on 17 September 2026:
    #   documentation cut-off Tuesday 17 March 2026, go-live evidence Thursday 6 August 2026.
    # - December 2026 (MP291), the ad hoc release implied by MP291's own date, 2 December 2026:
    #   nothing to prepare, only its go-live.
    # None of these events is cancelled.
    _, files = bundled
    expected = {
        "2027-06": {
            "systems-cutoff": ("20260624", "0"),
            "tad-to-tag": ("20260924", "0"),
            "documentation-cutoff": ("20261223", "0"),
            "tad-published": ("20261223", "0"),
            "testing-sit": ("20270111", "0"),
            "testing-uit": ("20270412", "1"),
            "go-live-evidence": ("20270513", "0"),
            "go-live": ("20270624", "0"),
            "actual-cost-report": ("20270824", "0"),
        },
        "2027-02": {
            "documentation-cutoff": ("20260825", "0"),
            "go-live-evidence": ("20270114", "0"),
            "go-live": ("20270225", "0"),
        },
        "2026-09-mp287": {
            "documentation-cutoff": ("20260317", "0"),
            "go-live-evidence": ("20260806", "0"),
            "go-live": ("20260917", "0"),
        },
        "2026-12-mp291": {"go-live": ("20261202", "0")},
    }
    for rid, dates in expected.items():
        events = event_lines(files[f"releases/{rid}/calendar.ics"])
        own = {key_of(u): lines for u, lines in events.items() if item_of(u) == rid}
        assert {key: (prop(lines, "DTSTART"), prop(lines, "SEQUENCE")) for key, lines in own.items()} == dates, rid
        assert not [key for key, lines in own.items() if "STATUS:CANCELLED" in lines], rid


def test_each_milestone_is_named_and_cites_its_policy_section(bundled):
    # What a subscriber reads for each key date of the bundled June 2027 System Release: the name
    # of the date, and the policy section that sets it (policy-rules.md: cut-offs R13 = 5.3, TAD
    # R17 = 6.1, go-live evidence R21 = 8, actual cost R20 = 7.3, scheduled go-live R1 = 3.1).
    # Formerly tests/policy/test_releases.py copied the milestone table itself.
    _, files = bundled
    cal = Calendar.from_ical(files["releases/2027-06/calendar.ics"])
    by_key = {key_of(str(e["UID"])): e for e in cal.walk("VEVENT") if item_of(str(e["UID"])) == "2027-06"}
    expected = {
        "systems-cutoff": ("June 2027 SEC Release: scope cut-off for DCC and User system changes", "Set by policy 5.3."),
        "documentation-cutoff": ("June 2027 SEC Release: scope cut-off for documentation-only changes", "Set by policy 5.3."),
        "tad-to-tag": ("June 2027 SEC Release: Testing Approach Document to the TAG", "Set by policy 6.1."),
        "tad-published": ("June 2027 SEC Release: Testing Approach Document published", "Set by policy 6.1."),
        "go-live-evidence": ("June 2027 SEC Release: go-live evidence to the Panel", "Set by policy 8."),
        "go-live": ("June 2027 SEC Release: go-live", "A scheduled SEC System Release (policy 3.1)."),
        "actual-cost-report": ("June 2027 SEC Release: actual cost report", "Set by policy 7.3."),
    }
    for key, (summary, cites) in expected.items():
        assert str(by_key[key]["SUMMARY"]) == summary, key
        paragraphs = str(by_key[key]["DESCRIPTION"]).split("\n\n")
        assert any(p == cites or p.startswith(cites + " ") for p in paragraphs), key


def test_a_release_turned_into_a_documentation_release_keeps_tombstones(bundled):
    # Bundled June 2025: go-live Thursday 26 June 2025 (last Thursday, R1), turned into a Documentation
    # Release on 12 July 2024. Systems cut-off 12 months before: Wednesday 26 June 2024, passed: it
    # stays (SEQUENCE 0). Still ahead on 12 July 2024, and gone with the System Release, as cancelled
    # tombstones (SEQUENCE 1): TAD to the TAG 9 months before, Thursday 26 September 2024; TAD published
    # 6 months before, 26 December 2024 is Boxing Day and 25 December Christmas Day, so Tuesday
    # 24 December 2024; actual cost report 2 months after, Tuesday 26 August 2025.
    _, files = bundled
    cal = Calendar.from_ical(files["releases/2025-06/calendar.ics"])
    by_key = {key_of(str(e["UID"])): e for e in cal.walk("VEVENT")}
    expected = {
        "systems-cutoff": (date(2024, 6, 26), 0, None),
        "tad-to-tag": (date(2024, 9, 26), 1, "CANCELLED"),
        "tad-published": (date(2024, 12, 24), 1, "CANCELLED"),
        "actual-cost-report": (date(2025, 8, 26), 1, "CANCELLED"),
        "go-live": (date(2025, 6, 26), 0, None),
    }
    for key, (day, sequence, status) in expected.items():
        event = by_key[key]
        assert (event.decoded("DTSTART"), int(event["SEQUENCE"]), event.get("STATUS")) == (day, sequence, status), key
    tombstone = by_key["tad-to-tag"]
    assert str(tombstone["SUMMARY"]) == "June 2025 SEC Release (cancelled): Testing Approach Document to the TAG"
    assert "on 12 July 2024 the June 2025 SEC Release became a SEC Documentation Release" in str(tombstone["DESCRIPTION"])
    assert "when the June 2025 SEC Release was a SEC System Release" in str(by_key["systems-cutoff"]["DESCRIPTION"])


def test_a_go_live_moved_after_the_systems_cut_off_moves_only_the_dates_ahead(bundled):
    # Bundled November 2027: rule go-live Thursday 4 November 2027, moved to Thursday 25 November 2027
    # on 19 November 2026. The systems cut-off (Wednesday 4 November 2026) had passed: it keeps its date
    # and SEQUENCE 0. Dates still ahead moved once: TAD to the TAG 9 months before, 4 February 2027 ->
    # Thursday 25 February 2027; go-live 4 -> 25 November 2027.
    _, files = bundled
    cal = Calendar.from_ical(files["releases/2027-11/calendar.ics"])
    by_key = {key_of(str(e["UID"])): e for e in cal.walk("VEVENT")}
    assert (by_key["systems-cutoff"].decoded("DTSTART"), int(by_key["systems-cutoff"]["SEQUENCE"])) == (date(2026, 11, 4), 0)
    assert (by_key["tad-to-tag"].decoded("DTSTART"), int(by_key["tad-to-tag"]["SEQUENCE"])) == (date(2027, 2, 25), 1)
    assert (by_key["go-live"].decoded("DTSTART"), int(by_key["go-live"]["SEQUENCE"])) == (date(2027, 11, 25), 1)
    assert (
        "Due 4 November 2026 under the go-live then in force (4 November 2027). The go-live now in force "
        "(25 November 2027) would give 25 November 2026, but a date that has passed keeps its value."
    ) in str(by_key["systems-cutoff"]["DESCRIPTION"])


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


def test_only_the_dccs_own_deadlines_are_shown_as_missed(bundled):
    # Bundled June 2027: the Panel set the systems scope on 10 July 2026, after the cut-off of
    # 24 June 2026; a cut-off is the Panel's, not a DCC obligation: no "later than" (R13).
    # Bundled June 2021: go-live Thursday 24 June 2021; the DCC published the Testing Approach
    # Document on 14 January 2021, after the deadline 6 months before, Thursday 24 December 2020 (R17).
    _, files = bundled
    june_2027 = event_lines(files["releases/2027-06/calendar.ics"])
    cutoff = prop(june_2027[f"2027-06.systems-cutoff@{HOST}"], "DESCRIPTION")
    assert "The Panel set the systems scope on 10 July 2026.\\n\\n" in cutoff
    assert "later than the policy allows" not in cutoff
    june_2021 = event_lines(files["releases/2021-06/calendar.ics"])
    tad = prop(june_2021[f"2021-06.tad-published@{HOST}"], "DESCRIPTION")
    assert "Published on 14 January 2021\\, later than the policy allows." in tad


def test_decision_by_dates_only_while_undecided(bundled):
    # Read from data/modifications, built on 26 November 2026: the modifications with conditional
    # implementation dates (policy 4.2) and no decision yet are MP273, MP276, MP279, MP280, MP290 and
    # MP292; each option's "decision needed by" day is a date in the data. Those decided (MP104 to
    # MP293, approved or rejected, none after 26 November 2026) have none, fall-backs included.
    _, files = bundled
    site = event_lines(files["calendar.ics"])
    found = {u.split("@")[0]: prop(lines, "DTSTART") for u, lines in site.items() if key_of(u).startswith("decision-by-")}
    assert found == {
        "mp273.decision-by-2027-06": "20261209",
        "mp276.decision-by-2027-06": "20261210",
        "mp276.decision-by-2027-11": "20270415",  # the fall-back option of an undecided one
        "mp279.decision-by-2027-02": "20261210",
        "mp279.decision-by-2027-06": "20270311",
        "mp280.decision-by-2027-11": "20270310",
        "mp290.decision-by-2028-06": "20270610",
        "mp292.decision-by-2028-06": "20270610",
    }


def test_an_implementation_date_off_every_release_go_live_is_an_ad_hoc_release(bundled):
    # MP291: ten Working Days after its decision on 18 November 2026 (policy 4.2), the decision day
    # not counted: 19, 20, 23, 24, 25, 26, 27, 30 November, 1, 2 December = 2 December 2026. Since
    # implementation dates off every go-live are ad hoc releases (policy 3.2, 3.4; issue 10, finding 10),
    # that release's go-live carries the date and no separate "implementation" event is left
    # (this test used to expect mp291.implementation).
    _, files = bundled
    site = event_lines(files["calendar.ics"])
    assert {u for u in site if key_of(u) == "implementation"} == set()
    go_live = site[f"2026-12-mp291.go-live@{HOST}"]
    assert "DTSTART;VALUE=DATE:20261202" in go_live and "DTEND;VALUE=DATE:20261203" in go_live
    assert "SEQUENCE:0" in go_live and f"URL:{SITE}releases/2026-12-mp291/" in go_live
    # It impacts Other SEC Parties only.
    assert f"2026-12-mp291.go-live@{HOST}" in uids(files["calendars/other-parties.ics"])
    assert f"2026-12-mp291.go-live@{HOST}" not in uids(files["calendars/gas-networks.ics"])


def test_party_category_calendar_holds_only_events_that_impact_it(bundled):
    # Read from data/modifications: the June 2027 release's scope is MP255 (large and small
    # suppliers, other parties), MP273 (large and small suppliers, electricity networks), MP275
    # (large and small suppliers) and MP276 (large and small suppliers, electricity networks).
    # MP279 (targeted at February 2027, fall-back June 2027) impacts every category. So the release's
    # go-live reaches every category but gas networks; the decision-by dates of MP273 and MP276 reach
    # suppliers and electricity networks only; MP279's reach all five.
    _, files = bundled
    watched = {
        f"2027-06.go-live@{HOST}", f"mp273.decision-by-2027-06@{HOST}", f"mp276.decision-by-2027-06@{HOST}",
        f"mp279.decision-by-2027-02@{HOST}", f"mp279.decision-by-2027-06@{HOST}",
    }
    mp279 = {f"mp279.decision-by-2027-02@{HOST}", f"mp279.decision-by-2027-06@{HOST}"}
    expected = {
        "large-suppliers": watched,
        "small-suppliers": watched,
        "electricity-networks": watched,
        "gas-networks": mp279,
        "other-parties": mp279 | {f"2027-06.go-live@{HOST}"},
    }
    for slug, uids_seen in expected.items():
        assert uids(files[f"calendars/{slug}.ics"]) & watched == uids_seen, slug


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

TESTING = """\
testing:
  phases:
    - name: SIT
      start: 2027-01-11
      end: 2027-04-01
    - name: UIT
      start: 2027-04-12
      end: 2027-05-28
"""

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
    # June 2027 go-live moves from Thursday 24 June to Wednesday 30 June 2027, approved 1 October 2026.
    # Since the history model, only dates still ahead on 1 October 2026 move and count a change (RFC
    # 5545 3.8.7.4); this test used to expect SEQUENCE 1 on every 2027-06 event:
    # - systems cut-off, Wednesday 24 June 2026, and TAD to the TAG, Thursday 24 September 2026, had
    #   passed: same dates, SEQUENCE 0;
    # - testing phases have revisions of their own (none here): SEQUENCE 0;
    # - documentation cut-off and TAD published: 24 December 2026 -> Wednesday 30 December 2026;
    #   go-live evidence, 6 weeks before: Thursday 13 May -> Wednesday 19 May 2027; actual cost report,
    #   2 months after: Tuesday 24 August -> 30 August 2027, the Summer bank holiday, so Friday 27 August.
    data.write("releases/2027-06.yml", VALID_RELEASE + TESTING)
    _, before = render(data.root)
    data.write("releases/2027-06.yml", MOVED_RELEASE + TESTING)
    _, after = render(data.root)
    assert before.keys() == after.keys()
    for path in before:
        assert uids(before[path]) == uids(after[path]), path
    old, new = event_lines(before["calendar.ics"]), event_lines(after["calendar.ics"])
    expected = {
        "systems-cutoff": ("20260624", "0"),
        "tad-to-tag": ("20260924", "0"),
        "testing-sit": ("20270111", "0"),
        "testing-uit": ("20270412", "0"),
        "documentation-cutoff": ("20261230", "1"),
        "tad-published": ("20261230", "1"),
        "go-live-evidence": ("20270519", "1"),
        "go-live": ("20270630", "1"),
        "actual-cost-report": ("20270827", "1"),
    }
    assert {key_of(u) for u in new if item_of(u) == "2027-06"} == set(expected)
    for key, (start, sequence) in expected.items():
        uid = f"2027-06.{key}@{HOST}"
        assert prop(old[uid], "SEQUENCE") == "0", uid
        assert (prop(new[uid], "DTSTART"), prop(new[uid], "SEQUENCE")) == (start, sequence), uid
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
    # Cancellation now has a date (``cancelled: true`` is refused): from 1 October 2026 every event
    # of the release is STATUS:CANCELLED, one change more (SEQUENCE 0 -> 1; it used to stay 0), and
    # its summary says so after the release name.
    data.write("releases/2027-06.yml", VALID_RELEASE + TESTING + CANCELLED)
    files = checked_calendars(data)
    events = event_lines(files["releases/2027-06/calendar.ics"])
    go_live = events[f"2027-06.go-live@{HOST}"]
    assert "STATUS:CANCELLED" in go_live and "SEQUENCE:1" in go_live
    assert prop(go_live, "SUMMARY") == "June 2027 SEC Release (cancelled): go-live"
    assert "The Panel cancelled the June 2027 SEC Release on 1 October 2026" in prop(go_live, "DESCRIPTION")
    mine = {uid: lines for uid, lines in events.items() if item_of(uid) == "2027-06"}
    assert {key_of(u) for u in mine} == RELEASE_KEYS | {"testing-sit", "testing-uit"}
    for uid, lines in mine.items():
        assert "STATUS:CANCELLED" in lines and "SEQUENCE:1" in lines, uid
        assert prop(lines, "SUMMARY").startswith("June 2027 SEC Release (cancelled): "), uid
    # MP100's decision-by date for it is cancelled with it; the one for November 2027 is not.
    site = event_lines(files["calendar.ics"])
    assert "STATUS:CANCELLED" in site[f"mp100.decision-by-2027-06@{HOST}"] and "SEQUENCE:1" in site[f"mp100.decision-by-2027-06@{HOST}"]
    assert prop(site[f"mp100.decision-by-2027-06@{HOST}"], "SUMMARY").startswith("MP100 (cancelled): ")
    assert "STATUS:CANCELLED" not in site[f"mp100.decision-by-2027-11@{HOST}"]
    assert "STATUS:CANCELLED" not in site[f"2027-11.go-live@{HOST}"]
    # The day before the decision nothing was cancelled yet.
    before = event_lines(checked_calendars(data, date(2026, 9, 30))["calendar.ics"])
    for uid in mine:
        assert "STATUS:CANCELLED" not in before[uid] and "SEQUENCE:0" in before[uid], uid


def test_dtstamp_is_the_build_date_and_nothing_else_moves_with_it(data):
    _, early = render(data.root)
    _, late = render(data.root, Settings(today=date(2026, 11, 30)))
    assert b"DTSTAMP:20261130T000000Z\r\n" in late["calendar.ics"]
    # Same data, later build date: only DTSTAMP differs (MP100 is still undecided on both days).
    assert early["calendar.ics"].replace(b"DTSTAMP:20261126T000000Z", b"DTSTAMP:20261130T000000Z") == late["calendar.ics"]


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


# --- history: SEQUENCE and STATUS from the recorded changes (RFC 5545 3.8.7.4) ------------------
#
# Dates worked out by hand (ncal), England and Wales bank holidays only (no data/calendar.yml):
# June 2027 go-live (R1): last Thursday of June 2027 = 24 June 2027. 12 months before: Wednesday
# 24 June 2026 (systems cut-off). 9 months before: Thursday 24 September 2026 (TAD to the TAG).
# 6 months before: Thursday 24 December 2026 (documentation cut-off, TAD published). 6 weeks before:
# Thursday 13 May 2027 (go-live evidence). 2 months after: Tuesday 24 August 2027 (actual cost report).

CANCELLED = """\
cancelled:
  decided: 2026-10-01
  reason: Nothing is left in its scope
"""

MOVED_TWICE = VALID_RELEASE + """\
go_live: 2027-07-08
date_changes:
  - requested: 2026-07-01
    approved: 2026-08-03
    by: authority
    date: 2027-07-01
    reason: The DCC needs another week of SIT
  - requested: 2026-10-01
    approved: 2026-10-15
    by: authority
    date: 2027-07-08
    reason: And another week of UIT
"""


def test_go_live_moved_twice(data):
    # 24 June 2027 -> Thursday 1 July 2027 (approved 3 August 2026) -> Thursday 8 July 2027 (approved
    # 15 October 2026). Each milestone moves with the go-live while it is still ahead, then keeps its date:
    # - systems cut-off 24 June 2026: passed before the first move: SEQUENCE 0;
    # - TAD to the TAG: 24 September 2026 -> 9 months before 1 July 2027 = Thursday 1 October 2026,
    #   which passed before the second move: SEQUENCE 1;
    # - documentation cut-off and TAD published: 24 December 2026 -> 1 January 2027 (New Year's Day,
    #   a Friday) so Thursday 31 December 2026 -> Friday 8 January 2027: SEQUENCE 2;
    # - go-live evidence: 13 May -> Thursday 20 May -> Thursday 27 May 2027: SEQUENCE 2;
    # - go-live 8 July 2027: SEQUENCE 2; actual cost report: 24 August -> Wednesday 1 September ->
    #   Wednesday 8 September 2027: SEQUENCE 2.
    data.write("releases/2027-06.yml", MOVED_TWICE)
    events = parsed(checked_calendars(data)["releases/2027-06/calendar.ics"])
    expected = {
        "systems-cutoff": (date(2026, 6, 24), 0),
        "tad-to-tag": (date(2026, 10, 1), 1),
        "documentation-cutoff": (date(2027, 1, 8), 2),
        "tad-published": (date(2027, 1, 8), 2),
        "go-live-evidence": (date(2027, 5, 27), 2),
        "go-live": (date(2027, 7, 8), 2),
        "actual-cost-report": (date(2027, 9, 8), 2),
    }
    for key, (day, sequence) in expected.items():
        assert seen(events[f"2027-06.{key}"]) == (day, day + timedelta(days=1), sequence, None), key
    # R4: named after its go-live month now. Passed dates say under which go-live they were due.
    assert str(events["2027-06.go-live"]["SUMMARY"]) == "July 2027 SEC Release: go-live"
    tad = str(events["2027-06.tad-to-tag"]["DESCRIPTION"])
    assert "Due 1 October 2026 under the go-live then in force (1 July 2027)." in tad
    # 9 months before 8 July 2027: Friday 8 October 2026.
    assert "The go-live now in force (8 July 2027) would give 8 October 2026" in tad
    assert "9 months before go-live on 1 July 2027" in tad
    cutoff = str(events["2027-06.systems-cutoff"]["DESCRIPTION"])
    assert "Due 24 June 2026 under the go-live then in force (24 June 2027)." in cutoff
    assert "Go-live moved from 24 June 2027 by 2 approved date changes, the latest approved on 15 October 2026" in str(
        events["2027-06.go-live"]["DESCRIPTION"]
    )


@pytest.mark.parametrize("today, go_live, tad_to_tag, sequence", [
    # Before any change: the rule dates, SEQUENCE 0.
    (date(2026, 8, 2), date(2027, 6, 24), date(2026, 9, 24), 0),
    # On the day of the first change and after it: one change known.
    (date(2026, 8, 3), date(2027, 7, 1), date(2026, 10, 1), 1),
    (date(2026, 10, 14), date(2027, 7, 1), date(2026, 10, 1), 1),
])
def test_a_build_dated_before_a_change_shows_the_sequence_as_it_was_then(data, today, go_live, tad_to_tag, sequence):
    data.write("releases/2027-06.yml", MOVED_TWICE)
    events = parsed(checked_calendars(data, today)["calendar.ics"])
    assert seen(events["2027-06.go-live"])[::2] == (go_live, sequence)
    assert seen(events["2027-06.tad-to-tag"])[::2] == (tad_to_tag, sequence)
    assert int(events["2027-06.systems-cutoff"]["SEQUENCE"]) == 0


REVISED_PHASE = VALID_RELEASE + """\
testing:
  phases:
    - name: SIT
      start: 2027-01-11
      end: 2027-04-01
      changes:
        - decided: 2026-10-20
          start: 2027-01-18
          end: 2027-04-09
          reason: The DCC's test environment upgrade slipped by a week
    - name: UIT
      start: 2027-04-12
      end: 2027-05-28
"""


def test_a_revised_testing_phase(data):
    # SIT 11 January to 1 April 2027, revised on 20 October 2026 to 18 January to 9 April 2027:
    # DTEND is the day after the last day, 10 April 2027; one change: SEQUENCE 1. UIT unchanged: 0.
    data.write("releases/2027-06.yml", REVISED_PHASE)
    events = parsed(checked_calendars(data)["releases/2027-06/calendar.ics"])
    assert seen(events["2027-06.testing-sit"]) == (date(2027, 1, 18), date(2027, 4, 10), 1, None)
    assert seen(events["2027-06.testing-uit"]) == (date(2027, 4, 12), date(2027, 5, 29), 0, None)
    description = str(events["2027-06.testing-sit"]["DESCRIPTION"])
    assert "from 18 January 2027 to 9 April 2027 inclusive" in description
    assert "Revised on 20 October 2026: The DCC's test environment upgrade slipped by a week" in description
    assert "First planned from 11 January 2027 to 1 April 2027." in description
    # The day before the revision: first dates, SEQUENCE 0.
    before = parsed(checked_calendars(data, date(2026, 10, 19))["calendar.ics"])
    assert seen(before["2027-06.testing-sit"]) == (date(2027, 1, 11), date(2027, 4, 2), 0, None)
    assert "Revised" not in str(before["2027-06.testing-sit"]["DESCRIPTION"])


FREEZES = """\
change_freezes:
  - id: 2026-christmas
    start: 2026-12-14
    end: 2027-01-04
    decided: 2026-06-01
    reason: Year-end support cover
    changes:
      - decided: 2026-09-15
        start: 2026-12-18
        end: 2027-01-08
        reason: Aligned with the DCC's own freeze
  - id: 2027-easter
    start: 2027-03-26
    end: 2027-03-29
    decided: 2026-12-01
    reason: Easter
"""


def test_a_revised_freeze_and_one_not_yet_decided(data):
    # Christmas freeze 14 December 2026 to 4 January 2027, revised on 15 September 2026 to
    # 18 December 2026 to 8 January 2027: DTEND 9 January 2027, SEQUENCE 1.
    # Easter freeze decided on 1 December 2026, after T (26 November 2026): not shown yet.
    data.write("calendar.yml", FREEZES)
    events = parsed(checked_calendars(data)["calendar.ics"])
    christmas = events["calendar.freeze-2026-christmas"]
    assert seen(christmas) == (date(2026, 12, 18), date(2027, 1, 9), 1, None)
    assert str(christmas["SUMMARY"]) == "Change freeze: 18 December 2026 to 8 January 2027"
    assert "Revised on 15 September 2026: Aligned with the DCC's own freeze" in str(christmas["DESCRIPTION"])
    assert "calendar.freeze-2027-easter" not in events
    # Before the revision: the first dates, SEQUENCE 0; before its decision: not there at all.
    assert seen(parsed(checked_calendars(data, date(2026, 9, 14))["calendar.ics"])["calendar.freeze-2026-christmas"]) == (
        date(2026, 12, 14), date(2027, 1, 5), 0, None,
    )
    assert "calendar.freeze-2026-christmas" not in parsed(checked_calendars(data, date(2026, 5, 31))["calendar.ics"])
    # Once decided, Easter appears: Good Friday 26 March to Easter Monday 29 March 2027, SEQUENCE 0.
    later = parsed(checked_calendars(data, date(2026, 12, 1))["calendar.ics"])
    assert seen(later["calendar.freeze-2027-easter"]) == (date(2027, 3, 26), date(2027, 3, 30), 0, None)


def test_a_cancelled_release_after_a_go_live_move(data):
    # Go-live moved to 30 June 2027 on 1 October 2026 (MOVED_RELEASE), then cancelled on 1 October
    # 2026 too: one day, one change for the go-live (SEQUENCE 1). Cancelled on a later day instead,
    # 2 November 2026: the go-live counts both (SEQUENCE 2), the systems cut-off (passed, never moved)
    # only the cancellation (SEQUENCE 1).
    data.write("releases/2027-06.yml", MOVED_RELEASE + CANCELLED)
    events = parsed(checked_calendars(data)["calendar.ics"])
    assert seen(events["2027-06.go-live"]) == (date(2027, 6, 30), date(2027, 7, 1), 1, "CANCELLED")
    data.write("releases/2027-06.yml", MOVED_RELEASE + CANCELLED.replace("2026-10-01", "2026-11-02"))
    events = parsed(checked_calendars(data)["calendar.ics"])
    assert seen(events["2027-06.go-live"]) == (date(2027, 6, 30), date(2027, 7, 1), 2, "CANCELLED")
    assert seen(events["2027-06.systems-cutoff"]) == (date(2026, 6, 24), date(2026, 6, 25), 1, "CANCELLED")
    assert str(events["2027-06.go-live"]["SUMMARY"]) == "June 2027 SEC Release (cancelled): go-live"


CONVERTED = VALID_RELEASE + """\
type: documentation
type_changes:
  - decided: 2026-09-01
    type: documentation
    reason: No modification in scope impacts DCC or User systems
"""


def test_conversion_to_a_documentation_release_leaves_tombstones(data):
    # Turned into a Documentation Release on 1 September 2026. Passed by then, so kept as they were:
    # the systems cut-off (24 June 2026). Still ahead, and no longer dates of a Documentation Release:
    # TAD to the TAG (24 September 2026), TAD published (24 December 2026), actual cost report
    # (24 August 2027): cancelled tombstones with those dates, SEQUENCE 1. The rest is unchanged.
    data.write("modifications/MP100.yml", VALID_MODIFICATION.replace("dcc_systems: true", "dcc_systems: false"))
    data.write("releases/2027-06.yml", CONVERTED)
    events = parsed(checked_calendars(data)["releases/2027-06/calendar.ics"])
    expected = {
        "systems-cutoff": (date(2026, 6, 24), 0, None),
        "tad-to-tag": (date(2026, 9, 24), 1, "CANCELLED"),
        "documentation-cutoff": (date(2026, 12, 24), 0, None),
        "tad-published": (date(2026, 12, 24), 1, "CANCELLED"),
        "go-live-evidence": (date(2027, 5, 13), 0, None),
        "go-live": (date(2027, 6, 24), 0, None),
        "actual-cost-report": (date(2027, 8, 24), 1, "CANCELLED"),
    }
    assert {key for key in events if key.startswith("2027-06.")} == {f"2027-06.{key}" for key in expected}
    for key, (day, sequence, status) in expected.items():
        assert seen(events[f"2027-06.{key}"]) == (day, day + timedelta(days=1), sequence, status), key
    tombstone = events["2027-06.actual-cost-report"]
    assert str(tombstone["SUMMARY"]) == "June 2027 SEC Release (cancelled): actual cost report"
    assert (
        "This date no longer applies: on 1 September 2026 the June 2027 SEC Release became a SEC "
        "Documentation Release (policy 3.1), which has no actual cost report. It was due on 24 August 2027."
    ) in str(tombstone["DESCRIPTION"])
    # Built before the decision: a System Release with all its dates, nothing cancelled.
    before = parsed(checked_calendars(data, date(2026, 8, 31))["calendar.ics"])
    for key, (day, _, _) in expected.items():
        assert seen(before[f"2027-06.{key}"]) == (day, day + timedelta(days=1), 0, None), key


NO_GO = """\
go_live_decision:
  date: 2027-05-14
  outcome: no-go
  note: Two Severity 1 defects are still open
"""


def test_a_no_go_postpones_the_go_live_until_a_new_date(data):
    # No-go on 14 May 2027 for the go-live of 24 June 2027: the go-live event is cancelled (SEQUENCE 1),
    # its summary says "(postponed)" after the release name. A new go-live of Thursday 29 July 2027 approved on 10 June 2027
    # brings it back (SEQUENCE 2); the actual cost report moves from 24 August to Wednesday
    # 29 September 2027 (SEQUENCE 1), and the go-live evidence (13 May 2027, passed) stays (SEQUENCE 0).
    data.write("releases/2027-06.yml", VALID_RELEASE + NO_GO)
    events = parsed(checked_calendars(data, date(2027, 5, 20))["calendar.ics"])
    go_live = events["2027-06.go-live"]
    assert seen(go_live) == (date(2027, 6, 24), date(2027, 6, 25), 1, "CANCELLED")
    assert str(go_live["SUMMARY"]) == "June 2027 SEC Release (postponed): go-live"
    assert "On 14 May 2027 the Panel decided that the release would not go live on 24 June 2027" in str(go_live["DESCRIPTION"])
    assert events["2027-06.go-live-evidence"].get("STATUS") is None
    data.write("releases/2027-06.yml", VALID_RELEASE + NO_GO + """\
go_live: 2027-07-29
date_changes:
  - requested: 2027-05-14
    approved: 2027-06-10
    by: authority
    date: 2027-07-29
    reason: New date after the no-go
""")
    events = parsed(checked_calendars(data, date(2027, 6, 15))["calendar.ics"])
    assert seen(events["2027-06.go-live"]) == (date(2027, 7, 29), date(2027, 7, 30), 2, None)
    assert str(events["2027-06.go-live"]["SUMMARY"]) == "July 2027 SEC Release: go-live"
    assert seen(events["2027-06.actual-cost-report"]) == (date(2027, 9, 29), date(2027, 9, 30), 1, None)
    assert seen(events["2027-06.go-live-evidence"]) == (date(2027, 5, 13), date(2027, 5, 14), 0, None)


def test_decision_by_events_stay_until_the_decision_is_known(data):
    # MP201 is approved on 2 December 2026, after T (26 November 2026): on T the decision is not known,
    # so both decision-by dates are still shown; from 2 December they are gone.
    data.write("modifications/MP201.yml", modification("MP201", """\
        implementation:
          set: 2026-01-20
          dates:
            - release: "2027-06"
              decision_by: 2026-12-10
            - release: "2027-11"
              decision_by: 2027-03-01
        decision:
          date: 2026-12-02
          by: authority
          outcome: approved
        """, stage="approved", dcc=False))
    keys = {key for key in parsed(checked_calendars(data)["calendar.ics"]) if key.startswith("mp201.")}
    assert keys == {"mp201.decision-by-2027-06", "mp201.decision-by-2027-11"}
    later = parsed(checked_calendars(data, date(2026, 12, 2))["calendar.ics"])
    assert not [key for key in later if key.startswith("mp201.")]


def test_history_scenarios_render_byte_identically_and_without_rule_ids(data):
    data.write("releases/2027-06.yml", CONVERTED + "cancelled:\n  decided: 2026-11-02\n  reason: Nothing left\n")
    data.write("modifications/MP100.yml", VALID_MODIFICATION.replace("dcc_systems: true", "dcc_systems: false"))
    data.write("calendar.yml", FREEZES)
    first, second = checked_calendars(data), checked_calendars(data)
    assert first == second
    for event in Calendar.from_ical(first["calendar.ics"]).walk("VEVENT"):
        assert not re.search(r"\bR\d+\b", str(event["DESCRIPTION"])), str(event["UID"])
    # A tombstone cancelled again with its release does not count twice: TAD to the TAG stays at 1.
    events = parsed(first["calendar.ics"])
    assert seen(events["2027-06.tad-to-tag"]) == (date(2026, 9, 24), date(2026, 9, 25), 1, "CANCELLED")
    assert seen(events["2027-06.go-live"]) == (date(2027, 6, 24), date(2027, 6, 25), 1, "CANCELLED")
