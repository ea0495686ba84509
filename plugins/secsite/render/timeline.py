"""A release's key dates as an inline SVG drawn at build time (no scripts, no external files)."""

from __future__ import annotations

from datetime import date

from markupsafe import Markup, escape

from ..policy import format_long

WIDTH, LEFT, RIGHT, ROW = 760, 20, 20, 22


def timeline_svg(points: list[tuple[date, str, bool]], periods: list[tuple[date, date, str]], today: date) -> Markup:
    """``points`` are (date, label, missed) milestones, ``periods`` (start, end, label) bars."""
    days = [d for d, _, _ in points] + [d for p in periods for d in p[:2]]
    if not days:
        return Markup("")
    first, last = min(days), max(days)
    span = max((last - first).days, 1)

    def x(day: date) -> float:
        return round(LEFT + (WIDTH - LEFT - RIGHT) * (day - first).days / span, 1)

    height = 40 + ROW * len(points) + (ROW + 12) * len(periods)
    axis = 24
    parts = [
        f'<svg class="sec-timeline" role="img" viewBox="0 0 {WIDTH} {height}" width="100%" '
        f'xmlns="http://www.w3.org/2000/svg" aria-labelledby="sec-timeline-title">',
        f'<title id="sec-timeline-title">Timeline from {escape(format_long(first))} to {escape(format_long(last))}</title>',
        f'<line x1="{LEFT}" y1="{axis}" x2="{WIDTH - RIGHT}" y2="{axis}" class="sec-axis"/>',
    ]
    if first <= today <= last:
        parts.append(f'<line x1="{x(today)}" y1="8" x2="{x(today)}" y2="{height - 4}" class="sec-today"/>')
        parts.append(f'<text x="{x(today) + 3}" y="14" class="sec-today-label">Today</text>')
    y = axis + ROW
    for start, end, label in sorted(periods):
        # The label sits above its bar so the two never overlap.
        parts.append(_label(x(start), y, f"{label}: {format_long(start)} to {format_long(end)}"))
        parts.append(f'<rect x="{x(start)}" y="{y + 4}" width="{max(x(end) - x(start), 2)}" height="8" class="sec-period"/>')
        y += ROW + 12
    for day, label, missed in sorted(points, key=lambda p: p[0]):
        css = "sec-point sec-missed" if missed else "sec-point"
        parts.append(f'<circle cx="{x(day)}" cy="{axis}" r="5" class="{css}"/>')
        parts.append(f'<line x1="{x(day)}" y1="{axis}" x2="{x(day)}" y2="{y - 10}" class="sec-tick"/>')
        parts.append(_label(x(day), y, f"{format_long(day)}: {label}{' (missed)' if missed else ''}"))
        y += ROW
    parts.append("</svg>")
    return Markup("".join(parts))


def _label(x: float, y: int, text: str) -> str:
    # Labels on the right half run leftwards so they stay inside the drawing.
    anchor = "end" if x > WIDTH / 2 else "start"
    shift = -4 if anchor == "end" else 4
    return f'<text x="{x + shift}" y="{y}" text-anchor="{anchor}">{escape(text)}</text>'
