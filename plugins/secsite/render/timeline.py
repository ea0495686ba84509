"""A release's key dates drawn at build time (no scripts, no external files): an inline SVG for wide
screens and the same dates as a list for phones (secsite.css shows one of the two).

The SVG is a small Gantt chart: a month axis on top (a tick for every month, a name for as many as
fit), then one row per milestone or period, in date order, each with its label above its point or
bar. Labels are wrapped and kept inside the drawing from a generous estimate of their width, and no
line runs through a row: the axis, its ticks and the "Today" mark stay above the rows.
"""

from __future__ import annotations

from datetime import date

from markupsafe import Markup, escape

from ..policy import format_long

WIDTH, LEFT, RIGHT = 760, 16, 16
FONT, LINE = 15, 19  # label size and line height, in drawing units (about px at 760 px wide)
CHAR = 0.62 * FONT  # an average character's width, erring wide (digits and capitals)
AXIS, MONTH_LABEL, ROWS = 34, 56, 80  # y of the axis, of the month names, of the first row
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def timeline_svg(points: list[tuple[date, str, bool]], periods: list[tuple[date, date, str]], today: date) -> Markup:
    """``points`` are (date, label, missed) milestones, ``periods`` (start, end, label) bars."""
    items = [(d, d, f"{format_long(d)}: {label}{' (missed)' if missed else ''}", missed, False)
             for d, label, missed in points]
    items += [(s, e, f"{label}: {format_long(s)} to {format_long(e)}", False, True) for s, e, label in periods]
    if not items:
        return Markup("")
    items.sort(key=lambda i: (i[0], i[1]))
    # The axis runs from the first of the first month to the first of the month after the last.
    low, high = min(i[0] for i in items), max(i[1] for i in items)
    first = date(low.year, low.month, 1)
    last = _next_month(date(high.year, high.month, 1))
    span = (last - first).days

    def x(day: date) -> float:
        return round(LEFT + (WIDTH - LEFT - RIGHT) * (day - first).days / span, 1)

    parts: list[str] = []
    # Month ticks; names every `step` months so that they never touch.
    months = []
    m = first
    while m <= last:
        months.append(m)
        m = _next_month(m)
    spacing = (WIDTH - LEFT - RIGHT) / max(len(months) - 1, 1)
    step = next(s for s in (1, 2, 3, 4, 6, 12, 24, 48) if spacing * s >= 9 * CHAR * 0.8 or s == 48)
    year = None
    for i, m in enumerate(months):
        parts.append(f'<line x1="{x(m)}" y1="{AXIS}" x2="{x(m)}" y2="{AXIS + 6}" class="sec-tick sec-month"/>')
        if i % step == 0 and m < last:
            # The year with the first name of each year.
            name = MONTHS[m.month - 1] + (f" {m.year}" if m.year != year else "")
            year = m.year
            parts.append(_text(x(m), MONTH_LABEL, name, "sec-month-label", small=True))
    parts.append(f'<line x1="{LEFT}" y1="{AXIS}" x2="{WIDTH - RIGHT}" y2="{AXIS}" class="sec-axis"/>')
    if first <= today <= last:
        parts.append(f'<line x1="{x(today)}" y1="{AXIS - 12}" x2="{x(today)}" y2="{AXIS}" class="sec-today"/>')
        parts.append(_text(x(today), AXIS - 16, "Today", "sec-today-label", small=True))
    y = ROWS
    for start, end, label, missed, period in items:
        lines = _wrap(label, x(start))
        for n, line in enumerate(lines):
            parts.append(_text(x(start), y + n * LINE, line))
        mark = y + (len(lines) - 1) * LINE + 12
        if period:
            parts.append(f'<rect x="{x(start)}" y="{mark}" width="{max(x(end) - x(start), 3)}" height="8" class="sec-period"/>')
        else:
            css = "sec-point sec-missed" if missed else "sec-point"
            parts.append(f'<circle cx="{x(start)}" cy="{mark + 4}" r="5" class="{css}"/>')
        y = mark + 8 + LINE + 6
    height = y - LINE
    svg = (
        f'<svg class="sec-timeline" role="img" viewBox="0 0 {WIDTH} {height}" width="100%" '
        f'xmlns="http://www.w3.org/2000/svg" aria-labelledby="sec-timeline-title">'
        f'<title id="sec-timeline-title">Timeline from {escape(format_long(low))} to {escape(format_long(high))}</title>'
        + "".join(parts) + "</svg>"
    )
    entries = []
    for start, _end, label, missed, _period in items:
        css = ' class="sec-missed"' if missed else ""
        entries.append(f'<li{css}><time datetime="{start.isoformat()}">{escape(format_long(start))}</time> '
                       f'<span>{escape(label.split(": ", 1)[1] if not _period else label)}</span></li>')
    listing = f'<ol class="sec-timeline-list" aria-label="Key dates in order">{"".join(entries)}</ol>'
    return Markup(svg + listing)


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _wrap(text: str, at: float) -> list[str]:
    """Lines of ``text`` that fit the drawing when started at ``at`` (or moved left, see _text)."""
    room = int((WIDTH - LEFT - RIGHT) / CHAR)
    lines, line = [], ""
    for word in text.split():
        while len(word) > room:  # a word longer than the drawing: cut it (never happens with dates)
            if line:
                lines.append(line)
                line = ""
            lines.append(word[:room])
            word = word[room:]
        if line and len(line) + 1 + len(word) > room:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(line)
    return lines


def _text(at: float, y: float, text: str, css: str = "", small: bool = False) -> str:
    # Starts at its date, moved left as far as needed to end inside the drawing.
    width = len(text) * CHAR * (0.9 if small else 1)
    start = max(LEFT, min(at, WIDTH - RIGHT - width))
    klass = f' class="{css}"' if css else ""
    return f'<text x="{round(start, 1)}" y="{y}"{klass}>{escape(text)}</text>'
