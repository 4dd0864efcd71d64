"""Run Sphinx (through Jupyter Book) on the staged sources to make the HTML site.

Sphinx keeps its environment in _build/.cache/sphinx/html, so a rebuild re-reads only changed
pages. Warnings are errors (-W), references are checked (-n) and every warning is listed
(--keep-going). A failed run discards the environment, so the next run reads every page again
and no warning is hidden by a page that was not re-read. Anything Sphinx cannot see change (the
configuration, the toc, our extension and analysis code, the lock file, the bibliography, the
as-of date) also discards it."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

from analysis.paths import BUILD, ROOT
from .inputs import digest
from .log import BuildError

CACHE = BUILD / ".cache" / "sphinx"
SRC = CACHE / "src"
ENV_INPUTS = ["_config.yml", "_toc.yml", "requirements.txt", "analysis", "publish", "book/_static", "data/references.bib"]


def env_key(epoch: int) -> str:
    return digest(ENV_INPUTS, salt=str(epoch))


def sync(files: dict[str, bytes]) -> int:
    """Make SRC hold exactly these files; unchanged files keep their times, so Sphinx skips them."""
    changed = 0
    if SRC.exists():
        for f in sorted(SRC.rglob("*"), reverse=True):
            rel = f.relative_to(SRC).as_posix()
            if f.is_file() and rel not in files:
                f.unlink()
            elif f.is_dir() and not any(f.iterdir()):
                f.rmdir()
    for rel, data in files.items():
        f = SRC / rel
        if f.is_file() and f.read_bytes() == data:
            continue
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_bytes(data)
        changed += 1
    return changed


BUILDER = "html"
OUT, DOCTREES = CACHE / BUILDER / "out", CACHE / BUILDER / "doctrees"  # MyST-NB writes beside OUT


def prepare(epoch: int) -> None:
    key_file = CACHE / "env.key"
    key = env_key(epoch)
    if not key_file.exists() or key_file.read_text() != key:
        shutil.rmtree(CACHE / BUILDER, ignore_errors=True)
        CACHE.mkdir(parents=True, exist_ok=True)
        key_file.write_text(key)


def start(epoch: int) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""),
               PYTHONHASHSEED="0", SOURCE_DATE_EPOCH=str(epoch))  # dates in the pages follow the data
    OUT.mkdir(parents=True, exist_ok=True)
    cmd = [sys.executable, "-m", "publish.sphinx_main", str(SRC), str(OUT), str(DOCTREES), BUILDER]
    with open(CACHE / f"{BUILDER}.log", "w") as log:
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=SRC)
    proc.ct_started = time.time()  # pages newer than this were written by this run
    return proc


def wait(proc: subprocess.Popen) -> tuple[Path, list[str]]:
    """The output folder, and the chapter pages this run wrote (the others were current)."""
    code = proc.wait()
    text = re.sub(r"\x1b\[[0-9;]*m", "", (CACHE / f"{BUILDER}.log").read_text(errors="replace"))  # no colour codes
    if code != 0:
        shutil.rmtree(CACHE / BUILDER, ignore_errors=True)
        problems = [l for l in text.splitlines() if re.search(r"(WARNING|ERROR|Error|error)", l)]
        print("\n".join(problems[-40:]) or text[-4000:], file=sys.stderr)
        first = problems[0] if problems else f"exit code {code}"
        raise BuildError(f"HTML build failed ({len(problems)} warning(s)/error(s)); first: {first.strip()[:300]}")
    _prune_images(OUT)
    written = sorted(p.stem for p in (OUT / "book").glob("*.html") if p.stat().st_mtime >= proc.ct_started)
    return OUT, written


def _prune_images(out: Path) -> None:
    """Sphinx never deletes a figure that a page stopped using; an old figure must not be published."""
    pages = "".join(p.read_text(encoding="utf-8", errors="replace") for p in out.rglob("*.html"))
    for img in (out / "_images").glob("*"):
        if img.name not in pages:
            img.unlink()
