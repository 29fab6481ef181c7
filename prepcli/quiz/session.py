"""The quiz session: show a question, grade an answer, record it at once, summarise.

No terminal I/O here: the render layer drives a `QuizSession` and prints what it returns.
"""

from __future__ import annotations

import random
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from prepcli.banks.model import Question
from prepcli.banks.types import Draw, fill_text, qtype
from prepcli.clock import utcnow
from prepcli.quiz import grading
from prepcli.quiz.select import Pick

if TYPE_CHECKING:
    from prepcli.banks.terms import Vocabulary
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
    draw: Draw = Draw()
    hint_written: bool = True  # False: a generated nudge (a user's question with no `hint`)

    @property
    def numeric_answer(self) -> float | None:
        return self.draw.value

    @property
    def right_letters(self) -> tuple[int, ...]:
        return self.draw.right


@dataclass(frozen=True)
class Outcome:
    showing: Showing
    status: str  # "right", "wrong" or "skipped"
    rating: int | None
    response: str
    seconds: float
    hinted: bool
    due: datetime | None  # when it comes back (None when not recorded)
    message: str = ""  # a diagnosis of a wrong answer (a named mistake) or a note on a right one


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
    asked_again: int = 0  # questions answered wrong, then asked again later in the session
    relearned: int = 0  # of those, right by the end

    @property
    def answered(self) -> int:
        return self.right + self.wrong


AGAIN = "again"  # the reason shown for a question asked again after a wrong answer
RELEARN_GAP = 3  # other questions asked before it comes back, when there are that many left
RELEARN_TRIES = 3


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
        known: Sequence[Question] = (),
        learning_steps: bool = True,
    ) -> None:
        """`known`: every loaded question, whose short answers, accept/reject lists and tags
        make the vocabulary a typed term is checked against (default: the picks').
        `learning_steps`: a wrong answer comes back later in the session (see `relearn`)."""
        self.picks = picks
        self.learning_steps = learning_steps
        self.store = store
        self.scheduler = scheduler
        self.rng = rng
        self.session_id = session_id
        self.clock = clock
        self.outcomes: list[Outcome] = []
        self.known: Sequence[Question] = known or [p.question for p in picks]
        self._terms: Vocabulary | None = None
        self._started = time.monotonic()
        self._cards = store.cards([p.question.id for p in picks]) if store is not None else {}

    @property
    def recording(self) -> bool:
        return self.store is not None and self.scheduler is not None

    def show(self, pick: Pick) -> Showing:
        q = pick.question
        t = qtype(q.type)
        d = t.draw(q, self.rng)
        hint = q.hint
        written = hint is not None
        if hint is None:
            hint = t.nudge(q, d)
        return Showing(
            question=q, reason=pick.reason, prompt=fill_text(q.prompt, d, with_answer=False),
            explanation=fill_text(q.explanation, d, with_answer=True),
            hint=fill_text(hint, d, with_answer=False), choices=d.choices,
            expected=t.expected(q, d), draw=d, hint_written=written,
        )

    # -- answering -----------------------------------------------------------------------------

    def answer(self, s: Showing, text: str, seconds: float, hinted: bool) -> Outcome:
        """Grade an auto-graded answer and record it. Raises grading.Unreadable to ask again.

        `hinted`: the hint was shown. Only a written hint lowers the rating (see prepcli.srs)."""
        q = s.question
        verdict = qtype(q.type).grade(q, s.draw, text, self._vocabulary())
        from prepcli.srs import rating_for

        rating = rating_for(q.type, verdict.right, seconds, hinted and s.hint_written)
        return self._record(s, "right" if verdict.right else "wrong", rating, text, seconds, hinted,
                            verdict.message)

    def _vocabulary(self) -> Vocabulary:
        if self._terms is None:
            from prepcli.banks.terms import Vocabulary

            self._terms = Vocabulary.from_questions(self.known)
        return self._terms

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
                hinted: bool, message: str = "") -> Outcome:
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
        out = Outcome(s, status, rating, text, seconds, hinted, due, message)
        self.outcomes.append(out)
        return out

    # -- summary ----------------------------------------------------------------------------------

    def finish(self) -> None:
        """Mark the session ended in the store (whatever way it ended)."""
        if self.store is not None and self.session_id is not None:
            self.store.end_session(self.session_id)
            self.session_id = None

    def relearn(self, outcome: Outcome) -> Pick | None:
        """A wrong answer (Again) comes back later in this session, as FSRS's learning steps
        intend, until it is right once (at most RELEARN_TRIES more times)."""
        if outcome.status != "wrong" or not self.learning_steps:
            return None
        qid = outcome.showing.question.id
        misses = sum(o.showing.question.id == qid and o.status == "wrong" for o in self.outcomes)
        if misses > RELEARN_TRIES:
            return None
        return Pick(outcome.showing.question, AGAIN)

    def summary(self, *, interrupted: bool = False) -> Summary:
        sm = Summary(interrupted=interrupted, recorded=self.recording)
        sm.seconds = time.monotonic() - self._started
        sm.asked = len(self.outcomes)
        again = {o.showing.question.id for o in self.outcomes if o.showing.reason == AGAIN}
        sm.asked_again = len(again)
        sm.relearned = len({o.showing.question.id for o in self.outcomes
                            if o.showing.reason == AGAIN and o.status == "right"})
        for o in self.outcomes:
            if o.showing.reason == AGAIN:
                continue  # the score is the first try's; the second try is learning
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
