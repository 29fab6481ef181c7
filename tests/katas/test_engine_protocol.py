"""The parent owns the judgement: forged, garbled or missing reports are errors, never a pass,
and the user's process gets neither the reference's path nor prep's data dir."""

from __future__ import annotations

from katahelp import SOLUTIONS, check

ENGINE = SOLUTIONS / "engine"


def test_a_file_without_the_function_that_forges_reports_never_passes() -> None:
    v = check("nms", ENGINE / "forge_no_function.py")
    assert not v.passed and not v.correct
    assert v.error in ("protocol", "exit"), (v.error, v.message)


def test_garbage_on_the_report_pipe_is_an_error_verdict() -> None:
    v = check("iou", ENGINE / "garbage_on_the_pipe.py")
    assert not v.correct and v.error == "protocol", (v.error, v.message)
    assert "broken" in v.message


def test_the_users_process_sees_no_reference_path_and_no_data_dir() -> None:
    v = check("iou", ENGINE / "looks_for_secrets.py")
    assert v.error == "exception"
    assert "FOUND=[] HOME=True" in v.message, v.message
