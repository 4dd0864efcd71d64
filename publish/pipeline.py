"""Orchestrate the build and publish it only when whole."""
from __future__ import annotations

import argparse
import os
import datetime as dt
import json
import shutil
import time
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack
from multiprocessing import get_context
from pathlib import Path

import yaml

from analysis.errors import DataError
from analysis.paths import BOOK, BUILD, DATA, ROOT
from . import sphinx_run as sphinx
from .inputs import digest
from .log import TIMINGS, BuildError, fail, say, step

WORK = BUILD / ".work"
STAMP = BUILD / ".published.json"
PDF_STEP = "PDF (WeasyPrint, part by part)"
HTML_STEP = "HTML site (Sphinx; warnings are errors)"
INPUTS = ["_config.yml", "_toc.yml", "requirements.txt", "book", "data", "analysis", "publish"]


def fingerprint() -> str:
    """Hash of every input of the book: equal fingerprints mean the published book is current."""
    return digest(INPUTS)


def stage(executed: dict) -> int:
    """Sources for Sphinx: config, toc, pages, the bibliography, and executed notebooks."""
    import nbformat

    files = {name: (ROOT / name).read_bytes() for name in ("_config.yml", "_toc.yml")}
    files["data/references.bib"] = (DATA / "references.bib").read_bytes()
    for f in sorted(BOOK.rglob("*")):
        rel = f.relative_to(ROOT).as_posix()
        if f.is_file() and f.suffix != ".ipynb" and ".ipynb_checkpoints" not in f.parts and "__pycache__" not in f.parts:
            files[rel] = f.read_bytes()
    for name, (nb, _) in executed.items():
        del files[f"book/{name}.md"]
        files[f"book/{name}.ipynb"] = nbformat.writes(nb).encode("utf-8")
    return sphinx.sync(files)


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
    ap = argparse.ArgumentParser(prog="python -m publish")
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
    with ExitStack() as stack:
        return _rebuild(args, t0, fp, stack)


def _rebuild(args, t0: float, fp: str, stack: ExitStack) -> int:
    from . import exports
    from analysis.evidence import load
    from . import brief, execute, pdf, toc

    with step("validate data"):
        ev = load()
        say(f"  data OK: " + ", ".join(f"{n} {k}" for k, n in ev.counts().items()))
    if WORK.exists():
        shutil.rmtree(WORK)
    WORK.mkdir(parents=True)
    title = yaml.safe_load((ROOT / "_config.yml").read_text())["title"]
    # The briefing needs only the data: it is drawn in the background while the notebooks run.
    briefing = stack.enter_context(ProcessPoolExecutor(1, mp_context=get_context("fork"))).submit(
        brief.write_brief, ev, WORK / "brief.pdf", title)
    src = WORK / "src"  # the notebooks' working folder
    with step("execute notebooks"):
        notebooks = toc.notebooks()
        (src / "book").mkdir(parents=True)
        executed = execute.execute_all(notebooks, src / "book", jobs=args.jobs, log=say)
    epoch = int(dt.datetime.combine(ev.as_of, dt.time(), dt.timezone.utc).timestamp())
    with step("stage sources"):
        sphinx.prepare(epoch)
        say(f"  {stage(executed)} source file(s) changed since the last build")
    with step(HTML_STEP):
        proc = sphinx.start(epoch)
        import weasyprint  # noqa: F401  (loaded while Sphinx runs, and inherited by the PDF workers)
        site, written = sphinx.wait(proc)
        say(f"  {len(written)} of {len(list((site / 'book').glob('*.html')))} chapter pages written "
            f"({', '.join(written) or 'none'}); the rest were current")
        shutil.copytree(site, WORK / "html")  # the copy is published; the cache stays for the next build
    facts = {"title": title, "as_of": f"{ev.as_of:%d %B %Y}", "n_events": len(ev.events),
             "n_relations": len(ev.relations), "n_sources": len(ev.references)}
    pdf_dir = WORK / "pdf"
    pdf_dir.mkdir()
    with step(PDF_STEP), ProcessPoolExecutor(args.jobs, mp_context=get_context("fork")) as pool:
        report, pdf_parts = pdf.write_pdf(site, pdf_dir / "report.pdf", facts, pool, say, WORK / "print")
        say(f"  report.pdf: {report.stat().st_size / 1e6:.1f} MB")
    with step("briefing PDF (drawn in the background)"):
        shutil.move(str(briefing.result()), pdf_dir / "brief.pdf")
    with step("data downloads"):
        exports.write(ev, WORK / "html" / "data")
        shutil.copy2(report, WORK / "html" / "report.pdf")
        shutil.copy2(pdf_dir / "brief.pdf", WORK / "html" / "brief.pdf")
    with step("publish"):
        timings = {k: round(v, 2) for k, v in TIMINGS.items()}
        runs = {n: {"executed": r.executed, "seconds": round(r.seconds, 2), "reason": r.reason}
                for n, (_, r) in executed.items()}
        publish(WORK / "html", pdf_dir, {"fingerprint": fp, "timings": timings, "notebooks": runs,
                                         "pages_written": written, "pdf_parts": pdf_parts})
    if not os.environ.get("CT_KEEP_WORK"):  # keep the staged sources and raw outputs for debugging
        shutil.rmtree(WORK, ignore_errors=True)
    say(f"book built in {time.perf_counter() - t0:.1f} s: _build/html/index.html, _build/pdf/report.pdf and brief.pdf")
    return 0
