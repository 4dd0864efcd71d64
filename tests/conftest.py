"""Shared fixtures. The book is built once per test session, in a temporary copy of the project."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
COPY_IGNORE = shutil.ignore_patterns(".venv", "_build", ".git", "__pycache__", ".pytest_cache", "*.pyc")


def copy_project(target: Path) -> Path:
    shutil.copytree(ROOT, target, ignore=COPY_IGNORE, symlinks=True)
    return target


def run_build(project: Path, *args: str, timeout: int = 900) -> subprocess.CompletedProcess:
    env = dict(os.environ, CT_REPORT_ROOT=str(project), PYTHONPATH=str(project))
    return subprocess.run([sys.executable, "-m", "analysis.build", *args], cwd=project, env=env,
                          capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="session")
def built_book(tmp_path_factory) -> Path:
    """A full `make book` build of a copy of the project: (project dir with _build/)."""
    project = copy_project(tmp_path_factory.mktemp("book") / "project")
    result = run_build(project)
    if result.returncode != 0:
        pytest.fail(f"book build failed:\n{result.stdout[-6000:]}\n{result.stderr[-6000:]}")
    return project


@pytest.fixture()
def valid_data(tmp_path) -> Path:
    """A writable copy of the small valid evidence base."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURES / "valid", target)
    return target
