"""Load and validate YAML question banks.

Only a safe YAML loader is used (a `!!python/...` tag is an error, never a call). Every
problem is reported as ``FILE:LINE: QUESTION-ID: what is wrong`` and all problems of a
file are collected, not just the first.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from prepcli.banks.model import Bank, Question
from prepcli.banks.types import REGISTRY

TOPIC_RE = re.compile(r"^[a-z][a-z0-9-]{0,39}$")
ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$")
TAG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
SEED_RE = re.compile(r"^\d{3}_[0-9a-f]{16}\.txt$")
ARXIV_RE = re.compile(r"^arXiv:\d{4}\.\d{4,5}(v\d+)?$")
URL_RE = re.compile(r"^https?://\S+$")
MAX_FILE_BYTES = 20 * 1024 * 1024

COMMON = frozenset({"id", "type", "prompt", "answer", "explanation", "tags", "difficulty", "source",
                    "hint"})
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
    if not isinstance(qtype, str) or qtype not in REGISTRY:
        bad("type", f"unknown type {qtype!r} (allowed: {', '.join(REGISTRY)})")
        return None, problems
    for key in raw:
        allowed = COMMON | REGISTRY[qtype].fields
        if key not in allowed:
            bad(key, f"unknown field {key!r} for a {qtype} question "
                     f"(allowed: {', '.join(sorted(allowed))})")
    # an open question's model answer and key points are its explanation; it may add one
    required = ("prompt", "answer", "tags", "difficulty")
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
    if raw_source is not None:
        # any text a person can read; the shipped banks are held to seed/arXiv/URL by
        # `shipped_problems` (run by `prep banks validate` and the content tests)
        items = raw_source if isinstance(raw_source, list) else [raw_source]
        for s in items:
            if not isinstance(s, str) or not s.strip() or "\n" in s.strip():
                bad("source", f"source {s!r} must be one line of text (a title, an arXiv id, a URL)")
        sources = tuple(s.strip() for s in items if isinstance(s, str) and s.strip())

    extra: dict[str, Any] = {}
    answer = REGISTRY[qtype].validate(raw, bad, extra)

    if problems:
        return None, problems
    assert isinstance(qid, str) and isinstance(difficulty, int)  # checked above
    return Question(
        id=qid, topic=topic, type=qtype, prompt=prompt, answer=answer, explanation=explanation,
        tags=tags, difficulty=difficulty, source=sources, file=file, line=qline, hint=hint,
        **extra,
    ), []


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


def _one_line(text: str) -> str:
    return " ".join(str(text).split())
