"""`prep doctor`: check the store with SQLite's integrity check; set a broken one aside on request."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from prepcli.clock import utcnow
from prepcli.errors import StoreError
from prepcli.store import open_store


@dataclass
class DoctorReport:
    ok: bool
    lines: list[str] = field(default_factory=list)


def check_store(path: Path | None = None, *, move_aside: bool = False) -> DoctorReport:
    from prepcli.paths import store_path

    path = path or store_path()
    if not path.exists():
        return DoctorReport(True, [f"{path}: no store yet; it is created by your first answer."])
    problems: list[str]
    try:
        with open_store(path) as store:
            problems = store.integrity_check()
    except StoreError as exc:
        problems = [str(exc)]
    if not problems:
        return DoctorReport(True, [f"{path}: OK (SQLite integrity check passed)."])
    lines = [f"{path}: BROKEN"] + [f"  {p}" for p in problems[:10]]
    if not move_aside:
        lines.append("Run `prep doctor --move-aside` to keep this file as a backup and start a "
                     "fresh store (`prep import` can bring back an export).")
        return DoctorReport(False, lines)
    backup = path.with_name(f"{path.name}.broken-{utcnow().strftime('%Y%m%dT%H%M%S')}")
    for suffix in ("", "-wal", "-shm"):
        side = Path(str(path) + suffix)
        if side.exists():
            os.replace(side, Path(str(backup) + suffix))
    with open_store(path):
        pass
    lines.append(f"Moved it to {backup}; a fresh store is at {path}.")
    return DoctorReport(True, lines)
