"""Helpers for tests that run prep as a user does, in a private data dir.

`run_prep` runs the command in this process through Typer's CliRunner: the same parsing,
the same error handling and exit codes, the same rendered text, without paying an
interpreter start-up per call. `run_prep_process` starts a real `python -m prepcli` for
what only a process boundary shows (import cost, signals, the installed entry point).
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TINY = Path(__file__).resolve().parent / "data" / "tiny.yaml"


def prep_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env.update(extra)
    env.setdefault("COLUMNS", "100")
    env.setdefault("NO_COLOR", "1")
    return env


@dataclass
class Ran:
    """What a finished prep command left: the shape of `subprocess.CompletedProcess`."""

    args: list[str]
    returncode: int
    stdout: str
    stderr: str


def run_prep(*args: str, input: str | None = None, timeout: float = 60, **env: str) -> Ran:
    """`prep ARGS` in this process (CliRunner), with `env` on top of the test's environment."""
    from typer.testing import CliRunner

    from prepcli.cli import app
    from prepcli.render import console

    full = prep_env(**env)
    # the consoles read COLUMNS / NO_COLOR when first built: build them for this call
    console.stdout.cache_clear()
    console.stderr.cache_clear()
    old_cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        result = CliRunner().invoke(app, list(args), input=input, env=full, catch_exceptions=False)
    finally:
        os.chdir(old_cwd)
        console.stdout.cache_clear()
        console.stderr.cache_clear()
    return Ran(list(args), result.exit_code, result.stdout, result.stderr)


def run_prep_process(*args: str, input: str | None = None, timeout: float = 60, **env: str
                     ) -> subprocess.CompletedProcess[str]:
    """`python -m prepcli ARGS` in a real subprocess, as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "prepcli", *args], input=input, capture_output=True, text=True,
        timeout=timeout, env=prep_env(**env), cwd=ROOT,
    )
