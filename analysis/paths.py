"""Where things live. Everything is relative to the repository root, never to the caller's cwd."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

ROOT = Path(os.environ.get("CT_REPORT_ROOT", Path(__file__).resolve().parent.parent))
DATA = ROOT / "data"
BOOK = ROOT / "book"
BUILD = ROOT / "_build"


def rel(path: Path) -> str:
    """A path as a data editor sees it: relative to the repository root."""
    return _rel(str(path))


@lru_cache(maxsize=4096)
def _rel(path: str) -> str:
    # Every read of a table names its file (for the data-aware cache): tens of thousands of calls
    # in the tests, each resolving the path on disk; kept, they cost nothing.
    try:
        return Path(path).resolve().relative_to(ROOT.resolve()).as_posix()
    except ValueError:
        return Path(path).as_posix()
