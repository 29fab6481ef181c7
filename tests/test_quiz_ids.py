"""`prep quiz --id`: exactly the questions asked for, piped or not, graded in plain words."""

from __future__ import annotations

import sqlite3
import textwrap
from pathlib import Path

from prephelp import run_prep

MISTAKES_BANK = """\
topic: mine
title: My bank
questions:
  - id: my-psnr
    type: numeric
    prompt: An 8-bit image has PSNR = 30 dB. What is the MSE? Give three significant figures.
    answer: "255 ** 2 / 10 ** 3"
    sig_figs: 3
    mistakes:
      - {expr: "256 ** 2 / 10 ** 3", message: "MAX = 256 instead of 255"}
    explanation: MSE = 255^2 / 10^3.
    tags: [psnr]
    difficulty: 2
    source: 003_f002766135be233e.txt
    hint: Invert PSNR = 10 log10(MAX^2 / MSE).
  - id: my-free-source
    type: short
    prompt: Which layer rearranges (N, C r^2, H, W) into (N, C, H r, W r)?
    answer: PixelShuffle
    reject: [pixel unshuffle]
    explanation: Sub-pixel convolution.
    tags: [super-resolution]
    difficulty: 1
    source: my lecture notes, week 3
  - id: my-no-source
    type: mcq
    prompt: Pick NMS.
    choices: [NMS, FPN]
    answer: NMS
    explanation: It is NMS.
    tags: [nms]
    difficulty: 1
"""


def env_for(prep_home: Path, tmp_path: Path) -> dict[str, str]:
    banks = tmp_path / "banks"
    (banks / "mine.yaml").write_text(textwrap.dedent(MISTAKES_BANK))
    return {"PREP_HOME": str(prep_home), "PREP_BANKS": str(banks), "NO_COLOR": "1"}


def answers(home: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(home / "progress.sqlite3") as conn:
        return conn.execute("SELECT question_id, outcome FROM answers ORDER BY id").fetchall()


def test_id_asks_exactly_that_question_piped(prep_home: Path, tmp_path: Path) -> None:
    r = run_prep("quiz", "--id", "tiny-short", input="roialign\n", **env_for(prep_home, tmp_path))
    assert r.returncode == 0, r.stderr
    assert "1/1 · tiny · short" in r.stdout and "✓ Right" in r.stdout
    assert answers(prep_home) == [("tiny-short", "right")]


def test_repeated_ids_are_asked_in_order(prep_home: Path, tmp_path: Path) -> None:
    r = run_prep("quiz", "--id", "my-free-source", "--id", "tiny-short", "--id", "my-free-source",
                 input="pixel unshuffle\nroi pool\n", **env_for(prep_home, tmp_path))
    assert r.returncode == 0, r.stderr
    assert r.stdout.count("✗ Wrong") == 2 and "2/2" in r.stdout
    assert answers(prep_home) == [("my-free-source", "wrong"), ("tiny-short", "wrong")]


def test_unknown_id_is_one_line_with_the_closest_and_exit_2(prep_home: Path, tmp_path: Path) -> None:
    r = run_prep("quiz", "--id", "tiny-shrot", **env_for(prep_home, tmp_path))
    assert r.returncode == 2
    (error,) = [line for line in r.stderr.splitlines() if line.startswith("Error:")]
    assert error.startswith("Error: unknown question id 'tiny-shrot'. Did you mean `tiny-short`?")
    assert "Traceback" not in r.stderr


def test_a_named_mistake_is_diagnosed_and_sources_read_as_titles(prep_home: Path, tmp_path: Path) -> None:
    r = run_prep("quiz", "--id", "my-psnr", "--no-record", input="65.5\n", **env_for(prep_home, tmp_path))
    assert r.returncode == 0, r.stderr
    assert "✗ Wrong" in r.stdout and "MAX = 256 instead of 255" in r.stdout
    assert "Chinese interview notes" in r.stdout and "003_f002766135be233e" not in r.stdout
    right = run_prep("quiz", "--id", "my-psnr", "--no-record", input="65.0\n", **env_for(prep_home, tmp_path))
    assert "✓ Right" in right.stdout and "answer: 65.0" in right.stdout


def test_a_decimal_comma_is_asked_again_not_graded(prep_home: Path, tmp_path: Path) -> None:
    r = run_prep("quiz", "--id", "my-psnr", input="65,0\n65.0\n", **env_for(prep_home, tmp_path))
    assert "ambiguous" in r.stdout and "✓ Right" in r.stdout
    assert answers(prep_home) == [("my-psnr", "right")]


def test_user_banks_may_cite_free_text_or_nothing(prep_home: Path, tmp_path: Path) -> None:
    env = env_for(prep_home, tmp_path)
    r = run_prep("quiz", "--id", "my-free-source", "--id", "my-no-source", "--no-record",
                 input="PixelShuffle\na\n", **env)
    assert r.returncode == 0, r.stderr
    assert "source: my lecture notes, week 3" in r.stdout
    validate = run_prep("banks", "validate", str(tmp_path / "banks" / "mine.yaml"), **env)
    assert validate.returncode == 0, validate.stdout


def test_a_written_hint_is_shown_and_a_generated_one_says_so(prep_home: Path, tmp_path: Path) -> None:
    env = env_for(prep_home, tmp_path)
    r = run_prep("quiz", "--id", "my-psnr", "--id", "my-no-source", "--no-record",
                 input="?\n65\n?\na\n", **env)
    assert "Invert PSNR = 10 log10(MAX^2 / MSE)" in r.stdout
    assert "hint (generated: this question has none written)" in r.stdout
