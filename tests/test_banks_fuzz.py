"""Fuzzing the loader: random and mutated YAML never gives a traceback or runs anything."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from prephelp import TINY

from prepcli.banks.loader import parse_bank_text

LINES = TINY.read_text().splitlines()
FILE = "fuzz.yaml"
MESSAGE = re.compile(rf"^{FILE}:\d+: \S")


def check(text: str) -> None:
    bank, problems = parse_bank_text(text, FILE)
    if bank is None:
        assert problems and all(MESSAGE.match(p) for p in problems), problems
        assert all("\n" not in p for p in problems)
    else:
        assert not problems and bank.questions


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_random_text(text: str) -> None:
    check(text)


yaml_tokens = st.sampled_from([
    ":", "- ", "[", "]", "{", "}", "!!python/object/apply:os.system ['echo hi']", "&a", "*a", "|",
    ">", "'", '"', "#", "\t", "  ", "\n", "null", "~", "true", "1e9", "-1", "0x1F", "!!binary aGk=",
    "? ", "---", "...", "%YAML 1.1", "!!set {a}", "2026-11-23", "answer: ", "type: mcq",
    "choices: []", "params: {s: [0]}", "answer: \"1/s\"", "tags: [Bad Tag]",
])


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, len(LINES) - 1), st.integers(0, 4), yaml_tokens),
                min_size=1, max_size=6))
def test_mutated_valid_bank(mutations: list[tuple[int, int, str]]) -> None:
    lines = list(LINES)
    for index, op, token in mutations:
        i = index % len(lines)
        if op == 0:
            del lines[i]
        elif op == 1:
            lines.insert(i, lines[i])
        elif op == 2:
            lines[i] = lines[i] + token
        elif op == 3:
            lines[i] = token + lines[i]
        else:
            j = (i * 7 + 3) % len(lines)
            lines[i], lines[j] = lines[j], lines[i]
        if not lines:
            lines = [""]
    check("\n".join(lines))


def test_alias_bomb_is_cheap(tmp_path: Path) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(8))
    check(bomb + "topic: t\n")
