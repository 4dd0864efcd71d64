"""Run Jupyter Book (Sphinx) on the staged sources: HTML and singlehtml side by side."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from ..paths import ROOT
from .log import BuildError


def start(src: Path, out: Path, builder: str, epoch: int) -> subprocess.Popen:
    """Warnings are errors (-W), references are checked (-n), and every warning is listed
    (--keep-going); the output folder is new each time, so no old doctree hides a warning."""
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""),
               PYTHONHASHSEED="0", SOURCE_DATE_EPOCH=str(epoch))  # dates in the pages follow the data
    jb = Path(sys.executable).with_name("jupyter-book")
    cmd = [str(jb), "build", str(src), "--path-output", str(out), "--builder", builder,
           "--all", "-W", "-n", "--keep-going", "-q"]
    out.mkdir(parents=True, exist_ok=True)
    log = open(out / f"{builder}.log", "w")
    return subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=src)


def wait(proc: subprocess.Popen, out: Path, builder: str) -> Path:
    code = proc.wait()
    text = (out / f"{builder}.log").read_text(errors="replace")
    if code != 0:
        problems = [l for l in text.splitlines() if re.search(r"(WARNING|ERROR|Error|error)", l)]
        print("\n".join(problems[-40:]) or text[-4000:], file=sys.stderr)
        first = problems[0] if problems else f"exit code {code}"
        raise BuildError(f"{builder} build failed ({len(problems)} warning(s)/error(s)); first: {first.strip()[:300]}")
    return out / "_build" / builder
