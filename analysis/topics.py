"""The topic map: how many events each topic has per period, and how many of them cite two
independent publishers, so that gaps in coverage show (the methods chapter prints it)."""

from __future__ import annotations

import pandas as pd

PERIODS = [
    (None, 1999, "before 2000"),
    (2000, 2009, "2000–09"),
    (2010, 2014, "2010–14"),
    (2015, 2019, "2015–19"),
    (2020, 2023, "2020–23"),
    (2024, None, "2024 on"),
]
MIN_EVENTS = 5  # a topic with fewer well-sourced events than this is thin


def members(ev, topic_tags) -> pd.DataFrame:
    tags = set(topic_tags)
    e = ev.events
    return e[[bool(tags & set(t)) for t in e["tags"]]]


def topic_map(ev) -> pd.DataFrame:
    """One row per topic: events per period, all events, and events citing two independent publishers."""
    rows = []
    for t in ev.topics.itertuples():
        m = members(ev, t.tags)
        years = m["start"].dt.year
        row = {"topic": t.title}
        for lo, hi, label in PERIODS:
            row[label] = int(((years >= (lo or 0)) & (years <= (hi or 9999))).sum())
        row["events"] = len(m)
        row["two publishers"] = int((m["n_independent"] >= 2).sum())
        rows.append(row)
    return pd.DataFrame(rows).set_index("topic")


def thin(ev) -> list[str]:
    """Topics with fewer than MIN_EVENTS events that cite two independent publishers."""
    tm = topic_map(ev)
    return [t for t, n in tm["two publishers"].items() if n < MIN_EVENTS]
