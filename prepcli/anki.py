"""`prep export --anki FILE.apkg`: the banks as Anki decks, one per topic (genanki).

Each question is one note whose GUID is derived from its id, so a later export updates the
notes already in the user's collection instead of adding duplicates. Formulas go to Anki's
MathJax (`\\(...\\)`), Markdown to plain HTML; a parametric question is exported with one fixed
set of values (the first of each parameter) and the answer computed for them.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from prepcli.banks.model import Catalog, Question, Topic
from prepcli.errors import ExportError

LETTERS = "abcdefghijklmnopqrstuvwxyz"
CSS = """.card { font-family: sans-serif; font-size: 18px; text-align: left; max-width: 44em; margin: auto; }
ol.choices { list-style-type: lower-alpha; }
.answer { font-weight: bold; }
.meta { color: #777; font-size: 14px; }
code { background: #f3f3f3; padding: 0 .2em; }"""


@dataclass(frozen=True)
class AnkiExport:
    path: Path
    decks: int
    notes: int


def stable_id(name: str) -> int:
    """A 31-bit id that never changes for `name` (Anki ids of models and decks)."""
    return 1 << 30 | int.from_bytes(hashlib.sha256(name.encode()).digest()[:4], "big") >> 2


def note_guid(question_id: str) -> str:
    import genanki

    return str(genanki.guid_for("prep", question_id))


def export_anki(catalog: Catalog, path: Path, topics: Sequence[str] = ()) -> AnkiExport:
    """Write the chosen topics (default: all) to an .apkg file; returns what was written."""
    import genanki

    chosen = _topics(catalog, topics)
    model = genanki.Model(
        stable_id("prep question v1"), "prep question",
        fields=[{"name": "Id"}, {"name": "Front"}, {"name": "Back"}],
        templates=[{"name": "Card 1", "qfmt": "{{Front}}",
                    "afmt": "{{FrontSide}}<hr id=answer>{{Back}}"}],
        css=CSS, sort_field_index=0,
    )
    decks, notes = [], 0
    for topic in chosen:
        deck = genanki.Deck(stable_id(f"prep deck {topic.id}"), f"prep::{topic.title}")
        for q in topic.questions:
            front, back = card_sides(q)
            deck.add_note(genanki.Note(model=model, fields=[q.id, front, back], guid=note_guid(q.id),
                                       tags=[f"prep::{topic.id}", *(t.replace(" ", "-") for t in q.tags)]))
            notes += 1
        decks.append(deck)
    tmp = path.with_name(path.name + ".tmp")
    try:
        genanki.Package(decks).write_to_file(str(tmp))
        tmp.replace(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from None
    return AnkiExport(path, len(decks), notes)


def _topics(catalog: Catalog, names: Sequence[str]) -> list[Topic]:
    if not names:
        return list(catalog.topics.values())
    from prepcli.errors import UnknownTopic
    from prepcli.suggest import unknown_message

    out = []
    for name in names:
        if name.lower() not in catalog.topics:
            raise UnknownTopic(unknown_message("topic", name, sorted(catalog.topics)))
        out.append(catalog.topics[name.lower()])
    return out


def card_sides(q: Question) -> tuple[str, str]:
    """The front (prompt, choices) and back (answer, explanation, sources) of one note, as HTML."""
    from prepcli.banks.template import fill, format_number

    env = {name: values[0] for name, values in q.params}
    answer_value: float | None = None
    if q.type == "numeric":
        from prepcli.banks.expr import evaluate

        answer_value = evaluate(q.answer, env) if q.params else float(q.answer)

    def text(s: str, inline: bool = False) -> str:
        out = to_html(fill(s, env, answer_value) if env or "{answer}" in s else s)
        if inline and out.startswith("<p>") and out.endswith("</p>") and out.count("<p>") == 1:
            out = out[3:-4]
        return out

    front = [text(q.prompt)]
    if q.choices:
        front.append('<ol class="choices">' + "".join(f"<li>{text(c, True)}</li>" for c in q.choices)
                     + "</ol>")
    if q.type == "multi":
        front.append('<p class="meta">Pick every right choice.</p>')
    back = []
    if q.type == "mcq":
        back.append(_answer(f"({LETTERS[q.choices.index(q.answer)]}) {text(q.answer, True)}"))
    elif q.type == "multi":
        back.append(_answer(", ".join(f"({LETTERS[q.choices.index(a)]}) {text(a, True)}"
                                      for a in q.answer)))
    elif q.type == "numeric":
        assert answer_value is not None
        unit = f" {html.escape(q.unit)}" if q.unit else ""
        back.append(_answer(f"{format_number(answer_value)}{unit}"))
    else:
        back.append(_answer(text(str(q.answer), True)))
        if q.type == "short" and q.accept:
            back.append('<p class="meta">Also accepted: ' + ", ".join(html.escape(a) for a in q.accept)
                        + "</p>")
        if q.key_points:
            back.append("<p>Key points:</p><ul>" + "".join(f"<li>{text(k, True)}</li>" for k in q.key_points)
                        + "</ul>")
    back.append(text(q.explanation))
    if q.source:
        back.append('<p class="meta">Source: ' + "; ".join(html.escape(s) for s in q.source) + "</p>")
    back.append(f'<p class="meta">prep quiz --id {html.escape(q.id)}</p>')
    return "".join(front), "".join(back)


def _answer(inner: str) -> str:
    return f'<div class="answer">{inner}</div>'


_MATH = re.compile(r"\$\$(.+?)\$\$|\$(.+?)\$", re.DOTALL)
_CODE = re.compile(r"`([^`]+)`")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_ITEM = re.compile(r"^([-*+]|\d+[.)])\s+")
_EM = re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")


def to_html(markdown: str) -> str:
    """Bank Markdown as Anki HTML: paragraphs, `code`, **bold**, *emphasis*, lists; maths for MathJax."""
    stash: list[str] = []

    def keep(piece: str) -> str:
        stash.append(piece)
        return f"\x00{len(stash) - 1}\x00"

    def math(m: re.Match[str]) -> str:
        display, inline = m.group(1), m.group(2)
        return keep(f"\\[{html.escape(display)}\\]" if display is not None
                    else f"\\({html.escape(inline)}\\)")

    s = _MATH.sub(math, markdown)
    s = _CODE.sub(lambda m: keep(f"<code>{html.escape(m.group(1))}</code>"), s)
    s = html.escape(s, quote=False)
    s = _BOLD.sub(r"<b>\1</b>", s)
    s = _EM.sub(r"<i>\1</i>", s)
    blocks = []
    for para in re.split(r"\n\s*\n", s.strip()):
        lines = [ln.strip() for ln in para.splitlines() if ln.strip()]
        if lines and all(_ITEM.match(ln) for ln in lines):
            blocks.append("<ul>" + "".join(f"<li>{_ITEM.sub('', ln)}</li>" for ln in lines) + "</ul>")
        elif lines:
            blocks.append("<p>" + " ".join(lines) + "</p>")
    out = "".join(blocks)
    return re.sub("\x00(\\d+)\x00", lambda m: stash[int(m.group(1))], out)
