"""`prep stats` in the terminal: topics with bars, streak and heatmap, forecast, katas, weakest."""

from __future__ import annotations

from datetime import date, timedelta

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from prepcli.render.tables import Column, fitted_table
from prepcli.stats import (
    HEATMAP_WEEKS,
    KataStats,
    MockSummary,
    Readiness,
    StatsReport,
    TopicStats,
    WeakQuestion,
)

SHADES = " ░▒▓█"


def render_stats(console: Console, r: StatsReport) -> None:
    for w in r.warnings:
        console.print(Text(f"Warning: {w}", style="yellow"))
    if r.empty:
        console.print(Text("No progress yet.", style="bold"))
        console.print("Start with a short quiz:   prep quiz detection -n 5")
        console.print("Or a hand-coding kata:     prep kata iou")
        console.print("List what there is:        prep topics  ·  prep kata")
        if r.readiness is not None:  # what it takes from zero is worth knowing on day one
            console.print()
            console.print(_readiness(r.readiness))
        return
    console.print(_topics(r, console.width))
    if r.topic_detail:
        console.print(_detail(r))
    else:
        console.print(_activity(r))
        console.print(_forecast(r))
        if any(k.attempts for k in r.katas):
            console.print(_katas(r, console.width))
    if r.mocks and not r.topic_detail:
        console.print(_mocks(r, console.width))
    if r.readiness is not None:
        console.print(_readiness(r.readiness))
    if r.weakest:
        console.print(_weakest(r))


def _bar(fraction: float, width: int = 12) -> Text:
    filled = round(max(0.0, min(1.0, fraction)) * width)
    style = "green" if fraction >= 0.8 else "yellow" if fraction >= 0.5 else "red"
    return Text("█" * filled, style=style) + Text("·" * (width - filled), style="dim")


def _pct(n: int, d: int) -> str:
    return f"{100 * n / d:.0f}%" if d else "–"


def _topics(r: StatsReport, width: int) -> Table:
    name_w = max((len(ts.id) for ts in r.topics), default=5)
    columns: list[Column[TopicStats]] = [
        Column("topic", lambda ts: Text(ts.id, style="bold"), name_w, justify="left"),
        Column("seen", lambda ts: f"{ts.seen}/{ts.total}", 7),
        Column("", lambda ts: _bar(ts.seen / ts.total if ts.total else 0), 12, priority=4),
        Column("answered", lambda ts: str(ts.answered), 8, priority=3),
        Column("right", lambda ts: _pct(ts.correct, ts.answered), 5, priority=1),
        Column("30 d", lambda ts: _pct(ts.correct_30d, ts.answered_30d), 4, priority=5),
        Column("recall", lambda ts: f"{100 * ts.recall:.0f}%" if ts.recall is not None else "–", 6,
               priority=1),
        Column("due", lambda ts: Text(str(ts.due), style="bold yellow" if ts.due else ""), 3),
        Column("7 d", lambda ts: str(ts.due_7d), 3, priority=2),
    ]
    return fitted_table("Topics", columns, r.topics, width)


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


def _katas(r: StatsReport, width: int) -> Table:
    styles = {"passed": "green", "failing": "red"}
    columns: list[Column[KataStats]] = [
        Column("kata", lambda k: Text(k.id, style="bold"), max((len(k.id) for k in r.katas), default=4),
               justify="left"),
        Column("status", lambda k: Text(k.status, style=styles.get(k.status, "dim")), 7, justify="left"),
        Column("attempts", lambda k: str(k.attempts), 8, priority=2),
        Column("best speed", lambda k: f"{k.best_ratio:.2f}× ref" if k.best_ratio is not None else "–",
               10, priority=1),
        Column("last attempt", lambda k: (k.last_attempt or "–")[:16].replace("T", " "), 16, priority=3,
               justify="left"),
    ]
    return fitted_table("Katas", columns, r.katas, width)


def _mocks(r: StatsReport, width: int) -> Table:
    columns: list[Column[MockSummary]] = [
        Column("date", lambda m: m.date, 16, justify="left"),
        Column("min", lambda m: str(m.minutes), 3, priority=2),
        Column("right", lambda m: f"{m.right}/{m.answered}" if m.finished else "unfinished", 10),
        Column("kata", lambda m: m.kata or "–", 14, priority=1, justify="left"),
        Column("result", lambda m: m.kata_result or "–", 12, justify="left", wrap=True),
    ]
    return fitted_table("Mock interviews", columns, r.mocks, width)


def _readiness(rd: Readiness) -> Group:
    when = ("today" if rd.days_left == 0 else "passed" if rd.days_left < 0
            else f"in {rd.days_left} day{'s' if rd.days_left != 1 else ''}")
    head = Text(f"Interview day {rd.interview_date} ({when}) · target recall "
                f"{100 * rd.desired_retention:.0f}%", style="italic")
    t = Table()
    t.add_column("topic", style="bold", no_wrap=True)
    t.add_column("ready", justify="right", no_wrap=True)
    t.add_column("recall then", justify="right", no_wrap=True)
    t.add_column("reviews/day", justify="right", no_wrap=True)
    for tr in rd.topics:
        t.add_row(tr.topic, f"{tr.ready}/{tr.questions}",
                  f"{100 * tr.recall_on_day:.0f}%" if tr.recall_on_day is not None else "–",
                  f"{tr.per_day:g}")
    lines = [Text(f"About {rd.reviews_per_day:g} reviews a day (new questions included) bring every "
                  f"topic to {100 * rd.desired_retention:.0f}% recall on the day.")]
    if rd.katas_not_passed:
        shown = ", ".join(rd.katas_not_passed[:8])
        more = len(rd.katas_not_passed) - 8
        lines.append(Text(f"Katas not passed yet ({len(rd.katas_not_passed)}): {shown}"
                          + (f" and {more} more" if more > 0 else ""), style="yellow"))
    return Group(head, t, *lines)


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
