"""One class per question type, in one registry: what a bank may write, how a question is drawn,
shown, answered and graded, and how fast an answer counts as fluent.

The loader reads `fields` and `validate`, the session `draw`/`expected`/`grade`/`nudge`, the
renderer `help`, the scheduler `fast_s`/`slow_s`, the CLI `TYPE_NAMES` and `help`. Adding a type
is one class here (plus its README section and tests). Nothing here does terminal I/O.

The CLI imports this module for its help text, so what grading needs (the expression
evaluator, number parsing, regexes) is imported or compiled on first use.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    import random

    from prepcli.banks.model import Question
    from prepcli.banks.terms import Vocabulary

Bad = Callable[[str | None, str], None]  # report a problem: (key or None, what is wrong)

LETTERS = "abcdefgh"
PARAM_PATTERN = r"^[A-Za-z_][A-Za-z0-9_]{0,19}$"
MAX_PARAM_COMBINATIONS = 10_000


@dataclass(frozen=True)
class Draw:
    """One showing of a question: parameters drawn, choices shuffled, the numeric answer."""

    env: dict[str, float] = field(default_factory=dict)
    choices: tuple[str, ...] = ()
    right: tuple[int, ...] = ()  # indexes of the right choices in `choices`
    value: float | None = None  # the numeric answer for these parameters


@dataclass(frozen=True)
class Verdict:
    """A graded answer; `message` diagnoses a wrong one (a named mistake, a known near-miss) or
    notes what was forgiven in a right one (a typo)."""

    right: bool
    message: str = ""


class QuestionType:
    """The behaviour of one question type. Subclasses set the class attributes."""

    name: ClassVar[str]
    help: ClassVar[str]  # how to answer, shown under every prompt
    fields: ClassVar[frozenset[str]] = frozenset()  # keys beyond the common ones
    auto_graded: ClassVar[bool] = True
    fast_s: ClassVar[float] = 5.0  # a right answer faster than this is Easy
    slow_s: ClassVar[float] = 60.0  # and slower than this Hard

    def validate(self, raw: dict[str, Any], bad: Bad, extra: dict[str, Any]) -> Any:
        """Check the type's own fields of `raw`; put them in `extra`; return the answer."""
        raise NotImplementedError

    def draw(self, q: Question, rng: random.Random) -> Draw:
        return Draw()

    def expected(self, q: Question, d: Draw) -> str:
        """The right answer as the user should see it."""
        return str(q.answer)

    def grade(self, q: Question, d: Draw, text: str, vocabulary: Vocabulary | None = None
              ) -> Verdict:
        """Grade what the user typed. Raises Unreadable to ask again instead of grading."""
        raise ValueError(f"{self.name} questions are self-graded")

    def nudge(self, q: Question, d: Draw) -> str:
        """A generated hint, for a user's question that has no written `hint`."""
        return "Start from the definition, then say why it matters."


# -- choices ------------------------------------------------------------------------------------


def parse_letters(text: str, n_choices: int, *, single: bool) -> tuple[int, ...]:
    """`b` -> (1,); `a c`, `a,c`, `A, C`, `ac` -> (0, 2). Raises Unreadable."""
    from prepcli.banks.numbers import Unreadable

    valid = LETTERS[:n_choices]
    cleaned = re.sub(r"[\s,;/+&]+", "", text.strip().lower())
    cleaned = re.sub(r"[.)]", "", cleaned)
    if not cleaned:
        raise Unreadable(f"type a letter ({valid[0]}-{valid[-1]})")
    wrong = sorted({c for c in cleaned if c not in valid})
    if wrong:
        raise Unreadable(f"{', '.join(wrong)} is not a choice; type letters {valid[0]}-{valid[-1]}")
    picked = tuple(sorted({valid.index(c) for c in cleaned}))
    if single and len(picked) != 1:
        raise Unreadable("this question has exactly one right choice; type one letter")
    return picked


def choice_text(value: Any) -> str | None:
    from prepcli.banks.template import format_number

    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return format_number(float(value)) if isinstance(value, float) else str(value)
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


class _Choices(QuestionType):
    fields = frozenset({"choices"})
    single: ClassVar[bool]

    def _choices(self, raw: dict[str, Any], bad: Bad, extra: dict[str, Any]) -> list[str]:
        choices = raw.get("choices")
        if not isinstance(choices, list) or not 2 <= len(choices) <= len(LETTERS):
            bad("choices", f"`choices` must be a list of 2 to {len(LETTERS)} choices")
            choices = []
        norm = [choice_text(c) for c in choices]
        if any(c is None for c in norm):
            bad("choices", "every choice must be a non-empty string or number")
        texts = [c for c in norm if c is not None]
        if len(set(texts)) != len(texts):
            bad("choices", "choices must be distinct")
        extra["choices"] = tuple(texts)
        return texts

    def right_choices(self, q: Question) -> set[str]:
        return {q.answer} if self.single else set(q.answer)

    def draw(self, q: Question, rng: random.Random) -> Draw:
        order = list(q.choices)
        rng.shuffle(order)
        right = self.right_choices(q)
        return Draw(choices=tuple(order), right=tuple(i for i, c in enumerate(order) if c in right))

    def expected(self, q: Question, d: Draw) -> str:
        return ", ".join(f"{LETTERS[i]}) {d.choices[i]}" for i in d.right)

    def grade(self, q: Question, d: Draw, text: str, vocabulary: Vocabulary | None = None
              ) -> Verdict:
        return Verdict(parse_letters(text, len(d.choices), single=self.single) == d.right)


class MCQ(_Choices):
    name = "mcq"
    help = "one letter"
    single = True
    fast_s, slow_s = 6.0, 30.0

    def validate(self, raw: dict[str, Any], bad: Bad, extra: dict[str, Any]) -> Any:
        texts = self._choices(raw, bad, extra)
        answer = choice_text(raw.get("answer"))
        if answer is None:
            bad("answer", "`answer` must be the text of the right choice")
        elif texts and answer not in texts:
            bad("answer", f"answer {answer!r} is not among the choices")
        return answer

    def nudge(self, q: Question, d: Draw) -> str:
        return (f"One of the {len(d.choices)} choices is right: cross out each choice that is "
                "false on its own, then compare what remains with the exact wording of the question.")


class Multi(_Choices):
    name = "multi"
    help = "all right letters, e.g. a c"
    single = False
    fast_s, slow_s = 10.0, 45.0

    def validate(self, raw: dict[str, Any], bad: Bad, extra: dict[str, Any]) -> Any:
        texts = self._choices(raw, bad, extra)
        answer = raw.get("answer")
        if not isinstance(answer, list) or not answer:
            bad("answer", "`answer` of a multi question must be a non-empty list of choices")
            answer = []
        picked = [choice_text(a) for a in answer]
        for a in picked:
            if a is None or (texts and a not in texts):
                bad("answer", f"answer {a!r} is not among the choices")
        if len(set(picked)) != len(picked):
            bad("answer", "answer lists a choice twice")
        return tuple(a for a in picked if a is not None)

    def nudge(self, q: Question, d: Draw) -> str:
        n = len(d.right)
        return (f"{n} of the {len(d.choices)} choices {'is' if n == 1 else 'are'} right; judge each "
                "choice on its own, true or false.")


# -- numeric ------------------------------------------------------------------------------------

_WORD_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8}
_N = r"(\d{1,2}|one|two|three|four|five|six|seven|eight)"


_PLACES = {"tenth": 1, "hundredth": 2, "thousandth": 3, "ten-thousandth": 4}


@functools.cache
def _precision_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    decimals = re.compile(rf"\b{_N}[\s-]?(?:decimal\s+places?|decimals?|d\.p\.|dp\b|digits? after the "
                          r"(?:decimal )?point)", re.IGNORECASE)
    sig_figs = re.compile(rf"\b{_N}[\s-]?(?:significant\s+(?:figures?|digits?)|sig\.? ?figs?\b|"
                          r"s\.f\.|sf\b)", re.IGNORECASE)
    nearest = re.compile(r"\bnearest (integer|whole number|tenth|hundredth|thousandth|"
                         r"ten-thousandth|0\.(0*)1)\b", re.IGNORECASE)
    return decimals, sig_figs, nearest


def stated_precision(prompt: str) -> tuple[str, int] | None:
    """The rounding a prompt asks for in words: ("decimals", 3), ("sig_figs", 2) or None.

    Reads "3 decimal places", "two decimals", "(4 decimals)", "2 d.p.", "three significant
    figures", "3 sig figs", "to the nearest integer" (0), "nearest hundredth" / "nearest 0.01" (2).
    """
    decimals, sig_figs, nearest = _precision_patterns()
    if m := decimals.search(prompt):
        return "decimals", _number_word(m.group(1))
    if m := sig_figs.search(prompt):
        return "sig_figs", _number_word(m.group(1))
    if m := nearest.search(prompt):
        word = m.group(1).lower()
        if m.group(2) is not None:
            return "decimals", len(m.group(2)) + 1
        return "decimals", _PLACES.get(word, 0)
    return None


def _number_word(token: str) -> int:
    return int(token) if token.isdigit() else _WORD_NUMBERS[token.lower()]


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _fmt_env(env: dict[str, float]) -> str:
    from prepcli.banks.template import format_number

    return ", ".join(f"{k}={format_number(v)}" for k, v in env.items())


def param_envs(q: Question) -> list[dict[str, float]]:
    """Every parameter combination of a question ([{}] for a fixed one)."""
    names = [n for n, _ in q.params]
    return [dict(zip(names, combo)) for combo in itertools.product(*(v for _, v in q.params))]


class Numeric(QuestionType):
    name = "numeric"
    help = "a number: 0.5, 1/2, 50%, 1e-3"
    fields = frozenset({"tolerance", "rel_tolerance", "decimals", "sig_figs", "unit", "params",
                        "mistakes"})
    fast_s, slow_s = 20.0, 90.0

    # -- bank side ---------------------------------------------------------------------------

    def validate(self, raw: dict[str, Any], bad: Bad, extra: dict[str, Any]) -> Any:
        tol, rel = raw.get("tolerance"), raw.get("rel_tolerance")
        for key, value in (("tolerance", tol), ("rel_tolerance", rel)):
            if value is not None and (not _is_number(value) or value < 0 or not math.isfinite(value)):
                bad(key, f"`{key}` must be a non-negative number, got {value!r}")
        extra["tolerance"] = float(tol) if isinstance(tol, (int, float)) and _is_number(tol) else None
        extra["rel_tolerance"] = float(rel) if isinstance(rel, (int, float)) and _is_number(rel) else None
        self._validate_precision(raw, bad, extra)
        if tol is None and rel is None and extra["decimals"] is None and extra["sig_figs"] is None:
            bad(None, "a numeric question needs `tolerance` (absolute), `rel_tolerance`, or the "
                      "rounding its prompt asks for (`decimals: N` or `sig_figs: N`)")
        unit = raw.get("unit")
        if unit is not None and not isinstance(unit, str):
            bad("unit", "`unit` must be a string")
            unit = None
        extra["unit"] = unit
        if "params" not in raw:
            for key in ("prompt", "hint"):
                if isinstance(raw.get(key), str) and "{answer}" in raw[key]:
                    bad(key, f"{{answer}} in the {key} would give the answer away; it is only "
                             "filled in the explanation")
        answer = self._validate_answer(raw, bad, extra)
        extra["mistakes"] = self._validate_mistakes(raw, bad, extra)
        return answer

    def _validate_precision(self, raw: dict[str, Any], bad: Bad, extra: dict[str, Any]) -> None:
        extra["decimals"] = extra["sig_figs"] = None
        prompt = raw.get("prompt")
        stated = stated_precision(prompt if isinstance(prompt, str) else "")
        for key, low in (("decimals", 0), ("sig_figs", 1)):
            if key not in raw:
                continue
            value = raw[key]
            if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= 12:
                bad(key, f"`{key}` must be a whole number from {low} to 12, got {value!r}")
                continue
            extra[key] = value
            if raw.get("tolerance") is not None or raw.get("rel_tolerance") is not None:
                bad(key, f"`{key}` sets the tolerance (half a unit of the last asked digit); "
                         "remove `tolerance`/`rel_tolerance`")
            if stated is None:
                bad(key, f"`{key}: {value}` but the prompt asks for no rounding; say it in the "
                         f"prompt, e.g. \"{_precision_words(key, value)}\"")
            elif stated != (key, value):
                bad(key, f"`{key}: {value}` but the prompt asks for "
                         f"{_precision_words(*stated).lower()}")
        if extra["decimals"] is not None and extra["sig_figs"] is not None:
            bad("sig_figs", "give `decimals` or `sig_figs`, not both")

    def _validate_answer(self, raw: dict[str, Any], bad: Bad, extra: dict[str, Any]) -> Any:
        from prepcli.banks.expr import ExprError, evaluate
        from prepcli.banks.template import _placeholders

        answer = raw.get("answer")
        params = raw.get("params")
        if params is None:
            extra["params"] = ()
            if isinstance(answer, str):
                try:
                    answer = evaluate(answer)
                except ExprError:
                    bad("answer", f"answer {answer!r} is not a number (a question with `params` "
                                  "may use an expression)")
                    return 0.0
            if not isinstance(answer, (int, float)) or isinstance(answer, bool) \
                    or not math.isfinite(answer):
                bad("answer", f"`answer` must be a number, got {answer!r}")
                return 0.0
            return float(answer)
        if not isinstance(params, dict) or not params:
            bad("params", "`params` must map parameter names to lists of values")
            extra["params"] = ()
            return answer
        clean: list[tuple[str, tuple[float, ...]]] = []
        for name, values in params.items():
            if not isinstance(name, str) or not re.match(PARAM_PATTERN, name):
                bad("params", f"parameter name {name!r} must be a short identifier (letters, digits, _)")
                continue
            if not isinstance(values, list) or not values or not all(_is_number(v) for v in values):
                bad("params", f"parameter {name!r} needs a non-empty list of numbers")
                continue
            clean.append((name, tuple(values)))
        extra["params"] = tuple(clean)
        if not isinstance(answer, (str, int, float)) or isinstance(answer, bool):
            bad("answer", "`answer` of a parametric question must be an expression over its params")
            return answer
        expr = str(answer)
        names = [n for n, _ in clean]
        if not self._expression_ok(expr, set(names), "answer", bad):
            return expr
        combos = math.prod(len(v) for _, v in clean)
        if combos > MAX_PARAM_COMBINATIONS:
            bad("params", f"{combos} parameter combinations; at most {MAX_PARAM_COMBINATIONS}")
            return expr
        for combo in itertools.product(*(v for _, v in clean)):
            env = dict(zip(names, combo))
            try:
                evaluate(expr, env)
            except ExprError as exc:
                bad("answer", f"with {_fmt_env(env)}: {exc}")
                break
        for key in ("prompt", "explanation", "hint"):
            text = raw.get(key)
            if isinstance(text, str):
                if key != "explanation" and "answer" in _placeholders(text):
                    bad(key, f"{{answer}} in the {key} would give the answer away; it is only "
                             "filled in the explanation")
                    return expr
                missing = _placeholders(text) - set(names) - {"answer"}
                if missing:
                    bad(key, f"unknown placeholder(s) {', '.join('{' + m + '}' for m in sorted(missing))}"
                             " (write a literal brace as {{ or }})")
                    return expr
        raw_prompt = raw.get("prompt")
        prompt = raw_prompt if isinstance(raw_prompt, str) else ""
        for name in names:
            if "{" + name + "}" not in prompt:
                bad("prompt", f"parameter {name!r} is never shown in the prompt ({{{name}}})")
        return expr

    @staticmethod
    def _expression_ok(expr: str, names: set[str], key: str, bad: Bad) -> bool:
        from prepcli.banks.expr import ExprError, names_in

        try:
            unknown = names_in(expr) - names
        except ExprError as exc:
            bad(key, str(exc))
            return False
        if unknown:
            bad(key, f"{'answer' if key == 'answer' else 'mistake'} uses unknown name(s) "
                     f"{', '.join(sorted(unknown))}")
            return False
        return True

    def _validate_mistakes(self, raw: dict[str, Any], bad: Bad, extra: dict[str, Any]
                           ) -> tuple[tuple[str, str], ...]:
        from prepcli.banks.expr import ExprError, evaluate

        items = raw.get("mistakes")
        if items is None:
            return ()
        if not isinstance(items, list) or not items:
            bad("mistakes", "`mistakes` must be a list of {expr: ..., message: ...}")
            return ()
        names = [n for n, _ in extra.get("params", ())]
        combos = list(itertools.product(*(v for _, v in extra.get("params", ())))) or [()]
        out: list[tuple[str, str]] = []
        for i, item in enumerate(items, 1):
            if not isinstance(item, dict) or set(item) - {"expr", "message"}:
                bad("mistakes", f"mistake #{i} must be a mapping with `expr` and `message` only")
                continue
            expr, message = item.get("expr"), item.get("message")
            if isinstance(expr, bool) or not isinstance(expr, (str, int, float)) or not str(expr).strip():
                bad("mistakes", f"mistake #{i}: `expr` must be an expression over the params or a number")
                continue
            if not isinstance(message, str) or not message.strip() or "\n" in message.strip():
                bad("mistakes", f"mistake #{i}: `message` must be one line naming the mistake")
                continue
            expr = str(expr).strip()
            if not self._expression_ok(expr, set(names), "mistakes", bad):
                continue
            for combo in combos:
                env = dict(zip(names, combo))
                try:
                    evaluate(expr, env)
                except ExprError as exc:
                    where = f" with {_fmt_env(env)}" if env else ""
                    bad("mistakes", f"mistake #{i}{where}: {exc}")
                    break
            else:
                out.append((expr, message.strip()))
        return tuple(out)

    # -- quiz side ---------------------------------------------------------------------------

    def draw(self, q: Question, rng: random.Random) -> Draw:
        from prepcli.banks.expr import evaluate

        if q.parametric:
            env = {name: rng.choice(values) for name, values in q.params}
            return Draw(env=env, value=evaluate(q.answer, env))
        return Draw(value=float(q.answer))

    def expected(self, q: Question, d: Draw) -> str:
        assert d.value is not None
        text = round_for_display(d.value, q)
        return text + (f" {q.unit}" if q.unit else "")

    def grade(self, q: Question, d: Draw, text: str, vocabulary: Vocabulary | None = None
              ) -> Verdict:
        from prepcli.banks.expr import evaluate
        from prepcli.banks.numbers import parse_typed_number

        assert d.value is not None
        typed = parse_typed_number(text, q.unit, d.value)
        if self.accepts(q, typed, d.value):
            return Verdict(True)
        # two slips can land on the same number for some values: name every one that fits
        # a slip typed at the user's own rounding (170.67 typed as 171) is still that slip
        slack = 0.5 * typed.last_digit if typed.last_digit else 0.0
        matched = [message for expr, message in q.mistakes
                   if self.within(q, typed.value, value := evaluate(expr, d.env))
                   or abs(typed.value - value) <= slack + 1e-12]
        return Verdict(False, " or ".join(dict.fromkeys(matched)))

    @staticmethod
    def within(q: Question, value: float, target: float) -> bool:
        """`value` is within the question's tolerance of `target` (the asked rounding when
        the question states one, else `tolerance`/`rel_tolerance`)."""
        from prepcli.banks.numbers import numeric_right, precision_tolerance

        tol = precision_tolerance(target, q.decimals, q.sig_figs)
        if tol is not None:
            return numeric_right(value, target, tol, None)
        return numeric_right(value, target, q.tolerance, q.rel_tolerance)

    def accepts(self, q: Question, typed: Any, answer: float) -> bool:
        """Right: within the asked precision; with no precision asked, also any correct
        rounding to three or more figures of a non-integer answer (`1.33` for 4/3)."""
        from prepcli.banks.numbers import is_rounding_of

        if self.within(q, typed.value, answer):
            return True
        if q.decimals is None and q.sig_figs is None and not float(answer).is_integer():
            return is_rounding_of(typed, answer)
        return False

    def nudge(self, q: Question, d: Draw) -> str:
        assert d.value is not None
        unit = f" in {q.unit}" if q.unit else ""
        if d.value == 0:
            return f"Write the formula with symbols first; the answer{unit} is 0 or close to it."
        exponent = math.floor(math.log10(abs(d.value)))
        return (f"Write the formula with symbols first, then substitute. The answer{unit} has "
                f"order of magnitude 10^{exponent}.")


def round_for_display(value: float, q: Question) -> str:
    from prepcli.banks.template import format_number

    if q.decimals is not None:
        return f"{value:.{q.decimals}f}"
    if q.sig_figs is not None and value != 0:
        places = q.sig_figs - 1 - math.floor(math.log10(abs(value)))
        return f"{round(value, places):.{max(places, 0)}f}"
    return format_number(value)


def _precision_words(key: str, n: int) -> str:
    if key == "decimals":
        return "Round to the nearest integer" if n == 0 else f"Give {n} decimal place{'s' * (n != 1)}"
    return f"Give {n} significant figure{'s' * (n != 1)}"


# -- short --------------------------------------------------------------------------------------


def _str_list(raw: dict[str, Any], key: str, bad: Bad, what: str) -> tuple[str, ...]:
    items = raw.get(key, [])
    if not isinstance(items, list) or not all(
        isinstance(a, (str, int, float)) and not isinstance(a, bool) and str(a).strip() for a in items
    ):
        bad(key, f"`{key}` must be a list of {what} (strings)")
        return ()
    return tuple(str(a).strip() for a in items)


class Short(QuestionType):
    name = "short"
    help = "a word or short phrase"
    fields = frozenset({"accept", "reject"})
    fast_s, slow_s = 8.0, 40.0

    def validate(self, raw: dict[str, Any], bad: Bad, extra: dict[str, Any]) -> Any:
        from prepcli.banks.terms import term_key
        from prepcli.banks.text import normalise_text

        answer = raw.get("answer")
        if not isinstance(answer, (str, int, float)) or isinstance(answer, bool) or not str(answer).strip():
            bad("answer", "`answer` of a short question must be a non-empty string")
        answer = str(answer).strip() if answer is not None else ""
        if answer and not normalise_text(answer):
            bad("answer", "answer has no letters or digits to match against")
        extra["accept"] = _str_list(raw, "accept", bad, "alternative answers")
        extra["reject"] = _str_list(raw, "reject", bad, "near-miss wrong answers")
        rights = {term_key(a): a for a in (answer, *extra["accept"])}
        for r in extra["reject"]:
            if term_key(r) in rights:
                bad("reject", f"reject {r!r} reads the same as the accepted {rights[term_key(r)]!r}")
        return answer

    def grade(self, q: Question, d: Draw, text: str, vocabulary: Vocabulary | None = None
              ) -> Verdict:
        from prepcli.banks.numbers import Unreadable
        from prepcli.banks.terms import judge_term
        from prepcli.banks.text import normalise_text

        if not normalise_text(text):
            raise Unreadable("type a word or phrase (s skips)")
        return judge_term(text, q.answer, q.accept, q.reject, vocabulary)

    def nudge(self, q: Question, d: Draw) -> str:
        from prepcli.banks.text import normalise_text

        n = len(normalise_text(q.answer).split())
        return f"The answer is a term of {n} word{'s' * (n != 1)}; name the method or object itself."


# -- open ---------------------------------------------------------------------------------------


class Open(QuestionType):
    name = "open"
    help = "your answer in a line (or just Enter), then grade yourself"
    fields = frozenset({"key_points"})
    auto_graded = False

    def validate(self, raw: dict[str, Any], bad: Bad, extra: dict[str, Any]) -> Any:
        answer = raw.get("answer")
        if not isinstance(answer, str) or not answer.strip():
            bad("answer", "`answer` of an open question is the model answer (non-empty text)")
        kps = raw.get("key_points")
        if not isinstance(kps, list) or not kps or not all(isinstance(k, str) and k.strip() for k in kps):
            bad("key_points", "`key_points` must be a non-empty list of strings")
            kps = []
        extra["key_points"] = tuple(k.strip() for k in kps)
        return answer.strip() if isinstance(answer, str) else answer

    def nudge(self, q: Question, d: Draw) -> str:
        n = len(q.key_points)
        return (f"A full answer makes {n} point{'s' * (n != 1)}: start from the definition, then "
                "say why it matters and what it costs.")


REGISTRY: dict[str, QuestionType] = {t.name: t for t in (MCQ(), Multi(), Numeric(), Short(), Open())}
TYPE_NAMES: tuple[str, ...] = tuple(REGISTRY)


def qtype(name: str) -> QuestionType:
    """The type called `name`; a ValueError names the known types."""
    try:
        return REGISTRY[name]
    except KeyError:
        raise ValueError(f"unknown question type {name!r} (known: {', '.join(TYPE_NAMES)})") from None


def fill_text(text: str, d: Draw, with_answer: bool) -> str:
    """Parametric text filled for this draw (`{answer}` only where the answer may be shown)."""
    from prepcli.banks.template import fill, format_number

    if d.env:
        return fill(text, d.env, d.value if with_answer else None)
    if with_answer and d.value is not None and "{answer}" in text:
        return text.replace("{answer}", format_number(d.value))  # a fixed numeric question
    return text
