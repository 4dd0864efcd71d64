"""Orchestrate the build: the site is published as soon as it is whole, the PDFs after it; each
output is published only when whole, so a failure keeps the last good copy of that output."""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import shutil
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

import yaml

from analysis.errors import DataError
from analysis.paths import BOOK, BUILD, DATA, ROOT

from . import sphinx_run as sphinx
from .log import TIMINGS, BuildError, fail, say, step

WORK = BUILD / ".work"
STAMP = BUILD / ".published.json"
PDF_STEP = "PDF (WeasyPrint, one pass, tagged)"
HTML_STEP = "HTML site (Sphinx; warnings are errors)"
INPUTS = ["_config.yml", "_toc.yml", "requirements.txt", "book", "data", "analysis", "publish"]
PDFS = ("report.pdf", "brief.pdf")


def fingerprint() -> str:
    """Hash of every input of the book: equal fingerprints mean the published book is current."""
    h = hashlib.sha256()
    for name in INPUTS:
        p = ROOT / name
        files = [p] if p.is_file() else sorted(f for f in p.rglob("*") if f.is_file() and "__pycache__" not in f.parts)
        for f in files:
            h.update(f.relative_to(ROOT).as_posix().encode() + b"\0" + f.read_bytes() + b"\0")
    return h.hexdigest()


def sources(executed: dict) -> dict[str, bytes]:
    """What Sphinx reads, by path: config, toc, pages, the bibliography, and executed notebooks."""
    import nbformat

    files = {name: (ROOT / name).read_bytes() for name in ("_config.yml", "_toc.yml")}
    files["data/references.bib"] = (DATA / "references.bib").read_bytes()
    for f in sorted(BOOK.rglob("*")):
        rel = f.relative_to(ROOT).as_posix()
        if (
            f.is_file()
            and f.suffix != ".ipynb"
            and ".ipynb_checkpoints" not in f.parts
            and "__pycache__" not in f.parts
        ):
            files[rel] = f.read_bytes()
    for name, (nb, _) in executed.items():
        del files[f"book/{name}.md"]
        files[f"book/{name}.ipynb"] = nbformat.writes(nb).encode("utf-8")
    return files


def stage(executed: dict, src: Path) -> None:
    sphinx.stage(src, sources(executed))


def source_date_epoch(ev) -> int:
    """Dates in pages and fonts follow the data's as-of date, not the clock."""
    return int(dt.datetime.combine(ev.as_of, dt.time(), dt.UTC).timestamp())


def facts(ev) -> dict:
    """What the PDFs' title pages and running heads say about the edition."""
    from analysis import glossary, report

    terms = glossary.terms(ev)
    return {
        "title": yaml.safe_load((ROOT / "_config.yml").read_text())["title"],
        "edition": f"Edition {ev.edition.edition}",
        "as_of": f"{ev.as_of:%d %B %Y}",
        "n_events": len(ev.events),
        "n_relations": len(ev.relations),
        "n_sources": len(ev.references),
        "cutoff_line": report.cutoff_line(ev),
        "glossary": dict(zip(terms["term"], terms["meaning"])),  # acronym -> meaning, for both PDFs
    }


def render_pdfs(site: Path, pdf_dir: Path, facts: dict, debug: Path | None = None) -> int:
    """report.pdf and brief.pdf from the site's pages; returns the report's page count. The brief
    names the report's pages it refers to, so it is laid out (in a second process) once the report
    is, while the report is being written."""
    from . import brief, pdf

    with ProcessPoolExecutor(2, mp_context=get_context("fork")) as pool:
        briefing = []

        def start_brief(report_pages: dict[str, int]) -> None:
            briefing.append(pool.submit(brief.write_brief, site, pdf_dir / "brief.pdf", facts, report_pages))

        pages = pdf.write_pdf(site, pdf_dir / "report.pdf", facts, say, debug, on_layout=start_brief, pool=pool)
        say(f"  brief.pdf: {briefing[0].result()} pages")
    say(f"  report.pdf: {pages} pages, {(pdf_dir / 'report.pdf').stat().st_size / 1e6:.1f} MB")
    return pages


def _swap(new: Path, final: Path) -> None:
    """Put a folder in place; the old one is removed only after the new one is there."""
    old = final.with_name(final.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if final.exists():
        final.rename(old)
    shutil.move(str(new), str(final))
    if old.exists():
        shutil.rmtree(old)


def publish_site(html: Path) -> None:
    """The new site goes live; its links to the PDFs keep serving the last good ones until new ones are made."""
    for name in PDFS:
        if (BUILD / "html" / name).exists():
            shutil.copy2(BUILD / "html" / name, html / name)
    _swap(html, BUILD / "html")


def publish_pdfs(pdf_dir: Path) -> None:
    for name in PDFS:
        tmp = BUILD / "html" / f".{name}.tmp"
        shutil.copy2(pdf_dir / name, tmp)
        tmp.replace(BUILD / "html" / name)
    _swap(pdf_dir, BUILD / "pdf")


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(prog="python -m publish")
    ap.add_argument("--force", action="store_true", help="rebuild even if nothing changed")
    ap.add_argument("--jobs", type=int, default=2, help="notebooks executed at once")
    ap.add_argument(
        "--site-only",
        action="store_true",
        help="publish the HTML site and stop: the PDFs stay those of the last full build (for tests and quick checks)",
    )
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
    if (
        not args.force
        and STAMP.exists()
        and json.loads(STAMP.read_text()).get("fingerprint") == fp
        and (BUILD / "html" / "index.html").exists()
        and (BUILD / "pdf" / "report.pdf").exists()
    ):
        say("nothing changed since the last build: _build/html and _build/pdf/report.pdf are current")
        return 0
    return _rebuild(args, t0, fp)


def _rebuild(args, t0: float, fp: str) -> int:
    from analysis import editions, whatschanged
    from analysis.evidence import load

    from . import acronyms, execute, exports, toc

    if WORK.exists():
        shutil.rmtree(WORK)
    src = WORK / "src"  # the notebooks' working folder
    (src / "book").mkdir(parents=True)
    # A page left out of the toc, or a broken frozen edition, stops the build before any kernel starts.
    toc.check()
    editions.frozen()
    # The notebooks' kernels start and import their libraries while the data is validated.
    kernels = execute.warm_kernels(src / "book", args.jobs)
    try:
        with step("validate data"):
            ev = load()
            say("  data OK: " + ", ".join(f"{n} {k}" for k, n in ev.counts().items()))
            changes = editions.check(ev)  # the frozen editions are readable; judgments that moved say why
            say(
                f"  changes since edition {changes.since.edition}: {whatschanged.summary_sentence(changes)}"
                if changes
                else "  no edition frozen yet (make edition)"
            )
        with step("execute notebooks"):
            notebooks = toc.notebooks()
            executed = execute.execute_all(
                notebooks, src / "book", str(ev.as_of), jobs=args.jobs, log=say, ready=kernels
            )
    finally:
        execute.close_unused(kernels)
    epoch = source_date_epoch(ev)
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    with step(HTML_STEP):
        stage(executed, src)
        proc = sphinx.start(src, WORK / "sphinx", epoch)
        import weasyprint  # noqa: F401  (loaded while Sphinx runs, for the PDF step and its worker)

        site = sphinx.wait(proc, WORK / "sphinx", src)
        acronyms.check(ev, site, toc.chapter_files())
        shutil.copytree(site, WORK / "html")  # the copy is published; the PDF is made from the original
        exports.write(ev, WORK / "html" / "data")
    runs = {
        n: {"executed": r.executed, "seconds": round(r.seconds, 2), "reason": r.reason}
        for n, (_, r) in executed.items()
    }
    with step("publish the site"):
        publish_site(WORK / "html")
        site_at = time.time()
        # Until the PDFs are published too, the stamp cannot say the book is current: a PDF that fails
        # (or --site-only) leaves a new site under no fingerprint, so undoing the edit rebuilds the site
        # rather than taking the edited one for current.
        STAMP.write_text(json.dumps({"fingerprint": None, "notebooks": runs, "site_published_at": site_at}, indent=1))
    if args.site_only:
        _drop_work()
        say(f"site built in {time.perf_counter() - t0:.1f} s (--site-only: the PDFs are those of the last full build)")
        return 0
    say("  the site is live in _build/html; the PDFs follow")
    pdf_dir = WORK / "pdf"
    pdf_dir.mkdir()
    with step(PDF_STEP):
        pages = render_pdfs(site, pdf_dir, facts(ev), WORK / "print.html" if os.environ.get("CT_KEEP_WORK") else None)
    with step("publish the PDFs"):
        publish_pdfs(pdf_dir)
        pdf_at = time.time()
    timings = {k: round(v, 2) for k, v in TIMINGS.items()}
    STAMP.write_text(
        json.dumps(
            {
                "fingerprint": fp,
                "timings": timings,
                "notebooks": runs,
                "pdf_pages": pages,
                "site_published_at": site_at,
                "pdf_published_at": pdf_at,
            },
            indent=1,
        )
    )
    _drop_work()
    say(f"book built in {time.perf_counter() - t0:.1f} s: _build/html/index.html, _build/pdf/report.pdf and brief.pdf")
    return 0


def _drop_work() -> None:
    if not os.environ.get("CT_KEEP_WORK"):  # keep the staged sources and raw outputs for debugging
        shutil.rmtree(WORK, ignore_errors=True)
