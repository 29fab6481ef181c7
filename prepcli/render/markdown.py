"""Markdown for bank text: rich's renderer for real documents, a fast path for plain prose.

Most prompts and explanations are paragraphs with `code`, **bold** and *emphasis*. rich's
Markdown (and markdown-it behind it) costs ~40 ms to import, a quarter of a one-question quiz,
so such text is rendered directly; anything with lists, code blocks, tables, headings or quotes
goes through rich.markdown as before. Formulas are turned into Unicode first either way.
"""

from __future__ import annotations

import re

from rich.console import Group, RenderableType
from rich.text import Text

from prepcli.render.mathtext import render_math

# A line that starts a block construct rich must lay out: lists, code, tables, headings, quotes.
_BLOCK = re.compile(r"^\s*([-*+]\s|\d+[.)]\s|```|~~~|#|>|\|)|^ {4,}\S", re.MULTILINE)
_INLINE = re.compile(r"`([^`]+)`|\*\*(.+?)\*\*|__(.+?)__|(?<![\w*\\])\*(?!\s)(.+?)(?<![\s\\])\*(?![\w*])"
                     r"|\[([^\]]+)\]\([^)]+\)")


def markdown(text: str) -> RenderableType:
    """A renderable for Markdown `text` (with `$...$` maths shown as Unicode)."""
    text = render_math(text, markdown=True)
    if _BLOCK.search(text) or "<" in text:
        from rich.markdown import Markdown

        return Markdown(text, code_theme="ansi_dark", hyperlinks=False)
    paragraphs = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    parts: list[RenderableType] = []
    for i, para in enumerate(paragraphs):
        if i:
            parts.append(Text(""))
        parts.append(_inline(" ".join(line.strip() for line in para.splitlines())))
    return Group(*parts)


def inline_markdown(text: str) -> Text:
    """One line of Markdown (an answer choice, an expected answer) as styled text: maths in
    Unicode, `code`, **bold**, *emphasis*, and backslash escapes (`\\_`) shown as the character."""
    return _inline(" ".join(render_math(text, markdown=True).split()))


def _inline(line: str) -> Text:
    out = Text()
    pos = 0
    for m in _INLINE.finditer(line):
        out.append(_unescape(line[pos : m.start()]))
        code, bold, bold2, em, link = m.groups()
        if code is not None:
            out.append(code, style="bold cyan")
        elif bold is not None or bold2 is not None:
            out.append(_unescape(bold or bold2), style="bold")
        elif em is not None:
            out.append(_unescape(em), style="italic")
        else:
            out.append(_unescape(link), style="underline")
        pos = m.end()
    out.append(_unescape(line[pos:]))
    return out


_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~$])")


def _unescape(s: str) -> str:
    # Markdown backslash escapes (`\_`, `\*`), also those render_math adds inside formulas
    return _ESCAPED.sub(r"\1", s)
