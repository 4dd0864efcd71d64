"""Key sources: the sources the argument rests on most, for the end of the print edition's main body.

The rule: among sources graded A or B, the ones cited by the most events, claims-audit verdicts and
indicator values (the records the chapters argue from; memberships and offices are left out, as
they would crowd the list with directories), at most N_KEY; ties are broken by title."""

from __future__ import annotations

from collections import Counter

import pandas as pd

from .report import record_sources

N_KEY = 30
RULE = "the most events, claims-audit verdicts and indicator values cite"  # which sources graded A or B
OFFICIAL_KINDS = ("official", "intergovernmental")


def citation_counts(ev) -> Counter:
    n: Counter = Counter()
    for table, field in (("events", "sources"), ("claims", "evidence")):
        for keys in getattr(ev, table)[field]:
            n.update(set(keys))
    n.update(ev.indicators["source"])
    return n


def key_sources(ev) -> pd.DataFrame:
    n = citation_counts(ev)
    refs = ev.references
    strong = refs[refs["reliability"].isin(["A", "B"])].copy()
    strong["records"] = [n.get(k, 0) for k in strong["key"]]
    strong = strong[strong["records"] > 0].sort_values(["records", "title"], ascending=[False, True]).head(N_KEY)
    names = ev.publishers.set_index("id")["name"]
    return pd.DataFrame(
        {
            "Source": strong["title"],
            "Publisher": [attribution(names, r) for r in strong.itertuples()],
            "Grade": strong["reliability"],
            "Records": strong["records"],
            "sources": [[k] for k in strong["key"]],
        }
    ).reset_index(drop=True)


def attribution(names: pd.Series, ref) -> str:
    """Who published a source: its publisher, or, for a copy of another's report or story (its `wire`),
    that author 'via' the host: the State Department's reports read in Refworld are the State
    Department's, not UNHCR's (review 52); an author's name is never the publisher (review 53).
    `names` maps publisher ids to names."""
    wire = ref.wire if isinstance(ref.wire, str) and ref.wire in names.index else None
    if wire and wire != ref.publisher_id:
        return f"{names[wire]} (via {ref.publisher_name})"
    return ref.publisher_name


def median_year(years) -> str:
    """The median year, as a span when it falls between two ('2021-22'), never rounded down (review 39)."""
    years = years.dropna()
    if not len(years):
        return "unknown"
    m = float(years.median())
    return str(int(m)) if m.is_integer() else f"{int(m)}–{str(int(m) + 1)[2:]}"


def compared(ev, n_records: int) -> dict[str, str]:
    """What the key-source list leans to, beside what the judgments rest on (the sources of the
    records that carry them, the first `n_records` of each basis): how many are official or
    intergovernmental texts, how many news reports, and the median year of each set, for the prose."""
    refs = ev.references.set_index("key")
    listed = refs.loc[[k[0] for k in key_sources(ev)["sources"]]]
    sources_of = record_sources(ev)
    carrying = sorted(
        {k for j in ev.judgments.itertuples() for rid in j.basis[:n_records] for k in sources_of.get(rid, [])}
    )
    behind = refs.loc[carrying]
    return {
        "ks_official": str(int(listed["kind"].isin(OFFICIAL_KINDS).sum())),
        "ks_news": str(int((listed["kind"] == "news").sum())),
        "ks_year": median_year(listed["year"]),
        "kj_sources": str(len(behind)),
        "kj_news": str(int((behind["kind"] == "news").sum())),
        "kj_official": str(int(behind["kind"].isin(OFFICIAL_KINDS).sum())),
        "kj_year": median_year(behind["year"]),
    }


def behind_judgments(ev, n_records: int) -> pd.DataFrame:
    """For each key judgment, the grades of the sources cited by the records that carry it (the first
    `n_records` of its basis) and the best-graded of those sources: how strong the evidence under each
    judgment is, which the overall list above can hide."""
    refs = ev.references.set_index("key")
    sources_of = record_sources(ev)
    dissent = dict(zip(ev.events["id"], ev.events["dissent"], strict=True))
    rows = []
    for i, j in enumerate(ev.judgments.itertuples(), 1):
        carrying = list(j.basis[:n_records])
        order = {}  # each source, at the first carrying record that cites it, and its place in that record's list
        for n, rid in enumerate(carrying):
            for pos, k in enumerate(sources_of.get(rid, [])):
                if k not in dissent.get(rid, ()):  # a source giving another date is not the record's best
                    order.setdefault(k, (n, pos))
        keys = sorted(order)
        grades = Counter(refs.loc[k, "reliability"] for k in keys)
        # the best grade; among equals, the source of the record that carries the judgment first, and
        # within a record the one it lists first (its editors put the source of its main fact first)
        best = min(keys, key=lambda k: (refs.loc[k, "reliability"], order[k], k)) if keys else None
        rows.append(
            {
                "Judgment": f"{i}. {j.headline}",
                "Sources by grade": ", ".join(f"{g}\u00a0{grades[g]}" for g in sorted(grades)),
                "Best-graded source": f"{refs.loc[best, 'title']} ({refs.loc[best, 'reliability']})" if best else "",
                "sources": [best] if best else [],
            }
        )
    return pd.DataFrame(rows)
