"""The briefer's tools on the real data and on edits: chronology rule, key sources rule, who's who,
topic map, and the glossary gate."""

from __future__ import annotations

import re
import shutil

import pytest

from analysis import chronology, evidence, glossary, keysources, topics, whoswho
from analysis.paths import DATA
from publish import acronyms
from publish.log import BuildError


def test_key_events_follow_the_rule_and_stay_within_two_pages():
    ev = evidence.load()
    key = chronology.key_events(ev)
    assert 10 <= len(key) <= chronology.MAX_KEY_EVENTS
    e = ev.events.set_index("id")
    from analysis import judgments

    st = judgments.status(ev)
    signs = {i for ids in st[st["observed"] & ~st["outcome"]]["records"] for i in ids}
    assert "sosma-pssc-recommendations-2025" in signs  # review 92: the one sign observed is on the page
    for i in key["id"]:
        assert chronology.is_key(e.loc[i, "kind"], e.loc[i, "tags"]) or i in signs, i
    assert signs <= set(key["id"])
    assert all(1 <= len(s) <= 2 for s in key["sources"])
    assert len(chronology.full(ev)) == len(ev.events)


def test_short_lists_cite_a_record_by_its_best_sources_and_never_by_one_that_dissents():
    """Review 55: three key chronology rows cited, for their date, the one source the record says gives
    another; and the judgment boxes cited each record's first two sources, not its best-graded."""
    from analysis import report

    ev = evidence.load()
    key = chronology.key_events(ev)
    e = ev.events.set_index("id")
    assert e.loc[list(key["id"]), "dissent"].map(bool).sum() >= 3  # rows with a dissenter: the check bites
    grade = dict(zip(ev.references["key"], ev.references["reliability"]))
    lut = report._lookup(ev)
    # and the methods chapter's table of disagreements lists every record with a dissenting source
    listed_ids = set(ev.events.loc[report.disagreements(ev).index, "id"])
    assert set(e.index[e["dissent"].map(bool)]) <= listed_ids
    for i, cited in zip(key["id"], key["sources"]):
        assert not set(cited) & set(e.loc[i, "dissent"]), i
        assert cited == lut[i][2], i  # the chronology and the judgment boxes pick alike
        rest = [k for k in e.loc[i, "sources"] if k not in cited and k not in e.loc[i, "dissent"]]
        assert all(grade[k] >= max(grade[c] for c in cited) for k in rest), i  # no better one left out


def test_key_sources_are_graded_a_or_b_and_most_cited():
    ev = evidence.load()
    k = keysources.key_sources(ev)
    assert len(k) == keysources.N_KEY  # the store holds more A and B sources than the page shows
    assert set(k["Grade"]) <= {"A", "B"}
    assert list(k["Records"]) == sorted(k["Records"], reverse=True)
    counts = keysources.citation_counts(ev)
    strong = ev.references[ev.references["reliability"].isin(["A", "B"])]
    best_left_out = max((counts.get(x, 0) for x in strong["key"] if [x] not in list(k["sources"])), default=0)
    assert best_left_out <= k["Records"].min()


def test_the_key_sources_page_compares_the_list_with_what_the_judgments_rest_on():
    """The page's later statement is counted, not asserted: the kinds of the listed sources, and of the
    sources cited by the records that carry the judgments (the three in each judgment's box)."""
    ev = evidence.load()
    c = keysources.compared(ev, 3)
    refs = ev.references.set_index("key")
    listed = [row[0] for row in keysources.key_sources(ev)["sources"]]
    kinds = refs.loc[listed, "kind"].value_counts()
    assert int(c["ks_official"]) == kinds.get("official", 0) + kinds.get("intergovernmental", 0)
    assert int(c["ks_news"]) == kinds.get("news", 0)
    events = ev.events.set_index("id")
    carrying = {
        k
        for j in ev.judgments.itertuples()
        for rid in j.basis[:3]
        if rid in events.index
        for k in events.loc[rid, "sources"]
    }
    assert int(c["kj_sources"]) >= len(carrying) > 0  # events, plus any other record kinds a basis names
    assert int(c["kj_news"]) + int(c["kj_official"]) <= int(c["kj_sources"])
    for median in (c["ks_year"], c["kj_year"]):  # a year, or two when the median falls between ('2021–22')
        assert 1900 < int(median[:4]) <= ev.as_of.year and re.fullmatch(r"\d{4}(–\d{2})?", median), median


def test_whos_who_has_one_row_per_office_and_says_when_a_term_is_unconfirmed():
    ev = evidence.load()
    now = whoswho.current(ev)
    assert now["Office"].is_unique
    for must in ("Prime Minister", "Minister of Home Affairs", "Inspector-General of Police"):
        row = now[now["Office"] == must]
        assert len(row) == 1 and row["Status at cut-off"].iloc[0] == "in office", must
    o = ev.offices
    unconfirmed = set(o[o["end_unknown"]]["holder"])
    for _, r in now.iterrows():
        if r["Holder"] in unconfirmed:
            assert r["Status at cut-off"] == whoswho.LAST_SOURCED, r["Office"]
    # the Special Branch director left the post and no successor is sourced: say so, do not name him
    sb = now[now["Office"] == "Director of Special Branch (Pengarah Cawangan Khas)"].iloc[0]
    assert sb["Status at cut-off"] == "holder not established"
    assert sb["Holder"] == "not established (last known: Mohd Khalid Ismail)"


def test_the_collection_gap_names_every_unconfirmed_office_and_only_those(valid_data):
    ev = evidence.load()
    now = whoswho.current(ev)
    assert whoswho.gaps(ev) == list(now[now["Status at cut-off"] != "in office"]["Office"])
    assert "Commander, Eastern Sabah Security Command (ESSCOM)" in whoswho.gaps(ev)
    # a confirmed holder is no gap; one whose term the sources close is
    assert whoswho.gaps(evidence.load(valid_data)) == []
    path = valid_data / "offices.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "  end: 2022-05-01\n", encoding="utf-8")
    assert whoswho.gaps(evidence.load(valid_data)) == ["Minister of Home Affairs"]


def test_every_topic_has_five_events_with_two_independent_publishers():
    ev = evidence.load()
    tm = topics.topic_map(ev)
    assert len(tm) == len(ev.topics) >= 10
    assert topics.thin(ev) == [], tm["two publishers"].to_dict()


def test_the_gaps_list_names_each_thin_period_after_a_topics_first_event_and_no_other():
    ev = evidence.load()
    tm = topics.topic_map(ev)
    labels = [label for *_, label in topics.PERIODS]
    listed = {(t, p.split(" (")[0]) for t, few in topics.sparse_periods(ev, at_most=2) for p in few}
    want = set()
    for topic, row in tm.iterrows():
        counts = [row[label] for label in labels]
        first = next(i for i, n in enumerate(counts) if n)
        want |= {(topic, labels[i]) for i in range(first, len(labels)) if counts[i] <= 2}
    assert listed == want and listed  # the real record has thin periods: the list is not empty
    # online harms had no events before the 2010s: those empty periods are not gaps
    online = tm.loc["Online radicalisation and online harms"]
    assert online["before 2000"] == 0 and ("Online radicalisation and online harms", "before 2000") not in listed
    assert topics.gaps_markdown(ev, at_most=0).startswith("No topic has a period")


def test_glossary_gate_names_the_page_and_the_acronym(tmp_path):
    ev = evidence.load()
    site = tmp_path / "html" / "book"
    site.mkdir(parents=True)
    page = '<html><body><article class="bd-article"><p>{}</p></article></body></html>'
    (site / "good.html").write_text(page.format("SOSMA and POTA, Part II, Act A1459 and RM200."))
    chapters = [tmp_path / "good.md"]
    acronyms.check(ev, tmp_path / "html", chapters)  # all defined: no error
    (site / "bad.html").write_text(page.format("The QXZ unit and SOSMA."))
    with pytest.raises(BuildError, match=r"book/bad.md: QXZ"):
        acronyms.check(ev, tmp_path / "html", [*chapters, tmp_path / "bad.md"])


def test_a_duplicate_glossary_term_is_refused(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    text = (data / "glossary.yaml").read_text()
    (data / "glossary.yaml").write_text(text + "\n- term: SOSMA\n  meaning: again\n")
    from analysis.errors import DataError

    with pytest.raises(DataError, match="already defined"):
        glossary.load_extra(data)


def test_the_sources_behind_each_judgment_are_those_of_its_carrying_records():
    ev = evidence.load()
    t = keysources.behind_judgments(ev, 3)
    assert len(t) == len(ev.judgments)
    events = ev.events.set_index("id")
    j = ev.judgments.set_index("id").loc["kj-syria-returnees"]
    cited = {k for rid in j["basis"][:3] for k in events.loc[rid, "sources"]}
    row = t.iloc[list(ev.judgments["id"]).index("kj-syria-returnees")]
    assert sum(int(x.split()[1]) for x in row["Sources by grade"].split(", ")) == len(cited)
    assert row["sources"][0] in cited


def test_a_term_with_no_sourced_end_says_when_the_holder_was_last_named():
    """Review 37: E8's head took over on 14 February 2020 and is named again in January 2021 and April
    2022 (offices.yaml `attested`); the table says how long her term is known to have run."""
    now = whoswho.current(evidence.load()).set_index("Holder")
    assert now.loc["Normah Ishak", "Term"] == "from 14 February 2020; last named 29 April 2022; end not sourced"
    # a holder named only on the day the term began keeps the plain wording
    assert whoswho._term("2020-02-14", None, True, ["2020-02-14"]) == "from 14 February 2020; end not sourced"


def test_key_sources_name_the_author_of_a_report_read_in_an_archive_copy():
    """Review 52: the State Department's country reports read in Refworld were listed as UNHCR's."""
    ev = evidence.load()
    k = keysources.key_sources(ev)
    refs = ev.references.set_index("key")
    copies = [p for s, p in zip(k["sources"], k["Publisher"]) if refs.loc[s[0], "publisher_id"] == "unhcr-refworld"]
    assert copies and all(p == "U.S. Department of State (via UNHCR Refworld)" for p in copies)
    # review 53: a BenarNews story with a named author is BenarNews's
    for key, publisher in zip((s[0] for s in k["sources"]), k["Publisher"]):
        if refs.loc[key, "publisher_id"] == "benarnews":
            assert publisher == refs.loc[key, "publisher_name"]


def test_the_topic_table_counts_every_event_in_a_topic_or_in_its_last_row():
    """Review 59: 69 events had fallen outside every topic unsaid; the table's last row counts them."""
    ev = evidence.load()
    table = topics.topic_table(ev)
    rest = topics.in_no_topic(ev)
    assert table.index[-1] == "(in no topic)" and table.loc["(in no topic)", "events"] == len(rest)
    in_some = {i for t in ev.topics.itertuples() for i in topics.members(ev, t.tags)["id"]}
    assert in_some | set(rest["id"]) == set(ev.events["id"]) and not in_some & set(rest["id"])
    assert len(rest) < 0.05 * len(ev.events)  # the topics cover the record, not the seed articles
