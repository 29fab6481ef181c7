"""A numeric answer rounded the way its prompt asks is always graded right.

"Give 3 decimal places" with a tolerance of 1e-4 would mark the correctly rounded 0.509 wrong
for 0.509434: the worst kind of bug for a quiz. This checks every shipped numeric question,
for every parameter combination, against the rounding its prompt states.
"""

from __future__ import annotations

import itertools
import math
import re

import pytest
from prephelp import ROOT

from prepcli.banks.catalog import load_catalog
from prepcli.banks.expr import evaluate
from prepcli.banks.template import fill
from prepcli.banks.types import Draw, Numeric

NUMERIC_TYPE = Numeric()

WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
N = r"(\d|one|two|three|four|five|six)"
DECIMALS = re.compile(rf"\b{N} (?:decimal places|decimal place|decimals|decimal)\b", re.IGNORECASE)
SIGNIFICANT = re.compile(rf"\b{N} significant (?:figures|digits)\b", re.IGNORECASE)

CATALOG = load_catalog(shipped=ROOT / "questions", user_dirs=[], cache=ROOT / ".pytest_cache" / "banks")
NUMERIC = [q for q in CATALOG.all_questions() if q.type == "numeric"]


def _n(token: str) -> int:
    return int(token) if token.isdigit() else WORDS[token.lower()]


def _showings(q):  # type: ignore[no-untyped-def]
    if not q.parametric:
        yield q.prompt, float(q.answer), {}
        return
    names = [n for n, _ in q.params]
    for combo in itertools.product(*(v for _, v in q.params)):
        env = dict(zip(names, combo))
        yield fill(q.prompt, env), evaluate(q.answer, env), env


def _right(q, text: str, answer: float, env: dict[str, float]) -> bool:  # type: ignore[no-untyped-def]
    return NUMERIC_TYPE.grade(q, Draw(env=env, value=answer), text).right


def _round_sig(x: float, digits: int) -> float:
    if x == 0:
        return 0.0
    return round(x, digits - 1 - math.floor(math.log10(abs(x))))


@pytest.mark.parametrize("q", NUMERIC, ids=lambda q: q.id)
def test_the_rounding_the_prompt_asks_for_is_accepted(q) -> None:  # type: ignore[no-untyped-def]
    for prompt, answer, env in _showings(q):
        typed = [repr(answer)]
        if m := DECIMALS.search(prompt):
            d = _n(m.group(1))
            typed += [f"{answer:.{d}f}"]
        if m := SIGNIFICANT.search(prompt):
            typed += [repr(_round_sig(answer, _n(m.group(1))))]
        if answer == int(answer):
            typed.append(str(int(answer)))
        if q.unit:
            typed.append(f"{answer!r} {q.unit}")
        for text in typed:
            assert _right(q, text, answer, env), (
                f"{q.id}: typing {text} for {answer!r} is marked wrong ({prompt[:80]!r})")


@pytest.mark.parametrize("q", NUMERIC, ids=lambda q: q.id)
def test_a_clearly_wrong_number_is_not_accepted(q) -> None:  # type: ignore[no-untyped-def]
    for _, answer, env in _showings(q):
        wrong = answer * 1.5 + 1 if answer >= 0 else answer * 1.5 - 1
        assert not _right(q, repr(wrong), answer, env), (
            f"{q.id}: tolerance so wide that {wrong} passes for {answer}")
