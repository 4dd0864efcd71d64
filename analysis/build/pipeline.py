"""Orchestrate the build and publish it only when whole."""
from __future__ import annotations

import argparse
import os
import datetime as dt
import hashlib
import json
import shutil
import time
from pathlib import Path

import yaml

from .. import exports
from ..errors import DataError
from ..evidence import load
from ..paths import BOOK, BUILD, DATA, ROOT
from . import brief, execute, pdf, sphinx, toc
from .log import TIMINGS, BuildError, fail, say, step

WORK = BUILD / ".work"
STAMP = BUILD / ".published.json"
INPUTS = ["_config.yml", "_toc.yml", "requirements.txt", "book", "data", "analysis"]


def fingerprint() -> str:
    """Hash of every input of the book: equal fingerprints mean the published book is current."""
    h = hashlib.sha256()
    for name in INPUTS:
        p = ROOT / name
        files = [p] if p.is_file() else sorted(f for f in p.rglob("*") if f.is_file() and "__pycache__" not in f.parts)
        for f in files:
            h.update(f.relative_to(ROOT).as_posix().encode() + b"\0" + f.read_bytes() + b"\0")
    return h.hexdigest()


def stage(src: Path, executed: dict) -> None:
    """Sources for Sphinx: config, toc, pages, the bibliography, and executed notebooks."""
    if src.exists():
        shutil.rmtree(src)
    (src / "data").mkdir(parents=True)
    shutil.copytree(BOOK, src / "book", ignore=shutil.ignore_patterns("*.ipynb", ".ipynb_checkpoints"))
    for name in ("_config.yml", "_toc.yml"):
        shutil.copy2(ROOT / name, src / name)
    shutil.copy2(DATA / "references.bib", src / "data" / "references.bib")
    import nbformat

    for name, (nb, _) in executed.items():
        (src / "book" / f"{name}.md").unlink()
        nbformat.write(nb, src / "book" / f"{name}.ipynb")


def publish(html: Path, pdf_dir: Path, stamp: dict) -> None:
    """Swap the new book in; the old one is removed only after the new one is in place."""
    for new, final in ((html, BUILD / "html"), (pdf_dir, BUILD / "pdf")):
        old = final.with_name(final.name + ".old")
        if old.exists():
            shutil.rmtree(old)
        if final.exists():
            final.rename(old)
        shutil.move(str(new), str(final))
        if old.exists():
            shutil.rmtree(old)
    STAMP.write_text(json.dumps(stamp, indent=1))


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(prog="python -m analysis.build")
    ap.add_argument("--force", action="store_true", help="rebuild even if nothing changed")
    ap.add_argument("--jobs", type=int, default=2, help="notebooks executed at once")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    try:
        return _build(args, t0)
    except DataError as exc:
        print(exc)
        return fail(f"the data has {len(exc.problems)} problem(s); first: {exc.problems[0]}")
    except BuildError as exc:
        return fail(str(exc))


def _build(args, t0: float) -> int:
    fp = fingerprint()
    if (not args.force and STAMP.exists() and json.loads(STAMP.read_text()).get("fingerprint") == fp
            and (BUILD / "html" / "index.html").exists() and (BUILD / "pdf" / "report.pdf").exists()):
        say("nothing changed since the last build: _build/html and _build/pdf/report.pdf are current")
        return 0
    with step("validate data"):
        ev = load()
        say(f"  data OK: " + ", ".join(f"{n} {k}" for k, n in ev.counts().items()))
    if WORK.exists():
        shutil.rmtree(WORK)
    WORK.mkdir(parents=True)
    src = WORK / "src"
    with step("execute notebooks"):
        notebooks = toc.notebooks()
        (src / "book").mkdir(parents=True)
        executed = execute.execute_all(notebooks, src / "book", jobs=args.jobs, log=say)
    with step("stage sources"):
        stage(src, executed)
    with step("HTML and singlehtml (warnings are errors)"):
        epoch = int(dt.datetime.combine(ev.as_of, dt.time(), dt.timezone.utc).timestamp())
        procs = {b: sphinx.start(src, WORK / f"out-{b}", b, epoch) for b in ("html", "singlehtml")}
        dirs = {b: sphinx.wait(p, WORK / f"out-{b}", b) for b, p in procs.items()}
    title = yaml.safe_load((ROOT / "_config.yml").read_text())["title"]
    facts = {"title": title, "as_of": f"{ev.as_of:%d %B %Y}", "n_events": len(ev.events),
             "n_relations": len(ev.relations), "n_sources": len(ev.references)}
    pdf_dir = WORK / "pdf"
    pdf_dir.mkdir()
    with step("PDF (WeasyPrint)"):
        report = pdf.write_pdf(dirs["singlehtml"], pdf_dir / "report.pdf", facts)
        say(f"  report.pdf: {report.stat().st_size / 1e6:.1f} MB")
    with step("briefing PDF"):
        brief_pdf = brief.write_brief(ev, WORK / "brief.pdf", title)
        shutil.move(str(brief_pdf), pdf_dir / "brief.pdf")
    with step("data downloads"):
        exports.write(ev, dirs["html"] / "data")
        shutil.copy2(report, dirs["html"] / "report.pdf")
        shutil.copy2(pdf_dir / "brief.pdf", dirs["html"] / "brief.pdf")
    with step("publish"):
        timings = {k: round(v, 2) for k, v in TIMINGS.items()}
        runs = {n: {"executed": r.executed, "seconds": round(r.seconds, 2), "reason": r.reason}
                for n, (_, r) in executed.items()}
        publish(dirs["html"], pdf_dir, {"fingerprint": fp, "timings": timings, "notebooks": runs})
    if not os.environ.get("CT_KEEP_WORK"):  # keep the staged sources and raw outputs for debugging
        shutil.rmtree(WORK, ignore_errors=True)
    say(f"book built in {time.perf_counter() - t0:.1f} s: _build/html/index.html, _build/pdf/report.pdf and brief.pdf")
    return 0
