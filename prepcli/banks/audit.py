"""Checks over a loaded question that the loader cannot make line by line: does the grader
accept what the prompt asks for and reject the mistakes it names, does the hint give the answer
away, does a shipped question cite a known source.

`prep banks validate` reports these (errors for the shipped banks, warnings for a user's), and
the content tests run them over every shipped question.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from prepcli.banks.numbers import round_to
from prepcli.banks.sources import SEED_RE, is_shipped_source
from prepcli.banks.template import fill, format_number
from prepcli.banks.text import normalise_text
from prepcli.banks.types import Draw, Numeric, param_envs, stated_precision

if TYPE_CHECKING:
    from prepcli.banks.model import Question

_NUMERIC = Numeric()


def _fmt_env(env: dict[str, float]) -> str:
    return " with " + ", ".join(f"{k}={format_number(v)}" for k, v in env.items()) if env else ""


def precision_problems(q: Question) -> list[str]:
    """For every parameter combination: the right answer, rounded as the prompt asks, is graded
    Right; every listed mistake (typed exactly, and rounded as asked) is graded Wrong with its
    message. Also: a prompt that asks for a rounding declares it (`decimals`/`sig_figs`)."""
    if q.type != "numeric":
        return []
    from prepcli.banks.expr import evaluate

    problems: list[str] = []
    stated = stated_precision(q.prompt)
    if stated is not None and q.decimals is None and q.sig_figs is None:
        key, n = stated
        problems.append(f"the prompt asks for a rounding ({key.replace('_', ' ')} {n}) but the "
                        f"question does not declare it: add `{key}: {n}` (and drop the tolerance)")
    for env in param_envs(q) if q.parametric else [{}]:
        answer = evaluate(q.answer, env) if q.parametric else float(q.answer)
        d = Draw(env=env, value=answer)
        typed = [round_to(answer, q.decimals, q.sig_figs)]
        if q.decimals is None and q.sig_figs is None:
            typed.append(format_number(answer))
            if not answer.is_integer():
                typed.append(round_to(answer, None, 3))
        for text in typed:
            if not _NUMERIC.grade(q, d, text).right:
                problems.append(f"the right answer typed as {text}{_fmt_env(env)} is graded wrong")
        for i, (expr, message) in enumerate(q.mistakes, 1):
            value = evaluate(expr, env)
            forms = [repr(value), round_to(value, q.decimals, q.sig_figs)]
            if q.decimals is None and q.sig_figs is None and not value.is_integer():
                forms.append(round_to(value, None, 3))  # a careful user's rounding of it
            for text in dict.fromkeys(forms):
                verdict = _NUMERIC.grade(q, d, text)
                if verdict.right:
                    problems.append(f"mistake #{i} ({message[:50]}) typed as {text}{_fmt_env(env)} "
                                    f"is graded right (answer {format_number(answer)}): ask for "
                                    "more precision or drop the mistake")
                    break
                if message not in (verdict.message or ""):
                    problems.append(f"mistake #{i} typed as {text}{_fmt_env(env)} does not show its "
                                    "message")
                    break
    return problems[:5]


def hint_problem(q: Question) -> str | None:
    """The hint gives the answer away: it contains the right choice's text (mcq, multi), the
    numeric answer as formatted (single-digit integers excepted), or the short answer or an
    accepted form as whole words."""
    if not q.hint:
        return None
    hint = normalise_text(q.hint)

    def contains(phrase: str) -> bool:
        p = normalise_text(phrase)
        return bool(p) and re.search(rf"(?<!\w){re.escape(p)}(?!\w)", hint) is not None

    if q.type in ("mcq", "multi"):
        rights = [q.answer] if q.type == "mcq" else list(q.answer)
        for r in rights:
            if contains(r):
                return f"the hint contains the right choice {r!r}"
    elif q.type == "short":
        for form in (q.answer, *q.accept):
            if contains(form):
                return f"the hint contains the answer {form!r}"
    elif q.type == "numeric":
        from prepcli.banks.expr import evaluate

        for env in param_envs(q) if q.parametric else [{}]:
            answer = evaluate(q.answer, env) if q.parametric else float(q.answer)
            hint_text = fill(q.hint, env) if env else q.hint
            forms = {format_number(answer), round_to(answer, q.decimals, q.sig_figs)}
            for form in forms:
                if answer.is_integer() and abs(answer) < 10:
                    continue
                if re.search(rf"(?<![\w.]){re.escape(form)}(?![\w]|\.\d)", hint_text):
                    return f"the hint contains the answer {form}{_fmt_env(env)}"
    return None


def shipped_problems(q: Question, titles: dict[str, str]) -> list[str]:
    """What a shipped question must have beyond a user's: a written hint that does not give the
    answer away, sources in seed/arXiv/URL form with a readable title in questions/sources.yaml,
    numeric precision that grades as the prompt asks."""
    problems: list[str] = []
    if not q.hint:
        problems.append("missing `hint` (every shipped question has a written hint that narrows "
                        "the search without giving the answer)")
    elif why := hint_problem(q):
        problems.append(why)
    if not q.source:
        problems.append("missing `source` (a seed file name, an arXiv id or a URL)")
    for s in q.source:
        if not is_shipped_source(s):
            problems.append(f"source {s!r} must be a seed file name, an arXiv id "
                            "(arXiv:1506.01497) or an http(s) URL")
        elif s not in titles:
            what = "the notes' title" if SEED_RE.match(s) else "its title"
            problems.append(f"source {s!r} has no entry in questions/sources.yaml: add {what}")
    problems += precision_problems(q)
    return problems


def user_warnings(q: Question) -> list[str]:
    """Warnings for any bank (a user's included): answers the grader would get wrong, a hint
    that gives the answer away, a right choice that stands out by its length."""
    from prepcli.banks.balance import long_right_choice_warning

    out = precision_problems(q)
    if why := hint_problem(q):
        out.append(why)
    if why := long_right_choice_warning(q):
        out.append(why)
    return out
