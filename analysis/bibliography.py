"""Read data/references.bib: one source per entry, each with its line number."""

from __future__ import annotations

import re

from pybtex.database import BibliographyDataError, parse_string
from pybtex.scanner import PybtexSyntaxError

from .errors import DataError, Problem
from .yamlio import Record, same_text_same_records

_ENTRY = re.compile(r"^\s*@(\w+)\s*\{\s*([^,\s]+)\s*,", re.M)
_FIELD = re.compile(r"^\s*(\w+)\s*=", re.M)


@same_text_same_records
def load_bib_records(name: str, text: str) -> list[Record]:
    """Entries as Records whose fields are the BibTeX fields (lower-case) plus 'key'."""
    lines, field_lines = {}, {}
    problems = []
    starts = list(_ENTRY.finditer(text))
    line, at = 1, 0  # counted on from the last entry: counting from the top each time is quadratic
    for i, m in enumerate(starts):
        line, at = line + text.count("\n", at, m.start(2)), m.start(2)
        key = m[2]
        if key in lines:
            problems.append(Problem(name, line, key, "key", f"duplicate key (first at line {lines[key]})"))
            continue
        lines[key] = line
        end = starts[i + 1].start() if i + 1 < len(starts) else len(text)
        field_lines[key] = {
            f[1].lower(): line + text.count("\n", m.end(), f.start(1)) for f in _FIELD.finditer(text, m.end(), end)
        }
    if problems:
        raise DataError(problems)
    try:
        bib = parse_string(text, "bibtex")
    except PybtexSyntaxError as exc:
        raise DataError(
            [
                Problem(
                    name,
                    exc.lineno,
                    None,
                    None,
                    f"BibTeX syntax error: {exc.error_type if hasattr(exc, 'error_type') else exc}: {exc}",
                )
            ]
        ) from None
    except BibliographyDataError as exc:
        raise DataError([Problem(name, None, None, None, f"BibTeX error: {exc}")]) from None
    records = []
    for key, entry in bib.entries.items():
        fields = {k.lower(): str(v) for k, v in entry.fields.items()}
        for role, people in entry.persons.items():
            fields.setdefault(role.lower(), " and ".join(str(p) for p in people))
        fields["key"] = key
        line = lines.get(key, 1)
        where = field_lines.get(key, {})
        records.append(Record(fields, line, {k: where.get(k, line) for k in fields}))
    if not records:
        raise DataError([Problem(name, 1, None, None, "no BibTeX entries found")])
    return records


def as_reference_fields(fields: dict) -> dict:
    """Map raw BibTeX fields onto the Reference model (one 'publisher' from author/organization/publisher)."""
    out = {
        k: fields[k]
        for k in (
            "key",
            "title",
            "url",
            "urldate",
            "date",
            "publisher_id",
            "kind",
            "reliability",
            "grade_note",
            "wire",
            "seedfile",
        )
        if k in fields
    }
    out["title"] = out.get("title", "").replace("{", "").replace("}", "") or None
    if "year" in fields:
        out["year"] = int(fields["year"]) if fields["year"].strip().isdigit() else fields["year"]
    for role in ("author", "organization", "publisher", "institution"):
        if fields.get(role):
            out["publisher"] = fields[role].replace("{", "").replace("}", "")
            break
    return {k: v for k, v in out.items() if v is not None}
