"""Put a session together: topics -> filtered questions -> picks, with the store and scheduler."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime

from prepcli.banks.catalog import find_topics
from prepcli.banks.model import Catalog, Question
from prepcli.banks.types import TYPE_NAMES
from prepcli.clock import utcnow
from prepcli.errors import UsageError
from prepcli.quiz.select import Filters, Pick, apply_filters, select
from prepcli.quiz.session import QuizSession
from prepcli.settings import Settings
from prepcli.store import Store


@dataclass(frozen=True)
class QuizRequest:
    topics: tuple[str, ...] = ()
    count: int = 10
    filters: Filters = Filters()
    seed: int | None = None
    only: str | None = None  # "due" | "new" | None
    record: bool = True
    desired_retention: float | None = None
    ids: tuple[str, ...] = ()  # ask exactly these questions, in this order (topics/filters ignored)


def plan_session(catalog: Catalog, store: Store, req: QuizRequest,
                 now: datetime | None = None) -> QuizSession:
    """Choose the questions for a session and return the session, ready to run."""
    if req.count < 1:
        raise UsageError(f"--count must be at least 1, got {req.count}")
    now = now or utcnow()
    if req.ids:
        return _session_for_ids(catalog, store, req)
    topics = find_topics(catalog, list(req.topics))
    _check_filters(catalog, req.filters)
    questions = apply_filters([q for t in topics for q in t.questions], req.filters)
    settings = Settings.load(store)
    retention = req.desired_retention or settings.desired_retention
    from prepcli.srs import Scheduler, interview_moment

    scheduler = Scheduler(retention)
    cards = store.cards([q.id for q in questions])
    at = now
    if settings.interview_date is not None and interview_moment(settings.interview_date) > now:
        at = interview_moment(settings.interview_date)
    recall = {qid: scheduler.retrievability(c.card, at) for qid, c in cards.items() if c.due > now}
    rng = random.Random(req.seed)
    picks = select(questions, cards, count=req.count, now=now, rng=rng, recall=recall, only=req.only)
    session_id = store.start_session([t.id for t in topics], req.seed) if req.record else None
    return QuizSession(picks, store=store, scheduler=scheduler if req.record else None, rng=rng,
                       session_id=session_id, known=catalog.all_questions())


def find_questions(catalog: Catalog, ids: tuple[str, ...]) -> list[Question]:
    """The questions with these ids, in order, each once; an unknown id raises UsageError with
    the closest known id."""
    from prepcli.suggest import unknown_message

    by_id = {q.id: q for q in catalog.all_questions()}
    out: list[Question] = []
    for qid in ids:
        q = by_id.get(qid.strip())
        if q is None:
            raise UsageError(unknown_message("question id", qid, by_id, list_known=False)
                             + " The ids are in the bank files (`prep paths` shows where) and in "
                             "`prep stats --topic TOPIC`.")
        if q not in out:
            out.append(q)
    return out


def _session_for_ids(catalog: Catalog, store: Store, req: QuizRequest) -> QuizSession:
    questions = find_questions(catalog, req.ids)
    from prepcli.srs import Scheduler

    settings = Settings.load(store)
    scheduler = Scheduler(req.desired_retention or settings.desired_retention)
    picks = [Pick(q, "asked by id") for q in questions]
    topics = list(dict.fromkeys(q.topic for q in questions))
    session_id = store.start_session(topics, req.seed) if req.record else None
    return QuizSession(picks, store=store, scheduler=scheduler if req.record else None,
                       rng=random.Random(req.seed), session_id=session_id,
                       known=catalog.all_questions(), learning_steps=False)  # exactly those


def _check_filters(catalog: Catalog, f: Filters) -> None:
    from prepcli.suggest import unknown_message

    known_tags = {t for q in catalog.all_questions() for t in q.tags}
    for tag in f.tags:
        if tag not in known_tags:
            topics = {t: f"prep quiz {t}" for t in catalog.topics}
            raise UsageError(unknown_message("tag", tag, known_tags, elsewhere=topics, list_known=False)
                             + " See the tags with `prep topics --tags`.")
    for qtype in f.types:
        if qtype not in TYPE_NAMES:
            raise UsageError(f"unknown type {qtype!r}; use {', '.join(TYPE_NAMES)}")
    for d in f.difficulties:
        if d not in (1, 2, 3):
            raise UsageError(f"difficulty must be 1, 2 or 3, got {d}")
