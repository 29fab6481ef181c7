"""Read-only aggregations over the store: what is learned, due, weak; how the katas stand.

One function per panel, each returning its own dataclass; `compute_stats` only assembles
them. Every number comes from a named `Store` method (one grouped query each, served by an
index), so the report over 100,000 answers costs about what it costs over an empty store.
Days are the user's local calendar days.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from prepcli.banks.model import Catalog, Question
from prepcli.clock import Clock, utcnow
from prepcli.errors import UnknownTopic
from prepcli.store import CardRow, Store

if TYPE_CHECKING:
    from prepcli.katas.catalog import KataSpec
    from prepcli.srs import Scheduler

HEATMAP_WEEKS = 16
FORECAST_DAYS = 14
WEAKEST = 5
JUST_REVIEWED = timedelta(hours=1)  # recall right after a review is ~1 and says nothing


@dataclass
class TopicStats:
    id: str
    title: str
    total: int
    seen: int = 0
    answered: int = 0
    correct: int = 0
    answered_30d: int = 0
    correct_30d: int = 0
    recall: float | None = None  # mean predicted recall now over seen questions
    due: int = 0  # due now (today)
    due_7d: int = 0
    by_type: dict[str, int] = field(default_factory=dict)
    new: int = 0


@dataclass
class Activity:
    days: dict[str, int]  # ISO local date -> answers, the heatmap's weeks only
    streak: int
    total_answers: int


@dataclass
class ForecastDay:
    date: str
    due: int


@dataclass
class KataStats:
    id: str
    title: str
    topic: str
    difficulty: int
    status: str  # new, failing, passed
    attempts: int = 0
    passed: bool = False
    best_ratio: float | None = None
    last_attempt: str | None = None


@dataclass
class WeakQuestion:
    id: str
    topic: str
    recall: float
    lapses: int
    stability: float
    prompt: str


@dataclass
class QuestionDetail:
    id: str
    type: str
    difficulty: int
    answered: int
    correct: int
    recall: float | None
    due: str | None
    prompt: str


@dataclass
class TopicReadiness:
    topic: str
    questions: int
    seen: int
    recall_on_day: float | None  # mean predicted recall that morning over seen questions, no more reviews
    ready: int  # questions at or above the desired retention that morning (unseen ones are not)
    reviews_needed: int  # FSRS reviews from now to that morning, taking each when due
    per_day: float


@dataclass
class Readiness:
    """Where the user stands for the interview day (`prep config interview-date`)."""

    interview_date: str
    days_left: int
    desired_retention: float
    topics: list[TopicReadiness]
    reviews_per_day: float
    katas_not_passed: list[str]


@dataclass
class MockSummary:
    date: str  # local date and time it started, "2026-12-03 21:40"
    minutes: int
    right: int
    answered: int
    kata: str | None
    kata_result: str | None  # "PASSED", "FAILED: ...", "not checked"; None without a kata
    finished: bool


@dataclass
class StatsReport:
    topics: list[TopicStats]
    katas: list[KataStats]
    weakest: list[WeakQuestion]
    activity: Activity
    forecast: list[ForecastDay]
    generated_at: str
    topic_detail: str | None = None
    detail_questions: list[QuestionDetail] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # panels that could not be read
    readiness: Readiness | None = None
    mocks: list[MockSummary] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return self.activity.total_answers == 0 and not any(k.attempts for k in self.katas)

    def to_json(self) -> dict[str, Any]:
        return {
            "topics": [asdict(t) for t in self.topics],
            "katas": [asdict(k) for k in self.katas],
            "weakest": [asdict(w) for w in self.weakest],
            "activity": self.activity.days,
            "streak": self.activity.streak,
            "forecast": [asdict(d) for d in self.forecast],
            "total_answers": self.activity.total_answers,
            "generated_at": self.generated_at,
            "topic": self.topic_detail,
            "questions": [asdict(q) for q in self.detail_questions],
            "warnings": self.warnings,
            "readiness": asdict(self.readiness) if self.readiness else None,
            "mocks": [asdict(m) for m in self.mocks],
        }


def topic_overview(catalog: Catalog, store: Store, now: datetime | None = None) -> list[TopicStats]:
    """Counts per topic and type, with new and due: what `prep topics` shows."""
    now = now or utcnow()
    cards = store.cards()
    out = []
    for t in catalog.topics.values():
        ts = TopicStats(t.id, t.title, len(t.questions))
        for q in t.questions:
            ts.by_type[q.type] = ts.by_type.get(q.type, 0) + 1
            card = cards.get(q.id)
            if card is None:
                ts.new += 1
            elif card.due <= now:
                ts.due += 1
        out.append(ts)
    return out


def compute_stats(catalog: Catalog, store: Store, *, topic: str | None = None,
                  clock: Clock = utcnow, katas: Sequence[KataSpec] | None = None) -> StatsReport:
    """Every panel of `prep stats` (one topic's detail with `topic`)."""
    now = clock()
    if topic is not None and topic not in catalog.topics:
        from prepcli.suggest import unknown_message

        raise UnknownTopic(unknown_message("topic", topic, sorted(catalog.topics)))
    from prepcli.settings import Settings
    from prepcli.srs import Scheduler

    settings = Settings.load(store)
    scheduler = Scheduler(settings.desired_retention)
    cards = store.cards()
    questions = {q.id: q for q in catalog.all_questions()}
    recall_now = {qid: scheduler.retrievability(c.card, now) for qid, c in cards.items()
                  if qid in questions}
    warnings: list[str] = []
    kata_panel = kata_stats(store, katas, warnings)
    topics = topic_stats(catalog, store, cards, recall_now, now)
    detail: list[QuestionDetail] = []
    if topic is not None:
        detail = topic_detail(catalog, store, topic, cards, recall_now)
        topics = [t for t in topics if t.id == topic]
    return StatsReport(
        topics=topics,
        katas=kata_panel,
        weakest=weakest_questions(questions, cards, recall_now, now, topic=topic),
        activity=activity(store, now),
        forecast=forecast(questions, cards, now),
        generated_at=now.isoformat(),
        topic_detail=topic,
        detail_questions=detail,
        warnings=warnings,
        mocks=mock_history(store),
        readiness=(readiness(catalog, cards, scheduler, settings.interview_date, now, kata_panel,
                             topic=topic) if settings.interview_date else None),
    )


def readiness(catalog: Catalog, cards: Mapping[str, CardRow], scheduler: Scheduler,
              day: date, now: datetime, katas: Sequence[KataStats], *,
              topic: str | None = None) -> Readiness:
    """Per topic: predicted recall on the interview morning and the reviews a day to get ready.

    "Ready" means FSRS predicts recall at or above the desired retention that morning.
    Reviews needed are counted by playing FSRS forward (each review taken when due, rated
    Good) from every card's state, a new question starting with its first review today.
    """
    from prepcli.srs import interview_moment, reviews_until

    morning = interview_moment(day)
    days_left = max(1, (day - now.astimezone().date()).days)
    target = scheduler.desired_retention
    rows = []
    for t in catalog.topics.values():
        if topic is not None and t.id != topic:
            continue
        recalls, ready, needed = [], 0, 0
        for q in t.questions:
            card = cards.get(q.id)
            if card is not None:
                r = scheduler.retrievability(card.card, morning) if morning > now else 0.0
                recalls.append(r)
                ready += r >= target
            if morning > now:
                needed += reviews_until(scheduler, q.id, card.card if card else None, now, morning)
        rows.append(TopicReadiness(
            t.id, len(t.questions), len(recalls),
            round(sum(recalls) / len(recalls), 4) if recalls else None, ready, needed,
            round(needed / days_left, 1)))
    return Readiness(day.isoformat(), (day - now.astimezone().date()).days, target, rows,
                     round(sum(r.reviews_needed for r in rows) / days_left, 1),
                     [k.id for k in katas if k.status != "passed"])


def mock_history(store: Store, limit: int = 5) -> list[MockSummary]:
    """The latest mock interviews with their score and kata result, newest first."""
    out = []
    for m in store.mocks(limit):
        report = m.report or {}
        kata = report.get("kata") or {}
        out.append(MockSummary(
            m.started_at.astimezone().strftime("%Y-%m-%d %H:%M"), m.minutes, int(report.get("right", 0)),
            int(report.get("answered", 0)), m.kata,
            (kata.get("summary") if kata else "not reached") if m.kata else None,
            m.report is not None))
    return out


def _end_of_local_day(now: datetime) -> datetime:
    local_today = now.astimezone().date()
    return datetime.combine(local_today + timedelta(days=1), datetime.min.time()).astimezone()


def topic_stats(catalog: Catalog, store: Store, cards: Mapping[str, CardRow],
                recall_now: Mapping[str, float], now: datetime) -> list[TopicStats]:
    """Per topic: answers (all time, 30 days), what is seen, due today and within 7 days, recall."""
    counts = store.topic_counts(since=now - timedelta(days=30))
    end_of_today = _end_of_local_day(now)
    out: list[TopicStats] = []
    for t in catalog.topics.values():
        ts = TopicStats(t.id, t.title, len(t.questions))
        c = counts.get(t.id)
        if c is not None:
            ts.answered, ts.correct = c.answered, c.correct
            ts.answered_30d, ts.correct_30d = c.answered_30d, c.correct_30d
        recalls = []
        for q in t.questions:
            ts.by_type[q.type] = ts.by_type.get(q.type, 0) + 1
            card = cards.get(q.id)
            if card is None:
                ts.new += 1
                continue
            ts.seen += 1
            recalls.append(recall_now[q.id])
            if card.due < end_of_today:
                ts.due += 1
            if card.due < end_of_today + timedelta(days=7):
                ts.due_7d += 1
        ts.recall = round(sum(recalls) / len(recalls), 4) if recalls else None
        out.append(ts)
    return out


def forecast(questions: Mapping[str, Question], cards: Mapping[str, CardRow],
             now: datetime) -> list[ForecastDay]:
    """Reviews falling due on each of the next FORECAST_DAYS local days (overdue count today)."""
    today = now.astimezone().date()
    counts: dict[date, int] = {}
    for qid, c in cards.items():
        if qid in questions:
            d = max(c.due.astimezone().date(), today)
            counts[d] = counts.get(d, 0) + 1
    days = [today + timedelta(days=i) for i in range(FORECAST_DAYS)]
    return [ForecastDay(d.isoformat(), counts.get(d, 0)) for d in days]


def weakest_questions(questions: Mapping[str, Question], cards: Mapping[str, CardRow],
                      recall_now: Mapping[str, float], now: datetime, *,
                      topic: str | None = None, limit: int = WEAKEST) -> list[WeakQuestion]:
    """The questions most likely forgotten: most lapses, then least stable, then lowest recall.

    A card reviewed within the last hour is left out: its recall is ~100 % whatever it is.
    """
    pool = []
    for qid, recall in recall_now.items():
        q, c = questions[qid], cards[qid]
        if topic is not None and q.topic != topic:
            continue
        last = c.card.get("last_review")
        if last and now - datetime.fromisoformat(last) < JUST_REVIEWED:
            continue
        stability = float(c.card.get("stability") or 0.0)
        pool.append((-c.lapses, stability, recall, qid))
    pool.sort()
    return [WeakQuestion(qid, questions[qid].topic, round(recall, 4), -neg_lapses, round(stab, 2),
                         shown_prompt(questions[qid]))
            for neg_lapses, stab, recall, qid in pool[:limit]]


def shown_prompt(q: Question) -> str:
    """The prompt with a parametric question's first values filled in, as a quiz could ask it."""
    if not q.params:
        return q.prompt
    from prepcli.banks.template import fill

    return fill(q.prompt, {name: values[0] for name, values in q.params})


def activity(store: Store, now: datetime) -> Activity:
    """Answers per local day over the heatmap's weeks, the current streak and the total."""
    per_day = store.answers_per_day()
    today = now.astimezone().date()
    first_day = (today - timedelta(weeks=HEATMAP_WEEKS)).isoformat()
    return Activity({d: n for d, n in per_day.items() if d > first_day}, _streak(per_day, today),
                    sum(per_day.values()))


def _streak(per_day: Mapping[str, int], today: date) -> int:
    """Consecutive days with answers ending today (or yesterday, if today has none yet)."""
    day = today if today.isoformat() in per_day else today - timedelta(days=1)
    n = 0
    while day.isoformat() in per_day:
        n += 1
        day -= timedelta(days=1)
    return n


def kata_stats(store: Store, katas: Sequence[KataSpec] | None,
               warnings: list[str]) -> list[KataStats]:
    """Each kata's status (the same one `prep kata` shows); a damaged kata folder is a warning."""
    from prepcli.katas.status import kata_statuses

    if katas is None:
        from prepcli.katas.catalog import KataCatalogError, load_katas

        try:
            katas = load_katas()
        except KataCatalogError as exc:  # the quiz stats must survive a damaged kata folder
            warnings.append(f"kata panel left out: {exc}")
            return []
    return [
        KataStats(s.spec.id, s.spec.title, s.spec.topic, s.spec.difficulty, s.status, s.attempts,
                  s.status == "passed",
                  round(s.best_ratio, 3) if s.best_ratio is not None else None,
                  s.last_attempt.isoformat() if s.last_attempt else None)
        for s in kata_statuses(katas, store.kata_summaries())
    ]


def topic_detail(catalog: Catalog, store: Store, topic: str, cards: Mapping[str, CardRow],
                 recall_now: Mapping[str, float]) -> list[QuestionDetail]:
    """Every question of one topic with its answers, recall and due date."""
    counts = store.answer_counts()
    out = []
    for q in catalog.topics[topic].questions:
        card = cards.get(q.id)
        n, ok = counts.get(q.id, (0, 0))
        out.append(QuestionDetail(
            q.id, q.type, q.difficulty, n, ok,
            round(recall_now[q.id], 4) if q.id in recall_now else None,
            card.due.isoformat() if card else None, first_line(q.prompt)))
    return out


def first_line(text: str, width: int = 90) -> str:
    line = " ".join(text.strip().split())
    return line if len(line) <= width else line[: width - 1] + "…"
