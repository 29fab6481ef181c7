"""Where prep keeps things: the data dir (PREP_HOME), user banks, the kata workspace."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def data_dir() -> Path:
    """`PREP_HOME` if set, else the platform's user data dir (e.g. ~/.local/share/prep)."""
    home = os.environ.get("PREP_HOME")
    if home:
        return Path(home).expanduser()
    import platformdirs  # only needed when PREP_HOME is not set

    return Path(platformdirs.user_data_dir("prep", appauthor=False))


def store_path() -> Path:
    return data_dir() / "progress.sqlite3"


def workspace_dir() -> Path:
    """Where kata stubs are written for the user to edit (`PREP_WORKSPACE` overrides)."""
    ws = os.environ.get("PREP_WORKSPACE")
    return Path(ws).expanduser() if ws else data_dir() / "workspace"


def shipped_banks_dir() -> Path:
    """The banks that ship with prep: inside the wheel, or the repo's `questions/` in a checkout."""
    return _shipped("questions")


def shipped_katas_dir() -> Path:
    return _shipped("katas")


def user_bank_dirs() -> list[Path]:
    """`<data dir>/questions` first, then each entry of `PREP_BANKS` (os.pathsep-separated)."""
    dirs = [data_dir() / "questions"]
    extra = os.environ.get("PREP_BANKS", "")
    dirs += [Path(p).expanduser() for p in extra.split(os.pathsep) if p.strip()]
    return dirs


def cache_dir() -> Path:
    return data_dir() / "cache"


def _shipped(name: str) -> Path:
    # In a wheel the data is installed as prepcli/_data/<name>; in a source checkout it is
    # the top-level folder next to the package.
    bundled = PACKAGE_DIR / "_data" / name
    if bundled.is_dir():
        return bundled
    return PACKAGE_DIR.parent / name
