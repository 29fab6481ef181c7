"""Helpers shared by the bank recomputation tests (imported by name: tests/banks is on sys.path
under pytest).

They load a bank's raw YAML (`load_questions`, `numeric`), walk a parametric question's parameter
grid (`combos`), give the bank's own value for one parameter set (`bank_value`), and give the error
prep's grader accepts around a value (`window`, `close`), computed with the grader's own rule. Each
test file keeps its own independent recomputation of the numbers.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import yaml

from prepcli.banks.expr import evaluate
from prepcli.banks.numbers import precision_tolerance

QUESTIONS_DIR = Path(__file__).parents[2] / "questions"


def load_questions(*files: str) -> dict[str, dict]:
    """The raw YAML dict of every question of the given bank files (`"cnn.yaml"`), by id."""
    questions: dict[str, dict] = {}
    for file in files:
        data = yaml.safe_load((QUESTIONS_DIR / file).read_text(encoding="utf-8"))
        for q in data["questions"]:
            assert q["id"] not in questions, f"{q['id']} is in more than one of {files}"
            questions[q["id"]] = q
    return questions


def numeric(questions: Mapping[str, dict]) -> dict[str, dict]:
    """The numeric questions of `questions`, by id."""
    return {qid: q for qid, q in questions.items() if q["type"] == "numeric"}


def combos(q: dict) -> Iterator[dict[str, Any]]:
    """Every combination of the question's `params` as {name: value}; `{}` once without params."""
    params = q.get("params") or {}
    names = list(params)
    for values in itertools.product(*(params[n] for n in names)):
        yield dict(zip(names, values))


def bank_value(q: dict, env: Mapping[str, Any] | None = None) -> float:
    """The bank's answer for one parameter set, read as the loader reads it: a parametric
    answer is an expression over the params, a fixed one a number or a constant expression."""
    answer = q["answer"]
    if env or "params" in q:
        return evaluate(str(answer), env)
    return evaluate(answer) if isinstance(answer, str) else float(answer)


def window(q: dict, expected: float) -> float:
    """The absolute error prep's grader accepts around `expected` (the grader's target: the bank's
    answer): half a unit of the digit the question asks for (`decimals` / `sig_figs`), else the
    wider of `tolerance` and `rel_tolerance * |expected|`, plus the grader's float slack."""
    allowed = precision_tolerance(expected, q.get("decimals"), q.get("sig_figs"))
    if allowed is None:
        allowed = max(q.get("tolerance") or 0.0, (q.get("rel_tolerance") or 0.0) * abs(expected))
    return allowed + 1e-9 * max(1.0, abs(expected))


def close(q: dict, expected: float, got: float) -> bool:
    """`got` is graded right for a question whose answer is `expected`."""
    return abs(got - expected) <= window(q, expected)
