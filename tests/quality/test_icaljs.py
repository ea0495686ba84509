"""Every .ics of the built site parses in Mozilla's ical.js (Thunderbird's parser) without errors."""

from __future__ import annotations

import icalendar
import pytest

from .quality_tools import HERE, TOOLS, run_node

pytestmark = pytest.mark.quality


@pytest.fixture(scope="module")
def parsed(icaljs, site, tmp_path_factory) -> dict:
    files = sorted(site.rglob("*.ics"))
    assert len(files) > 10
    job = {"tools": str(TOOLS), "files": [str(f) for f in files]}
    return run_node(icaljs, HERE / "icaljs.mjs", job, tmp_path_factory.mktemp("icaljs"), timeout=300)


def test_every_calendar_parses_in_icaljs(parsed, site):
    problems = [
        f"{file.removeprefix(str(site) + '/')}: {result['error'] or '; '.join(result['problems'])}"
        for file, result in parsed.items() if result["error"] or result["problems"]
    ]
    assert not problems, "\n".join(problems)


def test_icaljs_and_icalendar_see_the_same_events(parsed, site):
    differ = []
    for file, result in parsed.items():
        calendar = icalendar.Calendar.from_ical((site / file).read_bytes())
        expected = len(calendar.walk("VEVENT"))
        if result["events"] != expected:
            differ.append(f"{file.removeprefix(str(site) + '/')}: ical.js {result['events']}, icalendar {expected}")
    assert not differ, "\n".join(differ)
    assert sum(r["events"] for r in parsed.values()) > 0
