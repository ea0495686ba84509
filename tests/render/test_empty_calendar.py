"""A calendar file with no event is still a valid iCalendar object (issue 13).

RFC 5545 3.6: a VCALENDAR holds at least one component. A Party Category that no modification
impacts has no event, so every calendar file carries the Europe/London VTIMEZONE. Checked on a real
build of a small site where only Large Suppliers are impacted (the seed data of ``DataDir``).
"""

from __future__ import annotations

import shutil
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from conftest import DataDir
from quality.quality_tools import TOOLS, need, npm_package, run_node
from secsite.checks import load
from secsite.history.schedule import Settings
from secsite.render.calendar import calendars
from sitebuild import build, project_copy

# The UK rules since 1996, written out by hand: BST from 01:00 GMT on the last Sunday of March,
# GMT from 02:00 BST on the last Sunday of October.
VTIMEZONE = [
    "BEGIN:VTIMEZONE",
    "TZID:Europe/London",
    "BEGIN:DAYLIGHT",
    "TZNAME:BST",
    "TZOFFSETFROM:+0000",
    "TZOFFSETTO:+0100",
    "DTSTART:19960331T010000",
    "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZNAME:GMT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0000",
    "DTSTART:19961027T020000",
    "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10",
    "END:STANDARD",
    "END:VTIMEZONE",
]
# Local wall-clock times either side of the changes of 2026-2028 (last Sundays: 29 March and 25
# October 2026, 28 March and 31 October 2027, 26 March and 29 October 2028) → offset in hours.
CLOCK = {
    datetime(2026, 3, 29, 0, 59): 0, datetime(2026, 3, 29, 3, 0): 1,
    datetime(2026, 10, 25, 0, 30): 1, datetime(2026, 10, 25, 2, 0): 0,
    datetime(2027, 3, 28, 0, 59): 0, datetime(2027, 3, 28, 3, 0): 1,
    datetime(2027, 10, 31, 0, 30): 1, datetime(2027, 10, 31, 2, 0): 0,
    datetime(2028, 3, 26, 0, 59): 0, datetime(2028, 3, 26, 3, 0): 1,
    datetime(2028, 10, 29, 0, 30): 1, datetime(2028, 10, 29, 2, 0): 0,
    datetime(2027, 1, 15, 12, 0): 0, datetime(2027, 7, 15, 12, 0): 1,
}
EMPTY = "calendars/gas-networks.ics"  # MP100, the only modification, impacts Large Suppliers only


def lines(raw: bytes) -> list[str]:
    return raw.decode("utf-8").replace("\r\n ", "").split("\r\n")


def vtimezone_of(raw: bytes) -> list[str]:
    found = lines(raw)
    start = found.index("BEGIN:VTIMEZONE")
    return found[start: found.index("END:VTIMEZONE") + 1]


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> tuple[Path, Path]:
    """(data folder, built site) of the seed data: one modification, impacting Large Suppliers."""
    tmp = tmp_path_factory.mktemp("small")
    data = DataDir(tmp / "data")
    project = project_copy(tmp, data=data.root)
    result = build(project, tmp / "site")
    assert result.returncode == 0, result.stderr
    return data.root, tmp / "site"


def test_a_party_calendar_without_events_holds_the_timezone(small):
    _, site = small
    raw = (site / EMPTY).read_bytes()
    calendar = Calendar.from_ical(raw)
    assert calendar.walk("VEVENT") == []
    assert [c.name for c in calendar.subcomponents] == ["VTIMEZONE"]
    assert vtimezone_of(raw) == VTIMEZONE
    assert lines(raw)[-2:] == ["END:VCALENDAR", ""]


def test_calendars_with_events_carry_the_same_timezone_before_their_events(small):
    _, site = small
    raw = (site / "calendars/large-suppliers.ics").read_bytes()
    calendar = Calendar.from_ical(raw)
    names = [c.name for c in calendar.subcomponents]
    assert names[0] == "VTIMEZONE" and names.count("VTIMEZONE") == 1
    assert "VEVENT" in names and set(names) == {"VTIMEZONE", "VEVENT"}
    assert vtimezone_of(raw) == VTIMEZONE
    for path in sorted(site.rglob("*.ics")):
        assert vtimezone_of(path.read_bytes()) == VTIMEZONE, path


def test_the_timezone_follows_the_uk_clock_changes(small):
    _, site = small
    zone = Calendar.from_ical((site / EMPTY).read_bytes()).walk("VTIMEZONE")[0].to_tz()
    for local, hours in CLOCK.items():
        assert local.replace(tzinfo=zone).utcoffset() == timedelta(hours=hours), local


def test_the_timezone_does_not_change_with_the_build_date(small):
    data, _ = small
    seen = set()
    for today in (date(2026, 11, 26), date(2026, 11, 27), date(2031, 6, 1)):
        checked = load(data, Settings(today=today))
        raw = calendars(checked.catalogue, checked.schedule, "https://sec-releases.example.org/")[EMPTY]
        seen.add(tuple(vtimezone_of(raw)))
    assert seen == {tuple(VTIMEZONE)}


# Reads one calendar with Mozilla's ical.js (Thunderbird's parser): the components it sees and the
# UTC offsets its Europe/London zone gives at the CLOCK times.
ICALJS = """
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
const job = JSON.parse(readFileSync(process.argv[2], "utf-8"));
const ICAL = (await import(pathToFileURL(path.join(job.tools, "node_modules/ical.js/dist/ical.js")).href)).default;
const calendar = new ICAL.Component(ICAL.parse(readFileSync(job.file, "utf-8")));
const zone = new ICAL.Timezone(calendar.getFirstSubcomponent("vtimezone"));
const offsets = job.times.map(([year, month, day, hour, minute]) =>
  zone.utcOffset(ICAL.Time.fromData({ year, month, day, hour, minute, second: 0 })));
process.stdout.write(JSON.stringify({
  name: calendar.name,
  components: calendar.getAllSubcomponents().map((c) => c.name),
  tzid: zone.tzid,
  offsets,
}));
"""


@pytest.mark.quality
def test_icaljs_reads_the_calendar_without_events(small, tmp_path):
    need("node", shutil.which("node"), "install Node.js (Debian: nodejs npm)")
    npm_package("ical.js")
    _, site = small
    script = tmp_path / "empty-calendar.mjs"
    script.write_text(ICALJS, encoding="utf-8")
    times = [[t.year, t.month, t.day, t.hour, t.minute] for t in CLOCK]
    job = {"tools": str(TOOLS), "file": str(site / EMPTY), "times": times}
    result = run_node(shutil.which("node"), script, job, tmp_path, timeout=60)
    assert result["name"] == "vcalendar"
    assert result["components"] == ["vtimezone"]
    assert result["tzid"] == "Europe/London"
    assert result["offsets"] == [hours * 3600 for hours in CLOCK.values()]
