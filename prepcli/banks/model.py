"""Immutable questions and banks, as the loader hands them to the quiz."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from prepcli.banks.types import REGISTRY, TYPE_NAMES

QUESTION_TYPES = TYPE_NAMES
AUTO_GRADED = tuple(name for name, t in REGISTRY.items() if t.auto_graded)


@dataclass(frozen=True)
class Question:
    """One question of a bank. `answer` is a str (mcq, short, open), a tuple of str (multi),
    a float (numeric) or an expression str (parametric numeric, with `params`).

    numeric: `decimals`/`sig_figs` (the rounding the prompt asks for) or `tolerance`/
    `rel_tolerance`; `mistakes` are (expression, one-line message) pairs. short: `reject` lists
    near-misses that are always wrong. `source` may be empty in a user's bank.
    """

    id: str
    topic: str
    type: str
    prompt: str
    answer: Any
    explanation: str
    tags: tuple[str, ...]
    difficulty: int
    source: tuple[str, ...]
    file: str
    line: int
    choices: tuple[str, ...] = ()
    accept: tuple[str, ...] = ()
    key_points: tuple[str, ...] = ()
    tolerance: float | None = None
    rel_tolerance: float | None = None
    unit: str | None = None
    hint: str | None = None
    params: tuple[tuple[str, tuple[float, ...]], ...] = ()
    decimals: int | None = None
    sig_figs: int | None = None
    mistakes: tuple[tuple[str, str], ...] = ()
    reject: tuple[str, ...] = ()

    @property
    def auto_graded(self) -> bool:
        return REGISTRY[self.type].auto_graded

    @property
    def parametric(self) -> bool:
        return bool(self.params)


@dataclass(frozen=True)
class Bank:
    topic: str
    title: str
    description: str
    file: str
    questions: tuple[Question, ...] = field(default=())


@dataclass(frozen=True)
class Topic:
    """A topic as the quiz sees it: the questions of every bank file that names it."""

    id: str
    title: str
    description: str
    files: tuple[str, ...]
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class Catalog:
    """Every loadable topic, plus one warning line per bank file that could not be loaded."""

    topics: dict[str, Topic]
    warnings: tuple[str, ...] = ()

    def all_questions(self) -> list[Question]:
        return [q for t in self.topics.values() for q in t.questions]

    def question(self, qid: str) -> Question | None:
        for t in self.topics.values():
            for q in t.questions:
                if q.id == qid:
                    return q
        return None
