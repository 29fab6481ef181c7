"""Load and validate YAML question banks.

Only a safe YAML loader is used (a `!!python/...` tag is an error, never a call). Every
problem is reported as ``FILE:LINE: QUESTION-ID: what is wrong`` and all problems of a
file are collected, not just the first.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from prepcli.banks.expr import ExprError, evaluate, names_in
from prepcli.banks.model import QUESTION_TYPES, Bank, Question
from prepcli.banks.template import _placeholders, format_number

TOPIC_RE = re.compile(r"^[a-z][a-z0-9-]{0,39}$")
ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$")
TAG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
PARAM_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,19}$")
SEED_RE = re.compile(r"^\d{3}_[0-9a-f]{16}\.txt$")
ARXIV_RE = re.compile(r"^arXiv:\d{4}\.\d{4,5}(v\d+)?$")
URL_RE = re.compile(r"^https?://\S+$")
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_PARAM_COMBINATIONS = 10_000

COMMON = {"id", "type", "prompt", "answer", "explanation", "tags", "difficulty", "source", "hint"}
ALLOWED = {
    "mcq": COMMON | {"choices"},
    "multi": COMMON | {"choices"},
    "numeric": COMMON | {"tolerance", "rel_tolerance", "unit", "params", "decimals", "sig_figs", "mistakes"},
    "short": COMMON | {"accept", "reject"},
    "open": COMMON | {"key_points"},
}
TOP_KEYS = {"topic", "title", "description", "questions"}


class _LineDict(dict):  # type: ignore[type-arg]
    """A mapping that remembers the line of its start and of each key (1-based)."""

    line = 1
    key_lines: dict[str, int]


@functools.cache
def _line_loader() -> type:
    """A SafeLoader (libyaml's when present) whose mappings remember their lines.

    Built on first use: a quiz served from the bank cache never imports yaml at all.
    """
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class LineLoader(base):  # type: ignore[misc,valid-type]
        pass

    def construct_mapping(loader: Any, node: Any) -> Any:
        data = _LineDict()
        data.line = node.start_mark.line + 1
        data.key_lines = {}
        yield data
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                data.key_lines[str(key_node.value)] = key_node.start_mark.line + 1
        data.update(loader.construct_mapping(node))

    LineLoader.add_constructor("tag:yaml.org,2002:map", construct_mapping)
    return LineLoader


def parse_bank_text(text: str, file: str) -> tuple[Bank | None, list[str]]:
    """Parse and validate one bank's text. Returns (bank or None, problems)."""
    import yaml

    try:
        data = yaml.load(text, Loader=_line_loader())  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        what = exc.problem or str(exc)
        if "could not determine a constructor" in str(exc):
            what = f"tag not allowed in a bank ({exc.problem}); banks are plain data"
        return None, [f"{file}:{line}: YAML error: {_one_line(what)}"]
    except yaml.YAMLError as exc:
        return None, [f"{file}:1: YAML error: {_one_line(str(exc))}"]
    except RecursionError:
        return None, [f"{file}:1: YAML error: nesting too deep"]
    return _validate_bank(data, file)


def load_bank_file(path: Path) -> tuple[Bank | None, list[str]]:
    """Read, parse and validate a bank file; never raises for bad content."""
    file = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, [f"{file}:1: file is {size} bytes; a bank may be at most {MAX_FILE_BYTES}"]
        raw = path.read_bytes()
    except OSError as exc:
        return None, [f"{file}:1: cannot read: {exc.strerror or exc}"]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [f"{file}:{line}: not UTF-8 text (byte {exc.start}); save the bank as UTF-8"]
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        return None, [f"{file}:{line}: contains a NUL byte; a bank is a YAML text file"]
    return parse_bank_text(text, file)


def _validate_bank(data: Any, file: str) -> tuple[Bank | None, list[str]]:
    if data is None:
        return None, [f"{file}:1: empty bank; it needs `topic`, `title` and `questions`"]
    if not isinstance(data, dict):
        return None, [
            f"{file}:1: a bank is a mapping with `topic`, `title` and `questions`, "
            f"not a {_kind(data)}"
        ]
    problems: list[str] = []
    line_of = _line_getter(data)
    for key in data:
        if key not in TOP_KEYS:
            problems.append(
                f"{file}:{line_of(key)}: unknown top-level key {key!r} "
                f"(allowed: {', '.join(sorted(TOP_KEYS))})"
            )
    topic = data.get("topic")
    if not isinstance(topic, str) or not TOPIC_RE.match(topic):
        problems.append(
            f"{file}:{line_of('topic')}: `topic` must be a lowercase id like `detection` "
            f"(letters, digits, dashes), got {topic!r}"
        )
        topic = "?"
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        problems.append(f"{file}:{line_of('title')}: `title` must be a non-empty string")
        title = topic
    description = data.get("description", "")
    if description is None:
        description = ""
    if not isinstance(description, str):
        problems.append(f"{file}:{line_of('description')}: `description` must be a string")
        description = ""
    raw_questions = data.get("questions")
    if not isinstance(raw_questions, list) or not raw_questions:
        problems.append(f"{file}:{line_of('questions')}: `questions` must be a non-empty list")
        raw_questions = []
    questions: list[Question] = []
    seen: dict[str, int] = {}
    for index, raw in enumerate(raw_questions):
        q, errs = _validate_question(raw, index, topic, file, line_of("questions"))
        problems += errs
        if q is None:
            continue
        if q.id in seen:
            problems.append(
                f"{file}:{q.line}: {q.id}: duplicate id (first at line {seen[q.id]}); "
                "ids must be unique across all banks"
            )
            continue
        seen[q.id] = q.line
        questions.append(q)
    if problems:
        return None, problems
    return Bank(topic, title.strip(), description.strip(), file, tuple(questions)), []


def _validate_question(
    raw: Any, index: int, topic: str, file: str, list_line: int
) -> tuple[Question | None, list[str]]:
    if not isinstance(raw, dict):
        line = list_line
        return None, [f"{file}:{line}: question #{index + 1}: must be a mapping, not a {_kind(raw)}"]
    line_of = _line_getter(raw)
    qline = getattr(raw, "line", list_line)
    qid = raw.get("id")
    label = qid if isinstance(qid, str) and qid else f"question #{index + 1}"
    problems: list[str] = []

    def bad(key: str | None, what: str) -> None:
        problems.append(f"{file}:{line_of(key) if key else qline}: {label}: {what}")

    if not isinstance(qid, str) or not ID_RE.match(qid):
        bad("id", f"`id` must be a string of letters, digits, `-`, `_`, `.`; got {qid!r}")
    qtype = raw.get("type")
    if qtype not in QUESTION_TYPES:
        bad("type", f"unknown type {qtype!r} (allowed: {', '.join(QUESTION_TYPES)})")
        return None, problems
    for key in raw:
        if key not in ALLOWED[qtype]:
            bad(key, f"unknown field {key!r} for a {qtype} question "
                     f"(allowed: {', '.join(sorted(ALLOWED[qtype]))})")
    # an open question's model answer and key points are its explanation; it may add one
    required = ("prompt", "answer", "tags", "difficulty", "source")
    for key in required + (() if qtype == "open" else ("explanation",)):
        if key not in raw:
            bad(None, f"missing required field `{key}`")
    prompt = _text(raw, "prompt", bad)
    explanation = _text(raw, "explanation", bad)
    hint = raw.get("hint")
    if hint is not None and (not isinstance(hint, str) or not hint.strip()):
        bad("hint", "`hint` must be a non-empty string")
        hint = None

    tags: tuple[str, ...] = ()
    raw_tags = raw.get("tags")
    if "tags" in raw:
        if not isinstance(raw_tags, list) or not raw_tags:
            bad("tags", "`tags` must be a non-empty list of lowercase tags")
        else:
            for t in raw_tags:
                if not isinstance(t, str) or not TAG_RE.match(t):
                    bad("tags", f"tag {t!r} must be lowercase letters, digits and dashes")
            tags = tuple(t for t in raw_tags if isinstance(t, str))
    difficulty = raw.get("difficulty")
    if "difficulty" in raw and (not isinstance(difficulty, int) or isinstance(difficulty, bool)
                                or difficulty not in (1, 2, 3)):
        bad("difficulty", f"`difficulty` must be 1, 2 or 3, got {difficulty!r}")
    sources: tuple[str, ...] = ()
    raw_source = raw.get("source")
    if "source" in raw:
        items = raw_source if isinstance(raw_source, list) else [raw_source]
        if not items:
            bad("source", "`source` must not be empty")
        for s in items:
            if not isinstance(s, str) or not (SEED_RE.match(s) or ARXIV_RE.match(s) or URL_RE.match(s)):
                bad("source", f"source {s!r} must be a seed file name, an arXiv id "
                              "(arXiv:1506.01497) or an http(s) URL")
        sources = tuple(s for s in items if isinstance(s, str))

    extra: dict[str, Any] = {}
    answer: Any = raw.get("answer")
    if qtype in ("mcq", "multi"):
        choices = raw.get("choices")
        if not isinstance(choices, list) or not 2 <= len(choices) <= 8:
            bad("choices", "`choices` must be a list of 2 to 8 choices")
            choices = []
        norm = [_choice_text(c) for c in choices]
        if any(c is None for c in norm):
            bad("choices", "every choice must be a non-empty string or number")
        texts = [c for c in norm if c is not None]
        if len(set(texts)) != len(texts):
            bad("choices", "choices must be distinct")
        extra["choices"] = tuple(texts)
        if qtype == "mcq":
            a = _choice_text(answer)
            if a is None:
                bad("answer", "`answer` must be the text of the right choice")
            elif texts and a not in texts:
                bad("answer", f"answer {a!r} is not among the choices")
            answer = a
        else:
            if not isinstance(answer, list) or not answer:
                bad("answer", "`answer` of a multi question must be a non-empty list of choices")
                answer = []
            picked = [_choice_text(a) for a in answer]
            for a in picked:
                if a is None or (texts and a not in texts):
                    bad("answer", f"answer {a!r} is not among the choices")
            if len(set(picked)) != len(picked):
                bad("answer", "answer lists a choice twice")
            answer = tuple(a for a in picked if a is not None)
    elif qtype == "numeric":
        answer = _validate_numeric(raw, answer, bad, extra)
    elif qtype == "short":
        if not isinstance(answer, (str, int, float)) or isinstance(answer, bool) or not str(answer).strip():
            bad("answer", "`answer` of a short question must be a non-empty string")
        answer = str(answer).strip() if answer is not None else ""
        accept = raw.get("accept", [])
        if not isinstance(accept, list) or not all(
            isinstance(a, (str, int, float)) and str(a).strip() for a in accept
        ):
            bad("accept", "`accept` must be a list of alternative answers (strings)")
            accept = []
        extra["accept"] = tuple(str(a).strip() for a in accept)
        from prepcli.quiz.grading import normalise_text

        if answer and not normalise_text(answer):
            bad("answer", "answer has no letters or digits to match against")
    else:  # open
        if not isinstance(answer, str) or not answer.strip():
            bad("answer", "`answer` of an open question is the model answer (non-empty text)")
        kps = raw.get("key_points")
        if not isinstance(kps, list) or not kps or not all(isinstance(k, str) and k.strip() for k in kps):
            bad("key_points", "`key_points` must be a non-empty list of strings")
            kps = []
        extra["key_points"] = tuple(k.strip() for k in kps)

    if problems:
        return None, problems
    assert isinstance(qid, str) and isinstance(difficulty, int)  # checked above
    return Question(
        id=qid, topic=topic, type=qtype, prompt=prompt, answer=answer, explanation=explanation,
        tags=tags, difficulty=difficulty, source=sources, file=file, line=qline, hint=hint,
        **extra,
    ), []


def _validate_numeric(raw: dict[str, Any], answer: Any, bad: Any, extra: dict[str, Any]) -> Any:
    tol, rel = raw.get("tolerance"), raw.get("rel_tolerance")
    for key, value in (("tolerance", tol), ("rel_tolerance", rel)):
        if value is not None and (not _is_number(value) or value < 0 or not math.isfinite(value)):
            bad(key, f"`{key}` must be a non-negative number, got {value!r}")
    # interim: `decimals`/`sig_figs`/`mistakes` are accepted here; the grader learns them next
    if tol is None and rel is None and isinstance(raw.get("decimals"), int):
        tol = 0.5 * 10 ** -raw["decimals"]
    if tol is None and rel is None and isinstance(raw.get("sig_figs"), int):
        rel = 0.5 * 10 ** (1 - raw["sig_figs"])
    if tol is None and rel is None:
        bad(None, "a numeric question needs `tolerance` (absolute) or `rel_tolerance`")
    extra["tolerance"] = float(tol) if isinstance(tol, (int, float)) else None
    extra["rel_tolerance"] = float(rel) if isinstance(rel, (int, float)) else None
    unit = raw.get("unit")
    if unit is not None and not isinstance(unit, str):
        bad("unit", "`unit` must be a string")
        unit = None
    extra["unit"] = unit
    params = raw.get("params")
    if params is None:
        if isinstance(answer, str):
            try:
                answer = evaluate(answer)
            except ExprError:
                bad("answer", f"answer {answer!r} is not a number (a question with `params` "
                              "may use an expression)")
                return 0.0
        if not _is_number(answer) or not math.isfinite(answer):
            bad("answer", f"`answer` must be a number, got {answer!r}")
            return 0.0
        return float(answer)
    if not isinstance(params, dict) or not params:
        bad("params", "`params` must map parameter names to lists of values")
        return answer
    clean: list[tuple[str, tuple[float, ...]]] = []
    for name, values in params.items():
        if not isinstance(name, str) or not PARAM_RE.match(name):
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
    try:
        unknown = names_in(expr) - {n for n, _ in clean}
    except ExprError as exc:
        bad("answer", str(exc))
        return expr
    if unknown:
        bad("answer", f"answer uses unknown name(s) {', '.join(sorted(unknown))}")
        return expr
    combos = math.prod(len(v) for _, v in clean)
    if combos > MAX_PARAM_COMBINATIONS:
        bad("params", f"{combos} parameter combinations; at most {MAX_PARAM_COMBINATIONS}")
        return expr
    raw_prompt = raw.get("prompt")
    prompt = raw_prompt if isinstance(raw_prompt, str) else ""
    names = [n for n, _ in clean]
    for combo in itertools.product(*(v for _, v in clean)):
        env = dict(zip(names, combo))
        try:
            value = evaluate(expr, env)
        except ExprError as exc:
            bad("answer", f"with {_fmt_env(env)}: {exc}")
            break
        for key in ("prompt", "explanation", "hint"):
            text = raw.get(key)
            if isinstance(text, str):
                missing = _placeholders(text) - set(names) - {"answer"}
                if missing:
                    bad(key, f"unknown placeholder(s) {', '.join('{' + m + '}' for m in sorted(missing))}"
                             " (write a literal brace as {{ or }})")
                    return expr
    for name in names:
        if "{" + name + "}" not in prompt:
            bad("prompt", f"parameter {name!r} is never shown in the prompt ({{{name}}})")
    return expr


def check_unique_ids(banks: Iterable[Bank]) -> list[str]:
    """Duplicate ids across files: one problem per repeated id."""
    first: dict[str, Question] = {}
    problems = []
    for bank in banks:
        for q in bank.questions:
            if q.id in first:
                other = first[q.id]
                problems.append(
                    f"{q.file}:{q.line}: {q.id}: duplicate id (also at {other.file}:{other.line}); "
                    "ids must be unique across all banks"
                )
            else:
                first[q.id] = q
    return problems


def _text(raw: dict[str, Any], key: str, bad: Any) -> str:
    value = raw.get(key)
    if key in raw and (not isinstance(value, str) or not value.strip()):
        bad(key, f"`{key}` must be non-empty text")
        return ""
    return value.strip() if isinstance(value, str) else ""


def _choice_text(value: Any) -> str | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return format_number(float(value)) if isinstance(value, float) else str(value)
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _line_getter(mapping: Any) -> Any:
    base = getattr(mapping, "line", 1)
    key_lines = getattr(mapping, "key_lines", {})

    def line_of(key: str | None) -> int:
        return key_lines.get(key, base) if key is not None else base

    return line_of


def _kind(value: Any) -> str:
    return {list: "list", str: "string", int: "number", float: "number", bool: "boolean"}.get(
        type(value), type(value).__name__
    )


def _fmt_env(env: dict[str, float]) -> str:
    return ", ".join(f"{k}={format_number(v)}" for k, v in env.items())


def _one_line(text: str) -> str:
    return " ".join(str(text).split())
