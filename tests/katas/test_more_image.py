"""The image katas (conv2d, sobel, median_filter, integral_image, psnr, ssim, receptive_field):
textbook ones pass (with real timing), slow ones fail only on time (wrong ones: see
test_mistakes_solutions.py), and the statements' worked examples are what the references return."""

from __future__ import annotations

import importlib.util
import math
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from prepcli.katas.catalog import KataSpec, _parse, katas_root
from prepcli.katas.orchestrate import Limits, check_kata

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


@pytest.mark.slow
@pytest.mark.parametrize("kata", KATAS)
def test_textbook_passes_with_timing(kata) -> None:  # type: ignore[no-untyped-def]
    v = check(kata, "textbook.py", timing=True, repeats=3, seed=5)
    assert v.correct and v.error is None, (v.error, v.message)
    assert v.passed and v.within_budget, v.timing
    assert v.timing is not None and len(v.timing.sizes) >= 3


@pytest.mark.slow
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
