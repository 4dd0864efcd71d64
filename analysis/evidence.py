"""The gate: load every data file, validate it, return pandas DataFrames.

A bad file stops everything with `file:line: record 'id': field: problem` for every problem
found. Nothing is silently dropped: a record is either loaded or the load fails."""
from __future__ import annotations

import datetime as dt
import difflib
from pathlib import Path
from urllib.parse import urlparse

import pandas as pd
from pydantic import ValidationError

from . import dates, schema
from .bibliography import as_reference_fields, load_bib_records
from .errors import DataError, Problem
from .paths import DATA, rel
from .yamlio import Record, load_csv_rows, load_yaml_records

# Files whose tables a process has read through an Evidence object. The build records this after
# executing a notebook, so that editing a file re-executes exactly the notebooks that read it.
ACCESSED: set[str] = set()

_CACHE: dict = {}


class Evidence:
    """The validated evidence base. Each table is a DataFrame; reading one records its file."""

    def __init__(self, tables: dict[str, pd.DataFrame], data_dir: Path):
        self._tables = tables
        self.data_dir = data_dir

    def _get(self, name: str) -> pd.DataFrame:
        ACCESSED.add(rel(self.data_dir / schema.TABLES[name][0]))
        return self._tables[name]

    actors = property(lambda self: self._get("actors"))
    events = property(lambda self: self._get("events"))
    relations = property(lambda self: self._get("relations"))
    claims = property(lambda self: self._get("claims"))
    judgments = property(lambda self: self._get("judgments"))
    indicators = property(lambda self: self._get("indicators"))
    references = property(lambda self: self._get("references"))

    @property
    def as_of(self) -> dt.date:
        """The latest date any event or relation reaches: the 'data as of' date of the book."""
        ends = [self.events["start"].max(), self.events["end"].max(),
                self.relations["start_ts"].max(), self.relations["end_ts"].max()]
        return max(pd.Timestamp(x) for x in ends if pd.notna(x)).date()

    def counts(self) -> dict[str, int]:
        return {name: len(self._get(name)) for name in schema.TABLES}


def load(data_dir: Path | str = DATA) -> Evidence:
    """Load and validate data_dir; memoised while no file in it changes."""
    data_dir = Path(data_dir)
    stamp = tuple((f, (data_dir / f).stat().st_mtime_ns, (data_dir / f).stat().st_size)
                  for f, _ in schema.TABLES.values() if (data_dir / f).exists())
    key = (str(data_dir.resolve()), stamp)
    if key not in _CACHE:
        _CACHE.clear()
        _CACHE[key] = Evidence(_load_tables(data_dir), data_dir)
    return _CACHE[key]


def _load_tables(data_dir: Path) -> dict[str, pd.DataFrame]:
    problems: list[Problem] = []
    models: dict[str, list] = {}
    for table, (filename, model) in schema.TABLES.items():
        path = data_dir / filename
        if not path.exists():
            problems.append(Problem(rel(path), None, None, None, "file is missing"))
            continue
        try:
            if filename.endswith(".yaml"):
                records = load_yaml_records(path)
            elif filename.endswith(".csv"):
                records = load_csv_rows(path, list(schema.Indicator.model_fields))
            else:
                records = load_bib_records(path)
        except DataError as exc:
            problems.extend(exc.problems)
            continue
        models[table] = _validate_records(path, records, model, problems)
    if problems:
        raise DataError(problems)
    _check_references(data_dir, models, problems)
    if problems:
        raise DataError(problems)
    return _frames(models)


def _validate_records(path: Path, records: list[Record], model, problems: list[Problem]) -> list:
    name = rel(path)
    out = []
    for rec in records:
        fields = as_reference_fields(rec.fields) if model is schema.Reference else rec.fields
        rid = rec.id or fields.get("key") or (f"{fields.get('indicator')} {fields.get('year')}"
                                               if model is schema.Indicator else None)
        try:
            obj = model.model_validate(fields)
        except ValidationError as exc:
            for err in exc.errors():
                field = str(err["loc"][0]) if err["loc"] else None
                where = "".join(f"[{x}]" if isinstance(x, int) else f".{x}" for x in err["loc"][1:])
                problems.append(Problem(name, rec.line_at(err["loc"]), rid, field,
                                        f"{field}{where}: " * bool(where) + _message(err, model)))
            continue
        out.append((rec, obj))
    return out


def _message(err: dict, model) -> str:
    kind, value = err["type"], err.get("input")
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        near = difflib.get_close_matches(str(err["loc"][0]), list(model.model_fields), n=1)
        hint = f"did you mean '{near[0]}'? " if near else ""
        return f"unknown field ({hint}allowed: {', '.join(model.model_fields)})"
    if kind == "literal_error":
        return f"'{value}' is not allowed; {err['msg'].replace('Input should be', 'use')}"
    if kind == "string_pattern_mismatch":
        return f"'{value}' has the wrong form (expected {err['ctx']['pattern']})"
    if kind == "too_short" and isinstance(value, list):
        return "must list at least one entry"
    msg = err["msg"].removeprefix("Value error, ")
    return msg if kind == "value_error" else f"{msg} (got {value!r})"


def _check_references(data_dir: Path, models: dict, problems: list[Problem]) -> None:
    """Unique ids, resolving references, spans that end after they start."""
    files = {t: rel(data_dir / f) for t, (f, _) in schema.TABLES.items()}
    ids: dict[str, set] = {}
    seen_records: dict[str, tuple] = {}
    for table in ("actors", "events", "relations", "claims", "judgments", "references"):
        ids[table] = set()
        for rec, obj in models.get(table, []):
            rid = obj.key if table == "references" else obj.id
            if rid in ids[table]:
                problems.append(Problem(files[table], rec.line_of("id"), rid, "id", "duplicate id in this file"))
            elif table in ("events", "relations", "claims") and rid in seen_records:
                other = seen_records[rid]
                problems.append(Problem(files[table], rec.line_of("id"), rid, "id",
                                        f"id also used in {other[0]}:{other[1]}; ids must be unique across records"))
            ids[table].add(rid)
            if table in ("events", "relations", "claims"):
                seen_records.setdefault(rid, (files[table], rec.line))
    seen_urls: dict[str, tuple] = {}
    for rec, r in models.get("references", []):
        u = urlparse(r.url)
        url = u.netloc.lower().removeprefix("www.") + u.path.rstrip("/") + (f"?{u.query}" if u.query else "")
        if url in seen_urls:
            problems.append(Problem(files["references"], rec.line, r.key, "url",
                                    f"same page as '{seen_urls[url][0]}' (line {seen_urls[url][1]}); cite that key instead"))
        seen_urls.setdefault(url, (r.key, rec.line))
    refs, actors = ids["references"], ids["actors"]
    seeds = {obj.seedfile for _, obj in models.get("references", []) if obj.seedfile}

    def need(table, rec, obj, field, values, known, what):
        rid = getattr(obj, "id", None) or getattr(obj, "key", None) or f"{obj.indicator} {obj.year}"
        for v in ([values] if isinstance(values, str) or values is None else values):
            if v is not None and v not in known:
                problems.append(Problem(files[table], rec.line_of(field), rid, field, f"unknown {what} '{v}'"))

    for rec, a in models.get("actors", []):
        need("actors", rec, a, "sources", a.sources, refs, "source key")
        need("actors", rec, a, "parent", a.parent, actors, "actor id")
        if a.parent == a.id:
            problems.append(Problem(files["actors"], rec.line_of("parent"), a.id, "parent", "an actor cannot be its own parent"))
    for rec, e in models.get("events", []):
        need("events", rec, e, "sources", e.sources, refs, "source key")
        need("events", rec, e, "actors", e.actors, actors, "actor id")
        if e.end_date and dates.last_day(e.end_date) < dates.first_day(e.date):
            problems.append(Problem(files["events"], rec.line_of("end_date"), e.id, "end_date",
                                    f"ends ({e.end_date}) before it starts ({e.date})"))
    for rec, r in models.get("relations", []):
        need("relations", rec, r, "sources", r.sources, refs, "source key")
        need("relations", rec, r, "source", r.source, actors, "actor id")
        need("relations", rec, r, "target", r.target, actors, "actor id")
        if r.source == r.target:
            problems.append(Problem(files["relations"], rec.line_of("target"), r.id, "target", "an edge cannot join an actor to itself"))
        if r.start and r.end and dates.last_day(r.end) < dates.first_day(r.start):
            problems.append(Problem(files["relations"], rec.line_of("end"), r.id, "end",
                                    f"ends ({r.end}) before it starts ({r.start})"))
    for rec, c in models.get("claims", []):
        need("claims", rec, c, "evidence", c.evidence, refs, "source key")
        need("claims", rec, c, "seed", c.seed, seeds, "seed file (no references.bib entry has this seedfile)")
        if c.verdict != "unverified" and not c.evidence:
            problems.append(Problem(files["claims"], rec.line_of("evidence"), c.id, "evidence",
                                    f"a '{c.verdict}' verdict must cite the evidence that decides it"))
    records = ids["events"] | ids["relations"] | ids["claims"]
    _check_judgments(files["judgments"], models, records, need, problems)
    seen_rows = {}
    for rec, i in models.get("indicators", []):
        need("indicators", rec, i, "source", i.source, refs, "source key")
        if i.year > dates.today().year:
            problems.append(Problem(files["indicators"], rec.line, f"{i.indicator} {i.year}", "year", f"{i.year} is in the future"))
        row = (i.indicator, i.year, i.source)
        if row in seen_rows:
            problems.append(Problem(files["indicators"], rec.line, f"{i.indicator} {i.year}", "source",
                                    f"same series, year and source as line {seen_rows[row]}"))
        seen_rows.setdefault(row, rec.line)


def _check_judgments(file: str, models: dict, records: set, need, problems: list[Problem]) -> None:
    """Judgments: basis resolves; horizon after the data cut-off; a known base rate; indicator rules use
    tags some event carries (a typo would otherwise read as 'not observed yet' for ever)."""
    from .judgments import BASE_RATES, WATCH_TAGS

    events = [e for _, e in models.get("events", [])]
    tags = {t for e in events for t in e.tags} | set(WATCH_TAGS)
    cutoff = max([dates.first_day(e.date) for e in events] + [dates.last_day(e.end_date) for e in events if e.end_date],
                 default=None)
    for rec, j in models.get("judgments", []):
        need("judgments", rec, j, "basis", j.basis, records, "event, relation or claim id")
        if cutoff and j.horizon <= cutoff:
            problems.append(Problem(file, rec.line_of("horizon"), j.id, "horizon",
                                    f"{j.horizon} is not after the data cut-off ({cutoff}): a judgment looks forward"))
        if j.base_rate and j.base_rate not in BASE_RATES:
            problems.append(Problem(file, rec.line_of("base_rate"), j.id, "base_rate",
                                    f"unknown base rate '{j.base_rate}' (known: {', '.join(sorted(BASE_RATES))})"))
        for i, ind in enumerate(j.indicators):
            for k, tag in enumerate(ind.match.tags):
                if tag not in tags:
                    near = difflib.get_close_matches(tag, sorted(tags), n=1)
                    hint = f"; did you mean '{near[0]}'?" if near else ""
                    problems.append(Problem(file, rec.line_at(("indicators", i, "match", "tags", k)), j.id, "indicators",
                                            f"indicators[{i}].match.tags: unknown tag '{tag}' (no event carries it and it is not in analysis.judgments.WATCH_TAGS{hint})"))


def _short_name(name: str, limit: int = 28) -> str:
    """A label for figures: the name before any bracket or comma, cut at a word if still long."""
    text = name.split(" (")[0].split(", ")[0]
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"


def _frames(models: dict) -> dict[str, pd.DataFrame]:
    def frame(table):
        rows = [dict(obj.model_dump(), line=rec.line) for rec, obj in models[table]]
        return pd.DataFrame(rows, columns=[*schema.TABLES[table][1].model_fields, "line"])

    t = {name: frame(name) for name in schema.TABLES}
    refs = t["references"]
    refs["domain"] = [urlparse(u).netloc.removeprefix("www.") for u in refs["url"]]
    # Independence is judged by publisher (web domain); every encyclopaedia copy counts as one
    # publisher, since mirrors repeat the same article.
    publisher_of = {k: "encyclopaedia" if kind == "encyclopaedia" else d
                    for k, kind, d in zip(refs["key"], refs["kind"], refs["domain"])}

    ev = t["events"]
    ev["start"] = pd.to_datetime([dates.first_day(d) for d in ev["date"]])
    ev["end"] = pd.to_datetime([dates.last_day(d) if isinstance(d, str) else pd.NaT for d in ev["end_date"]])
    ev["precision"] = [dates.precision(d) for d in ev["date"]]
    ev["n_independent"] = [len({publisher_of[s] for s in srcs}) for srcs in ev["sources"]]
    t["events"] = ev.sort_values(["start", "id"], kind="stable").reset_index(drop=True)

    rel_ = t["relations"]
    rel_["start_ts"] = pd.to_datetime([dates.first_day(d) if isinstance(d, str) else pd.NaT for d in rel_["start"]])
    rel_["end_ts"] = pd.to_datetime([dates.last_day(d) if isinstance(d, str) else pd.NaT for d in rel_["end"]])

    # Judgments: the structured warning indicators go to 'indicator_rules' (read by analysis.judgments);
    # 'indicators' holds each as one readable line, so every model field stays a list of text.
    from .judgments import indicator_label

    jt = t["judgments"]
    jt["indicator_rules"] = jt["indicators"]
    jt["indicators"] = [[indicator_label(i) for i in rules] for rules in jt["indicator_rules"]]

    act = t["actors"]
    act["label"] = [s if isinstance(s, str) and s else _short_name(n) for s, n in zip(act["short"], act["name"])]
    return t
