"""Rich output for katas: the catalog table, the statement, and a check's verdict panel."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group
from rich.markdown import Markdown
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:
    from pathlib import Path

    from rich.console import Console

    from prepcli.katas.catalog import KataSpec
    from prepcli.katas.practice import NextKata
    from prepcli.katas.status import KataStatus
    from prepcli.katas.verdict import KataVerdict

STATUS_STYLE = {"new": "dim", "failing": "red", "passed": "green"}


def render_catalog(console: Console, rows: list[KataStatus]) -> None:
    from prepcli.render.tables import Column, fitted_table

    if not rows:
        console.print("No katas match.")
        return
    columns: list[Column[KataStatus]] = [
        Column("kata", lambda r: Text(r.spec.id, style="bold"), max(len(r.spec.id) for r in rows),
               justify="left"),
        Column("topic", lambda r: r.spec.topic, max(len(r.spec.topic) for r in rows), priority=3,
               justify="left"),
        Column("level", lambda r: "*" * r.spec.difficulty, 5, priority=2, justify="center"),
        Column("status", lambda r: Text(r.status, style=STATUS_STYLE.get(r.status, "")), 7,
               justify="left"),
        Column("best speed", lambda r: f"{r.best_ratio:.1f}x ref" if r.best_ratio is not None else "-",
               10, priority=1),
        Column("last attempt", lambda r: r.last_attempt.astimezone().strftime("%Y-%m-%d %H:%M")
               if r.last_attempt else "-", 16, priority=4, justify="left"),
    ]
    console.print(fitted_table("Katas", columns, rows, console.width, section=lambda r: r.spec.topic))
    console.print("Start one with [bold]prep kata NAME[/]; check it again with the same command; "
                  "[bold]prep kata next[/] picks one for you.")


def render_next(console: Console, nxt: NextKata) -> None:
    p = nxt.progress
    by_topic = " · ".join(f"{t} {done}/{total}" for t, (done, total) in p.by_topic.items())
    console.print(Text.assemble(("Passed ", "bold"), (f"{p.passed}/{p.total}", "bold green"),
                                f" katas · {by_topic}"))
    if nxt.next is None:
        console.print("Every kata is passed. Keep them fresh: `prep mock` picks the one you passed "
                      "longest ago.")
        return
    s = nxt.next
    why = ("you have tried it and it does not pass yet" if s.status == "failing"
           else "the easiest one you have not started")
    console.print(Text.assemble("Next: ", (f"prep kata {s.spec.id}", "bold"),
                                f"  {s.spec.title} ({'*' * s.spec.difficulty}, {s.spec.topic}): {why}"))


def render_statement(console: Console, spec: KataSpec, path: Path, framework: str,
                     how_to_check: bool = True) -> None:
    console.print(Markdown(spec.statement_path.read_text(encoding="utf-8")))
    console.print()
    if not how_to_check:  # the caller says how (a mock interview checks on Enter)
        return
    console.print(Text.assemble(("Your file: ", "bold"), str(path)))
    fw = "" if framework == spec.default_framework else f" --framework {framework}"
    console.print(f"Edit it, then run [bold]prep kata {spec.id}{fw}[/] to check it "
                  f"([bold]--watch[/] re-checks on save, [bold]--hint[/] helps).")


def _fmt_s(s: float | None) -> str:
    if s is None:
        return "-"
    if s < 1e-3:
        return f"{s * 1e6:.0f} us"
    if s < 1:
        return f"{s * 1e3:.2f} ms"
    return f"{s:.2f} s"


def render_verdict(console: Console, verdict: KataVerdict, default_framework: str = "numpy") -> None:
    from prepcli.katas.verdict import ERROR_KINDS

    parts: list = []
    partial = verdict.correct and verdict.error is None and verdict.scope != "full"
    if verdict.passed:
        title, style = "PASSED", "green"
    elif partial:
        title, style = verdict.status.upper() + " (not a full check)", "cyan"
    elif verdict.correct:
        title, style = "CORRECT, TOO SLOW", "yellow"
    else:
        title, style = f"FAILED: {ERROR_KINDS.get(verdict.error or '', verdict.error)}", "red"

    checks = Table.grid(padding=(0, 1))
    checks.add_column(no_wrap=True)
    checks.add_column(no_wrap=True)
    checks.add_column(overflow="fold")
    for c in verdict.checks:
        mark = Text("ok", style="green") if c.passed else Text("FAIL", style="bold red")
        msg = c.message.strip().splitlines()[0] if c.message.strip() else ""
        if c.name == "runs":  # the message itself is shown once, below
            msg = ERROR_KINDS.get(verdict.error or "", verdict.error or "")
        checks.add_row(mark, Text(c.name, style="bold"), Text(msg))
    if verdict.checks:
        parts.append(checks)

    if verdict.error and verdict.error != "wrong-answer" and verdict.message:
        parts.append(Text(""))
        parts.append(Text(verdict.message.rstrip(), style="red"))
    if verdict.diagnosis:
        parts.append(Text(""))
        parts.append(Text.assemble(("Looks like a known mistake: ", "bold yellow"), verdict.diagnosis))
    fc = verdict.failing_case
    if fc is not None:
        parts.append(Text(""))
        parts.append(Text(f"First failing case: {fc.name} ({fc.kind})", style="bold"))
        parts.append(Text(fc.summary))
        if fc.expected:
            parts.append(Text.assemble(("expected: ", "bold"), fc.expected))
        if fc.got:
            parts.append(Text.assemble(("got:      ", "bold"), fc.got))
        if verdict.error == "wrong-answer" and verdict.message:
            parts.append(Text.assemble(("problem:  ", "bold"), verdict.message.strip()))
        if fc.max_error is not None and fc.max_error > 0:
            parts.append(Text(f"largest error: {fc.max_error:.3g}"))
    t = verdict.timing
    if t is not None:
        parts.append(Text(""))
        tt = Table(title="Timing (median of interleaved runs)", title_justify="left", expand=False)
        tt.add_column(t.size_label, justify="right")
        tt.add_column("yours", justify="right")
        tt.add_column("reference", justify="right")
        tt.add_column("ratio", justify="right")
        for row in t.sizes:
            if row.skipped or row.user_s is None:
                guess = f"~{_fmt_s(row.predicted_s)} " if row.predicted_s else ""
                tt.add_row(str(row.n), f"{guess}(skipped)", "-", "-")
                continue
            ratio = row.ratio if row.ratio is not None else float("inf")
            tt.add_row(str(row.n), _fmt_s(row.user_s), _fmt_s(row.ref_s), f"{ratio:.1f}x")
        parts.append(tt)
        verdict_line = (f"{'within' if t.within_budget else 'OVER'} budget: "
                        f"{_fmt_s(t.user_median_s)} vs {_fmt_s(t.ref_median_s)} at {t.size_label} = "
                        f"{t.size}, budget {t.budget:g}x the reference"
                        + (" (measured twice: close to the budget)" if t.remeasured else ""))
        parts.append(Text(verdict_line, style="green" if t.within_budget else "yellow"))
        if t.user_exponent is not None and t.ref_exponent is not None:
            parts.append(Text(f"yours grows as N^{t.user_exponent:.1f}, the reference as "
                              f"N^{t.ref_exponent:.1f}"))
        if t.stopped in ("cap", "killed", "over-budget", "clearly-over-budget"):
            parts.append(Text("timing stopped early: clearly over budget. Vectorise the loops "
                              "(no Python loop over elements)."))
    for label, text in (("your stdout", verdict.stdout), ("your stderr", verdict.stderr)):
        if text.strip():
            parts.append(Text(""))
            parts.append(Panel(Text(text.rstrip()[-1500:]), title=label, title_align="left",
                               border_style="dim"))
    if partial:
        what = ("only the saved failing case was run" if verdict.scope == "replay"
                else "every case and the largest input were checked, not the speed")
        parts.append(Text(""))
        parts.append(Text(f"{what}; only a full check records a pass: prep kata {verdict.kata}"
                          + ("" if verdict.framework == default_framework
                             else f" --framework {verdict.framework}"), style="cyan"))
    footer = f"{verdict.kata} ({verdict.framework}) - {verdict.file}"
    if verdict.replayed and not partial:
        title += " (replayed case)"
    console.print(Panel(Group(*parts) if parts else Text(""), title=Text(title, style=f"bold {style}"),
                        title_align="left", subtitle=footer, subtitle_align="left",
                        border_style=style))
    if not verdict.passed and verdict.error == "wrong-answer":
        console.print(f"Re-run just the smallest failing case: prep kata {verdict.kata} --replay"
                      + ("" if verdict.framework == default_framework
                         else f" --framework {verdict.framework}"))
