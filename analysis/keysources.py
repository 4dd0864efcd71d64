"""Key sources: the sources the argument rests on most, for the end of the print edition's main body.

The rule: among sources graded A or B, the ones cited by the most events, claims-audit verdicts and
indicator values (the records the chapters argue from; memberships and offices are left out, as
they would crowd the list with directories), at most N_KEY; ties are broken by title."""

from __future__ import annotations

from collections import Counter

import pandas as pd

N_KEY = 35
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
