"""Numbers as a user types them, and when one is close enough to a question's answer.

`parse_typed_number` reads `0.5`, `1/2`, `50%`, `1e-3`, `1,000` and remembers the precision the
user wrote (`1.33` is "to the hundredth"), so that a question asking no precision accepts any
correct rounding of its answer (`1.33` for 4/3) and no more (`1.3` is not a rounding of 4/3 to
three figures, and `0.111` is not a rounding of 0.1121).
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass


class Unreadable(ValueError):
    """The input cannot be read as an answer of this type; the message says what is expected."""


@dataclass(frozen=True)
class TypedNumber:
    """A number as typed: its value, and the unit of its last written digit (None for a fraction)."""

    value: float
    last_digit: float | None
    significant: int


_MANTISSA = r"(?P<int>\d*)(?:\.(?P<frac>\d*))?"
_NUMBER = r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?"
_NUMERIC_RE = re.compile(
    rf"^(?P<a>{_NUMBER})(?:\s*/\s*(?P<b>{_NUMBER}))?\s*(?P<pct>%)?$", re.IGNORECASE
)
_SINGLE_RE = re.compile(rf"^[-+]?{_MANTISSA}(?:e(?P<exp>[-+]?\d+))?$", re.IGNORECASE)
_COMMA_NUMBER = re.compile(r"[-+]?\d[\d,]*(?:\.\d*)?")
_THOUSANDS = re.compile(r"^[-+]?[1-9]\d{0,2}(?:,\d{3})+(?:\.\d*)?$")

AMBIGUOUS_COMMA = ("{text} is ambiguous (a decimal comma or a thousands separator?); "
                   "type it with a decimal point, e.g. {example}")


def _commas(s: str, answer: float | None) -> str:
    """Remove thousands commas; raise Unreadable when a comma could be a decimal comma.

    A comma is read as a thousands separator only in a well-formed group (`1,000`,
    `12,345,678`, `1,234.5`) that does not start with 0, and, when the question's answer is
    known and below 1000 in size, only with two or more groups or a decimal point after it
    (`1,509` for an answer of 1.509 is asked again). `0,509` and `1,5` are always asked again.
    """
    for m in _COMMA_NUMBER.finditer(s):
        token = m.group(0)
        if "," not in token:
            continue
        several = token.count(",") >= 2 or "." in token
        if _THOUSANDS.match(token) and (answer is None or abs(answer) >= 1000 or several):
            continue
        example = token.replace(",", ".", 1) if token.count(",") == 1 and "." not in token else \
            token.replace(",", "")
        raise Unreadable(AMBIGUOUS_COMMA.format(text=token, example=example))
    return s.replace(",", "")


def parse_typed_number(text: str, unit: str | None = None, answer: float | None = None
                       ) -> TypedNumber:
    """Read `0.5`, `1/2`, `50%`, `1e-3`, `196`, `-2.5e+3`, `1_000`, `1,000` (thousands), `1 000`,
    and the question's unit after the number (`30 dB`). Raises Unreadable (ask again), also for
    a comma that could be a decimal comma (`0,509`, `1,5`). `answer`, when given, only settles
    whether `1,509` is a thousands separator (see `_commas`)."""
    s = unicodedata.normalize("NFKC", text).strip().replace("\u2212", "-")
    s = s.replace("_", "")
    if unit:
        # the question's own unit after the number is just a unit: for a question asked in
        # percent, "4.2%" means 4.2, not 0.042
        u = unit.strip().lower()
        if u and s.lower().endswith(u):
            s = s[: -len(u)].strip()
    s = re.sub(r"(?<=\d)\s+(?=\d{3}(?:\D|$))", "", s)  # 1 000 -> 1000
    if "," in s:
        s = _commas(s, answer)
    m = _NUMERIC_RE.match(s)
    if not m:
        raise Unreadable("type a number, e.g. 0.5, 1/2, 50% or 1e-3")
    # floats, not Fractions: "1e999999" must not build a million-digit integer
    result = float(m.group("a"))
    last_digit: float | None = None
    significant = 0
    if m.group("b") is not None:
        den = float(m.group("b"))
        if den == 0:
            raise Unreadable("division by zero; type a number")
        result /= den
    else:
        single = _SINGLE_RE.match(m.group("a"))
        if single is not None:
            frac = single.group("frac") or ""
            exponent = int(single.group("exp") or 0)
            if abs(exponent) < 300:
                last_digit = 10.0 ** (exponent - len(frac))
            digits = ((single.group("int") or "") + frac).lstrip("0")
            significant = len(digits)
    if m.group("pct"):
        result /= 100
        if last_digit is not None:
            last_digit /= 100
    if not math.isfinite(result):
        raise Unreadable("that number is too large")
    return TypedNumber(result, last_digit, significant)


def parse_number(text: str, unit: str | None = None, answer: float | None = None) -> float:
    """The value of `parse_typed_number`. Raises Unreadable."""
    return parse_typed_number(text, unit, answer).value


def _slack(answer: float) -> float:
    # a hair of slack so that 0.1 + 0.2 style float noise never fails an exact answer
    return 1e-9 * max(1.0, abs(answer))


def numeric_right(value: float, answer: float, tolerance: float | None,
                  rel_tolerance: float | None) -> bool:
    """Right when within the absolute or the relative tolerance (whichever is wider)."""
    allowed = max(tolerance or 0.0, (rel_tolerance or 0.0) * abs(answer))
    return abs(value - answer) <= allowed + _slack(answer)


def precision_tolerance(answer: float, decimals: int | None, sig_figs: int | None) -> float | None:
    """Half a unit of the last digit asked for: `decimals: 3` -> 0.0005; `sig_figs: 3` of 0.0123
    -> 0.00005. None when the question asks no precision."""
    if decimals is not None:
        return 0.5 * 10.0 ** -decimals
    if sig_figs is not None:
        if answer == 0:
            return 0.5 * 10.0 ** -sig_figs
        return 0.5 * 10.0 ** (math.floor(math.log10(abs(answer))) - sig_figs + 1)
    return None


def round_to(answer: float, decimals: int | None, sig_figs: int | None) -> str:
    """The answer as a user following the prompt would type it (`0.509`, `0.0123`)."""
    if decimals is not None:
        return f"{answer:.{decimals}f}"
    if sig_figs is not None:
        if answer == 0:
            return "0"
        places = sig_figs - 1 - math.floor(math.log10(abs(answer)))
        return f"{round(answer, places):.{max(places, 0)}f}"
    return repr(answer)


MIN_ROUNDING_FIGURES = 3


def is_rounding_of(typed: TypedNumber, answer: float) -> bool:
    """`typed` is the answer correctly rounded at the precision the user wrote, with at least
    three significant figures (`1.33` or `1.333` for 4/3; not `1.3`, not `1.34`)."""
    if typed.last_digit is None or typed.significant < MIN_ROUNDING_FIGURES:
        return False
    return abs(typed.value - answer) <= 0.5 * typed.last_digit + _slack(answer)
