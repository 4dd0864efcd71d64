"""Build or serve a copy of the project in its own folder (tests and `make bench` use it), so the
real _build/ is never touched."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.request
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


class Served:
    """`make serve` running on a copy of the project (tests and `make bench`): its address, what it
    has printed so far, and how to stop it as Ctrl-C in its terminal would."""

    def __init__(self, project: Path, timeout: float = 60):
        env = dict(os.environ, CT_REPORT_ROOT=str(project), PYTHONPATH=str(project))
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "publish.serve", "--port", "0"],
            cwd=project,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,  # its own process group, as a terminal gives it
        )
        self.lines: list[str] = []
        self._address = threading.Event()
        threading.Thread(target=self._read, daemon=True).start()
        if not self._address.wait(timeout):
            self.stop()
            raise RuntimeError("make serve did not start:\n" + self.output())
        self.url = re.search(r"http://127\.0\.0\.1:\d+", self.output())[0]

    def _read(self) -> None:
        for line in self.proc.stdout:
            self.lines.append(line)
            if "serving http://" in line:
                self._address.set()

    def output(self) -> str:
        return "".join(self.lines)

    def status(self) -> dict:
        with urllib.request.urlopen(f"{self.url}/__serve/status", timeout=10) as r:
            return json.loads(r.read())

    def wait_idle(self, timeout: float = 900) -> dict:
        """The status once no rebuild and no PDF is running."""
        end = time.time() + timeout
        while time.time() < end:
            s = self.status()
            if not s["busy"] and not s["pdf"]:
                return s
            time.sleep(0.2)
        raise TimeoutError("make serve is still building:\n" + self.output()[-3000:])

    def stop(self, timeout: float = 60) -> int:
        """Ctrl-C in its terminal (SIGINT to its process group); its exit code."""
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGINT)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        return self.proc.returncode
