"""Which questions a session asks, in which order.

Due reviews first (most overdue first), then unseen questions, then the weakest seen
ones (lowest predicted recall now, or on the interview day when one is set).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from prepcli.banks.model import Question
from prepcli.store import CardRow


@dataclass(frozen=True)
class Filters:
    tags: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    difficulties: tuple[int, ...] = ()


@dataclass(frozen=True)
class Pick:
    question: Question
    reason: str  # "due", "new" or "weak"


def apply_filters(questions: Sequence[Question], f: Filters) -> list[Question]:
    out = []
    for q in questions:
        if f.tags and not set(f.tags) & set(q.tags):
            continue
        if f.types and q.type not in f.types:
            continue
        if f.difficulties and q.difficulty not in f.difficulties:
            continue
        out.append(q)
    return out


def select(
    questions: Sequence[Question],
    cards: dict[str, CardRow],
    *,
    count: int,
    now: datetime,
    rng: random.Random,
    recall: dict[str, float] | None = None,
    only: str | None = None,
) -> list[Pick]:
    """Pick up to `count` questions.

    Args:
        cards: scheduled cards by question id (questions without one are new).
        recall: predicted recall per seen question id, used to rank the weakest
            (computed at the interview date when one is set).
        only: "due" or "new" restricts to one kind.
    """
    due, new, seen = [], [], []
    for q in questions:
        card = cards.get(q.id)
        if card is None:
            new.append(q)
        elif card.due <= now:
            due.append((card.due, q))
        else:
            seen.append(q)
    due.sort(key=lambda pair: (pair[0], pair[1].id))
    rng.shuffle(new)
    # Easy-first among new questions gives a newcomer a foothold; shuffle keeps variety.
    new.sort(key=lambda q: q.difficulty)
    recall = recall or {}
    seen.sort(key=lambda q: (recall.get(q.id, 1.0), q.id))

    picks: list[Pick] = [Pick(q, "due") for _, q in due]
    if only != "due":
        picks += [Pick(q, "new") for q in new]
    if only is None:
        picks += [Pick(q, "weak") for q in seen]
    if only == "new":
        picks = [p for p in picks if p.reason == "new"]
    return picks[:count]
