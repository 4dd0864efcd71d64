"""Build a copy of the project in its own folder (tests and `make bench` use it), so the real
_build/ is never touched."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from analysis.paths import ROOT

NOT_COPIED = shutil.ignore_patterns(".venv", "_build", ".git", "__pycache__", ".pytest_cache", "*.pyc")


def copy_project(target: Path, source: Path = ROOT) -> Path:
    shutil.copytree(source, target, ignore=NOT_COPIED, symlinks=True)
    return target


def run_build(project: Path, *args: str, timeout: int = 900) -> subprocess.CompletedProcess:
    """`python -m publish` on the copy, with the copy's own code and data."""
    env = dict(os.environ, CT_REPORT_ROOT=str(project), PYTHONPATH=str(project))
    return subprocess.run(
        [sys.executable, "-m", "publish", *args], cwd=project, env=env, capture_output=True, text=True, timeout=timeout
    )
