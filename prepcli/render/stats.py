"""`prep stats` in the terminal: topics with bars, streak and heatmap, forecast, katas, weakest."""

from __future__ import annotations

from datetime import date, timedelta

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from prepcli.stats import HEATMAP_WEEKS, StatsReport, WeakQuestion

SHADES = " ░▒▓█"


def render_stats(console: Console, r: StatsReport) -> None:
    for w in r.warnings:
        console.print(Text(f"Warning: {w}", style="yellow"))
    if r.empty:
        console.print(Text("No progress yet.", style="bold"))
        console.print("Start with a short quiz:   prep quiz detection -n 5")
        console.print("Or a hand-coding kata:     prep kata iou")
        console.print("List what there is:        prep topics  ·  prep kata")
        return
    console.print(_topics(r))
    if r.topic_detail:
        console.print(_detail(r))
    else:
        console.print(_activity(r))
        console.print(_forecast(r))
        if any(k.attempts for k in r.katas):
            console.print(_katas(r))
    if r.weakest:
        console.print(_weakest(r))


def _bar(fraction: float, width: int = 12) -> Text:
    filled = round(max(0.0, min(1.0, fraction)) * width)
    style = "green" if fraction >= 0.8 else "yellow" if fraction >= 0.5 else "red"
    return Text("█" * filled, style=style) + Text("·" * (width - filled), style="dim")


def _pct(n: int, d: int) -> str:
    return f"{100 * n / d:.0f}%" if d else "–"


def _topics(r: StatsReport) -> Table:
    t = Table(title="Topics", title_justify="left")
    t.add_column("topic", style="bold", no_wrap=True)
    t.add_column("seen", justify="right")
    t.add_column("", no_wrap=True)
    t.add_column("answered", justify="right")
    t.add_column("right", justify="right")
    t.add_column("30 d", justify="right")
    t.add_column("recall", justify="right")
    t.add_column("due", justify="right")
    t.add_column("7 d", justify="right")
    for ts in r.topics:
        t.add_row(
            ts.id, f"{ts.seen}/{ts.total}", _bar(ts.seen / ts.total if ts.total else 0),
            str(ts.answered), _pct(ts.correct, ts.answered), _pct(ts.correct_30d, ts.answered_30d),
            f"{100 * ts.recall:.0f}%" if ts.recall is not None else "–",
            Text(str(ts.due), style="bold yellow" if ts.due else ""), str(ts.due_7d),
        )
    return t


def _activity(r: StatsReport) -> Group:
    """A GitHub-style heatmap: one column per week, one row per weekday."""
    today = date.fromisoformat(r.forecast[0].date) if r.forecast else date.fromisoformat(
        r.generated_at[:10])
    start = today - timedelta(days=today.weekday()) - timedelta(weeks=HEATMAP_WEEKS - 1)
    days = r.activity.days
    peak = max(days.values(), default=0)
    grid = Table.grid(padding=(0, 0))
    grid.add_column(no_wrap=True)
    for _ in range(HEATMAP_WEEKS):
        grid.add_column(no_wrap=True)
    for wd, name in enumerate(["Mon", "", "Wed", "", "Fri", "", "Sun"]):
        cells: list[Text | str] = [f"{name:4}"]
        for w in range(HEATMAP_WEEKS):
            d = start + timedelta(weeks=w, days=wd)
            if d > today:
                cells.append(" ")
                continue
            n = days.get(d.isoformat(), 0)
            level = 0 if n == 0 else 1 + min(3, int(3 * n / peak)) if peak else 0
            cells.append(Text(SHADES[min(level, 4)] if n else "·",
                              style="green" if n else "dim"))
        grid.add_row(*cells)
    a = r.activity
    title = Text(f"Activity, last {HEATMAP_WEEKS} weeks · streak {a.streak} day"
                 f"{'s' if a.streak != 1 else ''} · {a.total_answers} answers in all", style="italic")
    return Group(title, grid)


def _forecast(r: StatsReport) -> Table:
    t = Table(title="Reviews due, next 14 days", title_justify="left", show_header=False, box=None)
    t.add_column(no_wrap=True)
    t.add_column(justify="right")
    t.add_column(no_wrap=True)
    peak = max((d.due for d in r.forecast), default=0)
    for d in r.forecast:
        label = date.fromisoformat(d.date).strftime("%a %d %b")
        t.add_row(label, str(d.due), Text("▇" * (round(20 * d.due / peak) if peak else 0),
                                          style="cyan"))
    return t


def _katas(r: StatsReport) -> Table:
    t = Table(title="Katas", title_justify="left")
    t.add_column("kata", style="bold", no_wrap=True)
    t.add_column("status")
    t.add_column("attempts", justify="right")
    t.add_column("best speed", justify="right")
    t.add_column("last attempt", no_wrap=True)
    for k in r.katas:
        style = {"passed": "green", "failing": "red"}.get(k.status, "dim")
        t.add_row(k.id, Text(k.status, style=style), str(k.attempts),
                  f"{k.best_ratio:.2f}× ref" if k.best_ratio is not None else "–",
                  (k.last_attempt or "–")[:16].replace("T", " "))
    return t


def _weakest(r: StatsReport) -> Table:
    t = Table(title="Weakest questions", title_justify="left")
    t.add_column("lapses", justify="right")
    t.add_column("recall", justify="right")
    t.add_column("question", overflow="fold")
    for w in r.weakest:
        t.add_row(str(w.lapses), f"{100 * w.recall:.0f}%", _weak_prompt(w))
    return t


def _weak_prompt(w: WeakQuestion) -> Group:
    """The question as the quiz shows it (maths as Unicode, Markdown laid out), then where it is."""
    from prepcli.render.markdown import markdown

    return Group(markdown(w.prompt), Text(f"{w.topic} · prep quiz --id {w.id}", style="dim"))


def _detail(r: StatsReport) -> Table:
    t = Table(title=f"{r.topic_detail}: every question", title_justify="left")
    t.add_column("id", no_wrap=True)
    t.add_column("type")
    t.add_column("answered", justify="right")
    t.add_column("right", justify="right")
    t.add_column("recall", justify="right")
    t.add_column("due", no_wrap=True)
    for q in r.detail_questions:
        t.add_row(q.id, q.type, str(q.answered), _pct(q.correct, q.answered),
                  f"{100 * q.recall:.0f}%" if q.recall is not None else "new", (q.due or "–")[:10])
    return t
