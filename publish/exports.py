"""Downloads for the site: every table as CSV plus a Frictionless datapackage.json whose field
types and constraints come from the schema models (analysis/schema.py), not from guesses."""

from __future__ import annotations

import json
from pathlib import Path

from analysis import schema

# JSON Schema types of the models -> Table Schema types of the CSV columns.
_TYPES = {"string": "string", "integer": "integer", "number": "number", "boolean": "boolean"}


def _field(name: str, prop: dict, required: bool) -> dict:
    """One Table Schema field from the JSON Schema of a model field."""
    options = [p for p in prop.get("anyOf", [prop]) if p.get("type") != "null"]
    nullable = len(options) < len(prop.get("anyOf", [prop]))
    p = options[0] if len(options) == 1 else {}
    field = {"name": name, "description": prop.get("description", "")}
    constraints = {}
    if p.get("type") == "array":
        # Lists are written as one cell: scalars joined with '; ', records as JSON.
        field["type"] = "string"
        field["description"] += " (list: items joined with '; ')"
        if p.get("minItems") and not nullable:
            constraints["required"] = True
    else:
        field["type"] = _TYPES.get(p.get("type"), "any")
        if "enum" in p:
            constraints["enum"] = list(p["enum"])
        if "minimum" in p:
            constraints["minimum"] = p["minimum"]
    if required and not nullable:
        constraints["required"] = True
    if constraints:
        field["constraints"] = constraints
    return field


def table_schema(model) -> dict:
    js = model.model_json_schema()
    return {"fields": [_field(n, p, n in js.get("required", [])) for n, p in js["properties"].items()]}


def _cell(value):
    if isinstance(value, list):
        if any(isinstance(v, (dict, list)) for v in value):
            return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
        return "; ".join(str(v) for v in value)
    return value


def write(ev, target: Path) -> list[Path]:
    target.mkdir(parents=True, exist_ok=True)
    resources, written = [], []
    for table, (filename, model) in schema.TABLES.items():
        df = getattr(ev, table)[list(model.model_fields)].copy()
        ts = table_schema(model)
        for col in df.columns:
            df[col] = df[col].map(_cell)
        for f in ts["fields"]:  # pandas holds optional integers as floats: write 2009, not 2009.0
            if f["type"] == "integer":
                df[f["name"]] = df[f["name"]].astype("Int64")
        path = target / f"{table}.csv"
        df.to_csv(path, index=False, lineterminator="\n")
        written.append(path)
        resources.append(
            {
                "name": table,
                "path": path.name,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "description": f"From data/{filename}; list fields are joined with '; '.",
                "schema": ts,
            }
        )
    package = {
        "profile": "tabular-data-package",
        "name": "malaysia-counter-terrorism-evidence",
        "title": "Evidence base of the report on Malaysia's counter-terrorism policy and partnerships",
        "licenses": [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/"}],
        "version": ev.as_of.isoformat(),
        "resources": resources,
    }
    dp = target / "datapackage.json"
    dp.write_text(json.dumps(package, indent=2) + "\n", encoding="utf-8")
    return [*written, dp]
