"""The loader is the gate: every broken file stops it with file, line, record and field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from analysis import evidence
from analysis.errors import DataError

BROKEN = Path(__file__).parent / "broken"

# (broken file, line, record id or None, field or None, fragment of the message)
CASES = [
    ("01-yaml-syntax.events.yaml", 4, None, None, "YAML syntax error: this line is indented differently"),
    ("02-wrong-type.events.yaml", 5, "sosma-royal-assent", "summary", "valid string"),
    ("03-missing-field.events.yaml", 1, "sosma-royal-assent", "kind", "required field is missing"),
    ("04-unknown-enum.events.yaml", 3, "sosma-royal-assent", "kind", "'massacre' is not allowed"),
    (
        "05-malformed-date.events.yaml",
        2,
        "sosma-royal-assent",
        "date",
        "'2012-13-01' is not YYYY, YYYY-MM or YYYY-MM-DD",
    ),
    ("06-future-date.events.yaml", 2, "sosma-royal-assent", "date", "in the future"),
    ("07-end-before-start.events.yaml", 3, "sosma-royal-assent", "end_date", "before it starts"),
    ("08-duplicate-id.events.yaml", 10, "sosma-royal-assent", "id", "duplicate id"),
    ("09-unknown-actor.events.yaml", 6, "sosma-royal-assent", "actors", "unknown actor id 'ghost-agency'"),
    ("10-unknown-source.events.yaml", 7, "sosma-royal-assent", "sources", "unknown source key 'no-such-source-2020'"),
    ("11-empty-sources.events.yaml", 7, "sosma-royal-assent", "sources", "at least one"),
    ("12-python-tag.events.yaml", 5, None, None, "tags such as !!python/... are refused"),
    ("13-unknown-field.events.yaml", 7, "sosma-royal-assent", "soruces", "unknown field"),
    ("14-duplicate-field.events.yaml", 9, "sosma-royal-assent", "confidence", "field given twice"),
    ("15-not-a-list.events.yaml", 1, None, None, "must be a YAML list"),
    ("16-not-utf8.events.yaml", 4, None, None, "not UTF-8"),
    ("17-bad-likelihood.judgments.yaml", 4, "kj-sosma-stays", "likelihood", "'probable-ish' is not allowed"),
    (
        "18-unknown-basis.judgments.yaml",
        6,
        "kj-sosma-stays",
        "basis",
        "unknown event, relation or claim id 'no-such-event'",
    ),
    (
        "19-unknown-target.relations.yaml",
        3,
        "parliament-oversees-home-ministry",
        "target",
        "unknown actor id 'atlantis'",
    ),
    ("20-relation-end-before-start.relations.yaml", 6, "parliament-oversees-home-ministry", "end", "before it starts"),
    ("21-non-numeric.indicators.csv", 3, "sosma-vote-against 2022", "value", "valid number"),
    ("22-bad-header.indicators.csv", 1, None, None, "header must be exactly"),
    ("23-bib-no-url.references.bib", 14, "dhanapal-isa-sosma-2015", "url", "required field is missing"),
    ("24-bib-bad-grade.references.bib", 11, "benarnews-sosma-renewal-2022", "reliability", "'G' is not allowed"),
    (
        "25-bib-duplicate-key.references.bib",
        14,
        "benarnews-sosma-renewal-2022",
        "key",
        "duplicate key (first at line 2)",
    ),
    ("26-verdict-without-evidence.claims.yaml", 5, "seed-nato-partner", "evidence", "must cite the evidence"),
    ("27-unknown-seed.claims.yaml", 2, "seed-nato-partner", "seed", "unknown seed file"),
    (
        "30-bib-unknown-publisher.references.bib",
        5,
        "benarnews-sosma-renewal-2022",
        "publisher_id",
        "unknown publisher 'benar-news-agency'; did you mean 'benarnews'?",
    ),
    (
        "31-bib-no-publisher.references.bib",
        2,
        "benarnews-sosma-renewal-2022",
        "publisher_id",
        "required field is missing",
    ),
    (
        "32-bib-foreign-domain.references.bib",
        28,
        "seed-001-flashqube",
        "url",
        "domain 'medium.com' is not among the domains of publisher 'flashqube'",
    ),
    (
        "33-bib-unexplained-grade.references.bib",
        11,
        "benarnews-sosma-renewal-2022",
        "reliability",
        "'A' differs from publisher 'benarnews' ('B') without a grade_note",
    ),
    (
        "95-bib-copy-above-its-original.references.bib",
        12,
        "benarnews-sosma-renewal-2022",
        "reliability",
        "'B' is above the grade of the story's own publisher 'flashqube' ('D')",
    ),
    (
        "34-shared-domain.publishers.yaml",
        18,
        "flashqube",
        "domains",
        "domain 'benarnews.org' is also claimed by 'benarnews'",
    ),
    (
        "35-rests-on-weak-source.events.yaml",
        7,
        "sosma-royal-assent",
        "sources",
        "rests only on sources graded D, E, F: seed-001-flashqube (D)",
    ),
    (
        "36-undefined-series.indicators.csv",
        3,
        "sosma-votes-abstained 2022",
        "indicator",
        "series 'sosma-votes-abstained' is not defined in series.yaml",
    ),
    ("37-cutoff-in-future.edition.yaml", 3, "edition", "cutoff", "is in the future"),
    ("37b-published-before-cutoff.edition.yaml", 5, "edition", "published", "is before the information cut-off"),
    ("64-bad-edition-id.edition.yaml", 2, "edition", "edition", "'first' has the wrong form"),
    (
        "79-check-does-not-add-up.edition.yaml",
        6,
        "edition",
        "checks",
        "fully + partly + contradicted + unreachable is 39, not the 40 records checked",
    ),
    (
        "82-check-ids-miscounted.edition.yaml",
        6,
        "edition",
        "checks",
        "ids names 2 different records, not the 3 checked",
    ),
    (
        "83-check-unknown-id.edition.yaml",
        16,
        "edition",
        "checks[0].ids",
        "'sosma-in-forse' is no event or relation id; did you mean 'sosma-in-force'?",
    ),
    ("38-after-cutoff.events.yaml", 22, "sosma-4-5-renewed", "date", "is after the information cut-off 2022-07-26"),
    (
        "39-unknown-comparable.series.yaml",
        8,
        "sosma-vote-for",
        "comparable_with",
        "unknown series 'sosma-vote-abstained'",
    ),
    ("40-weak-source.indicators.csv", 3, "sosma-vote-against 2022", "source", "rests only on sources graded D, E, F"),
    ("28-unknown-parent.actors.yaml", 11, "parliament-malaysia", "parent", "unknown actor id 'federation-of-nowhere'"),
    (
        "29-bib-duplicate-url.references.bib",
        14,
        "dhanapal-isa-sosma-2015",
        "url",
        "same page as 'benarnews-sosma-renewal-2022'",
    ),
    ("54-year-reading-missing.judgments.yaml", 1, "kj-sosma-stays", "year_reading", "say which way they moved"),
    (
        "55-year-reading-stale.judgments.yaml",
        14,
        "kj-sosma-stays",
        "year_reading",
        "written for the cut-off 2021-07-26",
    ),
    (
        "56-year-reading-against-indicator.judgments.yaml",
        14,
        "kj-sosma-stays",
        "year_reading",
        "shift 'down' points against its own indicator, which raises its chance: SOSMA amended or renewed",
    ),
    ("42-unknown-out-of.series.yaml", 9, "sosma-vote-for", "out_of", "unknown series 'sosma-votes-cast'"),
    ("41-bib-escaped-url.references.bib", 16, "dhanapal-isa-sosma-2015", "url", "no spaces or backslashes"),
    ("60-coords-outside-map.events.yaml", 8, "sosma-royal-assent", "coords", "outside the map"),
    ("61-coords-without-place.events.yaml", 7, "sosma-royal-assent", "coords", "need a place name"),
    ("62-unknown-body.offices.yaml", 3, "home-minister-example", "body", "unknown actor id 'ministry-of-nowhere'"),
    ("63-unused-tag.topics.yaml", 3, "legal-reform", "tags", "no event has the tag 'amendd'; did you mean 'amended'?"),
    # a misspelt name gets the nearest known one
    (
        "64-misspelt-actor.events.yaml",
        6,
        "sosma-royal-assent",
        "actors",
        "unknown actor id 'parliament-malaysai'; did you mean 'parliament-malaysia'?",
    ),
    (
        "65-misspelt-source.events.yaml",
        7,
        "sosma-royal-assent",
        "sources",
        "unknown source key 'dhanapal-isa-sosma-2016'; did you mean 'dhanapal-isa-sosma-2015'?",
    ),
    (
        "66-misspelt-publisher.references.bib",
        5,
        "benarnews-sosma-renewal-2022",
        "publisher_id",
        "unknown publisher 'benarnew'; did you mean 'benarnews'?",
    ),
    (
        "67-misspelt-series.indicators.csv",
        3,
        "sosma-vote-againts 2022",
        "indicator",
        "series 'sosma-vote-againts' is not defined in series.yaml; did you mean 'sosma-vote-against'?",
    ),
    # YAML syntax errors: the line that holds the mistake and what usually causes it
    ("68-yaml-tab.events.yaml", 4, None, None, "the line holds a tab character; YAML indents with spaces only"),
    (
        "69-yaml-unquoted-colon.events.yaml",
        4,
        None,
        None,
        "the value holds ': ', which YAML reads as a new field; quote it: title: 'SOSMA: royal assent'",
    ),
    ("70-yaml-unclosed-quote.events.yaml", 4, None, None, "a quote opened on this line is never closed"),
    ("71-yaml-unclosed-bracket.events.yaml", 4, None, None, "opened on this line is never closed"),
    ("72-yaml-wrapped-line.events.yaml", 5, None, None, "this line is not 'field: value'"),
    ("73-yaml-indent.edition.yaml", 2, None, None, "this line is indented differently from the fields above it"),
    (
        "74-persons-not-arrests.events.yaml",
        4,
        "sosma-royal-assent",
        "persons",
        "only an arrest operation (people held), an incident (people who took part) or a statement",
    ),
    ("75-persons-negative.events.yaml", 9, "sosma-royal-assent", "persons", "greater than or equal to 0"),
    (
        "50-indicator-unknown-tag.judgments.yaml",
        14,
        "kj-sosma-stays",
        "indicators",
        "indicators[0].match.tags: unknown tag 'act-sosma-2021' (no event carries it and it is not in "
        "analysis.judgments.WATCH_TAGS); did you mean 'act-sosma-2012'?",
    ),
    ("51-missing-horizon.judgments.yaml", 1, "kj-sosma-stays", "horizon", "required field is missing"),
    (
        "52-horizon-before-cutoff.judgments.yaml",
        13,
        "kj-sosma-stays",
        "horizon",
        "is not after the data cut-off (2022-07-26)",
    ),
    (
        "53-indicator-bad-kind.judgments.yaml",
        15,
        "kj-sosma-stays",
        "indicators",
        "indicators[1].match.kinds[1]: 'attack' is not allowed",
    ),
    ("76-plotters-more-than-held.events.yaml", 5, "sosma-royal-assent", "plotters", "3 plotters, more than the 2"),
    (
        "80-dissent-not-cited.events.yaml",
        8,
        "sosma-royal-assent",
        "dissent",
        "some-other-report not among the record's sources",
    ),
    ("81-every-source-dissents.events.yaml", 8, "sosma-royal-assent", "dissent", "every source dissents"),
    ("77-plotters-not-a-plot.events.yaml", 5, "sosma-royal-assent", "plotters", "only a foiled plot"),
    (
        "78-bib-unknown-wire.references.bib",
        35,
        "seed-001-flashqube",
        "wire",
        "'benarnew' is not a publisher; did you mean",
    ),
]


def test_corpus_is_complete():
    """Every broken file has an expectation and there are at least 20 distinct faults."""
    assert sorted(c[0] for c in CASES) == sorted(p.name for p in BROKEN.iterdir())
    assert len(CASES) >= 20


@pytest.mark.parametrize("name,line,record,field,fragment", CASES, ids=[c[0] for c in CASES])
def test_broken_file_is_refused_with_location(valid_data, name, line, record, field, fragment):
    target = name.split(".", 1)[1]
    shutil.copy(BROKEN / name, valid_data / target)
    with pytest.raises(DataError) as info:
        evidence.load(valid_data)
    problems = [p for p in info.value.problems if p.file.endswith(target)]
    assert problems, str(info.value)
    p = next((q for q in problems if q.field == field), problems[0])
    assert (p.line, p.record, p.field) == (line, record, field), str(info.value)
    assert fragment in p.message, str(info.value)
    text = str(info.value)
    expected = f"{target}:{line}: " + (f"record '{record}': " if record else "") + (f"{field}: " if field else "")
    assert expected in text


def test_no_suggestion_when_no_name_is_close(valid_data):
    """'Did you mean' names a near miss only: an id unlike any known one gets none."""
    shutil.copy(BROKEN / "09-unknown-actor.events.yaml", valid_data / "events.yaml")
    with pytest.raises(DataError) as info:
        evidence.load(valid_data)
    (p,) = [p for p in info.value.problems if p.field == "actors"]
    assert p.message == "unknown actor id 'ghost-agency'"


def test_python_tag_is_never_executed(valid_data, tmp_path):
    marker = tmp_path / "pwned"
    (valid_data / "events.yaml").write_text(
        f"- id: x\n  date: 2012\n  summary: !!python/object/apply:os.system ['touch {marker}']\n"
    )
    with pytest.raises(DataError):
        evidence.load(valid_data)
    assert not marker.exists()


def test_all_problems_are_reported_not_just_the_first(valid_data):
    text = (valid_data / "events.yaml").read_text()
    text = text.replace("date: 2012-06-22", "date: 2012-02-30").replace(
        "kind: law\n  title: SOSMA 28", "kind: war\n  title: SOSMA 28"
    )
    (valid_data / "events.yaml").write_text(text)
    with pytest.raises(DataError) as info:
        evidence.load(valid_data)
    fields = sorted(p.field for p in info.value.problems)
    assert fields == ["date", "kind"]


def test_valid_fixture_loads_every_record(valid_data):
    ev = evidence.load(valid_data)
    assert ev.counts() == {
        "actors": 3,
        "events": 3,
        "relations": 1,
        "claims": 1,
        "judgments": 1,
        "indicators": 2,
        "references": 3,
        "publishers": 3,
        "series": 2,
        "offices": 1,
        "topics": 1,
    }
    assert str(ev.as_of) == "2022-07-26"
    assert list(ev.events["precision"]) == ["day", "day", "day"]


def test_make_check_exits_nonzero_and_names_the_place(tmp_path):
    """`make check` runs `python -m publish.check`: exit 1 and file:line: record: field on bad data."""
    import os
    import subprocess
    import sys

    shutil.copytree(Path(__file__).parent / "fixtures" / "valid", tmp_path / "data")
    shutil.copy(BROKEN / "05-malformed-date.events.yaml", tmp_path / "data" / "events.yaml")
    env = dict(os.environ, CT_REPORT_ROOT=str(tmp_path))
    bad = subprocess.run([sys.executable, "-m", "publish.check"], capture_output=True, text=True, env=env)
    assert bad.returncode == 1
    assert "data/events.yaml:2: record 'sosma-royal-assent': date: '2012-13-01' is not YYYY" in bad.stderr
    shutil.copy(Path(__file__).parent / "fixtures" / "valid" / "events.yaml", tmp_path / "data" / "events.yaml")
    good = subprocess.run([sys.executable, "-m", "publish.check"], capture_output=True, text=True, env=env)
    assert good.returncode == 0 and "data OK: 3 actors, 3 events" in good.stdout


def test_pages_that_differ_only_in_url_params_are_different_pages(valid_data):
    """Some official sites name a page in ';params' (Australia's ParlInfo): two such URLs are two
    sources, while the same page cited twice is refused."""
    bib = valid_data / "references.bib"
    entry = (
        "\n@misc{{benarnews-{key},\n  title = {{A page}},\n"
        "  url = {{https://www.benarnews.org/display.w3p;query=Id%3A{n}}},\n  publisher_id = {{benarnews}},\n"
        "  urldate = {{2026-11-26}},\n  year = {{2022}},\n  organization = {{BenarNews}},\n"
        "  kind = {{news}},\n  reliability = {{B}}\n}}\n"
    )
    bib.write_text(bib.read_text() + entry.format(key="one", n=1) + entry.format(key="two", n=2))
    evidence.load(valid_data)  # two pages: accepted
    bib.write_text(bib.read_text() + entry.format(key="three", n=2))
    with pytest.raises(DataError, match="same page as 'benarnews-two'"):
        evidence.load(valid_data)


def test_a_source_read_after_the_edition_was_published_is_refused(valid_data):
    """The covers print the publication date: a page read after it would be cited by an edition
    issued before anyone read it. The check names the source's urldate line."""
    edition = valid_data / "edition.yaml"
    edition.write_text(edition.read_text() + "published: 2026-11-25\n")
    bib = (valid_data / "references.bib").read_text()
    assert "urldate      = {2026-11-26}" in bib  # the fixture's sources were read after that day
    with pytest.raises(DataError) as info:
        evidence.load(valid_data)
    problems = [p for p in info.value.problems if p.field == "urldate"]
    assert problems and all(p.file.endswith("references.bib") for p in problems)
    first = bib.splitlines().index(next(x for x in bib.splitlines() if "urldate" in x)) + 1
    assert problems[0].line == first and "after the edition's publication date 2026-11-25" in problems[0].message
    edition.write_text(edition.read_text().replace("published: 2026-11-25", "published: 2026-11-26"))
    evidence.load(valid_data)  # read on the day of issue is allowed


def test_a_wire_story_and_its_agency_are_one_publisher(valid_data):
    """Two newspapers carrying one agency's story are not two independent reports: an event citing the
    agency and a copy of its story counts one publisher; without the wire field, two."""
    events = valid_data / "events.yaml"
    events.write_text(
        events.read_text().replace(
            "sources: [dhanapal-isa-sosma-2015]", "sources: [dhanapal-isa-sosma-2015, benarnews-sosma-renewal-2022]"
        )
    )
    first = evidence.load(valid_data).events
    assert first["n_independent"].max() == 2
    bib = valid_data / "references.bib"
    bib.write_text(
        bib.read_text().replace("  publisher_id = {docslib},", "  publisher_id = {docslib},\n  wire = {benarnews},")
    )
    assert evidence.load(valid_data).events["n_independent"].max() == 1
