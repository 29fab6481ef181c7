"""Shared fixtures: a private data dir per test, a tiny bank with one question per type."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TINY = Path(__file__).resolve().parent / "data" / "tiny.yaml"


@pytest.fixture
def prep_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """PREP_HOME in a temp dir, the tiny bank on PREP_BANKS, a fixed terminal width."""
    home = tmp_path / "home"
    banks = tmp_path / "banks"
    banks.mkdir()
    (banks / "tiny.yaml").write_text(TINY.read_text())
    monkeypatch.setenv("PREP_HOME", str(home))
    monkeypatch.setenv("PREP_BANKS", str(banks))
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.delenv("PREP_WORKSPACE", raising=False)
    return home


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
