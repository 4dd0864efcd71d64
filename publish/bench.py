"""`make bench`: time the build in a temporary copy and print a table (also _build/bench.json).

Measures: cold build (no caches), no-op rebuild, rebuild after one data edit, a Markdown-only
edit, the PDF step alone, each notebook's execution time, and peak memory of any build process.
Targets (ratios in one run): no-op <= 0.1 x cold, one data edit <= 0.5 x cold, cold <= 60 s."""
from __future__ import annotations

import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

from .isolated import copy_project, run_build
from .pipeline import HTML_STEP, PDF_STEP
from analysis.paths import ROOT

def _build(project: Path) -> tuple[float, dict]:
    t0 = time.perf_counter()
    result = run_build(project)
    seconds = time.perf_counter() - t0
    if result.returncode != 0:
        print(result.stdout[-3000:], result.stderr[-3000:], file=sys.stderr)
        raise SystemExit("bench: the build failed")
    stamp = json.loads((project / "_build" / ".published.json").read_text())
    return seconds, stamp


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="ct-bench-") as tmp:
        project = copy_project(Path(tmp) / "project")
        print("[bench] cold build ...", flush=True)
        cold, cold_stamp = _build(project)
        print("[bench] no-op rebuild ...", flush=True)
        noop, _ = _build(project)
        print("[bench] rebuild after one data edit (data/indicators.csv) ...", flush=True)
        csv = project / "data" / "indicators.csv"
        csv.write_text(csv.read_text().replace("\nterror-arrests,2019,72,", "\nterror-arrests,2019,73,", 1))
        edit, edit_stamp = _build(project)
        print("[bench] rebuild after a Markdown-only edit ...", flush=True)
        page = project / "book" / "nato.md"
        page.write_text(page.read_text() + "\n<!-- bench edit -->\n")
        md, md_stamp = _build(project)
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    rows = [
        ("cold build (HTML + PDF, no caches)", cold, ""),
        ("no-op rebuild", noop, f"{noop / cold:.2f} x cold (target <= 0.10)"),
        ("one data edit (indicators.csv)", edit, f"{edit / cold:.2f} x cold (target <= 0.50); re-executed: "
         + ", ".join(n for n, r in edit_stamp["notebooks"].items() if r["executed"])),
        ("Markdown-only edit", md, f"re-executed: {sum(r['executed'] for r in md_stamp['notebooks'].values())} notebooks"),
        ("PDF step alone (in the cold build)", cold_stamp["timings"].get(PDF_STEP, 0.0), ""),
        ("HTML step (cold)", cold_stamp["timings"].get(HTML_STEP, 0.0), ""),
        ("notebook execution step (cold, 2 processes)", cold_stamp["timings"].get("execute notebooks", 0.0), ""),
    ]
    rows += [(f"  notebook {n}", r["seconds"], "") for n, r in cold_stamp["notebooks"].items()]
    width = max(len(r[0]) for r in rows)
    print(f"\n{'measure'.ljust(width)}  seconds  note")
    for name, sec, note in rows:
        print(f"{name.ljust(width)}  {sec:7.1f}  {note}")
    print(f"{'peak memory of one build process'.ljust(width)}  {peak_mb:7.0f}  MB (max RSS)")
    print(f"\n{'step'.ljust(width)}     cold  data edit")
    for name in cold_stamp["timings"]:
        print(f"{name.ljust(width)}  {cold_stamp['timings'][name]:7.1f}  {edit_stamp['timings'].get(name, 0.0):9.1f}")
    print(f"PDF parts rendered after the data edit: {', '.join(edit_stamp['pdf_parts']['rendered']) or 'none'} "
          f"(of {edit_stamp['pdf_parts']['parts']})")
    out = {"cold_s": round(cold, 2), "noop_s": round(noop, 2), "data_edit_s": round(edit, 2), "markdown_edit_s": round(md, 2),
           "noop_ratio": round(noop / cold, 3), "data_edit_ratio": round(edit / cold, 3),
           "pdf_s": cold_stamp["timings"].get(PDF_STEP), "steps_cold": cold_stamp["timings"],
           "steps_data_edit": edit_stamp["timings"], "pdf_parts_data_edit": edit_stamp["pdf_parts"],
           "notebooks_cold_s": {n: r["seconds"] for n, r in cold_stamp["notebooks"].items()},
           "peak_rss_mb": round(peak_mb), "cpus": os.cpu_count()}
    (ROOT / "_build").mkdir(exist_ok=True)
    (ROOT / "_build" / "bench.json").write_text(json.dumps(out, indent=1) + "\n")
    print("\nwritten to _build/bench.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
