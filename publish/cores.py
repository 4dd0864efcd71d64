"""Work on both cores: the build's only home-made parallel map, shared by the glossary gate and the
print cut, which each parse every built page."""

from __future__ import annotations

from concurrent.futures import Executor, ProcessPoolExecutor
from multiprocessing import get_context


def largest_first(fn, jobs: list[tuple], sizes: list[int], pool: Executor | None = None) -> list:
    """fn(*job) for every job in forked processes (`pool`, or two of its own), the largest first so that
    neither core is left with a large one at the end; the results in the jobs' order."""
    if pool is None:
        with ProcessPoolExecutor(2, mp_context=get_context("fork")) as own:
            return largest_first(fn, jobs, sizes, own)
    order = sorted(range(len(jobs)), key=lambda i: -sizes[i])
    done = pool.map(fn, *zip(*(jobs[i] for i in order))) if jobs else []
    out: list = [None] * len(jobs)
    for i, result in zip(order, done):
        out[i] = result
    return out
