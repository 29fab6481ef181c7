"""A mock interview: a timed mix of questions weighted toward what is weak and due, open
questions answered at length, then one kata with the clock running; a report at the end.

The plan and the report are plain data; the terminal loop lives in `render/mock.py`. Every
answer and kata check is recorded as in `prep quiz` and `prep kata` (the schedule learns from
a mock too); the report itself is kept in the store for `prep stats`.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from prepcli.banks.model import Catalog, Question
from prepcli.clock import Clock, utcnow
from prepcli.errors import UsageError

if TYPE_CHECKING:
    from prepcli.katas.catalog import KataSpec
    from prepcli.quiz.select import Pick
    from prepcli.quiz.session import Outcome, QuizSession
    from prepcli.store import Store

# What a question takes in an interview, in minutes: reading, thinking, saying it.
TYPE_MINUTES = {"mcq": 1.0, "multi": 1.5, "numeric": 2.5, "short": 1.0, "open": 4.0}
OPEN_SHARE = 0.35  # of the question time: an interview is mostly explaining
MIN_MINUTES = 10


@dataclass(frozen=True)
class MockRequest:
    minutes: int = 45
    topics: tuple[str, ...] = ()
    kata: str | None = None  # None: the weakest (failing, then new by level)
    seed: int | None = None
    with_kata: bool = True


@dataclass
class MockPlan:
    session: QuizSession
    topics: tuple[str, ...]
    minutes: int
    question_seconds: float
    kata: KataSpec | None
    kata_seconds: float
    mock_id: int

    @property
    def picks(self) -> list[Pick]:
        return self.session.picks


@dataclass
class TopicScore:
    right: int = 0
    answered: int = 0
    open_grades: list[int] = field(default_factory=list)


@dataclass
class KataResult:
    kata: str
    checks: int
    passed: bool
    correct: bool
    summary: str  # the verdict's headline, e.g. "PASSED" or "FAILED: a wrong result"


@dataclass
class MockReport:
    minutes: int
    seconds_used: float
    planned: int
    asked: int
    right: int
    answered: int
    topics: dict[str, TopicScore]
    kata: KataResult | None
    interrupted: bool = False
    ran_out_of_time: bool = False

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def plan_mock(catalog: Catalog, store: Store, req: MockRequest, *, clock: Clock = utcnow,
              katas: Sequence[KataSpec] | None = None) -> MockPlan:
    """Choose the questions (by time, open ones included) and the kata; start the records."""
    from prepcli.banks.catalog import find_topics
    from prepcli.quiz.select import select
    from prepcli.quiz.session import QuizSession
    from prepcli.settings import Settings
    from prepcli.srs import Scheduler

    if req.minutes < MIN_MINUTES:
        raise UsageError(f"a mock interview needs at least {MIN_MINUTES} minutes, got {req.minutes}")
    now = clock()
    topics = find_topics(catalog, list(req.topics))
    kata = choose_kata(store, req.kata, katas) if req.with_kata else None
    kata_seconds = 60.0 * round(req.minutes / 3) if kata is not None else 0.0
    question_seconds = 60.0 * req.minutes - kata_seconds
    questions = [q for t in topics for q in t.questions]
    scheduler = Scheduler(Settings.load(store).desired_retention)
    cards = store.cards([q.id for q in questions])
    recall = {qid: scheduler.retrievability(c.card, now) for qid, c in cards.items()}
    rng = random.Random(req.seed)
    ranked = select(questions, cards, count=len(questions), now=now, rng=rng, recall=recall)
    # an interview probes what you are shaky on: due and weak before new
    order = {"due": 0, "weak": 1, "new": 2}
    ranked.sort(key=lambda p: order[p.reason])
    picks = fill_time(ranked, question_seconds)
    rng.shuffle(picks)  # not all the due ones first: a real interview jumps between topics
    session_id = store.start_session([t.id for t in topics], req.seed)
    session = QuizSession(picks, store=store, scheduler=scheduler, rng=rng, session_id=session_id,
                          clock=clock)
    mock_id = store.start_mock(minutes=req.minutes, topics=[t.id for t in topics],
                               kata=kata.id if kata else None, started_at=now)
    return MockPlan(session, tuple(t.id for t in topics), req.minutes, question_seconds, kata,
                    kata_seconds, mock_id)


def fill_time(ranked: list[Pick], seconds: float) -> list[Pick]:
    """Take picks in rank order while their expected time fits in `seconds`: open questions
    first, up to about OPEN_SHARE of the time (so a mock is not all multiple choice), then the
    rest (which also take the open share a topic without open questions leaves)."""
    chosen: set[int] = set()
    used = used_open = 0.0
    for i, p in enumerate(ranked):
        cost = 60.0 * TYPE_MINUTES[p.question.type]
        if p.question.type == "open" and used_open < OPEN_SHARE * seconds and used + cost <= seconds:
            chosen.add(i)
            used += cost
            used_open += cost
    for i, p in enumerate(ranked):
        cost = 60.0 * TYPE_MINUTES[p.question.type]
        if p.question.type != "open" and used + cost <= seconds:
            chosen.add(i)
            used += cost
    return [p for i, p in enumerate(ranked) if i in chosen]


def choose_kata(store: Store, name: str | None, katas: Sequence[KataSpec] | None) -> KataSpec | None:
    """The named kata, else the weakest: failing, then new by level, else the one passed longest ago."""
    from prepcli.katas.catalog import get_kata, load_katas
    from prepcli.katas.status import kata_statuses, next_kata

    if name is not None:
        return get_kata(name)
    specs = list(katas) if katas is not None else load_katas()
    if not specs:
        return None
    statuses = kata_statuses(specs, store.kata_summaries())
    pick = next_kata(statuses)
    if pick is None:
        pick = min(statuses, key=lambda s: s.last_attempt or datetime.min)
    return pick.spec


def score(outcomes: Sequence[Outcome]) -> dict[str, TopicScore]:
    out: dict[str, TopicScore] = {}
    for o in outcomes:
        if o.status == "skipped":
            continue
        q: Question = o.showing.question
        ts = out.setdefault(q.topic, TopicScore())
        ts.answered += 1
        ts.right += o.status == "right"
        if q.type == "open" and o.rating is not None:
            ts.open_grades.append(o.rating)
    return dict(sorted(out.items()))


def finish_mock(store: Store, plan: MockPlan, kata: KataResult | None, seconds_used: float, *,
                interrupted: bool = False, ran_out_of_time: bool = False,
                clock: Clock = utcnow) -> MockReport:
    """The report, also kept in the store (and the quiz session closed)."""
    outcomes = plan.session.outcomes
    topics = score(outcomes)
    report = MockReport(
        minutes=plan.minutes, seconds_used=round(seconds_used, 1), planned=len(plan.picks),
        asked=len(outcomes), right=sum(t.right for t in topics.values()),
        answered=sum(t.answered for t in topics.values()), topics=topics, kata=kata,
        interrupted=interrupted, ran_out_of_time=ran_out_of_time)
    plan.session.finish()
    store.finish_mock(plan.mock_id, report.to_json(), ended_at=clock())
    return report
