"""The SVG timeline of a release page (render/timeline.py), read back as XML: a drawing that parses, with
its labels inside the picture, a mark per month, "Today" in the right place and its rows in date
order; and the list for phones with the same dates.

The example: four milestones and a testing phase of a June 2027 release, drawn on 26 November 2026.
The axis runs from 1 June 2026 to 1 July 2027: 14 month marks (June 2026 to July 2027).
"""

from __future__ import annotations

from datetime import date
from xml.etree import ElementTree

from secsite.render.timeline import timeline_svg

SVG = "{http://www.w3.org/2000/svg}"
TODAY = date(2026, 11, 26)
POINTS = [
    (date(2027, 6, 24), "Go-live", False),
    (date(2026, 6, 24), "Scope cut-off for DCC and User system changes", False),
    (date(2026, 12, 23), "Scope cut-off for documentation-only changes", False),
    (date(2026, 9, 24), "Testing Approach Document to the TAG", True),
]
PERIODS = [(date(2027, 1, 11), date(2027, 4, 1), "SIT")]
# Drawing units: 760 wide with 16 either side; labels at font size 15; an average character is at
# most 0.62 em wide (digits and capitals), month names and "Today" are drawn at 0.9 of that.
WIDTH, MARGIN, CHAR = 760, 16, 0.62 * 15


def _parse(points=POINTS, periods=PERIODS, today=TODAY):
    html = str(timeline_svg(points, periods, today))
    root = ElementTree.fromstring(f"<div>{html}</div>")  # must be well-formed XML
    svg, listing = list(root)
    assert svg.tag == SVG + "svg" and listing.tag == "ol"
    return svg, listing


def _view_box(svg) -> tuple[float, float, float, float]:
    return tuple(float(n) for n in svg.get("viewBox").split())


def _labels(svg) -> list[ElementTree.Element]:
    return [t for t in svg.iter(SVG + "text") if t.get("class") is None]  # the rows' labels


def test_the_drawing_parses_and_names_its_span():
    svg, _ = _parse()
    assert svg.get("role") == "img"
    assert svg.findtext(SVG + "title") == "Timeline from 24 June 2026 to 24 June 2027"
    x0, y0, width, height = _view_box(svg)
    assert (x0, y0, width) == (0, 0, 760) and height > 0


def test_every_label_is_inside_the_drawing():
    long_label = "A very long milestone label that cannot fit on one line of the drawing however it is placed"
    points = POINTS + [(date(2027, 6, 30), long_label, False)]  # at the right edge
    svg, _ = _parse(points)
    _, _, width, height = _view_box(svg)
    texts = list(svg.iter(SVG + "text"))
    assert len(texts) > 6
    for text in texts:
        small = text.get("class") in ("sec-month-label", "sec-today-label")
        x, y = float(text.get("x")), float(text.get("y"))
        right = x + len(text.text) * CHAR * (0.9 if small else 1)
        assert MARGIN <= x and right <= width - MARGIN + 0.1, (text.text, x, right)
        assert 0 < y <= height, (text.text, y)
    # The long label, last in date order, was wrapped over several lines, none of its words lost.
    wrapped = [t.text for t in _labels(svg)][5:]
    assert len(wrapped) > 1
    assert " ".join(wrapped) == "30 June 2027: " + long_label


def test_a_mark_for_every_month_and_names_that_fit():
    svg, _ = _parse()
    ticks = [line for line in svg.iter(SVG + "line") if "sec-month" in line.get("class", "").split()]
    assert len(ticks) == 14  # June 2026 to July 2027
    xs = [float(t.get("x1")) for t in ticks]
    assert xs == sorted(xs) and xs[0] == 16 and xs[-1] == 744  # the first and the last at the margins
    # 13 months over 728 units (56 each) leave no room for a name every month: every other one,
    # with the year at the first name of each year.
    names = [t.text for t in svg.iter(SVG + "text") if t.get("class") == "sec-month-label"]
    assert names == ["Jun 2026", "Aug", "Oct", "Dec", "Feb 2027", "Apr", "Jun"]


def test_today_is_marked_between_the_first_of_november_and_the_first_of_december():
    svg, _ = _parse()
    ticks = [float(line.get("x1")) for line in svg.iter(SVG + "line") if "sec-month" in line.get("class", "").split()]
    november, december = ticks[5], ticks[6]  # June, July, August, September, October, November 2026
    today = next(line for line in svg.iter(SVG + "line") if line.get("class") == "sec-today")
    x = float(today.get("x1"))
    assert november < x < december
    # 26 November is 25 days into a 30-day month: well past the middle.
    assert x > (november + december) / 2
    assert [t.text for t in svg.iter(SVG + "text") if t.get("class") == "sec-today-label"] == ["Today"]


def test_no_today_mark_when_today_is_outside_the_axis():
    svg, _ = _parse(today=date(2028, 1, 5))
    assert [line for line in svg.iter(SVG + "line") if line.get("class") == "sec-today"] == []
    assert "Today" not in [t.text for t in svg.iter(SVG + "text")]


def test_rows_are_in_date_order_top_to_bottom_and_left_to_right():
    svg, _ = _parse()
    assert [t.text for t in _labels(svg)] == [
        "24 June 2026: Scope cut-off for DCC and User system changes",
        "24 September 2026: Testing Approach Document to the TAG (missed)",
        "23 December 2026: Scope cut-off for documentation-only changes",
        "SIT: 11 January 2027 to 1 April 2027",
        "24 June 2027: Go-live",
    ]
    ys = [float(t.get("y")) for t in _labels(svg)]
    assert ys == sorted(ys) and len(set(ys)) == 5
    circles = list(svg.iter(SVG + "circle"))
    assert len(circles) == 4
    cxs, cys = [float(c.get("cx")) for c in circles], [float(c.get("cy")) for c in circles]
    assert cxs == sorted(cxs) and cys == sorted(cys)
    # Only the missed milestone is drawn as missed.
    assert [c.get("class") for c in circles] == ["sec-point", "sec-point sec-missed", "sec-point", "sec-point"]
    # The testing phase is a bar from its start to its end, between December 2026 and June 2027.
    (bar,) = svg.iter(SVG + "rect")
    start, width = float(bar.get("x")), float(bar.get("width"))
    assert cxs[2] < start and start + width < cxs[3]


def test_the_phone_list_has_the_same_dates_in_the_same_order():
    _, listing = _parse()
    items = listing.findall("li")
    assert [li.find("time").get("datetime") for li in items] == [
        "2026-06-24", "2026-09-24", "2026-12-23", "2027-01-11", "2027-06-24"]
    assert [li.findtext("time") for li in items] == [
        "24 June 2026", "24 September 2026", "23 December 2026", "11 January 2027", "24 June 2027"]
    assert [li.findtext("span") for li in items] == [
        "Scope cut-off for DCC and User system changes",
        "Testing Approach Document to the TAG (missed)",
        "Scope cut-off for documentation-only changes",
        "SIT: 11 January 2027 to 1 April 2027",
        "Go-live",
    ]
    assert [li.get("class") for li in items] == [None, "sec-missed", None, None, None]


def test_labels_from_data_are_escaped():
    label = 'Note <b>bold</b> & "quoted"'
    svg, listing = _parse([(date(2027, 3, 4), label, False)], [], TODAY)
    assert [t.text for t in _labels(svg)] == ['4 March 2027: Note <b>bold</b> & "quoted"']  # text, not elements
    assert listing.find("li").findtext("span") == label
    assert list(svg.iter("b")) == [] and list(listing.iter("b")) == []


def test_nothing_is_drawn_without_dates():
    assert str(timeline_svg([], [], TODAY)) == ""
