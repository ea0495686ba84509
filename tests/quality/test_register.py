"""The Modifications Register, the Subscribe page's copy buttons and the remembered Party Category in
headless Chromium (tests/quality/register.mjs), on the example site built on 26 November 2026."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from .quality_tools import HERE, TOOLS, run_node

pytestmark = pytest.mark.quality


@pytest.fixture(scope="module")
def seen(browser_tools, site, server, tmp_path_factory) -> dict:
    node, chromium = browser_tools
    tmp = tmp_path_factory.mktemp("register")
    return run_node(node, HERE / "register.mjs", {"base": server, "chromium": chromium, "tools": str(TOOLS)}, tmp, timeout=300)


def part(seen, name) -> dict:
    result = seen[name]
    assert "error" not in result, result.get("error")
    assert result["problems"] == []
    return result


def test_default_view_is_active_modifications_by_next_key_date(seen):
    r = part(seen, "register")
    rows = r["all_rows"]
    active = [row for row in rows if row["active"] == "yes"]
    # Soonest next key date first, modifications without one last, ties in the page's (id) order.
    dated = sorted((row for row in active if row["next"]), key=lambda row: row["next"])
    expected = [row["id"] for row in dated] + [row["id"] for row in active if not row["next"]]
    assert r["default_ids"] == expected
    assert r["default_ids"][:3] == ["MP291", "MP273", "MP276"]  # 2, 9 and 10 December 2026
    assert r["default_count"] == f"{len(active)} of {len(active)} active shown"
    assert urlsplit(r["default_url"]).query == ""
    assert sorted(r["all_ids"]) == sorted(row["id"] for row in rows)
    assert r["all_count"] == f"{len(rows)} of {len(rows)} shown"
    assert parse_qs(urlsplit(r["all_url"]).query) == {"show": ["all"]}


def test_search_covers_every_visible_column_proposer_included(seen):
    r = part(seen, "register")
    # Brightwater Energy proposed these (data/modifications); none has the word elsewhere.
    assert sorted(r["proposer_ids"]) == ["MP245", "MP259", "MP276", "MP290", "SECMP0046"]
    assert r["route_ids"] == ["MP263"]  # the only Fast-track self-governance modification


def test_blank_dates_sort_last_both_ways(seen):
    r = part(seen, "register")
    for order, reverse in ((r["next_asc"], False), (r["next_desc"], True)):
        dated = [d for d in order if d]
        assert dated == sorted(dated, reverse=reverse)
        assert order == dated + [""] * (len(order) - len(dated))
        assert dated and len(dated) < len(order)


def test_impact_level_of_a_chosen_party_category(seen):
    r = part(seen, "register")
    impacts = dict(r["party_impacts"])
    assert impacts["MP255"] == "Low"  # highest is medium; Other SEC Parties: low
    assert impacts["MP291"] == "Low"
    assert "MP275" not in impacts  # no impact on Other SEC Parties: filtered out
    assert parse_qs(urlsplit(r["party_url"]).query)["party"] == ["other_parties"]
    assert r["party_after_reload"] == "other_parties"


def test_register_is_a_card_per_modification_on_a_phone(seen):
    r = part(seen, "phone")
    assert (r["row_display"], r["cell_display"]) == ("block", "block")
    assert r["label"] == '"Stage: "'
    assert r["row_width"] <= 390 and r["page_excess"] <= 0
    assert r["hidden_display"] == "none"


def test_copy_button_copies_the_calendar_address(seen):
    r = part(seen, "copy")
    assert r["buttons"] == 12
    assert r["value"] == "https://sec-releases.example.org/calendars/large-suppliers.ics"
    assert r["status"] == "Copied"
    assert r["clipboard"] == r["value"] or r["clipboard"].startswith("error")  # headless may refuse reads


def test_home_remembers_the_party_category(seen):
    r = part(seen, "remembered")
    assert r["before"] is False
    assert r["followed"].endswith("/parties/gas-networks/")
    assert r["after"] == "Your Party Category: Gas Network Parties"
    assert r["after_href"] == "parties/gas-networks/"
