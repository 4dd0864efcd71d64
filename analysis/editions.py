"""Editions: what the evidence base held when an edition was frozen, and what changed since.

`make edition` (publish/edition.py) freezes the data as a manifest, data/editions/<id>.yaml: for
every record a short hash of each field (so a correction can be named by field, without copying
the text), the key judgments with their likelihood and confidence, and the series values. The
build compares the current data with the latest manifest: no network, no git history.

A field that is empty (no value, an empty list) hashes as '-', so adding an optional field to
the schema later does not mark every record as corrected."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, StringConstraints, ValidationError

from . import evidence, schema, yamlio
from .errors import DataError, Problem
from .paths import DATA, rel

FOLDER = "editions"  # under data/
HASH_LENGTH = 6  # hex digits: a changed field goes unnoticed with odds of one in 16 million
EMPTY = "-"

# What each table's record is called in the edition notice.
LABELS = {
    "events": "events",
    "relations": "relations",
    "actors": "actors",
    "claims": "audited claims",
    "judgments": "key judgments",
    "indicators": "series values",
    "references": "sources",
    "publishers": "publishers",
    "series": "series definitions",
    "offices": "office terms",
    "topics": "topics",
}
# Fields kept apart from the hashes: a judgment's likelihood and confidence are compared as words
# (the notice prints from -> to), its change_note is the reason for a move, not content; a series
# value is compared as a number and the rest of its row names it.
JUDGMENT_TERMS = ("likelihood", "confidence", "change_note")
ID_FIELDS = {"references": ("key",), "indicators": ("indicator", "year", "source")}
SEPARATE = {"judgments": JUDGMENT_TERMS, "indicators": ("value",)}


# ---- the manifest ----------------------------------------------------------------------------


def _plain(value):
    """A field's value as plain JSON data, the same however pandas stored it (NaN, numpy types,
    2015.0 for a year in a column with gaps, tuples)."""
    if value is None:
        return None
    if hasattr(value, "item") and not isinstance(value, (list, tuple, dict, str)):  # numpy scalars
        value = value.item()
    if isinstance(value, float):
        if math.isnan(value):
            return None
        return int(value) if value.is_integer() else value
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)) or hasattr(value, "tolist"):
        return [_plain(v) for v in (value.tolist() if hasattr(value, "tolist") else value)]
    return value


_HASHED: dict = {}  # (type, value) -> hash


def field_hash(value) -> str:
    """A field's short hash. A manifest hashes every field of every record (a million calls in the
    tests, which compare many edited copies of the same data), so a text, number or list of texts
    seen before is not hashed again."""
    if isinstance(value, (str, int)):  # bool is an int: the type in the key keeps True apart from 1
        key = (type(value), value)
    elif isinstance(value, list) and all(isinstance(v, str) for v in value):
        key = (list, tuple(value))
    else:
        return _field_hash(value)
    if key not in _HASHED:
        if len(_HASHED) >= 200_000:
            _HASHED.clear()
        _HASHED[key] = _field_hash(value)
    return _HASHED[key]


def _field_hash(value) -> str:
    value = _plain(value)
    if value is None or value == "" or value == [] or value == {}:
        return EMPTY
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:HASH_LENGTH]


FALSE = field_hash(False)  # a flag at its default; older manifests hash it, newer fields may lack it


def _blank(digest: str) -> str:
    """A field's hash, with a false flag read as empty."""
    return EMPTY if digest == FALSE else digest


def hashed_fields(table: str) -> list[str]:
    model = schema.TABLES[table][1]
    skip = set(ID_FIELDS.get(table, ("id",))) | set(SEPARATE.get(table, ()))
    return [f for f in model.model_fields if f not in skip]


def record_ids(table: str, frame) -> list[str]:
    if table == "indicators":
        return [f"{i} {y} {s}" for i, y, s in zip(frame["indicator"], frame["year"], frame["source"], strict=True)]
    return list(frame[ID_FIELDS.get(table, ("id",))[0]])


def _column(table: str, frame, name: str):
    # judgments: the loader turns `indicators` into readable lines and keeps the rules apart
    return frame["indicator_rules"] if table == "judgments" and name == "indicators" else frame[name]


def manifest(ev, frozen_on: dt.date) -> dict:
    """The manifest of the evidence base as it is now, as the edition of data/edition.yaml frozen on
    `frozen_on`: plain data, written to data/editions/<id>.yaml by `make edition`."""
    records = {}
    for table in schema.TABLES:
        frame = getattr(ev, table)
        fields = hashed_fields(table)
        columns = [list(_column(table, frame, f)) for f in fields]
        rows = zip(*columns, strict=True) if columns else ([] for _ in range(len(frame)))
        hashes = {rid: " ".join(field_hash(v) for v in row) for rid, row in zip(record_ids(table, frame), rows)}
        records[table] = {"fields": fields, "hashes": dict(sorted(hashes.items()))}
    judgments = {}
    for j in ev.judgments.itertuples():
        entry = {"headline": j.headline, "likelihood": j.likelihood, "confidence": j.confidence}
        if isinstance(j.change_note, str) and j.change_note:
            entry["change_note"] = j.change_note
        judgments[j.id] = entry
    series: dict = {}
    for r in ev.indicators.sort_values(["indicator", "year", "source"]).itertuples():
        series.setdefault(r.indicator, {}).setdefault(int(r.year), {})[r.source] = _plain(r.value)
    return {
        "edition": ev.edition.edition,
        "date": frozen_on.isoformat(),
        "cutoff": ev.edition.cutoff,
        "judgments": dict(sorted(judgments.items())),
        "series": series,
        "records": records,
    }


# ---- reading a frozen manifest -----------------------------------------------------------------

Hashes = Annotated[
    str,
    StringConstraints(pattern=rf"^(?:[0-9a-f]{{{HASH_LENGTH}}}|-)(?: (?:[0-9a-f]{{{HASH_LENGTH}}}|-))*$"),
]
RecordId = Annotated[str, StringConstraints(pattern=r"^\S(?:.*\S)?$")]


class FrozenTable(schema.Model):
    fields: list[Annotated[str, StringConstraints(pattern=r"^[a-z_]+$")]] = Field(min_length=1)
    hashes: dict[RecordId, Hashes]


class FrozenJudgment(schema.Model):
    headline: schema.Text
    likelihood: schema.Likelihood
    confidence: schema.Confidence
    change_note: schema.Text | None = None


class Manifest(schema.Model):
    edition: schema.EditionId
    date: Annotated[dt.date, BeforeValidator(schema._day)]
    cutoff: Annotated[dt.date, BeforeValidator(schema._day)]
    records: dict[Literal[tuple(schema.TABLES)], FrozenTable]  # type: ignore[valid-type]
    judgments: dict[schema.Slug, FrozenJudgment]
    series: dict[schema.Slug, dict[Annotated[int, Field(ge=1900)], dict[RecordId, float]]]

    def label(self) -> str:
        return f"edition {self.edition}"


def _problem_field(loc) -> str:
    return ".".join(str(x) for x in loc)


def read(path: Path) -> Manifest:
    """One frozen manifest, validated; a DataError names the file, line and field of every problem."""
    name = rel(path)
    rec = yamlio.load_yaml_mapping(path)
    try:
        m = Manifest.model_validate(rec.fields)
    except ValidationError as exc:
        raise DataError(
            [
                Problem(name, rec.line_at(err["loc"]), None, _problem_field(err["loc"]), _message(err))
                for err in exc.errors()
            ]
        ) from None
    problems = []
    for table, t in m.records.items():
        for rid, hashes in t.hashes.items():
            if len(hashes.split()) != len(t.fields):
                problems.append(
                    Problem(
                        name,
                        rec.line_at(("records", table, "hashes", rid)),
                        None,
                        f"records.{table}.hashes.{rid}",
                        f"{len(hashes.split())} hashes for the {len(t.fields)} fields of {table}",
                    )
                )
    if m.edition != path.stem:
        problems.append(
            Problem(name, rec.line_of("edition"), None, "edition", f"'{m.edition}' differs from the file name")
        )
    if m.date < m.cutoff:
        problems.append(
            Problem(name, rec.line_of("date"), None, "date", f"frozen on {m.date}, before its cut-off {m.cutoff}")
        )
    if problems:
        raise DataError(problems)
    return m


def _message(err: dict) -> str:
    if err["type"] == "missing":
        return "required field is missing"
    if err["type"] == "extra_forbidden":
        return "unknown field"
    if err["type"] == "string_pattern_mismatch":
        return f"'{err.get('input')}' has the wrong form"
    return err["msg"].removeprefix("Value error, ") + (
        f" (got {err['input']!r})" if err["type"] != "value_error" else ""
    )


def edition_order(edition_id: str) -> tuple[int, int]:
    year, n = edition_id.split("-")
    return int(year), int(n)


_CACHE: dict = {}


def frozen(data_dir: Path | str = DATA) -> list[Manifest]:
    """Every frozen edition in data/editions/, oldest first (memoised while no file changes).
    Reading it records the folder, so a notebook that shows the changes runs again when an edition
    is frozen or edited."""
    folder = Path(data_dir) / FOLDER
    evidence.ACCESSED.add(rel(folder))
    paths = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    stamp = tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in paths)
    if _CACHE.get("stamp") != stamp:
        problems, out = [], []
        for p in paths:
            if not re.fullmatch(schema.EDITION_ID, p.stem):
                problems.append(Problem(rel(p), None, None, None, "the file name must be an edition id, YYYY-N.yaml"))
                continue
            try:
                out.append(read(p))
            except DataError as exc:
                problems.extend(exc.problems)
        if problems:
            raise DataError(problems)
        _CACHE.clear()
        _CACHE.update(stamp=stamp, manifests=sorted(out, key=lambda m: edition_order(m.edition)))
    return list(_CACHE["manifests"])


def latest(data_dir: Path | str = DATA) -> Manifest | None:
    editions = frozen(data_dir)
    return editions[-1] if editions else None


# ---- what changed ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Moved:
    """A key judgment whose likelihood or confidence moved, and why (its change_note)."""

    id: str
    headline: str
    likelihood: tuple[str, str]
    confidence: tuple[str, str]
    note: str | None


@dataclass(frozen=True)
class Corrected:
    table: str
    id: str
    fields: tuple[str, ...]


@dataclass(frozen=True)
class Value:
    """A series value added (old None), revised, or removed (new None)."""

    series: str
    year: int
    source: str
    old: float | None
    new: float | None


@dataclass(frozen=True)
class Changes:
    since: Manifest
    moved: tuple[Moved, ...] = ()
    added: dict[str, tuple[str, ...]] = field(default_factory=dict)
    removed: dict[str, tuple[str, ...]] = field(default_factory=dict)
    corrected: tuple[Corrected, ...] = ()
    values: tuple[Value, ...] = ()

    @property
    def empty(self) -> bool:
        return not (
            self.moved or any(self.added.values()) or any(self.removed.values()) or self.corrected or self.values
        )

    def new(self, table: str) -> tuple[str, ...]:
        return self.added.get(table, ())

    def gone(self, table: str) -> tuple[str, ...]:
        return self.removed.get(table, ())


def diff(old: Manifest, ev) -> Changes:
    """What changed in the evidence base since the frozen manifest `old`: judgments that moved,
    records added, removed or corrected (with the fields that changed), series values added,
    revised or removed. Every list is sorted, so the same data give the same notice."""
    now = Manifest.model_validate(manifest(ev, old.date))
    added, removed, corrected = {}, {}, []
    for table in schema.TABLES:
        before, after = old.records.get(table), now.records[table]
        if table != "indicators":  # a series value is added or removed in `values`
            was = set(before.hashes) if before else set()
            added[table] = tuple(sorted(set(after.hashes) - was))
            removed[table] = tuple(sorted(was - set(after.hashes)))
        if before is None:
            continue
        for rid in sorted(set(before.hashes) & set(after.hashes)):
            was = dict(zip(before.fields, before.hashes[rid].split(), strict=True))
            is_ = dict(zip(after.fields, after.hashes[rid].split(), strict=True))
            # a field the old manifest lacks (added to the schema since) counts as empty then, and a flag left
            # at false is that field's empty value (review 83: a new flag marked every relation as corrected)
            changed = tuple(f for f in after.fields if _blank(was.get(f, EMPTY)) != _blank(is_[f]))
            if changed:
                corrected.append(Corrected(table, rid, changed))
    moved = []
    # in the order of data/judgments.yaml, the order every page numbers them in
    for jid in sorted(now.judgments, key=list(ev.judgments["id"]).index):
        j, o = now.judgments[jid], old.judgments.get(jid)
        if o and (o.likelihood, o.confidence) != (j.likelihood, j.confidence):
            note = j.change_note if j.change_note != o.change_note else None
            moved.append(Moved(jid, j.headline, (o.likelihood, j.likelihood), (o.confidence, j.confidence), note))
    return Changes(
        since=old,
        moved=tuple(moved),
        added=added,
        removed=removed,
        corrected=tuple(corrected),
        values=tuple(_value_changes(old.series, now.series)),
    )


def _value_changes(old: dict, new: dict) -> list[Value]:
    def flat(series):
        return {(s, y, src): v for s, years in series.items() for y, vs in years.items() for src, v in vs.items()}

    a, b = flat(old), flat(new)
    return [Value(*k, a.get(k), b.get(k)) for k in sorted(a.keys() | b.keys()) if a.get(k) != b.get(k)]


def since_latest(ev, data_dir: Path | str | None = None) -> Changes | None:
    """The changes since the latest frozen edition, or None when no edition has been frozen yet."""
    last = latest(data_dir or ev.data_dir)
    return diff(last, ev) if last else None


# ---- the checks the build runs before anything else ------------------------------------------


def check(ev, data_dir: Path | str | None = None) -> Changes | None:
    """Every frozen manifest is valid; data/edition.yaml does not name an edition older than the
    latest frozen one; a key judgment whose likelihood or confidence moved since then says why in a
    change_note of its own (not the note frozen with the last edition). Raises DataError."""
    data_dir = Path(data_dir or ev.data_dir)
    last = latest(data_dir)
    if last is None:
        return None
    problems = []
    current = ev.edition.edition
    if edition_order(current) < edition_order(last.edition):
        path = data_dir / schema.EDITION_FILE
        problems.append(
            Problem(
                rel(path),
                yamlio.load_yaml_mapping(path).line_of("edition"),
                "edition",
                "edition",
                f"'{current}' is older than the latest frozen edition '{last.edition}' (data/{FOLDER}/)",
            )
        )
    changes = diff(last, ev)
    lines = dict(zip(ev.judgments["id"], ev.judgments["line"], strict=True))
    for m in changes.moved:
        if m.note:
            continue
        what = "; ".join(
            f"{term} moved from '{a}' to '{b}'"
            for term, (a, b) in (("likelihood", m.likelihood), ("confidence", m.confidence))
            if a != b
        )
        stale = " (the note there is the one frozen with it)" if last.judgments[m.id].change_note else ""
        problems.append(
            Problem(
                rel(data_dir / schema.TABLES["judgments"][0]),
                int(lines[m.id]),
                m.id,
                "change_note",
                f"{what} since {last.label()}; say why in change_note{stale}",
            )
        )
    if problems:
        raise DataError(problems)
    return changes
