"""Formulas read right in the terminal: grouping kept, operators known, nothing left escaped.

The worked formulas below are the kinds the banks use; the last test renders every text of every
shipped bank as the quiz shows it and fails on any leftover LaTeX command, Markdown escape or
unbalanced bracket.
"""

from __future__ import annotations

import re

import pytest
from prephelp import ROOT
from rich.console import Console

from prepcli.banks.catalog import load_catalog
from prepcli.render.markdown import inline_markdown, markdown
from prepcli.render.mathtext import latex_to_unicode, render_math

WORKED = [
    (r"D^*(x) = \frac{p_{data}(x)}{p_{data}(x) + p_g(x)}", "D*(x) = p_data(x) / (p_data(x) + p_g(x))"),
    (r"\frac{2\sum pg + s}{\sum p + \sum g + s}", "(2∑pg + s) / (∑p + ∑g + s)"),
    (r"\frac{1}{2}", "1/2"),
    (r"\frac{1}{\sqrt{d_k}}", "1/√dₖ"),
    (r"\mathrm{softmax}\left(\frac{QK^T}{\sqrt{d_k}}\right)V", "softmax(QKᵀ/√dₖ)V"),
    (r"\frac{x}{2\sigma^2}", "x / (2σ²)"),
    (r"\frac{a + b}{c}", "(a + b) / c"),
    (r"x \sim p_{data}", "x ∼ p_data"),
    (r"\mathbb{E}_{x \sim p}[\log D(x)]", "𝔼_(x ∼ p)[log D(x)]"),
    (r"\|x - y\|_2^2", "‖x - y‖₂²"),
    (r"\lVert f \rVert", "‖f‖"),
    (r"\hat{y} \approx \bar{x} \propto \tilde{z}", "ŷ ≈ x̄ ∝ z̃"),
    (r"-\alpha_t (1 - p_t)^\gamma \log p_t", "-αₜ (1 - pₜ)ᵞ log pₜ"),
    (r"\gamma\log p", "γ log p"),
    (r"\mathcal{L} = \lambda \cdot \text{KL}(q \| p)", "ℒ = λ · KL(q ‖ p)"),
    (r"\operatorname{Var}(w) = 2/n_{in}", "Var(w) = 2/nᵢₙ"),
    (r"\lfloor (W - K + 2P)/S \rfloor + 1", "⌊(W - K + 2P)/S⌋ + 1"),
    (r"m \odot x \times 2", "m ⊙ x × 2"),
    (r"\max_i x_i \le \min_j y_j \ge 0 \ne 1", "maxᵢ xᵢ ≤ minⱼ yⱼ ≥ 0 ≠ 1"),
    (r"\theta \in \mathbb{R}^d", "θ ∈ ℝᵈ"),
    (r"\prod_i p_i = \exp(\sum_i \log p_i)", "∏ᵢ pᵢ = exp(∑ᵢ log pᵢ)"),
    (r"\int_0^1 x\,dx", "∫₀¹ x dx"),
    (r"\arg\max_k s_k", "arg maxₖ sₖ"),
    (r"\frac{\partial L}{\partial w}", "∂L/∂w"),
    (r"\sqrt{x^2 + y^2}", "√(x² + y²)"),
    (r"e^{-x^2/2}", "e^(-x²/2)"),
]


@pytest.mark.parametrize("latex,expected", WORKED, ids=[w[1] for w in WORKED])
def test_worked_formulas(latex: str, expected: str) -> None:
    assert latex_to_unicode(latex) == expected


def plain(renderable) -> str:  # type: ignore[no-untyped-def]
    console = Console(width=100, record=True, color_system=None, force_terminal=False)
    console.print(renderable)
    return console.export_text()


def test_markdown_shows_formula_characters_literally() -> None:
    out = plain(markdown(r"The loss is $a_{i} * b_{j}$ and **bold** stays bold."))
    assert "aᵢ * bⱼ" in out and "**" not in out and "\\" not in out
    assert plain(inline_markdown(r"`nn.PixelShuffle` or x\_1 \* 2")).strip() == "nn.PixelShuffle or x_1 * 2"


def test_dollars_without_maths_and_plain_text_are_untouched() -> None:
    assert render_math("costs 5 dollars") == "costs 5 dollars"


# -- every shipped text ----------------------------------------------------------------------------

CATALOG = load_catalog(shipped=ROOT / "questions", user_dirs=[], cache=ROOT / ".pytest_cache" / "banks")
LEFTOVER = re.compile(r"\\[A-Za-z]+|\\[_*{}$]")
_MATH = re.compile(r"\$\$(.+?)\$\$|(?<!\\)\$(.+?)(?<!\\)\$", re.DOTALL)


def _texts(q) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    texts = [("prompt", q.prompt), ("explanation", q.explanation)]
    texts += [("hint", q.hint)] if q.hint else []
    texts += [("choice", c) for c in q.choices]
    texts += [("key point", k) for k in q.key_points]
    if q.type in ("open", "short"):
        texts.append(("answer", q.answer))
    return texts


def _balanced(text: str) -> bool:
    # [0, 1) is an interval: round and square brackets count as one family, braces apart
    opened = closed = 0
    for c in text:
        if c in "([":
            opened += 1
        elif c in ")]":
            closed += 1
            if closed > opened:
                return False
    return opened == closed and text.count("{") == text.count("}")


def test_every_shipped_text_renders_without_leftover_latex_or_escapes() -> None:
    problems = []
    for q in CATALOG.all_questions():
        for what, text in _texts(q):
            shown = plain(inline_markdown(text) if what == "choice" else markdown(text))
            if m := LEFTOVER.search(shown):
                problems.append(f"{q.id} {what}: {m.group(0)!r} left in {shown.strip()[:120]!r}")
            for fm in _MATH.finditer(text):
                body = next(g for g in fm.groups() if g is not None)
                out = latex_to_unicode(body)
                if not _balanced(out):
                    problems.append(f"{q.id} {what}: unbalanced brackets in {out!r} (from {body!r})")
    assert problems == [], f"{len(problems)} problems:\n" + "\n".join(problems[:80])
