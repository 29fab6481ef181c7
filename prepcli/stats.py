"""Read-only aggregations over the store: what is learned, due, weak; how the katas stand.

One query per panel, each served by an index, so the report over 100,000 answers costs
about what it costs over an empty store. Days are the user's local calendar days.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from prepcli.banks.model import Catalog
from prepcli.errors import UnknownTopic
from prepcli.store import Store, iso, utcnow

HEATMAP_WEEKS = 16
FORECAST_DAYS = 14


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
    prompt: str


@dataclass
class StatsReport:
    topics: list[TopicStats]
    katas: list[KataStats]
    weakest: list[WeakQuestion]
    activity: dict[str, int]  # ISO local date -> answers
    streak: int
    forecast: list[tuple[str, int]]
    total_answers: int
    generated_at: str
    topic_detail: str | None = None
    detail_questions: list[dict[str, Any]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return self.total_answers == 0 and not any(k.attempts for k in self.katas)

    def to_json(self) -> dict[str, Any]:
        return {
            "topics": [asdict(t) for t in self.topics],
            "katas": [asdict(k) for k in self.katas],
            "weakest": [asdict(w) for w in self.weakest],
            "activity": self.activity,
            "streak": self.streak,
            "forecast": [{"date": d, "due": n} for d, n in self.forecast],
            "total_answers": self.total_answers,
            "generated_at": self.generated_at,
            "topic": self.topic_detail,
            "questions": self.detail_questions,
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
                  now: datetime | None = None, katas: Iterable[Any] | None = None) -> StatsReport:
    now = now or utcnow()
    if topic is not None and topic not in catalog.topics:
        from prepcli.banks.catalog import _unknown_message

        raise UnknownTopic(_unknown_message("topic", topic, sorted(catalog.topics)))
    from prepcli.settings import Settings
    from prepcli.srs import Scheduler

    scheduler = Scheduler(Settings.load(store).desired_retention)
    local_today = now.astimezone().date()
    end_of_today = datetime.combine(local_today + timedelta(days=1), datetime.min.time()).astimezone()

    # panel 1: per-topic answer counts (one grouped query)
    since30 = iso(now - timedelta(days=30))
    per_topic = {
        r["topic"]: r for r in store.query(
            "SELECT topic, COUNT(*) AS n, SUM(outcome = 'right') AS ok,"
            " SUM(answered_at >= ?) AS n30, SUM(outcome = 'right' AND answered_at >= ?) AS ok30"
            " FROM answers WHERE recorded = 1 AND outcome != 'skipped' GROUP BY topic",
            (since30, since30),
        )
    }
    # panel 2: the schedule (one row per seen question, at most the bank size)
    cards = store.cards()
    question_topic = {q.id: q for q in catalog.all_questions()}
    topics: list[TopicStats] = []
    recall_now: dict[str, float] = {}
    for qid, c in cards.items():
        if qid in question_topic:
            recall_now[qid] = scheduler.retrievability(c.card, now)
    for t in catalog.topics.values():
        ts = TopicStats(t.id, t.title, len(t.questions))
        row = per_topic.get(t.id)
        if row is not None:
            ts.answered, ts.correct = row["n"], row["ok"] or 0
            ts.answered_30d, ts.correct_30d = row["n30"] or 0, row["ok30"] or 0
        recalls = []
        for q in t.questions:
            ts.by_type[q.type] = ts.by_type.get(q.type, 0) + 1
            seen_card = cards.get(q.id)
            if seen_card is None:
                ts.new += 1
                continue
            ts.seen += 1
            recalls.append(recall_now[q.id])
            if seen_card.due < end_of_today:
                ts.due += 1
            if seen_card.due < end_of_today + timedelta(days=7):
                ts.due_7d += 1
        ts.recall = round(sum(recalls) / len(recalls), 4) if recalls else None
        topics.append(ts)

    forecast_counts: dict[str, int] = {}
    for qid, c in cards.items():
        if qid not in question_topic:
            continue
        d = max(c.due.astimezone().date(), local_today)
        if (d - local_today).days < FORECAST_DAYS:
            forecast_counts[d.isoformat()] = forecast_counts.get(d.isoformat(), 0) + 1
    forecast = [((local_today + timedelta(days=i)).isoformat(),
                 forecast_counts.get((local_today + timedelta(days=i)).isoformat(), 0))
                for i in range(FORECAST_DAYS)]

    # Right after a review every card's recall is ~100%; stability then tells the fragile apart.
    weak_pool = [(round(recall_now[qid], 2), cards[qid].card.get("stability") or 0.0, qid)
                 for qid in recall_now if topic is None or question_topic[qid].topic == topic]
    weak_pool.sort()
    weakest = [
        WeakQuestion(qid, question_topic[qid].topic, round(recall_now[qid], 4), cards[qid].lapses,
                     _first_line(question_topic[qid].prompt))
        for _, _, qid in weak_pool[:5]
    ]

    # panel 3: activity per local day (one grouped query over the answers_time index)
    activity: dict[str, int] = {}
    for r in store.query(
        "SELECT date(answered_at, 'localtime') AS d, COUNT(*) AS n FROM answers"
        " WHERE recorded = 1 GROUP BY d"
    ):
        activity[r["d"]] = r["n"]
    streak = _streak(activity, local_today)
    first_day = local_today - timedelta(weeks=HEATMAP_WEEKS)
    recent = {d: n for d, n in activity.items() if d > first_day.isoformat()}

    # panel 4: katas
    kata_stats = _kata_stats(store, katas)

    detail: list[dict[str, Any]] = []
    if topic is not None:
        counts = store.answer_counts()
        for q in catalog.topics[topic].questions:
            row_card = cards.get(q.id)
            n, ok = counts.get(q.id, (0, 0))
            detail.append({
                "id": q.id, "type": q.type, "difficulty": q.difficulty, "answered": n,
                "correct": ok, "recall": round(recall_now[q.id], 4) if q.id in recall_now else None,
                "due": row_card.due.isoformat() if row_card else None, "prompt": _first_line(q.prompt),
            })
        topics = [t for t in topics if t.id == topic]

    total = sum(activity.values())
    return StatsReport(topics, kata_stats, weakest, recent, streak, forecast, total,
                       now.isoformat(), topic, detail)


def _streak(activity: dict[str, int], today: date) -> int:
    """Consecutive days with answers ending today (or yesterday, if today has none yet)."""
    day = today if today.isoformat() in activity else today - timedelta(days=1)
    n = 0
    while day.isoformat() in activity:
        n += 1
        day -= timedelta(days=1)
    return n


def _kata_stats(store: Store, katas: Iterable[Any] | None) -> list[KataStats]:
    rows = {
        r["kata"]: r for r in store.query(
            "SELECT kata, COUNT(*) AS n, MAX(passed) AS passed,"
            " MIN(CASE WHEN passed THEN speed_ratio END) AS best, MAX(ran_at) AS last,"
            " (SELECT passed FROM kata_runs k2 WHERE k2.kata = k.kata ORDER BY ran_at DESC LIMIT 1)"
            " AS last_passed FROM kata_runs k GROUP BY kata"
        )
    }
    if katas is None:
        katas = _catalog_katas()
    out = []
    for k in katas:
        r = rows.get(k["id"])
        ks = KataStats(k["id"], k.get("title", k["id"]), k.get("topic", ""), k.get("difficulty", 1),
                       "new")
        if r is not None:
            ks.attempts = r["n"]
            ks.passed = bool(r["passed"])
            ks.best_ratio = round(r["best"], 3) if r["best"] is not None else None
            ks.last_attempt = r["last"]
            ks.status = "passed" if r["passed"] else "failing"
        out.append(ks)
    return out


def _catalog_katas() -> list[dict[str, Any]]:
    """Kata manifests as plain dicts (reading the manifests imports neither numpy nor torch)."""
    from prepcli.katas.catalog import KataCatalogError
    from prepcli.katas.catalog import load_catalog as load_kata_catalog

    try:
        specs = load_kata_catalog()
    except KataCatalogError:  # a damaged kata folder must not take the quiz stats down with it
        return []
    return [{"id": k.id, "title": k.title, "topic": k.topic, "difficulty": k.difficulty}
            for k in specs]


def _first_line(text: str, width: int = 90) -> str:
    line = " ".join(text.strip().split())
    return line if len(line) <= width else line[: width - 1] + "…"
