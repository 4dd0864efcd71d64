"""The real evidence base: counts, sourcing rules, seeds, coverage of the required topics."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from analysis import evidence, schema

SEEDS_DIR = Path(__file__).resolve().parents[2] / "shared" / "seeds"
OFFICIAL_NAMES = [  # quoted names, not prose: lower-case, as written in the records
    "asia international security summit and expo 2025",
    "asean plus japan ministerial meeting on transnational crime",
    "asean military intelligence community leaders conference",
    "asean military intelligence community leaders' conference",
    "security offences (special measures) act 2012",
    "sustainable intelligence co-operation for an inclusive asean",
]
WEAK_SEEDS = {"000_f21f02e14d9c17cf.txt", "001_0efa84766710264a.txt"}


@pytest.fixture(scope="module")
def ev():
    return evidence.load()


def test_counts_meet_the_evidence_base_targets(ev):
    c = ev.counts()
    assert c["events"] >= 150 and c["actors"] >= 80 and c["relations"] >= 200
    assert c["references"] >= 120 and c["claims"] >= 30 and c["judgments"] >= 8


def test_every_record_cites_a_source(ev):
    for table in ("actors", "events", "relations"):
        df = getattr(ev, table)
        assert df["sources"].map(len).min() >= 1, table
    assert ev.indicators["source"].isin(ev.references["key"]).all()


def test_most_events_have_two_independent_publishers(ev):
    share = (ev.events["n_independent"] >= 2).mean()
    assert share >= 0.60, f"only {share:.0%} of events cite two independent publishers"


def test_no_fact_rests_only_on_the_weak_seeds(ev):
    refs = ev.references
    weak = set(refs[refs["seedfile"].isin(WEAK_SEEDS)]["key"])
    assert len(weak) == 2
    for table in ("actors", "events", "relations"):
        df = getattr(ev, table)
        only_weak = df[df["sources"].map(lambda s: set(s) <= weak)]
        assert only_weak.empty, f"{table} resting only on a weak seed: {list(only_weak['id'])}"


def test_the_five_seeds_are_graded_sources_and_all_are_audited(ev):
    refs = ev.references.set_index("seedfile")
    seeds = refs.loc[refs.index.notna()]
    assert len(seeds) == 5
    assert (seeds.loc["000_f21f02e14d9c17cf.txt", "kind"], seeds.loc["000_f21f02e14d9c17cf.txt", "reliability"]) == (
        "ai-generated",
        "F",
    )
    assert seeds.loc["001_0efa84766710264a.txt", "kind"] == "blog"
    assert set(ev.claims["seed"]) == set(seeds.index)


def test_claims_decided_by_evidence_never_by_the_seed_itself(ev):
    seed_keys = dict(zip(ev.references["seedfile"], ev.references["key"]))
    for c in ev.claims.itertuples():
        assert seed_keys[c.seed] not in c.evidence, c.id


def test_every_judgment_uses_the_yardstick_and_rests_on_records(ev):
    assert set(ev.judgments["likelihood"]) <= set(schema.YARDSTICK)
    ids = set(ev.events["id"]) | set(ev.relations["id"]) | set(ev.claims["id"])
    for j in ev.judgments.itertuples():
        assert set(j.basis) <= ids and len(j.basis) >= 2, j.id


@pytest.mark.parametrize(
    "record",
    [
        "isa-in-force",
        "isa-repeal-announced",
        "sosma-royal-assent",
        "sosma-in-force-isa-repealed",
        "sosma-2015-amendment-in-force",
        "poca-amendment-in-force",
        "pota-in-force",
        "smata-passed-dewan-rakyat",
        "penal-code-terrorism-chapter-in-force",
        "amla-royal-assent",
        "amlatfa-renamed-2014",
        "nsc-act-in-force",
        "nsc-malaysia-established",
        "searcct-launch-2003",
        "esscom-established",
        "mmea-established",
        "mdio-renamed",
        "al-maunah-arms-heist",
        "kmm-ji-isa-arrests-dec2001",
        "lahad-datu-standoff",
        "movida-grenade-attack",
        "ulu-tiram-police-station-attack",
        "asean-declaration-joint-action-counter-terrorism-2001",
        "acct-signed-cebu-2007",
        "malaysia-ratifies-acct-2013",
        "asean-us-joint-declaration-combat-terrorism-2002",
        "ammtc-plus-japan-1-vientiane-2013",
        "ammtc-plus-japan-2-kuala-lumpur-2015",
        "fatf-full-membership-2016",
        "malaysia-joins-global-coalition-2015",
        "trilateral-maritime-patrol-launch-tarakan-2017",
        "our-eyes-initiative-soft-launch-2018",
        "aisse-2025-saifuddin-keynote",
        "amiclc-2-amim-22-kuala-lumpur-2025",
        "asean-47th-summit-timor-leste-admission-2025",
        "admm-plus-ct-exercise-sentul-2013",
        "fpda-communique-1971",
    ],
)
def test_required_topics_are_in_the_record(ev, record):
    assert record in set(ev.events["id"])


def test_at_least_two_series_cover_eight_years(ev):
    years = ev.indicators.groupby("indicator")["year"].nunique()
    assert (years >= 8).sum() >= 2, years.sort_values().tail(4).to_dict()


def test_disagreeing_sources_are_kept_side_by_side(ev):
    arrests = ev.indicators[(ev.indicators["indicator"] == "terror-arrests") & (ev.indicators["year"] == 2016)]
    assert arrests["value"].nunique() >= 2 and arrests["source"].nunique() >= 2


@pytest.mark.skipif(not SEEDS_DIR.exists(), reason="the seed articles (../shared/seeds) are not beside this checkout")
def test_no_summary_copies_a_seed_sentence(ev):
    """No run of 8 words from a seed article appears in our summaries, claims or explanations
    (official names of meetings, laws and themes, which must be quoted exactly, are set aside)."""

    def shingles(text, n=8):
        text = text.lower()
        for name in OFFICIAL_NAMES:
            text = text.replace(name, " ")
        words = re.findall(r"[a-z0-9']+", text)
        return {" ".join(words[i : i + n]) for i in range(len(words) - n + 1)}

    seed = set().union(*(shingles(p.read_text(encoding="utf-8")) for p in SEEDS_DIR.glob("0*.txt")))
    ours = list(ev.events["summary"]) + list(ev.claims["claim"]) + list(ev.claims["explanation"])
    copied = [t for t in ours if shingles(t) & seed]
    assert not copied, copied[:3]


def test_every_gti_value_sits_on_its_data_year_and_names_its_edition(ev):
    gti = ev.indicators[ev.indicators["indicator"].str.startswith("gti-")]
    assert len(gti)
    for r in gti.itertuples():
        assert f"GTI {r.year + 1} edition" in r.note, (r.indicator, r.year, r.note)


def test_a_series_counts_one_thing(ev):
    units = ev.indicators.groupby("indicator")["unit"].nunique()
    assert (units == 1).all(), units[units > 1].to_dict()
    persons = set(ev.series[ev.series["unit"].str.startswith("persons")]["id"])
    ind = ev.indicators[ev.indicators["indicator"].isin(persons)]
    assert not ((ind["value"] == 3220) & (ind["year"] == 2023)).any()  # SUARAM's cases are not persons
    arrests = ev.indicators[(ev.indicators["indicator"] == "terror-arrests") & (ev.indicators["year"] == 2018)]
    assert arrests.empty  # the 2018 value its own note called a probable mix-up is not on the line


def test_data_as_of_is_the_information_cutoff(ev):
    assert str(ev.as_of) == ev.edition.cutoff
    assert ev.events["start"].max().date() <= ev.as_of


def test_the_share_of_records_citing_an_a_or_b_source_counts_records_not_sources(valid_data):
    """The fixture's four records all cite a B source (BenarNews; the docslib copy graded B by its
    written exception); graded C, BenarNews leaves only the event citing the docslib copy."""
    assert evidence.load(valid_data).share_resting_on_ab() == 1.0
    pubs = valid_data / "publishers.yaml"
    text = pubs.read_text()
    start = text.index("- id: benarnews")
    graded = text[start:].replace("grade: B", "grade: C", 1)
    assert graded != text[start:]  # the edit took effect
    pubs.write_text(text[:start] + graded)
    bib = valid_data / "references.bib"
    entry = bib.read_text().split("@misc{")
    i = next(n for n, e in enumerate(entry) if e.startswith("benarnews-sosma-renewal-2022,"))
    entry[i] = entry[i].replace("reliability  = {B}", "reliability  = {C}")
    bib.write_text("@misc{".join(entry))
    ev = evidence.load(valid_data)
    assert ev.share_resting_on_ab() == 1 / 4
    assert ev.share_ab() == 1 / 2  # of the two cited sources, one is graded B
