"""Shared fixtures. The book is built once per test session, in a temporary copy of the project."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from publish.isolated import copy_project, run_build

FIXTURES = Path(__file__).parent / "fixtures"


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
