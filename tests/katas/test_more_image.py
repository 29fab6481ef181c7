"""The image katas (conv2d, sobel, median_filter, integral_image, psnr, ssim, receptive_field):
wrong solutions fail for their stated reason, textbook ones pass (with real timing), slow ones
fail only on time, and the statements' worked examples are what the references return."""

from __future__ import annotations

import importlib.util
import math
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from prepcli.katas.catalog import KataSpec, _parse, katas_root
from prepcli.katas.check import Limits, check_kata

SOLUTIONS = Path(__file__).parent / "solutions"
QUICK = Limits(case_s=2.0, import_s=8.0)
# slow solutions: a single call over 0.5 s ends the timing stage (the default is 2 s); the
# verdict is the same (over budget, stopped early), the test just does not wait for it
SLOW = Limits(case_s=2.0, import_s=8.0, timing_cap_s=0.5)
KATAS = ["conv2d", "sobel", "median_filter", "integral_image", "psnr", "ssim", "receptive_field"]


def _spec(kata: str) -> KataSpec:
    # parse our own manifest only: a half-written kata of another group must not fail these tests
    return _parse(katas_root() / kata)


def check(kata: str, file: str | Path, *, timing: bool = False, seed: int = 7,
          limits: Limits = QUICK, **kw: Any):  # type: ignore[no-untyped-def]
    path = Path(file)
    if not path.is_absolute():
        path = SOLUTIONS / kata / path
    return check_kata(_spec(kata), path, None, timing=timing, seed=seed, limits=limits, **kw)


# (kata, file, error kind, diagnosis id or None, a phrase the failure message must contain)
WRONG = [
    ("conv2d", "wrong_flipped.py", "wrong-answer", "kernel-flipped", None),
    ("conv2d", "wrong_no_plus_one.py", "wrong-answer", "no-plus-one", "shape"),
    ("conv2d", "wrong_padding_one_side.py", "wrong-answer", "padding-one-side", None),
    ("conv2d", "wrong_bias_ignored.py", "wrong-answer", "bias-ignored", None),
    ("sobel", "wrong_clip_uint8.py", "wrong-answer", "clipped-uint8", None),
    ("sobel", "wrong_seed.py", "wrong-answer", "seed-sobel-filter", None),
    ("sobel", "wrong_swapped.py", "wrong-answer", "swapped", None),
    ("sobel", "wrong_flipped.py", "wrong-answer", "sign-flipped", None),
    ("sobel", "wrong_edge_padding.py", "wrong-answer", "edge-padding", None),
    ("sobel", "wrong_magnitude.py", "wrong-answer", "magnitude", "shape"),
    # crashes on images smaller than 3 x 3, after failing the others with the shape (2, H-2, W-2)
    ("sobel", "wrong_valid.py", "exception", "valid-output", None),
    ("median_filter", "wrong_mean.py", "wrong-answer", "mean-not-median", None),
    ("median_filter", "wrong_zero_padding.py", "wrong-answer", "zero-padding", None),
    ("median_filter", "wrong_symmetric.py", "wrong-answer", "symmetric-padding", None),
    ("median_filter", "wrong_off_centre.py", "wrong-answer", "off-centre", None),
    ("median_filter", "wrong_valid.py", "exception", "valid-output", None),
    ("median_filter", "wrong_even_k.py", "wrong-answer", None, "expected it to raise ValueError"),
    ("integral_image", "wrong_no_border.py", "wrong-answer", "no-zero-border", "shape"),
    ("integral_image", "wrong_border_at_end.py", "wrong-answer", "zero-border-at-end", None),
    ("integral_image", "wrong_one_axis.py", "wrong-answer", "one-axis-only", None),
    ("integral_image", "wrong_uint8_overflow.py", "wrong-answer", "input-dtype-overflow", None),
    ("integral_image", "wrong_float_table.py", "wrong-answer", None, "expected integers"),
    ("psnr", "wrong_uint8.py", "wrong-answer", "uint8-wraparound", None),
    ("psnr", "wrong_20log10.py", "wrong-answer", "20-log10-mse", None),
    ("psnr", "wrong_range_not_squared.py", "wrong-answer", "range-not-squared", None),
    ("psnr", "wrong_natural_log.py", "wrong-answer", "natural-log", None),
    ("psnr", "wrong_max_range.py", "wrong-answer", "max-as-range", None),
    ("psnr", "wrong_sum.py", "wrong-answer", "sum-not-mean", None),
    ("psnr", "wrong_no_value_error.py", "wrong-answer", None, "expected it to raise ValueError"),
    ("ssim", "wrong_constants.py", "wrong-answer", "constants-not-squared", None),
    ("ssim", "wrong_global.py", "wrong-answer", "global-statistics", None),
    ("ssim", "wrong_uniform.py", "wrong-answer", "uniform-window", None),
    ("ssim", "wrong_mixed_covariance.py", "wrong-answer", "mixed-covariance", None),
    ("ssim", "wrong_no_contrast.py", "wrong-answer", "no-contrast-term", None),
    ("ssim", "wrong_full_average.py", "wrong-answer", "padded-full-average", None),
    ("receptive_field", "wrong_own_stride.py", "wrong-answer", "own-stride-in-jump", None),
    ("receptive_field", "wrong_no_dilation.py", "wrong-answer", "dilation-ignored", None),
    ("receptive_field", "wrong_starts_at_zero.py", "wrong-answer", "starts-at-zero", None),
    ("receptive_field", "wrong_no_strides.py", "wrong-answer", "strides-ignored", None),
    ("receptive_field", "wrong_multiplied.py", "wrong-answer", "kernels-multiplied", None),
]


@pytest.mark.parametrize(("kata", "file", "error", "diagnosis", "phrase"), WRONG,
                         ids=[f"{k}/{f}" for k, f, *_ in WRONG])
def test_wrong_solution_fails_for_its_reason(kata, file, error, diagnosis, phrase) -> None:  # type: ignore[no-untyped-def]
    v = check(kata, file)
    assert not v.passed and not v.correct
    assert v.error == error, (v.error, v.message)
    assert v.diagnosis_id == diagnosis, (v.diagnosis_id, v.message)
    if phrase:
        assert phrase in v.message, v.message
    assert v.failing_case is not None and v.failing_case.summary
    assert any(not c.passed for c in v.checks)


@pytest.mark.parametrize("kata", KATAS)
def test_reference_is_correct(kata, tmp_path) -> None:  # type: ignore[no-untyped-def]
    spec = _spec(kata)
    user = tmp_path / "ref.py"
    user.write_text(spec.reference_path.read_text() + f"\n\n{kata} = {kata}_numpy\n")
    v = check(kata, user, seed=3)
    assert v.correct and v.error is None, (v.error, v.message)


@pytest.mark.parametrize(("kata", "file"), [
    ("conv2d", "textbook_shift_add.py"), ("receptive_field", "textbook_numpy.py"),
])
def test_other_correct_solutions(kata, file) -> None:  # type: ignore[no-untyped-def]
    v = check(kata, file, seed=11)
    assert v.correct and v.error is None, (v.error, v.message)


@pytest.mark.parametrize("kata", KATAS)
def test_textbook_passes_with_timing(kata) -> None:  # type: ignore[no-untyped-def]
    v = check(kata, "textbook.py", timing=True, repeats=3, seed=5)
    assert v.correct and v.error is None, (v.error, v.message)
    assert v.passed and v.within_budget, v.timing
    assert v.timing is not None and len(v.timing.sizes) >= 3


@pytest.mark.parametrize("kata", KATAS)
def test_slow_correct_solution_fails_only_on_time(kata) -> None:  # type: ignore[no-untyped-def]
    v = check(kata, "slow_loops.py", timing=True, repeats=3, limits=SLOW)
    assert v.correct and v.error is None, (v.error, v.message)
    assert v.within_budget is False and not v.passed
    assert v.timing is not None and v.timing.ratio is not None
    assert v.timing.ratio > 2 * v.timing.budget, v.timing
    assert [c.name for c in v.checks if not c.passed] == ["timing"]


def _load(kata: str, name: str) -> Any:
    spec = importlib.util.spec_from_file_location(f"_img_{kata}_{name}", katas_root() / kata / f"{name}.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _ref(kata: str) -> Any:
    return getattr(_load(kata, "reference"), f"{kata}_numpy")


def test_worked_examples_match_the_statements() -> None:
    """The numbers printed in each statement.md are what the reference returns."""
    x = np.arange(16.0).reshape(1, 1, 4, 4)
    w = np.array([[[[1.0, 0.0], [0.0, -1.0]]]])
    np.testing.assert_array_equal(_ref("conv2d")(x, w), np.full((1, 1, 3, 3), -5.0))
    np.testing.assert_array_equal(_ref("conv2d")(x, w, np.array([0.5]), 2, 1)[0, 0],
                                  [[0.5, -1.5, 0.5], [-7.5, -4.5, 7.5], [0.5, 13.5, 15.5]])
    gx, gy = _ref("sobel")(np.array([[0, 0, 10, 10, 10]] * 4, dtype=float))
    np.testing.assert_array_equal(gx, [[0, 30, 30, 0, -30], [0, 40, 40, 0, -40],
                                       [0, 40, 40, 0, -40], [0, 30, 30, 0, -30]])
    np.testing.assert_array_equal(gy, [[0, 10, 30, 40, 30], [0] * 5, [0] * 5,
                                       [0, -10, -30, -40, -30]])
    img = np.array([[10, 10, 10, 10, 10], [10, 255, 10, 10, 10], [10, 10, 10, 0, 10],
                    [20, 20, 20, 20, 20], [20, 20, 255, 20, 20]], dtype=float)
    expected = np.array([[10.0] * 5, [10.0] * 5, [20, 10, 10, 10, 10], [20.0] * 5, [20.0] * 5])
    np.testing.assert_array_equal(_ref("median_filter")(img, 3), expected)
    s = _ref("integral_image")(np.arange(12, dtype=np.uint8).reshape(3, 4))
    assert s.dtype == np.int64
    np.testing.assert_array_equal(s, [[0] * 5, [0, 0, 1, 3, 6], [0, 4, 10, 18, 28],
                                      [0, 12, 27, 45, 66]])
    assert s[3, 4] - s[1, 4] - s[3, 1] + s[1, 1] == 48
    x8 = np.array([[0, 50], [100, 200]], dtype=np.uint8)
    y8 = np.array([[20, 48], [100, 190]], dtype=np.uint8)
    assert _ref("psnr")(x8, y8, 255) == pytest.approx(10 * math.log10(255 ** 2 / 126))
    assert str(_ref("psnr")(x8, y8, 255)).startswith("27.127098")
    assert _ref("psnr")(x8, x8, 255) == math.inf
    yy, xx = np.mgrid[0:16, 0:16]
    xs = (xx * 8 + yy * 4).astype(float)
    ys = xs.copy()
    ys[4:12, 4:12] += 40
    assert _ref("ssim")(xs, ys, 255.0) == pytest.approx(0.6618956902779011, abs=1e-12)
    assert _ref("ssim")(xs, xs, 255.0) == 1.0
    rf = _ref("receptive_field")
    assert (rf([(3, 1), (3, 1)]), rf([(3, 1), (2, 2), (3, 1)]), rf([(7, 2), (3, 2), (3, 1, 2)])) \
        == (5, 8, 27)
    # the public cases are the statements' examples
    for kata in KATAS:
        assert _load(kata, "cases").public_cases()


def test_ssim_reference_matches_skimage_recipe() -> None:
    """skimage filters the whole image (reflect padding, scipy's mode 'reflect' = numpy's
    'symmetric') and crops 5 pixels per side; the reference filters only where the window fits.
    Same numbers, also on a non-square image (skimage is not installed: this is its recipe)."""
    ref = _ref("ssim")
    t = np.arange(-5, 6)
    g = np.exp(-0.5 * (t / 1.5) ** 2)
    g /= g.sum()
    rng = np.random.default_rng(0)
    x = rng.random((23, 31))
    y = np.clip(x + rng.normal(0, 0.1, x.shape), 0, 1)

    def gaussian_filter(m: np.ndarray) -> np.ndarray:  # separable, mode="reflect" (scipy)
        p = np.pad(m, 5, mode="symmetric")
        rows = sum(g[i] * p[i:i + m.shape[0], :] for i in range(11))
        return sum(g[j] * rows[:, j:j + m.shape[1]] for j in range(11))

    ux, uy = gaussian_filter(x), gaussian_filter(y)
    vx, vy = gaussian_filter(x * x) - ux * ux, gaussian_filter(y * y) - uy * uy
    vxy = gaussian_filter(x * y) - ux * uy
    c1, c2 = 0.01 ** 2, 0.03 ** 2
    smap = (2 * ux * uy + c1) * (2 * vxy + c2) / ((ux ** 2 + uy ** 2 + c1) * (vx + vy + c2))
    assert ref(x, y, 1.0) == pytest.approx(smap[5:-5, 5:-5].mean(), abs=1e-12)


def test_receptive_field_timing_input_is_meaningful() -> None:
    """Thousands of layers whose answer still fits in int64 (a Python int larger than that
    could not be reported back)."""
    cases = _load("receptive_field", "cases")
    ref = _ref("receptive_field")
    for n in _spec("receptive_field").timing.sizes:
        (layers,), _ = cases.timing_input(n, np.random.default_rng(20240601))
        assert len(layers) == n and 1 < ref(layers) < 2 ** 62
