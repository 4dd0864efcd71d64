"""Execute notebooks with a cache that knows what each notebook read.

A notebook's cache entry is keyed on its code cells, on requirements.txt, and on the content of
every data file and analysis module it actually used (recorded in the kernel right after it ran).
So a data edit re-executes exactly the notebooks that read that file, a Markdown-only edit
re-executes none, and a new lock file re-executes all."""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path

import jupytext
import nbformat

from analysis.paths import ROOT

CACHE = ROOT / "_build" / ".cache" / "notebooks"
DEPS_CELL = """\
import json as _json, sys as _sys
from analysis import evidence as _ev
_mods = sorted({m.__file__ for n, m in list(_sys.modules.items())
                if (n == "analysis" or n.startswith("analysis.")) and getattr(m, "__file__", None)})
print("@@deps@@" + _json.dumps({"modules": _mods, "data": sorted(_ev.ACCESSED)}))
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
    return sha((ROOT / "requirements.txt").read_bytes())


def file_hashes(paths) -> dict[str, str]:
    out = {}
    for p in sorted(paths):
        f = ROOT / p
        out[p] = sha(f.read_bytes()) if f.exists() else "missing"
    return out


def stale_reason(name: str, nb) -> str | None:
    """Why a notebook must run again, or None if its cached outputs are current."""
    meta_path = CACHE / f"{name}.json"
    if not meta_path.exists() or not (CACHE / f"{name}.ipynb").exists():
        return "not executed before"
    meta = json.loads(meta_path.read_text())
    if meta["code"] != code_key(nb):
        return "code changed"
    if meta["env"] != env_key():
        return "requirements.txt changed"
    now = file_hashes(meta["deps"])
    changed = [p for p, h in meta["deps"].items() if now.get(p) != h]
    return f"{', '.join(changed)} changed" if changed else None


def _run(name: str, source: str, workdir: str) -> tuple[str, float, dict]:
    """Worker: execute one notebook in a fresh kernel; return it and what it read."""
    from nbclient import NotebookClient

    os.environ["PYTHONPATH"] = str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")
    os.environ["PYTHONHASHSEED"] = "0"
    os.environ["MPLBACKEND"] = "Agg"
    nb = nbformat.reads(source, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(DEPS_CELL))
    t0 = time.perf_counter()
    from jupyter_client import KernelManager

    # IPC sockets: the kernel talks to us through files in a private folder, not TCP ports.
    ipc_dir = tempfile.mkdtemp(prefix="ct-kernel-")
    km = KernelManager(kernel_name="python3", transport="ipc", ip=os.path.join(ipc_dir, "k"))
    try:
        NotebookClient(nb, km=km, timeout=300, allow_errors=False,
                       resources={"metadata": {"path": workdir}}).execute()
    finally:
        if km.has_kernel:
            km.shutdown_kernel(now=False)  # we own the kernel: end it before the worker exits
        shutil.rmtree(ipc_dir, ignore_errors=True)
    seconds = time.perf_counter() - t0
    last = nb.cells.pop()
    text = "".join(o.get("text", "") for o in last.outputs if o.get("output_type") == "stream")
    deps = json.loads(text.split("@@deps@@", 1)[1])
    return nbformat.writes(nb), seconds, deps


def _relative(paths) -> list[str]:
    out = []
    for p in paths:
        try:
            out.append(Path(p).resolve().relative_to(ROOT.resolve()).as_posix())
        except ValueError:
            pass
    return out


def execute_all(paths: list[Path], workdir: Path, jobs: int = 2, log=print) -> dict[str, tuple]:
    """Bring every notebook's cache entry up to date; return {name: (executed nb, Result)}."""
    CACHE.mkdir(parents=True, exist_ok=True)
    todo, results = {}, {}
    for path in paths:
        name = path.stem
        try:
            nb = jupytext.read(path)
        except Exception as exc:  # a broken header or cell marker: say which file
            from .log import BuildError
            raise BuildError(f"{path.relative_to(ROOT)} is not a readable MyST notebook: {exc}".splitlines()[0]) from None
        reason = stale_reason(name, nb)
        if reason:
            todo[name] = (path, nb, reason)
        else:
            results[name] = Result(name, False, 0.0, "up to date")
    if todo:
        log(f"executing {len(todo)} of {len(paths)} notebooks on {min(jobs, len(todo))} processes: "
            + "; ".join(f"{n} ({r})" for n, (_, _, r) in todo.items()))
        with ProcessPoolExecutor(max_workers=max(1, min(jobs, len(todo))), mp_context=get_context("spawn")) as pool:
            futures = {n: pool.submit(_run, n, nbformat.writes(nb), str(workdir)) for n, (_, nb, _) in todo.items()}
            errors = []
            for name, fut in futures.items():
                path, nb, reason = todo[name]
                try:
                    text, seconds, deps = fut.result()
                except Exception as exc:  # nbclient's CellExecutionError carries the traceback
                    text = re.sub(r"\x1b\[[0-9;]*m", "", str(exc)).strip()
                    errors.append(f"{path.relative_to(ROOT)}: {text.splitlines()[-1]}")
                    log(f"notebook {path.relative_to(ROOT)} failed:\n{text}")
                    continue
                dep_files = sorted(set(_relative(deps["modules"])) | set(deps["data"]))
                (CACHE / f"{name}.ipynb").write_text(text, encoding="utf-8")
                (CACHE / f"{name}.json").write_text(json.dumps(
                    {"code": code_key(nb), "env": env_key(), "deps": file_hashes(dep_files),
                     "seconds": round(seconds, 2)}, indent=1))
                results[name] = Result(name, True, seconds, reason)
                log(f"  {name}: {seconds:.1f} s")
            if errors:
                from .log import BuildError
                raise BuildError("notebook execution failed: " + "; ".join(errors))
    return {p.stem: (merged(p), results[p.stem]) for p in paths}


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
    for i, cell in enumerate(nb.cells):  # stable ids: the same notebook gives the same bytes, so Sphinx skips it
        cell.id = f"cell-{i}"
    return nb
