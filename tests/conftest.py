"""Shared fixtures. The book is built once per test run, in a temporary copy of the project, and
shared by every test and every pytest-xdist worker that needs it."""

from __future__ import annotations

import fcntl
import json
import shutil
from pathlib import Path

import pytest

from publish.isolated import copy_project, run_build

FIXTURES = Path(__file__).parent / "fixtures"


def pytest_collection_modifyitems(items):
    """Tests that need a built book are marked `book`: `make test-fast` leaves them out."""
    for item in items:
        if "built_book" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.book)


@pytest.fixture(scope="session")
def built_book(tmp_path_factory) -> Path:
    """A full `make book` build of a copy of the project (the project dir, with _build/).

    Under pytest-xdist each worker has its own session; the first to get the lock builds in the
    run's shared temporary folder and records the outcome, the others wait and reuse it."""
    shared = tmp_path_factory.getbasetemp()
    if shared.name.startswith("popen-gw"):  # an xdist worker: the run's folder is one up
        shared = shared.parent
    project, outcome = shared / "book" / "project", shared / "book" / "outcome.json"
    outcome.parent.mkdir(exist_ok=True)
    with open(shared / "book.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not outcome.exists():
            copy_project(project)
            result = run_build(project)
            outcome.write_text(
                json.dumps({"ok": result.returncode == 0, "log": result.stdout[-6000:] + "\n" + result.stderr[-6000:]})
            )
    done = json.loads(outcome.read_text())
    if not done["ok"]:
        pytest.fail(f"book build failed:\n{done['log']}")
    return project


@pytest.fixture()
def valid_data(tmp_path) -> Path:
    """A writable copy of the small valid evidence base."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURES / "valid", target)
    return target
