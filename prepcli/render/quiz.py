"""The quiz in the terminal: drives a QuizSession, one prompt per line of input.

Interactive or piped, the same loop runs: every prompt reads one line; EOF ends the
session cleanly with its summary. `?` shows the question's written hint (or, for a user's
question without one, a generated nudge titled as such), `s` skips, `q` quits. Feedback says
"Right" or "Wrong" in words (colour is only a help), names a diagnosed mistake, and cites the
sources by their titles (prepcli.banks.sources).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from prepcli.banks.types import qtype
from prepcli.quiz import grading
from prepcli.quiz.keypoints import LETTERS as POINT_LETTERS
from prepcli.quiz.keypoints import parse_covered, suggest_grade
from prepcli.quiz.session import RELEARN_GAP, Outcome, QuizSession, Showing, Summary, when
from prepcli.render.markdown import inline_markdown, markdown

ReadLine = Callable[[str], "str | None"]



class Quit(Exception):
    """The user typed q (or input ended)."""


def run_session(console: Console, session: QuizSession, read_line: ReadLine) -> Summary:
    """Ask every pick; a wrong answer comes back a few questions later (see
    `QuizSession.relearn`). Returns the summary (also on q, EOF and Ctrl-C: see `interrupted`)."""
    queue = list(session.picks)
    number = 0
    while number < len(queue):
        pick = queue[number]
        number += 1
        showing = session.show(pick)
        try:
            outcome = _ask(console, session, showing, number, len(queue), read_line)
        except Quit:
            break
        except KeyboardInterrupt:
            console.print()
            return session.summary(interrupted=True)
        if outcome is None:
            continue
        show_feedback(console, outcome, session.clock())
        again = session.relearn(outcome)
        if again is not None:
            queue.insert(min(number + RELEARN_GAP, len(queue)), again)
    return session.summary()


def _ask(console: Console, session: QuizSession, s: Showing, number: int, total: int,
         read_line: ReadLine) -> Outcome | None:
    q = s.question
    dots = "●" * q.difficulty + "○" * (3 - q.difficulty)
    console.rule(Text(f"{number}/{total} · {q.topic} · {q.type} · {dots} · {s.reason}", style="bold"),
                 align="left")
    console.print(markdown(s.prompt))
    if s.choices:
        console.print(choices_grid(s.choices))
    console.print(Text(f"({qtype(q.type).help}; ? hint, s skip, q quit)", style="dim"))
    hinted = False
    started = time.monotonic()
    while True:
        text = read_line("› ")
        if text is None:
            raise Quit
        cmd = text.strip().lower()
        if cmd == "q":
            raise Quit
        if cmd == "s":
            return session.skip(s, time.monotonic() - started)
        if cmd == "?":
            hinted = True
            title = "hint" if s.hint_written else "hint (generated: this question has none written)"
            console.print(Panel(markdown(s.hint), title=title, border_style="yellow",
                                expand=False))
            continue
        if q.type == "open":
            return _self_grade(console, session, s, text, started, hinted, read_line)
        if not cmd:
            console.print(Text("Type an answer, or s to skip.", style="dim"))
            continue
        try:
            return session.answer(s, text, time.monotonic() - started, hinted)
        except grading.Unreadable as exc:
            console.print(Text(f"{exc}.", style="yellow"))


def _self_grade(console: Console, session: QuizSession, s: Showing, text: str, started: float,
                hinted: bool, read_line: ReadLine) -> Outcome:
    seconds = time.monotonic() - started
    return grade_open(console, session, s, text, seconds, hinted, read_line)


def grade_open(console: Console, session: QuizSession, s: Showing, text: str, seconds: float,
               hinted: bool, read_line: ReadLine) -> Outcome:
    """Show the model answer with lettered key points; the user ticks the ones covered (prep
    suggests a grade from the share) or types a grade 1-4 straight away."""
    points = list(s.question.key_points)
    body: list[RenderableType] = [markdown(s.expected)]
    if points:
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True, style="bold cyan")
        grid.add_column()
        for i, k in enumerate(points):
            grid.add_row(f"  {POINT_LETTERS[i]})", inline_markdown(k))
        body += [Text(""), Text("Key points", style="bold"), grid]
    console.print(Panel(Group(*body), title="model answer", border_style="cyan"))
    ask = ("Key points you covered (letters, all, Enter for none), or a grade 1-4 › " if points
           else "Grade yourself: 1 again · 2 hard · 3 good · 4 easy › ")
    suggested: int | None = None
    while True:
        line = read_line(ask)
        if line is None or line.strip().lower() == "q":
            raise Quit
        answer = line.strip()
        if answer in ("1", "2", "3", "4"):
            return session.self_grade(s, text, int(answer), seconds, hinted)
        if not points:
            console.print(Text("grade yourself 1 (again), 2 (hard), 3 (good) or 4 (easy).",
                               style="yellow"))
            continue
        try:
            covered = parse_covered(answer, len(points))
        except ValueError as exc:
            console.print(Text(f"{exc}.", style="yellow"))
            continue
        suggested = suggest_grade(len(covered), len(points))
        break
    while True:
        line = read_line(f"{len(covered)}/{len(points)} key points: grade {suggested} "
                         f"({grading.GRADES[suggested]}). Enter to keep, or 1-4 › ")
        if line is None or line.strip().lower() == "q":
            raise Quit
        if not line.strip():
            return session.self_grade(s, text, suggested, seconds, hinted)
        try:
            return session.self_grade(s, text, grading.parse_grade(line), seconds, hinted)
        except grading.Unreadable as exc:
            console.print(Text(f"{exc}.", style="yellow"))


def choices_grid(choices: tuple[str, ...]) -> Table:
    """Lettered choices; a choice that wraps stays indented under its own text."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, style="bold cyan")
    grid.add_column()
    for i, choice in enumerate(choices):
        grid.add_row(f"  {grading.LETTERS[i]})", inline_markdown(choice))
    return grid


def show_feedback(console: Console, o: Outcome, now: datetime | None = None) -> None:
    """The verdict panel; "comes back in" is counted from `now` (the session's clock)."""
    s = o.showing
    parts: list[RenderableType] = []
    if o.status == "skipped":
        mark = Text("Skipped", style="bold yellow")
        mark.append(Text("   answer: ", style="bold"))
        mark.append_text(inline_markdown(s.expected))
        parts.append(mark)
    elif s.question.type != "open":
        mark = Text("✓ Right" if o.status == "right" else "✗ Wrong",
                    style="bold green" if o.status == "right" else "bold red")
        mark.append(Text("   answer: ", style="bold"))
        mark.append_text(inline_markdown(s.expected))
        parts.append(mark)
    if o.message:
        parts.append(Text(("→ " if o.status == "wrong" else "") + o.message,
                          style="yellow" if o.status == "wrong" else "dim"))
    if s.explanation:
        parts.append(markdown(s.explanation))
    tail = []
    if o.due is not None and s.question.type == "open":
        tail.append(f"graded {grading.GRADES[o.rating or 3]}")
    if o.due is not None:
        from prepcli.clock import utcnow

        tail.append(f"comes back {when(o.due - (now or utcnow()))}")
    if s.question.source:
        from prepcli.banks.sources import cite_all

        cited = cite_all(s.question.source)
        tail.append(("sources: " if len(cited) > 1 else "source: ") + "; ".join(cited))
    parts.append(Text(" · ".join(tail), style="dim"))
    console.print(Panel(Group(*parts), border_style="green" if o.status == "right" else "red"
                        if o.status == "wrong" else "cyan", padding=(0, 1)))


def show_summary(console: Console, sm: Summary) -> None:
    if sm.asked == 0:
        console.print("No questions answered.")
        return
    minutes, seconds = divmod(int(sm.seconds), 60)
    head = Text("Session ", style="bold")
    if sm.interrupted:
        head.append("interrupted ", style="yellow")
    head.append(f"· {sm.right}/{sm.answered} right")
    if sm.skipped:
        head.append(f" · {sm.skipped} skipped")
    head.append(f" · {minutes}m{seconds:02d}s")
    if not sm.recorded:
        head.append(" · practice only (not recorded)", style="dim")
    console.rule(head, align="left")
    if sm.by_tag:
        table = Table(show_edge=False, box=None, pad_edge=False)
        table.add_column("tag")
        table.add_column("right", justify="right")
        for tag, (ok, n) in sorted(sm.by_tag.items(), key=lambda kv: (kv[1][0] / kv[1][1], kv[0])):
            style = "green" if ok == n else "red" if ok == 0 else "yellow"
            table.add_row(tag, Text(f"{ok}/{n}", style=style))
        console.print(table)
    if sm.asked_again:
        still = sm.asked_again - sm.relearned
        console.print(f"Asked again after a wrong answer: {sm.asked_again} question"
                      f"{'s' if sm.asked_again != 1 else ''}, {sm.relearned} right the second time"
                      + (f", {still} still wrong (they come back first next time)" if still else ""))
    if sm.comeback:
        console.print("Comes back: " + ", ".join(f"{n} {label}" for label, n in sm.comeback))

