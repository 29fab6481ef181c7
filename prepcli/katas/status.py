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


def next_kata(statuses: Iterable[KataStatus]) -> KataStatus | None:
    """The kata to do next: a failing one first (the most recently tried), then a new one by
    level (easiest first); None when every kata is passed."""
    rows = list(statuses)
    failing = [s for s in rows if s.status == "failing"]
    if failing:
        return max(failing, key=lambda s: s.last_attempt or datetime.min)
    new = [s for s in rows if s.status == "new"]
    if new:
        return min(new, key=lambda s: (s.spec.difficulty, s.spec.topic, s.spec.id))
    return None


@dataclass(frozen=True)
class Progress:
    passed: int
    total: int
    by_topic: dict[str, tuple[int, int]]  # topic -> (passed, total)


def progress(statuses: Iterable[KataStatus]) -> Progress:
    by_topic: dict[str, tuple[int, int]] = {}
    for s in statuses:
        done, total = by_topic.get(s.spec.topic, (0, 0))
        by_topic[s.spec.topic] = (done + (s.status == "passed"), total + 1)
    return Progress(sum(d for d, _ in by_topic.values()), sum(t for _, t in by_topic.values()),
                    dict(sorted(by_topic.items())))
