"""The data downloads: field types come from the schema models and the package validates with
the frictionless library on the real data."""

from __future__ import annotations

import json

import pytest

from analysis import evidence, schema
from publish import exports


@pytest.fixture(scope="module")
def package(tmp_path_factory):
    target = tmp_path_factory.mktemp("downloads")
    exports.write(evidence.load(), target)
    return target / "datapackage.json"


def test_the_package_validates_with_frictionless(package):
    from frictionless import validate

    report = validate(str(package))
    errors = [f"{t.name}: {e.type}: {e.message}" for t in report.tasks for e in t.errors][:10]
    assert report.valid, "\n".join(errors) or report.errors


def test_field_types_follow_the_models(package):
    fields = {
        (r["name"], f["name"]): f for r in json.loads(package.read_text())["resources"] for f in r["schema"]["fields"]
    }
    # Text fields whose names once fooled a name-based guess (e.g. 'kind', 'short', 'country', 'date').
    for table, name in [
        ("actors", "short"),
        ("actors", "country"),
        ("actors", "founded"),
        ("events", "date"),
        ("references", "urldate"),
        ("indicators", "unit"),
        ("indicators", "indicator"),
        ("claims", "explanation"),
    ]:
        assert fields[(table, name)]["type"] == "string", (table, name)
    assert fields[("indicators", "year")]["type"] == "integer"
    assert fields[("indicators", "value")]["type"] == "number"
    assert fields[("events", "kind")]["constraints"]["enum"] == list(schema.EVENT_KINDS)
    assert fields[("events", "sources")]["constraints"]["required"] is True
    assert "required" not in fields[("events", "place")].get("constraints", {})


def test_a_wrong_cell_fails_validation(package, tmp_path):
    """The package check can fail: a text year in the indicators table is reported."""
    import shutil

    from frictionless import validate

    copy = tmp_path / "pkg"
    shutil.copytree(package.parent, copy)
    csv = copy / "indicators.csv"
    lines = csv.read_text().splitlines()
    cells = lines[1].split(",")
    cells[1] = "twenty"
    lines[1] = ",".join(cells)
    csv.write_text("\n".join(lines) + "\n")
    report = validate(str(copy / "datapackage.json"))
    assert not report.valid
    assert any(e.type == "type-error" for t in report.tasks for e in t.errors)
