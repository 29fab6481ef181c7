"""Spaced repetition on top of the `fsrs` library (the FSRS scheduler Anki uses).

Each question is a card whose FSRS state lives in the store as `Card.to_dict()`. Every
answer is a review; auto-graded answers become a rating from correctness and time:

    wrong                                  -> Again
    right after a written hint, or slow    -> Hard
    right                                  -> Good
    right and fast                         -> Easy

"Fast" and "slow" are per question type (`fast_s`/`slow_s` in prepcli.banks.types). A written
hint narrows the search (the first step, the quantity to compare), so an answer found with it
was recalled with help: Hard, as in Anki. A generated nudge (a user's question with no written
hint) says next to nothing, so it does not lower the rating. Open questions use the user's own
1-4 grade.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime, time, timezone
from typing import Any

DEFAULT_RETENTION = 0.9



def card_id(question_id: str) -> int:
    """A stable positive integer id from the question id (progress is keyed on the id)."""
    return int.from_bytes(hashlib.sha256(question_id.encode()).digest()[:6], "big")


def rating_for(qtype: str, right: bool, seconds: float, hinted: bool) -> int:
    """FSRS rating (1 again, 2 hard, 3 good, 4 easy) for an auto-graded answer.

    `hinted` means a written hint was shown (see the module docstring)."""
    from prepcli.banks.types import qtype as type_of

    t = type_of(qtype)
    if not right:
        return 1
    if hinted or seconds > t.slow_s:
        return 2
    if seconds < t.fast_s:
        return 4
    return 3


@dataclass(frozen=True)
class Review:
    card: dict[str, Any]  # the card after the review, as stored
    due: datetime
    lapsed: bool


class Scheduler:
    """A thin wrapper so the rest of prep never touches fsrs objects directly."""

    def __init__(self, desired_retention: float = DEFAULT_RETENTION) -> None:
        import fsrs

        self._fsrs = fsrs
        # No fuzzing: intervals are reproducible, and a user's due dates do not jitter.
        self._scheduler = fsrs.Scheduler(desired_retention=desired_retention, enable_fuzzing=False)
        self.desired_retention = desired_retention
        self._new_card_reviews: dict[tuple[datetime, datetime], int] = {}

    def review(self, question_id: str, card: dict[str, Any] | None, rating: int,
               now: datetime, duration_ms: int | None = None) -> Review:
        fsrs = self._fsrs
        c = fsrs.Card.from_dict(card) if card else fsrs.Card(card_id=card_id(question_id), due=now)
        was_review = c.state == fsrs.State.Review
        new, _log = self._scheduler.review_card(c, fsrs.Rating(rating), now)
        lapsed = was_review and rating == 1
        return Review(dict(new.to_dict()), new.due, lapsed)

    def reviews_until(self, card: dict[str, Any] | None, now: datetime, until: datetime,
                      limit: int = 50) -> int:
        """See :func:`reviews_until`; a new card's count depends only on the dates, so it is kept."""
        if card is None:
            key = (now.replace(second=0, microsecond=0), until)
            cached = self._new_card_reviews.get(key)
            if cached is not None:
                return cached
        fsrs = self._fsrs
        c = fsrs.Card.from_dict(card) if card else fsrs.Card(card_id=1, due=now)  # type: ignore[arg-type]
        due = max(now, c.due)
        n = 0
        while due < until and n < limit:
            c, _ = self._scheduler.review_card(c, fsrs.Rating.Good, due)
            due, n = c.due, n + 1
        if card is None:
            self._new_card_reviews[key] = n
        return n

    def retrievability(self, card: dict[str, Any], at: datetime) -> float:
        """Predicted probability of recall at `at` (0..1)."""
        c = self._fsrs.Card.from_dict(card)  # type: ignore[arg-type]
        return float(self._scheduler.get_card_retrievability(c, at))


def parse_interview_date(text: str) -> date:
    from prepcli.errors import UsageError

    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(f"interview date {text!r} is not a date; use YYYY-MM-DD, e.g. 2027-01-15") from None


def interview_moment(d: date) -> datetime:
    """The morning of the interview (09:00 UTC): what should be remembered by then."""
    return datetime.combine(d, time(9, 0), tzinfo=timezone.utc)


def reviews_until(scheduler: Scheduler, question_id: str, card: dict[str, Any] | None,
                  now: datetime, until: datetime, limit: int = 50) -> int:
    """Reviews needed between `now` and `until` to be at the desired retention at `until`.

    FSRS schedules each review for the moment recall falls to the desired retention, so
    taking every review on its due date with a Good rating keeps recall at or above it until
    `until`: count those reviews (a new card needs its first one now).
    """
    return scheduler.reviews_until(card, now, until, limit)
