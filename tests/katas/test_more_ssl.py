"""SSL katas (random_masking, clip_loss, byol_loss, dino_loss, batch_norm) and the runner's
multi-output support (``outputs:`` in kata.yaml) and stop-gradient checks they rely on."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import typer
from katahelp import SOLUTIONS, check
from typer.testing import CliRunner

from prepcli.cli_kata import kata as kata_command
from prepcli.katas.catalog import get_kata
from prepcli.katas.workspace import load_replay, save_replay

MULTI = {"random_masking": ("x_masked", "mask", "ids_restore"),
         "dino_loss": ("loss", "center"),
         "batch_norm": ("y", "running_mean", "running_var")}

# (every wrong_<mistake>.py, these katas' included, is checked in test_mistakes_solutions.py)


@pytest.mark.parametrize("kata", ["random_masking", "clip_loss", "byol_loss", "dino_loss",
                                  "batch_norm"])
@pytest.mark.slow
def test_textbook_passes_timing_and_slow_loops_fail_only_on_time(kata) -> None:  # type: ignore[no-untyped-def]
    # (test_content.py checks the reference, with timing, on another seed)
    v = check(kata, "textbook.py", timing=True, repeats=3, seed=12)
    assert v.correct and all(c.passed for c in v.checks if c.name != "timing"), v.message
    assert v.passed and v.within_budget, v.timing
    v = check(kata, "slow_loops.py", timing=True, repeats=3)
    assert v.correct and v.error is None, (v.error, v.message)
    assert v.within_budget is False and not v.passed
    assert v.timing is not None and v.timing.ratio is not None
    assert v.timing.ratio > 2 * v.timing.budget, v.timing.ratio
    assert [c.name for c in v.checks if not c.passed] == ["timing"]


# -- the multi-output runner -------------------------------------------------------------------


def test_manifest_declares_the_outputs() -> None:
    for kata, names in MULTI.items():
        assert get_kata(kata).outputs == names
    assert get_kata("clip_loss").outputs == () and get_kata("iou").outputs == ()


def _user(tmp_path: Path, body: str) -> Path:
    f = tmp_path / "user.py"
    f.write_text("import torch\n\n\ndef random_masking(x, mask_ratio, noise):\n" + body)
    return f


def test_a_single_array_where_a_tuple_is_expected_is_the_wrong_type(tmp_path) -> None:  # type: ignore[no-untyped-def]
    v = check("random_masking", _user(tmp_path, "    return x\n"))
    assert v.error == "wrong-type" and not v.correct
    assert "torch.Tensor" in v.message and "tuple of 3 (x_masked, mask, ids_restore)" in v.message


def test_a_tuple_of_the_wrong_length_is_the_wrong_type(tmp_path) -> None:  # type: ignore[no-untyped-def]
    v = check("random_masking", _user(tmp_path, "    return x, x\n"))
    assert v.error == "wrong-type" and "a tuple of 2" in v.message


def test_an_item_of_the_wrong_type_is_named(tmp_path) -> None:  # type: ignore[no-untyped-def]
    v = check("random_masking", _user(tmp_path, "    return x, 'mask', noise\n"))
    assert v.error == "wrong-type" and "as mask" in v.message


def test_integer_output_must_stay_integer(tmp_path) -> None:  # type: ignore[no-untyped-def]
    src = (SOLUTIONS / "random_masking" / "textbook.py").read_text().replace(
        "return x_masked, mask, ids_restore", "return x_masked, mask, ids_restore.float()")
    f = tmp_path / "user.py"
    f.write_text(src)
    v = check("random_masking", f)
    assert v.error == "wrong-answer"
    assert v.message.startswith("ids_restore: dtype float32, expected integers"), v.message


def test_gradients_are_those_of_the_first_output(tmp_path) -> None:  # type: ignore[no-untyped-def]
    src = (SOLUTIONS / "random_masking" / "textbook.py").read_text().replace(
        "return x_masked, mask, ids_restore", "return x_masked.detach(), mask, ids_restore")
    f = tmp_path / "user.py"
    f.write_text(src)
    v = check("random_masking", f)
    assert v.error == "wrong-answer" and "(x_masked) does not backpropagate" in v.message
    failed = [c.name for c in v.checks if not c.passed]
    assert "gradients" in failed and "hidden cases" not in failed, failed


def test_replay_and_json_of_a_multi_output_kata(tmp_path) -> None:  # type: ignore[no-untyped-def]
    spec = get_kata("dino_loss")
    v = check("dino_loss", "wrong_center_from_student.py")
    doc = json.loads(json.dumps(v.to_json(), default=str))
    assert doc["failing_case"]["output"] == "center" and doc["diagnosis_id"] == "center-from-student"
    save_replay(spec, v)
    cases = load_replay(spec, "torch")
    assert len(cases) == 1 and cases[0]["stop_grad"] == [1]
    again = check("dino_loss", "wrong_center_from_student.py", cases=cases)
    assert again.replayed and again.error == "wrong-answer"
    assert again.message.startswith("center: ")
    assert check("dino_loss", "textbook.py", cases=cases).correct


def test_the_cli_shows_the_named_output(tmp_path) -> None:  # type: ignore[no-untyped-def]
    app = typer.Typer()
    app.command("kata")(kata_command)
    app.command("noop")(lambda: None)

    def run(*args: str):  # type: ignore[no-untyped-def]
        r = CliRunner().invoke(app, ["kata", *args], env={"COLUMNS": "100", "NO_COLOR": "1"})
        return r.exit_code, r.output

    code, out = run("batch_norm")
    assert code == 0 and "running_var" in out
    shutil.copy(SOLUTIONS / "batch_norm" / "wrong_biased_running_var.py", tmp_path / "ws" / "batch_norm.py")
    code, out = run("batch_norm", "--no-timing", "--seed", "5")
    assert code == 1 and "running_var = " in out and "unbiased" in out
    code, out = run("batch_norm", "--no-timing", "--json")
    doc = json.loads(out.strip().splitlines()[-1])
    assert doc["error"] == "wrong-answer" and doc["diagnosis_id"] == "biased-running-var"
