"""A small, safe arithmetic evaluator for parametric numeric questions.

`answer: "(s // p) ** 2"` is parsed with :mod:`ast` and walked node by node;
only numbers, parameter names, arithmetic operators, comparisons inside
``min``/``max`` arguments and a fixed list of maths functions are allowed.
Nothing is ever passed to ``eval``: a bank is data, not code.
"""

from __future__ import annotations

import ast
import math
import operator
from collections.abc import Callable, Mapping

__all__ = ["ExprError", "evaluate", "names_in"]


class ExprError(ValueError):
    """An answer expression that cannot be parsed or evaluated."""


_BINARY: dict[type, Callable[[float, float], float]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.FloorDiv: operator.floordiv,
    ast.Mod: operator.mod,
    ast.Pow: operator.pow,
}
_UNARY: dict[type, Callable[[float], float]] = {ast.UAdd: operator.pos, ast.USub: operator.neg}

_FUNCTIONS: dict[str, Callable[..., float]] = {
    "sqrt": math.sqrt,
    "exp": math.exp,
    "log": math.log,  # natural log; log(x, base) also works
    "log2": math.log2,
    "log10": math.log10,
    "ceil": math.ceil,
    "floor": math.floor,
    "abs": abs,
    "round": round,
    "min": min,
    "max": max,
    "sin": math.sin,
    "cos": math.cos,
    "tan": math.tan,
    "atan": math.atan,
    "tanh": math.tanh,
}
_CONSTANTS = {"pi": math.pi, "e": math.e}

# Keeps `10 ** 10 ** 10` from hanging the quiz.
_MAX_EXPONENT = 1000
_MAX_LENGTH = 500


def names_in(expr: str) -> set[str]:
    """The free names an expression uses (function names and constants excluded)."""
    tree = _parse(expr)
    return {
        node.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Name) and node.id not in _FUNCTIONS and node.id not in _CONSTANTS
    }


def evaluate(expr: str, names: Mapping[str, float] | None = None) -> float:
    """Evaluate ``expr`` with ``names`` bound; raise :class:`ExprError` on anything else.

    >>> evaluate("(s // p) ** 2", {"s": 224, "p": 16})
    196.0
    """
    tree = _parse(expr)
    try:
        value = _eval(tree.body, dict(names or {}))
    except ExprError:
        raise
    except (ArithmeticError, ValueError, TypeError) as exc:
        raise ExprError(f"cannot evaluate {expr!r}: {exc}") from None
    if isinstance(value, complex) or not math.isfinite(value):
        raise ExprError(f"{expr!r} does not give a finite real number")
    return float(value)


def _parse(expr: str) -> ast.Expression:
    if not isinstance(expr, str):
        raise ExprError(f"expected an expression string, got {type(expr).__name__}")
    if len(expr) > _MAX_LENGTH:
        raise ExprError(f"expression longer than {_MAX_LENGTH} characters")
    try:
        return ast.parse(expr.strip(), mode="eval")
    except SyntaxError as exc:
        raise ExprError(f"not an arithmetic expression: {expr!r} ({exc.msg})") from None


def _eval(node: ast.AST, names: dict[str, float]) -> float:
    if isinstance(node, ast.Constant):
        if isinstance(node.value, bool) or not isinstance(node.value, (int, float)):
            raise ExprError(f"only numbers are allowed, not {node.value!r}")
        return node.value
    if isinstance(node, ast.Name):
        if node.id in names:
            return names[node.id]
        if node.id in _CONSTANTS:
            return _CONSTANTS[node.id]
        raise ExprError(f"unknown name {node.id!r}")
    if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
        left, right = _eval(node.left, names), _eval(node.right, names)
        if isinstance(node.op, ast.Pow) and abs(right) > _MAX_EXPONENT:
            raise ExprError(f"exponent {right} is too large")
        return _BINARY[type(node.op)](left, right)
    if isinstance(node, ast.UnaryOp) and type(node.op) in _UNARY:
        return _UNARY[type(node.op)](_eval(node.operand, names))
    if isinstance(node, ast.Call):
        if not isinstance(node.func, ast.Name) or node.func.id not in _FUNCTIONS:
            allowed = ", ".join(sorted(_FUNCTIONS))
            raise ExprError(f"unknown function (allowed: {allowed})")
        if node.keywords:
            raise ExprError("keyword arguments are not allowed")
        args = [_eval(arg, names) for arg in node.args]
        return _FUNCTIONS[node.func.id](*args)
    raise ExprError(f"{type(node).__name__} is not allowed in an answer expression")
