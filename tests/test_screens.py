"""Every table screen read at 60 and at 100 columns: nothing cut to `…`, nothing in fragments."""

from __future__ import annotations

from pathlib import Path

import pytest
from prephelp import run_prep


def _assert_fits(text: str, width: int) -> None:
    for line in text.splitlines():
        assert len(line) <= width, f"{len(line)} > {width}: {line!r}"
        assert "…" not in line, f"cut: {line!r}"


@pytest.mark.parametrize("width", [60, 100])
def test_topics_and_tags_fit(prep_home: Path, width: int) -> None:
    r = run_prep("topics", COLUMNS=str(width))
    assert r.returncode == 0, r.stderr
    _assert_fits(r.stdout, width)
    # each title is readable in one piece or wrapped at words, never a few letters a line
    assert "CNNs and backbones" in r.stdout and "Object detection" in r.stdout
    assert "tiny" in r.stdout and " total " in r.stdout and " due " in r.stdout
    if width >= 100:
        assert " mcq " in r.stdout and " numeric " in r.stdout
    r = run_prep("topics", "--tags", COLUMNS=str(width))
    _assert_fits(r.stdout, width)
    assert "position-embedding" in r.stdout


@pytest.mark.parametrize("width", [60, 100])
def test_stats_with_an_interview_date_fits(prep_home: Path, width: int) -> None:
    run_prep("config", "interview-date", "2099-01-15")
    run_prep("quiz", "tiny", "--type", "mcq", "--type", "short", input="a\nroi align\n")
    r = run_prep("stats", COLUMNS=str(width))
    assert r.returncode == 0, r.stderr
    _assert_fits(r.stdout, width)
    assert "Interview day 2099-01-15" in r.stdout
    assert "reviews a day" in r.stdout and "Katas not passed yet" in r.stdout
    for header in (" topic ", " seen ", " due ", " ready ", " recall then ", " reviews/day "):
        assert header in r.stdout


def test_readiness_is_in_the_json(prep_home: Path) -> None:
    import json

    assert json.loads(run_prep("stats", "--json").stdout)["readiness"] is None
    run_prep("config", "interview-date", "2099-01-15")
    run_prep("quiz", "tiny", "--type", "mcq", input="a\n")
    doc = json.loads(run_prep("stats", "--json").stdout)["readiness"]
    assert doc["interview_date"] == "2099-01-15" and doc["days_left"] > 0
    tiny = next(t for t in doc["topics"] if t["topic"] == "tiny")
    assert tiny["questions"] == 5 and tiny["seen"] == 1
    # the seen card needs its reviews; each of the four new ones needs at least its first
    assert tiny["reviews_needed"] >= 5 and tiny["recall_on_day"] < 0.9
    assert "iou" in doc["katas_not_passed"]
