"""Grading per question type: parse what the user typed, decide right or wrong.

Parsing and grading are separate so that an unreadable answer ("abc" to a numeric
question, "z" to a four-choice one) asks again instead of counting as wrong.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

LETTERS = "abcdefgh"


class Unreadable(ValueError):
    """The input cannot be read as an answer of this type; the message says what is expected."""


# -- choices ------------------------------------------------------------------------------------


def parse_letters(text: str, n_choices: int, *, single: bool) -> tuple[int, ...]:
    """`b` -> (1,); `a c`, `a,c`, `A, C`, `ac` -> (0, 2). Raises Unreadable."""
    valid = LETTERS[:n_choices]
    cleaned = re.sub(r"[\s,;/+&]+", "", text.strip().lower())
    cleaned = re.sub(r"[.)]", "", cleaned)
    if not cleaned:
        raise Unreadable(f"type a letter ({valid[0]}-{valid[-1]})")
    bad = sorted({c for c in cleaned if c not in valid})
    if bad:
        raise Unreadable(f"{', '.join(bad)} is not a choice; type letters {valid[0]}-{valid[-1]}")
    picked = tuple(sorted({valid.index(c) for c in cleaned}))
    if single and len(picked) != 1:
        raise Unreadable("this question has exactly one right choice; type one letter")
    return picked


# -- numbers ------------------------------------------------------------------------------------

_NUMBER = r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?"
_NUMERIC_RE = re.compile(
    rf"^(?P<a>{_NUMBER})(?:\s*/\s*(?P<b>{_NUMBER}))?\s*(?P<pct>%)?$", re.IGNORECASE
)


def parse_number(text: str, unit: str | None = None) -> float:
    """Read `0.5`, `1/2`, `50%`, `1e-3`, `196`, `-2.5e+3`, `1_000`, `1,000` (thousands),
    and the question's unit after the number (`30 dB`). Raises Unreadable."""
    s = unicodedata.normalize("NFKC", text).strip().replace("\u2212", "-")
    s = s.replace("_", "")
    if unit:
        # the question's own unit after the number is just a unit: for a question asked in
        # percent, "4.2%" means 4.2, not 0.042
        u = unit.strip().lower()
        if u and s.lower().endswith(u):
            s = s[: -len(u)].strip()
    s = re.sub(r"(?<=\d),(?=\d{3}(?:\D|$))", "", s)  # 1,000 -> 1000
    s = re.sub(r"(?<=\d)\s+(?=\d{3}(?:\D|$))", "", s)  # 1 000 -> 1000
    m = _NUMERIC_RE.match(s)
    if not m:
        raise Unreadable("type a number, e.g. 0.5, 1/2, 50% or 1e-3")
    # floats, not Fractions: "1e999999" must not build a million-digit integer
    result = float(m.group("a"))
    if m.group("b") is not None:
        den = float(m.group("b"))
        if den == 0:
            raise Unreadable("division by zero; type a number")
        result /= den
    if m.group("pct"):
        result /= 100
    if not math.isfinite(result):
        raise Unreadable("that number is too large")
    return result


def numeric_right(value: float, answer: float, tolerance: float | None,
                  rel_tolerance: float | None) -> bool:
    """Right when within the absolute or the relative tolerance (whichever is wider)."""
    allowed = max(tolerance or 0.0, (rel_tolerance or 0.0) * abs(answer))
    # a hair of slack so that 0.1 + 0.2 style float noise never fails an exact answer
    allowed += 1e-9 * max(1.0, abs(answer))
    return abs(value - answer) <= allowed


# -- short answers -------------------------------------------------------------------------------

_ARTICLES = {"a", "an", "the"}


def normalise_text(text: str) -> str:
    """Lowercase, strip accents, punctuation to spaces, drop articles, collapse spaces."""
    s = unicodedata.normalize("NFKD", text)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = re.sub(r"[^\w\s]|_", " ", s)
    words = [w for w in s.split() if w not in _ARTICLES]
    return " ".join(words)


def typo_budget(length: int) -> int:
    """Edits forgiven for an expected answer of `length` characters (none for short words,
    where one letter changes the meaning: `l1` vs `l2`, `map` vs `mae`)."""
    if length <= 4:
        return 0
    if length <= 8:
        return 1
    return 2


def short_right(text: str, answer: str, accept: tuple[str, ...] = ()) -> bool:
    got = normalise_text(text)
    if not got:
        return False
    for expected in (answer, *accept):
        want = normalise_text(expected)
        if not want:
            continue
        if got == want or got.replace(" ", "") == want.replace(" ", ""):
            return True
        # digits must match exactly: "yolov3" is not "yolov5", "l1" is not "l2"
        if re.sub(r"\D", "", got) != re.sub(r"\D", "", want):
            continue
        compact_got, compact_want = got.replace(" ", ""), want.replace(" ", "")
        if edit_distance(compact_got, compact_want) <= typo_budget(len(compact_want)):
            return True
    return False


def edit_distance(a: str, b: str) -> int:
    """Damerau-Levenshtein (optimal string alignment) distance."""
    if abs(len(a) - len(b)) > 3:
        return abs(len(a) - len(b))
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[-1]


# -- self-grading ---------------------------------------------------------------------------------

GRADES = {1: "again", 2: "hard", 3: "good", 4: "easy"}


def parse_grade(text: str) -> int:
    s = text.strip().lower()
    for value, name in GRADES.items():
        if s in (str(value), name, name[0]):
            return value
    raise Unreadable("grade yourself 1 (again), 2 (hard), 3 (good) or 4 (easy)")


@dataclass(frozen=True)
class Grade:
    right: bool
    expected: str  # the right answer as shown to the user
