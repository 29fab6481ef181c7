"""Cases, known mistakes and timing inputs for the `ssim` kata (NumPy only)."""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

MISTAKES_FRAMEWORK = "numpy"

NP = 121  # pixels in the 11x11 window


def _g() -> np.ndarray:
    t = np.arange(-5, 6, dtype=np.float64)
    g = np.exp(-0.5 * (t / 1.5) ** 2)
    return g / g.sum()


def _stats(x: np.ndarray, y: np.ndarray, window: str) -> list[np.ndarray]:
    x, y = x.astype(np.float64), y.astype(np.float64)
    maps = np.stack([x, y, x * x, y * y, x * y])
    if window == "global":
        return [m.mean() for m in maps]
    if window == "full":  # scipy's gaussian_filter(mode="reflect") then no crop
        maps = np.pad(maps, ((0, 0), (5, 5), (5, 5)), mode="symmetric")
        window = "gaussian"
    w2 = np.outer(_g(), _g()) if window == "gaussian" else np.full((11, 11), 1.0 / NP)
    return list(np.einsum("kijab,ab->kij", sliding_window_view(maps, (11, 11), axis=(1, 2)), w2))


def _ssim(x: np.ndarray, y: np.ndarray, r: float, *, window: str = "gaussian",
          c_squared: bool = True, var_norm: float = 1.0, cov_norm: float = 1.0,
          contrast: bool = True) -> float:
    mx, my, mxx, myy, mxy = _stats(x, y, window)
    vx, vy = var_norm * (mxx - mx * mx), var_norm * (myy - my * my)
    vxy = cov_norm * (mxy - mx * my)
    c1, c2 = ((0.01 * r) ** 2, (0.03 * r) ** 2) if c_squared else (0.01 * r, 0.03 * r)
    lum = (2 * mx * my + c1) / (mx * mx + my * my + c1)
    if contrast:
        cs = (2 * vxy + c2) / (vx + vy + c2)
    else:  # luminance x structure only, C3 = C2 / 2
        cs = (vxy + c2 / 2) / (np.sqrt(np.clip(vx * vy, 0, None)) + c2 / 2)
    return float(np.mean(lum * cs))


SAMPLE = NP / (NP - 1)

MISTAKES = [
    ("constants-not-squared", "C1 = K1 * R and C2 = K2 * R: the stabilisers are squared, "
     "C1 = (0.01 R)^2, C2 = (0.03 R)^2", lambda x, y, r: _ssim(x, y, r, c_squared=False)),
    ("global-statistics", "means, variances and covariance of the whole images (one window): "
     "SSIM is a mean of local, windowed scores", lambda x, y, r: _ssim(x, y, r, window="global")),
    ("uniform-window", "a uniform 11x11 window (box average); the contract uses Gaussian weights, "
     "sigma 1.5", lambda x, y, r: _ssim(x, y, r, window="uniform")),
    ("sample-covariance", "variances and covariance scaled by NP / (NP - 1) (skimage's default "
     "use_sample_covariance=True); the contract is the weighted population statistics",
     lambda x, y, r: _ssim(x, y, r, var_norm=SAMPLE, cov_norm=SAMPLE)),
    ("mixed-covariance", "sample (n - 1) variances with a population covariance (np.var(ddof=1) "
     "next to a plain mean of products): use the same weighted population moments for all three",
     lambda x, y, r: _ssim(x, y, r, var_norm=SAMPLE)),
    ("no-contrast-term", "the contrast term is missing: luminance x structure only; the product "
     "of the three terms with C3 = C2 / 2 is (2 mu_x mu_y + C1)(2 sigma_xy + C2) / "
     "((mu_x^2 + mu_y^2 + C1)(sigma_x^2 + sigma_y^2 + C2))",
     lambda x, y, r: _ssim(x, y, r, contrast=False)),
    ("padded-full-average", "the score map is averaged over the whole (padded) image; average "
     "only where the 11x11 window fits, (H - 10) x (W - 10) positions",
     lambda x, y, r: _ssim(x, y, r, window="full")),
]


def _case(name: str, kind: str, x: Any, y: Any, r: float, dtype: Any = np.float64,
          **extra: Any) -> dict:
    return {"name": name, "kind": kind,
            "args": [np.asarray(x, dtype=dtype), np.asarray(y, dtype=dtype), r], "kwargs": {},
            **extra}


def textured(rng: np.random.Generator, h: int, w: int) -> np.ndarray:
    """A smooth pattern plus texture, in [0, 1]."""
    yy, xx = np.mgrid[0:h, 0:w]
    img = 0.5 + 0.3 * np.sin(xx / 2.5 + rng.uniform(0, 6)) * np.cos(yy / 3.5) \
        + 0.1 * rng.normal(0, 1, (h, w))
    return np.clip(img, 0, 1)


def public_cases() -> list[dict]:
    yy, xx = np.mgrid[0:16, 0:16]
    x = (xx * 8 + yy * 4).astype(np.float64)  # a ramp in [0, 180]
    y = x.copy()
    y[4:12, 4:12] += 40.0  # a brighter square
    return [_case("16 x 16 ramp vs the same with a brighter square, data_range 255", "public",
                  x, y, 255.0)]


def hidden_cases(rng: np.random.Generator) -> list[dict]:
    cases = []
    for h, w, sigma in [(16, 16, 0.05), (24, 19, 0.1), (32, 32, 0.02), (13, 40, 0.2)]:
        x = textured(rng, h, w)
        cases.append(_case(f"textured {h}x{w} + noise {sigma}, data_range 1", "random", x,
                           np.clip(x + rng.normal(0, sigma, (h, w)), 0, 1), 1.0))
    x = np.round(255 * textured(rng, 20, 20))
    cases.append(_case("uint8 20x20 + noise, data_range 255", "random", x,
                       np.clip(x + rng.normal(0, 12, x.shape).round(), 0, 255), 255.0, np.uint8))
    x = textured(rng, 18, 22)
    cases.append(_case("float32 18x22, data_range 1", "random", x, 0.8 * x + 0.1, 1.0, np.float32))
    x = textured(rng, 20, 20)
    blur = (x + np.roll(x, 1, 0) + np.roll(x, 1, 1) + np.roll(x, (1, 1), (0, 1))) / 4
    cases.append(_case("blurred copy 20x20", "random", x, blur, 1.0))
    x = textured(rng, 16, 16)
    cases += [
        _case("identical images: 1.0", "edge", x, x, 1.0),
        _case("smallest image, 11 x 11 (one window)", "edge", x[:11, :11],
              np.clip(x[:11, :11] + 0.05, 0, 1), 1.0),
        _case("11 x 17 (one row of windows)", "edge", textured(rng, 11, 17),
              textured(rng, 11, 17), 1.0),
        _case("inverted image (negative structure)", "edge", x, 1.0 - x, 1.0),
        _case("constant images, different levels", "edge", np.full((12, 12), 0.2),
              np.full((12, 12), 0.6), 1.0),
        _case("constant vs textured", "edge", np.full((14, 14), 0.5), x[:14, :14], 1.0),
        _case("brightness shift only", "edge", x, x + 0.1, 1.0),
        _case("data_range 255 on [0, 255] floats, strong noise", "edge", 255 * x,
              np.clip(255 * x + rng.normal(0, 40, x.shape), 0, 255), 255.0),
        _case("different shapes raise ValueError", "edge", np.zeros((16, 16)), np.zeros((16, 17)),
              1.0, raises="ValueError"),
        _case("smaller than 11 x 11 raises ValueError", "edge", np.zeros((10, 16)),
              np.zeros((10, 16)), 1.0, raises="ValueError"),
        _case("colour (H, W, 3) raises ValueError", "edge", np.zeros((16, 16, 3)),
              np.zeros((16, 16, 3)), 1.0, raises="ValueError"),
        _case("data_range 0 raises ValueError", "edge", x, x, 0.0, raises="ValueError"),
    ]
    return cases


def timing_input(n: int, rng: np.random.Generator) -> tuple[list, dict]:
    x = textured(rng, n, n)
    return [x, np.clip(x + rng.normal(0, 0.05, x.shape), 0, 1), 1.0], {}
