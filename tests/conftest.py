"""Shared fixtures: a private data dir per test, a tiny bank with one question per type."""

from __future__ import annotations

from pathlib import Path

import pytest
from prephelp import TINY


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
