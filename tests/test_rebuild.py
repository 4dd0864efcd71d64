"""Refresh without staleness: a data edit re-executes exactly the notebooks that read the file and
changes what depends on it; a Markdown edit re-executes nothing; a failed build keeps the last
good book; two cold builds are identical."""
from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from analysis.build.isolated import copy_project, run_build


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
    row = next(i for i, l in enumerate(lines) if l.startswith("terror-arrests,2019,"))
    parts = lines[row].split(",")
    parts[2] = str(int(float(parts[2])) + 40)
    lines[row] = ",".join(parts)
    csv.write_text("\n".join(lines) + "\n")
    result = run_build(rebuilt)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert executed(rebuilt) == {"threat-landscape", "methods"}
    new_images = images(page)
    assert new_images[0] == old_images[0]          # T1 does not read indicators: same bytes
    assert new_images[1] != old_images[1]          # T4 does: new bytes
    assert f"{int(parts[2])}" in page.read_text(encoding="utf-8")  # the value, in the series table


def test_event_edit_changes_the_glued_count(rebuilt):
    n_before = re.search(r"holds (\d+) dated events", _text(rebuilt / "_build" / "html" / "book" / "index.html"))[1]
    events = rebuilt / "data" / "events.yaml"
    events.write_text(events.read_text() + """
- id: test-added-event
  date: '2025-06'
  kind: statement
  title: A test event
  summary: Added by the refresh test.
  sources: [seed-002-malaymail-aisse-2025]
  confidence: low
""")
    result = run_build(rebuilt)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "index" in executed(rebuilt) and "threat-landscape" in executed(rebuilt)
    n_after = re.search(r"holds (\d+) dated events", _text(rebuilt / "_build" / "html" / "book" / "index.html"))[1]
    assert int(n_after) == int(n_before) + 1


def test_markdown_only_edit_reexecutes_nothing(rebuilt):
    page = rebuilt / "book" / "nato.md"
    page.write_text(page.read_text().replace("The record\nanswers the question directly.",
                                             "The record\nanswers the question directly, and this sentence is new."))
    result = run_build(rebuilt)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert executed(rebuilt) == set()
    assert "this sentence is new" in _text(rebuilt / "_build" / "html" / "book" / "nato.html")


def test_new_lock_file_reexecutes_everything(rebuilt):
    req = rebuilt / "requirements.txt"
    req.write_text(req.read_text() + "\n# lock refreshed\n")
    result = run_build(rebuilt)
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


def test_two_cold_builds_are_identical(built_book, tmp_path):
    other = copy_project(tmp_path / "again")
    result = run_build(other)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    a = {p.name: _sha(p) for p in (built_book / "_build" / "html" / "_images").glob("*.svg")}
    b = {p.name: _sha(p) for p in (other / "_build" / "html" / "_images").glob("*.svg")}
    assert a == b and len(a) >= 8
    if shutil.which("pdftotext"):
        texts = [subprocess.run(["pdftotext", str(p / "_build" / "pdf" / "report.pdf"), "-"], capture_output=True,
                                text=True, check=True).stdout for p in (built_book, other)]
        assert texts[0] == texts[1]


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _text(page: Path) -> str:
    import html
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", page.read_text(encoding="utf-8"))).split())
