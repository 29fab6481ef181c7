"""Helpers for tests that run prep as a user does (a real subprocess, a private data dir)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TINY = Path(__file__).resolve().parent / "data" / "tiny.yaml"


def prep_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env.update(extra)
    env.setdefault("COLUMNS", "100")
    env.setdefault("NO_COLOR", "1")
    return env


def run_prep(*args: str, input: str | None = None, timeout: float = 60, **env: str
             ) -> subprocess.CompletedProcess[str]:
    """`python -m prepcli ARGS` in a real subprocess, as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "prepcli", *args], input=input, capture_output=True, text=True,
        timeout=timeout, env=prep_env(**env), cwd=ROOT,
    )
