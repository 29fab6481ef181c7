"""Tables that fit the terminal: `prep topics`, `prep topics --tags`, and a helper for the rest.

A column that does not fit is left out whole, by priority, rather than squeezed: a header cut
to `…` or a title wrapped two letters a line tells the user nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from rich.table import Table
from rich.text import Text

from prepcli.banks.model import QUESTION_TYPES, Catalog
from prepcli.stats import TopicStats

Row = TypeVar("Row")
BORDER = 3  # a column's share of the box: one rule and two spaces of padding


@dataclass(frozen=True)
class Column(Generic[Row]):
    header: str
    cell: Callable[[Row], Any]
    width: int  # the narrowest it may be without wrapping into fragments
    priority: int = 0  # 0 is always shown; larger numbers are dropped first
    justify: str = "right"
    wrap: bool = False  # a text column that may wrap (at word boundaries) once it has `width`


def fitted_table(title: str, columns: Sequence[Column[Row]], rows: Sequence[Row], width: int,
                 footer: Sequence[Any] | None = None,
                 section: Callable[[Row], Any] | None = None) -> Table:
    """A table of `rows` with the columns that fit in `width`, dropped by priority otherwise;
    a rule between rows where `section(row)` changes."""
    kept = list(columns)

    def need(cols: list[Column[Row]]) -> int:
        return sum(max(c.width, len(c.header)) + BORDER for c in cols) + 1

    while need(kept) > width and any(c.priority for c in kept):
        worst = max(c.priority for c in kept)  # columns of one priority go together
        kept = [c for c in kept if c.priority != worst]
    t = Table(title=title, title_justify="left")
    for c in kept:
        t.add_column(c.header, justify=c.justify, no_wrap=not c.wrap,  # type: ignore[arg-type]
                     min_width=max(c.width, len(c.header)) if c.wrap else None,
                     overflow="fold" if c.wrap else "ellipsis")
    previous: Any = None
    for i, row in enumerate(rows):
        if section is not None:
            if i and section(row) != previous:
                t.add_section()
            previous = section(row)
        t.add_row(*[c.cell(row) for c in kept])
    if footer is not None:
        t.add_section()
        by_header = dict(zip([c.header for c in columns], footer))
        t.add_row(*[by_header.get(c.header, "") for c in kept])
    return t


def topics_table(rows: list[TopicStats], width: int = 100) -> Table:
    id_w = max((len(r.id) for r in rows), default=5)
    title_w = min(max((len(r.title) for r in rows), default=5), 20)
    columns: list[Column[TopicStats]] = [
        Column("topic", lambda r: Text(r.id, style="bold"), id_w, justify="left"),
        Column("title", lambda r: r.title, title_w, priority=2, justify="left", wrap=True),
        Column("total", lambda r: str(r.total), 5),
        *[Column(t, (lambda r, t=t: str(r.by_type.get(t, 0))), len(t), priority=3)  # type: ignore[misc]
          for t in QUESTION_TYPES],
        Column("new", lambda r: str(r.new), 3, priority=1),
        Column("due", lambda r: Text(str(r.due), style="bold yellow" if r.due else ""), 3),
    ]
    footer = None
    if rows:
        footer = ["all", "", str(sum(r.total for r in rows)),
                  *[str(sum(r.by_type.get(t, 0) for r in rows)) for t in QUESTION_TYPES],
                  str(sum(r.new for r in rows)), str(sum(r.due for r in rows))]
    return fitted_table("Topics", columns, rows, width, footer)


def tags_table(catalog: Catalog, width: int = 100) -> Table:
    counts: dict[str, dict[str, int]] = {}
    for q in catalog.all_questions():
        for tag in q.tags:
            counts.setdefault(tag, {}).setdefault(q.topic, 0)
            counts[tag][q.topic] += 1
    rows = sorted(counts.items())
    columns: list[Column[tuple[str, dict[str, int]]]] = [
        Column("tag", lambda r: Text(r[0], style="bold"), max((len(k) for k in counts), default=3),
               justify="left"),
        Column("questions", lambda r: str(sum(r[1].values())), 9),
        Column("topics", lambda r: ", ".join(f"{t} {n}" for t, n in sorted(r[1].items())), 16,
               justify="left", wrap=True),
    ]
    return fitted_table("Tags", columns, rows, width)
