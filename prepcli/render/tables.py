"""Tables for `prep topics`."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from prepcli.banks.model import QUESTION_TYPES, Catalog
from prepcli.stats import TopicStats


def topics_table(rows: list[TopicStats]) -> Table:
    table = Table(title="Topics", title_justify="left", expand=False)
    table.add_column("topic", style="bold", no_wrap=True)
    table.add_column("title", overflow="fold")
    table.add_column("total", justify="right")
    for t in QUESTION_TYPES:
        table.add_column(t, justify="right")
    table.add_column("new", justify="right")
    table.add_column("due", justify="right")
    for r in rows:
        table.add_row(
            r.id, r.title, str(r.total), *[str(r.by_type.get(t, 0)) for t in QUESTION_TYPES],
            str(r.new), Text(str(r.due), style="bold yellow" if r.due else ""),
        )
    if rows:
        table.add_section()
        table.add_row("all", "", str(sum(r.total for r in rows)),
                      *[str(sum(r.by_type.get(t, 0) for r in rows)) for t in QUESTION_TYPES],
                      str(sum(r.new for r in rows)), str(sum(r.due for r in rows)))
    return table


def tags_table(catalog: Catalog) -> Table:
    counts: dict[str, dict[str, int]] = {}
    for q in catalog.all_questions():
        for tag in q.tags:
            counts.setdefault(tag, {}).setdefault(q.topic, 0)
            counts[tag][q.topic] += 1
    table = Table(title="Tags", title_justify="left")
    table.add_column("tag", style="bold", no_wrap=True)
    table.add_column("questions", justify="right")
    table.add_column("topics", overflow="fold")
    for tag in sorted(counts):
        by_topic = counts[tag]
        table.add_row(tag, str(sum(by_topic.values())),
                      ", ".join(f"{t} {n}" for t, n in sorted(by_topic.items())))
    return table
