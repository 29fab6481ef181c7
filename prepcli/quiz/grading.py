"""Grading helpers the quiz loop needs beyond the question types.

Parsing and grading per type live with the type (`prepcli.banks.types`), text normalisation
and term matching in `prepcli.banks.text`/`prepcli.banks.terms`, numbers in
`prepcli.banks.numbers`: this module re-exports them for the session and renderer, and owns
the open questions' self-grade.
"""

from __future__ import annotations

from prepcli.banks.numbers import Unreadable, numeric_right, parse_number
from prepcli.banks.terms import judge_term
from prepcli.banks.text import edit_distance, normalise_text, typo_budget
from prepcli.banks.types import LETTERS, parse_letters

__all__ = [
    "GRADES", "LETTERS", "Unreadable", "edit_distance", "normalise_text", "numeric_right",
    "parse_grade", "parse_letters", "parse_number", "short_right", "typo_budget",
]


def short_right(text: str, answer: str, accept: tuple[str, ...] = (),
                reject: tuple[str, ...] = ()) -> bool:
    """`text` names the term `answer` (or one of `accept`); see `prepcli.banks.terms`."""
    return judge_term(text, answer, accept, reject).right


# -- self-grading ---------------------------------------------------------------------------------

GRADES = {1: "again", 2: "hard", 3: "good", 4: "easy"}


def parse_grade(text: str) -> int:
    s = text.strip().lower()
    for value, name in GRADES.items():
        if s in (str(value), name, name[0]):
            return value
    raise Unreadable("grade yourself 1 (again), 2 (hard), 3 (good) or 4 (easy)")
