"""The chronology: the key events on two pages for the briefer, and every event in an annex.

What makes an event key (the rule the methods chapter states): an editor tagged it `key`; or it
is a law that came into force or was repealed; or it is a terrorist attack carried out in
Malaysia; or it founded an institution of the counter-terrorism architecture; unless an editor
tagged it `not-key`. The chronology also lists every event in which a key judgment's warning sign was
observed (review 92: the only sign observed was missing from the page a briefer turns to)."""

from __future__ import annotations

import pandas as pd

from . import dates

KEY_RULE = (
    "an editor marked it a turning point in threat or policy; or a law came into force or was repealed; or a "
    "terrorist attack the police count was carried out in Malaysia (earlier raids by armed groups are in the "
    "full chronology); or a body of the counter-terrorism architecture, or a group "
    "that shaped the threat, was founded (an editor leaves out a law or a founding that is no turning point); "
    "or a key judgment's warning sign was observed in it"
)
MAX_KEY_EVENTS = 45  # what fits on two printed pages


def is_key(kind: str, tags: list[str]) -> bool:
    tags = set(tags)
    if "not-key" in tags:
        return False
    return bool(
        "key" in tags
        or (kind == "law" and tags & {"in-force", "repeal", "repealed"})
        or (kind == "incident" and "terrorist-attack" in tags)
        or (kind == "institution" and tags & {"founding", "founded", "established"})
    )


def _table(events: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Date": [dates.display(d) for d in events["date"]],
            "Event": list(events["title"]),
            "Kind": list(events["kind"]),
            "id": list(events["id"]),
            "sources": list(events["sources"]),
        }
    )


def key_events(ev) -> pd.DataFrame:
    """The key events, oldest first, each with its two best-graded sources (at most MAX_KEY_EVENTS:
    a test holds the rule to two printed pages)."""
    from .judgments import status

    st = status(ev)
    signs = {i for ids in st[st["observed"] & ~st["outcome"]]["records"] for i in ids}
    e = ev.events
    keep = [is_key(k, t) or i in signs for i, k, t in zip(e["id"], e["kind"], e["tags"], strict=True)]
    t = _table(e[keep]).reset_index(drop=True)
    t["sources"] = [ev.short_sources(k, d) for k, d in zip(t["sources"], e[keep]["dissent"], strict=True)]
    return t


def full(ev) -> pd.DataFrame:
    """Every event, oldest first: the annex."""
    return _table(ev.events).reset_index(drop=True)
