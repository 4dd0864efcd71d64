"""Execute notebooks with a cache that knows what each notebook read.

A notebook's cache entry is keyed on its code cells, on requirements.txt, and on the content of
every data file and analysis module it actually used (recorded in the kernel right after it ran).
So a data edit re-executes exactly the notebooks that read that file, a Markdown-only edit
re-executes none, and a new lock file re-executes all. Notebooks run in a few long-lived
kernels (Kernel), so heavy imports and the evidence base are loaded once per kernel."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import tempfile
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import jupytext
import nbformat

from analysis.paths import ROOT

CACHE = ROOT / "_build" / ".cache" / "notebooks"
PRELUDE = """\
%reset -f
import sys as _sys
import analysis as _pkg
from analysis import evidence as _ev
if not hasattr(_sys, "_ct_core"):
    _sys._ct_core = {_n for _n in _sys.modules if _n.startswith("analysis.")}
for _n in [_n for _n in _sys.modules if _n.startswith("analysis.") and _n not in _sys._ct_core]:
    del _sys.modules[_n]
    _pkg.__dict__.pop(_n.split(".", 1)[1], None)
_ev.load()  # read once per kernel; each notebook gets its own copy, so what one changes stays there
if not hasattr(_sys, "_ct_tables"):
    _sys._ct_tables = {_k: ({_t: _d.copy(deep=True) for _t, _d in _e._tables.items()}, _e.data_dir, _e._edition)
                       for _k, _e in _ev._CACHE.items()}
for _k, (_tables, _dir, _ed) in _sys._ct_tables.items():
    _ev._CACHE[_k] = _ev.Evidence({_t: _d.copy(deep=True) for _t, _d in _tables.items()}, _dir, _ed)
_ev.ACCESSED.clear()
if not hasattr(_ev, "_ct_as_of"):  # the as-of date is recorded as its value, not as the files it comes from
    _ev._ct_as_of, _fget = set(), _ev.Evidence.as_of.fget
    def _as_of(self, _fget=_fget, _ev=_ev):
        before = set(_ev.ACCESSED)
        value = _fget(self)
        _ev.ACCESSED.clear()
        _ev.ACCESSED.update(before)
        _ev._ct_as_of.add(str(value))
        return value
    _ev.Evidence.as_of = property(_as_of)
    del _as_of, _fget
_ev._ct_as_of.clear()
for _v in ("_pkg", "_ev", "_sys", "_n", "_k", "_e", "_tables", "_dir", "_ed", "_v"):
    globals().pop(_v, None)
"""
# The libraries the analysis package imports: a kernel kept ready by `make serve` imports them while
# it waits, and holds no data or analysis module, so a notebook finds it as fresh as a new kernel.
PRELOAD = "import matplotlib.pyplot, networkx, numpy, pandas, pybtex.database, pydantic, yaml"
DEPS_CELL = """\
import json as _json, sys as _sys
from analysis import evidence as _ev
_mods = sorted({m.__file__ for n, m in list(_sys.modules.items())
                if (n == "analysis" or n.startswith("analysis.")) and getattr(m, "__file__", None)})
print("@@deps@@" + _json.dumps({"modules": _mods, "data": sorted(_ev.ACCESSED), "as_of": sorted(_ev._ct_as_of)}))
"""


@dataclass
class Result:
    name: str
    executed: bool
    seconds: float
    reason: str


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def code_key(nb) -> str:
    cells = [c.source for c in nb.cells if c.cell_type == "code"]
    return sha(json.dumps([nb.metadata.get("kernelspec", {}).get("name"), cells]).encode())


def env_key() -> str:
    """The lock file, and how the build runs notebooks and records what they read."""
    return sha((ROOT / "requirements.txt").read_bytes() + PRELUDE.encode() + DEPS_CELL.encode())


def file_hashes(paths) -> dict[str, str]:
    """The content of each file read; a folder read as a whole (data/editions/) by its files' names
    and contents, so adding a file to it counts as a change."""
    out = {}
    for p in sorted(paths):
        f = ROOT / p
        if f.is_dir():
            out[p] = sha(b"".join(g.name.encode() + b"\0" + sha(g.read_bytes()).encode() for g in sorted(f.iterdir())))
        else:
            out[p] = sha(f.read_bytes()) if f.exists() else "missing"
    return out


def stale_reason(name: str, nb, as_of: str) -> str | None:
    """Why a notebook must run again, or None if its cached outputs are current. A notebook that
    showed the as-of date depends on that date, not on every record that could move it."""
    meta_path = CACHE / f"{name}.json"
    if not meta_path.exists() or not (CACHE / f"{name}.ipynb").exists():
        return "not executed before"
    meta = json.loads(meta_path.read_text())
    if meta["code"] != code_key(nb):
        return "code changed"
    if meta["env"] != env_key():
        return "requirements.txt or the executor changed"
    if meta.get("as_of", []) not in ([], [as_of]):
        return f"the as-of date changed to {as_of}"
    now = file_hashes(meta["deps"])
    changed = [p for p, h in meta["deps"].items() if now.get(p) != h]
    return f"{', '.join(changed)} changed" if changed else None


class Kernel:
    """One kernel that runs notebooks one after another, so pandas, matplotlib and the loaded
    evidence base are imported and read once per kernel, not once per notebook. Before each
    notebook the kernel forgets the last one: its variables (%reset) and the analysis modules it
    imported (so they are imported again and recorded as read); only the evidence loader and the
    data it memoises stay. Figures are drawn in their own style context (analysis.style.styled)."""

    def __init__(self, workdir: str):
        from jupyter_client import KernelManager

        self.ipc_dir = tempfile.mkdtemp(prefix="ct-kernel-")  # IPC sockets in a private folder, not TCP ports
        self.km = KernelManager(kernel_name="python3", transport="ipc", ip=os.path.join(self.ipc_dir, "k"))
        env = dict(
            os.environ,
            PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""),
            PYTHONHASHSEED="0",
            MPLBACKEND="Agg",
        )
        self.km.start_kernel(cwd=workdir, env=env)
        self.kc = None  # one connected client for every notebook (see `_execute`)

    def _execute(self, nb) -> None:
        """Run a notebook on this kernel through the client the last one used: a new client waits
        0.2 s for its channels to go quiet before the first cell, 4 s of a 20-notebook build."""
        from nbclient import NotebookClient

        client = NotebookClient(nb, km=self.km, timeout=300, allow_errors=False)
        client.kc = self.kc
        try:
            client.execute()
        finally:
            self.kc = client.kc

    def run(self, source: str) -> tuple[str, float, dict]:
        nb = nbformat.reads(source, as_version=4)
        nb.cells.insert(0, nbformat.v4.new_code_cell(PRELUDE))
        nb.cells.append(nbformat.v4.new_code_cell(DEPS_CELL))
        t0 = time.perf_counter()
        self._execute(nb)
        seconds = time.perf_counter() - t0
        nb.cells.pop(0)
        last = nb.cells.pop()
        text = "".join(o.get("text", "") for o in last.outputs if o.get("output_type") == "stream")
        deps = json.loads(text.split("@@deps@@", 1)[1])
        count = 0
        for cell in nb.cells:  # numbered as a fresh kernel numbers them
            if cell.cell_type == "code":
                count += 1
                cell.execution_count = count
                for out in cell.outputs:
                    if "execution_count" in out:
                        out["execution_count"] = count
        return nbformat.writes(nb), seconds, deps

    def preload(self) -> Kernel:
        self._execute(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(PRELOAD)]))
        return self

    def close(self) -> None:
        if self.kc is not None:
            self.kc.stop_channels()
        if self.km.has_kernel:
            self.km.shutdown_kernel(now=False)
        shutil.rmtree(self.ipc_dir, ignore_errors=True)


def _relative(paths) -> list[str]:
    out = []
    for p in paths:
        with contextlib.suppress(ValueError):
            out.append(Path(p).resolve().relative_to(ROOT.resolve()).as_posix())
    return out


def execute_all(
    paths: list[Path], workdir: Path, as_of: str, jobs: int = 2, log=print, ready: list | None = None
) -> dict[str, tuple]:
    """Bring every notebook's cache entry up to date; return {name: (executed nb, Result)}. Kernels
    in `ready` (started in `workdir` and preloaded, or futures of such, see `warm_kernels`) are used
    before new ones are started."""
    CACHE.mkdir(parents=True, exist_ok=True)
    todo, results = {}, {}
    for path in paths:
        name = path.stem
        try:
            nb = jupytext.read(path)
        except Exception as exc:  # a broken header or cell marker: say which file
            from .log import BuildError

            raise BuildError(
                f"{path.relative_to(ROOT)} is not a readable MyST notebook: {exc}".splitlines()[0]
            ) from None
        reason = stale_reason(name, nb, as_of)
        if reason:
            todo[name] = (path, nb, reason)
        else:
            results[name] = Result(name, False, 0.0, "up to date")
    if todo:
        jobs = max(1, min(jobs, len(todo)))
        by_reason: dict[str, list[str]] = {}  # one line per reason, not one per notebook: readable at 20+
        for n, (_, _, r) in todo.items():
            by_reason.setdefault(r, []).append(n)
        log(
            f"executing {len(todo)} of {len(paths)} notebooks on {jobs} kernels:\n"
            + "\n".join(f"    {', '.join(names)}: {r}" for r, names in by_reason.items())
        )
        queue = sorted(todo, key=lambda n: -_last_seconds(n))  # longest first: the kernels finish together
        lock, errors = threading.Lock(), []

        def take() -> Kernel:
            with lock:
                while ready:
                    kernel = ready.pop()
                    kernel = kernel.result() if isinstance(kernel, Future) else kernel
                    if kernel.km.is_alive():
                        return kernel
                    kernel.close()
            return Kernel(str(workdir))

        def worker():
            kernel = None
            try:
                while True:
                    with lock:
                        if not queue:
                            return
                        name = queue.pop(0)
                    path, nb, reason = todo[name]
                    kernel = kernel or take()
                    try:
                        text, seconds, deps = kernel.run(nbformat.writes(nb))
                    except Exception as exc:  # nbclient's CellExecutionError carries the traceback
                        text = re.sub(r"\x1b\[[0-9;]*m", "", str(exc)).strip()
                        with lock:
                            errors.append(
                                f"{path.relative_to(ROOT)}: {text.splitlines()[-1] if text else type(exc).__name__}"
                            )
                        log(f"notebook {path.relative_to(ROOT)} failed:\n{text}")
                        kernel.close()
                        kernel = None  # a fresh kernel for the next notebook
                        continue
                    dep_files = sorted(set(_relative(deps["modules"])) | set(deps["data"]))
                    (CACHE / f"{name}.ipynb").write_text(text, encoding="utf-8")
                    (CACHE / f"{name}.json").write_text(
                        json.dumps(
                            {
                                "code": code_key(nb),
                                "env": env_key(),
                                "deps": file_hashes(dep_files),
                                "as_of": deps["as_of"],
                                "seconds": round(seconds, 2),
                            },
                            indent=1,
                        )
                    )
                    results[name] = Result(name, True, seconds, reason)
                    log(f"  {name}: {seconds:.1f} s")
            finally:
                if kernel:
                    kernel.close()

        threads = [threading.Thread(target=worker) for _ in range(jobs)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        if errors:
            from .log import BuildError

            raise BuildError("notebook execution failed: " + "; ".join(errors))
    return {p.stem: (merged(p), results[p.stem]) for p in paths}


def warm_kernels(workdir: Path, jobs: int) -> list[Future]:
    """Kernels started and preloaded in the background while the build validates the data, for
    `execute_all(ready=...)`; those it does not take are closed by `close_unused`."""
    pool = ThreadPoolExecutor(jobs, thread_name_prefix="warm-kernel")
    futures = [pool.submit(lambda: Kernel(str(workdir)).preload()) for _ in range(jobs)]
    pool.shutdown(wait=False)
    return futures


def close_unused(ready: list) -> None:
    """Close the kernels no notebook took; one still starting is closed once it is up, without
    holding up the build (a Markdown-only edit needs none)."""

    def close(kernel) -> None:
        with contextlib.suppress(Exception):
            (kernel.result() if isinstance(kernel, Future) else kernel).close()

    for kernel in ready:
        if isinstance(kernel, Future) and not kernel.done():
            kernel.add_done_callback(close)
        else:
            close(kernel)
    ready.clear()


def _last_seconds(name: str) -> float:
    try:
        return json.loads((CACHE / f"{name}.json").read_text())["seconds"]
    except (OSError, ValueError, KeyError):
        return 0.0


def merged(path: Path):
    """The current notebook text with the cached outputs of its (unchanged) code cells."""
    nb = jupytext.read(path)
    cached = nbformat.read(CACHE / f"{path.stem}.ipynb", as_version=4)
    code_now = [c for c in nb.cells if c.cell_type == "code"]
    code_old = [c for c in cached.cells if c.cell_type == "code"]
    for new, old in zip(code_now, code_old):
        new.outputs = old.outputs
        new.execution_count = old.execution_count
    nb.metadata.pop("jupytext", None)
    nb.metadata["source_map"] = source_map(path.read_text(encoding="utf-8"), nb)
    for i, cell in enumerate(nb.cells):  # stable ids: the same notebook gives the same bytes, so Sphinx skips it
        cell.id = f"cell-{i}"
    return nb


def source_map(text: str, nb) -> list[int]:
    """Where each cell's text starts in the MyST file, as MyST-NB's `source_map` notebook metadata
    wants it, so that Sphinx numbers a notebook's lines as the file the maintainer wrote (without
    it, a warning names the cell index times 10000). MyST-NB adds one to the entry and MyST one more
    (both count from 1), so the entry is the 0-based line less one; tests/test_locate.py checks it."""
    lines, pos = [], 0
    for cell in nb.cells:
        at = text.find(cell.source, pos) if cell.source else -1
        at = pos if at < 0 else at  # not found verbatim: just after the previous cell
        lines.append(text.count("\n", 0, at) - 1)
        pos = at + len(cell.source)
    return lines
