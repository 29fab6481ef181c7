"""The quiz session: show a question, grade an answer, record it at once, summarise.

No terminal I/O here: the render layer drives a `QuizSession` and prints what it returns.
"""

from __future__ import annotations

import random
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from prepcli.banks.expr import evaluate
from prepcli.banks.model import Question
from prepcli.banks.template import fill, format_number
from prepcli.quiz import grading
from prepcli.quiz.select import Pick
from prepcli.store import utcnow

if TYPE_CHECKING:
    from prepcli.srs import Scheduler
    from prepcli.store import Store


@dataclass(frozen=True)
class Showing:
    """One question as shown this time: parameters drawn, choices shuffled."""

    question: Question
    reason: str
    prompt: str
    explanation: str
    hint: str
    choices: tuple[str, ...]
    expected: str  # the right answer, as the user should see it
    numeric_answer: float | None = None
    right_letters: tuple[int, ...] = ()


@dataclass(frozen=True)
class Outcome:
    showing: Showing
    status: str  # "right", "wrong" or "skipped"
    rating: int | None
    response: str
    seconds: float
    hinted: bool
    due: datetime | None  # when it comes back (None when not recorded)


@dataclass
class Summary:
    asked: int = 0
    right: int = 0
    wrong: int = 0
    skipped: int = 0
    seconds: float = 0.0
    by_tag: dict[str, list[int]] = field(default_factory=dict)  # tag -> [right, answered]
    comeback: list[tuple[str, int]] = field(default_factory=list)
    interrupted: bool = False
    recorded: bool = True

    @property
    def answered(self) -> int:
        return self.right + self.wrong


class QuizSession:
    def __init__(
        self,
        picks: list[Pick],
        *,
        store: Store | None,
        scheduler: Scheduler | None,
        rng: random.Random,
        session_id: int | None = None,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.picks = picks
        self.store = store
        self.scheduler = scheduler
        self.rng = rng
        self.session_id = session_id
        self.clock = clock
        self.outcomes: list[Outcome] = []
        self._started = time.monotonic()
        self._cards = store.cards([p.question.id for p in picks]) if store is not None else {}

    @property
    def recording(self) -> bool:
        return self.store is not None and self.scheduler is not None

    def show(self, pick: Pick) -> Showing:
        q = pick.question
        env: dict[str, float] = {}
        numeric: float | None = None
        if q.type == "numeric":
            if q.parametric:
                env = {name: self.rng.choice(values) for name, values in q.params}
                numeric = evaluate(q.answer, env)
            else:
                numeric = float(q.answer)
        prompt = fill(q.prompt, env, None) if env else q.prompt
        explanation = fill(q.explanation, env, numeric) if env else q.explanation
        hint = q.hint or (q.key_points[0] if q.key_points else _nudge(q))
        if env:
            hint = fill(hint, env, None)
        choices: tuple[str, ...] = ()
        letters: tuple[int, ...] = ()
        if q.type in ("mcq", "multi"):
            order = list(q.choices)
            self.rng.shuffle(order)
            choices = tuple(order)
            right = {q.answer} if q.type == "mcq" else set(q.answer)
            letters = tuple(i for i, c in enumerate(choices) if c in right)
            expected = ", ".join(f"{grading.LETTERS[i]}) {choices[i]}" for i in letters)
        elif q.type == "numeric":
            assert numeric is not None
            expected = format_number(numeric) + (f" {q.unit}" if q.unit else "")
        elif q.type == "short":
            expected = q.answer
        else:
            expected = q.answer
        return Showing(q, pick.reason, prompt, explanation, hint, choices, expected, numeric, letters)

    # -- answering -----------------------------------------------------------------------------

    def answer(self, s: Showing, text: str, seconds: float, hinted: bool) -> Outcome:
        """Grade an auto-graded answer and record it. Raises grading.Unreadable to ask again."""
        q = s.question
        if q.type in ("mcq", "multi"):
            picked = grading.parse_letters(text, len(s.choices), single=q.type == "mcq")
            right = picked == s.right_letters
        elif q.type == "numeric":
            value = grading.parse_number(text, q.unit)
            assert s.numeric_answer is not None
            right = grading.numeric_right(value, s.numeric_answer, q.tolerance, q.rel_tolerance)
        elif q.type == "short":
            right = grading.short_right(text, q.answer, q.accept)
        else:
            raise ValueError("open questions are self-graded: use self_grade()")
        from prepcli.srs import rating_for

        rating = rating_for(q.type, right, seconds, hinted)
        return self._record(s, "right" if right else "wrong", rating, text, seconds, hinted)

    def self_grade(self, s: Showing, text: str, grade: int, seconds: float, hinted: bool) -> Outcome:
        """Record an open question graded by the user (1 again .. 4 easy)."""
        if grade not in grading.GRADES:
            raise grading.Unreadable("grade yourself 1 (again), 2 (hard), 3 (good) or 4 (easy)")
        # Hard still means recalled (as in Anki); only Again counts as wrong.
        status = "right" if grade >= 2 else "wrong"
        return self._record(s, status, grade, text, seconds, hinted)

    def skip(self, s: Showing, seconds: float = 0.0) -> Outcome:
        return self._record(s, "skipped", None, "", seconds, False)

    def _record(self, s: Showing, status: str, rating: int | None, text: str, seconds: float,
                hinted: bool) -> Outcome:
        q = s.question
        now = self.clock()
        due = None
        card = None
        lapsed = False
        if self.recording and rating is not None:
            assert self.scheduler is not None
            row = self._cards.get(q.id)
            review = self.scheduler.review(q.id, row.card if row else None, rating, now,
                                           int(seconds * 1000))
            card, due, lapsed = review.card, review.due, review.lapsed
        if self.store is not None:
            self.store.record_answer(
                question_id=q.id, topic=q.topic, outcome=status, rating=rating,
                response=text[:2000], duration_ms=int(seconds * 1000), hinted=hinted,
                session_id=self.session_id, answered_at=now, card=card, lapsed=lapsed,
                recorded=self.recording,
            )
            if card is not None:
                from prepcli.store import CardRow

                self._cards[q.id] = CardRow(q.id, q.topic, card, due or now, 0, 0)
        out = Outcome(s, status, rating, text, seconds, hinted, due)
        self.outcomes.append(out)
        return out

    # -- summary ----------------------------------------------------------------------------------

    def summary(self, *, interrupted: bool = False) -> Summary:
        sm = Summary(interrupted=interrupted, recorded=self.recording)
        sm.seconds = time.monotonic() - self._started
        sm.asked = len(self.outcomes)
        for o in self.outcomes:
            if o.status == "skipped":
                sm.skipped += 1
                continue
            ok = o.status == "right"
            sm.right += ok
            sm.wrong += not ok
            for tag in o.showing.question.tags:
                cell = sm.by_tag.setdefault(tag, [0, 0])
                cell[0] += ok
                cell[1] += 1
        # the latest due per question (a question can be asked once per session)
        dues = {o.showing.question.id: o.due for o in self.outcomes if o.due is not None}
        sm.comeback = comeback_buckets(list(dues.values()), self.clock())
        return sm


def comeback_buckets(dues: list[datetime], now: datetime) -> list[tuple[str, int]]:
    """Group due times into human buckets: today, tomorrow, in 2-6 days, in N weeks..."""
    counts: Counter[str] = Counter()
    order: dict[str, timedelta] = {}
    for due in dues:
        delta = due - now
        label = when(delta)
        counts[label] += 1
        order[label] = min(order.get(label, delta), delta)
    return sorted(counts.items(), key=lambda kv: order[kv[0]])


def when(delta: timedelta) -> str:
    minutes = delta.total_seconds() / 60
    if minutes < 60:
        return f"in {max(1, round(minutes))} min"
    if minutes < 24 * 60:
        return "later today" if minutes < 12 * 60 else "within a day"
    days = round(minutes / (24 * 60))
    if days <= 1:
        return "tomorrow"
    if days < 14:
        return f"in {days} days"
    if days < 60:
        return f"in {round(days / 7)} weeks"
    return f"in {round(days / 30)} months"


def _nudge(q: Question) -> str:
    if q.type == "numeric":
        return "Write the formula first, then plug in the numbers."
    if q.type in ("mcq", "multi"):
        return "Rule out the choices that confuse two related ideas."
    if q.type == "short":
        return f"The answer is a term of {len(q.answer.split())} word(s)."
    return "Start from the definition, then say why it matters."
