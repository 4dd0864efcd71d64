"""A kept-aside set of facts that any report on Malaysian counter-terrorism must hold
(tests/fixtures/must_hold.yaml, chosen from public pages before the event data was read): each must
be recorded by an event of the real data with an agreeing date."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from analysis import evidence

FACTS = yaml.safe_load((Path(__file__).parent / "fixtures" / "must_hold.yaml").read_text(encoding="utf-8"))


def dates_agree(a: str, b: str) -> bool:
    """'2001-08' agrees with '2001-08-04': the coarser date contains the finer."""
    return a.startswith(b) or b.startswith(a)


def holders(events, fact) -> list[str]:
    words = [re.compile(r"\b" + re.escape(k.lower())) for k in fact["keywords"]]
    needed = min(2, len(words))
    found = []
    for e in events.itertuples():
        if not dates_agree(str(e.date), str(fact["date"])):
            continue
        text = " ".join([e.title, e.summary, *e.actors]).lower().replace("\u2019", "'")
        if sum(bool(w.search(text)) for w in words) >= needed:
            found.append(e.id)
    return found


@pytest.fixture(scope="module")
def events():
    return evidence.load().events


def test_the_kept_aside_set_is_large_and_sourced():
    assert len(FACTS) >= 25
    assert all(f["url"].startswith("http") and f["keywords"] for f in FACTS)


@pytest.mark.parametrize("fact", FACTS, ids=[f"{f['date']}-{f['keywords'][0]}" for f in FACTS])
def test_the_data_holds_the_fact(events, fact):
    assert holders(events, fact), f"no event dated {fact['date']} records: {fact['fact']}"


def test_a_fact_the_data_lacks_is_caught(events):
    invented = {"date": "2019-02-30", "keywords": ["sipadan", "hostages"], "fact": "not in the data"}
    moved = {**FACTS[0], "date": "2001-04-23"}  # the Sipadan kidnapping a year late
    assert not holders(events, invented) and not holders(events, moved)
