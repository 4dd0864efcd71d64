"""The gate: load every data file, validate it, return pandas DataFrames.

A bad file stops everything with `file:line: record 'id': field: problem` for every problem
found. Nothing is silently dropped: a record is either loaded or the load fails."""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlparse

import pandas as pd
from pydantic import ValidationError

from . import dates, schema, yamlio
from .bibliography import as_reference_fields, load_bib_records
from .errors import DataError, Problem
from .paths import DATA, rel
from .words import plain_name
from .yamlio import Record, load_csv_rows, load_yaml_records

# Files whose tables a process has read through an Evidence object. The build records this after
# executing a notebook, so that editing a file re-executes exactly the notebooks that read it.
ACCESSED: set[str] = set()

_CACHE: dict = {}
# The same data read again from another folder: tests copy the data and often leave it unchanged (42 of the fast
# suite's 88 loads repeat an earlier one's bytes, 7 s of its 62 CPU seconds). Keyed by the files' bytes, not paths.
_BY_CONTENT: dict = {}

# A table whose columns are computed from another file also records that file when read.
_DERIVED_FROM = {"references": ("publishers",), "events": ("references", "publishers"), "indicators": ("series",)}


class Evidence:
    """The validated evidence base. Each table is a DataFrame; reading one records its file."""

    def __init__(self, tables: dict[str, pd.DataFrame], data_dir: Path, edition: schema.Edition | None = None):
        self._tables = tables
        self.data_dir = data_dir
        self._edition = edition

    def _get(self, name: str) -> pd.DataFrame:
        ACCESSED.add(rel(self.data_dir / schema.TABLES[name][0]))
        for extra in _DERIVED_FROM.get(name, ()):  # columns computed from another file
            ACCESSED.add(rel(self.data_dir / schema.TABLES[extra][0]))
        return self._tables[name]

    actors = property(lambda self: self._get("actors"))
    events = property(lambda self: self._get("events"))
    relations = property(lambda self: self._get("relations"))
    claims = property(lambda self: self._get("claims"))
    judgments = property(lambda self: self._get("judgments"))
    indicators = property(lambda self: self._get("indicators"))
    references = property(lambda self: self._get("references"))
    publishers = property(lambda self: self._get("publishers"))
    series = property(lambda self: self._get("series"))
    offices = property(lambda self: self._get("offices"))
    topics = property(lambda self: self._get("topics"))

    @property
    def edition(self) -> schema.Edition:
        """data/edition.yaml: the information cut-off and when the search was done."""
        ACCESSED.add(rel(self.data_dir / schema.EDITION_FILE))
        if self._edition is None:  # built from tables alone (e.g. a copy made by the executor): read the file
            problems: list[Problem] = []
            loaded = _load_edition(self.data_dir / schema.EDITION_FILE, problems)
            if loaded is None or problems:
                raise DataError(
                    problems
                    or [Problem(rel(self.data_dir / schema.EDITION_FILE), None, None, None, "could not be read")]
                )
            self._edition = loaded[1]
        return self._edition

    @property
    def as_of(self) -> dt.date:
        """'Data as of': the information cut-off of data/edition.yaml, the date up to which sources were
        searched (never later than today; no event or relation is dated after it)."""
        return dt.date.fromisoformat(self.edition.cutoff)

    def counts(self) -> dict[str, int]:
        return {name: len(self._get(name)) for name in schema.TABLES}

    def cited_keys(self) -> set[str]:
        """Keys of the sources some record cites: events, relations, actors, claims, indicators."""
        keys = {k for t in ("events", "relations", "actors") for ks in self._get(t)["sources"] for k in ks}
        keys |= {k for ks in self.claims["evidence"] for k in ks}
        return keys | set(self.indicators["source"])

    def best_first(self, keys, dissent=()) -> list[str]:
        """A record's sources, best-graded first (A before B ...; the record's order among equals), those
        that dissent from its date or figure last: a short list cites the first two (review 55: a key
        chronology row cited, for its date, the one source giving another)."""
        grade = self._grades()
        keys = list(keys)
        return sorted(keys, key=lambda k: (k in dissent, grade.get(k, "F"), keys.index(k)))

    def short_sources(self, keys, dissent=(), n: int = 2) -> list[str]:
        """The n sources a short list cites for a record: its best-graded, never one that dissents."""
        return [k for k in self.best_first(keys, dissent) if k not in dissent][:n]

    def _grades(self) -> dict[str, str]:
        if getattr(self, "_grade", None) is None:
            self._grade = dict(zip(self.references["key"], self.references["reliability"], strict=True))
        return self._grade

    def grade_shares(self, cited_only: bool = True) -> pd.Series:
        """Share of (cited) sources in each grade A-F, in 0..1."""
        refs = self.references
        if cited_only:
            refs = refs[refs["key"].isin(self.cited_keys())]
        return refs["reliability"].value_counts(normalize=True).reindex(list(schema.GRADES), fill_value=0.0)

    def judgment_numbers(self) -> dict[str, int]:
        """Each key judgment's number as printed: its place in judgments.yaml, from 1."""
        return {jid: n for n, jid in enumerate(self.judgments["id"], 1)}

    def share_ab(self, cited_only: bool = True) -> float:
        shares = self.grade_shares(cited_only)
        return float(shares["A"] + shares["B"])

    AB_GOAL = 0.45  # the share of cited sources graded A or B the project aims for

    def share_resting_on_ab(self) -> float:
        """Share of events and relations citing at least one source graded A or B: how much of the
        evidence a reader can check against an official or specialist text, which the share of sources
        does not say (a record corroborated by three newspapers adds three C sources)."""
        grade = dict(zip(self.references["key"], self.references["reliability"]))
        cited = [ks for t in ("events", "relations") for ks in self._get(t)["sources"]]
        return sum(any(grade[k] in ("A", "B") for k in ks) for ks in cited) / len(cited) if cited else 0.0

    def grade_table(self) -> pd.DataFrame:
        """Per grade: its meaning, how many publishers hold it, how many sources and cited sources."""
        refs, pubs, cited = self.references, self.publishers, self.cited_keys()
        rows = []
        for g, meaning in schema.GRADES.items():
            mine = refs[refs["reliability"] == g]
            rows.append(
                {
                    "grade": g,
                    "meaning": meaning,
                    "publishers": int((pubs["grade"] == g).sum()),
                    "sources": len(mine),
                    "cited sources": int(mine["key"].isin(cited).sum()),
                }
            )
        return pd.DataFrame(rows)

    def series_table(self) -> pd.DataFrame:
        """series.yaml as a table for readers: what each series counts and what it may be compared with."""
        s = self.series
        titles = dict(zip(s["id"], s["title"]))
        return pd.DataFrame(
            {
                "series": s["title"],
                "what is counted": s["definition"],
                "unit": s["unit"],
                "publisher": s["publisher_type"],
                "year means": s["year_refers_to"],
                "compare with": [", ".join(titles[c] for c in cs) for cs in s["comparable_with"]],
                "values": [int((self.indicators["indicator"] == i).sum()) for i in s["id"]],
            }
        )

    def missing_values(self) -> pd.DataFrame:
        """Per series, the years still without a value: gaps between its first and last year and the
        years searched for without success (`sought`), less years for which no value exists."""
        ind = self.indicators
        rows = []
        for s in self.series.itertuples():
            years = set(ind[ind["indicator"] == s.id]["year"])
            span = set(range(min(years), max(years) + 1)) if years and not s.cumulative else set()
            missing = sorted((span | set(s.sought)) - years - set(s.not_published))
            if missing:
                rows.append(
                    {
                        "series": s.title,
                        "years without a value": _year_ranges(missing),
                        "note": s.note if isinstance(s.note, str) else "",
                    }
                )
        return pd.DataFrame(rows, columns=["series", "years without a value", "note"])


def load(data_dir: Path | str = DATA) -> Evidence:
    """Load and validate data_dir; memoised while no file in it changes."""
    data_dir = Path(data_dir)
    files = [f for f, _ in schema.TABLES.values()] + [schema.EDITION_FILE]
    stamp = tuple(
        (f, (data_dir / f).stat().st_mtime_ns, (data_dir / f).stat().st_size) for f in files if (data_dir / f).exists()
    )
    key = (str(data_dir.resolve()), stamp, dates.today())
    if key not in _CACHE:
        # A few entries, not one: tests alternate the real data with edited copies, and each
        # reload of the real data costs a second.
        for stale in [k for k in _CACHE if k[0] == key[0]] + list(_CACHE)[: max(0, len(_CACHE) - 3)]:
            _CACHE.pop(stale, None)
        digest = hashlib.sha256()
        for f, *_ in stamp:
            digest.update(f.encode() + b"\0" + (data_dir / f).read_bytes() + b"\0")
        content = (digest.hexdigest(), dates.today())
        same = _BY_CONTENT.get(content)
        if same is not None:  # validated already: the same bytes give the same tables, whatever the folder
            ev = Evidence({name: t.copy() for name, t in same._tables.items()}, data_dir, same._edition)
        else:
            tables, edition = _load_tables(data_dir)
            ev = Evidence(tables, data_dir, edition)
            from .yearreview import check  # it matches indicators against events, so it needs them loaded

            check(ev)
            for stale in list(_BY_CONTENT)[: max(0, len(_BY_CONTENT) - 3)]:
                _BY_CONTENT.pop(stale)
            _BY_CONTENT[content] = Evidence({name: t.copy() for name, t in tables.items()}, data_dir, edition)
        _CACHE[key] = ev
    return _CACHE[key]


def _load_tables(data_dir: Path) -> tuple[dict[str, pd.DataFrame], schema.Edition]:
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
        models[table] = _validated(path, records, model, problems)
    edition = _load_edition(data_dir / schema.EDITION_FILE, problems)
    if problems:
        raise DataError(problems)
    _check_references(data_dir, models, problems)
    _check_sources(data_dir, models, problems)
    _check_series(data_dir, models, problems)
    _check_cutoff(data_dir, models, edition, problems)
    _check_horizons(data_dir, models, edition, problems)
    _check_reported(data_dir, models, problems)
    _check_checked_ids(data_dir, models, edition, problems)
    if problems:
        raise DataError(problems)
    return _frames(models), edition[1]


def _load_edition(path: Path, problems: list[Problem]):
    """data/edition.yaml: one mapping (cutoff, searched), validated like a record."""
    name = rel(path)
    if not path.exists():
        problems.append(Problem(name, None, None, None, "file is missing"))
        return None
    try:
        rec = yamlio.load_yaml_mapping(path)
    except DataError as exc:
        problems.extend(exc.problems)
        return None
    before = len(problems)
    out = _validate_records(path, [rec], schema.Edition, problems)
    for p in problems[before:]:
        problems[problems.index(p)] = Problem(p.file, p.line, "edition", p.field, p.message)
    if not out:
        return None
    _, ed = out[0]
    try:
        cutoff = dt.date.fromisoformat(ed.cutoff)
    except ValueError:
        problems.append(
            Problem(name, rec.line_of("cutoff"), "edition", "cutoff", f"'{ed.cutoff}' is not a calendar date")
        )
        return None
    if cutoff > dates.today():
        problems.append(Problem(name, rec.line_of("cutoff"), "edition", "cutoff", f"'{ed.cutoff}' is in the future"))
    if ed.published is not None:
        try:
            published = dt.date.fromisoformat(ed.published)
            if published < cutoff:
                raise ValueError(f"is before the information cut-off {ed.cutoff}")
            if published > dates.today():
                raise ValueError("is in the future")
        except ValueError as exc:
            why = str(exc) if str(exc).startswith("is ") else "is not a calendar date"
            problems.append(Problem(name, rec.line_of("published"), "edition", "published", f"'{ed.published}' {why}"))
    parts = [x.strip() for x in ed.searched.split(" to ")]
    try:
        if not 1 <= len(parts) <= 2 or dates.first_day(dates.normalise(parts[0])) > dates.last_day(
            dates.normalise(parts[-1])
        ):
            raise ValueError("the search must end after it starts")
    except ValueError as exc:
        problems.append(
            Problem(
                name,
                rec.line_of("searched"),
                "edition",
                "searched",
                f"'{ed.searched}': give 'YYYY-MM[-DD]' or 'YYYY-MM[-DD] to YYYY-MM[-DD]' ({exc})",
            )
        )
    return rec, ed


_VALIDATED: dict = {}


def _validated(path: Path, records: list[Record], model, problems: list[Problem]) -> list:
    """_validate_records, kept by the file's bytes while they validate cleanly: tests load edited copies of the data
    in which most files are unchanged (yamlio keeps their parse the same way). Problems name the file, so a file
    with problems is validated afresh each time."""
    key = (model, hashlib.sha256(path.read_bytes()).digest())
    if key not in _VALIDATED:
        before = len(problems)
        out = _validate_records(path, records, model, problems)
        if len(problems) > before:
            return out
        if len(_VALIDATED) >= 32:
            _VALIDATED.pop(next(iter(_VALIDATED)))
        _VALIDATED[key] = out
    return list(_VALIDATED[key])


def _validate_records(path: Path, records: list[Record], model, problems: list[Problem]) -> list:
    name = rel(path)
    out = []
    for rec in records:
        fields = as_reference_fields(rec.fields) if model is schema.Reference else rec.fields
        rid = (
            rec.id
            or fields.get("key")
            or (f"{fields.get('indicator')} {fields.get('year')}" if model is schema.Indicator else None)
        )
        try:
            obj = model.model_validate(fields)
        except ValidationError as exc:
            for err in exc.errors():
                field = str(err["loc"][0]) if err["loc"] else None
                where = "".join(f"[{x}]" if isinstance(x, int) else f".{x}" for x in err["loc"][1:])
                problems.append(
                    Problem(
                        name,
                        rec.line_at(err["loc"]),
                        rid,
                        field,
                        f"{field}{where}: " * bool(where) + _message(err, model),
                    )
                )
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
    for table in (
        "actors",
        "events",
        "relations",
        "claims",
        "judgments",
        "references",
        "publishers",
        "series",
        "offices",
        "topics",
    ):
        ids[table] = set()
        for rec, obj in models.get(table, []):
            rid = obj.key if table == "references" else obj.id
            if rid in ids[table]:
                problems.append(Problem(files[table], rec.line_of("id"), rid, "id", "duplicate id in this file"))
            elif table in ("events", "relations", "claims") and rid in seen_records:
                other = seen_records[rid]
                problems.append(
                    Problem(
                        files[table],
                        rec.line_of("id"),
                        rid,
                        "id",
                        f"id also used in {other[0]}:{other[1]}; ids must be unique across records",
                    )
                )
            ids[table].add(rid)
            if table in ("events", "relations", "claims"):
                seen_records.setdefault(rid, (files[table], rec.line))
    seen_urls: dict[str, tuple] = {}
    for rec, r in models.get("references", []):
        u = urlparse(r.url)
        # ';params' name the page on some official sites (Australia's ParlInfo), so they are part of it
        params = f";{u.params}" if u.params else ""
        url = u.netloc.lower().removeprefix("www.") + u.path.rstrip("/") + params + (f"?{u.query}" if u.query else "")
        if url in seen_urls:
            problems.append(
                Problem(
                    files["references"],
                    rec.line,
                    r.key,
                    "url",
                    f"same page as '{seen_urls[url][0]}' (line {seen_urls[url][1]}); cite that key instead",
                )
            )
        seen_urls.setdefault(url, (r.key, rec.line))
    refs, actors = ids["references"], ids["actors"]
    seeds = {obj.seedfile for _, obj in models.get("references", []) if obj.seedfile}

    def need(table, rec, obj, field, values, known, what):
        rid = getattr(obj, "id", None) or getattr(obj, "key", None) or f"{obj.indicator} {obj.year}"
        for v in [values] if isinstance(values, str) or values is None else values:
            if v is not None and v not in known:
                problems.append(
                    Problem(
                        files[table], rec.line_of(field), rid, field, f"unknown {what} '{v}'{_did_you_mean(v, known)}"
                    )
                )

    for rec, a in models.get("actors", []):
        need("actors", rec, a, "sources", a.sources, refs, "source key")
        need("actors", rec, a, "parent", a.parent, actors, "actor id")
        if a.parent == a.id:
            problems.append(
                Problem(files["actors"], rec.line_of("parent"), a.id, "parent", "an actor cannot be its own parent")
            )
    for rec, e in models.get("events", []):
        need("events", rec, e, "sources", e.sources, refs, "source key")
        need("events", rec, e, "actors", e.actors, actors, "actor id")
        if e.persons is not None and e.kind not in ("arrests", "incident") and "named-relapse" not in e.tags:
            problems.append(
                Problem(
                    files["events"],
                    rec.line_of("persons"),
                    e.id,
                    "persons",
                    "only an arrest operation (people held), an incident (people who took part) or a statement "
                    f"tagged named-relapse (relapses it names) counts people; this event is of kind {e.kind}",
                )
            )
        if e.plotters is not None and "foiled-plot" not in e.tags:
            problems.append(
                Problem(
                    files["events"],
                    rec.line_of("plotters"),
                    e.id,
                    "plotters",
                    "only a foiled plot (tag foiled-plot) is sized by the people who planned it",
                )
            )
        if e.coords is not None:
            from .maps import REGION

            if not e.place:
                problems.append(
                    Problem(
                        files["events"],
                        rec.line_of("coords"),
                        e.id,
                        "coords",
                        "coordinates need a place name (add place:)",
                    )
                )
            if not REGION.contains(*e.coords):
                problems.append(
                    Problem(
                        files["events"],
                        rec.line_of("coords"),
                        e.id,
                        "coords",
                        f"{list(e.coords)} is outside the map ({REGION.title}: latitude "
                        f"{REGION.lat[0]} to {REGION.lat[1]}, longitude {REGION.lon[0]} to {REGION.lon[1]})",
                    )
                )
        if e.end_date and dates.last_day(e.end_date) < dates.first_day(e.date):
            problems.append(
                Problem(
                    files["events"],
                    rec.line_of("end_date"),
                    e.id,
                    "end_date",
                    f"ends ({e.end_date}) before it starts ({e.date})",
                )
            )
    for rec, r in models.get("relations", []):
        need("relations", rec, r, "sources", r.sources, refs, "source key")
        need("relations", rec, r, "source", r.source, actors, "actor id")
        need("relations", rec, r, "target", r.target, actors, "actor id")
        if r.source == r.target:
            problems.append(
                Problem(
                    files["relations"], rec.line_of("target"), r.id, "target", "an edge cannot join an actor to itself"
                )
            )
        if r.start and r.end and dates.last_day(r.end) < dates.first_day(r.start):
            problems.append(
                Problem(
                    files["relations"], rec.line_of("end"), r.id, "end", f"ends ({r.end}) before it starts ({r.start})"
                )
            )
    for rec, c in models.get("claims", []):
        need("claims", rec, c, "evidence", c.evidence, refs, "source key")
        need("claims", rec, c, "seed", c.seed, seeds, "seed file (no references.bib entry has this seedfile)")
        if c.verdict != "unverified" and not c.evidence:
            problems.append(
                Problem(
                    files["claims"],
                    rec.line_of("evidence"),
                    c.id,
                    "evidence",
                    f"a '{c.verdict}' verdict must cite the evidence that decides it",
                )
            )
    records = ids["events"] | ids["relations"] | ids["claims"]
    _check_judgments(files["judgments"], models, records, need, problems)
    for rec, o in models.get("offices", []):
        need("offices", rec, o, "sources", o.sources, refs, "source key")
        need("offices", rec, o, "body", o.body, actors, "actor id")
        need("offices", rec, o, "person", o.person, actors, "actor id")
        if o.start and o.end and dates.last_day(o.end) < dates.first_day(o.start):
            problems.append(
                Problem(
                    files["offices"], rec.line_of("end"), o.id, "end", f"ends ({o.end}) before it starts ({o.start})"
                )
            )
        if not o.start and not o.attested:
            problems.append(
                Problem(
                    files["offices"],
                    rec.line_of("start"),
                    o.id,
                    "start",
                    "give the start of the term, or the dates a source shows the holder in office (attested)",
                )
            )
    used_tags = {t for _, e in models.get("events", []) for t in e.tags}
    for rec, t in models.get("topics", []):
        for tag in t.tags:
            if tag not in used_tags:
                problems.append(
                    Problem(
                        files["topics"],
                        rec.line_of("tags"),
                        t.id,
                        "tags",
                        f"no event has the tag '{tag}'{_did_you_mean(tag, used_tags)}",
                    )
                )
    seen_rows = {}
    for rec, i in models.get("indicators", []):
        need("indicators", rec, i, "source", i.source, refs, "source key")
        if i.year > dates.today().year:
            problems.append(
                Problem(files["indicators"], rec.line, f"{i.indicator} {i.year}", "year", f"{i.year} is in the future")
            )
        row = (i.indicator, i.year, i.source)
        if row in seen_rows:
            problems.append(
                Problem(
                    files["indicators"],
                    rec.line,
                    f"{i.indicator} {i.year}",
                    "source",
                    f"same series, year and source as line {seen_rows[row]}",
                )
            )
        seen_rows.setdefault(row, rec.line)


def _check_judgments(file: str, models: dict, records: set, need, problems: list[Problem]) -> None:
    """Judgments: basis resolves; horizon after the data cut-off; a known base rate; indicator rules use
    tags some event carries (a typo would otherwise read as 'not observed' for ever)."""
    from .judgments import BASE_RATES, WATCH_TAGS

    events = [e for _, e in models.get("events", [])]
    tags = {t for e in events for t in e.tags} | set(WATCH_TAGS)
    for rec, j in models.get("judgments", []):
        need("judgments", rec, j, "basis", j.basis, records, "event, relation or claim id")
        if j.base_rate and j.base_rate not in BASE_RATES:
            problems.append(
                Problem(
                    file,
                    rec.line_of("base_rate"),
                    j.id,
                    "base_rate",
                    f"unknown base rate '{j.base_rate}'{_did_you_mean(j.base_rate, BASE_RATES)} "
                    f"(known: {', '.join(sorted(BASE_RATES))})",
                )
            )
        for i, ind in enumerate(j.indicators):
            for field in ("tags", "unless", "contested"):
                for k, tag in enumerate(getattr(ind.match, field)):
                    if tag not in tags:
                        problems.append(
                            Problem(
                                file,
                                rec.line_at(("indicators", i, "match", field, k)),
                                j.id,
                                "indicators",
                                f"indicators[{i}].match.{field}: unknown tag '{tag}' (no event carries it and it is "
                                f"not in analysis.judgments.WATCH_TAGS){_did_you_mean(tag, tags)}",
                            )
                        )


def _check_horizons(data_dir: Path, models: dict, edition, problems: list[Problem]) -> None:
    """A judgment looks forward: its horizon is after the information cut-off of data/edition.yaml; its
    reading of the last twelve months was written for that cut-off."""
    if edition is None:
        return
    cutoff = dt.date.fromisoformat(edition[1].cutoff)
    for rec, j in models.get("judgments", []):
        if j.horizon <= cutoff:
            problems.append(
                Problem(
                    rel(data_dir / schema.TABLES["judgments"][0]),
                    rec.line_of("horizon"),
                    j.id,
                    "horizon",
                    f"{j.horizon} is not after the data cut-off ({cutoff}): a judgment looks forward",
                )
            )
        if j.year_reading is not None and j.year_reading.cutoff != cutoff:
            problems.append(
                Problem(
                    rel(data_dir / schema.TABLES["judgments"][0]),
                    rec.line_of("year_reading"),
                    j.id,
                    "year_reading",
                    f"written for the cut-off {j.year_reading.cutoff}, but the cut-off is {cutoff}: "
                    "the twelve months have other events now; read them again and rewrite it",
                )
            )


def _check_reported(data_dir: Path, models: dict, problems: list[Problem]) -> None:
    """A tie's last report is the date of the latest cited page that shows it, as precise as that page (review 86):
    a `reported` year or month is refused when every cited page dated within it gives a finer date, since the coarse
    value counts the tie to the end of that year or month, past the page (a cited page dated only to the same year or
    month may be the later one, so it lets the coarse value stand). The other side (review of the nineteenth draw): a
    day or month is refused when a cited page dated only to a year or month holding it is the page that could give
    it and no cited page is dated within it, since it is then the date of the act the page reports, not of the page."""
    dated = {r.key: r.date or str(r.year) for _, r in models.get("references", []) if r.date or r.year}
    for rec, rel_ in models.get("relations", []):
        if not rel_.reported:
            continue
        lo, hi = dates.first_day(rel_.reported), dates.last_day(rel_.reported)
        spans = [(dated[s], s) for s in rel_.sources if s in dated]
        within = [(d, s) for d, s in spans if lo <= dates.first_day(d) and dates.last_day(d) <= hi]
        holding = [(d, s) for d, s in spans if dates.first_day(d) <= lo and hi <= dates.last_day(d)]
        coarser = [(d, s) for d, s in holding if dates.precision(d) != dates.precision(rel_.reported)]
        if within and all(dates.precision(d) != dates.precision(rel_.reported) for d, _ in within):
            latest, key = max(within)
            message = (
                f"{rel_.reported} is coarser than cited page {key}, dated {latest} within it: give the last "
                "report as precisely as the page gives it"
            )
        elif coarser and not within:
            page, key = max(coarser)
            message = (
                f"{rel_.reported} is finer than its pages: cited page {key} is dated only {page}, and none is dated "
                f"within {rel_.reported}; the last report is the date of the latest page that shows the tie, not of "
                "the act it reports"
            )
        else:
            continue
        problems.append(
            Problem(
                rel(data_dir / schema.TABLES["relations"][0]), rec.line_of("reported"), rel_.id, "reported", message
            )
        )


def _check_checked_ids(data_dir: Path, models: dict, edition, problems: list[Problem]) -> None:
    """A check that keeps its records' ids names records that exist: a reader must be able to check
    the same records again."""
    if edition is None:
        return
    rec, ed = edition
    known = {m.id for table in ("events", "relations") for _, m in models.get(table, [])}
    for i, check in enumerate(ed.checks):
        for j, rid in enumerate(check.ids):
            if rid not in known:
                problems.append(
                    Problem(
                        rel(data_dir / schema.EDITION_FILE),
                        rec.line_at(("checks", i, "ids", j)),
                        "edition",
                        f"checks[{i}].ids",
                        f"'{rid}' is no event or relation id{_did_you_mean(rid, known)}",
                    )
                )


def _did_you_mean(value, known) -> str:
    """'; did you mean 'x'?' for the known name closest to a misspelt one, or nothing."""
    near = difflib.get_close_matches(str(value), sorted(known), n=1)
    return f"; did you mean '{near[0]}'?" if near else ""


def _year_ranges(years: list[int]) -> str:
    """[2018, 2019, 2020, 2023] -> '2018-2020, 2023'."""
    runs: list[list[int]] = []
    for y in years:
        if runs and y == runs[-1][-1] + 1:
            runs[-1].append(y)
        else:
            runs.append([y])
    return ", ".join(f"{r[0]}-{r[-1]}" if len(r) > 1 else f"{r[0]}" for r in runs)


@lru_cache(maxsize=8192)  # asked of every source's URL at each load: 100,000 times in the tests
def domain_of(url: str) -> str:
    """The web domain of a URL as publishers.yaml lists it: lower case, no www., no port, no final dot."""
    return urlparse(url.replace("\\", "")).netloc.lower().split("@")[-1].split(":")[0].rstrip(".").removeprefix("www.")


def _check_sources(data_dir: Path, models: dict, problems: list[Problem]) -> None:
    """One grade per publisher: each source names a known publisher whose domains hold its URL; its kind
    and grade are the publisher's unless a grade_note says why not; no record rests only on weak sources."""
    files = {t: rel(data_dir / f) for t, (f, _) in schema.TABLES.items()}
    pubs = {p.id: p for _, p in models.get("publishers", [])}
    owner: dict[str, tuple] = {}
    for rec, p in models.get("publishers", []):
        for d in p.domains:
            if d in owner and owner[d][0] != p.id:
                problems.append(
                    Problem(
                        files["publishers"],
                        rec.line_of("domains"),
                        p.id,
                        "domains",
                        f"domain '{d}' is also claimed by '{owner[d][0]}' (line {owner[d][1]}); "
                        "a domain belongs to one publisher",
                    )
                )
            owner.setdefault(d, (p.id, rec.line))
    grade = {}
    for rec, r in models.get("references", []):
        p = pubs.get(r.publisher_id)
        if p is None:
            problems.append(
                Problem(
                    files["references"],
                    rec.line_of("publisher_id"),
                    r.key,
                    "publisher_id",
                    f"unknown publisher '{r.publisher_id}'{_did_you_mean(r.publisher_id, pubs)}; "
                    "a new publisher needs its record in publishers.yaml",
                )
            )
            continue
        grade[r.key] = r.reliability or p.grade
        if r.wire is not None and (r.wire not in pubs or r.wire == p.id):
            why = "is its own publisher" if r.wire == p.id else f"is not a publisher{_did_you_mean(r.wire, pubs)}"
            problems.append(Problem(files["references"], rec.line_of("wire"), r.key, "wire", f"'{r.wire}' {why}"))
        elif r.wire is not None and not r.grade_note and (r.reliability or p.grade) < pubs[r.wire].grade:
            # review 88: a news agency's story on a ministry's site was graded as the ministry's own text
            problems.append(
                Problem(
                    files["references"],
                    rec.line_of("reliability"),
                    r.key,
                    "reliability",
                    f"'{r.reliability or p.grade}' is above the grade of the story's own publisher '{r.wire}' "
                    f"('{pubs[r.wire].grade}'); grade a copy no higher than its original, or say why in grade_note",
                )
            )
        if r.grade_note:
            continue
        d = domain_of(r.url)
        if d not in p.domains:
            other = f" (publishers.yaml gives it to '{owner[d][0]}')" if d in owner else ""
            problems.append(
                Problem(
                    files["references"],
                    rec.line_of("url"),
                    r.key,
                    "url",
                    f"domain '{d}' is not among the domains of publisher '{p.id}'{other}; "
                    "fix the publisher or explain in grade_note",
                )
            )
        for field, mine, theirs in (("kind", r.kind, p.kind), ("reliability", r.reliability, p.grade)):
            if mine is not None and mine != theirs:
                problems.append(
                    Problem(
                        files["references"],
                        rec.line_of(field),
                        r.key,
                        field,
                        f"'{mine}' differs from publisher '{p.id}' ('{theirs}') without a grade_note saying why",
                    )
                )
    weak = set(schema.WEAK_GRADES)

    def rests_on_weak(table, rec, rid, field, keys):
        keys = [k for k in ([keys] if isinstance(keys, str) else keys) if k in grade]
        if keys and all(grade[k] in weak for k in keys):
            listed = ", ".join(f"{k} ({grade[k]})" for k in keys)
            problems.append(
                Problem(
                    files[table],
                    rec.line_of(field),
                    rid,
                    field,
                    f"rests only on sources graded {', '.join(schema.WEAK_GRADES)}: {listed}; "
                    "cite a better source or drop the record",
                )
            )

    for table in ("events", "relations", "actors", "offices"):
        for rec, o in models.get(table, []):
            rests_on_weak(table, rec, o.id, "sources", o.sources)
    for rec, c in models.get("claims", []):
        rests_on_weak("claims", rec, c.id, "evidence", c.evidence)
    for rec, i in models.get("indicators", []):
        rests_on_weak("indicators", rec, f"{i.indicator} {i.year}", "source", i.source)


def _check_series(data_dir: Path, models: dict, problems: list[Problem]) -> None:
    """Every indicator row belongs to a defined series; comparable_with and out_of name defined series."""
    files = {t: rel(data_dir / f) for t, (f, _) in schema.TABLES.items()}
    defined = {s.id for _, s in models.get("series", [])}
    for rec, s in models.get("series", []):
        if s.out_of is not None and (s.out_of not in defined or s.out_of == s.id):
            problems.append(
                Problem(
                    files["series"],
                    rec.line_of("out_of"),
                    s.id,
                    "out_of",
                    f"unknown series '{s.out_of}'{_did_you_mean(s.out_of, defined)}"
                    if s.out_of != s.id
                    else "a series cannot be out of itself",
                )
            )
        for other in s.comparable_with:
            if other not in defined or other == s.id:
                problems.append(
                    Problem(
                        files["series"],
                        rec.line_of("comparable_with"),
                        s.id,
                        "comparable_with",
                        f"unknown series '{other}'{_did_you_mean(other, defined)}"
                        if other != s.id
                        else "a series is comparable with itself by definition",
                    )
                )
    for rec, i in models.get("indicators", []):
        if i.indicator not in defined:
            problems.append(
                Problem(
                    files["indicators"],
                    rec.line,
                    f"{i.indicator} {i.year}",
                    "indicator",
                    f"series '{i.indicator}' is not defined in series.yaml{_did_you_mean(i.indicator, defined)}",
                )
            )


def _check_cutoff(data_dir: Path, models: dict, edition, problems: list[Problem]) -> None:
    """Nothing in the data is dated after the information cut-off, and no source was read after the
    edition was published."""
    if edition is None:
        return
    files = {t: rel(data_dir / f) for t, (f, _) in schema.TABLES.items()}
    cutoff = dt.date.fromisoformat(edition[1].cutoff)
    why = f"is after the information cut-off {cutoff} (data/edition.yaml)"
    for rec, e in models.get("events", []):
        for field in ("date", "end_date"):
            v = getattr(e, field)
            if v and dates.first_day(v) > cutoff:
                problems.append(Problem(files["events"], rec.line_of(field), e.id, field, f"'{v}' {why}"))
    for rec, r in models.get("relations", []):
        for field in ("start", "end"):
            v = getattr(r, field)
            if v and dates.first_day(v) > cutoff:
                problems.append(Problem(files["relations"], rec.line_of(field), r.id, field, f"'{v}' {why}"))
    for rec, o in models.get("offices", []):
        for field in ("start", "end"):
            v = getattr(o, field)
            if v and dates.first_day(v) > cutoff:
                problems.append(Problem(files["offices"], rec.line_of(field), o.id, field, f"'{v}' {why}"))
    for rec, i in models.get("indicators", []):
        if i.year > cutoff.year:
            problems.append(
                Problem(files["indicators"], rec.line, f"{i.indicator} {i.year}", "year", f"{i.year} {why}")
            )
    # An edition cannot cite a page read after the day it was issued: the covers would date it wrongly.
    if edition[1].published:
        published = dt.date.fromisoformat(edition[1].published)
        for rec, r in models.get("references", []):
            if r.urldate and dates.first_day(r.urldate) > published:
                problems.append(
                    Problem(
                        files["references"],
                        rec.line_of("urldate"),
                        r.key,
                        "urldate",
                        f"'{r.urldate}' is after the edition's publication date {published} (data/edition.yaml)",
                    )
                )


def _frames(models: dict) -> dict[str, pd.DataFrame]:
    def frame(table):
        rows = [dict(obj.model_dump(), line=rec.line) for rec, obj in models[table]]
        return pd.DataFrame(rows, columns=[*schema.TABLES[table][1].model_fields, "line"])

    t = {name: frame(name) for name in schema.TABLES}
    pubs = t["publishers"]
    # plain dicts: a pandas lookup per entry cost a tenth of a second a load
    kind_of, grade_of, name_of = (dict(zip(pubs["id"], pubs[c])) for c in ("kind", "grade", "name"))
    refs = t["references"]
    refs["domain"] = [domain_of(u) for u in refs["url"]]
    # kind and grade come from the publisher unless the entry explains a difference (grade_note)
    refs["kind"] = [k if isinstance(k, str) else kind_of[p] for k, p in zip(refs["kind"], refs["publisher_id"])]
    refs["reliability"] = [
        g if isinstance(g, str) else grade_of[p] for g, p in zip(refs["reliability"], refs["publisher_id"])
    ]
    refs["publisher_name"] = [name_of[p] for p in refs["publisher_id"]]
    # Independence is judged by publisher id; Wikipedia and its mirrors (publishers.yaml names each
    # mirror "... (Wikipedia mirror)") count as one publisher, since mirrors repeat the same article,
    # and so does a news agency with the newspapers that carry its story (the entry's wire).
    publisher_of = {
        k: w if isinstance(w, str) else "wikipedia" if "wikipedia" in name.lower() else p
        for k, name, p, w in zip(refs["key"], refs["publisher_name"], refs["publisher_id"], refs["wire"])
    }

    ev = t["events"]
    ev["start"] = pd.to_datetime([dates.first_day(d) for d in ev["date"]])
    ev["end"] = pd.to_datetime([dates.last_day(d) if isinstance(d, str) else pd.NaT for d in ev["end_date"]])
    ev["precision"] = [dates.precision(d) for d in ev["date"]]
    ev["n_independent"] = [len({publisher_of[s] for s in srcs}) for srcs in ev["sources"]]
    t["events"] = ev.sort_values(["start", "id"], kind="stable").reset_index(drop=True)

    rel_ = t["relations"]
    rel_["start_ts"] = pd.to_datetime([dates.first_day(d) if isinstance(d, str) else pd.NaT for d in rel_["start"]])
    rel_["end_ts"] = pd.to_datetime([dates.last_day(d) if isinstance(d, str) else pd.NaT for d in rel_["end"]])
    # A tie whose end the sources do not give (end_unknown) is in force only as far as they show it: to the end of
    # the day, month or year of its last report (a 2017 pledge counts in 2017, not in 2026); with no report, on no
    # date the book asks about (1900 is before every record). Every "in force" filter then follows the flag
    # without knowing of it.
    unknown = rel_["end_unknown"]
    rel_.loc[unknown, "end_ts"] = [
        pd.Timestamp(dates.last_day(r)) if isinstance(r, str) else pd.Timestamp("1900-01-01")
        for r in rel_.loc[unknown, "reported"]
    ]
    # A yearly series (recurs: annual) holds until its next edition is due, a year after its last report.
    yearly = rel_["recurs"] == "annual"
    rel_.loc[yearly, "end_ts"] = rel_.loc[yearly, "end_ts"] + pd.DateOffset(years=1)
    # With no start either, the tie counts from its earliest cited page (or its last report, if that is earlier) to
    # the last report: not from the beginning of time (review 84: trainers reported for 2005 counted as in force
    # before the centre they trained at opened), and not only within the last report either (review 87: ties shown
    # by pages of June 2017 counted on one day of October).
    page_start = {
        k: dates.first_day(d if isinstance(d, str) else str(int(y)))
        for k, d, y in zip(refs["key"], refs["date"], refs["year"])
        if isinstance(d, str) or y == y  # y == y: a year is given (not NaN)
    }
    undated = unknown & rel_["start_ts"].isna() & rel_["reported"].map(lambda r: isinstance(r, str))
    rel_.loc[undated, "start_ts"] = [
        pd.Timestamp(min([dates.first_day(r), *(page_start[s] for s in srcs if s in page_start)]))
        for r, srcs in zip(rel_.loc[undated, "reported"], rel_.loc[undated, "sources"], strict=True)
    ]

    # Judgments: the structured warning indicators go to 'indicator_rules' (read by analysis.judgments);
    # 'indicators' holds each as one readable line, so every model field stays a list of text.
    from .judgments import indicator_label

    jt = t["judgments"]
    jt["indicator_rules"] = jt["indicators"]
    jt["indicators"] = [[indicator_label(i) for i in rules] for rules in jt["indicator_rules"]]

    act = t["actors"]
    # Never cut short: a label is the short name, or the name less its asides (words.plain_name).
    act["label"] = [plain_name(s, n) for s, n in zip(act["short"], act["name"])]
    return t
