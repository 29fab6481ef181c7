"""`prep kata` through typer's CliRunner (our command in a tiny app, as cli.py registers it)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import typer
from katahelp import SOLUTIONS
from typer.testing import CliRunner

from prepcli.cli_kata import kata
from prepcli.errors import PrepError

app = typer.Typer()
app.command("kata")(kata)
app.command("noop")(lambda: None)


def run(*args: str, input: str | None = None):  # type: ignore[no-untyped-def]
    result = CliRunner().invoke(app, ["kata", *args], input=input, env={"COLUMNS": "100", "NO_COLOR": "1"})
    if isinstance(result.exception, PrepError):  # the lead's single handler does this
        return 2, f"Error: {result.exception}"
    return result.exit_code, result.output


def test_help_has_an_example() -> None:
    code, out = run("--help")
    assert code == 0 and "Example" in out


def test_list_shows_every_kata_as_new() -> None:
    code, out = run()
    assert code == 0
    for name in ("iou", "nms", "focal_loss", "nt_xent", "patchify"):
        assert name in out
    assert "new" in out


def test_unknown_kata_names_the_closest_match() -> None:
    code, out = run("nmss")
    assert code == 2
    assert "Did you mean `nms`?" in out and "patchify" in out


def test_first_run_writes_stub_then_checks_it(tmp_path: Path) -> None:
    code, out = run("iou")
    assert code == 0 and "IoU" in out
    path = tmp_path / "ws" / "iou.py"
    assert path.is_file() and "NotImplementedError" in path.read_text()
    code, out = run("iou", "--no-timing")
    assert code == 1 and "not implemented" in out
    shutil.copy(SOLUTIONS / "iou" / "wrong_plus_one.py", path)
    code, out = run("iou", "--no-timing", "--seed", "3")
    assert code == 1 and "+1 pixel" in out and "--replay" in out
    code, out = run("iou", "--replay")
    assert code == 1 and "replayed" in out
    shutil.copy(SOLUTIONS / "iou" / "textbook.py", path)
    code, out = run("iou", "--replay")
    assert code == 1 and "CORRECT ON 1 CASE" in out and "PASSED" not in out
    assert "only a full check records a pass" in out.replace("\n", " ")
    code, out = run("iou", "--no-timing", "--json")
    doc = json.loads(out)
    assert code == 1 and doc["correct"] and not doc["passed"] and doc["status"] == "correct, untimed"
    code, out = run()
    assert "failing" in out and "passed" not in out  # fixed the replayed case only: no pass
    from prepcli.store import open_store

    with open_store() as store:
        assert not any(r["passed"] for r in store.dump()["kata_runs"] if r["kata"] == "iou")


def test_json_verdict_and_store(tmp_path: Path) -> None:
    code, out = run("nms", "--file", str(SOLUTIONS / "nms" / "wrong_ge.py"), "--json", "--no-timing")
    assert code == 1
    doc = json.loads(out)
    assert list(doc)[:6] == ["kata", "passed", "correct", "within_budget", "error", "checks"]
    assert doc["error"] == "wrong-answer" and doc["diagnosis_id"] == "ge-threshold"
    from prepcli.store import open_store

    with open_store() as store:
        runs = [r for r in store.dump()["kata_runs"] if r["kata"] == "nms"]
    assert len(runs) == 1 and not runs[0]["passed"] and runs[0]["error"] == "wrong-answer"


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert run("iou", "--file", str(tmp_path / "missing.py"))[0] == 2
    assert run("focal_loss", "--framework", "numpy")[0] == 2
    assert run("iou", "--framework", "jax")[0] == 2


def test_hint_solution_reset(tmp_path: Path) -> None:
    code, out = run("nms", "--hint")
    assert code == 0 and "Hint 1/" in out
    code, out = run("nms", "--hint")
    assert "Hint 2/" in out
    code, out = run("nms", "--solution", input="n\n")
    assert "def nms_numpy" not in out
    code, out = run("nms", "--solution", input="y\n")
    assert "def nms_numpy" in out
    run("nms")
    path = tmp_path / "ws" / "nms.py"
    path.write_text("# my attempt\n")
    code, out = run("nms", "--reset")
    assert code == 0 and "NotImplementedError" in path.read_text()
    backups = list((tmp_path / "ws" / ".backup").glob("nms*.py"))
    assert backups and backups[0].read_text() == "# my attempt\n"


def test_verdict_renders_at_40_and_200_columns() -> None:
    from rich.console import Console

    from prepcli.katas.verdict import (
        CheckResult,
        FailingCase,
        KataVerdict,
        TimingResult,
        TimingRow,
    )
    from prepcli.render.kata import render_verdict

    v = KataVerdict(kata="iou", framework="numpy", file="/x/iou.py", passed=False, correct=True,
                    within_budget=False, checks=[CheckResult("public examples", True, "2 of 2"),
                                                 CheckResult("timing", False, "24.9x")],
                    timing=TimingResult(1.0, 0.04, 5.0, 25.0, False, 1000, "N = M", 2.0, 1.1,
                                        [TimingRow(250, 0.06, 0.002, 30.0)]),
                    failing_case=FailingCase("x", "edge", 0, "boxes1 = [[0, 0, 1, 1]]"))
    for width in (40, 200):
        c = Console(width=width, record=True, no_color=True)
        render_verdict(c, v)
        text = c.export_text()
        assert "CORRECT, TOO SLOW" in text and "N^2.0" in text.replace("\n", "")
        assert max(len(line) for line in text.splitlines()) <= width
