"""`make serve`, tried as a maintainer would, on a copy of the built project: a real browser keeps a
chapter open while its prose and then the data are edited, and sees each change without reloading
by hand; a broken data file shows its file:line message over the last good site, and fixing it
brings the page back; Ctrl-C stops the server and everything it started."""

from __future__ import annotations

import http.server
import shutil
import threading
import time
import urllib.request
import uuid
from functools import partial
from pathlib import Path

import pytest

from publish import serve
from publish.isolated import Served
from publish.localserver import CHROMIUM, CHROMIUM_FLAGS

needs_chromium = pytest.mark.skipif(
    not Path(CHROMIUM).exists(),
    reason="Debian's Chromium is missing: run `make tools` (as root) or apt-get install chromium",
)
EVENT = "nato-lists-malaysia-non-partner-consultation"  # shown in the NATO chapter's table of events


def _get(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=10) as r:
        return r.status, r.read().decode()


def _processes_of(project: Path) -> list[str]:
    """Processes still running with the copy as their project (the worker, the PDFs, kernels)."""
    mark = f"CT_REPORT_ROOT={project}\0".encode()
    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            if mark in (proc / "environ").read_bytes():
                command = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode()
                found.append(f"{proc.name}: {command[:120]}")
        except OSError:  # gone meanwhile, or not ours
            pass
    return found


@pytest.fixture()
def project(built_book, tmp_path) -> Path:
    target = tmp_path / "project"
    shutil.copytree(built_book, target, symlinks=True)
    return target


@needs_chromium
@pytest.mark.browser
def test_serve_reloads_edits_shows_a_broken_file_and_stops_cleanly(project):
    from playwright.sync_api import expect, sync_playwright

    prose, fact = f"Prose edited under serve {uuid.uuid4().hex[:8]}.", f"Serve{uuid.uuid4().hex[:6]}"
    chapter, events = project / "book" / "nato.md", project / "data" / "events.yaml"
    good = events.read_text(encoding="utf-8")
    lines = good.splitlines(keepends=True)
    date_line = lines.index(f"- id: {EVENT}\n") + 1  # 0-based index of its date: line date_line + 1
    assert lines[date_line].startswith("  date: '")
    served = Served(project)
    try:
        assert served.wait_idle(300)["error"] is None, served.output()
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            page = browser.new_page()
            loads = []
            page.goto(f"{served.url}/book/nato.html")
            page.on("load", lambda: loads.append(time.time()))
            banner = page.locator("#serve-error")
            expect(banner).to_be_hidden()

            chapter.write_text(chapter.read_text(encoding="utf-8") + f"\n{prose}\n", encoding="utf-8")
            expect(page.get_by_text(prose)).to_be_visible(timeout=60_000)
            # the new text can show before the reloaded page fires 'load': wait for it, then ask
            page.wait_for_load_state("load")
            assert loads, "the page changed without reloading?"

            broken = lines.copy()
            broken[date_line] = broken[date_line].replace("-05-19", "-13-19")
            events.write_text("".join(broken), encoding="utf-8")
            expect(banner).to_be_visible(timeout=60_000)
            expect(banner).to_contain_text(f"data/events.yaml:{date_line + 1}: record '{EVENT}': date:")
            expect(page.get_by_text(prose)).to_be_visible()  # the last good site, still on the page
            status, body = _get(f"{served.url}/book/nato.html")  # and still served
            assert status == 200 and prose in body

            events.write_text(good.replace("title: NATO lists Malaysia", f"title: {fact} NATO lists Malaysia"))
            expect(page.get_by_text(fact).first).to_be_visible(timeout=240_000)
            expect(banner).to_be_hidden()
            browser.close()
        published = (project / "_build" / "html" / "book" / "nato.html").read_text(encoding="utf-8")
        assert fact in published and prose in published
        assert "__serve/status" not in published  # the reload script is added as pages are sent, not to the files
    finally:
        code = served.stop()
    assert code == 0, served.output()[-3000:]
    assert served.output().rstrip().endswith("[serve] stopped"), served.output()[-3000:]
    end = time.time() + 15  # kernels notice their parent has gone within a second or two
    while _processes_of(project) and time.time() < end:
        time.sleep(0.5)
    assert not _processes_of(project)
    assert not (project / "_build" / ".serve").exists()  # its working folder goes with it


def test_pages_are_sent_with_the_reload_script_and_other_files_as_they_are(tmp_path, monkeypatch):
    (tmp_path / "index.html").write_text("<html><body><p>Hello</p></body></html>")
    (tmp_path / "style.css").write_text("body { color: black; }")
    state = serve.State(build=7, error="data/events.yaml:3: record 'x': date: bad", busy=False)
    monkeypatch.setattr(serve, "SITE", tmp_path)
    handler = type("H", (serve.Handler,), {"state": state})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(tmp_path)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        _, page = _get(f"{base}/")
        assert page.startswith("<html><body><p>Hello</p><script>") and page.endswith("</script></body></html>")
        assert "const build = 7;" in page
        assert _get(f"{base}/style.css")[1] == "body { color: black; }"
        assert (tmp_path / "index.html").read_text() == "<html><body><p>Hello</p></body></html>"
        assert _get(f"{base}/__serve/status")[1] == (
            '{"build": 7, "error": "data/events.yaml:3: record \'x\': date: bad", "busy": false, "pdf": false}'
        )
    finally:
        server.shutdown()
        server.server_close()


def test_the_watcher_sees_edits_but_not_editors_scratch_files(tmp_path, monkeypatch):
    for d in ("data", "book", "analysis"):
        (tmp_path / d).mkdir()
    (tmp_path / "_config.yml").write_text("title: x\n")
    (tmp_path / "data" / "events.yaml").write_text("[]\n")
    monkeypatch.setattr(serve, "ROOT", tmp_path)
    before = serve.snapshot()
    assert set(before) == {"_config.yml", "data/events.yaml"}
    (tmp_path / "data" / ".events.yaml.swp").write_text("x")
    (tmp_path / "data" / "events.yaml~").write_text("x")
    (tmp_path / "analysis" / "__pycache__").mkdir()
    (tmp_path / "analysis" / "__pycache__" / "m.cpython-311.pyc").write_bytes(b"x")
    assert serve.snapshot() == before
    (tmp_path / "data" / "events.yaml").write_text("[]\n# edited\n")
    (tmp_path / "book" / "new.md").write_text("# New\n")
    after = serve.snapshot()
    assert after["data/events.yaml"] != before["data/events.yaml"] and "book/new.md" in after
