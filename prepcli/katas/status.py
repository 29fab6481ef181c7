"""Where each kata stands for the user: one type, computed in one place.

`prep kata`, `prep stats` and their JSON all read :func:`kata_statuses`, so "best speed" means
the same everywhere: the fastest ratio among correct, timed runs (a correct but slow solution
shows how slow it is; an untimed or wrong run has no ratio).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from prepcli.katas.catalog import KataSpec
    from prepcli.store import KataSummary

STATES = ("new", "failing", "passed")


@dataclass(frozen=True)
class KataStatus:
    spec: KataSpec
    status: str  # new | failing | passed
    best_ratio: float | None
    last_attempt: datetime | None
    attempts: int


def kata_statuses(specs: Iterable[KataSpec], summaries: Mapping[str, KataSummary]) -> list[KataStatus]:
    """One status per kata of `specs`, in their order, from the store's per-kata summaries."""
    from prepcli.clock import parse_iso

    out = []
    for spec in specs:
        s = summaries.get(spec.id)
        if s is None:
            out.append(KataStatus(spec, "new", None, None, 0))
            continue
        out.append(KataStatus(spec, "passed" if s.ever_passed else "failing", s.best_correct_ratio,
                              parse_iso(s.last_ran), s.attempts))
    return out
