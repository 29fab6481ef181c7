"""Numeric answers: the rounding the prompt asks for, named mistakes, ambiguous decimal commas."""

from __future__ import annotations

import pytest
from prephelp import ROOT

from prepcli.banks.audit import precision_problems
from prepcli.banks.catalog import load_catalog
from prepcli.banks.loader import parse_bank_text
from prepcli.banks.numbers import Unreadable, parse_number, parse_typed_number
from prepcli.banks.types import Draw, Numeric, stated_precision

NUMERIC = Numeric()

PSNR = """\
  - id: mse-from-psnr
    type: numeric
    prompt: |
      An 8-bit image has PSNR = {psnr} dB. What is the MSE? Give three significant figures.
    params: {psnr: [20, 25, 30, 35, 40]}
    answer: "255 ** 2 / 10 ** (psnr / 10)"
    sig_figs: 3
    mistakes:
      - expr: "256 ** 2 / 10 ** (psnr / 10)"
        message: "MAX = 256 instead of 255: 256 is the number of levels, the peak value is 255"
      - expr: "255 / 10 ** (psnr / 20)"
        message: "MAX not squared: that inverts 20 log10(MAX / RMSE) but gives the RMSE"
    explanation: MSE = 255^2 / 10^(PSNR/10) = {answer}.
    tags: [psnr]
    difficulty: 2
    source: arXiv:1801.03924
    hint: Invert PSNR = 10 log10(MAX^2 / MSE) for the MSE.
"""

DWSEP = """\
  - id: dwsep-ratio
    type: numeric
    prompt: Depthwise-separable / standard conv cost for k = 3, C_out = 256? Give 4 decimal places.
    answer: "1/256 + 1/9"
    decimals: 4
    mistakes:
      - {expr: "1/9", message: "1/k² alone: the pointwise 1/C_out term is missing"}
    explanation: 1/C_out + 1/k^2.
    tags: [cnn]
    difficulty: 2
    source: arXiv:1704.04861
"""

DROPOUT = """\
  - id: dropout-kept
    type: numeric
    prompt: Inverted dropout with p = {p}; a kept unit with input 1 outputs what?
    params: {p: [0.25, 0.5]}
    answer: "1 / (1 - p)"
    rel_tolerance: 0.001
    explanation: 1 / (1 - p) = {answer}.
    tags: [dropout]
    difficulty: 1
    source: arXiv:1207.0580
"""


def load(questions: str):  # type: ignore[no-untyped-def]
    bank, problems = parse_bank_text("topic: t\ntitle: T\nquestions:\n" + questions, "t.yaml")
    assert bank is not None, problems
    return bank.questions[0]


def grade(q, text: str, **env: float):  # type: ignore[no-untyped-def]
    from prepcli.banks.expr import evaluate

    value = evaluate(q.answer, env) if q.parametric else float(q.answer)
    return NUMERIC.grade(q, Draw(env=env, value=value), text)


def test_sig_figs_accept_the_rounding_asked_and_name_the_mistake() -> None:
    q = load(PSNR)
    assert grade(q, "206", psnr=25).right  # 205.627 to three figures
    assert grade(q, "205.63", psnr=25).right
    assert not grade(q, "205", psnr=25).right
    wrong = grade(q, "207", psnr=25)  # 256² / 10^2.5 = 207.24
    assert not wrong.right and wrong.message.startswith("MAX = 256 instead of 255")
    assert grade(q, "14.3", psnr=25).message.startswith("MAX not squared")
    assert precision_problems(q) == []


def test_decimals_tolerance_is_half_a_unit_of_the_last_digit() -> None:
    q = load(DWSEP)
    assert grade(q, "0.1150").right and grade(q, "0.115").right and grade(q, "0.11502").right
    assert not grade(q, "0.1146").right
    verdict = grade(q, "0.1111")
    assert not verdict.right and "1/k² alone" in verdict.message
    assert precision_problems(q) == []


def test_no_precision_asked_accepts_any_correct_rounding() -> None:
    q = load(DROPOUT)
    for typed in ("1.33", "1.333", "4/3", "1.3333333"):
        assert grade(q, typed, p=0.25).right, typed
    for typed in ("1.3", "1.34", "1.32"):
        assert not grade(q, typed, p=0.25).right, typed
    assert grade(q, "2", p=0.5).right


def test_a_mistake_inside_the_tolerance_is_reported_by_the_audit() -> None:
    loose = load(PSNR.replace("sig_figs: 3", "rel_tolerance: 0.01").replace(
        "Give three significant figures.", ""))
    problems = precision_problems(loose)
    assert any("mistake #1" in p and "graded right" in p for p in problems), problems


@pytest.mark.parametrize("prompt,expected", [
    ("Give 3 decimal places.", ("decimals", 3)), ("Round to two decimals.", ("decimals", 2)),
    ("(4 decimals)", ("decimals", 4)), ("to three significant figures", ("sig_figs", 3)),
    ("Give 2 sig figs", ("sig_figs", 2)), ("Round to the nearest integer.", ("decimals", 0)),
    ("to 2 d.p.", ("decimals", 2)), ("to the nearest hundredth", ("decimals", 2)),
    ("to the nearest 0.001", ("decimals", 3)), ("a three-decimal answer", ("decimals", 3)),
    ("Give a 3-decimal-place answer", ("decimals", 3)),
    ("How many patches?", None),
])
def test_stated_precision_reads_the_prompt(prompt: str, expected: tuple[str, int] | None) -> None:
    assert stated_precision(prompt) == expected


@pytest.mark.parametrize("change,message", [
    (("sig_figs: 3", "sig_figs: 2"), "`sig_figs: 2` but the prompt asks for give 3 significant figures"),
    (("sig_figs: 3", "decimals: 3"), "`decimals: 3` but the prompt asks for"),
    (("    sig_figs: 3\n", "    sig_figs: 3\n    rel_tolerance: 0.01\n"), "`sig_figs` sets the tolerance"),
    (('"256 ** 2 / 10 ** (psnr / 10)"', '"256 ** 2 / (psnr - 20)"'), "mistake #1 with psnr=20"),
    (('"256 ** 2 / 10 ** (psnr / 10)"', '"max_value / psnr"'), "mistake uses unknown name(s) max_value"),
    (("        message: \"MAX = 256", "        msg: \"MAX = 256"), "mistake #1 must be a mapping"),
    (("hint: Invert PSNR", "hint: It is {answer}. Invert PSNR"), "{answer} in the hint would give"),
])
def test_loader_checks_precision_and_mistakes(change: tuple[str, str], message: str) -> None:
    text = PSNR.replace(*change)
    bank, problems = parse_bank_text("topic: t\ntitle: T\nquestions:\n" + text, "t.yaml")
    assert bank is None and any(message in p for p in problems), problems


def test_declared_precision_needs_words_in_the_prompt() -> None:
    text = DWSEP.replace(" Give 4 decimal places.", "")
    bank, problems = parse_bank_text("topic: t\ntitle: T\nquestions:\n" + text, "t.yaml")
    assert bank is None and any("the prompt asks for no rounding" in p for p in problems)


# -- ambiguous commas ----------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["0,509", "1,5", "3,14159", "0,5%", "12,34"])
def test_a_possible_decimal_comma_is_asked_again(typed: str) -> None:
    with pytest.raises(Unreadable, match="ambiguous"):
        parse_number(typed, answer=0.509)


def test_thousands_commas() -> None:
    assert parse_number("1,000") == 1000  # no answer known: a well-formed thousands group
    assert parse_number("1,024", answer=1024) == 1024
    assert parse_number("12,345,678", answer=0.5) == 12345678
    assert parse_number("1,234.5", answer=1.2345) == 1234.5
    with pytest.raises(Unreadable):
        parse_number("1,509", answer=1.509)  # 1.509 or 1509? asked again


def test_typed_precision_is_remembered() -> None:
    t = parse_typed_number("1.33")
    assert t.last_digit == pytest.approx(0.01) and t.significant == 3
    assert parse_typed_number("2.50e3").last_digit == pytest.approx(10)
    assert parse_typed_number("12.5%").last_digit == pytest.approx(0.001)
    assert parse_typed_number("4/3").last_digit is None


# -- the shipped banks (need the rewritten banks: decimals/sig_figs/mistakes declared) -------------

CATALOG = load_catalog(shipped=ROOT / "questions", user_dirs=[], cache=ROOT / ".pytest_cache" / "banks")
SHIPPED = [q for q in CATALOG.all_questions() if q.type == "numeric"]


@pytest.mark.parametrize("q", SHIPPED, ids=lambda q: q.id)
def test_shipped_numeric_accepts_the_asked_rounding_and_rejects_every_mistake(q) -> None:  # type: ignore[no-untyped-def]
    assert precision_problems(q) == []




def test_two_slips_on_the_same_number_are_both_named() -> None:
    q = load(DWSEP.replace(
        '      - {expr: "1/9", message: "1/k² alone: the pointwise 1/C_out term is missing"}',
        '      - {expr: "1/9", message: "1/k² alone: the pointwise 1/C_out term is missing"}\n'
        '      - {expr: "1/3 ** 2", message: "the depthwise term only"}'))
    wrong = grade(q, "0.1111")
    assert not wrong.right and "pointwise 1/C_out term is missing" in wrong.message
    assert "the depthwise term only" in wrong.message
    assert precision_problems(q) == []
