"""Fixtures for the kata tests: a private data dir/workspace, and a quick check helper."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PREP_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("PREP_WORKSPACE", str(tmp_path / "ws"))
    return tmp_path
