"""What `prep kata` does around a check: the list, the next kata, hints, recording a run, and
the quiz questions on the same idea. Plain functions over the store and the catalogs, so the
CLI only parses and renders, and tests call these directly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from prepcli.errors import StoreError, UsageError
from prepcli.katas.status import STATES, KataStatus, Progress, kata_statuses, next_kata, progress

if TYPE_CHECKING:
    from prepcli.banks.model import Catalog
    from prepcli.katas.catalog import KataSpec
    from prepcli.katas.verdict import KataVerdict
    from prepcli.store import KataSummary, Store


@dataclass(frozen=True)
class KataList:
    rows: list[KataStatus]
    warning: str | None = None  # why statuses could not be read (they then all show as new)


def summaries(store: Store | None) -> tuple[dict[str, KataSummary], str | None]:
    """The store's kata summaries, or none and a warning when the store cannot be read."""
    if store is None:
        from prepcli.store import open_store

        try:
            with open_store() as s:
                return s.kata_summaries(), None
        except StoreError as exc:
            return {}, f"your kata progress could not be read, so every kata shows as new: {exc}"
    return store.kata_summaries(), None


def kata_list(specs: Sequence[KataSpec], *, topic: str | None = None, status: str | None = None,
              store: Store | None = None) -> KataList:
    """The katas by topic and level with the user's status, filtered by topic and status."""
    if status is not None and status not in STATES:
        raise UsageError(f"unknown status {status!r}; use one of {', '.join(STATES)}")
    topics = sorted({s.topic for s in specs})
    if topic is not None and topic not in topics:
        from prepcli.suggest import unknown_message

        raise UsageError(unknown_message("kata topic", topic, topics))
    chosen = sorted((s for s in specs if topic is None or s.topic == topic),
                    key=lambda s: (s.topic, s.difficulty, s.id))
    known, warning = summaries(store)
    rows = [r for r in kata_statuses(chosen, known) if status is None or r.status == status]
    return KataList(rows, warning)


@dataclass(frozen=True)
class NextKata:
    next: KataStatus | None  # None when every kata is passed
    progress: Progress
    warning: str | None = None


def what_next(specs: Sequence[KataSpec], store: Store | None = None) -> NextKata:
    """The kata to do next (failing first, then new by level) and the passed count by topic."""
    known, warning = summaries(store)
    statuses = kata_statuses(specs, known)
    return NextKata(next_kata(statuses), progress(statuses), warning)


@dataclass(frozen=True)
class Hint:
    number: int  # 1-based
    total: int
    text: str


def next_hint(store: Store, spec: KataSpec) -> Hint | None:
    """The next hint of a kata (one more each time, the last one repeats); None if it has none."""
    if not spec.hints:
        return None
    key = f"kata.{spec.id}.hints_shown"
    shown = int(store.get_setting(key) or 0)
    k = min(shown, len(spec.hints) - 1)
    store.set_setting(key, str(min(shown + 1, len(spec.hints))))
    return Hint(k + 1, len(spec.hints), spec.hints[k])


def has_passed(store: Store, spec: KataSpec) -> bool:
    summary = store.kata_summaries().get(spec.id)
    return summary is not None and summary.ever_passed


def record_check(spec: KataSpec, verdict: KataVerdict, store: Store | None = None) -> str | None:
    """Record a finished check in the store and keep a wrong case for `--replay`; returns a
    warning when the store cannot be written, which must never hide the verdict."""
    from prepcli.katas import workspace as ws

    if verdict.error == "internal":
        return None
    if not verdict.passed and not verdict.correct:
        ws.save_replay(spec, verdict)
    try:
        if store is not None:
            ws.record(store, verdict)
        else:
            from prepcli.store import open_store

            with open_store() as s:
                ws.record(s, verdict)
    except StoreError as exc:
        return f"the check was not recorded: {exc}"
    return None


@dataclass(frozen=True)
class Related:
    tags: tuple[str, ...]
    questions: int


def related_questions(catalog: Catalog, spec: KataSpec) -> Related:
    """The quiz questions that share a tag with the kata (what `prep quiz --tag ...` asks)."""
    questions = catalog.all_questions()
    tags = tuple(t for t in spec.tags if any(t in q.tags for q in questions))
    return Related(tags, sum(1 for q in questions if set(q.tags) & set(tags)))
