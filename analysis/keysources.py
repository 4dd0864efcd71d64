"""Key sources: the sources the argument rests on most, for the end of the print edition's main body.

The rule: among sources graded A or B, the ones cited by the most events, claims-audit verdicts and
indicator values (the records the chapters argue from; memberships and offices are left out, as
they would crowd the list with directories), at most N_KEY; ties are broken by title."""

from __future__ import annotations

from collections import Counter

import pandas as pd

from .report import record_sources

N_KEY = 30
RULE = f"the {N_KEY} sources graded A or B that the most events, claims-audit verdicts and indicator values cite"


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
    return pd.DataFrame(
        {
            "Source": strong["title"],
            "Publisher": strong["publisher_name"],
            "Grade": strong["reliability"],
            "Records": strong["records"],
            "sources": [[k] for k in strong["key"]],
        }
    ).reset_index(drop=True)


def behind_judgments(ev, n_records: int) -> pd.DataFrame:
    """For each key judgment, the grades of the sources cited by the records that carry it (the first
    `n_records` of its basis) and the best-graded of those sources: how strong the evidence under each
    judgment is, which the overall list above can hide."""
    refs = ev.references.set_index("key")
    sources_of = record_sources(ev)
    rows = []
    for i, j in enumerate(ev.judgments.itertuples(), 1):
        carrying = list(j.basis[:n_records])
        order = {}  # each source, at the first carrying record that cites it
        for n, rid in enumerate(carrying):
            for k in sources_of.get(rid, []):
                order.setdefault(k, n)
        keys = sorted(order)
        grades = Counter(refs.loc[k, "reliability"] for k in keys)
        # the best grade; among equals, the source of the record that carries the judgment first
        best = min(keys, key=lambda k: (refs.loc[k, "reliability"], order[k], k)) if keys else None
        rows.append(
            {
                "Judgment": f"{i}. {j.headline}",
                "Sources by grade": ", ".join(f"{g} {grades[g]}" for g in sorted(grades)),
                "Best-graded source": f"{refs.loc[best, 'title']} ({refs.loc[best, 'reliability']})" if best else "",
                "sources": [best] if best else [],
            }
        )
    return pd.DataFrame(rows)
