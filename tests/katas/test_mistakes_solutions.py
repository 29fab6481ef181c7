"""Every known mistake is reachable and named right, driven by the file system.

``tests/katas/solutions/<kata>/wrong_<mistake-id>.py`` is a user solution, written as a person
would write it, that makes exactly that mistake (``-`` and ``.`` of the id become ``_``). Its
check must fail with that diagnosis: what the user sees is the verdict ("wrong answer") and the
diagnosis line, the mistake's message. Every MISTAKES entry has such a file and every such file
names a MISTAKES entry.

``faulty_*.py`` files make mistakes that are not in MISTAKES (a crash, a NaN, a missing
ValueError, a gradient leak): FAULTY says what their check must show.

Checks run without timing, in the framework the kata's mistakes are computed in when the kata
offers it (MISTAKES_FRAMEWORK), else its default framework. A torch check costs two torch imports
(~6 s of CPU against ~1 s for NumPy): those rows are marked ``slow``, so ``-m "not slow"`` keeps
every NumPy-checked mistake.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import pytest
from katahelp import ALL, SOLUTIONS, check, wrong_file_name

from prepcli.katas.casefile import load_cases_module
from prepcli.katas.catalog import get_kata
from prepcli.katas.orchestrate import Limits

# generous per-case limits: these tests are about the diagnosis, and a busy machine's first
# torch forward/backward can take seconds
LIMITS = Limits(case_s=20.0, import_s=30.0)

# a file kept under an older name (another test copies it)
ALIASES = {("nms", "wrong_ge.py"): "ge-threshold"}
# the error kind when it is not "wrong-answer": these crash on a later, smaller case
ERROR = {("sobel", "valid-output"): "exception", ("median_filter", "valid-output"): "exception",
         ("conv2d", "weight-in-out-swapped"): "exception"}
# a phrase the failure message must contain, besides the diagnosis
PHRASE = {
    ("iou", "transposed"): "shape",
    ("box_iou", "transposed"): "shape",
    ("unpatchify", "channels-last"): "shape",
    ("conv2d", "no-plus-one"): "shape",
    ("sobel", "magnitude"): "shape",
    ("integral_image", "no-zero-border"): "shape",
    ("dino_loss", "no-centering"): "loss: ",
    ("dino_loss", "centering-after-softmax"): "loss: ",
    ("dino_loss", "same-view-pairs"): "loss: ",
    ("dino_loss", "center-from-student"): "center: ",
    ("batch_norm", "biased-running-var"): "running_var: ",
    ("batch_norm", "unbiased-normalisation"): "y: ",
    ("batch_norm", "eval-uses-batch-stats"): "y: ",
    ("batch_norm", "momentum-inverted"): "running_mean: ",
    ("batch_norm", "eps-outside-sqrt"): "y: ",
    ("batch_norm", "channels-last-reshape"): "y: ",
    ("random_masking", "keeps-largest-noise"): "x_masked: ",
    ("random_masking", "mask-not-unshuffled"): "mask: ",
    ("random_masking", "restore-is-shuffle"): "ids_restore: ",
    ("random_masking", "keep-rounded-up"): "shape",
}

# (kata, file, error kind, diagnosis id or None, a phrase the message or failing case must contain)
FAULTY = [
    ("iou", "faulty_nan_union.py", "wrong-answer", None, "NaN"),
    ("iou", "faulty_diagonal.py", "wrong-answer", None, "shape"),
    ("nms", "faulty_returns_boxes.py", "wrong-answer", None, "1-D indices"),
    # only the 100 best scores / indices in int8: the 300+ box case catches both
    ("nms", "faulty_top_100.py", "wrong-answer", None, "wrong indices"),
    ("nms", "faulty_int8_indices.py", "wrong-answer", None, "index out of range"),
    ("focal_loss", "faulty_unstable_log.py", "wrong-answer", "unstable", None),
    ("focal_loss", "faulty_no_value_error.py", "wrong-answer", None, "ValueError"),
    ("focal_loss", "faulty_detached.py", "wrong-answer", None, "backpropagate"),
    ("nt_xent", "faulty_unstable.py", "wrong-answer", "unstable", None),
    ("patchify", "faulty_assert.py", "wrong-answer", None, "AssertionError, expected ValueError"),
    ("patchify", "faulty_crops.py", "wrong-answer", None, "expected it to raise ValueError"),
    ("box_iou", "faulty_where_nan.py", "wrong-answer", "unstable", "not finite"),
    ("giou_loss", "faulty_no_eps.py", "wrong-answer", "unstable", "NaN"),
    ("diou_loss", "faulty_no_eps.py", "wrong-answer", "unstable", "NaN"),
    ("ciou_loss", "faulty_alpha_nan.py", "wrong-answer", "unstable", "NaN"),
    ("ciou_loss", "faulty_atan_no_eps.py", "wrong-answer", "unstable", "NaN"),
    ("ciou_loss", "faulty_no_eps.py", "wrong-answer", "unstable", "NaN"),
    ("smooth_l1", "faulty_beta_zero_nan.py", "wrong-answer", "unstable", "gradients are not finite"),
    ("smooth_l1", "faulty_seed_gradient.py", "wrong-answer", None, "not -x"),
    ("smooth_l1", "faulty_no_value_error.py", "wrong-answer", None, "expected it to raise ValueError"),
    ("kl_div", "faulty_nan_zero_p.py", "wrong-answer", None, "p = 0 term counts 0"),
    ("kl_div", "faulty_epsilon.py", "wrong-answer", None, "where inf was expected"),
    ("js_div", "faulty_nan_zeros.py", "wrong-answer", None, "zero terms count 0"),
    ("multi_head_attention", "faulty_nan_masked_row.py", "wrong-answer", None, "allowed no key"),
    ("median_filter", "faulty_even_k.py", "wrong-answer", None, "expected it to raise ValueError"),
    ("integral_image", "faulty_float_table.py", "wrong-answer", None, "expected integers"),
    ("psnr", "faulty_no_value_error.py", "wrong-answer", None, "expected it to raise ValueError"),
    # a wrong overlap (intersection over the selected box): plus-one and a strict threshold
    # each reproduce one of its failing cases by coincidence, neither all of them
    ("soft_nms", "faulty_iou_over_selected_box.py", "wrong-answer", None, "is missing"),
    ("clip_loss", "faulty_unstable.py", "wrong-answer", "unstable", None),
    ("byol_loss", "faulty_not_detached.py", "wrong-answer", "target-not-detached", "not zero"),
    ("dino_loss", "faulty_not_detached.py", "wrong-answer", "teacher-not-detached",
     "argument 1 is not zero"),
    ("batch_norm", "faulty_naive_var.py", "wrong-answer", "unstable", None),
    ("dropout", "faulty_p_one_nan.py", "wrong-answer", None, "no NaN"),
    ("dropout", "faulty_row_mask.py", "wrong-answer", None, "every row has the same mask"),
]


@functools.cache
def _mistakes(kata: str) -> list[tuple[str, str]]:
    mod = load_cases_module(get_kata(kata))
    return [(mid, msg) for mid, msg, _fn in [*mod.MISTAKES, *getattr(mod, "GRADIENT_MISTAKES", [])]]


@functools.cache
def _framework(kata: str) -> str:
    spec = get_kata(kata)
    fw = getattr(load_cases_module(spec), "MISTAKES_FRAMEWORK", "numpy")
    return fw if fw in spec.frameworks else spec.default_framework


def _wrong_files() -> list[tuple[str, str, str]]:
    rows = []
    for kata in ALL:
        by_file = {wrong_file_name(mid): mid for mid, _msg in _mistakes(kata)}
        by_file.update({f: mid for (k, f), mid in ALIASES.items() if k == kata})
        for path in sorted((SOLUTIONS / kata).glob("wrong_*.py")):
            rows.append((kata, path.name, by_file.get(path.name, "")))
    return rows


def _params(rows: list[tuple[Any, ...]]) -> list[Any]:
    """Rows as pytest params, the torch-checked ones marked slow."""
    out = []
    for r in rows:
        marks: list[Any] = [pytest.mark.slow] if _framework(r[0]) == "torch" else []
        out.append(pytest.param(*r, id=f"{r[0]}/{r[1]}", marks=marks))
    return out


WRONG = _wrong_files()


@pytest.mark.parametrize("kata", ALL)
def test_every_mistake_has_a_wrong_solution(kata: str) -> None:
    files = {f for k, f, _mid in WRONG if k == kata}
    missing = [mid for mid, _msg in _mistakes(kata)
               if wrong_file_name(mid) not in files and (kata, mid) not in
               {(k, m) for (k, _f), m in ALIASES.items()}]
    assert not missing, f"no tests/katas/solutions/{kata}/wrong_<id>.py for {missing}"


@pytest.mark.parametrize(("kata", "file", "mistake"), _params(WRONG))
def test_wrong_solution_gets_its_diagnosis(kata: str, file: str, mistake: str) -> None:
    assert mistake, f"{kata}/{file} names no MISTAKES id of {kata} (rename it faulty_*.py?)"
    v = check(kata, file, _framework(kata), limits=LIMITS)
    assert not v.passed and not v.correct
    assert v.error == ERROR.get((kata, mistake), "wrong-answer"), (v.error, v.message)
    assert v.diagnosis_id == mistake, (v.diagnosis_id, v.diagnosis, v.message)
    assert v.diagnosis == dict(_mistakes(kata))[mistake]
    phrase = PHRASE.get((kata, mistake))
    if phrase:
        assert phrase in v.message, v.message
    assert v.failing_case is not None and v.failing_case.summary
    assert any(not c.passed for c in v.checks)


@pytest.mark.parametrize(("kata", "file", "error", "diagnosis", "phrase"), _params(FAULTY))
def test_faulty_solution_fails_for_its_reason(kata: str, file: str, error: str,
                                              diagnosis: str | None, phrase: str | None) -> None:
    v = check(kata, file, limits=LIMITS)
    assert not v.passed and not v.correct
    assert v.error == error, (v.error, v.message)
    assert v.diagnosis_id == diagnosis, (v.diagnosis_id, v.message)
    assert v.failing_case is not None and v.failing_case.summary
    if phrase:
        assert phrase in v.message + " | " + v.failing_case.name, (v.message, v.failing_case.name)


def test_every_faulty_file_is_listed() -> None:
    listed = {(k, f) for k, f, *_ in FAULTY}
    on_disk = {(p.parent.name, p.name) for kata in ALL
               for p in Path(SOLUTIONS / kata).glob("faulty_*.py")}
    assert on_disk == listed
