"""Anti-guessing measures: can a user who knows nothing score by the shape of the choices?

Shared by `prep banks validate` (a warning per question) and the content test over the shipped
banks (the figures, with their limits). Lengths are counted in characters of the choice text as
written (maths included); words for the prompt-overlap strategy are normalised words that are
not stop words.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from prepcli.banks.text import american, words_of

if TYPE_CHECKING:
    from prepcli.banks.model import Question

LONG_RIGHT_RATIO = 1.5  # validate warns when the right choice is this much longer than every other

STOP_WORDS = frozenset("""
a an the of to in on for and or but is are was were be been being by with as at from that this
these those it its than then so such which what why how when where who whom not no nor do does did
has have had can could should would will may might must into over under between per each every
all any both only also more most less least very same other one two use used using if
""".split())


def _length(choice: str) -> int:
    return len(" ".join(choice.split()))


def right_is_unique_longest(q: Question) -> bool:
    """mcq: the right choice is strictly longer than every distractor."""
    right = _length(q.answer)
    return all(right > _length(c) for c in q.choices if c != q.answer)


def longest_ratio(q: Question) -> float:
    """mcq: length of the right choice over the longest distractor."""
    longest_wrong = max((_length(c) for c in q.choices if c != q.answer), default=0)
    return _length(q.answer) / max(longest_wrong, 1)


def long_right_choice_warning(q: Question) -> str | None:
    """One warning line when the right choice gives itself away by length, else None."""
    if q.type != "mcq":
        return None
    ratio = longest_ratio(q)
    if ratio >= LONG_RIGHT_RATIO:
        return (f"the right choice is {ratio:.1f}x as long as the longest distractor; a user can "
                "pick it by length: make the distractors as specific and as long")
    return None


def _content_words(text: str) -> set[str]:
    return {american(w) for w in words_of(text) if w not in STOP_WORDS and len(w) > 1}


def _pick_score(q: Question, score: dict[str, float]) -> float:
    """Expected score of picking a best-scoring choice at random among ties."""
    best = max(score.values())
    tied = [c for c, s in score.items() if s == best]
    return (q.answer in tied) / len(tied)


def longest_choice_score(q: Question) -> float:
    return _pick_score(q, {c: _length(c) for c in q.choices})


def prompt_overlap_score(q: Question) -> float:
    prompt = _content_words(q.prompt)
    return _pick_score(q, {c: len(_content_words(c) & prompt) for c in q.choices})


@dataclass(frozen=True)
class BalanceReport:
    """The figures the content test prints and bounds (shares are 0..1)."""

    mcq: int
    longest_right_share: float
    longest_right_by_topic: dict[str, tuple[int, int]]  # topic -> (right is unique longest, mcqs)
    median_length_ratio: float  # mcq: right / median distractor, median over questions
    longest_strategy: float
    overlap_strategy: float
    multi: int
    multi_right_wrong_ratio: float  # median length of right choices / of wrong ones

    def lines(self) -> list[str]:
        out = [
            f"mcq: {self.mcq}; right choice is the unique longest in "
            f"{self.longest_right_share:.1%} (limit 30%)",
            f"mcq: right choice / median distractor length, median {self.median_length_ratio:.2f}x",
            f"mcq: 'pick the longest' scores {self.longest_strategy:.1%}, 'pick the most prompt "
            f"words' scores {self.overlap_strategy:.1%} (limit 35% each)",
            f"multi: {self.multi}; median right / wrong choice length {self.multi_right_wrong_ratio:.2f}x "
            "(0.8-1.25)",
        ]
        for topic, (n, total) in sorted(self.longest_right_by_topic.items()):
            out.append(f"  {topic:14} right is the unique longest in {n}/{total} = {n / total:.0%}")
        return out


def balance_report(questions: Iterable[Question]) -> BalanceReport:
    qs = list(questions)
    mcqs = [q for q in qs if q.type == "mcq"]
    multis = [q for q in qs if q.type == "multi"]
    by_topic: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for q in mcqs:
        cell = by_topic[q.topic]
        cell[0] += right_is_unique_longest(q)
        cell[1] += 1
    ratios = [_length(q.answer) / max(statistics.median(_length(c) for c in q.choices if c != q.answer), 1)
              for q in mcqs]
    right_lengths = [_length(c) for q in multis for c in q.choices if c in q.answer]
    wrong_lengths = [_length(c) for q in multis for c in q.choices if c not in q.answer]
    return BalanceReport(
        mcq=len(mcqs),
        longest_right_share=_mean(right_is_unique_longest(q) for q in mcqs),
        longest_right_by_topic={t: (n, total) for t, (n, total) in by_topic.items()},
        median_length_ratio=statistics.median(ratios) if ratios else 1.0,
        longest_strategy=_mean(longest_choice_score(q) for q in mcqs),
        overlap_strategy=_mean(prompt_overlap_score(q) for q in mcqs),
        multi=len(multis),
        multi_right_wrong_ratio=(statistics.median(right_lengths) / max(statistics.median(wrong_lengths), 1)
                                 if right_lengths and wrong_lengths else 1.0),
    )


def _mean(values: Iterable[float]) -> float:
    vs: Sequence[float] = list(values)
    return sum(vs) / len(vs) if vs else 0.0
