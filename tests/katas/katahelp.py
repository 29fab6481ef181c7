"""Helpers for the kata tests (imported by name: tests/katas is on sys.path under pytest)."""

from __future__ import annotations

import re
from pathlib import Path

from prepcli.katas.catalog import get_kata, load_katas
from prepcli.katas.orchestrate import Limits, check_kata

SOLUTIONS = Path(__file__).parent / "solutions"
# per-case limit of the tests: torch's first forward/backward takes seconds on a busy machine
# (tests about timeouts pass their own, shorter limits)
QUICK = Limits(case_s=10.0, import_s=15.0)
# katas whose outputs are random (compared statistically, not against the reference's values)
RANDOM_KATAS = frozenset({"dropout", "random_masking"})
ALL = [k.id for k in load_katas()]
MINE = [k for k in ALL if k not in RANDOM_KATAS]  # deterministic: mistakes comparable in-process


def check(kata: str, file: str | Path, framework: str | None = None, *, timing: bool = False,
          seed: int = 7, **kw):  # type: ignore[no-untyped-def]
    path = Path(file)
    if not path.is_absolute():
        path = SOLUTIONS / kata / path
    return check_kata(get_kata(kata), path, framework, timing=timing, seed=seed,
                      limits=kw.pop("limits", QUICK), **kw)


def wrong_file_name(mistake_id: str) -> str:
    """``tests/katas/solutions/<kata>/`` file that makes the mistake: ``plus-one`` -> wrong_plus_one.py."""
    return "wrong_" + re.sub(r"[^A-Za-z0-9]", "_", mistake_id) + ".py"
