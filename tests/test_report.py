"""What the chapters print, on the small fixture: lists cite their sources, judgments keep likelihood
and confidence apart, disagreements are listed, numbers are the data's."""
from __future__ import annotations

from pathlib import Path

import pytest

from analysis import evidence, report, schema

FIXTURE = Path(__file__).parent / "fixtures" / "valid"


@pytest.fixture(scope="module")
def ev():
    return evidence.load(FIXTURE)


def test_event_list_cites_every_source_and_keeps_the_summary_apart(ev):
    md = report.events_markdown(ev, kinds=["law"])
    lines = md.splitlines()
    assert len(lines) == len(ev.events[ev.events.kind == "law"])
    for line, (_, e) in zip(lines, ev.events.iterrows()):
        assert "{cite:p}`" + ",".join(e["sources"]) + "`" in line
        assert "]{.ev-summary}" in line


def test_brackets_in_a_summary_cannot_break_the_span():
    assert report._escape("a [b] c") == "a \\[b\\] c"


def test_judgment_states_likelihood_and_confidence_in_separate_sentences(ev):
    text = report.judgments_summary_markdown(ev)
    lo, hi = schema.YARDSTICK["likely"]
    assert f"We judge this **likely** ({lo}–{hi} %). Our confidence is **moderate**." in text


def test_front_matter_counts_come_from_the_data(ev):
    f = report.front_matter(ev)
    assert (f["n_events"], f["n_sources"], f["as_of"]) == ("3", "3", "26 July 2022")
    assert f["pct_two_sources"] == "0 %"  # every fixture event has one publisher


def test_ties_with_members_lists_only_members(ev):
    assert report.ties_with_members(ev, "nato").empty  # the fixture has no NATO members


def test_percent_of_nothing_is_zero():
    assert report.percent(0, 0) == "0 %" and report.percent(1, 3) == "33 %"


def test_organisation_facts_on_the_real_data():
    real = evidence.load()
    nato = report.organisation_facts(real, "nato")
    assert nato["ego_memberships"] == "0"
    assert "Australia" in nato["partners"] and "Malaysia" not in nato["partners"]
    assert set(report.members_of(real, "fpda").split(", ")) == {"Australia", "Malaysia", "NZ", "Singapore", "UK"}


def test_event_table_cites_each_row_and_respects_since(ev):
    md = report.events_table_markdown(ev, kinds=["law"], since="2012-06-20")
    rows = md.splitlines()[2:]
    assert len(rows) == 2 and all("{cite:p}`" in r for r in rows)  # the assent of 18 June is before `since`


def test_summary_list_gives_each_judgment_its_watch_list_with_status(ev):
    text = report.judgments_with_watch_markdown(ev)
    assert text.count("*Watch:*") == len(ev.judgments)
    assert "none observed yet" in text  # the fixture's indicator needs a law after August 2022, which it lacks
    assert "Likely** (55–75 %); moderate confidence; to Dec 2027" in text
