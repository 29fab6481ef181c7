"""Grading: what a user types is read the way they meant it (property tests with hypothesis)."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from prepcli.banks.expr import ExprError, evaluate
from prepcli.quiz.grading import (
    Unreadable,
    normalise_text,
    numeric_right,
    parse_grade,
    parse_letters,
    parse_number,
    short_right,
)

finite = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False)


# -- numbers ---------------------------------------------------------------------------------


@given(finite)
def test_any_float_written_by_python_reads_back(x: float) -> None:
    for text in (repr(x), f"{x:e}", f"{x:.17g}"):
        assert math.isclose(parse_number(text), float(text), rel_tol=1e-15, abs_tol=1e-300)


@given(st.integers(-10**9, 10**9), st.integers(1, 10**6))
def test_fractions_read_as_their_value(a: int, b: int) -> None:
    assert parse_number(f"{a}/{b}") == pytest.approx(a / b, rel=1e-12)
    assert parse_number(f" {a} / {b} ") == pytest.approx(a / b, rel=1e-12)


@given(st.integers(-10_000, 10_000))
def test_percent_is_a_hundredth(n: int) -> None:
    assert parse_number(f"{n}%") == pytest.approx(n / 100)


@pytest.mark.parametrize("text,value", [
    ("0.5", 0.5), ("1/2", 0.5), ("50%", 0.5), ("1e-3", 0.001), ("196", 196), (".25", 0.25),
    ("-2.5E+3", -2500), ("1,000", 1000), ("1 000 000", 1e6), ("1_000", 1000), ("−3", -3),
    ("0.5%", 0.005), ("3/4%", 0.0075),
])
def test_the_forms_the_readme_promises(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)


def test_unit_after_the_number_is_accepted_when_it_is_the_questions_unit() -> None:
    assert parse_number("30.1 dB", unit="dB") == pytest.approx(30.1)
    assert parse_number("4.2%", unit="%") == pytest.approx(4.2)  # asked in percent
    assert parse_number("4.2%") == pytest.approx(0.042)  # asked as a fraction
    with pytest.raises(Unreadable):
        parse_number("30.1 dB")


@given(st.text(alphabet="abcxyz!?@#[]{}", min_size=1))
def test_text_without_digits_is_unreadable_not_wrong(text: str) -> None:
    with pytest.raises(Unreadable):
        parse_number(text)


@pytest.mark.parametrize("text", ["1/0", "1e999999", "2 3", "1..2", "", "  "])
def test_nonsense_numbers_ask_again(text: str) -> None:
    with pytest.raises(Unreadable):
        parse_number(text)


@given(finite, st.floats(min_value=0, max_value=1e6))
def test_numeric_tolerance_is_symmetric_and_inclusive(answer: float, tol: float) -> None:
    assert numeric_right(answer, answer, tol, None)
    assert numeric_right(answer + tol, answer, tol, None)
    assert numeric_right(answer - tol, answer, tol, None)
    assume(tol * 1.01 + 1e-6 * max(1, abs(answer)) < 1e12)
    far = tol * 1.01 + 1e-6 * max(1.0, abs(answer))
    assert not numeric_right(answer + far, answer, tol, None)


def test_relative_tolerance() -> None:
    assert numeric_right(0.2857, 2 / 7, None, 0.01)
    assert not numeric_right(0.30, 2 / 7, None, 0.01)
    assert numeric_right(196, 196, 0, None)
    assert not numeric_right(195, 196, 0, None)
    assert numeric_right(0.1 + 0.2, 0.3, 0, None)  # float noise is never a wrong answer


# -- letters -----------------------------------------------------------------------------------


@given(st.sets(st.integers(0, 5), min_size=1), st.sampled_from([" ", ",", ", ", "", ";"]),
       st.booleans())
def test_letters_in_any_separator_and_case(picked: set[int], sep: str, upper: bool) -> None:
    letters = [("abcdef"[i]).upper() if upper else "abcdef"[i] for i in sorted(picked)]
    assert parse_letters(sep.join(letters), 6, single=False) == tuple(sorted(picked))


def test_mcq_needs_exactly_one_valid_letter() -> None:
    assert parse_letters(" B ", 4, single=True) == (1,)
    assert parse_letters("b)", 4, single=True) == (1,)
    for bad in ("e", "a b", "", "1"):
        with pytest.raises(Unreadable):
            parse_letters(bad, 4, single=True)


# -- short answers -----------------------------------------------------------------------------


words = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=10)


@given(st.lists(words, min_size=1, max_size=4))
def test_case_spaces_and_punctuation_never_matter(parts: list[str]) -> None:
    answer = " ".join(parts)
    assume(normalise_text(answer))
    messy = "  " + "-".join(p.upper() for p in parts) + "!! "
    assert short_right(messy, answer)


@given(words.filter(lambda w: len(w) >= 6), st.integers(0, 100))
def test_one_typo_in_a_long_word_is_forgiven(word: str, pos: int) -> None:
    i = 1 + pos % (len(word) - 1)  # never the first letter: "local" is no typo of "focal"
    typo = word[:i] + ("x" if word[i] != "x" else "y") + word[i + 1 :]
    assert short_right(typo, word)


@pytest.mark.parametrize("typed,answer,accept,right", [
    ("roi align", "RoI Align", (), True),
    ("RoIAlign", "RoI Align", (), True),
    ("roi algin", "RoI Align", (), True),          # transposed letters
    ("roi pool", "RoI Align", (), False),
    ("L1", "L2", (), False),                       # short words: no typo tolerance
    ("yolov3", "YOLOv5", (), False),               # digits must match
    ("the hungarian algorithm", "Hungarian algorithm", (), True),
    ("kuhn munkres", "Hungarian algorithm", ("Kuhn-Munkres",), True),
    ("", "NMS", (), False),
    ("!!!", "NMS", (), False),
    ("Sobel", "sobel", (), True),
])
def test_short_answer_cases(typed: str, answer: str, accept: tuple[str, ...], right: bool) -> None:
    assert short_right(typed, answer, accept) is right


def test_self_grades() -> None:
    assert [parse_grade(x) for x in ("1", "2", "3", "4", "good", "E")] == [1, 2, 3, 4, 3, 4]
    with pytest.raises(Unreadable):
        parse_grade("5")


# -- the safe evaluator ----------------------------------------------------------------------------


@given(st.integers(1, 4096), st.integers(1, 64))
def test_expressions_match_python_arithmetic(s: int, p: int) -> None:
    assert evaluate("(s // p) ** 2", {"s": s, "p": p}) == (s // p) ** 2
    assert evaluate("s / p + 1", {"s": s, "p": p}) == pytest.approx(s / p + 1)
    assert evaluate("10 * log10(s ** 2 / p)", {"s": s, "p": p}) == pytest.approx(
        10 * math.log10(s**2 / p))


@pytest.mark.parametrize("expr", [
    "__import__('os')", "s.__class__", "[1, 2]", "lambda: 1", "open('x')", "s if s else 1",
    "10 ** 10 ** 10", "'a' * 3", "(1).real", "x", "1 +",
])
def test_anything_but_arithmetic_is_refused(expr: str) -> None:
    with pytest.raises(ExprError):
        evaluate(expr, {"s": 2})


def test_fraction_answers_compare_exactly() -> None:
    assert parse_number("2/7") == float(Fraction(2, 7))


# -- thousands and decimal commas ------------------------------------------------------------------


@given(st.integers(1000, 10**12))
def test_thousands_separators_read_back_when_the_answer_is_large(n: int) -> None:
    assert parse_number(f"{n:,}", answer=float(n)) == n
    assert parse_number(f"{n:,}") == n


@given(st.integers(0, 999), st.integers(1, 999))
def test_a_comma_that_may_be_decimal_is_never_graded(whole: int, frac: int) -> None:
    text = f"{whole},{frac}"
    value = float(f"{whole}.{frac}")
    try:
        read = parse_number(text, answer=value)
    except Unreadable:
        return
    pytest.fail(f"{text} read as {read} for an answer of {value}")
