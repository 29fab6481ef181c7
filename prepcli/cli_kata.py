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
    name: Annotated[Optional[str], typer.Argument(help="Kata to start or check; `next` for the one to do next; omit to list them.")] = None,
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

    Example: prep kata next         (the kata to do next, and your progress by topic)
    """
    from prepcli.katas.catalog import get_kata, load_katas
    from prepcli.render.console import stderr, stdout

    out = stdout()
    if name is None:
        if file or replay or hint or solution or reset:
            raise UsageError("give a kata NAME with that option, e.g. prep kata iou --hint")
        _list(out, load_katas(), topic, status)
        return
    if name == "next":
        _next(out, load_katas())
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
    from prepcli.katas.practice import related_questions

    related = related_questions(load_banks(), spec)
    if related.questions:
        flags = " ".join(f"--tag {t}" for t in related.tags)
        out.print(f"{lead}: [bold]prep quiz {flags}[/] ({related.questions} questions)")


def _check_once(spec, path: Path, fw: str, *, timing: bool, seed: int | None, replay: bool,
                json_out: bool):  # type: ignore[no-untyped-def]
    from prepcli.katas import workspace as ws
    from prepcli.katas.orchestrate import check_kata
    from prepcli.render.console import stdout

    out = stdout()
    cases = ws.load_replay(spec, fw) if replay else None
    if not json_out:
        out.print(f"Checking {path} ...", style="dim")
    verdict = check_kata(spec, path, fw, timing=timing, seed=seed, cases=cases)
    from prepcli.katas.practice import record_check

    warning = record_check(spec, verdict)
    if warning:
        from prepcli.render.console import stderr

        stderr().print(f"Warning: {warning}", markup=False)
    if json_out:
        sys.stdout.write(json.dumps(verdict.to_json(), default=str) + "\n")
        sys.stdout.flush()
    else:
        from prepcli.render.kata import render_verdict

        render_verdict(out, verdict, spec.default_framework)
    return verdict


def _list(out, specs, topic: str | None, status: str | None) -> None:  # type: ignore[no-untyped-def]
    from prepcli.katas.practice import kata_list
    from prepcli.render.kata import render_catalog

    listed = kata_list(specs, topic=topic, status=status)
    if listed.warning:
        from prepcli.render.console import stderr

        stderr().print(f"Warning: {listed.warning}", markup=False)
    render_catalog(out, listed.rows)


def _next(out, specs) -> None:  # type: ignore[no-untyped-def]
    from prepcli.katas.practice import what_next
    from prepcli.render.kata import render_next

    nxt = what_next(specs)
    if nxt.warning:
        from prepcli.render.console import stderr

        stderr().print(f"Warning: {nxt.warning}", markup=False)
    render_next(out, nxt)


def _hint(out, spec) -> None:  # type: ignore[no-untyped-def]
    from prepcli.katas.practice import next_hint
    from prepcli.store import open_store

    with open_store() as store:
        hint = next_hint(store, spec)
    if hint is None:
        out.print(f"{spec.id} has no hints.")
        return
    out.print(f"[bold]Hint {hint.number}/{hint.total}:[/] {hint.text}")


def _solution(out, spec, fw: str, yes: bool) -> None:  # type: ignore[no-untyped-def]
    from rich.syntax import Syntax

    from prepcli.katas.practice import has_passed
    from prepcli.store import open_store

    with open_store() as store:
        passed = has_passed(store, spec)
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
        out.print("Stopped watching.", style="dim")
        raise typer.Exit(130) from None
