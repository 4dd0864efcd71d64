"""Editions: `make edition` freezes the data; the build says what changed since the latest frozen
edition. A fixture with two editions shows each kind of change reported, and an unchanged dataset
reports none; a malformed manifest stops the build with file, line and field."""

from __future__ import annotations

import datetime
import re
import shutil
import types
from pathlib import Path

import pytest

from analysis import editions, evidence, judgments, schema, whatschanged
from analysis.errors import DataError
from publish import edition as freeze
from publish import pdf
from publish.isolated import copy_project, run_build

ROOT = Path(__file__).resolve().parent.parent


def frozen_copy(valid_data: Path) -> Path:
    """The fixture's evidence base frozen as its edition 2022-1, then renamed edition 2022-2 to edit on."""
    assert freeze.main([], valid_data) == 0
    assert (valid_data / "editions" / "2022-1.yaml").exists()
    ed = valid_data / "edition.yaml"
    ed.write_text(ed.read_text().replace("edition: 2022-1", "edition: 2022-2"))
    return valid_data


def bib_entry(key: str, path: str) -> str:
    return (
        f"\n@misc{{{key},\n  title = {{A test page}},\n  url = {{https://www.benarnews.org/english/{path}.html}},\n"
        "  publisher_id = {benarnews},\n  urldate = {2026-11-26},\n  year = {2022},\n  organization = {BenarNews}\n}\n"
    )


NEW_EVENTS = """
- id: test-amendment-tabled
  date: 2022-07
  kind: law
  title: A test amendment is tabled
  summary: Added by the editions test.
  sources: [benarnews-sosma-renewal-2022]
  confidence: low
  tags: [amended, royal-assent]

- id: test-statement-untagged
  date: 2022-05
  kind: statement
  title: A test statement in no topic
  summary: Added by the editions test.
  sources: [benarnews-sosma-renewal-2022]
  confidence: low
"""
NOTE = "The renewal vote passed with a wider margin than the test assumed."


def edit(data: Path) -> None:
    """One change of each kind, on the fixture frozen by frozen_copy."""
    events = data / "events.yaml"
    text = events.read_text()
    # remove sosma-in-force (nothing refers to it), correct the title of sosma-royal-assent, add two
    start = text.index("- id: sosma-in-force")
    end = text.index("- id: sosma-4-5-renewed")
    text = text[:start] + text[end:]
    text = text.replace("title: SOSMA receives royal assent", "title: SOSMA is given royal assent")
    events.write_text(text + NEW_EVENTS)
    judgments = data / "judgments.yaml"
    judgments.write_text(
        judgments.read_text().replace("  likelihood: likely\n", f"  likelihood: highly likely\n  change_note: {NOTE}\n")
    )
    bib = data / "references.bib"
    bib.write_text(bib.read_text().replace(bib_entry("old-page-2022", "old"), "") + bib_entry("new-page-2022", "new"))
    csv = data / "indicators.csv"
    csv.write_text(
        csv.read_text().replace("sosma-vote-for,2022,111,", "sosma-vote-for,2022,112,")
        + "sosma-vote-against,2021,80,votes,benarnews-sosma-renewal-2022,test value,\n"
    )


@pytest.fixture()
def two_editions(valid_data) -> Path:
    bib = valid_data / "references.bib"
    bib.write_text(bib.read_text() + bib_entry("old-page-2022", "old"))  # a source to retire
    frozen_copy(valid_data)
    edit(valid_data)
    return valid_data


def test_an_unchanged_dataset_reports_no_changes(valid_data):
    frozen_copy(valid_data)
    ev = evidence.load(valid_data)
    changes = editions.since_latest(ev)
    assert changes is not None and changes.since.edition == "2022-1"
    assert changes.empty
    assert whatschanged.summary_sentence(changes) == "no changes"
    notice = whatschanged.notice_markdown(ev, changes)
    assert notice.startswith("**No changes since edition 2022-1 (frozen on ")
    assert "data as of 26 July 2022" in notice
    assert "nothing" in whatschanged.landing_markdown(changes)


def test_the_real_data_frozen_now_shows_no_changes(tmp_path):
    """The manifest of the real evidence base, written and read back, equals the data: nothing is
    reported from the way a value is stored (a year in a column with gaps, a tuple, an empty list)."""
    ev = evidence.load()
    folder = tmp_path / "editions"
    folder.mkdir()
    freeze.write(editions.manifest(ev, ev.as_of), folder / f"{ev.edition.edition}.yaml")
    changes = editions.diff(editions.read(folder / f"{ev.edition.edition}.yaml"), ev)
    assert changes.empty, whatschanged.summary_sentence(changes)


def test_a_flag_the_frozen_edition_lacks_is_no_correction_until_it_is_set(valid_data):
    """Review 83: `end_unknown`, added to the schema after edition 2026-1 was frozen, marked every relation as
    corrected, because a flag left false hashed unlike a field the manifest lacks. Left false it changes nothing;
    set on one relation, that relation alone is corrected, in that field and its `reported`."""
    frozen_copy(valid_data)
    path = valid_data / "editions" / "2022-1.yaml"
    text = path.read_text()
    head, rest = text.split("\n  relations:\n", 1)
    block_end = next(
        i for i, line in enumerate(rest.splitlines()) if line.startswith("  ") and not line.startswith("   ")
    )
    lines = rest.splitlines(keepends=True)
    block, tail = lines[:block_end], lines[block_end:]
    fields = (
        "    fields: [source, target, kind, start, end, end_unknown, reported, recurs, summary, sources, confidence]\n"
    )
    assert block[0] == fields
    older = ["    fields: [source, target, kind, start, end, summary, sources, confidence]\n", block[1]]
    for line in block[2:]:  # each relation's hashes, less those of the three fields an older manifest lacks
        rid, hashes = line.split(": ", 1)
        hashes = hashes.split()
        assert len(hashes) == 11
        older.append(f"{rid}: {' '.join(hashes[:5] + hashes[8:])}\n")
    path.write_text(head + "\n  relations:\n" + "".join(older + tail))
    assert editions.since_latest(evidence.load(valid_data)).empty
    rel = valid_data / "relations.yaml"
    data = rel.read_text()
    first = data.index("  end: null\n")
    start = data.rindex("- id: ", 0, first)
    rid = data[start + 6 : data.index("\n", start)]
    # a last report given to the day, so no cited page is dated more finely within it
    rel.write_text(
        data[:first] + "  end_unknown: true\n  reported: '2022-12-31'\n" + data[first + len("  end: null\n") :]
    )
    changes = editions.since_latest(evidence.load(valid_data))
    assert [(c.table, c.id, c.fields) for c in changes.corrected] == [("relations", rid, ("end_unknown", "reported"))]


def test_each_kind_of_change_is_reported(two_editions):
    ev = evidence.load(two_editions)
    changes = editions.check(ev)  # valid: the judgment that moved says why
    assert changes.since.edition == "2022-1"
    assert changes.moved == (
        editions.Moved(
            "kj-sosma-stays",
            "SOSMA's detention power stays through the next renewal vote (by the end of 2027).",
            ("likely", "highly likely"),
            ("moderate", "moderate"),
            NOTE,
        ),
    )
    assert changes.new("events") == ("test-amendment-tabled", "test-statement-untagged")
    assert changes.gone("events") == ("sosma-in-force",)
    assert changes.new("references") == ("new-page-2022",)
    assert changes.gone("references") == ("old-page-2022",)
    assert changes.corrected == (editions.Corrected("events", "sosma-royal-assent", ("title",)),)
    assert set(changes.values) == {
        editions.Value("sosma-vote-for", 2022, "benarnews-sosma-renewal-2022", 111, 112),
        editions.Value("sosma-vote-against", 2021, "benarnews-sosma-renewal-2022", None, 80),
    }
    assert not any(changes.new(t) or changes.gone(t) for t in ("actors", "relations", "judgments", "claims"))
    # new events by topic: the fixture's one topic, then the event in none
    groups = [(title, list(frame["id"])) for title, frame in whatschanged.new_events_by_topic(ev, changes)]
    assert groups == [
        ("Counter-terrorism law and its reform", ["test-amendment-tabled"]),
        (whatschanged.NO_TOPIC, ["test-statement-untagged"]),
    ]
    c = whatschanged.counts(changes)
    assert (c["judgments_moved"], c["events_new"], c["events_corrected"], c["events_removed"]) == (1, 2, 1, 1)
    assert (c["sources_new"], c["sources_retired"], c["values_added"], c["values_revised"]) == (1, 1, 1, 1)
    assert whatschanged.summary_sentence(changes) == (
        "1 key judgment moved, 2 new events, 1 event corrected, 1 event removed, 1 new source, "
        "1 source retired, 1 series value added and 1 series value revised"
    )
    notice = whatschanged.notice_markdown(ev, changes)
    assert "Likelihood likely → **highly likely**; confidence moderate (unchanged)." in notice
    assert "- *Key judgment 1*: SOSMA's detention power stays" in notice  # numbered, as in the summary
    assert f"*Why:* {NOTE}" in notice
    # the new law matches the judgment's indicator; the untagged statement bears on no judgment
    assert "- *Key judgment 1*: new evidence: A test amendment is tabled (July 2022)." in notice
    assert "The other 1 new event is in no judgment's basis, base rate or indicator." in notice
    assert "New events by topic (some are in several): Counter-terrorism law and its reform 1; " in notice
    assert "events 1 (title 1)" in notice
    assert "1 new {cite:p}`new-page-2022`" in notice and "1 retired (`old-page-2022`)" in notice
    assert "Votes for renewing SOSMA section 4(5), 2022: 111 → 112" in notice
    assert "| Events | 2 | 1 corrected | 1 |" in notice
    annex = whatschanged.annex_markdown(ev, changes)
    assert "| events | `sosma-royal-assent` | title |" in annex
    assert "| removed events | `sosma-in-force` |" in annex and "| retired sources | `old-page-2022` |" in annex
    assert "| July 2022 | A test amendment is tabled | 1 | Counter-terrorism law and its reform |" in annex
    # the record lists are the site's; print says where they are (a container per list, and its note)
    corrected = annex.split("## Corrected records", 1)[1].split("## ", 1)[0]
    assert corrected.startswith("\n\n```{container} html-only\n| Kind | Record | Fields changed |")
    assert "```{container} print-only\nNot printed: 1 corrected record, listed in this annex" in corrected


def test_the_second_edition_frozen_becomes_the_one_compared_with(two_editions):
    assert freeze.main([], two_editions) == 0
    ev = evidence.load(two_editions)
    assert [m.edition for m in editions.frozen(two_editions)] == ["2022-1", "2022-2"]
    changes = editions.since_latest(ev)
    assert changes.since.edition == "2022-2" and changes.empty
    assert "Edition 2022-1, frozen on" in whatschanged.editions_markdown(ev)


def test_freezing_never_overwrites_an_edition(valid_data, capsys):
    assert freeze.main([], valid_data) == 0
    target = valid_data / "editions" / "2022-1.yaml"
    before = target.read_bytes()
    assert "froze edition 2022-1" in capsys.readouterr().out
    events = valid_data / "events.yaml"
    events.write_text(events.read_text().replace("SOSMA receives royal assent", "SOSMA is given royal assent"))
    assert freeze.main([], valid_data) == 1
    assert "edition 2022-1 is frozen already" in capsys.readouterr().err
    assert target.read_bytes() == before


def test_a_judgment_that_moved_must_say_why(valid_data):
    frozen_copy(valid_data)
    path = valid_data / "judgments.yaml"
    text = path.read_text()
    path.write_text(text.replace("  confidence: moderate\n", "  confidence: high\n"))
    with pytest.raises(DataError) as info:
        editions.check(evidence.load(valid_data))
    p = info.value.problems[0]
    assert (p.file.endswith("judgments.yaml"), p.line, p.record, p.field) == (True, 1, "kj-sosma-stays", "change_note")
    assert "confidence moved from 'moderate' to 'high' since edition 2022-1" in p.message
    # a note frozen with the last edition does not say why it moved since
    path.write_text(text.replace("  likelihood: likely\n", "  likelihood: likely\n  change_note: Older reason.\n"))
    ed = valid_data / "edition.yaml"
    ed.write_text(ed.read_text().replace("edition: 2022-2", "edition: 2022-3"))
    freeze.main([], valid_data)  # edition 2022-3, with the note
    path.write_text(path.read_text().replace("  likelihood: likely\n", "  likelihood: unlikely\n"))
    with pytest.raises(DataError, match="the note there is the one frozen with it"):
        editions.check(evidence.load(valid_data))


def test_a_revision_with_a_new_reason_is_listed_with_it_in_the_annex(valid_data):
    """Review 66: a judgment revised with likelihood and confidence kept (a longer time frame, say) printed
    its reason nowhere. A change_note new since the frozen edition is listed in the annex with its
    headline; a moved judgment's note stays in the moved table, and an unchanged note is not listed."""
    frozen_copy(valid_data)
    path = valid_data / "judgments.yaml"
    text = path.read_text().replace(
        "  likelihood: likely\n", "  likelihood: likely\n  change_note: Longer time frame.\n"
    )
    path.write_text(text.replace("  headline: ", "  headline: Now ", 1))  # a revision, with its reason
    ev = evidence.load(valid_data)
    changes = editions.since_latest(ev)
    assert not changes.moved
    rows = whatschanged.revised_with_reasons(ev, changes)
    assert rows == [[ev.judgments.iloc[0]["headline"], "Longer time frame."]]
    annex = whatschanged.annex_markdown(ev, changes)
    assert "## Key judgments revised, likelihood and confidence kept" in annex and "Longer time frame." in annex
    ed = valid_data / "edition.yaml"
    ed.write_text(ed.read_text().replace("edition: 2022-2", "edition: 2022-3"))
    freeze.main([], valid_data)  # frozen with the note: no longer new
    ev = evidence.load(valid_data)
    assert whatschanged.revised_with_reasons(ev, editions.since_latest(ev)) == []


def test_an_edition_id_older_than_the_latest_frozen_is_refused(valid_data):
    frozen_copy(valid_data)
    ed = valid_data / "edition.yaml"
    ed.write_text(ed.read_text().replace("edition: 2022-2", "edition: 2021-4"))
    with pytest.raises(DataError) as info:
        editions.check(evidence.load(valid_data))
    p = info.value.problems[0]
    assert (p.file.endswith("edition.yaml"), p.line, p.field) == (True, 1, "edition")
    assert "older than the latest frozen edition '2022-1'" in p.message


# (what to break in the manifest and how, the field named, a fragment of the message, the line named)
MALFORMED = [
    (r"(?m)^(    likelihood: )likely$", r"\1probable", "judgments.kj-sosma-stays.likelihood", "probable", "probable"),
    (
        r"(?m)^(  events:\n    fields: \[)date, ",
        r"\1",
        "records.events.hashes.",
        # every field but the id is hashed; one field name taken out of the list leaves one hash too many
        f"{len(schema.Event.model_fields) - 1} hashes for the {len(schema.Event.model_fields) - 2}",
        "  sosma-4-5",
    ),
    (r"(?m)^(      sosma-in-force: )\w+", r"\1XYZ", "records.events.hashes.sosma-in-force", "wrong form", "XYZ"),
    (r"(?m)^(edition: )2022-1$", r"\g<1>2022-9", "edition", "differs from the file name", "2022-9"),
    (r"(?m)^(      benarnews-sosma-renewal-2022: )111$", r"\1many", "series.sosma-vote-for.2022", "number", "many"),
    (r"(?m)^cutoff: .*\n", "", "cutoff", "required field is missing", None),
]


@pytest.mark.parametrize("pattern,replacement,field,fragment,anchor", MALFORMED, ids=[m[2] for m in MALFORMED])
def test_a_malformed_manifest_is_refused_with_file_line_and_field(
    valid_data, pattern, replacement, field, fragment, anchor
):
    frozen_copy(valid_data)
    path = valid_data / "editions" / "2022-1.yaml"
    broken, n = re.subn(pattern, replacement, path.read_text(), count=1)
    assert n == 1, pattern
    path.write_text(broken)
    with pytest.raises(DataError) as info:
        editions.check(evidence.load(valid_data))
    p = next((q for q in info.value.problems if q.field and q.field.startswith(field)), info.value.problems[0])
    assert p.file.endswith("editions/2022-1.yaml") and p.field.startswith(field), str(info.value)
    assert fragment in p.message, str(info.value)
    if anchor:  # the line named is the line of the broken value
        assert p.line == next(i for i, line in enumerate(broken.splitlines(), 1) if anchor in line), str(info.value)
    assert f"editions/2022-1.yaml:{p.line}: {p.field}: " in str(info.value)


def test_a_manifest_that_is_not_yaml_or_badly_named_is_refused(valid_data):
    frozen_copy(valid_data)
    (valid_data / "editions" / "2022-1.yaml").write_text("edition: [2022-1\n")
    shutil.copy(valid_data / "edition.yaml", valid_data / "editions" / "latest.yaml")
    with pytest.raises(DataError) as info:
        editions.frozen(valid_data)
    text = str(info.value)
    assert "editions/2022-1.yaml:1: YAML syntax error: a bracket" in text  # the line the bracket opens
    assert "editions/latest.yaml: the file name must be an edition id" in text


def test_the_build_stops_on_a_malformed_manifest(tmp_path):
    """`make book` validates the frozen editions first: a broken manifest stops it at once with the
    file, line and field, before any notebook runs."""
    project = copy_project(tmp_path / "project")
    manifest = sorted((project / "data" / "editions").glob("*.yaml"))[-1]
    text = manifest.read_text()
    line = text[: text.index("  likelihood: ", text.index("\njudgments:"))].count("\n") + 1
    manifest.write_text(re.sub(r"(?m)^(    likelihood: ).*$", r"\1probable", text, count=1))
    result = run_build(project)
    out = result.stdout + result.stderr
    assert result.returncode != 0
    assert re.search(rf"data/editions/{manifest.stem}\.yaml:{line}: judgments\.[a-z0-9-]+\.likelihood: ", out), out
    assert "execute notebooks" not in out
    assert not (project / "_build" / "html").exists()


def long_text(n: int) -> str:
    return ("word " * n)[:n].strip()


def test_the_longest_notice_fits_one_printed_page(tmp_path):
    """Every list of the notice at its cap, every title longer than any in the data, every change
    note at the longest the schema allows, the key judgments that did not move all revised: laid out
    with the print stylesheet, one page."""
    from markdown_it import MarkdownIt

    ev = evidence.load()
    fake = evidence.Evidence(  # the frozen edition's cut-off: the notice says the changes are not news
        {
            **{t: getattr(ev, t) for t in schema.TABLES},
            "events": ev.events.assign(title=long_text(400)),
            "judgments": ev.judgments.assign(headline=long_text(schema.HEADLINE_MAX)),
            "series": ev.series.assign(title=long_text(200)),
        },
        ev.data_dir,
        ev.edition,
    )
    since = editions.Manifest.model_validate(editions.manifest(ev, ev.as_of))
    ids = {t: tuple(editions.record_ids(t, getattr(ev, t))) for t in schema.TABLES}
    note = long_text(schema.CHANGE_NOTE_MAX)
    changes = editions.Changes(
        since=since,
        moved=tuple(
            editions.Moved(j, long_text(schema.HEADLINE_MAX), ("likely", "highly likely"), ("moderate", "high"), note)
            for j in ids["judgments"][: whatschanged.MAX_MOVED + 1]
        ),
        added={t: ids[t] for t in schema.TABLES if t != "indicators"},
        removed={t: ids[t] for t in schema.TABLES if t != "indicators"},
        corrected=tuple(
            editions.Corrected(t, i, tuple(editions.hashed_fields(t))) for t in schema.TABLES for i in ids[t]
        ),
        values=tuple(editions.Value(s, 2020, "k" * 60, 1.5, 2.5) for s in ev.series["id"]),
    )
    md = whatschanged.notice_markdown(fake, changes)
    page = (ROOT / "book" / "whats-changed.md").read_text()
    intro = page.split("```\n\n", 1)[1].split("\n\n```{glue:md}")[0]
    title = re.search(r"(?m)^# (.+)$", page)[1]
    body = MarkdownIt("commonmark").enable("table").render(f"{intro}\n\n{md}")
    doc = (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>t</title>'
        f'<style>{pdf.font_faces()}</style></head><body><main id="whats-changed--"><section>'
        f"<h1>{title}</h1>{body}</section></main></body></html>"
    )
    pages, _ = pdf.render(doc, f"{tmp_path.as_uri()}/", tmp_path / "notice.pdf", b"test", [pdf.PRINT_CSS])
    assert pages == 1


def test_sources_are_listed_whole_or_only_counted(two_editions, monkeypatch):
    """A partial list of sources ('12 new [1, 2] … and 10 more') reads as the whole: the notice lists
    every new and retired source, or leaves them to the table's count."""
    ev = evidence.load(two_editions)
    changes = editions.check(ev)
    listed = whatschanged.notice_markdown(ev, changes)
    assert "**Sources:** 1 new {cite:p}`new-page-2022`; 1 retired (`old-page-2022`)." in listed
    monkeypatch.setattr(whatschanged, "MAX_LISTED", 0)
    counted = whatschanged.notice_markdown(ev, changes)
    assert "**Sources:**" not in counted and "new-page-2022" not in counted and "old-page-2022" not in counted
    assert "| Sources | 1 | 0 corrected | 1 retired |" in counted


def test_the_notice_names_the_newest_new_events_first():
    """The notice names only the first few new events of a topic: those must be the latest."""
    ev = evidence.load()
    sosma = ev.events[[("sosma" in t) for t in ev.events["tags"]]]
    older, newer = sosma.sort_values("date").iloc[0]["id"], sosma.sort_values("date").iloc[-1]["id"]

    class Changes:  # what new_events_by_topic reads of the comparison: the new events, in file order
        def new(self, table):
            return (older, newer) if table == "events" else ()

    groups = dict(whatschanged.new_events_by_topic(ev, Changes()))
    assert list(groups["Counter-terrorism law and its reform"]["id"]) == [newer, older]


def test_a_value_moved_to_another_series_is_one_move_not_a_removal_and_an_addition():
    ev = evidence.load()
    moved = [
        editions.Value("terror-arrests", 2014, "src-a", 50.0, None),
        editions.Value("terror-arrests-usdos-estimate", 2014, "src-a", None, 50.0),
        editions.Value("terror-arrests", 2015, "src-b", 90.0, None),  # removed: no twin elsewhere
    ]
    lines = whatschanged._value_lines(ev, moved)
    assert len(lines) == 2
    assert lines[0].endswith("2014: 50 (moved to Terrorism arrests, State Department's rounded estimate)")
    assert lines[1].endswith("2015: 90 (removed)")
    # the notice's "N more in the annex" counts the annex's rows, one per value changed, a move being two
    # (review 38: "19 more" against the annex's 23 when the moves fell among those not shown)
    extra = [editions.Value("terror-arrests", 2000 + i, f"src-{i}", None, float(i)) for i in range(10)]
    since = editions.Manifest.model_validate(editions.manifest(ev, ev.as_of))
    notice = whatschanged.notice_markdown(ev, editions.Changes(since=since, values=tuple(extra + moved)))
    shown = notice.split("**Series values:**", 1)[1].split("\n", 1)[0]
    listed = shown.count(";")  # the lines shown, each followed by "; ", the last by "; N more"
    assert listed == whatschanged.MAX_VALUES and "moved to" not in shown
    assert shown.endswith(f"; {len(extra + moved) - listed} more in the annex."), shown


def test_revised_key_judgments_say_what_was_revised(two_editions):
    """A briefer needs to know what a revision changed, not only that there was one: every kind of
    revision names the numbers of the judgments it touched, and a single reworded claim its headline;
    a field the frozen edition did not have is reported as added, not as revised."""
    ev = evidence.load(two_editions)
    jid = ev.judgments["id"].iloc[0]
    changes = editions.Changes(
        since=editions.check(ev).since,
        moved=(),
        added={},
        removed={},
        corrected=(
            editions.Corrected("judgments", jid, ("statement", "indicators")),
            editions.Corrected("judgments", "not-shown", ("indicators", "change_scope")),
        ),
        values=(),
    )
    ev.judgments.loc[len(ev.judgments)] = {**ev.judgments.iloc[0].to_dict(), "id": "not-shown"}
    line = next(x for x in whatschanged.notice_markdown(ev, changes).splitlines() if "Key judgments.**" in x)
    headline = whatschanged.short(ev.judgments["headline"].iloc[0], 50)
    assert line == (
        "**Key judgments.** Revised, likelihood and confidence kept: "
        f"claim reworded in key judgment 1 ({headline}); indicators changed in 1 and "
        f"{len(ev.judgments)}; change scope added for {len(ev.judgments)}."  # a field the frozen edition lacks
    )


def test_the_notice_says_when_the_changes_are_not_news():
    """An edition frozen with the same cut-off differs only in corrections and additions up to that
    date: a briefer must not read them as developments. A moved cut-off gets no such line."""
    since = types.SimpleNamespace(cutoff=datetime.date(2026, 3, 31))
    same = whatschanged._same_cutoff(
        types.SimpleNamespace(as_of=datetime.date(2026, 3, 31)), types.SimpleNamespace(since=since)
    )
    moved = whatschanged._same_cutoff(
        types.SimpleNamespace(as_of=datetime.date(2026, 9, 30)), types.SimpleNamespace(since=since)
    )
    assert "same cut-off" in same and "not later events" in same
    assert moved == ":"


def test_a_shortened_title_never_leaves_a_bracket_open():
    text = "At least one terrorist attack in Malaysia (Sabah kidnappings and Sulu-claim intrusions aside) by 2028"
    assert whatschanged.short(text, 50) == "At least one terrorist attack in Malaysia …"
    assert whatschanged.short("A short title", 50) == "A short title"
    # nor ends on a word that leads into the cut (review 47: "preparing acts of …")
    title = "Anwar says teenagers were involved in preparing acts of violence, urges vigilance"
    assert whatschanged.short(title, 57) == "Anwar says teenagers were involved in preparing acts …"
    assert whatschanged.short("Home Minister says eastern Sabah has had no kidnapping for ransom", 60).endswith(
        "no kidnapping …"
    )


def test_a_moved_judgment_is_counted_once_and_its_rewording_is_said():
    """Review: the table read '1 moved, 9 revised' for nine judgments, the moved one counted twice, and
    its line showed only the new wording of a claim that had also been narrowed."""
    ev = evidence.load()
    since = editions.Manifest.model_validate(editions.manifest(ev, ev.as_of))
    first, second = ev.judgments["id"][:2]
    changes = editions.Changes(
        since=since,
        moved=(editions.Moved(first, "A headline.", ("likely", "highly likely"), ("moderate", "moderate"), "Why."),),
        corrected=(
            editions.Corrected("judgments", first, ("headline", "indicators")),
            editions.Corrected("judgments", second, ("indicators",)),
        ),
    )
    notice = whatschanged.notice_markdown(ev, changes)
    assert "| Key judgments | 0 | 1 moved, 1 revised | 0 |" in notice
    assert "confidence moderate (unchanged). Claim reworded. *Why:* Why." in notice
    assert "indicators changed in 2." in notice  # the moved one is not listed again as revised
    unchanged = editions.Changes(since=since, moved=changes.moved)
    assert "Claim reworded." not in whatschanged.notice_markdown(ev, unchanged)


def test_a_new_time_frame_is_said_with_its_date_not_folded_into_a_rewording():
    """Review 27: a judgment whose horizon moved a year was reported as 'claim or time frame reworded';
    a later horizon weakens the claim at the same likelihood, so the notice names the new date."""
    ev = evidence.load()
    since = editions.Manifest.model_validate(editions.manifest(ev, ev.as_of))
    first, second = ev.judgments["id"][:2]
    horizon = ev.judgments.set_index("id")["horizon"]
    day = lambda d: f"{d.day} {d:%B %Y}"
    moved = (editions.Moved(first, "A headline.", ("likely", "likely"), ("moderate", "low"), None),)
    changes = editions.Changes(
        since=since,
        moved=moved,
        corrected=(
            editions.Corrected("judgments", first, ("horizon",)),
            editions.Corrected("judgments", second, ("horizon", "indicators")),
        ),
    )
    notice = whatschanged.notice_markdown(ev, changes)
    assert f"confidence moderate → **low**. Time frame now to {day(horizon[first])}." in notice
    assert "Claim reworded." not in notice and "claim reworded" not in notice
    assert f"time frame of key judgment 2 now to {day(horizon[second])}" in notice
    third = ev.judgments["id"][2]
    both = editions.Changes(
        since=since, corrected=(*changes.corrected, editions.Corrected("judgments", third, ("horizon",)))
    )
    assert "time frames moved in key judgments 1–3" in whatschanged.notice_markdown(ev, both)
    reworded = editions.Changes(
        since=since, corrected=(editions.Corrected("judgments", second, ("statement", "horizon")),)
    )
    assert "claim and time frame reworded in key judgment 2 (" in whatschanged.notice_markdown(ev, reworded)


def test_judgments_that_share_a_line_each_keep_their_own_count(monkeypatch):
    """Past the cap, judgments share one line; a single total would read as evidence they share."""
    ev = evidence.load()
    since = editions.Manifest.model_validate(editions.manifest(ev, ev.as_of))
    basis = {n: set(j.basis) for n, j in enumerate(ev.judgments.itertuples(), 1)}
    # two judgments whose evidence does not overlap, each given its evidence as new events
    a, b = next((a, b) for a in basis for b in basis if a < b and basis[a] and basis[b] and not basis[a] & basis[b])
    changes = editions.Changes(since=since, added={"events": tuple(sorted(basis[a] | basis[b]))})
    monkeypatch.setattr(whatschanged, "MAX_JUDGMENT_LINES", 1)
    _, lines = whatschanged.new_events_by_judgment(ev, changes)
    shared = [line for line in lines if line.startswith("- *Key judgments ")]
    assert len(shared) == 1, lines
    m = re.fullmatch(
        r"- \*Key judgments ([\d, and]+)\*: ([\d, and]+) new events respectively \(the annex lists them\)\.", shared[0]
    )
    numbers, counts = ([int(x) for x in re.findall(r"\d+", g)] for g in m.groups())
    assert len(numbers) == len(counts) and {a, b} <= set(numbers)
    count = dict(zip(numbers, counts))
    assert count[a] >= len(basis[a]) and count[b] >= len(basis[b])  # each its own, not one total


def test_judgments_that_moved_come_in_the_order_every_page_numbers_them():
    """The diff lists moved judgments as data/judgments.yaml orders them, not by id: the notice numbers
    them and names only the first few (CI once cut key judgment 1 because its id sorted last)."""
    ev = evidence.load()
    first, second = ev.judgments["id"][:2]
    assert first > second  # ids out of file order: the case sorting by id gets wrong
    old = editions.Manifest.model_validate(editions.manifest(ev, ev.as_of))
    moved_ev = evidence.Evidence(
        {
            **{t: getattr(ev, t) for t in schema.TABLES},
            "judgments": ev.judgments.assign(
                likelihood=[
                    "remote chance" if i in (first, second) else x
                    for i, x in zip(ev.judgments["id"], ev.judgments["likelihood"])
                ]
            ),
        },
        ev.data_dir,
        ev.edition,
    )
    assert [m.id for m in editions.diff(old, moved_ev).moved] == [first, second]


def test_a_moved_likelihood_is_named_on_the_page_before_a_moved_confidence(monkeypatch):
    """The page names MAX_MOVED moved judgments: one whose likelihood moved is never the one sent to the
    annex while a judgment whose confidence alone moved is named (review 30: key judgment 4's move was)."""
    ev = evidence.load()
    ids = list(ev.judgments["id"])
    old = editions.Manifest.model_validate(editions.manifest(ev, ev.as_of))
    confidence = {"low": "high", "moderate": "high", "high": "low"}
    moved_ev = evidence.Evidence(
        {
            **{t: getattr(ev, t) for t in schema.TABLES},
            "judgments": ev.judgments.assign(
                confidence=[confidence[c] if i in ids[:2] else c for i, c in zip(ids, ev.judgments["confidence"])],
                likelihood=["remote chance" if i == ids[3] else x for i, x in zip(ids, ev.judgments["likelihood"])],
            ),
        },
        ev.data_dir,
        ev.edition,
    )
    changes = editions.diff(old, moved_ev)
    assert [m.id for m in changes.moved] == [ids[0], ids[1], ids[3]]
    monkeypatch.setattr(whatschanged, "MAX_MOVED", 2)
    md = whatschanged.notice_markdown(moved_ev, changes)
    named = re.findall(r"\*Key judgment (\d)\*", md.split("**Key judgments that moved.**")[1].split("\n\n**")[0])
    # the one left over is still named, with what moved (review 34: a dropped confidence was hidden)
    assert named == ["4", "1"] and "Also moved: key judgment 2 (confidence); the annex says why." in md
    real_changes = editions.since_latest(ev)
    monkeypatch.setattr(whatschanged, "MAX_MOVED", len(real_changes.moved) - 1)  # the last moved one left over
    real = whatschanged.notice_markdown(ev, real_changes)
    also = real.split("Also moved:", 1)[1].split("\n", 1)[0]
    # review 35: KJ2's claim too; review 47: its attack-talk indicator, observed in the last edition, now needs a pace
    assert also.endswith("(confidence; claim, indicators revised); the annex says why.")


def test_the_notice_counts_other_topics_apart_from_events_in_no_topic():
    """Review 39: "7 other topics" counted the events in no topic as a seventh."""
    ev = evidence.load()
    changes = editions.check(ev)
    groups = whatschanged.new_events_by_topic(ev, changes)
    titles = [t for t, _ in groups]
    topic_titles = set(ev.topics["title"])
    hidden = [t for t in titles[whatschanged.MAX_TOPICS :] if t in topic_titles]
    notice = whatschanged.notice_markdown(ev, changes)
    line = next(x for x in notice.splitlines() if "New events by topic" in x)
    if hidden:
        assert f"; {len(hidden)} other topic{'s' * (len(hidden) != 1)}" in line, line
    if whatschanged.NO_TOPIC in titles[whatschanged.MAX_TOPICS :]:
        n = len(dict(groups)[whatschanged.NO_TOPIC])
        assert f"; {n} event{'s' * (n != 1)} in no topic" in line, line
    assert len(hidden) >= 1  # the real diff today has topics past the first few


def test_the_annex_names_the_key_judgments_each_new_event_bears_on():
    """Review 39: the notice sends "4 more" of a judgment's new events to the annex, whose table of new
    events did not say which judgment each bore on. Each judgment's count is its rows in that column."""
    ev = evidence.load()
    changes = editions.check(ev)
    annex = whatschanged.annex_markdown(ev, changes)
    table = annex.split("| Date | Event | KJ | Topics |", 1)[1].split("\n\n", 1)[0]
    rows = [[c.strip() for c in line.strip("|").split("|")] for line in table.splitlines()[2:] if line.startswith("|")]
    assert len(rows) == len(changes.new("events"))
    touched = whatschanged.judgments_touched(ev, changes)
    assert touched
    for n, rate, cited in touched:
        assert sum(str(n) in r[2].split(", ") for r in rows) == len(rate | cited), n
    assert any(r[2] == "–" for r in rows)  # events that bear on no judgment say so


def test_a_new_foiled_plot_reaches_key_judgment_1_whose_chance_sizes_every_plot():
    """Key judgment 1's chance counts every foiled plot, sized by the people held: a plot added since the
    last edition bears on it, and the notice must not file it among events that reach no judgment."""
    ev = evidence.load()
    changes = editions.check(ev)
    new_plots = set(judgments.group_sizes(ev)) & set(changes.new("events"))
    assert "vbied-plot-yemeni-arrests-2017" in new_plots  # one added in this edition, so the check bites
    kj1 = ev.judgment_numbers()[judgments.SMALL_CELLS]
    touched = {n: rate | cited for n, rate, cited in whatschanged.judgments_touched(ev, changes)}
    assert new_plots <= touched[kj1]
    # key judgment 2's table counts our plots and its argument our arrest operations against the police's
    kj2 = ev.judgment_numbers()["kj-attack-before-2029"]
    assert new_plots | {"gagak-hitam-cell-arrests-2016"} <= touched[kj2]


def test_the_brief_names_every_judgment_that_moved_with_its_terms():
    """Review 44: a briefer holding the last edition's brief must learn there which judgments moved."""
    ev = evidence.load()
    changes = editions.check(ev)
    line = whatschanged.moved_brief(ev, changes)
    # the last edition had the same cut-off, so the moves are a re-assessment, not news (review 60)
    assert str(changes.since.cutoff) == str(ev.as_of)
    assert line.startswith(f"Re-assessed since edition {changes.since.edition} (same cut-off): ")
    older = changes.since.model_copy(update={"cutoff": datetime.date(2025, 12, 31)})
    earlier_cutoff = whatschanged.moved_brief(ev, types.SimpleNamespace(moved=changes.moved, since=older))
    assert earlier_cutoff.startswith(f"Moved since edition {changes.since.edition}: ")
    number = ev.judgment_numbers()
    for m in changes.moved:
        assert f"KJ {number[m.id]} " in line
        if m.likelihood[0] != m.likelihood[1]:
            assert f"{m.likelihood[0]} → {m.likelihood[1]}" in line
        if m.confidence[0] != m.confidence[1]:
            assert f"confidence {m.confidence[0]} → {m.confidence[1]}" in line
    assert len(changes.moved) >= 1  # the real diff has moved judgments, so the loop checks something
    assert whatschanged.moved_brief(ev, None) == ""
    # the summary's form names the judgments only, in number order (review 70)
    numbers = sorted(number[m.id] for m in changes.moved)
    terse = whatschanged.moved_brief(ev, changes, terse=True)
    assert (
        terse.startswith(f"KJ {numbers[0]}")
        and f"re-assessed since edition {changes.since.edition} (same cut-off)." in terse
    )
    assert all(str(n) in terse for n in numbers) and "→" not in terse
    moved = whatschanged.moved_brief(ev, types.SimpleNamespace(moved=changes.moved, since=older), terse=True)
    assert moved.endswith(f"moved since edition {changes.since.edition}.")
    # review 92: a claim or time frame reworded is named too, with a new time frame's date; review 93: a judgment
    # that moved may have been reworded as well
    reworded = [
        c for c in changes.corrected if c.table == "judgments" and {"statement", "headline", "horizon"} & set(c.fields)
    ]
    assert {c.id for c in reworded} & {m.id for m in changes.moved}  # key judgment 2 moved and was reworded
    said = line.split("Claims reworded: KJ ")[1].split(";")[0].rstrip(".")
    named = set()
    for part in said.replace(" and ", ", ").split(", "):
        first, _, last = part.partition("–")
        named |= set(range(int(first), int(last or first) + 1))
    assert named == {number[c.id] for c in reworded}
    assert f"Claims reworded: KJ {said}." in terse and "now to" not in terse
    assert "; KJ 5 now to 31 December 2029." in line  # edition 2026-1 ran key judgment 5 to the end of 2028


def test_a_judgment_s_new_evidence_is_named_in_the_order_of_its_basis():
    """Review 51: the notice named, as key judgment 6's new evidence, a meeting the chapter discounts, because
    acts came before statements; it names first the new record the judgment's basis lists first, the
    analyst's order of weight, and falls back to the summary's order for records outside the basis."""
    ev = evidence.load()
    since = editions.Manifest.model_validate(editions.manifest(ev, ev.as_of))
    n, j = next((n, j) for n, j in enumerate(ev.judgments.itertuples(), 1) if j.id == "kj-eastern-sabah-kidnapping")
    events = ev.events.set_index("id")
    # an act the base rate does not count (so cited, not in its base rate), which the summary's order names first
    meeting = next(i for i in j.basis if events.loc[i, "kind"] not in ("statement", "incident"))
    statement = next(i for i in j.basis if events.loc[i, "kind"] == "statement" and "key" not in events.loc[i, "tags"])
    assert list(j.basis).index(statement) < list(j.basis).index(meeting)  # the basis puts the statement first
    changes = editions.Changes(since=since, added={"events": (meeting, statement)})
    _, lines = whatschanged.new_events_by_judgment(ev, changes)
    line = next(x for x in lines if x.startswith(f"- *Key judgment {n}*"))
    title = events.loc[statement, "title"]
    assert title[:30] in line and events.loc[meeting, "title"][:30] not in line, line


def test_the_series_values_table_and_its_note_account_for_every_counted_value():
    """Review 58: the totals said 32 series values changed while the annex's table listed 28; rows whose
    note or unit alone was corrected are counted, so the annex says how many it does not list."""
    ev = evidence.load()
    changes = editions.check(ev)
    c = whatschanged.counts(changes)
    md = whatschanged.annex_markdown(ev, changes)
    table = md.split("## Series values", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in table.splitlines() if line.startswith("| ") and not line.startswith("| Series")]
    m = re.search(r"Not listed: (\d+) revised rows?", table)
    unlisted = int(m[1]) if m else 0
    assert unlisted > 0  # the real data have such rows, so the note is exercised
    assert len(rows) + unlisted == c["values_added"] + c["values_revised"] + c["values_removed"]
