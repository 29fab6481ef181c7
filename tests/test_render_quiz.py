"""Quiz feedback as the user reads it: a fixed-width console writing to a string."""

from __future__ import annotations

import random

from rich.console import Console

from prepcli.banks.loader import parse_bank_text
from prepcli.quiz.select import Pick
from prepcli.quiz.session import QuizSession
from prepcli.render.quiz import show_feedback

BANK = """\
topic: t
title: T
questions:
  - id: psnr
    type: numeric
    prompt: PSNR = 30 dB for an 8-bit image; the MSE? Give three significant figures.
    answer: "255 ** 2 / 1000"
    sig_figs: 3
    mistakes:
      - {expr: "256 ** 2 / 1000", message: "MAX = 256 instead of 255: 255 is the peak value"}
    explanation: MSE = $\\frac{255^2}{10^{3}}$ = {answer}.
    tags: [psnr]
    difficulty: 2
    source: [arXiv:1708.02002, 000_af215614a78a2d46.txt]
  - id: pick
    type: mcq
    prompt: Pick the one with $x_1 \\sim p$.
    choices: ["a\\\\_b and `x_1`", "other"]
    answer: "a\\\\_b and `x_1`"
    explanation: It is that one.
    tags: [nms]
    difficulty: 1
"""


def render(outcome) -> str:  # type: ignore[no-untyped-def]
    console = Console(width=90, record=True, color_system=None, force_terminal=False)
    show_feedback(console, outcome)
    return console.export_text()


def session() -> QuizSession:
    bank, problems = parse_bank_text(BANK, "t.yaml")
    assert bank is not None, problems
    return QuizSession([Pick(q, "new") for q in bank.questions], store=None, scheduler=None,
                       rng=random.Random(0))


def test_a_named_mistake_is_shown_with_the_word_wrong_and_titled_sources() -> None:
    s = session()
    shown = s.show(s.picks[0])
    text = render(s.answer(shown, "65.5", 5.0, False))
    assert "✗ Wrong" in text and "answer: 65.0" in text
    assert "→ MAX = 256 instead of 255: 255 is the peak value" in text
    assert "MSE = 255²/10³ = 65.025" in text
    assert "Focal Loss for Dense Object Detection (RetinaNet, arXiv:1708.02002)" in " ".join(text.split())
    assert "Russian interview notes" in text and "000_af215614a78a2d46" not in text


def test_choices_and_answers_show_no_markdown_escapes() -> None:
    s = session()
    shown = s.show(s.picks[1])
    letter = "ab"[shown.right_letters[0]]
    text = render(s.answer(shown, letter, 5.0, False))
    assert "✓ Right" in text and "a_b and x_1" in text and "\\" not in text
