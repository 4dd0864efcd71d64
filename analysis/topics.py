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


def _counts(events: pd.DataFrame) -> dict[str, int]:
    """A row of the map: events per period, all of them, and those citing two independent publishers."""
    years = events["start"].dt.year
    row = {label: int(((years >= (lo or 0)) & (years <= (hi or 9999))).sum()) for lo, hi, label in PERIODS}
    return row | {"events": len(events), "two publishers": int((events["n_independent"] >= 2).sum())}


def topic_map(ev) -> pd.DataFrame:
    """One row per topic: events per period, all events, and events citing two independent publishers."""
    rows = [{"topic": t.title, **_counts(members(ev, t.tags))} for t in ev.topics.itertuples()]
    return pd.DataFrame(rows).set_index("topic")


def in_no_topic(ev) -> pd.DataFrame:
    """The events no topic's tags take in: counted under the topic map, so the map does not read as the
    whole record (review 59: 69 events had fallen outside every topic unsaid)."""
    inside = members(ev, {t for topic_tags in ev.topics["tags"] for t in topic_tags})
    return ev.events[~ev.events["id"].isin(inside["id"])]


def topic_table(ev) -> pd.DataFrame:
    """The topic map with a last row for the events in no topic."""
    rest = pd.DataFrame([_counts(in_no_topic(ev))], index=pd.Index(["(in no topic)"], name="topic"))
    return pd.concat([topic_map(ev), rest])


def thin(ev) -> list[str]:
    """Topics with fewer than MIN_EVENTS events that cite two independent publishers."""
    tm = topic_map(ev)
    return [t for t, n in tm["two publishers"].items() if n < MIN_EVENTS]


def sparse_periods(ev, at_most: int = 1) -> list[tuple[str, list[str]]]:
    """Per topic, the periods from its first event on with at most `at_most` events: where the
    record is thinnest. Periods before a topic's first event are left out (the Online Safety Act
    has no events in the 1990s for want of the Act, not of sources)."""
    tm = topic_map(ev)
    labels = [label for *_, label in PERIODS]
    gaps = []
    for topic, row in tm.iterrows():
        first = next((i for i, label in enumerate(labels) if row[label] > 0), len(labels))
        few = [
            f"{label} ({row[label]} event{'' if row[label] == 1 else 's'})"
            for label in labels[first:]
            if row[label] <= at_most
        ]
        if few:
            gaps.append((topic, few))
    return gaps


def gaps_markdown(ev, at_most: int = 1) -> str:
    gaps = sparse_periods(ev, at_most)
    if not gaps:
        return f"No topic has a period with {at_most} events or fewer since its first event."
    return "\n".join(f"- {topic}: {', '.join(few)}" for topic, few in gaps)
