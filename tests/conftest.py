"""Shared fixtures. The book is built once per test run, in a temporary copy of the project, and
shared by every test and every pytest-xdist worker that needs it."""

from __future__ import annotations

import fcntl
import json
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from publish.isolated import copy_project, run_build

FIXTURES = Path(__file__).parent / "fixtures"


def pytest_collection_modifyitems(items):
    """Tests that need a built book are marked `book`: `make test-fast` leaves them out."""
    for item in items:
        if {"built_book", "second_cold_build"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.book)


def _cold_builds(tmp_path_factory) -> dict:
    """Two full `make book` builds of two copies of the project, made at the same time: every test of
    the built book reads the first; the test that two cold builds are identical compares the second
    with it. Much of a build runs on one core (Sphinx's writing, the PDF), so the second costs the
    run little next to building it after the first.

    Under pytest-xdist each worker has its own session; the first to get the lock builds in the
    run's shared temporary folder and records the outcome, the others wait and reuse it."""
    shared = tmp_path_factory.getbasetemp()
    if shared.name.startswith("popen-gw"):  # an xdist worker: the run's folder is one up
        shared = shared.parent
    projects = {"first": shared / "book" / "project", "second": shared / "book" / "again"}
    outcome = shared / "book" / "outcome.json"
    outcome.parent.mkdir(exist_ok=True)
    with open(shared / "book.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not outcome.exists():
            with ThreadPoolExecutor(2) as pool:
                results = dict(zip(projects, pool.map(lambda p: run_build(copy_project(p)), projects.values())))
            outcome.write_text(
                json.dumps(
                    {
                        name: {"ok": r.returncode == 0, "log": r.stdout[-6000:] + "\n" + r.stderr[-6000:]}
                        for name, r in results.items()
                    }
                )
            )
    return {name: (projects[name], done) for name, done in json.loads(outcome.read_text()).items()}


def _built(tmp_path_factory, name: str) -> Path:
    project, done = _cold_builds(tmp_path_factory)[name]
    if not done["ok"]:
        pytest.fail(f"book build failed:\n{done['log']}")
    return project


@pytest.fixture(scope="session")
def built_book(tmp_path_factory) -> Path:
    """A full `make book` build of a copy of the project (the project dir, with _build/)."""
    return _built(tmp_path_factory, "first")


@pytest.fixture(scope="session")
def report_pdf(built_book):
    """The built report, read once per test process: pypdf takes seconds to walk its page tree,
    and the tests only read it."""
    from pypdf import PdfReader

    return PdfReader(built_book / "_build" / "pdf" / "report.pdf")


@pytest.fixture(scope="session")
def second_cold_build(tmp_path_factory) -> Path:
    """Another cold build of another copy of the same sources, made alongside `built_book`."""
    return _built(tmp_path_factory, "second")


@pytest.fixture()
def valid_data(tmp_path) -> Path:
    """A writable copy of the small valid evidence base."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURES / "valid", target)
    return target
