"""Renderers: turn the views into pages, downloads, calendars and the feed (no decisions here)."""
