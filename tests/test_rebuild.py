"""Refresh without staleness: a data edit re-executes exactly the notebooks that read the file and
changes what depends on it; a Markdown edit re-executes nothing; a failed build keeps the last
good book; two cold builds are identical."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pdftext import page_texts
from pypdf import PdfReader

from publish.isolated import copy_project, run_build


def published(project: Path) -> dict:
    return json.loads((project / "_build" / ".published.json").read_text())


def executed(project: Path) -> set[str]:
    return {n for n, r in published(project)["notebooks"].items() if r["executed"]}


def images(page: Path) -> list[str]:
    return re.findall(r'src="[./]*_images/([0-9a-f]+\.svg)"', page.read_text(encoding="utf-8"))


@pytest.fixture()
def rebuilt(built_book, tmp_path) -> Path:
    """A writable copy of the built project, caches and published book included."""
    target = tmp_path / "project"
    shutil.copytree(built_book, target, symlinks=True)
    return target


def test_noop_rebuild_does_nothing(rebuilt):
    before = (rebuilt / "_build" / "pdf" / "report.pdf").stat().st_mtime_ns
    result = run_build(rebuilt)
    assert result.returncode == 0, result.stderr
    assert "nothing changed" in result.stdout
    assert (rebuilt / "_build" / "pdf" / "report.pdf").stat().st_mtime_ns == before


def test_indicator_edit_reexecutes_exactly_its_readers_and_changes_the_figure(rebuilt):
    page = rebuilt / "_build" / "html" / "book" / "threat-landscape.html"
    old_images = images(page)
    csv = rebuilt / "data" / "indicators.csv"
    lines = csv.read_text().splitlines()
    row = next(i for i, line in enumerate(lines) if line.startswith("terror-arrests,2019,"))
    parts = lines[row].split(",")
    parts[2] = str(int(float(parts[2])) + 40)
    lines[row] = ",".join(parts)
    csv.write_text("\n".join(lines) + "\n")
    pages_before = chapter_pages(rebuilt)
    result = run_build(rebuilt, "--site-only")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    ran = published(rebuilt)["notebooks"]
    redone = executed(rebuilt)
    assert {"threat-landscape", "methods"} <= redone
    # exactly the readers of indicators.csv: every notebook that ran again says so, the others did not run
    assert all("data/indicators.csv" in ran[n]["reason"] for n in redone), {n: ran[n]["reason"] for n in redone}
    assert {"chronology", "whos-who", "glossary", "architecture"}.isdisjoint(redone)
    changed = {n for n, h in chapter_pages(rebuilt).items() if pages_before[n] != h}
    assert "threat-landscape" in changed
    new_images = images(page)
    assert new_images[0] == old_images[0]  # T1 does not read indicators: same bytes
    assert new_images[1] != old_images[1]  # T4 does: new bytes
    assert f"{int(parts[2])}" in page.read_text(encoding="utf-8")  # the value, in the series table


def _append_event(project: Path, eid: str, kind: str, title: str, tags: str | None = None) -> None:
    """Add a minimal, valid event dated June 2025 to the project's events.yaml."""
    events = project / "data" / "events.yaml"
    record = (
        f"\n- id: {eid}\n  date: '2025-06'\n  kind: {kind}\n  title: {title}\n"
        "  summary: Added by the refresh test.\n  sources: [seed-002-malaymail-aisse-2025]\n  confidence: low\n"
    )
    events.write_text(events.read_text() + record + (f"  tags: {tags}\n" if tags else ""))


def test_event_edit_changes_the_glued_count(rebuilt):
    n_before = re.search(r"holds (\d+) dated events", _text(rebuilt / "_build" / "html" / "book" / "index.html"))[1]
    pdf_before = _sha(rebuilt / "_build" / "pdf" / "report.pdf")
    _append_event(rebuilt, "test-added-event", "statement", "A test event")
    result = run_build(rebuilt, "--site-only")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    # --site-only leaves the last PDF and a stamp that no build can take for current
    assert _sha(rebuilt / "_build" / "pdf" / "report.pdf") == pdf_before
    assert published(rebuilt)["fingerprint"] is None and "site-only" in result.stdout
    assert "index" in executed(rebuilt) and "threat-landscape" in executed(rebuilt)
    assert "whos-who" not in executed(rebuilt)  # it shows only the as-of date, which did not move
    n_after = re.search(r"holds (\d+) dated events", _text(rebuilt / "_build" / "html" / "book" / "index.html"))[1]
    assert int(n_after) == int(n_before) + 1


def test_edits_reach_every_page_that_shows_them_and_freezing_clears_the_notice(rebuilt):
    """Edits that reach pages beyond their own, made together (one full build, several checks):
    - Data edited after the edition was frozen (a new event, a moved judgment): the notice lists what
      moved and what is new, and stays one printed page.
    - 'Data as of' is the information cut-off in data/edition.yaml: moving it re-runs the notebooks
      that show the date, even those that read no file that changed, and reaches the PDF.
    - A title shows in every page's navigation: every page shows the new one, none is left stale,
      and the PDF's contents list it.
    Then freezing the next edition re-runs exactly the pages that show editions, and the notice is
    clear again."""
    index = rebuilt / "_build" / "html" / "book" / "index.html"
    new_events_before, moved_before = _new_events(_text(index)), _moved(_text(index))
    # tagged so that key judgment 1's indicator matches it: the notice names new evidence by judgment
    _append_event(
        rebuilt,
        "test-edition-event",
        "arrests",
        "A test arrest for the edition notice",
        "[islamic-state, directed-remotely]",
    )
    judgments = rebuilt / "data" / "judgments.yaml"
    text = judgments.read_text()
    # the first judgment without a change note of its own (a record takes one note)
    blocks = [b for b in re.finditer(r"(?ms)^- id: .*?(?=^- id: |\Z)", text) if "\n  change_note:" not in b[0]]
    m = re.compile(r"(?m)^  likelihood: (.+)$").search(text, blocks[0].start())
    term = "remote chance" if m[1] != "remote chance" else "almost certain"
    note = "A test moved this judgment."
    judgments.write_text(text[: m.start()] + f"  likelihood: {term}\n  change_note: {note}" + text[m.end() :])
    edition = rebuilt / "data" / "edition.yaml"
    frozen_cutoff = edition.read_text()
    moved_cutoff = re.sub(r"(?m)^cutoff: .*$", "cutoff: 2026-04-30", frozen_cutoff)
    assert moved_cutoff != frozen_cutoff
    edition.write_text(moved_cutoff)
    # a new cut-off brings other events into the twelve months: the readings must be redone (the build
    # refuses readings written for another cut-off, tested in test_validation); here, as if re-read
    old_cutoff = re.search(r"(?m)^cutoff: (.*)$", frozen_cutoff)[1]
    readings = judgments.read_text()
    assert f"    cutoff: {old_cutoff}\n" in readings
    judgments.write_text(readings.replace(f"    cutoff: {old_cutoff}\n", "    cutoff: 2026-04-30\n"))
    page = rebuilt / "book" / "nato.md"
    before = page.read_text()
    page.write_text(before.replace("# Malaysia and NATO\n", "# Malaysia and the Atlantic alliance\n", 1))
    assert "# Malaysia and the Atlantic alliance\n" in page.read_text()  # the edit took effect
    result = run_build(rebuilt)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    # the cut-off and the title, on every page that shows them
    assert published(rebuilt)["notebooks"]["whos-who"]["reason"].startswith("the as-of date changed")
    assert "30 April 2026" in _text(rebuilt / "_build" / "html" / "book" / "whos-who.html")
    assert "data as of 30 April 2026" in pdf_text(rebuilt)
    for other in (rebuilt / "_build" / "html" / "book").glob("*.html"):
        assert "Malaysia and the Atlantic alliance" in _text(other), other.name
    contents = "".join(PdfReader(rebuilt / "_build" / "pdf" / "report.pdf").pages[i].extract_text() for i in (1, 2))
    assert "Malaysia and the Atlantic alliance" in contents
    # the notice
    assert {"whats-changed", "annex-changes", "index"} <= executed(rebuilt)
    page = _text(rebuilt / "_build" / "html" / "book" / "whats-changed.html")
    from analysis.whatschanged import MAX_MOVED

    if len(blocks) < len(re.findall(r"(?m)^- id: ", text)) - MAX_MOVED + 1:
        # the one-page notice gives MAX_MOVED moved judgments in full, names the rest, and sends why to the annex
        assert "Also moved:" in page and "the annex says why" in page
        annex = _text(rebuilt / "_build" / "html" / "book" / "annex-changes.html")
        assert f"{m[1]} → {term}" in annex and note in annex  # the annex's table of moved judgments
    else:
        assert f"Likelihood {m[1]} → {term}" in page and note in page
    # after any plots of the edition that key judgment 1 sizes ("7 new records of 2016–2018 in its base rate; "), the
    # new arrest is named, or, when a new record of the judgment's basis comes first (the notice names evidence
    # in basis order), counted among those the annex lists; the annex lists it under key judgment 1
    line = re.search(
        r"Key judgment 1: (\d+ new records? of [\d–]+ in its base rate; )?new evidence: (.*?)(?=Key judgment|The other)",
        page,
    )
    assert line, page[:3000]
    assert "A test arrest for the edition notice (June 2025)" in line[2] or re.search(
        r"\d+ more in the annex", line[2]
    ), line[0]
    annex = _text(rebuilt / "_build" / "html" / "book" / "annex-changes.html")
    assert re.search(r"June 2025 A test arrest for the edition notice 1\b", annex), annex[:3000]
    # corrections made since the last freeze stay listed; the test's own edits add to them
    notice = _text(index)
    assert "changed since edition" in notice and _moved(notice) == moved_before + 1, notice[:2000]
    assert _new_events(notice) == new_events_before + 1
    reader = PdfReader(rebuilt / "_build" / "pdf" / "report.pdf")
    top = [(o.title, reader.get_destination_page_number(o)) for o in reader.outline if not isinstance(o, list)]
    i = [t for t, _ in top].index("What changed since the last edition")
    assert top[i + 1][1] - top[i][1] == 1  # still one printed page
    # freeze the next edition: only the pages that read data/editions/ run again
    edition = rebuilt / "data" / "edition.yaml"
    old_id = re.search(r"(?m)^edition: (\d{4})-(\d+)$", edition.read_text())
    new_id = f"{old_id[1]}-{int(old_id[2]) + 1}"
    edition.write_text(edition.read_text().replace(old_id[0], f"edition: {new_id}"))
    env = dict(os.environ, CT_REPORT_ROOT=str(rebuilt), PYTHONPATH=str(rebuilt))
    frozen = subprocess.run(
        [sys.executable, "-m", "publish.edition"], cwd=rebuilt, env=env, capture_output=True, text=True
    )
    assert frozen.returncode == 0 and f"froze edition {new_id}" in frozen.stdout, frozen.stderr
    result = run_build(rebuilt, "--site-only")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    # the brief and the executive summary too: they name the judgments that moved since the last edition
    # (reviews 44 and 55), now none; and the threat chapter, which reads the edition file for its
    # publication date (review 45)
    assert executed(rebuilt) == {
        *("whats-changed", "annex-changes", "index", "methods", "brief", "threat-landscape", "executive-summary")
    }
    summary = _text(rebuilt / "_build" / "html" / "book" / "executive-summary.html")
    assert f"No key judgment moved since edition {new_id}." in summary
    assert f"No key judgment moved since edition {new_id}." in _text(
        rebuilt / "_build" / "html" / "book" / "brief.html"
    )
    assert f"No changes since edition {new_id} (frozen on" in _text(
        rebuilt / "_build" / "html" / "book" / "whats-changed.html"
    )


def _moved(landing: str) -> int:
    """The landing notice's count of key judgments that moved ('1 key judgment moved'), 0 when it names none."""
    m = re.search(r"(\d+) key judgments? moved", landing)
    return int(m[1]) if m else 0


def _new_events(landing: str) -> int:
    """The landing notice's count of new events ('3 new events'), 0 when it names none."""
    m = re.search(r"(\d+) new events?\b", landing)
    return int(m[1]) if m else 0


def test_an_incremental_rebuild_equals_a_fresh_build(rebuilt, tmp_path):
    """The notebook cache (kernels reused, as-of date recorded by value) gives exactly what a build
    from nothing gives. The site is compared, not the PDF: the PDF has no cache of its own and is laid
    out afresh from the site's pages on every build, and test_two_cold_builds_are_identical shows the
    same pages give the same PDF, so equal sites mean equal PDFs."""
    csv = rebuilt / "data" / "indicators.csv"
    csv.write_text(csv.read_text().replace("\nterror-arrests,2019,72,", "\nterror-arrests,2019,75,", 1))
    assert "\nterror-arrests,2019,75," in csv.read_text()  # the edit took effect
    events = rebuilt / "data" / "events.yaml"
    events.write_text(events.read_text().replace("title: ", "title: Edited-by-test ", 1))
    assert run_build(rebuilt, "--site-only").returncode == 0
    fresh = copy_project(tmp_path / "fresh", source=rebuilt)  # sources only: no _build, no caches
    result = run_build(fresh, "--site-only")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert chapter_pages(rebuilt) == chapter_pages(fresh)
    svgs = [{p.name: _sha(p) for p in (d / "_build" / "html" / "_images").glob("*.svg")} for d in (rebuilt, fresh)]
    assert svgs[0] == svgs[1]
    assert any("Edited-by-test " in _text(p) for p in (rebuilt / "_build" / "html" / "book").glob("*.html"))


def test_new_lock_file_reexecutes_everything(rebuilt):
    req = rebuilt / "requirements.txt"
    req.write_text(req.read_text() + "\n# lock refreshed\n")
    result = run_build(rebuilt, "--site-only")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert executed(rebuilt) == set(published(rebuilt)["notebooks"])


def test_bad_data_fails_clearly_and_keeps_the_last_good_book(rebuilt):
    index = rebuilt / "_build" / "html" / "book" / "index.html"
    pdf = rebuilt / "_build" / "pdf" / "report.pdf"
    before = (_sha(index), _sha(pdf))
    events = rebuilt / "data" / "events.yaml"
    text = events.read_text()
    events.write_text(text.replace("date: '2016-06-28'", "date: '2016-13-28'", 1))
    line = text[: text.index("date: '2016-06-28'")].count("\n") + 1
    result = run_build(rebuilt)
    assert result.returncode != 0
    assert f"data/events.yaml:{line}: record 'movida" in result.stdout + result.stderr
    assert "FAILED" in result.stderr.splitlines()[-1]
    assert (_sha(index), _sha(pdf)) == before


def test_a_markdown_edit_reexecutes_nothing_and_a_pdf_failure_keeps_the_last_good_pdf(rebuilt):
    """A Markdown-only edit re-executes no notebook and changes only its own page. The site goes live
    before the PDF is made; a PDF that cannot be made leaves the last good one, which the new site still
    links, the build fails with a one-line reason, and no build may take the book for current until the
    PDF is made (undoing the edit must not leave the edited site published). That a Markdown edit
    reaches the PDF is shown by the chapter-title edit of test_a_new_cut_off_and_a_new_chapter_title..."""
    pdf = rebuilt / "_build" / "pdf" / "report.pdf"
    before = _sha(pdf)
    pages_before = chapter_pages(rebuilt)
    page = rebuilt / "book" / "nato.md"
    text = page.read_text()
    page.write_text(text + "\nA sentence added by the PDF-failure test.\n")  # a marker of the test's own
    assert "A sentence added by the PDF-failure test." not in text
    css = rebuilt / "book" / "_static" / "print.css"
    css.write_text(css.read_text() + "\nh1 { colour: red; }\n")  # a typo WeasyPrint reports: fatal
    result = run_build(rebuilt)
    assert result.returncode != 0
    last = result.stderr.strip().splitlines()[-1]
    assert "FAILED" in last and "colour" in last, last
    assert "A sentence added by the PDF-failure test." in _text(rebuilt / "_build" / "html" / "book" / "nato.html")
    assert _sha(pdf) == before == _sha(rebuilt / "_build" / "html" / "report.pdf")
    assert executed(rebuilt) == set()
    assert {n for n, h in chapter_pages(rebuilt).items() if pages_before[n] != h} == {"nato"}
    assert published(rebuilt)["fingerprint"] is None  # the next build is not a no-op


def test_a_broken_reference_fails_the_build_and_is_reported_again_until_fixed(rebuilt):
    """A warning fails every build until it is fixed."""
    page = rebuilt / "book" / "nato.md"
    good = page.read_text()
    page.write_text(good.replace("{numref}`tab-nato-ties`", "{numref}`tab-nato-tie`", 1))
    for _ in range(2):  # the second run must fail the same way, not pass on a half-updated environment
        result = run_build(rebuilt, "--site-only")
        assert result.returncode != 0 and "tab-nato-tie" in result.stderr, result.stderr[-2000:]
    page.write_text(good)
    result = run_build(rebuilt, "--site-only")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


def test_a_build_error_names_the_line_the_maintainer_wrote(rebuilt):
    """Sphinx reads the executed copy of a chapter; its warnings name book/X.md and the line there
    (a misspelt glue key, with the key the chapter does glue), never the copy under _build."""
    page = rebuilt / "book" / "nato.md"
    bad = page.read_text().replace("{glue:text}`fpda_members`", "{glue:text}`fpda_membres`", 1)
    bad = bad.replace("{numref}`tab-nato-ties`", "{numref}`tab-nato-tie`", 1)
    bad = bad.replace("\n## What we assess\n", "\n#### What we assess\n", 1)  # a heading level skipped
    page.write_text(bad)
    lines = bad.splitlines()
    glue, label, heading = (
        next(i for i, t in enumerate(lines, 1) if needle in t)
        for needle in ("`fpda_membres`", "`tab-nato-tie`", "#### What we assess")
    )
    assert lines[glue - 2].strip()  # the key is not on the first line of its paragraph, which Sphinx names
    result = run_build(rebuilt, "--site-only")
    assert result.returncode != 0
    said = result.stdout + result.stderr
    assert f"book/nato.md:{glue}: WARNING: No key 'fpda_membres' " in result.stderr, result.stderr[-3000:]
    assert "Did you mean 'fpda_members'?" in result.stderr
    assert f"book/nato.md:{label}: WARNING: undefined label: 'tab-nato-tie'" in result.stderr
    assert f"book/nato.md:{heading}: WARNING: Non-consecutive header level increase" in result.stderr
    assert ".ipynb" not in said and "_build" not in said, said[-3000:]


def test_a_chapter_made_from_the_template_builds(rebuilt):
    """CONTRIBUTING.md's recipe: copy book/_template/chapter.md, list it in _toc.yml, build."""
    from analysis import evidence

    shutil.copy(rebuilt / "book" / "_template" / "chapter.md", rebuilt / "book" / "new-topic.md")
    toc = rebuilt / "_toc.yml"
    toc.write_text(
        toc.read_text().replace(
            "      - file: book/key-sources\n", "      - file: book/key-sources\n      - file: book/new-topic\n"
        )
    )
    result = run_build(rebuilt, "--site-only")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert executed(rebuilt) == {"new-topic"}
    page = _text(rebuilt / "_build" / "html" / "book" / "new-topic.html")
    n_laws = int((evidence.load(rebuilt / "data").events["kind"] == "law").sum())
    assert f"our data hold {n_laws} events of the kind law" in page
    assert re.search(r"Figure \d+ shows which laws were in force", page)


def test_two_cold_builds_are_identical(built_book, second_cold_build):
    other = second_cold_build
    a = {p.name: _sha(p) for p in (built_book / "_build" / "html" / "_images").glob("*.svg")}
    b = {p.name: _sha(p) for p in (other / "_build" / "html" / "_images").glob("*.svg")}
    assert a == b and len(a) >= 8
    texts = [page_texts(p / "_build" / "pdf" / "report.pdf") for p in (built_book, other)]
    assert texts[0] == texts[1] and len(texts[0]) > 45


def pdf_text(project: Path) -> str:
    return " ".join(" ".join(page_texts(project / "_build" / "pdf" / "report.pdf")).split())


def chapter_pages(project: Path) -> dict[str, str]:
    return {p.stem: _sha(p) for p in (project / "_build" / "html" / "book").glob("*.html")}


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _text(page: Path) -> str:
    import html

    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", page.read_text(encoding="utf-8"))).split())
