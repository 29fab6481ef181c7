"""Turn `$...$` LaTeX in bank text into readable Unicode for the terminal.

pylatexenc does the symbols (Greek letters, operators, \\frac, \\sqrt); this module adds
what it leaves raw: Unicode super/subscripts (`x^2` -> x², `p_t` -> pₜ), grouped scripts
(`^{2N}` -> ²ᴺ or ^(2N)), and spacing around named operators (`\\gamma\\log p` -> γ log p).
"""

from __future__ import annotations

import functools
import re
from functools import cache

SUPER = dict(zip("0123456789+-=()nijkmNTtaepxyz",
                 "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱʲᵏᵐᴺᵀᵗᵃᵉᵖˣʸᶻ"))
SUB = dict(zip("0123456789+-=()aeijklmnoprstuvx",
               "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ"))
SUPER.update({"T": "ᵀ", "−": "⁻", "*": "*", "'": "′"})
SUB.update({"−": "₋", ",": ","})

_OPERATORS = ("log", "exp", "sin", "cos", "tan", "tanh", "max", "min", "arg", "argmax", "argmin",
              "lim", "det", "Tr", "sim", "softmax", "sigmoid", "mathbb{E}")
_MATH = re.compile(r"\$\$(.+?)\$\$|\$(.+?)\$|\\\((.+?)\\\)|\\\[(.+?)\\\]", re.DOTALL)


def render_math(text: str) -> str:
    """Replace every math span in Markdown text with Unicode; the rest is left as is."""
    if "$" not in text and "\\(" not in text and "\\[" not in text:
        return text

    def sub(m: re.Match[str]) -> str:
        body = next(g for g in m.groups() if g is not None)
        out = latex_to_unicode(body)
        # Display maths gets its own line; inline stays inline. Backticks keep Markdown
        # from reading `*` and `_` in the formula as emphasis.
        if m.group(1) is not None or m.group(4) is not None:
            return f"\n\n    {out}\n\n"
        return out.replace("*", "\\*").replace("_", "\\_")

    return _MATH.sub(sub, text)


@cache
def latex_to_unicode(src: str) -> str:
    src = src.strip()
    src = src.replace(r"\|", "‖").replace(r"\lVert", "‖").replace(r"\rVert", "‖")
    src = re.sub(r"\\(left|right|big|Big|bigg|Bigg)\b\s*", "", src)
    src = re.sub(r"\\(text|mathrm|operatorname|textrm|mathbf|boldsymbol)\s*\{([^{}]*)\}", r"\2", src)
    for op in _OPERATORS:
        src = re.sub(r"\\" + re.escape(op) + r"(?![a-zA-Z])(\s*[_^])?",
                     functools.partial(_operator, op.replace("mathbb{E}", "𝔼")), src)
    src = _scripts(src)
    text = _pylatexenc(src)
    text = re.sub(r"[ \t]{2,}", " ", text)
    text = re.sub(r"\(\s+", "(", text)
    text = re.sub(r"\s+\)", ")", text)
    return text.strip()


def _operator(word: str, m: re.Match[str]) -> str:
    # `\log_{10}` keeps its subscript attached; `\log p` gets a space after the name
    return "{} " + word + (m.group(1).strip() if m.group(1) else " ")


def _scripts(src: str) -> str:
    """Rewrite ^x, ^{...}, _x, _{...} into Unicode scripts (or ^(...) when impossible)."""
    out: list[str] = []
    i = 0
    while i < len(src):
        ch = src[i]
        if ch in "^_" and i + 1 < len(src):
            body, j = _script_body(src, i + 1)
            inner = _pylatexenc(_scripts(body)).strip()
            table = SUPER if ch == "^" else SUB
            # `{}` ends a preceding control word: `\alpha{}ₜ`, not the unknown `\alphaₜ`
            out.append("{}")
            if inner and all(c in table for c in inner):
                out.append("".join(table[c] for c in inner))
            elif len(inner) == 1:
                out.append(("^" if ch == "^" else "_") + inner)
            else:
                out.append(("^" if ch == "^" else "_") + "(" + inner + ")")
            i = j
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def _script_body(src: str, i: int) -> tuple[str, int]:
    while i < len(src) and src[i] == " ":
        i += 1
    if i >= len(src):
        return "", i
    if src[i] == "{":
        depth, j = 0, i
        while j < len(src):
            if src[j] == "{":
                depth += 1
            elif src[j] == "}":
                depth -= 1
                if depth == 0:
                    return src[i + 1 : j], j + 1
            j += 1
        return src[i + 1 :], len(src)
    if src[i] == "\\":
        m = re.match(r"\\[a-zA-Z]+|\\.", src[i:])
        assert m is not None
        return m.group(0), i + len(m.group(0))
    return src[i], i + 1


def _pylatexenc(src: str) -> str:
    try:
        return _converter().latex_to_text(src)
    except Exception:  # pylatexenc is lenient, but a bank must never crash the quiz
        return src


@cache
def _converter():  # type: ignore[no-untyped-def]
    from pylatexenc.latex2text import LatexNodes2Text

    return LatexNodes2Text(math_mode="text", strict_latex_spaces=False)
