"""One hash over files and folders of the project: equal hashes mean equal inputs."""
from __future__ import annotations

import hashlib

from analysis.paths import ROOT


def digest(names: list[str], salt: str = "") -> str:
    h = hashlib.sha256(salt.encode() + b"\0")
    for name in names:
        p = ROOT / name
        files = [p] if p.is_file() else sorted(f for f in p.rglob("*") if f.is_file() and "__pycache__" not in f.parts)
        for f in files:
            h.update(f.relative_to(ROOT).as_posix().encode() + b"\0" + f.read_bytes() + b"\0")
    return h.hexdigest()
