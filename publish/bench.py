"""`make bench`: time the build in a temporary copy and print a table (also _build/bench.json).

Measures a cold build (no caches), a no-op rebuild, the edit maintainers make most (a corrected
event, then a new one in data/events.yaml: when it is visible in the published site and when in
the PDF), an indicator edit and a Markdown-only edit, each step's time and each notebook's.
Then, under `make serve`, how long a prose edit and an event edit take to show in the page a browser
has open (Debian's Chromium when installed, else by asking the server for the page).
Targets (issues 10 and 14; ratios in one run): cold <= 40 s; no-op <= 0.1 x cold; an event edit in
the site <= 0.3 x cold and in the PDF <= 0.8 x cold; under `make serve`, a prose edit in the browser
<= 5 s and an event edit <= 0.3 x cold. The machine's load is recorded beside them."""

from __future__ import annotations

import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

from analysis.paths import ROOT

from .isolated import Served, copy_project, run_build
from .localserver import CHROMIUM, CHROMIUM_FLAGS
from .pipeline import HTML_STEP, PDF_STEP

NEW_EVENT = """
- id: bench-new-event
  date: '2024-03'
  kind: arrests
  title: Bench test arrests
  summary: Added by make bench.
  sources: [seed-002-malaymail-aisse-2025]
  confidence: low
"""


def _build(project: Path) -> dict:
    t0 = time.time()
    result = run_build(project)
    seconds = time.time() - t0
    if result.returncode != 0:
        print(result.stdout[-3000:], result.stderr[-3000:], file=sys.stderr)
        raise SystemExit("bench: the build failed")
    if "nothing changed" in result.stdout:
        return {"s": round(seconds, 2), "site_s": round(seconds, 2), "executed": [], "steps": {}, "notebooks": {}}
    stamp = json.loads((project / "_build" / ".published.json").read_text())
    return {
        "s": round(seconds, 2),
        "site_s": round(stamp.get("site_published_at", t0 + seconds) - t0, 2),
        "executed": [n for n, r in stamp["notebooks"].items() if r["executed"]],
        "steps": stamp["timings"],
        "notebooks": {n: r["seconds"] for n, r in stamp["notebooks"].items()},
    }


def _shown(served: Served, page: str, marker: str, edit, timeout: float = 600) -> float:
    """Seconds from saving an edit to the open page showing it, with no reload by hand."""
    if Path(CHROMIUM).exists():
        from playwright.sync_api import expect, sync_playwright

        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            tab = browser.new_page()
            tab.goto(f"{served.url}/{page}")
            t0 = time.time()
            edit()
            expect(tab.get_by_text(marker).first).to_be_visible(timeout=timeout * 1000)
            seconds = time.time() - t0
            browser.close()
            return round(seconds, 2)
    import urllib.request

    t0 = time.time()
    edit()
    while time.time() - t0 < timeout:
        with urllib.request.urlopen(f"{served.url}/{page}", timeout=10) as r:
            if marker in r.read().decode():
                return round(time.time() - t0, 2)
        time.sleep(0.1)
    raise SystemExit(f"bench: {marker!r} not in {page} after {timeout} s under make serve")


def _serve_edits(project: Path) -> dict:
    """A prose edit and an event edit under `make serve`, each from a quiet server (PDFs done)."""
    chapter, events = project / "book" / "nato.md", project / "data" / "events.yaml"
    assert "title: NATO lists" in events.read_text(), "bench: the event the serve edit changes is not in the data"
    served = Served(project)
    try:
        served.wait_idle()
        prose = _shown(
            served,
            "book/nato.html",
            "Bench prose edit.",
            lambda: chapter.write_text(chapter.read_text() + "\nBench prose edit.\n"),
        )
        served.wait_idle()
        data = _shown(
            served,
            "book/nato.html",
            "Benchserve NATO",
            lambda: events.write_text(
                events.read_text().replace("title: NATO lists", "title: Benchserve NATO lists", 1)
            ),
        )
        t0 = time.time()
        served.wait_idle()
        pdf = round(data + time.time() - t0, 2)
    finally:
        if served.stop() != 0:
            print(served.output()[-3000:], file=sys.stderr)
            raise SystemExit("bench: make serve did not stop cleanly")
    return {
        "prose_s": prose,
        "data_s": data,
        "data_pdf_s": pdf,
        "measured_in": "chromium" if Path(CHROMIUM).exists() else "http",
    }


def main() -> int:
    load_before = os.getloadavg()
    runs = {}
    with tempfile.TemporaryDirectory(prefix="ct-bench-") as tmp:
        project = copy_project(Path(tmp) / "project")
        events, csv, page = (
            project / "data" / "events.yaml",
            project / "data" / "indicators.csv",
            project / "book" / "nato.md",
        )
        edits = [
            ("cold", "cold build (HTML + PDF, no caches)", lambda: None),
            ("noop", "no-op rebuild", lambda: None),
            (
                "event_fix",
                "corrected event (a title in events.yaml)",
                lambda: events.write_text(events.read_text().replace("title: ", "title: Bench ", 1)),
            ),
            (
                "event_new",
                "new event (appended to events.yaml)",
                lambda: events.write_text(events.read_text() + NEW_EVENT),
            ),
            (
                "indicator",
                "indicator edit (indicators.csv)",
                lambda: csv.write_text(
                    csv.read_text().replace("\nterror-arrests,2019,72,", "\nterror-arrests,2019,73,", 1)
                ),
            ),
            (
                "markdown",
                "Markdown-only edit (nato.md)",
                lambda: page.write_text(page.read_text() + "\n<!-- bench edit -->\n"),
            ),
        ]
        for key, label, edit in edits:
            print(f"[bench] {label} ...", flush=True)
            edit()
            runs[key] = _build(project)
        print("[bench] make serve: a prose edit, then an event edit, seen in the open page ...", flush=True)
        serve = _serve_edits(project)
    cold = runs["cold"]["s"]
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    event = max((runs["event_fix"], runs["event_new"]), key=lambda r: r["s"])
    checks = [
        ("cold build <= 40 s", cold, cold <= 40),
        ("no-op <= 0.1 x cold", runs["noop"]["s"] / cold, runs["noop"]["s"] <= 0.1 * cold),
        ("event edit in the site <= 0.3 x cold", event["site_s"] / cold, event["site_s"] <= 0.3 * cold),
        ("event edit in the PDF <= 0.8 x cold", event["s"] / cold, event["s"] <= 0.8 * cold),
        ("serve: prose edit in the browser <= 5 s", serve["prose_s"], serve["prose_s"] <= 5),
        ("serve: event edit in the browser <= 0.3 x cold", serve["data_s"] / cold, serve["data_s"] <= 0.3 * cold),
    ]
    width = 44
    print(f"\n{'measure'.ljust(width)}  total s  site s  re-executed notebooks")
    for key, label, _ in edits:
        r = runs[key]
        print(f"{label.ljust(width)}  {r['s']:7.1f}  {r['site_s']:6.1f}  {', '.join(r['executed']) or '-'}")
    print(f"\n{'step'.ljust(width)}     cold  event fix  event new")
    for name in runs["cold"]["steps"]:
        print(
            f"{name.ljust(width)}  {runs['cold']['steps'][name]:7.1f}  {runs['event_fix']['steps'].get(name, 0):9.1f}"
            f"  {runs['event_new']['steps'].get(name, 0):9.1f}"
        )
    print(
        f"\nmake serve ({serve['measured_in']}): prose edit shown in {serve['prose_s']:.1f} s; event edit in"
        f" {serve['data_s']:.1f} s, its PDFs published after {serve['data_pdf_s']:.1f} s"
    )
    print("\ntargets (issues 10 and 14):")
    for name, value, ok in checks:
        print(f"  {name.ljust(width - 2)}  {value:6.2f}  {'met' if ok else 'NOT met'}")
    load_after = os.getloadavg()
    print(
        f"load average before/after: {load_before[0]:.2f} / {load_after[0]:.2f} on {os.cpu_count()} CPUs; "
        f"peak memory of one build process {peak_mb:.0f} MB"
    )
    out = {
        "cold_s": cold,
        "cold_site_s": runs["cold"]["site_s"],
        "noop_s": runs["noop"]["s"],
        "event_fix": runs["event_fix"],
        "event_new": runs["event_new"],
        "indicator_edit": runs["indicator"],
        "markdown_edit": runs["markdown"],
        "noop_ratio": round(runs["noop"]["s"] / cold, 3),
        "event_edit_site_ratio": round(event["site_s"] / cold, 3),
        "event_edit_pdf_ratio": round(event["s"] / cold, 3),
        "serve_prose_edit_s": serve["prose_s"],
        "serve_data_edit_s": serve["data_s"],
        "serve_data_edit_ratio": round(serve["data_s"] / cold, 3),
        "serve_data_edit_pdf_s": serve["data_pdf_s"],
        "serve_measured_in": serve["measured_in"],
        "targets_met": {name: ok for name, _, ok in checks},
        "pdf_s": runs["cold"]["steps"].get(PDF_STEP),
        "html_s": runs["cold"]["steps"].get(HTML_STEP),
        "steps_cold": runs["cold"]["steps"],
        "notebooks_cold_s": runs["cold"]["notebooks"],
        "peak_rss_mb": round(peak_mb),
        "cpus": os.cpu_count(),
        "loadavg_before": [round(x, 2) for x in load_before],
        "loadavg_after": [round(x, 2) for x in load_after],
    }
    (ROOT / "_build").mkdir(exist_ok=True)
    (ROOT / "_build" / "bench.json").write_text(json.dumps(out, indent=1) + "\n")
    print("\nwritten to _build/bench.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
