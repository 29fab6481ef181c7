"""`prep mock` in the terminal: the countdown, the questions, the kata, the report.

Input is read one line per prompt, as in the quiz (piped input works the same way); an open
answer takes lines until an empty one. The time left is shown on every question and every
kata prompt; when it runs out the current phase ends after the answer being typed.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from prepcli.mock import KataResult, MockPlan, MockReport, finish_mock
from prepcli.quiz import grading
from prepcli.quiz.session import Outcome, Showing
from prepcli.render.markdown import markdown

ReadLine = Callable[[str], "str | None"]


class _End(Exception):
    """q typed, or input ended: go to the report."""


class Countdown:
    def __init__(self, seconds: float, now: Callable[[], float] = time.monotonic) -> None:
        self._now = now
        self.deadline = now() + seconds

    @property
    def left(self) -> float:
        return max(0.0, self.deadline - self._now())

    def label(self) -> str:
        m, s = divmod(int(self.left + 0.999), 60)
        return f"⏱ {m}:{s:02d} left"


def run_mock(console: Console, plan: MockPlan, read_line: ReadLine) -> MockReport:
    """The whole mock; returns the report (also after q, end of input or Ctrl-C)."""
    started = time.monotonic()
    store = plan.session.store
    assert store is not None
    _intro(console, plan)
    kata: KataResult | None = None
    interrupted = out_of_time = False
    try:
        questions = Countdown(plan.question_seconds)
        for number, pick in enumerate(plan.picks, 1):
            if questions.left <= 0:
                out_of_time = True
                console.print(Text("Time is up for the questions.", style="bold yellow"))
                break
            outcome = _ask(console, plan, plan.session.show(pick), number, questions, read_line)
            if outcome is not None and outcome.showing.question.type != "open":
                from prepcli.render.quiz import show_feedback

                show_feedback(console, outcome, plan.session.clock())
        if plan.kata is not None:
            kata = _kata(console, plan, Countdown(plan.kata_seconds + questions.left), read_line)
    except _End:
        pass
    except KeyboardInterrupt:
        console.print()
        interrupted = True
    report = finish_mock(store, plan, kata, time.monotonic() - started, interrupted=interrupted,
                         ran_out_of_time=out_of_time)
    show_report(console, report)
    return report


def _intro(console: Console, plan: MockPlan) -> None:
    q_min = round(plan.question_seconds / 60)
    lines = [f"{plan.minutes} minutes: {len(plan.picks)} questions in about {q_min} min"]
    if plan.kata is not None:
        lines[0] += f", then the kata `{plan.kata.id}` ({plan.kata.title}) with the time left"
    lines.append("Answer as you would aloud. An open question takes several lines: end it with an "
                 "empty line, then tick the key points you covered. q ends the mock with its report.")
    console.print(Panel(Text("\n".join(lines)), title="Mock interview", border_style="magenta"))


def _read(read_line: ReadLine, prompt: str) -> str:
    line = read_line(prompt)
    if line is None or line.strip().lower() == "q":
        raise _End
    return line


def _ask(console: Console, plan: MockPlan, s: Showing, number: int, clock: Countdown,
         read_line: ReadLine) -> Outcome | None:
    q = s.question
    console.rule(Text(f"{number}/{len(plan.picks)} · {q.topic} · {q.type} · {clock.label()}",
                      style="bold magenta"), align="left")
    console.print(markdown(s.prompt))
    if s.choices:
        from prepcli.render.quiz import choices_grid

        console.print(choices_grid(s.choices))
    started = time.monotonic()
    if q.type == "open":
        return _open(console, plan, s, started, read_line)
    while True:
        text = _read(read_line, "› ")
        if text.strip().lower() == "s":
            return plan.session.skip(s, time.monotonic() - started)
        if not text.strip():
            console.print(Text("Type an answer, s to skip, q to end the mock.", style="dim"))
            continue
        try:
            return plan.session.answer(s, text, time.monotonic() - started, False)
        except grading.Unreadable as exc:
            console.print(Text(f"{exc}.", style="yellow"))


def _open(console: Console, plan: MockPlan, s: Showing, started: float, read_line: ReadLine) -> Outcome:
    from prepcli.render.quiz import Quit, grade_open

    console.print(Text("(your answer, as many lines as you need; an empty line ends it)", style="dim"))
    lines: list[str] = []
    while True:
        line = read_line("  " if lines else "› ")
        if line is None or not line.strip():
            break
        lines.append(line)
    try:
        return grade_open(console, plan.session, s, "\n".join(lines), time.monotonic() - started,
                          False, read_line)
    except Quit:
        raise _End from None


def _kata(console: Console, plan: MockPlan, clock: Countdown, read_line: ReadLine) -> KataResult:
    from prepcli.katas import workspace as ws
    from prepcli.katas.orchestrate import check_kata
    from prepcli.render.kata import render_statement, render_verdict

    spec = plan.kata
    assert spec is not None
    fw = spec.default_framework
    path = ws.workspace() / "mock" / f"{spec.id}.py"
    _, backup = ws.reset_stub(spec, fw, path)
    console.rule(Text(f"Kata · {spec.id} · {clock.label()}", style="bold magenta"), align="left")
    render_statement(console, spec, path, fw, how_to_check=False)
    if backup is not None:
        console.print(Text(f"(your previous mock file is kept as {backup})", style="dim"))
    console.print(Text.assemble("Write your solution in ", (str(path), "bold"),
                                ", then press Enter to check it."))
    result = KataResult(spec.id, 0, False, False, "not checked")
    store = plan.session.store
    while True:
        if clock.left <= 0:
            console.print(Text("Time is up for the kata.", style="bold yellow"))
            return result
        text = read_line(f"{clock.label()} · Enter to check, done to finish › ")
        if text is None or text.strip().lower() in ("q", "done"):
            return result
        verdict = check_kata(spec, path, fw)
        render_verdict(console, verdict, fw)
        if store is not None:
            ws.record(store, verdict)
        headline = ("PASSED" if verdict.passed else "CORRECT, TOO SLOW" if verdict.correct
                    else f"FAILED: {verdict.error or 'a wrong result'}")
        result = KataResult(spec.id, result.checks + 1, verdict.passed, verdict.correct, headline)
        if verdict.passed:
            return result


def show_report(console: Console, r: MockReport) -> None:
    m, s = divmod(int(r.seconds_used), 60)
    head = f"Mock interview · {r.right}/{r.answered} right · {m}m{s:02d}s of {r.minutes} min"
    if r.interrupted:
        head += " · interrupted"
    t = Table(show_edge=False, box=None, pad_edge=False)
    t.add_column("topic")
    t.add_column("right", justify="right")
    t.add_column("open questions (grades)")
    for topic, ts in r.topics.items():
        grades = ", ".join(grading.GRADES[g] for g in ts.open_grades) or "–"
        style = "green" if ts.right == ts.answered else "red" if ts.right == 0 else "yellow"
        t.add_row(topic, Text(f"{ts.right}/{ts.answered}", style=style), grades)
    parts: list[Text | Table] = [t] if r.topics else [Text("No questions answered.")]
    if r.asked < r.planned:
        parts.append(Text(f"{r.planned - r.asked} planned questions not reached.", style="dim"))
    if r.kata is not None:
        k = r.kata
        style = "green" if k.passed else "yellow" if k.correct else "red"
        parts.append(Text(f"Kata {k.kata}: {k.summary} after {k.checks} check"
                          f"{'s' if k.checks != 1 else ''}", style=style))
    parts.append(Text("Recorded: `prep stats` shows your mock history.", style="dim"))
    console.print(Panel(Group(*parts), title=head, title_align="left", border_style="magenta"))
