"""Downloads for the site: every table as CSV plus a Frictionless datapackage.json."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from analysis import schema

def _field_type(annotation) -> str:
    text = str(annotation)
    for key, value in (("list", "array"), ("int", "integer"), ("float", "number")):
        if key in text:
            return value
    return "string"


def write(ev, target: Path) -> list[Path]:
    target.mkdir(parents=True, exist_ok=True)
    resources, written = [], []
    for table, (filename, model) in schema.TABLES.items():
        df = getattr(ev, table)[list(model.model_fields)].copy()
        for col in df.columns:
            if df[col].map(lambda v: isinstance(v, list)).any():
                df[col] = df[col].map(lambda v: "; ".join(map(str, v)) if isinstance(v, list) else v)
        path = target / f"{table}.csv"
        df.to_csv(path, index=False, lineterminator="\n")
        written.append(path)
        resources.append({
            "name": table, "path": path.name, "format": "csv", "mediatype": "text/csv",
            "description": f"From data/{filename}; list fields are joined with '; '.",
            "schema": {"fields": [{"name": n, "type": _field_type(f.annotation), "description": f.description or ""}
                                  for n, f in model.model_fields.items()]},
        })
    package = {
        "profile": "tabular-data-package", "name": "malaysia-counter-terrorism-evidence",
        "title": "Evidence base of the report on Malaysia's counter-terrorism policy and partnerships",
        "licenses": [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/"}],
        "version": ev.as_of.isoformat(), "resources": resources,
    }
    dp = target / "datapackage.json"
    dp.write_text(json.dumps(package, indent=2) + "\n", encoding="utf-8")
    return [*written, dp]
