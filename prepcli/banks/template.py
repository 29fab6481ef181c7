"""Parametric question text: `{name}` placeholders filled with drawn values, numbers formatted."""

from __future__ import annotations

import re

_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*)\}")


def fill(text: str, env: dict[str, float], answer: float | None = None) -> str:
    """Fill `{name}` placeholders with parameter values (and `{answer}`); `{{`/`}}` are braces.

    A regex, not str.format: a bank must not reach attributes through `{x.attr}`.
    """
    values = {k: format_number(v) for k, v in env.items()}
    if answer is not None:
        values["answer"] = format_number(answer)

    def sub(m: re.Match[str]) -> str:
        token = m.group(0)
        if token == "{{":
            return "{"
        if token == "}}":
            return "}"
        return values.get(m.group(1), token)

    return _PLACEHOLDER.sub(sub, text)


def _placeholders(text: str) -> set[str]:
    return {m.group(1) for m in _PLACEHOLDER.finditer(text) if m.group(1)}


def format_number(x: float) -> str:
    if isinstance(x, float) and x.is_integer() and abs(x) < 1e15:
        return str(int(x))
    if isinstance(x, float):
        return f"{x:.6g}"
    return str(x)
