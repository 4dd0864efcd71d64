"""What the chapters print, on the small fixture: lists cite their sources, judgments keep likelihood
and confidence apart, disagreements are listed, numbers are the data's."""

from __future__ import annotations

import datetime as dt
import math
import re
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

from analysis import dates, evidence, judgments, report, schema
from analysis.words import listed

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
    assert f"We judge this **likely**\u00a0({lo}\u2060–\u2060{hi}\u00a0%). Our confidence is **moderate**." in text


def test_front_matter_counts_come_from_the_data(ev):
    f = report.front_matter(ev)
    assert (f["n_events"], f["n_sources"], f["as_of"]) == ("3", "3", "26 July 2022")
    assert f["pct_two_sources"] == "0\u00a0%"  # every fixture event has one publisher


def test_ties_with_members_lists_only_members(ev):
    assert report.ties_with_members(ev, "nato").empty  # the fixture has no NATO members


def test_percent_of_nothing_is_zero():
    assert report.percent(0, 0) == "0\u00a0%" and report.percent(1, 3) == "33\u00a0%"


def test_organisation_facts_on_the_real_data():
    real = evidence.load()
    nato = report.organisation_facts(real, "nato")
    assert nato["ego_memberships"] == "0"
    assert "Australia" in nato["partners"] and "Malaysia" not in nato["partners"]
    # NATO's own page lists Asian and Muslim-majority partners too; the chapter's reference class needs them
    assert {"Pakistan", "Mongolia", "Iraq"} <= set(re.split(r", | and ", nato["partners"]))
    assert nato["partners_n"] == str(len(re.split(r", | and ", nato["partners"])))
    assert set(report.members_of(real, "fpda").split(", ")) == {"Australia", "Malaysia", "NZ", "Singapore", "UK"}


def test_event_table_cites_each_row_and_respects_since(ev):
    md = report.events_table_markdown(ev, kinds=["law"], since="2012-06-20")
    rows = md.splitlines()[2:]
    assert len(rows) == 2 and all("{cite:p}`" in r for r in rows)  # the assent of 18 June is before `since`


def test_summary_list_gives_each_judgment_its_watch_list_with_status(ev):
    text = report.judgments_with_watch_markdown(ev)
    assert text.count("*Watch:*") == len(ev.judgments)
    # the fixture's indicator needs a law after August 2022, which it lacks: listed as not seen, not as "(none)"
    assert "*Watch:* not seen: " in text and "(none)" not in text
    assert "Likely** (55\u2060–\u206075\u00a0%); moderate confidence." in text


def test_the_brief_s_list_gives_why_for_each_confidence_in_one_clause(ev, valid_data):
    text = report.judgments_with_watch_markdown(ev, reasons=True)
    # the fixture has no short reason: the whole reason, continuing the sentence
    assert "moderate confidence (parliament has renewed the power before, but once only after a failed vote)." in text
    path = valid_data / "judgments.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "  basis: [sosma-4-5-renewed]\n",
            "  confidence_short: renewed before, once after a failed vote\n  basis: [sosma-4-5-renewed]\n",
        ),
        encoding="utf-8",
    )
    short = report.judgments_with_watch_markdown(evidence.load(valid_data), reasons=True)
    assert "moderate confidence (renewed before, once after a failed vote)." in short
    assert "moderate confidence." in report.judgments_with_watch_markdown(ev)  # the summary keeps its own line


def test_every_real_judgment_has_a_short_reason_that_fits_the_brief():
    real = evidence.load()
    for j in real.judgments.itertuples():
        assert isinstance(j.confidence_short, str) and len(j.confidence_short) <= schema.CONFIDENCE_SHORT_MAX, j.id


@pytest.mark.parametrize(
    "date, bare, when",
    [
        ("2024-09-30", "30 September 2024", "on 30 September 2024"),
        ("2024-09", "September 2024", "in September 2024"),
        ("2024", "2024", "in 2024"),
    ],
)
def test_a_date_takes_the_preposition_of_its_precision(date, bare, when):
    from analysis import dates

    assert dates.display(date) == bare
    assert dates.when(date) == when


def test_glued_dates_carry_their_preposition(ev):
    ids = list(ev.events["id"])
    texts = report.date_texts(ev, *ids)
    for i, date in zip(ids, ev.events["date"]):
        assert texts[f"when-{i}"].endswith(texts[f"d-{i}"])
        assert texts[f"when-{i}"].startswith("on " if len(date) == 10 else "in ")


def test_no_chapter_puts_in_or_on_before_a_bare_glued_date():
    """'in {d-...}' printed 'in 30 September 2024': chapters use {when-...} after a verb instead."""
    import re

    book = Path(__file__).resolve().parents[1] / "book"
    bad = []
    for md in sorted(book.glob("*.md")):
        for m in re.finditer(r"\b(in|on|In|On)\s+\{glue:text\}`d-[a-z0-9-]+`", md.read_text(encoding="utf-8")):
            bad.append(f"{md.name}: {m.group(0)}")
    assert not bad, bad


@pytest.mark.parametrize(
    "searched, text",
    [
        ("2026-11 to 2026-12", "November to December 2026"),
        ("2025-12 to 2026-01", "December 2025 to January 2026"),
        ("2026-11", "November 2026"),
        ("2026-11-03 to 2026-12-02", "3 November to 2 December 2026"),
    ],
)
def test_the_search_period_reads_as_words(searched, text):
    assert report.searched_text(searched) == text


def test_the_cut_off_line_names_the_cut_off_and_what_is_not_assessed():
    real = evidence.load()
    line = report.cutoff_line(real)
    as_of = f"{real.as_of.day} {real.as_of:%B %Y}"
    published = dt.date.fromisoformat(real.edition.published)
    assert line == (
        f"Published {published.day} {published:%B %Y}. "
        f"Sources searched {report.searched_text(real.edition.searched)}; the newest source found is dated "
        f"{dates.display(max(str(d) for d in real.references['date'].dropna()))}. "
        f"Data as of {as_of}; the 8 months from then to publication are not assessed: check them before briefing."
    )
    assert real.as_of.isoformat() == "2026-03-31"  # 31 March to 5 December: eight whole months


def _claims(*verdicts):
    from types import SimpleNamespace

    import pandas as pd

    return SimpleNamespace(claims=pd.DataFrame({"verdict": list(verdicts)}))


def test_the_audit_sentence_counts_every_verdict():
    """The claims-audit sentence once left out the partly supported claims: its counts must add up."""
    real = evidence.load()
    text = report.verdict_sentence(real)
    counts = real.claims["verdict"].value_counts()
    assert text.startswith(f"Of {len(real.claims)} checked claims, {counts['supported']} (")
    assert f"{counts['partly-supported']} partly supported" in text
    told = [int(n) for n in re.findall(r"(?<![(\d])(\d+)(?! %)", text.split(", ", 1)[1])]
    assert sum(told) == len(real.claims)
    assert report.verdict_sentence(_claims("supported", "unverified", "misleading")) == (
        "Of 3 checked claims, 1 (33\u00a0%) are supported, 1 misleading and 1 could not be verified"
    )
    assert report.verdict_sentence(_claims("unverified")) == "Of 1 checked claim, 1 could not be verified"


def test_partners_among_members_is_a_sentence():
    real = evidence.load()
    assert report.partners_among_members(real, "nato", "asean") == "no ASEAN member in our data is a NATO partner"
    assert report.partners_among_members(real, "nato", "fpda").startswith("the ")


def test_the_brief_points_each_judgment_to_where_its_argument_starts():
    """Printed apart from the report, the brief names where each judgment is argued (the print turns the
    link into a page number): a label in the judgment's own chapter, so the second judgment of a
    chapter is not sent to the first one's argument; the executive summary does not repeat it."""
    from analysis.paths import BOOK

    ev = evidence.load()
    brief_lines = report.judgments_with_watch_markdown(ev, reasons=True).splitlines()
    summary_lines = report.judgments_with_watch_markdown(ev).splitlines()
    assert len(brief_lines) == len(ev.judgments)
    for line, j in zip(brief_lines, ev.judgments.itertuples(), strict=True):
        assert line.endswith(f"{{ref}}`Argued <argued-{j.id}>`."), line
        assert f"(argued-{j.id})=" in (BOOK / f"{j.chapter}.md").read_text(encoding="utf-8"), j.id
    assert not any("Argued" in line for line in summary_lines)


def test_nato_members_without_a_row_are_named_with_where_their_ties_run():
    ev = evidence.load()
    table = report.ties_with_members(ev, "nato")
    clause = report.members_without_ties_clause(ev, "nato")
    labels = ev.actors.set_index("id")["label"]
    for member in report.members_of(ev, "nato").split(", "):
        assert (member in set(table["member"])) != (member in clause), member
    assert labels["searcct"] in clause


def test_the_usage_and_series_figures_come_from_the_rows_that_give_them():
    real = evidence.load()
    ind = real.indicators
    pota = ind[ind["indicator"] == "pota-detention-orders"].sort_values("year")
    use = report.detention_usage(real)
    assert (use["pota_first_year"], use["pota_last_year"]) == (str(pota["year"].min()), str(pota["year"].max()))
    # the minister's total since 2018 against the years the same answer itemises; its year ends the gaps
    stated = ind[ind["indicator"] == "pota-detention-orders-cumulative"]
    gaps = set(range(pota["year"].min(), max(pota["year"].max(), stated["year"].max()) + 1)) - set(pota["year"])
    assert use["pota_missing"] == (listed([str(y) for y in sorted(gaps)]) or "none")
    assert {2023, 2024} <= gaps  # the answer's total runs to 2024, its itemised years stop at 2022
    itemised = pota.loc[pota["year"] >= 2018, "value"].sum()
    assert (use["pota_stated_total"], use["pota_unplaced"]) == (
        f"{stated['value'].max():g}",
        f"{stated['value'].max() - itemised:g}",
    )
    assert float(use["pota_unplaced"]) > 0  # the answer's total and its years disagree today
    relapses = ind[ind["indicator"] == "deradicalisation-relapses"].sort_values("year")
    text = report.series_values_text(real, "deradicalisation-relapses")
    assert text.count("(") == len(relapses) and text.index(f"({relapses['year'].iloc[0]})") < text.index(
        f"({relapses['year'].iloc[-1]})"
    )
    assert report.value_from(real, "terror-arrests-cumulative", "cna-519-arrested-2019") == "519"
    with pytest.raises(ValueError, match="expected one"):
        report.value_from(real, "terror-arrests-cumulative", "no-such-source")


def test_each_record_an_observed_indicator_names_cites_its_own_sources(ev):
    """Review 38: a line naming three records cited only the first one's sources."""
    e = ev.events.set_index("id")
    text = report.watch_markdown(ev)
    st = judgments.status(ev)
    for r in st[st["observed"] | st["contested"].map(bool)].itertuples():
        line = next(x for x in text.splitlines() if x.startswith(f"- {r.label} "))
        cited = set(re.findall(r"\{cite:p\}`([^`]*)`", line)[0].split(","))
        for rid in r.records[-3:] if r.observed else r.contested:
            assert cited & set(e.loc[rid, "sources"]), (r.judgment, rid)


def test_a_median_year_between_two_is_given_as_both():
    from analysis.keysources import median_year

    assert median_year(pd.Series([2020, 2021, 2022, 2023])) == "2021–22"
    assert median_year(pd.Series([2019, 2021, None, 2024])) == "2021"
    assert median_year(pd.Series([], dtype=float)) == "unknown"


def test_each_key_assumption_says_whose_it_is_where_two_judgments_share_a_chapter():
    """The partnerships chapter holds key judgments 6 and 7: a reader of its assumptions list must tell the
    sea-curfew assumption (6) from the UN-only sanctions one (7); a chapter with one judgment needs no label."""
    ev = evidence.load()
    shared = report.assumptions_markdown(ev, "partnerships").splitlines()
    assert len(shared) == 2 and shared[0].startswith("- *Judgment 6:* The trilateral patrols")
    assert "easing of the sea curfew is phased" in shared[0] and "Whichever coalition governs" not in shared[0]
    assert shared[1].startswith("- *Judgment 7:* Whichever coalition governs")
    alone = report.assumptions_markdown(ev, "legal-framework").splitlines()
    assert alone and not any("*Judgment" in line for line in alone)


def test_the_fact_checks_table_prints_every_check_in_the_real_data_as_recorded():
    """The methods chapter's table of checks against the cited pages, read against data/edition.yaml
    without the loader; the newest check is the one the prose quotes."""
    import yaml

    raw = yaml.safe_load((Path(__file__).parent.parent / "data" / "edition.yaml").read_text(encoding="utf-8"))
    checks = raw["checks"]
    assert checks, "the real data records no check"
    real = evidence.load()
    table = report.fact_checks(real)
    assert len(table) == len(checks)
    for (_, row), c in zip(table.iterrows(), checks):
        assert row["records"] == c["records"]
        assert row["fully supported"].startswith(f"{c['fully']} (")
        assert (row["partly"], row["contradicted"], row["no page found"]) == (
            c["partly"],
            c["contradicted"],
            c["unreachable"],
        )
        sweep = "sweep of corrections" if c.get("corrections") else "sweep"
        kind = sweep if c.get("sweep") else "random, after the sweeps" if c.get("after_sweep") else "random"
        assert row["kind"] == kind
    notes = report.fact_check_notes(real)
    assert list(notes["no."]) == list(table["no."]) == list(range(1, len(checks) + 1))
    assert list(notes["how drawn"]) == [" ".join(c["drawn"].split()) for c in checks]
    assert list(notes["what was done"]) == [" ".join(c["outcome"].split()) for c in checks]


def test_without_checks_the_table_is_empty_and_no_rate_is_carried_over(ev):
    assert not ev.edition.checks  # the small fixture records none
    assert report.fact_checks(ev).empty and report.fact_check_notes(ev).empty
    assert report.pooled_checks(ev) == ""


def test_contested_records_are_counted_as_cases_and_statements_apart():
    """Review 52: '3 records' beside a threshold of cells read as three cells; two were cases and one an
    official's words about one of them."""
    events = pd.DataFrame({"id": ["a", "b", "c", "d"], "kind": ["arrests", "arrests", "statement", "arrests"]})
    events = events.set_index("id")
    assert report.cases_and_statements(events, ["a", "b", "c"]) == "2 cases and 1 statement"
    assert report.cases_and_statements(events, ["a"]) == "1 case"
    assert report.cases_and_statements(events, ["c"]) == "1 statement"


def test_the_wilson_interval_matches_published_values():
    """Known values, worked by hand: 0 of 10 gives 0 to 0.2775, 5 of 10 gives 0.2366 to 0.7634."""
    lo, hi = report.wilson_interval(0, 10)
    assert lo == pytest.approx(0, abs=1e-9) and hi == pytest.approx(0.2775, abs=1e-4)
    lo, hi = report.wilson_interval(5, 10)
    assert (lo, hi) == (pytest.approx(0.2366, abs=1e-4), pytest.approx(0.7634, abs=1e-4))


def _before_every_record_was_read(ev):
    """The real checks up to the one after which every record had been read by a check keeping ids: the
    state the earlier form of the sentence describes."""
    records, read = {*ev.events["id"], *ev.relations["id"]}, set()
    # records added after the first draw made once all had been read (a later review's new tie) were not there then
    first_draw = next(k for k, c in enumerate(ev.edition.checks) if c.after_sweep)
    records &= {i for c in ev.edition.checks[:first_draw] for i in c.ids}
    for k, c in enumerate(ev.edition.checks):
        read |= set(c.ids)
        if read >= records:
            return SimpleNamespace(
                edition=SimpleNamespace(checks=ev.edition.checks[:k]), events=ev.events, relations=ev.relations
            )
    raise AssertionError("no check completes the reading of every record")


def test_the_pooled_check_sentence_adds_up_every_check():
    ev = _before_every_record_was_read(evidence.load())
    drawn = [c for c in ev.edition.checks if not c.sweep]
    n = sum(c.records for c in drawn)
    full = sum(c.fully for c in drawn)
    text = report.pooled_checks(ev)
    assert f"found {full} of {n} records" in text
    rest = len(ev.events) + len(ev.relations) - sum(c.records for c in ev.edition.checks)
    # the newest draw did not leave out earlier draws, so the records never drawn may be more
    assert not ev.edition.checks[-1].fresh
    assert f"of the {rest} or more event and relation records" in text


def test_a_sweep_leaves_fewer_records_unreached_but_does_not_set_the_rate():
    """A sweep of the newest records (all of them, chosen because a sample found them weaker) says
    nothing about the older ones: their expected count of wanting records comes from the random draws."""
    ev = _before_every_record_was_read(evidence.load())
    drawn = [c for c in ev.edition.checks if not c.sweep]
    weak = drawn[0].model_copy(update={"records": 100, "fully": 50, "partly": 50, "sweep": True})
    edited = SimpleNamespace(edition=SimpleNamespace(checks=[*drawn, weak]), events=ev.events, relations=ev.relations)
    before, after = (
        report.pooled_checks(
            SimpleNamespace(edition=SimpleNamespace(checks=drawn), events=ev.events, relations=ev.relations)
        ),
        report.pooled_checks(edited),
    )
    n, full = sum(c.records for c in drawn), sum(c.fully for c in drawn)
    assert f"found {full} of {n} records" in before and f"found {full} of {n} records" in after
    rest = len(ev.events) + len(ev.relations) - n
    assert f"of the {rest} or more event and relation records no check drew (" in before
    assert f"of the {rest - 100} or more event and relation records no check drew and no sweep reached" in after
    assert f"about {round((rest - 100) * (n - full) / n)} of" in after  # the random draws' rate, not the sweep's


def test_a_latest_day_of_checks_worse_than_the_days_before_is_said_with_its_own_estimate():
    """Review 77: pooling a day of weaker random checks into a large earlier pool made the unchecked records
    look cleaner than the latest reading shows. When the latest day's share of wanting records lies above the
    earlier days' 95 % interval, the chapter says so and what that rate implies, with its interval; a day in
    line with the rest adds nothing."""
    ev = _before_every_record_was_read(evidence.load())
    before = [c.model_copy(update={"checked": "2026-12-05"}) for c in ev.edition.checks if not c.sweep]
    n, full = sum(c.records for c in before), sum(c.fully for c in before)

    def text(last):
        checks = [*before, last]
        return report.pooled_checks(
            SimpleNamespace(edition=SimpleNamespace(checks=checks), events=ev.events, relations=ev.relations)
        )

    rest = len(ev.events) + len(ev.relations) - n - 60
    day = {"checked": "2026-12-07", "records": 60, "contradicted": 0, "unreachable": 0, "ids": []}
    weak = before[0].model_copy(update={**day, "fully": 45, "partly": 15})
    lo, hi = report.wilson_interval(15, 60)
    assert (
        f"those of 7 December 2026 found 45 of 60 ({report.percent(45, 60)}) fully supported and those of 5 December 2026 "
        f"found {full} of "
        f"{n} ({report.percent(full, n)}). At the later rate about {round(rest * 15 / 60)} of those records (between "
        f"{round(rest * lo)} and {round(rest * hi)})" in text(weak)
    )
    usual = weak.model_copy(update={"fully": round(60 * full / n), "partly": 60 - round(60 * full / n)})
    assert "disagree more than chance" not in text(usual)
    # earlier checks on more than one day are named together
    before[0] = before[0].model_copy(update={"checked": "2026-12-04"})
    assert f"and those of the days before found {full} of {n}" in text(weak)


def _after_sweep_text(ev, checks):
    return report.pooled_checks(
        SimpleNamespace(edition=SimpleNamespace(checks=checks), events=ev.events, relations=ev.relations)
    )


def test_a_draw_after_every_record_was_read_sets_the_rate_and_the_earlier_draws_are_history():
    """Once sweeps have read every record and the wanting ones were corrected, the earlier random draws
    measured records since corrected: the new draw from all records is the rate carried over to the others."""
    ev = evidence.load()
    ids = sorted([*ev.events["id"], *ev.relations["id"]])
    total = len(ids)
    earlier = [c for c in ev.edition.checks if not c.sweep and not c.after_sweep]
    n0, f0 = sum(c.records for c in earlier), sum(c.fully for c in earlier)
    base = earlier[0].model_copy(update={"unreachable": 0, "contradicted": 0, "wanting": []})
    everything = base.model_copy(update={"sweep": True, "records": total, "fully": total, "partly": 0, "ids": ids})
    draw = base.model_copy(
        update={"after_sweep": True, "fresh": False, "records": 60, "fully": 58, "partly": 2, "ids": ids[:60]}
    )
    # before the new draw, a sweep of every record leaves none to carry a rate over to
    assert _after_sweep_text(ev, [*earlier, everything]) == (
        f"Together the random checks found {f0} of {n0} records ({report.percent(f0, n0)}) fully supported."
    )
    text = _after_sweep_text(ev, [*earlier, everything, draw])
    lo, hi = report.wilson_interval(2, 60)
    assert text.startswith(f"A random check of 60 records drawn from all {total}, made once every record had been")
    assert f"found 58 ({report.percent(58, 60)}) fully supported, 2 partly and none contradicted" in text
    # the 60 drawn have been corrected since: the rate is carried over to the others only
    others = total - 60
    assert (
        f"about {round(others * 2 / 60)} of the {others} records this draw did not reach (between "
        f"{round(others * lo)} and {round(others * hi)}," in text
    )
    days = sorted({c.checked for c in earlier})
    for day in days:
        n, full = (sum(getattr(c, f) for c in earlier if c.checked == day) for f in ("records", "fully"))
        assert f"{full} of {n} ({report.percent(full, n)}) on {dates.display(day)}" in text
        # 58 of 60 passes more than every real day did: in line with each, below none
        assert f"in line with that of {dates.display(day)}" in text
    assert "below that of" not in text
    assert "not been read" not in text  # the sweep read every record
    assert "drawn records that the sweep" not in text  # no record found wanting named: no comparison by reader
    assert "After the draw" not in text
    again = everything.model_copy(update={"records": 40, "fully": 30, "partly": 10, "ids": ids[100:140]})
    swept_again = _after_sweep_text(ev, [*earlier, everything, draw, again])
    assert (
        f"after the draw, 40 other records it had read last were read again by new readers to the strict brief: 30 "
        f"({report.percent(30, 40)}) passed, and "
        "the rest were corrected." in swept_again
    )
    assert (
        f"of the {others - 40} records neither this draw nor a later sweep reached, about {round((others - 40) * 2 / 60)} ("
        in swept_again
    )
    # reviews 104 and 105: leaving out the records read since would imply they are sound; the whole base comes first
    assert swept_again.index(
        f"take the whole base: of all {total} records, at the latest draw's rate about {round(total * 2 / 60)} ("
    ) < swept_again.index(f"of the {others - 40} records neither")
    assert "of all" not in text  # no later sweep: the records the draw did not reach are nearly all of them
    # a record the sweep did not read is counted apart
    short = everything.model_copy(update={"records": total - 1, "fully": total - 1, "ids": ids[1:]})
    draw_later = draw.model_copy(update={"ids": ids[1:61]})
    assert f"1 of the {total} records has not been read by a check keeping ids." in _after_sweep_text(
        ev, [*earlier, short, draw_later]
    )


def test_a_draw_that_finds_a_sweep_s_records_still_wanting_says_what_that_sweep_missed():
    """Reviews 79 and 81: a sweep passed or corrected every record it read, so what a later draw still finds wanting
    among them is what that sweep missed. The chapter gives that share with its interval, sets it against the share
    among the records other checks read last (a Fisher test on disjoint records, inferring nothing below chance), and
    tells a stricter re-read of the sweep's other records as what it found, without testing it against the sweep."""
    ev = evidence.load()
    ids = sorted([*ev.events["id"], *ev.relations["id"]])
    base = ev.edition.checks[0].model_copy(update={"unreachable": 0, "contradicted": 0, "wanting": [], "ids": []})
    first = base.model_copy(update={"sweep": True, "records": 400, "fully": 300, "partly": 100, "ids": ids[:400]})
    lax = base.model_copy(
        update={"sweep": True, "records": len(ids) - 400, "fully": len(ids) - 410, "partly": 10, "ids": ids[400:]}
    )
    drawn = ids[:20] + ids[400:440]  # 20 last read by the first sweep, 40 by the lax one

    def text(wanting, *after):
        draw = base.model_copy(
            update={
                "after_sweep": True,
                "fresh": False,
                "records": 60,
                "fully": 60 - len(wanting),
                "partly": len(wanting),
                "ids": drawn,
                "wanting": wanting,
            }
        )
        return _after_sweep_text(ev, [first, lax, draw, *after])

    many = text(ids[400:412])  # 12 of the lax sweep's 40 still wanting, none of the other 20
    lo, hi = (report.half_up(100 * x) for x in report.wilson_interval(12, 40))
    assert (
        f"The draw's readers found 12 of the 40 drawn records that the sweep of {len(ids) - 400} had read last still "
        f"wanting ({report.percent(12, 40)}; {report.per_cent_range(lo, hi)}, a" in many
    )
    assert "though that sweep had passed or corrected each of them, and 0 of the 20 that other checks" in many
    chance = report.fewer_passed_by_chance(28, 40, 20, 20)
    assert chance < 0.05
    assert f"Chance alone would leave such a gap between the two in fewer than {report._odds(chance)}." in many
    assert "Stricter readers" not in many  # no re-read yet: nothing said of the sweep's other records
    # a share no larger than among the others' records draws no inference
    few = text(ids[400:402])  # 2 of 40 and none of 20: a gap chance leaves often
    assert "found 2 of the 40 drawn records" in few and "and 0 of the 20 that other checks" in few
    assert "Chance alone would leave" not in few
    # a stricter re-read of the lax sweep's records is told, not tested, and narrows who read alone
    reread = lax.model_copy(update={"records": 50, "fully": 35, "partly": 15, "ids": ids[500:550]})
    confirmed = text(ids[400:412], reread)
    assert (
        f"Stricter readers then re-read 50 other records that sweep had read last and found 15 ({report.percent(15, 50)}) still "
        "wanting, all since corrected: that sweep passed details stricter readers do not" in confirmed
    )
    assert (
        f"so the {len(ids) - 490} records it alone has read are the ones most in need of a strict reading" in confirmed
    )
    assert "one draw in" not in confirmed[confirmed.index("Stricter readers") :]


def _a_draw_and_its_reread():
    """The sweeps of `_first_and_lax_sweeps`, a first draw after them that finds the lax sweep's records wanting, and
    a stricter re-read of that sweep's other records."""
    ev, ids, base, first, lax = _first_and_lax_sweeps()
    drawn = {"after_sweep": True, "fresh": False, "records": 60, "partly": 0}
    draw1 = base.model_copy(update={**drawn, "fully": 48, "partly": 12, "ids": ids[:20] + ids[400:440]})
    draw1 = draw1.model_copy(update={"wanting": ids[400:412]})
    reread = lax.model_copy(update={"records": len(ids) - 440, "fully": len(ids) - 480, "partly": 40, "ids": ids[440:]})
    return ev, ids, base, first, lax, drawn, draw1, reread


def _first_and_lax_sweeps():
    """The real records, sorted, split between a strict first sweep of 400 and a lax sweep of the rest (10 found
    wanting), with a blank check to copy from."""
    ev = evidence.load()
    ids = sorted([*ev.events["id"], *ev.relations["id"]])
    base = ev.edition.checks[0].model_copy(update={"unreachable": 0, "contradicted": 0, "wanting": [], "ids": []})
    first = base.model_copy(update={"sweep": True, "records": 400, "fully": 300, "partly": 100, "ids": ids[:400]})
    total = len(ids)
    lax = base.model_copy(
        update={"sweep": True, "records": total - 400, "fully": total - 410, "partly": 10, "ids": ids[400:]}
    )
    return ev, ids, base, first, lax


def test_a_second_draw_after_the_lax_sweep_was_read_again_is_set_against_the_first():
    """Once every record the lax sweep alone had read was read again, a second draw from all records tests the
    correction: the chapter tells the first draw as history, says no record is left to the lax reading, sets the
    second draw against the first (inferring an improvement only beyond chance) and carries the second's rate over."""
    ev, ids, base, first, lax = _first_and_lax_sweeps()
    total = len(ids)
    draw = base.model_copy(
        update={
            "after_sweep": True,
            "fresh": False,
            "records": 60,
            "fully": 48,
            "partly": 12,
            "ids": ids[:20] + ids[400:440],
            "wanting": ids[400:412],
        }
    )
    rest = ids[440:]  # every record the lax sweep alone had read
    reread = lax.model_copy(update={"records": len(rest), "fully": len(rest) - 40, "partly": 40, "ids": rest})

    def text(fully, drawn=tuple(ids[100:130] + ids[500:530]), *after):
        second = draw.model_copy(
            update={"fully": fully, "partly": 60 - fully, "ids": list(drawn), "wanting": list(drawn)[: 60 - fully]}
        )
        return _after_sweep_text(ev, [first, lax, draw, reread, second, *after])

    better = text(59)
    assert better.startswith(f"A first random check of 60 records drawn from all {total}, made once every record had")
    assert f"found 48 ({report.percent(48, 60)}) fully supported, 12 partly and none contradicted." in better
    assert "The first draw's readers found 12 of the 40 drawn records that the sweep of" in better  # now history
    assert "so every record it alone had read has since been read again." in better
    assert "records it alone has read are the ones most in need" not in better
    assert (
        f"\n\nA second random check of 60 records drawn from all {total}, made after that re-reading and its corrections, "
        f"found 59 ({report.percent(59, 60)}) fully supported, 1 partly and none contradicted" in better
    )
    chance = report.fewer_passed_by_chance(48, 60, 59, 60)
    assert chance < 0.05
    assert "That is more than the first draw passed, by a gap chance alone would leave" in better
    assert f"in fewer than {report._odds(chance)}: the re-reading and its corrections raised the base" in better
    # the second draw's rate is carried over to the records neither it nor a later sweep has read
    lo, hi = report.wilson_interval(1, 60)
    assert f"about {round((total - 60) / 60)} of the {total - 60} records this draw did not reach" in better
    assert f"(between {round((total - 60) * lo)} and {round((total - 60) * hi)}," in better
    assert "The random checks before it found" not in better  # set against the first draw, not against the days
    # the second draw says what it found among the records the re-reading before it had read last: the re-reading
    # it was made to test, named before the draw, not the sweep that fared worst (review 82)
    second_part = better[better.index("A second random check") :]
    assert (
        f"The second draw found 0 of the 30 drawn records that the re-reading before it had passed or "
        f"corrected still wanting ({report.percent(0, 60)}" in second_part
    )
    assert f"and 1 of the 30 that other checks had read last ({report.percent(1, 30)})." in second_part
    first_paragraph, second_paragraph = better.split("\n\n")
    assert first_paragraph.startswith("A first random check")
    assert second_paragraph.startswith("A second random check")
    same = text(49)
    assert (
        "The first draw and this one passed 48 and 49 of 60: chance alone could leave such a gap, so they cannot show "
        "that the re-reading helped." in same
    )
    assert "each passed 48 of 60, so they cannot show" in text(48)
    assert "That is more than the first draw passed" not in same
    worse = text(40)
    assert "That is more than the first draw passed" not in worse


def test_a_third_draw_tells_the_first_two_as_history_each_in_its_own_paragraph():
    """After the second draw, a sweep re-read records that several earlier checks had read last, and a third draw
    tested it: each earlier draw is a paragraph of history (the second's says what was swept after it), the third is
    set against the second, not the first, and its rate is the one carried over."""
    ev, ids, base, first, lax, drawn, draw1, reread = _a_draw_and_its_reread()
    total = len(ids)
    draw2_ids = ids[100:130] + ids[500:530]
    draw2 = base.model_copy(update={**drawn, "fully": 57, "partly": 3, "ids": draw2_ids, "wanting": ids[100:103]})
    # the records the first sweep or the first draw read last: more than one reader, so not a re-read of one sweep
    mixed = ids[:20] + ids[130:400]
    sweep3 = first.model_copy(update={"records": len(mixed), "fully": len(mixed) - 30, "partly": 30, "ids": mixed})
    draw3_ids = ids[200:230] + ids[600:630]
    draw3 = base.model_copy(update={**drawn, "fully": 58, "partly": 2, "ids": draw3_ids, "wanting": ids[600:602]})
    story = _after_sweep_text(ev, [first, lax, draw1, reread, draw2, sweep3, draw3]).split("\n\n")
    assert len(story) == 3
    assert story[0].startswith(f"A first random check of 60 records drawn from all {total}, made once every record")
    assert "After the draw" not in story[0]  # the re-read of the lax sweep is told once, by the reader comparison
    assert "Stricter readers then re-read" in story[0]
    assert story[1].startswith(
        f"A second random check of 60 records drawn from all {total}, made after that re-reading"
    )
    assert "That is more than the first draw passed" in story[1]  # 57 of 60 against 48 of 60
    # the draw's 30 records the re-reading before it had not read were read last by the first sweep: the sweep after
    # the draw re-read the rest of what that sweep and the first draw had read last, and the chapter says so once
    assert "and 3 of the 30 that other checks had read last" in story[1]
    assert (
        f"Those 30 had been read last by two earlier checks; after the draw, {len(mixed)} other records those "
        f"checks had read last were read again by new readers to the strict brief: {len(mixed) - 30} "
        f"({report.percent(len(mixed) - 30, len(mixed))}) passed, and the rest were corrected." in story[1]
    )
    assert "this draw did not reach" not in story[1]  # only the latest draw's rate is carried over
    assert story[2].startswith(
        f"A third random check of 60 records drawn from all {total}, made after that re-reading and its corrections, "
        f"found 58 ({report.percent(58, 60)}) fully supported, 2 partly and none contradicted"
    )
    assert "The second draw and this one passed 57 and 58 of 60: chance alone could leave such a gap" in story[2]
    assert "more than the second draw passed" not in story[2] and "first draw" not in story[2]
    assert "this draw did not reach" in story[2]
    assert "The third draw found 0 of the 30 drawn records that the re-reading before it had" in story[2]
    # across the second and third draws: 2 of the 90 records the stricter re-readings had read last, 3 of the 30 others
    assert (
        f"Across the two draws since the first, records a stricter re-reading had read last were still wanting in 2 of "
        f"90 ({report.percent(2, 90)}) and the rest in 3 of 30 ({report.percent(3, 30)})" in story[2]
    )
    helped = report.fewer_passed_by_chance(27, 30, 88, 90) < 0.05
    assert ("the re-readings helped, by more than chance allows" in story[2]) == helped
    assert ("the draws cannot show whether reading a set of records again helps" in story[2]) != helped
    # when the records the first sweep had read last fare far worse than the re-read ones, the re-readings helped
    weak = draw2.model_copy(update={"fully": 45, "partly": 15, "wanting": ids[100:115]})
    clean = draw3.model_copy(update={"fully": 60, "partly": 0, "wanting": []})
    helped_story = _after_sweep_text(ev, [first, lax, draw1, reread, weak, sweep3, clean]).split("\n\n")[2]
    assert "in 0 of 90 (0\xa0%) and the rest in 15 of 30 (50\xa0%): the re-readings helped" in helped_story


def test_records_corrected_after_an_earlier_check_are_set_against_the_rest_in_the_later_draws():
    """Review 83: a draw after the first says how often records an earlier check found wanting, and which were
    corrected since, were wanting again, and (review 86) gives the gap as counts, with no test."""
    ev, ids, base, first, lax = _first_and_lax_sweeps()
    drawn = {"after_sweep": True, "fresh": False, "records": 60}
    draw1 = base.model_copy(
        update={**drawn, "fully": 48, "partly": 12, "ids": ids[:20] + ids[400:440], "wanting": ids[400:412]}
    )
    reread = lax.model_copy(update={"records": len(ids) - 440, "fully": len(ids) - 480, "partly": 40, "ids": ids[440:]})

    def second(again: int):
        wanting = ids[400 : 400 + again] + ids[100:101]
        draw2 = base.model_copy(
            update={
                **drawn,
                "fully": 60 - len(wanting),
                "partly": len(wanting),
                "ids": ids[400:412] + ids[100:148],
                "wanting": wanting,
            }
        )
        return _after_sweep_text(ev, [first, lax, draw1, reread, draw2]).split("\n\n")[-1]

    worse = second(4)
    assert (
        f"Records an earlier check had found wanting or left unfinished, and which had been corrected or read again "
        f"since, were wanting again in 4 of 12 "
        f"({report.percent(4, 12)}), the rest in 1 of 48 ({report.percent(1, 48)}): a comparison like this rests on few "
        "records and cannot tell whether a correction adds faults or records once found wanting are harder to get "
        "right." in worse
    )
    even = second(1)
    assert "wanting again in 1 of 12" in even and "the rest in 1 of 48" in even
    assert "chance" not in even.split("wanting again in")[1].split(".")[0]  # review 86: counts only, no test
    assert "The direct evidence" not in even  # no sweep of corrections in this history


def test_the_second_readings_of_corrections_are_given_as_the_direct_evidence_and_the_draws_against_the_aim():
    """Review 85: the case for a second reader rests on what the second readings of corrections found, and four draws
    of 52 of 60 must be set against the aim of 95 %, not only against each other."""
    ev = evidence.load()
    fixes = [c for c in ev.edition.checks if c.corrections]
    # review 97: a one-record reading made the range 'between 0 % and 100 %'; only readings of five or more count
    assert any(c.records < report.FEWEST_FOR_A_RATE and c.fully == 0 for c in fixes)
    big = [c for c in fixes if c.records >= report.FEWEST_FOR_A_RATE]
    shares = sorted(report.half_up(100 * (c.records - c.fully) / c.records) for c in big)
    assert shares[-1] < 100
    story = report.checks_paragraphs(ev)[-1]
    assert (
        "The direct evidence is what the second readings of corrections found: those of five records or more found "
        f"between {report.per_cent(shares[0])} and {report.per_cent(shares[-1])} of their records still wanting"
        in story
    )
    draws = [c for c in ev.edition.checks if c.after_sweep][1:]
    n, full = sum(d.records for d in draws), sum(d.fully for d in draws)
    aim = report.draws_against_aim(ev)
    assert aim.startswith(f"The {report.small_number(len(draws))} draws since the first found {full} of {n} readings")
    # review 98: readings, not records: some records were drawn more than once
    distinct = len({i for d in draws for i in d.ids})
    assert distinct < n and f"they read {distinct} records, some drawn more than once" in aim
    # review 97: the aim is defined; review 98: a draw shows it met by a one-sided test, which asks no fault of a
    # draw of 60 (a base at 95 % gives none in 60 with chance 0.95**60, under one in 20; in 58 it is over)
    assert 0.95**60 < 0.05 < 0.95**58
    assert report._draw_to_show_aim(0) == 59
    one = report._draw_to_show_aim(1)  # the chance of at most one wanting, worked from the binomial terms
    assert 0.95**one + one * 0.05 * 0.95 ** (one - 1) < 0.05 <= 0.95 ** (one - 1) + (one - 1) * 0.05 * 0.95 ** (one - 2)
    assert (
        f"The aim is {report.per_cent(95)} of records fully supported. A draw shows the records at it only if a base "
        f"below it would give so few faults in fewer than one draw in 20: in a draw of 60, none at all; one fault would "
        f"take a draw of {one}"
    ) in aim
    *earlier, latest = draws
    below = [k for k, d in enumerate(earlier, 2) if report._at_most_by_chance(d.fully, d.records, 0.95) < 0.05]
    assert len(below) >= 4  # the four draws of 52 of 60
    if len(below) < len(earlier):  # the draw in line with the aim after them does not hide them
        named = listed([report.ORDINALS[k - 1] for k in below])
        assert f"as few as the {named} draws each did" in aim and "the evidence base was below the aim" in aim
    assert f"The latest found {latest.fully} of {latest.records}" in aim
    assert "Together the two latest" not in aim  # review 88: pooling the two best draws chose on the outcome
    # review 88: the guide gives the draws since the first together beside the latest, not the latest two alone
    # reviews 108 and 109: the odds round to the nearest whole number, a half toward the worse (one in 7.5 is 7)
    pooled_odds = math.floor(n / (n - full) + 0.5 - 1e-9)
    latest_odds = math.floor(latest.records / (latest.records - latest.fully) + 0.5 - 1e-9)
    if pooled_odds != latest_odds:
        whose = {pooled_odds: "the draws since the first together", latest_odds: "the latest draw alone"}
        first, second = sorted((pooled_odds, latest_odds), reverse=True)
        # review 104: each end of the bracket says whose share it is
        assert (
            f"between one in {report.small_number(first)} ({whose[first]}) and one in "
            f"{report.small_number(second)} ({whose[second]}) records" in aim
        )
    # The most the corrections since the last draw below the aim could have lifted the share is told only when the
    # latest passed more than those draws (it is what would explain the gain); the ninth draw passed fewer.
    full = sum(earlier[k - 2].fully for k in below)
    n_below = sum(earlier[k - 2].records for k in below)
    gained = latest.fully * n_below > full * latest.records
    # review 103: and only when the corrections since would not lift those draws past 100 %, where they bound nothing
    checks = ev.edition.checks
    since = {i for c in checks[checks.index(earlier[below[-1] - 2]) : checks.index(latest)] for i in c.wanting}
    bounded = full / n_below + len(since - set(latest.wanting)) / latest.population < 1.0
    assert ("checks found" in aim) == (gained and bounded)
    # A latest draw of 56 of 60 passes more than the draws below the aim, so the lift is told, from the same checks.
    better = latest.model_copy(update={"fully": 56, "partly": latest.records - 56, "wanting": latest.wanting[:4]})
    checks = [better if c is latest else c for c in ev.edition.checks]
    told = report.draws_against_aim(SimpleNamespace(edition=SimpleNamespace(checks=checks)))
    last_below = earlier[below[-1] - 2]
    fixed = {i for c in checks[checks.index(last_below) : checks.index(better)] for i in c.wanting}
    fixed -= set(better.wanting)  # review 89: what the latest draw found wanting was not fixed before it
    lift = len(fixed) / better.population
    # review 103: a bound past 100 % bounds nothing, and the sentence is left out rather than said to bound nothing
    said = f"checks found {len(fixed)} records wanting that the latest did not, each corrected or read again"
    assert (said in told) == (full / n_below + lift < 1.0)
    # a share cannot pass 100 %: when the records wanting since the last draw below the aim are many, that is the bound
    point = report.half_up(100 * min(1.0, full / n_below + lift))
    top = report.wilson_interval(full, n_below)[1] + lift
    lo, hi = (report.half_up(100 * min(1.0, x + lift)) for x in report.wilson_interval(full, n_below))
    if full / n_below + lift >= 1.0:
        assert "at most about" not in told and "fixed for good" not in told
    else:
        assert f"to at most about {report.per_cent(point)} ({report.per_cent_range(lo, hi)}, allowing for" in told
        assert ("short of the aim even at the top" in told) == (top < 0.95)  # unrounded (review 90)
    # both branches are exercised: with a tenth of the sweeps' records wanting, the bound stays below 100 %
    few = [c.model_copy(update={"wanting": c.wanting[: len(c.wanting) // 10]}) if c.sweep else c for c in checks]
    told_few = report.draws_against_aim(SimpleNamespace(edition=SimpleNamespace(checks=few)))
    assert "at most about" in told_few
    # 52 of 60 from a base at 95 %: the chance of 8 or more wanting, summed from the other tail
    tail = sum(math.comb(60, j) * 0.05**j * 0.95 ** (60 - j) for j in range(8, 61))
    assert report._at_most_by_chance(52, 60, 0.95) == pytest.approx(tail) and tail < 0.01
    at_aim = [
        d.model_copy(
            update={
                "fully": 58,
                "partly": d.records - 58,
                "wanting": d.ids[: d.records - 58],
                "readers_passed": None,
                "overruled": None,
            }
        )
        for d in draws
    ]
    near = SimpleNamespace(edition=SimpleNamespace(checks=at_aim), events=ev.events, relations=ev.relations)
    told = report.draws_against_aim(near)
    # review 97: 'in line with the aim' overstated one draw; it is 'not clearly below' it
    assert "evidence base was below the aim" not in told
    assert "not clearly below the aim, nor at it by that test." in told
    # review 98: where the readers alone passed so few that a base at the aim would rarely give them, the line says
    # the editor's reading decides it (53 of 60: P(53 or fewer | 95 %) is about 0.03); where they passed 57, it does not
    last = at_aim[-1]
    for alone, said in ((53, True), (57, False)):
        mine = [d if d is not last else d.model_copy(update={"readers_passed": alone}) for d in at_aim]
        text = report.draws_against_aim(SimpleNamespace(edition=SimpleNamespace(checks=mine)))
        assert (f"on the readers' own ({alone} of 60) it is below the aim by the same test" in text) == said
    assert "About one in 30 records should be taken to hold a detail" in told
    # review 100: 57 of 60 is the aim's share; with 56 by the readers alone it is reached only on the editor's passes
    for alone, said in ((56, True), (57, False)):
        mine = [
            d
            if d is not last
            else d.model_copy(update={"fully": 57, "partly": 3, "wanting": d.ids[:3], "readers_passed": alone})
            for d in at_aim
        ]
        text = report.draws_against_aim(SimpleNamespace(edition=SimpleNamespace(checks=mine)))
        clause = f"reaches the aim only with the passes on the editor's reading (its readers' own, {alone} of 60, is 93"
        assert (clause in text) == said
        # review 101: at the aim on the readers' own reading, the paragraph says so
        assert ("its share meets the aim at face value, which a draw of 60" in text) == (not said)
    # review 104: the face-value share is the draw's own count; the readers' own, with the passes the editor
    # overruled, is given beside it only where it differs
    stricter = [
        d
        if d is not last
        else d.model_copy(update={"fully": 57, "partly": 3, "wanting": d.ids[:3], "readers_passed": 57, "overruled": 1})
        for d in at_aim
    ]
    text = report.draws_against_aim(SimpleNamespace(edition=SimpleNamespace(checks=stricter)))
    assert "its share meets the aim at face value (its readers' own, 58 of 60, too), which a draw of 60" in text
    assert "checks found" not in told  # no draw below the aim: nothing for corrections to have lifted


def _a_draw_and_a_sweep_of_its_corrections():
    """The first and lax sweeps, a draw after them (12 of its 60 wanting), and a sweep of those corrections (9 of 12
    passed): the history the tests of sweeps of corrections and of rules build on."""
    ev, ids, base, first, lax = _first_and_lax_sweeps()
    drawn = {"after_sweep": True, "fresh": False, "records": 60}
    draw1 = base.model_copy(
        update={**drawn, "fully": 48, "partly": 12, "ids": ids[:20] + ids[400:440], "wanting": ids[400:412]}
    )
    fixed = first.model_copy(
        update={
            "records": 12,
            "fully": 9,
            "partly": 3,
            "ids": ids[400:412],
            "wanting": ids[400:403],
            "corrections": True,
        }
    )
    return ev, ids, base, first, lax, drawn, draw1, fixed


def test_a_sweep_of_corrected_records_after_the_last_draw_is_told_as_a_check_of_the_corrections():
    """Review 83: a sweep of the records a round corrected was told as a re-reading of what six earlier checks had
    read last, which is not why those records were chosen."""
    ev, ids, _base, first, lax, _drawn, draw1, fixed = _a_draw_and_a_sweep_of_its_corrections()
    text = _after_sweep_text(ev, [first, lax, draw1, fixed])
    # review 113: what no later check read again is said to be left open, not read again
    assert (
        f"After the draw, records that checks had corrected or changed were read once more to check the "
        f"corrections: 9 of 12 ({report.percent(9, 12)}) passed, and the rest were corrected again, but for 3 left "
        "open." in text
    )
    read = fixed.model_copy(update={"records": 2, "fully": 2, "partly": 0, "ids": ids[400:402], "wanting": []})
    once_more = _after_sweep_text(ev, [first, lax, draw1, fixed, read])
    assert (
        f"9 of 12 ({report.percent(9, 12)}) and 2 of 2 passed, and the rest were corrected again, but for 1 left open."
        in once_more
    )
    assert "other records those checks had read last" not in text and "Stricter readers then re-read" not in text
    more = fixed.model_copy(update={"records": 8, "fully": 7, "partly": 1, "ids": ids[0:8], "wanting": ids[0:1]})
    both = _after_sweep_text(ev, [first, lax, draw1, fixed, more])
    assert (
        f"corrections, in two sweeps: 9 of 12 ({report.percent(9, 12)}) and 7 of 8 ({report.percent(7, 8)}) passed"
        in both
    )
    clean = fixed.model_copy(update={"fully": 12, "partly": 0, "wanting": []})
    passed = _after_sweep_text(ev, [first, lax, draw1, clean])
    assert f"corrections: 12 of 12 ({report.percent(12, 12)}) passed." in passed and "corrected again" not in passed
    with pytest.raises(ValueError, match="corrections marks a sweep"):
        fixed.model_validate({**fixed.model_dump(), "sweep": False})


def test_a_sweep_chosen_by_a_rule_is_told_for_its_rule_and_in_the_order_the_sweeps_were_made():
    """After the fifth draw the editor swept the ties a written test had left as borderline, then read that sweep's
    corrections again: the paragraph says what the sweep read (not that earlier checks' records were read again),
    and tells the sweeps in the order they were made."""
    ev, ids, base, first, lax, drawn, draw1, fixed = _a_draw_and_a_sweep_of_its_corrections()
    rule = "the ties a test had left as borderline"
    counts = dict(records=10, fully=4, partly=6)
    ties = first.model_copy(update={**counts, "ids": ids[600:610], "wanting": ids[600:606], "chosen_for": rule})
    again = fixed.model_copy(
        update={"records": 6, "fully": 5, "partly": 1, "ids": ids[600:606], "wanting": ids[600:601]}
    )
    text = _after_sweep_text(ev, [first, lax, draw1, fixed, ties, again])
    told = [
        "After the draw, records that checks had corrected or changed were read once more to check the corrections: 9 of 12",
        f"Then {rule} (10 records) were read by new readers: 4 ({report.percent(4, 10)}) passed, and the rest were corrected.",
        "Then records that checks had corrected or changed were read once more to check the corrections: 5 of 6",
    ]
    assert all(t in text for t in told)
    assert text.index(told[0]) < text.index(told[1]) < text.index(told[2])
    assert "other records those checks had read last" not in text
    assert "read again where a reading had stopped short" not in text and "not finished" not in text
    # review 99: where readings stopped short of a cited page, the sweep says so and how many, and so does the
    # reading of its corrections; a count above the records not fully supported is refused
    short = ties.model_copy(update={"unfinished": 4})
    again_short = again.model_copy(update={"unfinished": 1})
    text = _after_sweep_text(ev, [first, lax, draw1, fixed, short, again_short])
    assert (
        "4 (40\u00a0%) passed, and the rest were corrected, or read again where a reading had stopped short (4)."
        in text
    )
    assert "records that checks had corrected, changed or not finished were read once more" in text
    # review 104: a sweep read while the draw was read (the sweep of checks 65 to 72) is not told as after it
    told_after = _after_sweep_text(ev, [first, lax, draw1, ties, again])
    with_it = _after_sweep_text(ev, [first, lax, draw1, ties.model_copy(update={"with_draw": True}), again])
    assert f"After the draw, {rule} (10 records)" in told_after and "Alongside the draw" not in told_after
    assert f"Alongside the draw, {rule} (10 records)" in with_it and f"After the draw, {rule}" not in with_it
    # review 110: a run of corrections told before the sweep read alongside keeps 'After the draw'; the sweep is labelled
    real = " ".join(report.checks_paragraphs(ev))
    alongside = [c for c in ev.edition.checks if c.with_draw]
    assert alongside and all(f"Alongside the draw, {c.chosen_for} ({c.records} records)" in real for c in alongside)
    with pytest.raises(ValueError, match="with_draw marks a sweep chosen by a rule"):
        again.model_validate({**again.model_dump(), "with_draw": True})
    with pytest.raises(ValueError, match="unfinished counts readings"):
        ties.model_validate({**ties.model_dump(), "unfinished": 7})
    drawn2 = {**drawn, "fully": 56, "partly": 4, "ids": ids[600:610] + ids[700:750], "wanting": ids[700:704]}
    story = _after_sweep_text(ev, [first, lax, draw1, fixed, ties, again, base.model_copy(update=drawn2)]).split("\n\n")
    assert story[1].startswith(
        f"A second random check of 60 records drawn from all {len(ids)}, made after those sweeps,"
    )
    assert (
        "The second draw found 0 of the 10 drawn records that the sweeps before it had passed or corrected" in story[1]
    )
    with pytest.raises(ValueError, match="chosen_for says why a sweep"):
        ties.model_validate({**ties.model_dump(), "sweep": False})
    with pytest.raises(ValueError, match="chosen_for says why a sweep"):
        ties.model_validate({**ties.model_dump(), "corrections": True})


def test_a_draw_after_only_second_readings_of_corrections_is_told_as_testing_them():
    """The fifth draw followed sweeps that only re-read corrections: it tests those second readings, not a
    re-reading of one sweep's records, and the records they read are set apart from the rest under that name."""
    ev, ids, base, first, lax, drawn, draw1, fixed = _a_draw_and_a_sweep_of_its_corrections()
    draw2 = base.model_copy(
        update={**drawn, "fully": 55, "partly": 5, "ids": ids[405:410] + ids[500:555], "wanting": ids[500:505]}
    )
    story = _after_sweep_text(ev, [first, lax, draw1, fixed, draw2]).split("\n\n")
    assert len(story) == 2
    assert story[1].startswith(
        f"A second random check of 60 records drawn from all {len(ids)}, made after those second readings of corrections,"
    )
    assert (
        "so they cannot show that the second readings helped" in story[1] or "the second readings and their" in story[1]
    )
    assert (
        "The second draw found 0 of the 5 drawn records that the second readings of corrections before it had passed "
        "or corrected still wanting" in story[1]
    )
    assert "re-reading" not in story[1]
    # one such record drawn: no 'of the 1 drawn records', and the record's verdict in words
    one = draw2.model_copy(update={"ids": ids[405:406] + ids[500:559]})
    alone = _after_sweep_text(ev, [first, lax, draw1, fixed, one]).split("\n\n")[1]
    assert (
        "The second draw found the one drawn record that the second readings of corrections before it had passed "
        "or corrected fully supported, and 5 of the 59 that other checks had read last (8\u00a0%)." in alone
    )
    wrong = one.model_copy(update={"ids": ids[405:406] + ids[500:559], "wanting": ids[405:406] + ids[500:504]})
    assert (
        "had passed or corrected still wanting, and 4 of the 59"
        in _after_sweep_text(ev, [first, lax, draw1, fixed, wrong]).split("\n\n")[1]
    )
    reread = first.model_copy(
        update={"records": 30, "fully": 25, "partly": 5, "ids": ids[440:470], "wanting": ids[440:445]}
    )
    mixed = _after_sweep_text(ev, [first, lax, draw1, fixed, reread, draw2]).split("\n\n")
    assert "made after that re-reading and its corrections" in mixed[1]


def test_a_re_reading_after_the_third_draw_is_told_by_the_third_and_not_counted_by_the_first():
    """After the third draw, the records the re-reading of the lax sweep had read last were read once more and a
    fourth draw followed. That re-reading answers the third draw: the third draw's paragraph says what led to it and
    what it found, and the first draw's count of what was re-read after it stays the re-reading that followed it
    (counting the later one too counted the same records twice: 841 re-read of 520)."""
    ev, ids, base, first, lax, drawn, draw1, reread = _a_draw_and_its_reread()
    total = len(ids)
    draw2 = base.model_copy(
        update={**drawn, "fully": 57, "partly": 3, "ids": ids[100:130] + ids[500:530], "wanting": ids[100:103]}
    )
    mixed = ids[:20] + ids[130:400]
    sweep3 = first.model_copy(update={"records": len(mixed), "fully": len(mixed) - 30, "partly": 30, "ids": mixed})
    draw3 = base.model_copy(
        update={**drawn, "fully": 58, "partly": 2, "ids": ids[200:230] + ids[600:630], "wanting": ids[600:602]}
    )
    again = ids[440:500] + ids[530:600] + ids[630:]  # what the re-reading of the lax sweep had read last
    sweep4 = first.model_copy(update={"records": len(again), "fully": len(again) - 20, "partly": 20, "ids": again})
    draw4 = base.model_copy(update={**drawn, "fully": 59, "partly": 1, "ids": ids[300:360], "wanting": ids[300:301]})
    checks = [first, lax, draw1, reread, draw2, sweep3, draw3, sweep4, draw4]
    story = _after_sweep_text(ev, checks).split("\n\n")
    assert len(story) == 4
    assert f"Stricter readers then re-read {total - 440} other records that sweep had read last" in story[0]
    assert (
        f"Those 30 had been read last by the sweep of {total - 440}; after the draw, {len(again)} other records it "
        f"had read last were read again by new readers to the strict brief: {len(again) - 20} "
        f"({report.percent(len(again) - 20, len(again))}) passed" in story[2]
    )
    assert story[3].startswith(f"A fourth random check of 60 records drawn from all {total}")
    assert "After the draw" not in story[3] and "this draw did not reach" in story[3]


def test_the_one_sided_fisher_probability_matches_worked_values():
    """Fisher's tea tasting: 4 of 8 cups, one side passes 1 of 4 where the other passes 3 of 4: 17/70."""
    assert report.fewer_passed_by_chance(1, 4, 3, 4) == pytest.approx(17 / 70)
    assert report.fewer_passed_by_chance(0, 2, 2, 2) == pytest.approx(1 / 6)
    assert report.fewer_passed_by_chance(4, 4, 0, 4) == pytest.approx(1)


def test_the_real_checks_end_with_a_draw_after_every_record_was_read():
    ev = evidence.load()
    last = [c for c in ev.edition.checks if not c.sweep][-1]
    assert last.after_sweep
    records = {*ev.events["id"], *ev.relations["id"]}
    assert set(last.ids) <= records
    draws = [c for c in ev.edition.checks if c.after_sweep]
    # each draw is named by its ordinal: the eighteenth found the list one short and broke the build; keep headroom
    assert len(report.ORDINALS) >= len(draws) + 5
    story = report.checks_paragraphs(ev)
    assert len(story) == len(draws)  # one paragraph per draw after the sweeps
    if len(draws) == 1:
        assert story[0].startswith(f"A random check of {last.records} records drawn from all {len(records)}, made once")
    else:  # each draw has its own paragraph, in order, the latest last
        for k, (draw, paragraph) in enumerate(zip(draws, story)):
            article = "An" if report.ORDINALS[k][0] in "aeiou" else "A"  # eighth, eleventh, eighteenth
            assert paragraph.startswith(
                f"{article} {report.ORDINALS[k]} random check of {draw.records} records drawn from all"
            )
        checks = ev.edition.checks
        since = [c for c in checks[checks.index(draws[-2]) + 1 : checks.index(last)] if c.sweep]
        if all(c.corrections for c in since):
            followed = "made after those second readings of corrections"
        elif all(c.corrections or c.chosen_for for c in since):
            # review 103: the draws read alongside their sweeps say so, the others that they came after them
            followed = "read alongside those sweeps" if last.alongside else "made after those sweeps"
        else:
            followed = "made after that re-reading"
        article = "An" if report.ORDINALS[len(draws) - 1][0] in "aeiou" else "A"
        assert story[-1].startswith(
            f"{article} {report.ORDINALS[len(draws) - 1]} random check of {last.records} records drawn from all "
            f"{last.population or len(records)}, "
            f"{followed}"
        )
        assert f"found {last.fully} ({report.percent(last.fully, last.records)}) fully supported" in story[-1]


def test_a_draw_after_the_sweeps_must_keep_ids_and_may_repeat_records():
    fields = {"checked": "2026-12-06", "drawn": "at random", "records": 2, "fully": 2, "partly": 0}
    fields |= {"contradicted": 0, "unreachable": 0, "outcome": "none", "after_sweep": True}
    schema.FactCheck(**fields, fresh=False, ids=["a", "b"], population=5)
    for bad in (
        {"fresh": True, "ids": ["a", "b"], "population": 5},
        {"fresh": False, "population": 5},
        {"fresh": False, "ids": ["a", "b"], "sweep": True, "population": 5},
        {"fresh": False, "ids": ["a", "b"]},  # review 88: without its population the chapter printed today's count
    ):
        with pytest.raises(ValueError, match="after_sweep marks a random draw"):
            schema.FactCheck(**fields, **bad)


def test_the_sweeps_share_wanting_and_the_draws_without_ids_are_counted_from_the_checks():
    ev = evidence.load()
    sweeps = [c for c in ev.edition.checks if c.sweep and c.records >= report.FEWEST_FOR_A_RATE]
    shares = sorted(report.half_up(100 * (c.records - c.fully) / c.records) for c in sweeps)
    assert len(set(shares)) > 1  # the real data have sweeps that differ: the range form is exercised
    assert report.sweeps_wanting(ev) == f"between {report.per_cent(shares[0])} and {report.per_cent(shares[-1])}"
    assert report.checks_without_ids(ev) == sum(c.records for c in ev.edition.checks if not c.sweep and not c.ids)
    assert 0 < report.checks_without_ids(ev) < sum(c.records for c in ev.edition.checks if not c.sweep)


def test_the_pooled_check_counts_the_records_never_drawn_exactly_when_every_draw_was_fresh():
    ev = _before_every_record_was_read(evidence.load())
    fresh = [c.model_copy(update={"fresh": True}) for c in ev.edition.checks]
    n = sum(c.records for c in fresh)
    edited = SimpleNamespace(edition=SimpleNamespace(checks=fresh), events=ev.events, relations=ev.relations)
    assert f"of the {len(ev.events) + len(ev.relations) - n} event and relation records" in report.pooled_checks(edited)


def test_no_arrest_record_since_the_gaza_war_names_it_while_the_threat_chapter_says_so():
    """The threat chapter says none of our arrest records since the Gaza war began names the war as a
    motive (review 60): a record that does must change that sentence, so the two are checked together."""
    ev = evidence.load()
    e = ev.events
    since = e[(e["kind"] == "arrests") & (e["start"] >= pd.Timestamp("2023-10-07"))]
    assert len(since) >= 3  # the 2025 network and the 2026 youths among them: the check has records to read
    naming = since[since["summary"].str.contains("Gaza|Palestin|Israel", case=False)]
    prose = " ".join((Path(__file__).parent.parent / "book" / "threat-landscape.md").read_text().split())
    assert ("None of our arrest records since names the war as a motive" in prose) == naming.empty, list(naming["id"])


def test_the_records_found_wanting_must_be_among_those_read_and_match_the_count():
    fields = {"checked": "2026-12-06", "drawn": "at random", "records": 3, "fully": 2, "partly": 1}
    fields |= {"contradicted": 0, "unreachable": 0, "outcome": "one corrected", "ids": ["a", "b", "c"]}
    schema.FactCheck(**fields, wanting=["b"])
    for bad in (["d"], ["a", "b"]):
        with pytest.raises(
            ValueError, match=r"wanting must name, among the ids, the records not fully supported \(1\)"
        ):
            schema.FactCheck(**fields, wanting=bad)


def test_every_record_read_is_true_for_the_real_checks_and_false_once_a_record_is_added():
    ev = evidence.load()
    assert report.every_record_read(ev)
    extra = pd.concat([ev.events, ev.events.head(1).assign(id="a-record-no-check-read")])
    assert not report.every_record_read(SimpleNamespace(edition=ev.edition, events=extra, relations=ev.relations))


def test_the_brief_s_line_on_the_checks_quotes_the_latest_draw_from_all_records(ev):
    real = evidence.load()
    last = [c for c in real.edition.checks if c.after_sweep][-1]
    since_first = [c for c in real.edition.checks if c.after_sweep][1:]
    n, full = sum(c.records for c in since_first), sum(c.fully for c in since_first)
    # review 97: where the editor passed some of the latest draw's records, the line gives the readers' own count;
    # where the readers passed every one, it says so rather than repeat the count
    for alone, said in ((last.fully - 2, str(last.fully - 2)), (last.fully, "all")):
        edited = last.model_copy(update={"readers_passed": alone, "overruled": None})
        checks = [edited if c is last else c for c in real.edition.checks]
        line = report.records_check_line(SimpleNamespace(edition=SimpleNamespace(checks=checks)))
        assert line == (  # review 86: the pooled draws and the latest, not the latest alone
            f"In the {report.small_number(len(since_first))} random draws after the first (which is set aside), "
            f"{full} of {n} readings of {len({i for c in since_first for i in c.ids})} event and relation records "
            f"({report.percent(full, n)}, counting the editor's calls; the latest "
            f"{last.fully} of {last.records}{report._what_one_draw_shows(last)}, {said} by the readers alone) matched "
            "their pages fully, "
            "together short of the 95\u00a0% aim: read one's page before quoting it."
        )
    assert full < 0.95 * n  # so the line must say the aim is not met (review 92)
    assert report.records_check_line(ev) == ""  # the small fixture records no check


def test_the_corrections_still_unchecked_are_counted_from_who_read_each_record_last():
    """Review 84: the chapter says how many corrected records no reader has checked since, from the checks' ids."""
    ev = evidence.load()
    reader = {}
    for c in ev.edition.checks:
        for i in c.ids:
            reader[i] = c
    expected = sum(1 for i, c in reader.items() if i in c.wanting)

    def records(n):
        if n == 1:
            return "1 record that its last reading found wanting or did not finish"
        return f"{'no' if n == 0 else n} records that their last reading found wanting or did not finish"

    assert report.corrections_unchecked(ev) == records(expected)
    from types import SimpleNamespace

    def shown(last):
        edition = ev.edition.model_copy(update={"checks": [*ev.edition.checks[:-1], last]})
        return report.corrections_unchecked(SimpleNamespace(edition=edition, events=ev.events, relations=ev.relations))

    last = ev.edition.checks[-1]
    fixed = last.model_copy(update={"wanting": [], "fully": last.records, "partly": 0})
    left = expected - len(last.wanting)
    assert shown(fixed) == records(left)
    now_wanting = list(last.ids[:2])
    found = last.model_copy(
        update={"wanting": now_wanting, "fully": last.records - len(now_wanting), "partly": len(now_wanting)}
    )
    assert shown(found) == records(left + len(now_wanting))


def test_every_seeded_draw_can_be_drawn_again_from_the_records_then_held():
    """Review 87: adding a record after the draws changed the id list they were drawn from; each seeded draw keeps
    the size of its population, and drawing again with its seed over the records then held (every record had been
    read by a check before the first such draw, so those are the records first read before it) gives its ids."""
    import random

    ev = evidence.load()
    checks = ev.edition.checks
    ids = sorted({*ev.events["id"], *ev.relations["id"]})
    first_read = {}
    for k, c in enumerate(checks):
        for i in c.ids:
            first_read.setdefault(i, k)
    seeded = [c for c in checks if c.after_sweep and "seed " in c.drawn]
    assert len(seeded) >= 5
    for c in seeded:
        k = checks.index(c)
        held = [i for i in ids if first_read.get(i, len(checks)) < k]
        seed = int(re.search(r"seed (\d+)", c.drawn).group(1))
        assert c.population == len(held)
        assert set(random.Random(seed).sample(held, c.records)) == set(c.ids), seed
    assert any(c.population < len(ids) for c in seeded)  # a record added since a draw


def test_an_ordinal_after_a_vowel_takes_an():
    """'A eighth random check' was printed once the eighth draw was made."""
    from analysis.words import a_or_an

    assert [a_or_an(w) for w in ("eighth", "seventh", "eleventh", "one")] == [
        "an eighth",
        "a seventh",
        "an eleventh",
        "a one",
    ]


def test_a_draw_says_how_many_the_readers_alone_passed_and_no_more_than_it_passed():
    """Review 97: the tenth draw's pass rate was partly the editor's; the draw's paragraph says how many the readers
    alone passed, and a count above the draw's own passes is refused."""
    ev = evidence.load()
    draws = [c for c in ev.edition.checks if c.after_sweep]
    tenth, latest = draws[9], draws[-1]  # the first draw after the sweeps is draws[0]
    assert tenth.readers_passed is not None and tenth.readers_passed < tenth.fully
    story = report.checks_paragraphs(ev)
    told = f"{tenth.readers_passed} of them by the readers alone, the rest on the editor's reading"
    assert told in story[len(story) - len(draws) + 9]
    # the latest draw's paragraph: the readers' own count where the editor passed some; 'all' where he passed none
    for alone, said, editor in (
        (latest.fully - 1, f"{latest.fully - 1} of them", True),
        (latest.fully, "all of them", False),
    ):
        mine = latest.model_copy(update={"readers_passed": alone})
        checks = [mine if c is latest else c for c in ev.edition.checks]
        told = report.checks_paragraphs(
            SimpleNamespace(edition=SimpleNamespace(checks=checks), events=ev.events, relations=ev.relations)
        )[-1]
        assert f"{said} by the readers alone" in told and ("the rest on the editor's reading" in told) == editor
    with pytest.raises(ValueError, match="readers_passed counts passes the readers made alone"):
        tenth.model_validate({**tenth.model_dump(), "readers_passed": tenth.fully + 1})


def test_a_draw_whose_readers_passed_more_than_the_editor_counts_says_so_in_the_annex_and_the_brief():
    """Review 102: the fourteenth draw's readers passed 59 and the editor counted three of those wanting, but the
    annex and the brief printed 'all of them by the readers alone', hiding the stricter count; a count of overruled
    passes without the readers' count, or above the records the draw found wanting, is refused."""
    ev = evidence.load()
    draws = [c for c in ev.edition.checks if c.after_sweep]
    latest = draws[-1]
    stricter = [d for d in draws if d.overruled]
    assert stricter  # the data hold such a draw, so the checks below are not vacuous
    story = report.checks_paragraphs(ev)
    for d in stricter:
        told = f"the readers passed {d.readers_passed + d.overruled}, {report.small_number(d.overruled)} of which the editor counts wanting"
        assert told in " ".join(story)
    for overruled, said in ((None, None), (2, "; its readers passed")):
        mine = latest.model_copy(update={"overruled": overruled, "readers_passed": latest.fully})
        checks = [mine if c is latest else c for c in ev.edition.checks]
        ns = SimpleNamespace(edition=SimpleNamespace(checks=checks), events=ev.events, relations=ev.relations)
        line, paragraph = report.records_check_line(ns), report.checks_paragraphs(ns)[-1]
        if said is None:
            assert "its readers passed" not in line and "of which the editor counts wanting" not in paragraph
        else:
            # review 104: 'all by the readers alone, who passed 62, two of which ...' was hard to parse
            assert (
                f"the latest {latest.fully} of {latest.records}{report._what_one_draw_shows(latest)}{said} "
                f"{latest.fully + 2}, the editor counting two of those wanting)" in line
            )
            assert "by the readers alone" not in line.split("the latest")[1]
            assert f"the readers passed {latest.fully + 2}, two of which the editor counts wanting" in paragraph
    with pytest.raises(ValueError, match="overruled counts readers' passes"):
        latest.model_validate({**latest.model_dump(), "overruled": latest.records - latest.fully + 1})
    with pytest.raises(ValueError, match="overruled counts readers' passes"):
        latest.model_validate({**latest.model_dump(), "overruled": 1, "readers_passed": None})
    sweep = next(c for c in ev.edition.checks if c.sweep)
    with pytest.raises(ValueError, match="alongside marks a random draw"):
        sweep.model_validate({**sweep.model_dump(), "alongside": True})


def test_the_executive_summary_s_line_on_the_checks_gives_the_pooled_draws_and_whether_they_reach_the_aim():
    """Review 102: the executive summary said nothing of how far the records hold; its line gives the pooled draws
    since the first, from the data, and says 'short of the aim' only while they are."""
    ev = evidence.load()
    draws = [c for c in ev.edition.checks if c.after_sweep][1:]
    n, full = sum(c.records for c in draws), sum(c.fully for c in draws)
    line = report.records_check_terse(ev)
    last = draws[-1]  # review 104: the latest draw beside the pooled share, which averages past states
    records = len({i for c in draws for i in c.ids})  # review 107: readings of fewer records than readings
    assert line.startswith(
        f"{full} of {n} random readings of {records} records ({report.percent(full, n)}, with the editor's calls"
    )
    assert f"; the latest draw {last.fully} of {last.records}" in line
    assert (", short of the 95\u00a0% aim;" in line) == (full < 0.95 * n)
    # review 105: one draw of 60 with a fault cannot show the aim met, and the line says so
    caveat = [c for c in (", too few to tell)", ", below the aim)") if c in line]
    assert len(caveat) == (last.fully < last.records)
    # review 107: a draw that records at the aim would rarely give is told as below the aim, not as unable to show it
    below = report._at_most_by_chance(last.fully, last.records, 0.95) < 0.05
    assert (", below the aim)" in line) == below
    # the summary's page is full: a draw with a fault, not shown below the aim, is 'too few to tell' whether at the
    # aim's share or below it (review 110; the eighteenth draw's 57 of 60 pushed a longer caveat onto a third page),
    # while the methods chapter says which (review 106)
    assert (", too few to tell)" in line) == (not below and last.fully < last.records)
    at_share = [c.model_copy(update={"fully": c.records - 3}) if c is last else c for c in ev.edition.checks]
    assert ", too few to tell)" in report.records_check_terse(SimpleNamespace(edition=SimpleNamespace(checks=at_share)))
    assert "at the aim's share but too small a draw to show it met" in report._what_one_draw_shows(
        last.model_copy(update={"fully": last.records - 3})
    )
    perfect = [c.model_copy(update={"fully": c.records}) if c.after_sweep else c for c in ev.edition.checks]
    at_aim = report.records_check_terse(SimpleNamespace(edition=SimpleNamespace(checks=perfect)))
    assert (
        "short of" not in at_aim and "records (100\u00a0%, with the editor's calls;" in at_aim and "below" not in at_aim
    )
    assert report.records_check_terse(SimpleNamespace(edition=SimpleNamespace(checks=[]))) == ""


def test_a_sweep_the_editor_helped_pass_gives_the_readers_own_count_and_no_rest_when_none_was_left():
    """Review 100: after the twelfth draw, sweeps where the editor passed a record its reader had not printed only the
    editor's count, and a sweep that passed every record still said 'the rest were corrected'."""
    ev = evidence.load()
    checks = ev.edition.checks
    first = next(c for c in checks if c.after_sweep)
    after = [c for c in checks[checks.index(first) + 1 :] if not c.after_sweep]
    story = " ".join(report.checks_paragraphs(ev))
    helped = [c for c in after if c.corrections and c.readers_passed is not None and c.readers_passed < c.fully]
    assert helped  # the data hold such a reading, so the check below is not vacuous
    for c in helped:
        share = f"{report.percent(c.fully, c.records)}; " if c.records >= report.FEWEST_FOR_A_RATE else ""
        assert f"{c.fully} of {c.records} ({share}{c.readers_passed} by the readers alone)" in story
    whole = [c for c in after if c.chosen_for and c.fully == c.records]
    assert whole
    for c in whole:
        said = story[story.index(c.chosen_for) :].split(".")[0]
        # a share is given from a handful of records up (review 88); below that, the count alone
        share = f" ({report.percent(c.fully, c.records)}" if c.records >= report.FEWEST_FOR_A_RATE else " passed"
        assert f"{c.fully}{share}" in said and "the rest were" not in said
