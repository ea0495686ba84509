"""The editors' data reference lists every field of every model, and the site publishes it."""

from __future__ import annotations

import typing

import pytest
from pydantic import BaseModel

from secsite.model import schema
from secsite.render import reference
from sitebuild import REPO, page


def _models_in(annotation) -> tuple[type[BaseModel] | None, bool]:
    """The model inside an annotation such as ``Optional[tuple[Option, ...]]``, and whether it is a list."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation, False
    origin = typing.get_origin(annotation)
    for arg in typing.get_args(annotation):
        found, listed = _models_in(arg)
        if found is not None:
            return found, listed or origin in (tuple, list)
    return None, False


def field_paths(model: type[BaseModel], prefix: str = "") -> dict[str, bool]:
    """Every field path of a model, nested models included (``a.b[].c``) → required or not."""
    paths: dict[str, bool] = {}
    for name, info in model.model_fields.items():
        path = prefix + name
        paths[path] = info.is_required()
        nested, listed = _models_in(info.annotation)
        if nested is not None:
            paths.update(field_paths(nested, f"{path}{'[]' if listed else ''}."))
    return paths


@pytest.mark.parametrize("kind", schema.KINDS, ids=lambda k: k.name)
def test_the_reference_lists_every_field_of_the_model(kind):
    expected = field_paths(kind.model)
    rows = {row.path: row for row in reference.rows(kind)}
    assert list(rows) == list(expected)  # every field, nothing else, in the models' order
    assert {path: row.required for path, row in rows.items()} == expected
    missing = [path for path, row in rows.items() if not row.description]
    assert not missing, f"add a Field(description=…) in model.py for {missing}"
    table = reference.table(kind)
    for path in expected:
        assert f"| `{path}` |" in table


def test_the_reference_names_allowed_values_and_types():
    md = reference.markdown()
    for kind in schema.KINDS:
        assert f"{{#{kind.name}}}" in md and f"(../schemas/{kind.name}.schema.json)" in md
    rows = {row.path: row for row in reference.rows(schema.KINDS[0])}
    assert "`on-hold`" in rows["stage"].allowed and "`self-governance`" in rows["route"].allowed
    assert (rows["summary"].type, rows["title"].type, rows["raised"].type) == ("Markdown", "text", "date")
    assert rows["urgent"].default == "false" and rows["costs.sit"].allowed == "at least 0"
    assert rows["implementation.dates"].allowed == "at least 1 item"
    assert "MP123" in rows["id"].allowed
    release = {row.path: row for row in reference.rows(schema.KINDS[1])}
    assert release["kind"].default == "scheduled" and release["release_notes[].url"].type == "web address"


def test_table_cells_escape_html_outside_code():
    assert reference._cell("a <b> | `<c>`") == "a &lt;b&gt; \\| `<c>`"


def test_the_built_reference_page_has_a_row_per_field(site):
    soup = page(site, "editing/reference")
    cells = {row.find("td").get_text() for row in soup.select("article table tr") if row.find("td")}
    for kind in schema.KINDS:
        missing = sorted(set(field_paths(kind.model)) - cells)
        assert not missing, f"{kind.name}: {missing}"
    assert "{{" not in soup.get_text()  # the macro ran


def test_the_guide_is_in_the_navigation_and_links_to_the_reference(site):
    home = page(site, "")
    nav_links = {a.get("href") for a in home.select("nav a")}
    assert "editing/" in nav_links and "editing/reference/" in nav_links
    guide = page(site, "editing")
    text = guide.get_text(" ")
    for topic in ("Add a modification", "Move a date", "Add a notice", "Read a check failure"):
        assert topic in text
    assert guide.select_one('a[href="reference/"]') is not None


def test_the_schemas_are_published_under_schemas(site):
    for name, text in schema.schema_files().items():
        assert (site / "schemas" / name).read_text(encoding="utf-8") == text
        assert (REPO / "content" / "schemas" / name).read_text(encoding="utf-8") == text
