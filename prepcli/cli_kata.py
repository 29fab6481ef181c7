"""`prep kata`: list the katas, start one, check it. Thin: parse, call prepcli.katas, render.

Imports cheaply (typer, rich): NumPy is imported only when a check runs, torch never here.
"""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from prepcli.errors import UsageError


def kata(
    name: Annotated[Optional[str], typer.Argument(help="Kata to start or check; omit to list them.")] = None,
    file: Annotated[Optional[Path], typer.Option("--file", "-f", help="Check this file instead of the workspace one.")] = None,
    framework: Annotated[Optional[str], typer.Option("--framework", help="numpy or torch (the kata's default otherwise).")] = None,
    edit: Annotated[bool, typer.Option("--edit", help="Open the file in $EDITOR, then check it.")] = False,
    watch: Annotated[bool, typer.Option("--watch", help="Re-check every time the file is saved.")] = False,
    hint: Annotated[bool, typer.Option("--hint", help="Show the next hint.")] = False,
    solution: Annotated[bool, typer.Option("--solution", help="Print the reference solution.")] = False,
    reset: Annotated[bool, typer.Option("--reset", help="Back the file up and write the stub again.")] = False,
    replay: Annotated[bool, typer.Option("--replay", help="Re-run only the last saved failing case.")] = False,
    json_out: Annotated[bool, typer.Option("--json", help="Print the verdict as JSON.")] = False,
    no_timing: Annotated[bool, typer.Option("--no-timing", help="Check correctness only.")] = False,
    seed: Annotated[Optional[int], typer.Option("--seed", help="Seed of the hidden random cases.")] = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask before --solution.")] = False,
    topic: Annotated[Optional[str], typer.Option("--topic", help="List only this topic's katas (e.g. detection).")] = None,
    status: Annotated[Optional[str], typer.Option("--status", help="List only katas that are new, failing or passed.")] = None,
) -> None:
    """Hand-code the classics (IoU, NMS, focal loss, NT-Xent, patchify), checked for correctness and speed.

    Without NAME, list the katas. The first `prep kata NAME` writes a stub to your workspace and
    prints the task; every later run checks your file against hidden cases and times it.

    Example: prep kata nms          (then edit the file it names and run it again)
    """
    from prepcli.katas.catalog import get_kata, load_catalog
    from prepcli.render.console import stderr, stdout

    out = stdout()
    if name is None:
        if file or replay or hint or solution or reset:
            raise UsageError("give a kata NAME with that option, e.g. prep kata iou --hint")
        _list(out, load_catalog(), topic, status)
        return
    if topic or status:
        raise UsageError("--topic and --status filter the list: use them without a kata NAME")
    spec = get_kata(name)
    fw = spec.check_framework(framework)

    from prepcli.katas import workspace as ws

    if hint:
        _hint(out, spec)
        return
    if solution:
        _solution(out, spec, fw, yes)
        return
    if reset:
        path, backup = ws.reset_stub(spec, fw)
        out.print(f"Wrote a fresh stub to {path}" + (f" (old file saved as {backup})" if backup else ""))
        return

    path = file.expanduser() if file else ws.solution_path(spec, fw)
    if file is None and not path.exists():
        if replay or watch:
            raise UsageError(f"no file {path} yet: run `prep kata {spec.id}` to start the kata")
        ws.write_stub(spec, fw, path)
        from prepcli.render.kata import render_statement

        render_statement(out, spec, path, fw)
        _suggest_questions(out, spec, "Warm up with the theory")
        return
    if file is not None and not path.is_file():
        raise UsageError(f"no file {path}: check the path, or omit --file to use the workspace")

    if edit:
        editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
        try:
            subprocess.call([*shlex.split(editor), str(path)])
        except OSError as exc:
            raise UsageError(f"cannot run the editor {editor!r}: {exc.strerror}; set $EDITOR") from None

    if watch:
        _watch(spec, path, fw, no_timing, seed, json_out)
        return
    verdict = _check_once(spec, path, fw, timing=not no_timing, seed=seed, replay=replay,
                          json_out=json_out)
    _ = stderr
    if not verdict.correct and not json_out:
        _suggest_questions(out, spec, "The ideas behind it")
    raise typer.Exit(0 if verdict.passed else 1)


def _suggest_questions(out, spec, lead: str) -> None:  # type: ignore[no-untyped-def]
    """Point from a kata to the quiz questions on the same idea (shared tags)."""
    from prepcli.banks.catalog import load_catalog as load_banks

    try:
        questions = load_banks().all_questions()
    except Exception:  # noqa: BLE001 - a suggestion must never break a check
        return
    tags = [t for t in spec.tags if any(t in q.tags for q in questions)]
    n = sum(1 for q in questions if set(q.tags) & set(tags))
    if n:
        flags = " ".join(f"--tag {t}" for t in tags)
        out.print(f"{lead}: [bold]prep quiz {flags}[/] ({n} questions)")


def _check_once(spec, path: Path, fw: str, *, timing: bool, seed: int | None, replay: bool,
                json_out: bool):  # type: ignore[no-untyped-def]
    from prepcli.katas import workspace as ws
    from prepcli.katas.check import check_kata
    from prepcli.render.console import stdout

    out = stdout()
    cases = ws.load_replay(spec, fw) if replay else None
    if not json_out:
        out.print(f"Checking {path} ...", style="dim")
    verdict = check_kata(spec, path, fw, timing=timing, seed=seed, cases=cases)
    if verdict.error != "internal":
        try:
            from prepcli.store import open_store

            with open_store() as store:
                ws.record(store, verdict)
        except Exception as exc:  # noqa: BLE001 - a broken store must not hide the verdict
            from prepcli.render.console import stderr

            stderr().print(f"Warning: the check was not recorded: {exc}")
        if not verdict.passed and not verdict.correct:
            ws.save_replay(spec, verdict)
    if json_out:
        sys.stdout.write(json.dumps(verdict.to_json(), default=str) + "\n")
        sys.stdout.flush()
    else:
        from prepcli.render.kata import render_verdict

        render_verdict(out, verdict, spec.default_framework)
    return verdict


STATUSES = ("new", "failing", "passed")


def _list(out, specs, topic: str | None, status: str | None) -> None:  # type: ignore[no-untyped-def]
    from prepcli.katas.workspace import statuses
    from prepcli.render.kata import render_catalog

    if status is not None and status not in STATUSES:
        raise UsageError(f"unknown status {status!r}; use one of {', '.join(STATUSES)}")
    topics = sorted({s.topic for s in specs})
    if topic is not None and topic not in topics:
        import difflib

        close = difflib.get_close_matches(topic, topics, n=1)
        hint = f" Did you mean `{close[0]}`?" if close else ""
        raise UsageError(f"no katas for topic {topic!r}.{hint} Kata topics: {', '.join(topics)}.")
    specs = sorted((s for s in specs if topic is None or s.topic == topic),
                   key=lambda s: (s.topic, s.difficulty, s.id))

    runs = []
    try:
        from prepcli.store import open_store

        with open_store() as store:
            runs = store.kata_runs()
    except Exception:  # noqa: BLE001 - the list works without a store
        runs = []
    rows = [r for r in statuses(specs, runs) if status is None or r.status == status]
    render_catalog(out, rows)


def _hint(out, spec) -> None:  # type: ignore[no-untyped-def]
    from prepcli.store import open_store

    if not spec.hints:
        out.print(f"{spec.id} has no hints.")
        return
    with open_store() as store:
        key = f"kata.{spec.id}.hints_shown"
        shown = int(store.get_setting(key) or 0)
        k = min(shown, len(spec.hints) - 1)
        store.set_setting(key, str(min(shown + 1, len(spec.hints))))
    out.print(f"[bold]Hint {k + 1}/{len(spec.hints)}:[/] {spec.hints[k]}")


def _solution(out, spec, fw: str, yes: bool) -> None:  # type: ignore[no-untyped-def]
    from rich.syntax import Syntax

    from prepcli.store import open_store

    with open_store() as store:
        passed = any(r.passed for r in store.kata_runs(spec.id))
    if not passed and not yes:
        question = f"You have not passed {spec.id} yet. Show the reference solution?"
        if sys.stdin.isatty():
            ok = typer.confirm(question, default=False)
        else:
            sys.stderr.write(question + " [y/N] ")
            ok = sys.stdin.readline().strip().lower() in ("y", "yes")
        if not ok:
            out.print("Not shown. Try `prep kata " + spec.id + " --hint` first.")
            return
    out.print(Syntax(spec.reference_path.read_text(encoding="utf-8"), "python", theme="ansi_dark",
                     background_color="default"))


def _watch(spec, path: Path, fw: str, no_timing: bool, seed: int | None, json_out: bool) -> None:  # type: ignore[no-untyped-def]
    from watchfiles import watch

    from prepcli.render.console import stdout

    out = stdout()
    _check_once(spec, path, fw, timing=not no_timing, seed=seed, replay=False, json_out=json_out)
    out.print(f"Watching {path} (Ctrl-C to stop)", style="dim")
    target = path.resolve()
    try:
        for changes in watch(target.parent, debounce=300):
            if not any(Path(p).resolve() == target for _, p in changes):
                continue
            if not target.exists():
                out.print(f"{path} was deleted; waiting for it to come back (Ctrl-C to stop)",
                          style="yellow")
                continue
            _check_once(spec, path, fw, timing=not no_timing, seed=seed, replay=False,
                        json_out=json_out)
            out.print(f"Watching {path} (Ctrl-C to stop)", style="dim")
    except KeyboardInterrupt:
        pass
