"""Helpers for the kata tests (imported by name: tests/katas is on sys.path under pytest)."""

from __future__ import annotations

from pathlib import Path

from prepcli.katas.catalog import get_kata
from prepcli.katas.check import Limits, check_kata

SOLUTIONS = Path(__file__).parent / "solutions"
QUICK = Limits(case_s=2.0, import_s=8.0)
def check(kata: str, file: str | Path, framework: str | None = None, *, timing: bool = False,
          seed: int = 7, **kw):  # type: ignore[no-untyped-def]
    path = Path(file)
    if not path.is_absolute():
        path = SOLUTIONS / kata / path
    return check_kata(get_kata(kata), path, framework, timing=timing, seed=seed,
                      limits=kw.pop("limits", QUICK), **kw)
