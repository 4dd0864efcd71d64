"""Progress lines with timings, so a long build says what it is doing."""

from __future__ import annotations

import sys
import time
from contextlib import contextmanager

TIMINGS: dict[str, float] = {}


def say(msg: str) -> None:
    print(f"[book] {msg}", flush=True)


@contextmanager
def step(name: str):
    say(f"{name} ...")
    t0 = time.perf_counter()
    yield
    TIMINGS[name] = time.perf_counter() - t0
    say(f"{name}: done in {TIMINGS[name]:.1f} s")


class BuildError(Exception):
    """A failure with a one-line reason for the end of the build output."""


def fail(reason: str) -> int:
    print(f"[book] FAILED: {reason}", file=sys.stderr, flush=True)
    return 1
