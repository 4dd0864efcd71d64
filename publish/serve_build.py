"""The rebuilds behind `make serve`, each in a process of its own, so the server keeps answering
and a newer edit can stop a PDF that is no longer current.

The site is rebuilt by a long-lived worker with the steps of `make book` (validate the data,
execute the notebooks the edit reaches, Sphinx with warnings as errors, the glossary gate, publish
the site whole), but its Sphinx application is kept between rebuilds and re-reads only the pages
whose sources changed; `make book` reads every page afresh. Pages an edit does not reach keep
what they showed (a renamed chapter's title in other pages' sidebars, say) until `make book`.
The PDFs are rendered afterwards by a second process, from the same site."""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import re
import shutil
import threading
import traceback
from contextlib import ExitStack
from pathlib import Path

import yaml

from analysis.errors import DataError
from analysis.paths import BUILD

from . import pipeline
from .log import BuildError, say, step
from .sphinx_main import OVERRIDES

SERVE = BUILD / ".serve"  # the preview's own folder: `make book`'s _build/.work is left alone
SRC = SERVE / "src"  # staged sources, and the notebooks' working folder
SPHINX = SERVE / "sphinx"
PDF_DIR = SERVE / "pdf"
KERNELS = 2  # notebooks executed at once, as in `make book`


class LiveSphinx:
    """One Sphinx application over the staged sources, kept for the next rebuild. It is made as
    Jupyter Book makes it (jupyter_book.sphinx.build_sphinx, which builds once and returns)."""

    def __init__(self, epoch: int):
        from jupyter_book.config import get_final_config
        from sphinx.application import Sphinx
        from sphinx.util.docutils import docutils_namespace, patch_docutils

        self.epoch = epoch  # the as-of date dates the pages: a new one needs a new application
        self.retry: set[Path] = set()
        self.stale = False  # a failure that names no page: the next rebuild reads every page afresh
        self.warnings = io.StringIO()
        config, _ = get_final_config(
            user_yaml=SRC / "_config.yml", cli_config=OVERRIDES, sourcedir=SRC, use_external_toc=True
        )
        self._docutils = ExitStack()  # the directives Sphinx registers in docutils live as long as the app
        self._docutils.enter_context(patch_docutils(None))
        self._docutils.enter_context(docutils_namespace())
        shutil.rmtree(SPHINX, ignore_errors=True)
        self.app = Sphinx(
            srcdir=SRC,
            confdir=None,
            outdir=SPHINX / "html",
            doctreedir=SPHINX / "doctrees",
            buildername="html",
            confoverrides=config,
            status=None,
            warning=self.warnings,
            freshenv=True,
            warningiserror=True,
            keep_going=True,
        )
        site_map = yaml.dump(self.app.config.external_site_map.as_json())
        if self.app.config["use_multitoc_numbering"] and "numbered: true" in site_map:
            self.app.setup_extension("sphinx_multitoc_numbering")

    def close(self) -> None:
        self._docutils.close()

    def build(self) -> Path:
        """The site's folder once Sphinx has written it without a warning."""
        for f in self.retry:  # pages that warned last time are read again, so their warnings stay until fixed
            if f.exists():
                os.utime(f)
        self.warnings.seek(0)
        self.warnings.truncate()
        self.app._warncount, self.app.statuscode = 0, 0  # counted per build, not per application
        self.app.build()
        if self.app.statuscode:
            text = re.sub(r"\x1b\[[0-9;]*m", "", self.warnings.getvalue()).replace(f"{SRC}/", "")
            problems = [line for line in text.splitlines() if re.search(r"WARNING|ERROR", line)] or [text.strip()]
            self.retry = {SRC / p.split(":", 1)[0] for p in problems if (SRC / p.split(":", 1)[0]).is_file()}
            self.stale = not self.retry
            raise BuildError(f"HTML build failed ({len(problems)} warning(s)/error(s)):\n" + "\n".join(problems[:40]))
        self.retry = set()
        return SPHINX / "html"


def sync(files: dict[str, bytes]) -> None:
    """Write the staged sources that changed and remove those that went; the others keep their
    times, so Sphinx does not read them again."""
    for rel, data in files.items():
        f = SRC / rel
        if not f.is_file() or f.read_bytes() != data:
            f.parent.mkdir(parents=True, exist_ok=True)
            f.write_bytes(data)
    for f in [f for f in SRC.rglob("*") if f.is_file()]:
        if f.relative_to(SRC).as_posix() not in files:
            f.unlink()


class Preview:
    """What the worker keeps between rebuilds: the Sphinx application, the pages that passed the
    glossary gate (with the glossary they passed it with), and two notebook kernels that have
    imported the libraries but read nothing yet (about 1.5 s of each data edit)."""

    def __init__(self):
        self.sphinx: LiveSphinx | None = None
        self.passed: dict[str, tuple] = {}
        self.kernels: list = []
        self._readying: threading.Thread | None = None

    def ready_kernels(self) -> None:
        """Start kernels for the next rebuild while the worker waits for it."""
        from .execute import Kernel

        def start():
            (SRC / "book").mkdir(parents=True, exist_ok=True)
            while len(self.kernels) < KERNELS:
                self.kernels.append(Kernel(str(SRC / "book")).preload())

        if self._readying is None or not self._readying.is_alive():
            self._readying = threading.Thread(target=start, daemon=True)
            self._readying.start()

    def close(self) -> None:
        if self._readying is not None:
            self._readying.join()
        while self.kernels:
            self.kernels.pop().close()
        self.forget()

    def rebuild(self, first: bool) -> dict:
        from analysis import editions
        from analysis.evidence import load

        from . import execute, exports, toc

        fp = pipeline.fingerprint()
        with step("validate data"):
            ev = load()
            editions.check(ev)  # the same gates as `make book`: judgments that moved say why
        with step("execute notebooks"):
            toc.check()
            (SRC / "book").mkdir(parents=True, exist_ok=True)
            executed = execute.execute_all(
                toc.notebooks(), SRC / "book", str(ev.as_of), jobs=KERNELS, log=say, ready=self.kernels
            )
        epoch = pipeline.source_date_epoch(ev)
        os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
        with step(pipeline.HTML_STEP):
            sync(pipeline.sources(executed))
            if self.sphinx is None or self.sphinx.stale or self.sphinx.epoch != epoch:
                self.forget()
                self.sphinx = LiveSphinx(epoch)
            site = self.sphinx.build()
            self.gate(ev, site, toc.chapter_files())
        made = {"fingerprint": fp, "facts": pipeline.facts(ev), "epoch": epoch, "site": str(site)}
        live = _made_by_make_book(fp)
        if first and live["site"]:  # `make book` published these very inputs: nothing to replace
            return {**made, "published": False, "pdf_current": live["pdf"]}
        with step("publish the site"):
            work = SERVE / "html"
            shutil.rmtree(work, ignore_errors=True)
            shutil.copytree(site, work)
            exports.write(ev, work / "data")
            pipeline.publish_site(work)
        return {**made, "published": True, "pdf_current": False}

    def forget(self) -> None:
        """Drop the Sphinx application: the next rebuild reads every page afresh."""
        if self.sphinx is not None:
            self.sphinx.close()
            self.sphinx = None

    def gate(self, ev, site: Path, chapters: list[Path]) -> None:
        """The glossary gate of `make book` on the pages that changed since they passed it, or on
        every page when the glossary changed."""
        from analysis import glossary

        from . import acronyms

        terms = hashlib.sha256(json.dumps(sorted(glossary.terms(ev)["term"])).encode()).hexdigest()

        def key(md: Path) -> tuple:
            page = site / "book" / f"{md.stem}.html"
            return terms, hashlib.sha256(page.read_bytes()).hexdigest() if page.exists() else None

        todo = [md for md in chapters if self.passed.get(md.stem) != key(md)]
        acronyms.check(ev, site, todo)
        self.passed.update({md.stem: key(md) for md in todo})


def _made_by_make_book(fp: str) -> dict:
    """Whether the published site and PDFs are `make book`'s for these very inputs."""
    stamp = json.loads(pipeline.STAMP.read_text()) if pipeline.STAMP.exists() else {}
    same = stamp.get("fingerprint") == fp
    return {
        "site": same and (BUILD / "html" / "index.html").exists(),
        "pdf": same and (BUILD / "pdf" / "report.pdf").exists(),
    }


def worker(conn) -> None:
    """Rebuild the site at each request from the server and answer with what was made or why not."""
    os.setsid()  # Ctrl-C in the terminal goes to the server, which stops this process
    # A theme dependency (a11y_pygments) sets up the root logger to print INFO when it is imported,
    # unless it has a handler already: with this one, the notebook kernels' clients stay quiet.
    logging.getLogger().addHandler(logging.NullHandler())
    preview, first = Preview(), True
    while conn.recv() != "quit":
        try:
            result = {"ok": True, **preview.rebuild(first)}
        except (DataError, BuildError) as exc:
            result = {"ok": False, "error": str(exc)}
        except Exception:  # a crash in Sphinx or an extension: said in full; the next rebuild starts afresh
            preview.forget()
            result = {"ok": False, "error": traceback.format_exc().strip()}
        first = False
        conn.send(result)
        preview.ready_kernels()
    preview.close()


def render_pdfs(conn, site: str, facts: dict, epoch: int) -> None:
    """report.pdf and brief.pdf of the site just published, into SERVE/pdf; the server publishes them."""
    os.setsid()  # the server stops this process and the brief's with it, when a newer edit arrives
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    shutil.rmtree(PDF_DIR, ignore_errors=True)
    PDF_DIR.mkdir(parents=True)
    try:
        with step(pipeline.PDF_STEP):
            pages = pipeline.render_pdfs(Path(site), PDF_DIR, facts)
        conn.send({"ok": True, "pages": pages})
    except BuildError as exc:
        conn.send({"ok": False, "error": str(exc)})
    except Exception:
        conn.send({"ok": False, "error": traceback.format_exc().strip()})
