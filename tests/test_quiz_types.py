"""One class per question type in one registry, read by loader, session, renderer and scheduler."""

from __future__ import annotations

import random
from typing import Any, ClassVar

import pytest
from prephelp import run_prep

from prepcli.banks.loader import parse_bank_text
from prepcli.banks.types import REGISTRY, TYPE_NAMES, Draw, QuestionType, Verdict
from prepcli.quiz.select import Pick
from prepcli.quiz.session import QuizSession
from prepcli.srs import rating_for


class TrueFalse(QuestionType):
    """What a new type costs: this class (plus its README section and tests)."""

    name = "truefalse"
    help = "t or f"
    fields: ClassVar[frozenset[str]] = frozenset()
    fast_s, slow_s = 4.0, 20.0

    def validate(self, raw: dict[str, Any], bad: Any, extra: dict[str, Any]) -> Any:
        if not isinstance(raw.get("answer"), bool):
            bad("answer", "`answer` of a truefalse question is true or false")
        return bool(raw.get("answer"))

    def expected(self, q: Any, d: Draw) -> str:
        return "true" if q.answer else "false"

    def grade(self, q: Any, d: Draw, text: str, vocabulary: Any = None) -> Verdict:
        from prepcli.banks.numbers import Unreadable

        if text.strip().lower() not in ("t", "f", "true", "false"):
            raise Unreadable("type t or f")
        return Verdict(text.strip().lower().startswith("t") == q.answer)


BANK = """\
topic: t
title: T
questions:
  - id: tf-1
    type: truefalse
    prompt: NMS is greedy.
    answer: true
    explanation: It keeps the best box first.
    tags: [nms]
    difficulty: 1
  - id: hinted
    type: mcq
    prompt: Pick NMS.
    choices: [NMS, FPN, RoI Align]
    answer: NMS
    explanation: It is NMS.
    hint: The one that removes duplicates.
    tags: [nms]
    difficulty: 1
  - id: unhinted
    type: mcq
    prompt: Pick FPN.
    choices: [NMS, FPN, RoI Align]
    answer: FPN
    explanation: It is FPN.
    tags: [fpn]
    difficulty: 1
"""


def test_a_new_type_is_one_class(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(REGISTRY, "truefalse", TrueFalse())
    bank, problems = parse_bank_text(BANK, "t.yaml")
    assert bank is not None, problems
    q = bank.questions[0]
    assert not q.auto_graded or q.type == "truefalse"
    session = QuizSession([Pick(q, "new")], store=None, scheduler=None, rng=random.Random(1))
    shown = session.show(session.picks[0])
    assert shown.expected == "true" and not shown.hint_written
    assert session.answer(shown, "t", 3.0, False).status == "right"
    assert rating_for("truefalse", True, 3.0, False) == 4  # the type's own fast threshold
    bad, problems = parse_bank_text(BANK.replace("answer: true", "answer: maybe"), "t.yaml")
    assert bad is None and any("truefalse question is true or false" in p for p in problems)


def test_without_the_class_the_type_is_unknown() -> None:
    _, problems = parse_bank_text(BANK, "t.yaml")
    assert any(f"unknown type 'truefalse' (allowed: {', '.join(TYPE_NAMES)})" in p for p in problems)


def test_every_type_says_how_to_answer_and_the_cli_help_lists_them() -> None:
    for name, t in REGISTRY.items():
        assert t.name == name and t.help
        assert t.fast_s < t.slow_s
    r = run_prep("quiz", "--help")
    assert all(name in r.stdout for name in TYPE_NAMES)


def _session(bank_text: str) -> QuizSession:
    bank, problems = parse_bank_text(bank_text, "t.yaml")
    assert bank is not None, problems
    picks = [Pick(q, "new") for q in bank.questions if q.type == "mcq"]
    return QuizSession(picks, store=None, scheduler=None, rng=random.Random(3))


def _right(shown: Any) -> str:
    return "abcdefgh"[shown.right_letters[0]]


def test_a_written_hint_rates_a_right_answer_hard_a_generated_nudge_does_not() -> None:
    head, _, rest = BANK.partition("  - id: hinted")
    session = _session(head.split("  - id: tf-1")[0] + "  - id: hinted" + rest)
    hinted, unhinted = (session.show(p) for p in session.picks)
    assert hinted.hint == "The one that removes duplicates." and hinted.hint_written
    assert not unhinted.hint_written and "3 choices" in unhinted.hint
    assert session.answer(hinted, _right(hinted), 10.0, True).rating == 2  # Hard
    assert session.answer(unhinted, _right(unhinted), 10.0, True).rating == 3  # Good, as unhinted
