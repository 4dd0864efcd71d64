"""Key judgments meet ICD 203 and the PHIA yardstick: a time frame, a likelihood term, a confidence with its
reason, and warning indicators whose status is computed from the events (so an indicator that has
happened cannot be ignored)."""

from __future__ import annotations

import datetime as dt
import math
import re

import pandas as pd
import pytest

from analysis import dates, evidence, judgments, report, schema
from analysis.errors import DataError
from analysis.paths import ROOT
from analysis.words import listed


@pytest.fixture(scope="module")
def ev():
    return evidence.load()


def test_six_to_nine_judgments_each_with_horizon_likelihood_confidence_and_reason(ev):
    assert 6 <= len(ev.judgments) <= 9
    for j in ev.judgments.itertuples():
        assert isinstance(j.horizon, dt.date) and j.horizon > ev.as_of, j.id
        assert str(j.horizon.year) in j.statement, f"{j.id}: the statement must say its time frame in words"
        assert str(j.horizon.year) in j.headline and len(j.headline) <= 160, (
            f"{j.id}: a short headline with its time frame"
        )
        assert j.likelihood in schema.YARDSTICK, j.id
        assert j.confidence in ("high", "moderate", "low"), j.id
        assert len(j.confidence_reason.split()) >= 8, j.id
        assert j.statement.count(". ") == 0, f"{j.id}: one claim, one sentence"


def test_every_indicator_has_a_computed_status(ev):
    st = judgments.status(ev)
    n_rules = sum(len(j.indicator_rules) for j in ev.judgments.itertuples())
    assert len(st) == n_rules and n_rules >= 2 * len(ev.judgments)
    for r in st.itertuples():
        assert r.observed <= bool(r.records)  # a threshold may leave matching records unobserved
        contested = f" (contested: {len(r.contested)})" if r.contested else ""
        below = f" ({len(r.records)} record{'s' * (len(r.records) != 1)} below its threshold)" if r.records else ""
        assert r.status.startswith("observed") if r.observed else r.status == "not observed" + contested + below
        assert set(r.records) <= set(ev.events["id"])
    pace = st[(st["judgment"] == "kj-attack-before-2029") & (st["n"] == 4)].iloc[0]
    # the arrests of June 2024 and February 2026 match but lie 20 months apart: below 2 within 12 months
    assert pace["records"] == ["threats-agong-pm-arrests-2024", "is-youth-online-cell-arrests-2026"]
    assert not pace["observed"]


def test_a_re_arrest_shows_as_observed_only_when_the_earlier_case_was_terrorism(ev):
    """Review 28: the only re-arrest in the indicator's window is a man jailed before in SOSMA cases that no
    source calls terrorism (tagged prior-case-unstated); the indicator rules him out, so it is not observed,
    while the same record with its earlier case confirmed would show, named."""
    st = judgments.status(ev)
    rearrest = st[(st["judgment"] == "kj-former-detainees-rearrested") & (st["n"] == 1)].iloc[0]
    assert not rearrest["observed"] and rearrest["records"] == []
    e = ev.events.copy()
    i = e.index[e["id"] == "gardener-reoffender-facebook-charges-2024"][0]
    e.at[i, "tags"] = [t for t in e.at[i, "tags"] if t != "prior-case-unstated"]
    # the outcome's window is the judgment's time frame, from the cut-off (review 65): the case moved into it
    e.at[i, "start"] = pd.Timestamp(ev.as_of) + pd.Timedelta(days=30)
    confirmed = evidence.Evidence({**{t: getattr(ev, t) for t in schema.TABLES}, "events": e}, ev.data_dir, ev.edition)
    st = judgments.status(confirmed)
    rearrest = st[(st["judgment"] == "kj-former-detainees-rearrested") & (st["n"] == 1)].iloc[0]
    assert rearrest["observed"] and "gardener-reoffender-facebook-charges-2024" in rearrest["records"]
    assert "sosma-first-detentions" not in rearrest["records"], "the window starts at the cut-off"
    j = ev.judgments.set_index("id").loc["kj-former-detainees-rearrested"]
    assert "gardener-reoffender-facebook-charges-2024" in j["basis"], (
        "a judgment must rest on the indicator it has seen"
    )


def test_observed_indicators_name_only_matching_events(ev):
    st = judgments.status(ev)
    e = ev.events.set_index("id")
    for j in ev.judgments.itertuples():
        for n, ind in enumerate(j.indicator_rules, 1):
            row = st[(st["judgment"] == j.id) & (st["n"] == n)].iloc[0]
            for rid in row["records"]:
                rec = e.loc[rid]
                m = ind["match"]
                assert not m.get("kinds") or rec["kind"] in m["kinds"]
                assert not m.get("tags") or set(m["tags"]) & set(rec["tags"])
                assert not m.get("since") or rec["start"].date() >= dates.first_day(m["since"])
                assert not set(m.get("unless", [])) & set(rec["tags"])


def test_status_flips_when_a_matching_event_is_added(valid_data):
    before = judgments.status(evidence.load(valid_data))
    assert list(before["observed"]) == [False]
    with open(valid_data / "events.yaml", "a", encoding="utf-8") as f:
        f.write("""
- id: sosma-bail-amendment
  date: 2022-07-20
  kind: law
  title: SOSMA amendment receives royal assent
  summary: A test record that matches the fixture judgment's indicator.
  actors: [parliament-malaysia]
  sources: [benarnews-sosma-renewal-2022]
  confidence: high
  tags: [act-sosma-2012, royal-assent]
""")
    after = judgments.status(evidence.load(valid_data))
    assert list(after["observed"]) == [True]
    assert after.iloc[0]["records"] == ["sosma-bail-amendment"]


def test_an_event_before_since_does_not_count(valid_data):
    with open(valid_data / "events.yaml", "a", encoding="utf-8") as f:
        f.write("""
- id: sosma-old-amendment
  date: 2015-06-15
  kind: law
  title: An older SOSMA amendment
  summary: Dated before the indicator's since date, so it must not count.
  actors: [parliament-malaysia]
  sources: [benarnews-sosma-renewal-2022]
  confidence: high
  tags: [act-sosma-2012, royal-assent]
""")
    assert list(judgments.status(evidence.load(valid_data))["observed"]) == [False]


def test_a_pace_indicator_needs_its_count_within_its_span(valid_data):
    """An indicator of a pace (review 45: arrests over attack talk came every year or two, so one more
    says nothing new) is set off only by at_least events within within_months of each other; events
    below the threshold are named as such, not as observed."""
    judgments_file = valid_data / "judgments.yaml"
    rule = "match: {kinds: [law], tags: [royal-assent], since: 2022-07-01}"
    judgments_file.write_text(
        judgments_file.read_text(encoding="utf-8").replace(
            rule, "match: {kinds: [law], tags: [royal-assent], since: 2020-01-01, at_least: 2, within_months: 12}"
        ),
        encoding="utf-8",
    )
    record = """
- id: {id}
  date: {date}
  kind: law
  title: SOSMA amendment {id}
  summary: A test record that matches the fixture judgment's indicator.
  actors: [parliament-malaysia]
  sources: [benarnews-sosma-renewal-2022]
  confidence: high
  tags: [act-sosma-2012, royal-assent]
"""

    def add(rid, date):
        with open(valid_data / "events.yaml", "a", encoding="utf-8") as f:
            f.write(record.format(id=rid, date=date))
        ev = evidence.load(valid_data)
        return ev, judgments.status(ev).iloc[0]

    ev, row = add("first-amendment", "2020-07-20")
    assert not row["observed"] and row["records"] == ["first-amendment"]
    assert row["status"] == "not observed (1 record below its threshold)"
    assert "since 1 January 2020, 2 or more within 12 months" in row["label"]
    assert "not observed*; 1 so far, never 2 within 12 months (20 July 2020)" in report.watch_markdown(
        ev, cite_records=False
    )
    ev, row = add("second-amendment", "2021-07-20")  # twelve months on the day: outside the span
    assert not row["observed"]
    # review 52: the chapters' lists too say how near the records came, not '2 below its threshold'
    assert "not observed*; 2 so far, never 2 within 12 months (20 July 2020, 20 July 2021)" in (
        report.watch_markdown(ev, cite_records=False)
    )
    # review 48: '2 so far' beside '2 or more within 12 months' read as set off; the summary says how near
    assert row["pace"] == "never 2 within 12 months"
    assert "(2 so far, never 2 within 12 months)" in report.judgments_with_watch_markdown(ev)
    _, row = add("third-amendment", "2022-07-01")  # within twelve months of the second
    assert row["observed"] and row["status"] == "observed (3 records)" and row["pace"] == "at most 2 within 12 months"


def test_a_span_needs_a_count_of_two_or_more(valid_data):
    judgments_file = valid_data / "judgments.yaml"
    rule = "since: 2022-07-01}"
    judgments_file.write_text(
        judgments_file.read_text(encoding="utf-8").replace(rule, "since: 2022-07-01, within_months: 6}"),
        encoding="utf-8",
    )
    with pytest.raises(DataError, match="within_months needs at_least of 2 or more"):
        evidence.load(valid_data)


def test_a_contested_record_is_named_but_does_not_set_the_indicator_off(valid_data):
    """Officials say it, the case record does not (review 38: the PM's 'preparing violence' against a
    police account of talk only): the indicator stays unobserved, and its status and the printed lists
    name the record as contested. A record the rule itself matches is observed, not contested."""
    judgments_file = valid_data / "judgments.yaml"
    text = judgments_file.read_text(encoding="utf-8")
    rule = "match: {kinds: [law], tags: [royal-assent], since: 2022-07-01}"
    assert rule in text
    judgments_file.write_text(
        text.replace(
            rule, "match: {kinds: [law], tags: [royal-assent], since: 2022-07-01, contested: [disputed-stage]}"
        ),
        encoding="utf-8",
    )
    record = """
- id: sosma-claimed-amendment
  date: 2022-07-20
  kind: law
  title: A minister says SOSMA was amended
  summary: A test record that officials describe as the indicator's event while the record does not show it.
  actors: [parliament-malaysia]
  sources: [benarnews-sosma-renewal-2022]
  confidence: high
  tags: [act-sosma-2012, {tags}]
"""
    with open(valid_data / "events.yaml", "a", encoding="utf-8") as f:
        f.write(record.format(tags="disputed-stage"))
    ev = evidence.load(valid_data)
    row = judgments.status(ev).iloc[0]
    assert not row["observed"] and row["contested"] == ["sosma-claimed-amendment"]
    assert row["contested_sets_off"]  # counted as a case, the one record would set the rule off
    assert row["status"] == "not observed (contested: 1)"
    assert "contested (officials' words, not the case record): 1 case (20 July 2022)" in report.watch_markdown(
        ev, cite_records=False
    )
    assert "(contested: 20 July 2022)" in report.judgments_with_watch_markdown(ev)
    with open(valid_data / "events.yaml", "a", encoding="utf-8") as f:
        f.write(
            record.replace("sosma-claimed-amendment", "sosma-real-amendment").format(
                tags="royal-assent, disputed-stage"
            )
        )
    row = judgments.status(evidence.load(valid_data)).iloc[0]
    assert (
        row["observed"]
        and row["records"] == ["sosma-real-amendment"]
        and row["contested"] == ["sosma-claimed-amendment"]
    )


@pytest.mark.parametrize(
    "old,new,field,fragment,line_has",
    [
        ("tags: [royal-assent]", "tags: [royal-asent]", "indicators", "unknown tag 'royal-asent'", "royal-asent"),
        (
            "tags: [royal-assent], since",
            "tags: [royal-assent], contested: [no-such-tag], since",
            "indicators",
            "match.contested: unknown tag 'no-such-tag'",
            "no-such-tag",
        ),
        ("  horizon: 2027-12-31\n", "", "horizon", "required field is missing", "- id: kj-sosma-stays"),
        ("horizon: 2027-12-31", "horizon: 2020-12-31", "horizon", "not after the data cut-off", "horizon: 2020-12-31"),
        ("direction: raises", "direction: up", "indicators", "'up' is not allowed", "direction: up"),
        (
            "match: {kinds: [law], tags: [royal-assent], since: 2022-07-01}",
            "match: {since: 2022-07-01}",
            "indicators",
            "needs at least one of kinds or tags",
            "match: {since: 2022-07-01}",
        ),
        ("kinds: [law]", "kinds: [law, war]", "indicators", "'war' is not allowed", "kinds: [law, war]"),
        (
            "  confidence_reason: Parliament has renewed the power before, but once only after a failed vote.\n",
            "",
            "confidence_reason",
            "required field is missing",
            "- id: kj-sosma-stays",
        ),
        (
            "  basis: [sosma-4-5-renewed]\n",
            "  confidence_short: "
            + "a clause far too long for the brief's first page " * 3
            + "\n  basis: [sosma-4-5-renewed]\n",
            "confidence_short",
            "at most 90 characters",
            "confidence_short: a clause far too long",
        ),
        (
            "  basis: [sosma-4-5-renewed]\n",
            "  basis: [sosma-4-5-renewed]\n  base_rate: no-such-rate\n",
            "base_rate",
            "unknown base rate 'no-such-rate'",
            "base_rate: no-such-rate",
        ),
    ],
)
def test_a_broken_judgment_fails_with_file_and_line(valid_data, old, new, field, fragment, line_has):
    path = valid_data / "judgments.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(DataError) as info:
        evidence.load(valid_data)
    p = next(p for p in info.value.problems if p.field == field)
    assert p.file.endswith("judgments.yaml") and p.line and p.record == "kj-sosma-stays"
    assert fragment in p.message
    assert line_has in path.read_text(encoding="utf-8").splitlines()[p.line - 1]


def test_every_named_base_rate_is_computed_from_the_data(ev):
    named = {j.base_rate for j in ev.judgments.itertuples() if isinstance(j.base_rate, str)}
    assert named and named <= set(judgments.BASE_RATES)
    for name in named:
        b = judgments.base_rate(ev, name)
        assert b.rate_per_year >= 0 and b.values
        p1 = b.probability(ev.as_of, dt.date(ev.as_of.year + 1, 12, 31))
        p3 = b.probability(ev.as_of, dt.date(ev.as_of.year + 3, 12, 31))
        assert 0 <= p1 <= p3 <= 1


def test_attack_base_rate_counts_the_tagged_attacks_and_the_police_tally(ev):
    b = judgments.base_rate(ev, "attacks-vs-foiled-plots")
    assert set(b.records) >= {"movida-grenade-attack", "ulu-tiram-police-station-attack"}
    tally = ev.indicators[ev.indicators["indicator"] == "terror-plots-foiled-cumulative"].sort_values("year").iloc[-1]
    assert b.values["foiled"] == f"{tally['value']:g}"
    assert b.values["attacks"] == str(len(b.records))


def test_judgment_table_gives_one_line_each(ev):
    t = judgments.table(ev)
    assert list(t["id"]) == list(ev.judgments["id"])
    assert all(t["likelihood"].str.contains("%")) and all(t["horizon"].str.match(r"^\d{1,2} \w+ \d{4}$"))


def test_indicators_column_stays_text_for_the_downloads(ev):
    """The CSV export joins list fields as text: each indicator is one readable line there."""
    for j in ev.judgments.itertuples():
        assert all(isinstance(i, str) and "[" in i for i in j.indicators)
        assert len(j.indicators) == len(j.indicator_rules)


def _indicator(ev, judgment: str, text_start: str):
    st = judgments.status(ev)
    rows = st[(st["judgment"] == judgment) & st["indicator"].str.startswith(text_start)]
    assert len(rows) == 1, (judgment, text_start, list(st[st["judgment"] == judgment]["indicator"]))
    return rows.iloc[0]


def test_the_sabah_controls_indicator_is_the_real_change_not_a_proposal_or_another_agency(ev):
    """A reviewer found the 'curfew eased' indicator observed on a border agency's launch and on a
    proposal, and a second reviewer that the curfew's replacement by the ESSZone order, which the text
    says kept the controls as tight, was tagged as an easing. That replacement is tagged as a change,
    no record as an easing, so nothing is observed; the years since the change are still counted."""
    assert not ev.events["tags"].map(lambda t: "controls-eased" in t).any()
    tagged = ev.events[ev.events["tags"].map(lambda t: "controls-changed" in t)]
    assert list(tagged["id"]) == ["sea-curfew-becomes-esszone-mco-2023"]
    row = _indicator(ev, "kj-eastern-sabah-kidnapping", "The sea curfew or ESSCOM cut where")
    assert not row["observed"]
    test = judgments.sabah_easing_test(ev)
    assert test["eased_raids"] == "no raid"  # no kidnapping record dated after 17 October 2023
    assert 0 < float(test["eased_years"]) < float(judgments.base_rate(ev, "sabah-kidnappings").values["quiet_years"])


def test_the_fatf_history_is_in_the_data_and_the_indicator_watches_only_after_2025(ev):
    """Malaysia was in enhanced follow-up from the 2015 evaluation to the 2025 one: the records carry the
    tag, so the history is the judgment's base rate, and the indicator watches for a new placement."""
    tagged = set(ev.events[ev.events["tags"].map(lambda t: "enhanced-follow-up" in t)]["id"])
    assert {"fatf-apg-mer-malaysia-2015", "fatf-follow-up-rerating-2018"} <= tagged
    row = _indicator(ev, "kj-cft-stays-in-good-standing", "FATF enhanced follow-up")
    assert not row["observed"]
    j = ev.judgments.set_index("id").loc["kj-cft-stays-in-good-standing"]
    assert "fatf-enhanced-follow-up-malaysia" in j["basis"]


def test_the_parliament_term_ends_five_years_after_its_first_sitting(ev):
    term = judgments.parliament_term(ev)
    assert term["first"] == dt.date(2022, 12, 19)
    assert term["dissolves"] == dt.date(2027, 12, 19)
    assert judgments.sosma_lapse(ev) < term["dissolves"]  # the renewal falls due within this Parliament
    assert not _indicator(ev, "kj-sosma-reform", "Parliament dissolved before")["observed"]


def test_the_kidnapping_base_rate_counts_both_2018_raids(ev):
    """ESSCOM's yearly count gives two kidnappings in 2018; both are in the record and both count."""
    b = judgments.base_rate(ev, "sabah-kidnappings")
    in_2018 = [r for r in b.records if ev.events.set_index("id").loc[r, "start"].year == 2018]
    assert sorted(in_2018) == ["gaya-island-kidnapping-2018", "lahad-datu-crew-kidnapping-dec-2018"]


def test_every_printed_indicator_carries_its_window(ev):
    """'Not observed' is only true of the window a rule watches: every printed list shows it."""
    from analysis import report

    nato = next(
        ind
        for ind in ev.judgments.set_index("id").loc["kj-no-nato-partnership", "indicator_rules"]
        if "NATO-led" in ind["text"]
    )
    line = judgments.printed_label(nato)
    assert line == f"{nato['text']}, since 1 January 2025"
    st = judgments.status(ev)
    watch = report.watch_markdown(ev)
    assert line in watch and all(r.label in watch for r in st.itertuples())
    # the summary's and the brief's lists say the window most indicators share once, in their legend, and
    # the one most of a judgment's own indicators share once at its "Watch" (review 55)
    common = report.common_window(ev)
    assert common == "since 1 January 2025"
    items = report.judgments_with_watch_markdown(ev).splitlines()
    assert len(items) == len(ev.judgments)
    for item, j in zip(items, ev.judgments.itertuples(), strict=True):
        mine = st[st["judgment"] == j.id]
        head = re.search(r"\*Watch(?::\*|\* \((since [^)]+) unless dated\):)", item)
        assert head, item
        local = head.group(1) or common
        if local != common:  # said at the head only when several of its indicators share it
            assert (mine["since"] == local).sum() >= 2 and (mine["since"] == local).sum() > (
                mine["since"] == common
            ).sum()
        if local == common:
            assert common not in item, item
        for r in mine.itertuples():
            if r.outcome:  # the judgment's own outcome: '=' and no window, its time frame (review 65)
                assert f"= {r.indicator}" in item and f"{r.indicator}, since" not in item, (j.id, r.indicator)
                continue
            printed = ", ".join(
                [r.indicator, *([r.since] if r.since and r.since != local else []), *filter(None, [r.threshold])]
            )
            printed = f"{printed} (any date)" if not r.since else printed  # review 35: NATO's document
            assert f"{'+' if r.direction == 'raises' else '−'} {printed}" in item, (j.id, printed)
    assert sum("unless dated):" in i for i in items) >= 2  # e.g. key judgment 5's three, since 12 December 2025
    rules = [i for j in ev.judgments.itertuples() for i in j.indicator_rules]
    for r, ind in zip(st.itertuples(), rules, strict=True):
        since = ind["match"].get("since")
        # a rule with no window watches the whole record, and its text alone is then the truth
        window = [f"since {dates.display(since)}"] if since else []
        if ind["match"].get("at_least", 1) > 1:  # a pace indicator prints its threshold after its window
            window.append(judgments.threshold_text(ind["match"]))
        assert r.label == ", ".join([ind["text"], *window])


def test_an_indicator_without_a_window_prints_its_text_alone():
    assert judgments.printed_label({"text": "A vote lost", "match": {"tags": ["x"]}}) == "A vote lost"
    assert (
        judgments.printed_label({"text": "A vote lost", "match": {"since": "2024-03"}})
        == "A vote lost, since March 2024"
    )


@pytest.mark.parametrize(
    ("p", "words"),
    [
        (0.345, "at the top of unlikely"),
        (0.28, "within unlikely"),
        (0.36, "between unlikely and realistic possibility"),
        (0.47, "within realistic possibility"),
        (0.79, "between likely and highly likely"),
        (0.97, "within almost certain"),
    ],
)
def test_a_computed_chance_is_placed_on_the_yardstick_or_between_its_bands(p, words):
    """The yardstick has gaps: 36 % is in none of its bands, and the prose must not call it 'unlikely'."""
    assert judgments.yardstick_place(p) == words


@pytest.mark.parametrize(
    ("p", "words"),
    [
        (0.36, ", nearer unlikely"),
        (0.39, ", nearer realistic possibility"),
        (0.79, ", nearer highly likely"),
        (0.3, ""),
    ],
)
def test_a_chance_between_bands_says_which_it_is_nearer(p, words):
    """Review 88: key judgment 4 rounds a chance in a gap to the band below; the prose says which band is nearer."""
    assert judgments.yardstick_nearer(p) == words


def test_base_rates_give_the_counts_the_prose_weighs_them_against():
    """Each case the prose names but a rate leaves out (or counts doubtfully) has its own figure:
    Yazid Sufaat's re-detention in prison, the Lahad Datu intrusion, the lull before the patrols."""
    ev = evidence.load()
    fd = judgments.base_rate(ev, "former-detainee-rearrests")
    assert (fd.values["n"], fd.values["n_released"], fd.values["in_custody_when"]) == ("4", "3", "in December 2017")
    # review 73: the Fisabilillah cell's most senior member, a former KMM detainee, is a case (April 2015)
    assert "fisabilillah-cell-arrests-2015" in fd.records
    assert fd.sensitivities["sensitivity"][0] < fd.rate_per_year
    # the Ulu Tiram father (rehabilitated, no earlier detention on record) is weighed, not counted
    years = int(fd.values["n"]) / fd.rate_per_year
    assert fd.sensitivities["possible"][0] == pytest.approx((int(fd.values["n"]) + 1) / years)
    assert "ulu-tiram-family-charged" not in fd.records
    # the gardener's earlier SOSMA cases are not called terrorism by any source: left out, as the
    # judgment's indicator leaves him out (review 30), and the rate with him shown (one case more)
    assert "gardener-reoffender-facebook-charges-2024" not in fd.records
    assert fd.sensitivities["unstated"][0] == pytest.approx((int(fd.values["n"]) + 1) / years)
    # and the two together (review 34: each alone stayed in unlikely; both reach its upper edge)
    assert fd.sensitivities["both"][0] == pytest.approx((int(fd.values["n"]) + 2) / years)
    # the last ten years are counted by the judgment's own rule (the case in prison included, the case of
    # unknown past offence not), and the judgment lies near the decade's chance, as the chapter argues
    e = ev.events[ev.events["tags"].map(lambda t: "rearrest" in t and "prior-case-unstated" not in t)]
    since = pd.Timestamp(ev.as_of) - pd.DateOffset(years=10)
    assert fd.values["decade_n"] == str(int((e["start"] >= since).sum())) == "2"
    assert (fd.values["decade_cluster_n"], fd.values["decade_cluster_month"]) == ("2", "December 2017")
    horizon = judgments.horizon_of(ev, "kj-former-detainees-rearrested")
    low = fd.probability(ev.as_of, horizon)
    high = fd.probability(ev.as_of, horizon, fd.sensitivities["decade"][0])
    lo, hi = schema.YARDSTICK[ev.judgments.set_index("id").loc["kj-former-detainees-rearrested", "likelihood"]]
    # the judgment sits at the top of its band, the whole period's chance just above it (within five points), the
    # quiet years' below the band and the decade's above the gap (review 74: near the whole period's, not between;
    # review 91: set as key judgment 9 is, whose whole period gives the same chance and whose quiet years run on)
    recent = fd.probability(ev.as_of, horizon, fd.recent_rate)
    assert recent * 100 < lo <= hi < low * 100 <= hi + 5 <= high * 100, (recent, low, high)
    assert judgments.yardstick_place(low) == "between unlikely and realistic possibility"
    assert judgments.yardstick_nearer(low) == ", nearer unlikely"
    assert fd.values["decade_cluster_words"] == "both in December 2017"
    # the chapter sets it as key judgment 9 is: the same whole-period chance, to the point, and the same term
    rp = judgments.base_rate(ev, "returnee-plots")
    returnees = rp.probability(ev.as_of, judgments.horizon_of(ev, "kj-syria-returnees"))
    assert round(100 * returnees) == round(100 * low)
    kj = ev.judgments.set_index("id")["likelihood"]
    assert kj["kj-syria-returnees"] == kj["kj-former-detainees-rearrested"] == "unlikely"
    a = judgments.base_rate(ev, "attacks-vs-foiled-plots")
    assert a.values["intrusions"] == "1" and a.values["intrusion_when"] == "on 11 February 2013"
    assert a.sensitivities["intrusion"][0] == a.sensitivities["sensitivity"][0] > a.rate_per_year
    k = judgments.base_rate(ev, "sabah-kidnappings")
    assert (k.values["last_before_when"], k.values["first_after_when"]) == (
        "on 8 December 2016",
        "on 11 September 2018",
    )
    assert k.values["lull_months"] == "21" and k.values["active_compare"] == "below"


def test_rates_are_compared_in_words_that_allow_for_noise():
    assert judgments.compare_rates(2.0, 1.9) == "about the same as"
    assert judgments.compare_rates(2.0, 3.3) == "below"
    assert judgments.compare_rates(1.0, 3.3) == "well below"
    assert judgments.compare_rates(3.0, 2.0) == "above"


def test_the_attack_rate_window_range_is_recomputed_from_the_attack_records(ev):
    """KJ2's prose names the lowest and highest chance over windows starting 2012..(cut-off year - 5):
    recomputed here from the tagged attacks' dates alone."""

    horizon = judgments.horizon_of(ev, "kj-attack-before-2029")
    w = judgments.attack_windows(ev, horizon)
    e = ev.events
    starts = [d for d, t, k in zip(e["start"], e["tags"], e["kind"]) if "terrorist-attack" in t and k == "incident"]
    h = (horizon - ev.as_of).days / 365.25

    def chance(year):
        n = sum(dt.date(year, 1, 1) <= s.date() <= ev.as_of for s in starts)
        return 1 - math.exp(-n / ((ev.as_of - dt.date(year, 1, 1)).days / 365.25) * h)

    by_year = {y: chance(y) for y in range(2012, ev.as_of.year - 4)}
    assert w["a_window_first"] == "2012" and w["a_window_last"] == str(ev.as_of.year - 5)
    assert w["a_p_window_low"] == f"{round(100 * min(by_year.values()))}\u00a0%"
    assert w["a_p_window_high"] == f"{round(100 * max(by_year.values()))}\u00a0%"
    assert int(w["a_window_low_from"]) == min(by_year, key=by_year.get)
    assert w["a_p_quiet"] == f"{round(100 * chance(int(w['a_quiet_from'])))}\u00a0%"


def test_a_summary_restates_a_judgment_s_likelihood_from_the_data(ev):
    """The summary and the brief glue the attack judgment's term instead of typing it, with its article."""
    term = ev.judgments.set_index("id").loc["kj-attack-before-2029", "likelihood"]
    said = judgments.judged(ev, "kj-attack-before-2029")
    assert said.endswith(term) and said.startswith("a ") == (term in ("realistic possibility", "remote chance"))


def test_the_easing_test_names_the_raids_off_the_place_the_2023_order_exempted():
    """The 2023 order exempted Tawau: the chapter says how many raids were ever off it, from the data."""
    ev = evidence.load()
    t = judgments.sabah_easing_test(ev)
    raids = judgments.kidnap_raids(ev)
    off = int(raids["place"].fillna("").str.contains("Tawau").sum())
    assert t["raids_total"] == str(len(raids))
    assert t["raids_since"] == str(raids["start"].dt.year.min())
    assert t["raids_off_tawau"] == (str(off) if off else "none")


def test_key_judgment_1_is_scored_on_the_attacks_that_come():
    """KJ1 is conditional (untested if no attack comes): the chance that every attack to its horizon is
    small, given at least one, from the base rate's own counts, summed here term by term."""
    import math

    ev = evidence.load()
    b = judgments.base_rate(ev, "attacks-vs-foiled-plots")
    n = int(b.values["attacks"])
    m = b.rate_per_year * (judgments.horizon_of(ev, "kj-small-cells-main-threat") - ev.as_of).days / 365.25
    q = (n + 1) / (n + 2)
    s = judgments.small_cell_scoring(ev)
    conditional = sum(math.exp(-m) * m**k / math.factorial(k) * q**k for k in range(1, 40)) / (1 - math.exp(-m))
    assert s["kj1_p_given_attack"] == judgments.probability_text(conditional)
    # the judgment sits in the band its own computation gives
    lo, hi = schema.YARDSTICK[ev.judgments.set_index("id").loc["kj-small-cells-main-threat", "likelihood"]]
    assert lo <= round(100 * conditional) <= hi


def _all_small_given_one(ev, q: float) -> float:
    """Summed term by term: attacks to the horizon Poisson at the base rate, each small with q."""
    import math

    b = judgments.base_rate(ev, "attacks-vs-foiled-plots")
    m = b.rate_per_year * (judgments.horizon_of(ev, "kj-small-cells-main-threat") - ev.as_of).days / 365.25
    return sum(math.exp(-m) * m**k / math.factorial(k) * q**k for k in range(1, 40)) / (1 - math.exp(-m))


def test_key_judgment_1_counted_with_the_police_plots_sized_by_their_plotters():
    """The police held 75 plotters over 26 foiled plots: each plot had one at least and a plot over five
    six at least, so at most (75 - 26) // 5 = 9 plots were larger and at least 17 small. Beside the 2
    attacks that is 19 of 28 small groups at the fewest, a chance inside the judgment's band."""
    ev = evidence.load()
    s = judgments.small_cell_scoring(ev)
    assert (s["kj1_plotters"], s["kj1_per_plot"], s["kj1_police_large_max"]) == ("75", "3", "9")
    assert (s["kj1_police_small"], s["kj1_police_groups"]) == ("19", "28")
    assert s["kj1_p_police"] == judgments.probability_text(_all_small_given_one(ev, (19 + 1) / (28 + 2)))
    lo, hi = schema.YARDSTICK["likely"]
    assert lo <= round(100 * _all_small_given_one(ev, 20 / 30)) <= hi
    # the floor needs the count to hold every plotter: with 10 more (85, at most 11 larger plots) it prints
    # as 55 %, the bottom of likely; with 11 more (86, at most 12 larger) it falls to 51 %, below likely
    assert round(100 * _all_small_given_one(ev, (2 + 15 + 1) / 30)) >= lo
    assert round(100 * _all_small_given_one(ev, (2 + 14 + 1) / 30)) < lo
    assert s["kj1_missed_below"] == "11"


def test_the_police_totals_bound_the_small_plots():
    # every plot one plotter: all small; plotters enough for every plot to pass five: none need be
    assert judgments._police_small_plots(26, 26) == 26
    assert judgments._police_small_plots(26, 26 * 6) == 0
    assert judgments._police_small_plots(26, 75) == 17
    assert judgments._police_small_plots(10, 10 + 5 * 3 + 4) == 7  # a remainder short of one more plot


def test_key_judgment_1_counted_with_our_plots_sized_by_everyone_held():
    """Every foiled plot on our record joins the attacks, sized by its plotters where the record singles
    them out (the two car-bomb plotters, not the four Yemenis held in the same sweep; review 44), else by
    everyone held (the 2019 "wolf pack" over its two rounds; the 2018 Ar Rayah cell apart from the Asoib
    cell held with it, whose plans were abroad): 15 of 20 plots small, so each attack would be small with
    (2 + 15 + 1) / (2 + 20 + 2). Reviews 95-96 added four plots: the 2018 election arrests (a schoolboy, a
    housewife and two men who planned attacks, 4 planners), the 2018 Kelantan pair (2), the 2017 Bagan Serai
    bomb-maker (1) and the Indonesian worker who planned to raid Bukit Aman in 2018 (1, held alone)."""
    ev = evidence.load()
    sizes = judgments.group_sizes(ev)
    assert sorted(sizes.values()) == [1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 4, 5, 7, 7, 12, 14, 17]
    assert sizes["bagan-serai-bomb-attempts-arrests-2017"] == 1  # of the 3 held in the sweep
    assert sizes["ge14-plot-arrests-2018"] == 4 and sizes["kelantan-akel-zainal-plot-arrests-2018"] == 2
    assert sizes["vbied-plot-yemeni-arrests-2017"] == 2  # of the 7 held in the sweep
    assert sizes["ar-rayah-cell-arrests-2018"] == 5 and "asoib-cell-arrests-2018" not in sizes
    assert sizes["ramadan-wolf-pack-arrests-2019"] == 7 and "wolf-pack-follow-up-arrests-2019" not in sizes
    assert "is-youth-online-cell-arrests-2026" not in sizes  # held over online talk, not a plot
    s = judgments.small_cell_scoring(ev)
    assert (s["kj1_caught"], s["kj1_large_caught"]) == ("20", "5")
    assert s["kj1_p_with_cells"] == judgments.probability_text(_all_small_given_one(ev, 18 / 24))
    # nine sized by their named planners (Ampang, Black Crow, the school reconnaissance, the car bomb, the
    # Kelantan arms cell, the SEA Games, Bagan Serai, the 2018 election plotters, the 2018 Kelantan pair), ten by
    # everyone held (the Bukit Aman raid plotter, held alone, among them)
    assert (s["kj1_named"], s["kj1_unnamed"]) == ("9", "11")
    assert judgments.plots_sized_by_planners(ev) == {
        "ampang-suicide-plot-arrest-2016",
        "black-crow-cell-arrests-2017",
        "school-recce-entertainment-plot-arrests-2016",
        "vbied-plot-yemeni-arrests-2017",
        "kelantan-arms-cell-arrests-2017",
        "sea-games-plot-arrests-2017",
        "ge14-plot-arrests-2018",
        "kelantan-akel-zainal-plot-arrests-2018",
        "bagan-serai-bomb-attempts-arrests-2017",
    }


def test_a_foiled_plot_without_a_count_stops_the_sizing():
    """A plot with no `persons` would drop out of key judgment 1's chance without a word."""
    ev = evidence.load()
    uncounted = ev.events["id"] == "sea-games-plot-arrests-2017"
    bad = evidence.Evidence(
        {
            **{t: getattr(ev, t) for t in schema.TABLES},
            "events": ev.events.assign(persons=ev.events["persons"].mask(uncounted)),
        },
        ev.data_dir,
        ev.edition,
    )
    with pytest.raises(ValueError, match=r"sea-games-plot-arrests-2017.*persons"):
        judgments.group_sizes(bad)


def test_key_judgment_1_has_its_line_in_the_calibration_table():
    """KJ1 has no base rate of events a year, but its chance is computed: the table shows it, as it
    shows every other judgment's, so a reader can set it beside the likelihood."""
    ev = evidence.load()
    t = judgments.base_rate_table(ev).set_index("KJ")
    s = judgments.small_cell_scoring(ev)
    w = judgments.small_cell_range(ev)
    n = judgments.base_rate(ev, "attacks-vs-foiled-plots").values["attacks"]
    row = t.loc[1]
    window = judgments.base_rate(ev, "attacks-vs-foiled-plots").window
    assert row["base rate"].replace("\u2060", "").endswith(window)  # a window never breaks at its dash
    assert "\u2060–\u2060" in row["base rate"]
    rate = judgments.base_rate(ev, "attacks-vs-foiled-plots").rate_per_year
    assert row["events a year"] == f"{rate:.2f} ({n} of {n} small)"
    assert row["chance by the horizon at that rate"].startswith(s["kj1_p_given_attack"])
    assert (
        f"({s['kj1_p_movida_large']} with Movida larger, {s['kj1_p_long_all']} counted from {s['kj1_long_from']}; "
        f"{w['kj1_ways_low']} to {w['kj1_ways_high']} counted other ways; {s['kj1_p_next']} the next one)"
        in row["chance by the horizon at that rate"]
    )
    assert "police" not in row["chance by the horizon at that rate"]  # their plotter count cannot size plots
    assert row["our judgment"].startswith("likely")
    assert list(t.index) == sorted(t.index)  # judgments in their printed order


def test_the_base_rate_table_counts_a_plot_held_in_two_rounds_once():
    """The 2019 "wolf pack" was held on 5 and 14 May: one plot, as key judgment 1 sizes it, not two."""
    ev = evidence.load()
    t = judgments.base_rate(ev, "attacks-vs-foiled-plots").table.set_index("year")
    assert t.loc[2019, "foiled plots in our records"] == 1
    plots = ev.events[ev.events["tags"].apply(lambda tags: "foiled-plot" in tags)]
    assert t["foiled plots in our records"].sum() == len(plots) - 1


def test_key_judgment_8_reads_its_zero_count_as_a_count():
    """No ASEAN member in our data is a NATO partner: a count of states, which the chapter prints as a
    count and turns into no chance (the rule of succession is for a series of trials)."""
    ev = evidence.load()
    r = ev.relations
    members = set(r[(r.target == "asean") & (r.kind == "member-of")]["source"])
    assert judgments.nato_reference_class(ev) == {"asean_n": str(len(members))}
    text = (ROOT / "book" / "nato.md").read_text(encoding="utf-8")
    reference_class = text[text.index("**The reference class.**") : text.index("## Key assumptions")]
    assert "%" not in reference_class and "succession" not in reference_class
    assert judgments.succession(2, 2) == 0.75


def test_key_judgment_1_gives_the_longer_window_with_the_organised_attacks_before_the_tally():
    """Review 28: counting from 2012 leaves out the organised groups' attacks of 2000 and 2001; the chapter
    gives the chance with them too, from the records, each dated before the tally's first year. Review 53:
    the judgment excludes an attack by an organised group under its own command whatever its size, so
    they fail its test (they had been sized by their `persons` alone). Review 54: the police's attributions
    to the KMM are treated alike (its police-station raid and the Lunas killing), and the window from the
    year after the last of them is given too."""
    import math

    ev = evidence.load()
    s = judgments.small_cell_scoring(ev)
    first = int(judgments.base_rate(ev, "attacks-vs-foiled-plots").values["first_year"])
    e = ev.events.set_index("id").loc[list(judgments.ORGANISED_BEFORE_TALLY)]
    assert (e["kind"] == "incident").all() and (e["start"].dt.year < first).all()
    assert e["actors"].map(lambda a: bool({"kmm", "al-maunah"} & set(a))).all()  # each an organised group's
    assert "fernandez-lunas-assemblyman-killing-2000" in e.index and "guar-chempedak-police-station-attack" in e.index
    statement = ev.judgments.set_index("id").loc[judgments.SMALL_CELLS, "statement"]
    assert "not from an organised group under its own command" in statement
    attacks = int(judgments.base_rate(ev, "attacks-vs-foiled-plots").values["attacks"])
    before = len(e)
    # the attacks since the tally are all small; the organised attacks before it are not, whatever their size
    assert s["kj1_long_attacks"] == str(attacks + before) and s["kj1_long_small"] == str(attacks)
    assert s["kj1_long_from"] == str(e["start"].dt.year.min())
    q = (attacks + 1) / (attacks + before + 2)
    assert s["kj1_p_long"] == judgments.probability_text(q)
    # every attack to the horizon small, given one: Poisson attacks at the longer window's own rate,
    # summed term by term (review 38)
    b = judgments.base_rate(ev, "attacks-vs-foiled-plots")
    last = int(b.values["last_year"])
    years = last - int(e["start"].dt.year.min()) + 1
    assert s["kj1_long_rate"] == f"{(attacks + before) / years:.2f}"
    span = (judgments.horizon_of(ev, judgments.SMALL_CELLS) - ev.as_of).days / 365.25

    def every_small(q: float, rate: float) -> float:
        m = rate * span
        return sum(math.exp(-m) * m**k / math.factorial(k) * q**k for k in range(1, 40)) / (1 - math.exp(-m))

    assert s["kj1_p_long_all"] == judgments.probability_text(every_small(q, (attacks + before) / years))
    assert s["kj1_long_place"] == judgments.yardstick_place(every_small(q, (attacks + before) / years))
    # from the year after the last organised attack: every attack small, at that window's rate
    after = int(e["start"].dt.year.max()) + 1
    assert s["kj1_after_from"] == str(after)
    p_after = every_small((attacks + 1) / (attacks + 2), attacks / (last - after + 1))
    assert s["kj1_p_after"] == judgments.probability_text(p_after)


def test_key_judgment_7_counts_us_only_designations_and_the_freezes_after_them(ev):
    """The two US terrorism designations of Malaysians (Wanndy 2017, the Houthi facilitator 2024) count; the
    2018 designation the UN shared does not, nor the 2023 sanctions on the Iranian drone network's Malaysia-based
    fronts, made under a non-proliferation order; a reported Malaysian freeze on a foreign designation alone would."""
    counts = ("us_only_n", "us_only_first", "us_only_freezes")
    got = judgments.us_only_designations(ev)
    assert {k: got[k] for k in counts} == {"us_only_n": "2", "us_only_first": "2017", "us_only_freezes": "0"}
    # the chance of no freeze by the horizon (review 66): half a freeze, then one, over the years since the first
    first = ev.events[ev.events["tags"].map(lambda t: "us-designation" in t and "unsc" not in t)]["start"].min()
    seen = (pd.Timestamp(ev.as_of) - first).days / 365.25
    ahead = (pd.Timestamp(judgments.horizon_of(ev, "kj-financing-dispute")) - pd.Timestamp(ev.as_of)).days / 365.25
    for key, extra in (("us_only_p_hold", 0.5), ("us_only_p_hold_one", 1)):
        assert got[key] == f"{round(100 * math.exp(-extra / seen * ahead))}\xa0%"
    assert got["us_only_p_hold"] > got["us_only_p_hold_one"]
    drone = ev.events.set_index("id").loc["us-sanctions-malaysia-based-iran-drone-firms-2023"]
    assert "E.O. 13382" in drone["summary"] and "us-designation" not in drone["tags"]
    e = ev.events.copy()
    i = e.index[e["id"] == "ltte-specified-entity-2014"][0]
    j = e.index[e["id"] == "malaysia-sts-transfer-rules-2025"][0]
    e.at[i, "tags"] = [*e.at[i, "tags"], "domestic-designation"]  # before 2017: not after a designation
    e.at[j, "tags"] = [*e.at[j, "tags"], "domestic-designation"]
    k = e.index[e["id"] == "un-us-designations-rafi-udin-2018"][0]
    assert "unsc" in e.at[k, "tags"]
    e.at[k, "tags"] = [*e.at[k, "tags"], "us-designation"]  # a US designation the UN shared
    changed = evidence.Evidence({**{t: getattr(ev, t) for t in schema.TABLES}, "events": e}, ev.data_dir, ev.edition)
    after = judgments.us_only_designations(changed)
    assert {k: after[k] for k in counts} == {"us_only_n": "2", "us_only_first": "2017", "us_only_freezes": "1"}
    assert after["us_only_p_hold"] < got["us_only_p_hold"]  # a freeze seen makes another likelier


def test_the_base_rate_table_gives_the_best_graded_yearly_plot_count_and_the_disagreeing_one_beside_it(ev):
    """2016: the counter-terrorism chief's 6 (BenarNews, graded B) is the count; an unnamed official's
    'at least 14' (Bernama via Malay Mail, C) disagrees by more than 25 % and is shown beside it, not
    dropped and not taken for the count; a year with one account shows only it."""
    t = judgments.base_rate(ev, "attacks-vs-foiled-plots").table.set_index("year")["plots foiled (police)"]
    assert t[2016] == "6 (14 in another account)"
    assert t[2017] == "5"
    rows = ev.indicators[(ev.indicators["indicator"] == "terror-plots-foiled") & (ev.indicators["year"] == 2016)]
    assert sorted(rows["value"]) == [6, 14]


def test_the_base_rate_table_says_which_judgments_rest_nearer_the_recent_rate():
    """Review 34: the table leads with the whole period's chance (79 % for the Sabah kidnappings) beside
    'unlikely'; the text names the judgments that lie nearer the recent rate's chance instead."""
    ev = evidence.load()
    named = judgments.nearer_the_recent_rate(ev)
    kj6 = list(ev.judgments["id"]).index("kj-eastern-sabah-kidnapping") + 1
    kj9 = list(ev.judgments["id"]).index("kj-syria-returnees") + 1
    # KJ 9 was argued nearer the quiet years' rate in review 67, and back in unlikely, at the whole
    # period's band edge, in review 68: 2026's unrecorded departures and escapes argue against the quiet rate
    assert str(kj6) in named.split() and str(kj9) not in named.split()


def test_relapses_officials_named_without_a_case_are_weighed_beside_the_rate_not_in_it(ev):
    """Review 38: Special Branch named four relapsed detainees in 2016; one (Yazid Sufaat) has cases on
    record, the other three none. The rate counts cases only; the three are shown as a sensitivity."""
    b = judgments.base_rate(ev, "former-detainee-rearrests")
    e = ev.events
    named = e[e["tags"].map(lambda t: "named-relapse" in t)]
    assert list(named["id"]) == ["sb-95pct-deradicalisation-claim"] and named["persons"].iloc[0] == 3
    cases = int(b.values["n"])
    rate, _ = b.sensitivities["named"]
    assert rate == pytest.approx((cases + 3) / (cases / b.rate_per_year))
    assert "named-relapse" not in set().union(*e.loc[e["id"].isin(b.records), "tags"].map(set))
    # "with both" joins the two cases listed just before it, so nothing may come between (review 39)
    keys = list(b.sensitivities)
    assert keys.index("both") == keys.index("unstated") + 1 == keys.index("possible") + 2


def test_key_judgment_2_read_on_the_publication_date_covers_only_the_window_left():
    """Review 45: for a reader on the day the edition comes out, the attack rate over what is left of
    the time frame, shorter than from the cut-off; computed here from the attack count and the dates."""
    ev = evidence.load()
    horizon = judgments.horizon_of(ev, "kj-attack-before-2029")
    b = judgments.base_rate(ev, "attacks-vs-foiled-plots")
    rate = int(b.values["attacks"]) / int(b.values["years"])
    published = dt.date.fromisoformat(str(ev.edition.published))
    left = judgments.chance_left_at_publication(ev, horizon)
    expected = 1 - math.exp(-rate * (horizon - published).days / 365.25)
    assert left["a_p_from_published"] == judgments.probability_text(expected)
    assert expected < b.probability(ev.as_of, horizon)  # less time left than from the cut-off


def test_the_pace_chance_agrees_with_the_poisson_formulas():
    """The false-alarm rate printed beside key judgment 2's pace indicator comes from a simulation;
    where a closed form exists it must agree: one event in the span is 1 - e^-m, two within a window
    longer than the span is 1 - e^-m (1 + m), and an event already in the window counts towards them."""
    m = 0.5 * 2.75
    assert judgments.pace_chance(0.5, 2.75, 1.0, 1) == pytest.approx(1 - math.exp(-m), abs=0.01)
    assert judgments.pace_chance(0.5, 2.75, 10.0, 2) == pytest.approx(1 - math.exp(-m) * (1 + m), abs=0.01)
    assert judgments.pace_chance(0.5, 2.75, 10.0, 2, recent=[-0.1]) == pytest.approx(1 - math.exp(-m), abs=0.01)
    assert judgments.pace_chance(0.5, 2.75, 1.0, 3) < judgments.pace_chance(0.5, 2.75, 1.0, 2)


def test_key_judgment_2s_pace_indicator_is_set_by_intent_arrests_alone():
    """Review 46: the attack-talk indicator must not count foiled plots (its text says 'not a plot'), and
    its printed false-alarm rate follows from the intent-only records."""
    ev = evidence.load()
    ind = ev.judgments.set_index("id").loc["kj-attack-before-2029", "indicator_rules"][3]
    assert "foiled-plot" in ind["match"]["unless"]
    past = judgments.matching(ev.events, {k: v for k, v in ind["match"].items() if k != "since"})
    assert not past["tags"].map(lambda t: "foiled-plot" in t).any()
    pace = judgments.pace_false_alarm(ev, "kj-attack-before-2029", 4)
    assert pace["pace_n"] == str(len(past))
    # the operational-cell indicator, which one record sets off: the last cell made public, not a contested one
    # (its follow-up round of 14 May goes with it: one cell, review 52)
    assert judgments.last_set_off(ev, "kj-attack-before-2029", 2) == "on 5 May 2019"
    share = {k: int(pace[k].split()[0].replace("\xa0%", "").rstrip("%")) for k in ("pace_false_alarm", "pace_doubled")}
    assert 0 < share["pace_false_alarm"] < 50
    # its power (review 47): at twice the pace it goes off more often, but not nearly always
    assert share["pace_false_alarm"] < share["pace_doubled"] < 80
    # review 49: the operational-cell indicator is a pace too: one case made public is within the pace of
    # the base rate's years, so it does not set it off, and the pace it asks is one chance seldom gives
    cells = ev.judgments.set_index("id").loc["kj-attack-before-2029", "indicator_rules"][1]["match"]
    assert cells["at_least"] > 1 and cells["within_months"]
    cell_pace = judgments.pace_false_alarm(ev, "kj-attack-before-2029", 2)
    # review 96: the fuller plot record (20 cells) raised it from 14 % to 20 %; the chapter prints it, and a sign
    # chance alone sets off one time in four or more would no longer warn
    assert int(cell_pace["pace_false_alarm"].replace("\xa0%", "")) < 25


def test_the_long_kidnapping_record_gives_the_pre_zone_rate_and_the_longest_earlier_lull():
    """Review 46: key judgment 6 is weighed against the whole raid record. Before the security zone
    (25 March 2013) the record holds the raids of 2000-2012; the longest lull before today's ran from
    the Bonggaya 91 raid (30 March 2005) to the Sebangkat raid (8 February 2010), 1,776 days. Review 47:
    without the two tug raids officials placed outside Malaysian waters, the lull from the Borneo
    Paradise raid (5 October 2003) to Sebangkat ran 2,318 days, longer than today's 6.2 years."""
    ev = evidence.load()
    out = judgments.sabah_long_record(ev, judgments.horizon_of(ev, "kj-eastern-sabah-kidnapping"))
    raids = judgments.kidnap_raids(ev)
    before = raids[raids["start"] < pd.Timestamp("2013-03-25")]
    assert out["kl_n"] == str(len(before)) and out["kl_first"] == "23 April 2000"
    assert (out["kl_gap_to"], out["kl_gap_years"]) == ("February 2010", f"{1776 / 365.25:.1f}")
    span = (dt.date(2013, 3, 25) - dt.date(2000, 4, 23)).days / 365.25
    assert out["kl_rate"] == f"{len(before) / span:.2f}"
    assert out["kl_quiet_rank"].startswith("the longest on record if the 2 raids")
    assert out["kl_quiet_rank"].endswith(f"a {2318 / 365.25:.1f}-year lull ended in February 2010)")
    # review 70: that longer lull ended in a raid before the zone, so the quiet's length does not show the groups gone
    assert out["kl_quiet_reading"] == (
        "a lull as long ended in a raid before the zone, so length alone does not show the groups gone, "
        "another reason not to go lower"
    )


def test_the_group_side_watch_says_how_far_its_reports_reach(ev):
    """Review 48: p. 29 says where our reports on the Sulu groups stop; the date follows the newest such
    record, so adding one moves it."""
    assert judgments.last_group_report(ev) == "17 December 2025"
    later = ev.events.iloc[[0]].assign(
        id="test-sulu", date="2026-03", start=pd.Timestamp("2026-03-01"), tags=[["abu-sayyaf", "philippines"]]
    )
    more = evidence.Evidence(
        {**{t: getattr(ev, t) for t in schema.TABLES}, "events": pd.concat([ev.events, later])}, ev.data_dir, ev.edition
    )
    assert judgments.last_group_report(more) == "March 2026"


def test_a_later_round_of_one_cell_is_not_counted_as_another_cell():
    """Review 52: the wolf pack of May 2019 was held in two rounds (5-7 and 14 May); the pace of
    foiled plots printed 17 cells while Table 2 and the plot count said 16. A rule matching both rounds
    keeps the first; a rule matching only the later one keeps it."""
    ev = evidence.load()
    first, later = "ramadan-wolf-pack-arrests-2019", "wolf-pack-follow-up-arrests-2019"
    assert judgments.LATER_ROUNDS[later] == first
    plots = judgments.matching(ev.events, {"kinds": ["arrests"], "tags": ["foiled-plot"]})
    assert first in set(plots["id"]) and later not in set(plots["id"])
    raw = ev.events[(ev.events["kind"] == "arrests") & ev.events["tags"].map(lambda t: "foiled-plot" in t)]
    assert len(plots) == len(raw) - 1
    pace = judgments.pace_false_alarm(ev, "kj-attack-before-2029", 2)
    assert pace["pace_n"] == str(len(raw) - 1)
    alone = ev.events[ev.events["id"] == later]
    assert list(judgments.matching(alone, {"kinds": ["arrests"]})["id"]) == [later]


def test_the_kidnap_plan_the_home_minister_sized_lowers_the_small_cell_chance_a_little():
    """Review 52: the 2016 account puts more than five in the kidnap plan; counted as one more larger
    group caught, key judgment 1's chance on our plots falls, by less than one band."""
    ev = evidence.load()
    summary = ev.events.set_index("id").loc["zahid-is-plots-disclosure-2016", "summary"]
    assert "a plan by 13 people" in summary
    out = judgments.small_cell_scoring(ev)

    def share(text):
        return int(text.replace("\xa0%", "").rstrip("%"))

    assert share(out["kj1_p_with_kidnap_plan"]) < share(out["kj1_p_with_cells"])
    assert share(out["kj1_p_with_cells"]) - share(out["kj1_p_with_kidnap_plan"]) < 10


def test_the_parliaments_before_the_sitting_one_give_the_early_dissolution_base_rate():
    """Review 52: key judgment 3 called an early dissolution the likeliest way for SOSMA's power to lapse
    but gave no rate. Read from events.yaml without the loader: each dissolution paired with the first
    meeting before it; none ran five years; those shorter than the sitting Parliament's age at the
    renewal deadline are counted."""
    import yaml

    raw = yaml.safe_load((ROOT / "data" / "events.yaml").read_text(encoding="utf-8"))
    term = [e for e in raw if "parliament-term" in e.get("tags", [])]
    firsts = sorted(dt.date.fromisoformat(str(e["date"])) for e in term if e["kind"] == "meeting")
    ends = sorted(dt.date.fromisoformat(str(e["date"])) for e in term if "parliament-dissolved" in e["tags"])
    runs = [(end - max(f for f in firsts if f < end)).days / 365.25 for end in ends]
    assert len(runs) >= 4 and all(r < 5 for r in runs)
    ev = evidence.load()
    out = judgments.parliament_lengths(ev)
    deadline = (judgments.sosma_lapse(ev) - firsts[-1]).days / 365.25
    window = 120 / 365.25  # Article 55(4): a new House meets within 120 days of a dissolution
    late = sum(deadline - window <= r < deadline for r in runs)
    assert out["parl_n"] == str(len(runs))
    assert out["parl_full"] == f"None of the {len(runs)} Parliaments before it on our record"
    assert (out["parl_min"], out["parl_max"]) == (f"{min(runs):.1f}", f"{max(runs):.1f}")
    assert out["parl_at_deadline"] == f"{deadline:.1f}"
    assert (
        out["parl_in_window"]
        == f"{late if late else 'None'} of the {len(runs)} {'was' if late <= 1 else 'were'} dissolved"
    )
    # review 75: two earlier Parliaments ran past the deadline's point (their House would have voted)
    after = sum(r >= deadline for r in runs)
    assert out["parl_after"] == f"{after} ran past it" and after == 2
    assert out["parl_window_age"] == f"{deadline - window:.1f}"
    # review 74: the last Parliament was dissolved 4.24 years in, just before the 120-day window that opens 4.3 years
    # into this one (the deadline falls 4.6 years in); its new House would have sat in time: no late precedent
    nearest = max(r for r in runs if r < deadline - window)
    assert out["parl_nearest_short"] == f"{round((deadline - window - nearest) * 365.25)} days"
    assert late == 0 and out["parl_window_from"] == "2 April 2027"


def test_key_judgment_1_counted_other_ways_is_one_table_whose_range_the_chapter_quotes():
    """Review 53: eleven chances in one paragraph hid an error; they are one table in Annex D, each row a
    chance small_cell_scoring computes with its count of groups that passed the judgment's test, and the
    chapter quotes the lowest and highest."""
    ev = evidence.load()
    s = judgments.small_cell_scoring(ev)
    t = judgments.small_cell_table(ev)
    keys = [
        "kj1_p_given_attack",
        "kj1_p_movida_unsized",
        "kj1_p_movida_large",
        "kj1_p_long_all",
        "kj1_p_long_bombings",
        "kj1_p_after",
        "kj1_p_police",
        "kj1_p_with_cells",
        "kj1_p_with_kidnap_plan",
    ]
    assert list(t["every attack passes"]) == [s[k] for k in keys]
    assert t.loc[3, "passed the test"] == f"{s['kj1_long_small']} of {s['kj1_long_attacks']}"
    # reviews 95-96: the bombings the police also put on the KMM's gang (a church, an Indian temple, a video centre),
    # which no record holds, as three more organised attacks
    assert t.loc[4, "passed the test"] == f"{s['kj1_long_small']} of {int(s['kj1_long_attacks']) + 3}"
    assert t.loc[6, "passed the test"] == f"{s['kj1_police_small']} of {s['kj1_police_groups']}"
    assert t.loc[0, "on the yardstick"] == s["kj1_given_place"]
    shares = [int(p.split("\xa0")[0]) for p in t["every attack passes"].iloc[1:]]
    r = judgments.small_cell_range(ev)
    assert (r["kj1_ways_low"], r["kj1_ways_high"]) == (f"{min(shares)}\xa0%", f"{max(shares)}\xa0%")
    text = (ROOT / "book" / "threat-landscape.md").read_text(encoding="utf-8")
    assert "{numref}`tab-kj1-ways`" in text and "{glue:text}`kj1_ways_low`" in text


def test_key_judgment_4_watches_a_leading_sign_not_only_its_own_outcome(ev):
    """Review 55: its one indicator was the outcome itself. The pool it draws on grows as terrorism
    prisoners come out or are handed back. The Guantanamo repatriation of December 2024, already in the
    judgment's basis, falls before the window, so that only a new release sets it off (review 56)."""
    row = _indicator(ev, "kj-former-detainees-rearrested", "A Malaysian terror prisoner freed, fled")
    assert row["since"] == "since 1 January 2025" and not row["observed"]
    # review 75: it watches Malaysians who flee a prison abroad too (the tag key judgment 9's escapee sign uses);
    # the Shaddadi escape names no Malaysian, so it does not set the sign off
    import yaml

    raw = yaml.safe_load((ROOT / "data" / "judgments.yaml").read_text(encoding="utf-8"))
    match = next(j for j in raw if j["id"] == "kj-former-detainees-rearrested")["indicators"][1]["match"]
    assert {"terror-prisoner-freed", "malaysian-escapee"} <= set(match["tags"])
    assert "malaysian-escapee" not in ev.events.set_index("id").loc["shaddadi-prison-escape-2026", "tags"]
    e = ev.events.set_index("id")
    assert "terror-prisoner-freed" in e.loc["farik-nazir-repatriated-2024", "tags"]
    basis = ev.judgments.set_index("id").loc["kj-former-detainees-rearrested", "basis"]
    assert "farik-nazir-repatriated-2024" in basis
    outcome = _indicator(ev, "kj-former-detainees-rearrested", "A former terrorism detainee or convict in a new")
    assert not outcome["observed"]


def test_the_previous_police_tally_is_the_years_best_graded_count_not_a_later_lower_graded_one():
    """Review 57: the October 2019 count (25, a newspaper) sits beside February's (24, an agency) in the
    series; the chapter's "rose only from 24 early in 2019, before the wolf pack" must keep February's."""
    ev = evidence.load()
    rows = ev.indicators[(ev.indicators.indicator == "terror-plots-foiled-cumulative") & (ev.indicators.year == 2019)]
    assert sorted(rows["value"]) == [24, 25]  # both counts are in the data
    b = judgments.base_rate(ev, "attacks-vs-foiled-plots").values
    assert (b["tally_prev"], b["tally_prev_year"]) == ("24", "2019")
    # review 91: the two totals count from different years; the chapter says the later one starts a year earlier
    s = ev.indicators[ev.indicators.indicator == "terror-plots-foiled-cumulative"].set_index("value")["note"]
    assert s[24].startswith("plots foiled 2013") and s[26].startswith("plots foiled 2012")


def test_an_indicator_that_is_the_judgments_own_outcome_is_marked_and_counted_apart(ev):
    """Review 63: seven of the thirty indicators were the event the judgment is about (a kidnapping for
    key judgment 6), counted with the warning signs. They are marked, at most one a judgment, and the
    methods chapter counts them apart from the signs."""
    st = judgments.status(ev)
    marked = st[st["outcome"]]
    assert len(marked) and marked["judgment"].is_unique
    kj6 = st[st["judgment"] == "kj-eastern-sabah-kidnapping"]
    assert kj6[kj6["indicator"].str.startswith("A ransom kidnapping off eastern Sabah")]["outcome"].item()
    # review 70: key judgment 2 says what would settle it too, an attack, and nothing else of its is an outcome
    kj2 = st[st["judgment"] == "kj-attack-before-2029"]
    assert list(kj2[kj2["outcome"]]["indicator"]) == ["An attack in Malaysia the police treat as terrorism"]
    counts = judgments.indicator_counts(ev)
    assert int(counts["n_ind_outcome"]) == len(marked) and int(counts["n_ind_signs"]) == len(st) - len(marked)
    assert int(counts["n_ind_signs_seen"]) + int(counts["n_ind_outcome_seen"]) == int(st["observed"].sum())


def test_a_contested_statement_is_dated_as_said_not_as_happened():
    """Review 63: "contested: March 2025" read as an attempt in 2025; a statement's date is when it was
    said, a case's when it happened."""
    events = pd.DataFrame({"kind": ["statement", "arrests"]}, index=["a-statement", "a-case"])
    assert report._one_contested(events, "a-statement", "March 2025") == "stated March 2025"
    assert report._one_contested(events, "a-case", "March 2025") == "March 2025"


def test_the_attack_rate_shows_half_an_event_more_and_the_attacks_police_called_crime(ev, monkeypatch):
    """Review 63: the zero-count allowance (half an event) put beside the plain count moves key judgment 2
    across a band's edge, so the prose shows it. Review 64: the KK Mart firebombings that did damage meet the
    judgment's test but for the police's label; counted one by one, they are a case of their own."""
    from analysis import figures

    b = judgments.base_rate(ev, "attacks-vs-foiled-plots")
    n, years = b.count
    assert (n, years) == (int(b.values["attacks"]), int(b.values["years"])) and b.rate_per_year == n / years
    e = ev.events
    ordinary = e[(e["kind"] == "incident") & e["tags"].map(lambda t: "ordinary-crime-attack" in t)]
    in_window = ordinary[ordinary["start"].dt.year.between(int(b.values["first_year"]), int(b.values["last_year"]))]
    assert len(in_window) >= 2  # Kuantan and Kuching; Bidor's bomb did not ignite
    assert not e[e["id"] == "kk-mart-bidor-petrol-bomb-2024"]["tags"].item().count("ordinary-crime-attack")
    assert b.sensitivities["ordinary"][0] == (n + len(in_window)) / years
    glued = {}
    monkeypatch.setattr(figures, "glue_text", lambda **kw: glued.update(kw))
    horizon = judgments.horizon_of(ev, "kj-attack-before-2029")
    judgments.glue_base_rate(ev, "attacks-vs-foiled-plots", "a", horizon)
    assert glued["a_p_half"] == judgments.probability_text(b.probability(ev.as_of, horizon, (n + 0.5) / years))
    pct = {k: float(glued[k].split("\xa0")[0].split(" ")[0]) for k in ("a_p", "a_p_half", "a_p_ordinary")}
    assert pct["a_p"] < pct["a_p_half"] < pct["a_p_ordinary"]


def test_the_chapters_lists_say_which_indicator_settles_its_judgment(ev):
    """Review 64: the outcome indicators were marked only in the methods chapter; the chapters' lists of
    what would change the assessment now print 'settles KJ n' for them, 'raises' or 'lowers' for the rest."""
    st = judgments.status(ev)
    text = report.watch_markdown(ev, cite_records=False)
    lines = text.splitlines()
    assert len(lines) == len(st)
    for line, r in zip(lines, st.itertuples(), strict=True):
        effect = "settles" if r.outcome else r.direction
        assert f"({effect} KJ " in line, line
    assert sum("(settles KJ " in line for line in lines) == int(st["outcome"].sum()) > 0


def test_an_outcome_counts_only_inside_its_judgments_time_frame(ev):
    """Review 65: an outcome (an event that settles a judgment) dated before the cut-off belongs to the base
    rate, not to the outcome, so every outcome's window opens after the cut-off its judgment was read at."""
    outcomes = 0
    for j in ev.judgments.itertuples():
        reading = j.year_reading if isinstance(j.year_reading, dict) else {}
        cutoff = pd.Timestamp(reading.get("cutoff", ev.as_of))
        for ind in j.indicator_rules:
            if ind.get("outcome"):
                outcomes += 1
                since = ind["match"].get("since")
                assert since is not None and pd.Timestamp(since) > cutoff, (j.id, ind["text"])
    assert outcomes >= len(ev.judgments) - 2


def test_the_outcome_legend_says_when_outcomes_count_and_which_they_prove_right(ev):
    """Reviews 66, 67: '= settles it' said neither from when nor which way. The legend names the outcomes'
    start and the judgments an outcome would prove right (its outcome raises the likelihood) or wrong."""
    st = judgments.status(ev)
    out = st[st["outcome"]]
    legend = report.outcome_legend(ev)
    starts = set(out["since"])
    assert len(starts) == 1 and legend.startswith(starts.pop().replace("since", "from"))
    number = ev.judgment_numbers()
    right = sorted(number[j] for j in out.loc[out["direction"] == "raises", "judgment"])
    wrong = sorted(number[j] for j in out.loc[out["direction"] == "lowers", "judgment"])
    assert right and wrong
    assert legend.endswith(
        f"after our data: makes the claims of KJ {listed([str(n) for n in right])} true, "
        f"of KJ {listed([str(n) for n in wrong])} false"
    )


def test_a_pace_its_contested_records_cannot_reach_counts_them_and_the_single_case_sign_dates_and_cites_them(ev):
    """Review 91: the pace rules for key judgment 2 no longer warn at the first case, so a single-cell sign does,
    and the contested cases show there in full; beside the pace they are counted only, so the page is not spent
    twice on one list (and the summary leaves them to the chapter: no half-lit sign, review 56)."""
    real = evidence.load()
    st = judgments.status(real)
    kj2 = st[st["judgment"] == "kj-attack-before-2029"]
    pace = kj2[(kj2["threshold"] != "") & kj2["contested"].map(bool)].iloc[0]
    single = kj2[(kj2["threshold"] == "") & kj2["contested"].map(bool)].iloc[0]
    assert pace["contested"] == single["contested"] and not pace["contested_sets_off"] and single["contested_sets_off"]
    lines = report.watch_markdown(real, "threat-landscape").splitlines()
    pace_line = next(x for x in lines if x.startswith(f"- {pace['label']} "))
    single_line = next(x for x in lines if x.startswith(f"- {single['label']} "))
    assert pace_line.endswith("too few for its pace") and "{cite:p}" not in pace_line
    assert "contested (officials' words, not the case record)" in single_line and "{cite:p}" in single_line
    summary = report.judgments_with_watch_markdown(real)
    assert f"{pace['indicator']}, {pace['threshold']};" in summary  # beside the pace, no contested note
    assert f"{single['indicator']} (contested: " in summary


def test_key_judgment_7_counts_its_chances_by_designation_as_well_as_by_year():
    """Review 91: the unit at risk is a designation. With 2 US-only designations and no freeze reported, half a
    freeze for the unreported gives a quarter a designation, and two more leave 0.75 squared of none."""
    ev = evidence.load()
    v = judgments.us_only_designations(ev)
    assert (v["us_only_n"], v["us_only_freezes"]) == ("2", "0")
    assert (v["us_only_p_per"], v["us_only_run"], v["us_only_p_none_run"]) == ("25\u00a0%", "two", "56\u00a0%")
    # review 94: one more designation alone would take the judgment down a band, and a sign watches for it
    assert (v["us_only_p_none_one"], v["us_only_one_place"]) == ("75\u00a0%", "at the top of likely")
    signs = judgments.status(ev)
    assert "A new US-only terrorism designation of a Malaysia-linked person or firm" in set(
        signs[signs["judgment"] == "kj-financing-dispute"]["indicator"]
    )


def test_the_quiet_spell_rates_have_a_fixed_five_year_window_beside_them(ev, monkeypatch):
    """Review 96: a quiet spell starts the day after the last event, so its rate is the lowest any window can
    give; the five years to the cut-off, a window no event defines, sit beside it (half an event for none,
    the counted events otherwise) in the glued prose and the base-rate table."""
    from analysis import figures

    start = pd.Timestamp(ev.as_of) - pd.DateOffset(years=judgments.FIXED_WINDOW_YEARS)
    glued = {}
    monkeypatch.setattr(figures, "glue_text", lambda **kw: glued.update(kw))
    for name, judgment, prefix in (
        ("sabah-kidnappings", "kj-eastern-sabah-kidnapping", "k"),
        ("former-detainee-rearrests", "kj-former-detainees-rearrested", "fd"),
        ("returnee-plots", "kj-syria-returnees", "rp"),
    ):
        b = judgments.base_rate(ev, name)
        counted = ev.events[ev.events["id"].isin(b.records)]
        assert counted["start"].max() < start, f"{name}: the real data has no event in the last five years"
        assert judgments.fixed_window(ev, b) == (0, 0.5 / 5)
        horizon = judgments.horizon_of(ev, judgment)
        judgments.glue_base_rate(ev, name, prefix, horizon)
        fixed = judgments.probability_text(1 - math.exp(-0.1 * (horizon - ev.as_of).days / 365.25))
        assert glued[f"{prefix}_p_fixed"] == fixed and fixed in glued[f"{prefix}_fixed_clause"]
        assert (
            "with none" in glued[f"{prefix}_fixed_clause"]
            and "a floor set by half an event" in glued[f"{prefix}_fixed_clause"]
        )
        # the fixed window is never below the quiet spell's rate when it holds no event
        assert judgments.fixed_window(ev, b)[1] >= b.recent_rate
        row = judgments.base_rate_table(ev).set_index("KJ").loc[ev.judgment_numbers()[judgment]]
        assert f"{fixed} over the last five years*" in row["chance by the horizon at that rate"]
    # a raid moved into the window is counted as itself, not as half
    b = judgments.base_rate(ev, "sabah-kidnappings")
    e = ev.events.copy()
    i = e.index[e["id"] == b.records[-1]][0]
    e.at[i, "start"] = start + pd.Timedelta(days=10)
    moved = evidence.Evidence({**{t: getattr(ev, t) for t in schema.TABLES}, "events": e}, ev.data_dir, ev.edition)
    assert judgments.fixed_window(moved, b) == (1, 1 / 5)


def test_key_judgment_2s_busiest_plotting_years_are_the_records_busiest_and_move_with_them(ev):
    """Review 97: the key assumption's "busiest years" pace is computed, not typed. On the real data the
    span holds at least as many foiled plots as any other three-year span, and its chance is the attack
    rate of those years run to the horizon; plots moved into a quiet span make that span the busiest."""
    horizon = judgments.horizon_of(ev, "kj-attack-before-2029")
    got = judgments.busiest_plotting(ev, horizon)
    plots = ev.events[ev.events["tags"].map(lambda t: "foiled-plot" in t)]
    plots = plots[~plots["id"].isin(judgments.LATER_ROUNDS)]
    years = plots["start"].dt.year
    first = int(got["a_busy_from"])
    assert int(got["a_busy_to"]) == first + 2
    assert int(got["a_busy_plots"]) == int(years.between(first, first + 2).sum())
    assert all(int(got["a_busy_plots"]) >= int(years.between(y, y + 2).sum()) for y in range(2000, ev.as_of.year))
    attacks = ev.events[(ev.events["kind"] == "incident") & ev.events["tags"].map(lambda t: "terrorist-attack" in t)]
    n = int(attacks["start"].dt.year.between(first, first + 2).sum())
    assert n >= 1 and got["a_busy_attacks"].endswith("attack" if n == 1 else "attacks")
    p = 1 - math.exp(-(n / 3) * (horizon - ev.as_of).days / 365.25)
    assert got["a_p_busy"] == judgments.probability_text(p)
    # review 98: the same pace of plotting at the base rate's window's attacks per plot (2012 to its last year)
    b = judgments.base_rate(ev, "attacks-vs-foiled-plots")
    window = years.between(int(b.values["first_year"]), int(b.values["last_year"]))
    in_window = attacks["start"].dt.year.between(int(b.values["first_year"]), int(b.values["last_year"]))
    rate = int(got["a_busy_plots"]) / 3 * int(in_window.sum()) / int(window.sum())
    assert (got["a_busy_window_attacks"], got["a_busy_window_plots"]) == (
        str(int(in_window.sum())),
        str(int(window.sum())),
    )
    assert got["a_p_busy_pace"] == judgments.probability_text(1 - math.exp(-rate * (horizon - ev.as_of).days / 365.25))
    # Table 1's KJ 2 row gives that range and leaves out the cases outside the claim (Lahad Datu, the knife threat)
    row = judgments.base_rate_table(ev).set_index("KJ").loc[ev.judgment_numbers()["kj-attack-before-2029"]]
    cell = row["chance by the horizon at that rate"]
    assert f"{got['a_p_busy']} to {got['a_p_busy_pace']} at peak plotting" in cell
    assert "Lahad Datu" not in cell and "knife" not in cell and "KK Mart" not in cell
    n, years = judgments.base_rate(ev, "attacks-vs-foiled-plots").count
    one_more = 1 - math.exp(-(n + 1) / years * (horizon - ev.as_of).days / 365.25)
    assert f"{judgments.probability_text(one_more)} with one more case" in cell
    # twenty plots moved into 2021-2023, a span with none today, make it the busiest
    e = ev.events.copy()
    moved = e.index[e["id"].isin(plots["id"])][:20]
    e.loc[moved, "start"] = pd.Timestamp("2022-06-01")
    other = evidence.Evidence({**{t: getattr(ev, t) for t in schema.TABLES}, "events": e}, ev.data_dir, ev.edition)
    again = judgments.busiest_plotting(other, horizon)
    assert (again["a_busy_from"], again["a_busy_attacks"]) == ("2020", "no attacks") or again["a_busy_to"] >= "2022"
    assert int(again["a_busy_plots"]) >= 20
