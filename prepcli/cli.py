"""The `prep` command line: parse, call one function, render. No logic lives here.

Imports beyond typer happen inside the commands, so `prep --help` stays as fast as a
bare Typer app and nothing but the kata child ever imports torch.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Optional, TypeVar

import typer

from prepcli.banks.types import TYPE_NAMES
from prepcli.errors import PrepError

app = typer.Typer(
    name="prep",
    help="Get ready for computer-vision interviews: quiz with spaced repetition, hand-coded "
    "katas checked for correctness and speed, and stats on where you stand.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
)
banks_app = typer.Typer(help="Check question banks (yours or the shipped ones).", no_args_is_help=True)
app.add_typer(banks_app, name="banks")

F = TypeVar("F", bound=Callable[..., Any])


def _show_version(value: bool) -> None:
    if value:
        from prepcli import __version__

        sys.stdout.write(f"prep {__version__}\n")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_show_version, is_eager=True,
                                          help="Print prep's version and exit.")] = False,
) -> None:
    """Get ready for computer-vision interviews: quiz with spaced repetition, hand-coded katas
    checked for correctness and speed, and stats on where you stand."""


def handles_errors(fn: F) -> F:
    """The one place where a domain error becomes `Error: ...` on stderr and an exit code."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except PrepError as exc:
            from prepcli.render.console import stderr

            for i, line in enumerate(str(exc).splitlines() or [type(exc).__name__]):
                stderr().print(("Error: " if i == 0 else "") + line, markup=False, highlight=False,
                               soft_wrap=True)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            raise typer.Exit(130) from None

    return wrapper  # type: ignore[return-value]


def _warn(lines: tuple[str, ...] | list[str]) -> None:
    from prepcli.render.console import stderr

    for line in lines:
        stderr().print(f"Warning: {line}", markup=False, highlight=False, style="yellow",
                       soft_wrap=True)


def _catalog():  # type: ignore[no-untyped-def]
    from prepcli.banks.catalog import load_catalog

    catalog = load_catalog()
    _warn(catalog.warnings)
    return catalog


def _store():  # type: ignore[no-untyped-def]
    from prepcli.store import open_store

    return open_store()


# -- quiz --------------------------------------------------------------------------------------


def _quiz_help() -> str:
    """`prep quiz --help`, with how to answer each question type from the type registry."""
    from prepcli.banks.types import REGISTRY

    answers = "; ".join(f"{name}: {t.help}" for name, t in REGISTRY.items())
    return ("Take a quiz: due reviews first, then new questions, then your weakest.\n\n"
            f"Answers: {answers}. Round a number as the prompt asks. At any prompt: ? hint, "
            "s skip, q quit.\n\n"
            "Example: prep quiz detection -n 5 --tag nms    or    prep quiz --id det-focal-loss-name")


@app.command(help=_quiz_help())
@handles_errors
def quiz(
    topics: Annotated[Optional[list[str]], typer.Argument(help="Topics to draw from (default: all).")] = None,
    count: Annotated[int, typer.Option("--count", "-n", help="Questions in the session.")] = 10,
    tag: Annotated[Optional[list[str]], typer.Option("--tag", "-t", help="Only questions with this tag (repeatable).")] = None,
    qtype: Annotated[Optional[list[str]], typer.Option("--type", help=f"Only this question type: {', '.join(TYPE_NAMES)} (repeatable).")] = None,
    difficulty: Annotated[Optional[list[int]], typer.Option("--difficulty", "-d", help="Only this difficulty, 1-3 (repeatable).")] = None,
    seed: Annotated[Optional[int], typer.Option(help="Make the order, choices and numbers reproducible.")] = None,
    new: Annotated[bool, typer.Option("--new", help="Only questions you have never seen.")] = False,
    due: Annotated[bool, typer.Option("--due", help="Only reviews that are due.")] = False,
    no_record: Annotated[bool, typer.Option("--no-record", help="Practise without touching your schedule or stats.")] = False,
    desired_retention: Annotated[Optional[float], typer.Option("--desired-retention", help="Target recall for this session (0.7-0.99); `prep config desired-retention` keeps one.")] = None,
    question_ids: Annotated[Optional[list[str]], typer.Option("--id", help="Ask exactly this question, by id (repeatable); topics and filters are then ignored.")] = None,
) -> None:
    """Take a quiz (the help text is `_quiz_help`, built from the question types)."""
    from prepcli.errors import UsageError
    from prepcli.quiz.plan import QuizRequest, plan_session
    from prepcli.quiz.select import Filters
    from prepcli.render.console import stdout
    from prepcli.render.quiz import run_session, show_summary
    from prepcli.settings import check_retention

    if new and due:
        raise UsageError("--new and --due exclude each other; pick one")
    if desired_retention is not None:
        check_retention(desired_retention)
    catalog = _catalog()
    req = QuizRequest(
        topics=tuple(topics or ()), count=count,
        filters=Filters(tuple(tag or ()), tuple(qtype or ()), tuple(difficulty or ())),
        seed=seed, only="new" if new else "due" if due else None, record=not no_record,
        desired_retention=desired_retention, ids=tuple(question_ids or ()),
    )
    console = stdout()
    with _store() as store:
        session = plan_session(catalog, store, req)
        try:
            if not session.picks:
                what = "due" if due else "new" if new else "matching"
                console.print(f"No {what} questions. Try `prep quiz` without filters, or `prep topics`.")
                return
            summary = run_session(console, session, _line_reader(console))
        finally:
            session.finish()
    show_summary(console, summary)
    if summary.interrupted:
        raise typer.Exit(130)


@app.command()
@handles_errors
def mock(
    minutes: Annotated[int, typer.Option("--minutes", "-m", help="Length of the interview in minutes (at least 10).")] = 45,
    topics: Annotated[Optional[list[str]], typer.Option("--topics", "--topic", help="Only these topics (repeatable; default: all).")] = None,
    kata: Annotated[Optional[str], typer.Option("--kata", help="The kata to code (default: your weakest: failing, then new by level).")] = None,
    no_kata: Annotated[bool, typer.Option("--no-kata", help="Questions only.")] = False,
    seed: Annotated[Optional[int], typer.Option(help="Make the choice of questions reproducible.")] = None,
) -> None:
    """A timed mock interview: questions weighted toward your weak and due ones, open
    questions answered at length and graded by key points, then one kata against the clock.

    Example: prep mock --minutes 30 --topics detection --topics vit
    """
    from prepcli.mock import MockRequest, plan_mock
    from prepcli.render.console import stdout
    from prepcli.render.mock import run_mock

    catalog = _catalog()
    with _store() as store:
        plan = plan_mock(catalog, store, MockRequest(minutes=minutes, topics=tuple(topics or ()),
                                                     kata=kata, seed=seed, with_kata=not no_kata))
        console = stdout()
        report = run_mock(console, plan, _line_reader(console))
    if report.interrupted:
        raise typer.Exit(130)


def _line_reader(console: Any) -> Callable[[str], Optional[str]]:
    interactive = sys.stdin.isatty()

    def read(prompt: str) -> Optional[str]:
        if interactive:
            try:
                return console.input(prompt)
            except EOFError:
                return None
        console.print(prompt, end="")
        line = sys.stdin.readline()
        if not line:
            console.print()
            return None
        console.print(line.rstrip("\n"), markup=False, highlight=False)
        return line.rstrip("\r\n")

    return read


@app.command()
@handles_errors
def topics(
    tags: Annotated[bool, typer.Option("--tags", help="List the tags with their question counts instead.")] = False,
) -> None:
    """List topics with question counts per type, new and due.

    Example: prep topics
    """
    from prepcli.render.console import stdout
    from prepcli.render.tables import tags_table, topics_table
    from prepcli.stats import topic_overview

    catalog = _catalog()
    out = stdout()
    if tags:
        out.print(tags_table(catalog, out.width))
        return
    with _store() as store:
        rows = topic_overview(catalog, store)
    out.print(topics_table(rows, out.width))


@banks_app.command("validate")
@handles_errors
def banks_validate(
    paths: Annotated[Optional[list[Path]], typer.Argument(help="Bank files or folders (default: the shipped banks).")] = None,
) -> None:
    """Check bank files; print every problem as FILE:LINE: ID: what is wrong. Exit 1 if any.

    Warnings (FILE:LINE: ID: warning: ...) flag what may mislead a user without stopping the
    bank from loading: a right choice much longer than the others, a hint that gives the answer
    away, a numeric answer graded differently from what the prompt asks.

    Example: prep banks validate ~/my-banks/attention.yaml
    """
    from prepcli.banks.catalog import validate_report
    from prepcli.paths import shipped_banks_dir
    from prepcli.render.console import stdout

    targets = list(paths) if paths else [shipped_banks_dir()]
    report = validate_report(targets)
    for p in report.problems:
        stdout().print(p, markup=False, highlight=False, emoji=False, soft_wrap=True)
    for w in report.warnings:
        stdout().print(w, markup=False, highlight=False, emoji=False, soft_wrap=True)
    warned = f" ({len(report.warnings)} warning(s))" if report.warnings else ""
    if report.problems:
        stdout().print(f"{len(report.problems)} problem(s) found{warned}.", markup=False)
        raise typer.Exit(1)
    stdout().print(f"OK: {report.questions} questions in {', '.join(str(t) for t in targets)}"
                   f"{warned}", markup=False, soft_wrap=True)


# -- stats, config, export/import, doctor -----------------------------------------------------------


@app.command()
@handles_errors
def stats(
    topic: Annotated[Optional[str], typer.Option("--topic", help="One topic's detail.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
) -> None:
    """What is learned, what is due, what is weak, how the katas stand.

    Example: prep stats --topic detection
    """
    from prepcli.render.console import stdout
    from prepcli.stats import compute_stats

    catalog = _catalog()
    with _store() as store:
        report = compute_stats(catalog, store, topic=topic)
    if as_json:
        import json

        sys.stdout.write(json.dumps(report.to_json(), indent=2) + "\n")
        return
    from prepcli.render.stats import render_stats

    render_stats(stdout(), report)


@app.command()
@handles_errors
def config(
    key: Annotated[Optional[str], typer.Argument(help="desired-retention or interview-date.")] = None,
    value: Annotated[Optional[str], typer.Argument(help="New value; omit to show, '' to clear.")] = None,
) -> None:
    """Show or change settings kept with your progress.

    Example: prep config interview-date 2027-01-15
    """
    from prepcli.render.console import stdout
    from prepcli.settings import set_setting, show_settings

    with _store() as store:
        if value is None:
            for k, stored, doc in show_settings(store, key):
                comment = f"    # {doc}" if key is None else ""
                stdout().print(f"{k} = {stored or '(default)'}{comment}", markup=False)
            return
        assert key is not None  # a value comes after a key
        stored = set_setting(store, key, value)
        stdout().print(f"{key} = {stored if stored is not None else '(default)'}", markup=False)


@app.command("export")
@handles_errors
def export_cmd(
    path: Annotated[Optional[Path], typer.Argument(help="JSON file to write your progress to.")] = None,
    anki: Annotated[Optional[Path], typer.Option("--anki", help="Write the question banks as an Anki deck package (.apkg) instead.")] = None,
    topics: Annotated[Optional[list[str]], typer.Option("--topic", help="With --anki: only this topic (repeatable).")] = None,
) -> None:
    """Write all progress (answers, schedule, kata runs, settings) to one JSON file, or the
    banks to Anki with --anki (one deck per topic; exporting again updates the same notes).

    Example: prep export ~/prep-progress.json

    Example: prep export --anki ~/prep.apkg --topic detection
    """
    from prepcli.errors import UsageError
    from prepcli.render.console import stdout

    if (path is None) == (anki is None):
        raise UsageError("give either a JSON file for your progress (prep export FILE.json) "
                         "or --anki FILE.apkg for the question banks")
    if anki is not None:
        from prepcli.anki import export_anki

        done = export_anki(_catalog(), anki, topics or ())
        decks = f"{done.decks} deck{'s' if done.decks != 1 else ''}"
        stdout().print(f"Wrote {done.notes} notes in {decks} to {done.path}; import it "
                       "in Anki (File > Import). Exporting again updates these notes.", markup=False)
        return
    from prepcli.transfer import export_progress

    assert path is not None
    with _store() as store:
        counts = export_progress(store, path)
    stdout().print(f"Exported {counts['answers']} answers, {counts['cards']} cards, "
                   f"{counts['kata_runs']} kata runs to {path}", markup=False)


@app.command("import")
@handles_errors
def import_cmd(
    path: Annotated[Path, typer.Argument(help="A file written by `prep export`.")],
) -> None:
    """Merge progress from a `prep export` file; nothing already here is duplicated.

    Example: prep import ~/prep-progress.json
    """
    from prepcli.render.console import stdout
    from prepcli.transfer import import_progress

    with _store() as store:
        added = import_progress(store, path)
    stdout().print(f"Imported {added['answers']} answers, {added['cards']} cards, "
                   f"{added['kata_runs']} kata runs from {path}", markup=False)


@app.command()
@handles_errors
def doctor(
    move_aside: Annotated[bool, typer.Option("--move-aside", help="Rename a broken store to a backup and start fresh.")] = False,
) -> None:
    """Check the progress store with SQLite's integrity check; optionally set a broken one aside.

    Example: prep doctor
    """
    from prepcli.doctor import check_store
    from prepcli.render.console import stdout

    report = check_store(move_aside=move_aside)
    for line in report.lines:
        stdout().print(line, markup=False, soft_wrap=True)
    if not report.ok:
        raise typer.Exit(1)


@app.command()
@handles_errors
def paths() -> None:
    """Show where prep keeps your progress, your banks and your kata workspace.

    Example: prep paths
    """
    from prepcli import paths as p
    from prepcli.render.console import stdout

    rows = [("data dir", p.data_dir()), ("store", p.store_path()), ("workspace", p.workspace_dir()),
            ("shipped banks", p.shipped_banks_dir())]
    rows += [("your banks", d) for d in p.user_bank_dirs()]
    for name, value in rows:
        stdout().print(f"{name:14} {value}", markup=False, soft_wrap=True)


from prepcli.cli_kata import kata  # noqa: E402  (typer and rich only: no numpy, no torch)

app.command("kata")(handles_errors(kata))


def main() -> None:
    # A terminal that cannot show ✓ or ● (LANG=C, latin-1) gets "?" instead of a crash.
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", "") or "").lower().replace("-", "")
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    app()


if __name__ == "__main__":
    main()
