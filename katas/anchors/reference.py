"""Hidden reference for the `anchors` kata (NumPy and PyTorch): a grid of anchor boxes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np


def _validate(feature_h: int, feature_w: int, stride: float, sizes: Sequence[float],
              ratios: Sequence[float]) -> None:
    if feature_h < 0 or feature_w < 0:
        raise ValueError(f"feature_h and feature_w must be >= 0, got {feature_h}, {feature_w}")
    if stride <= 0:
        raise ValueError(f"stride must be > 0, got {stride}")
    if len(sizes) == 0 or len(ratios) == 0:
        raise ValueError("sizes and ratios must be non-empty")
    if min(sizes) <= 0 or min(ratios) <= 0:
        raise ValueError("sizes and ratios must all be > 0")


def anchors_numpy(feature_h: int, feature_w: int, stride: float, sizes: Sequence[float],
                  ratios: Sequence[float]) -> np.ndarray:
    """Anchor boxes of every feature-map location, as a detector's anchor generator.

    Args:
        feature_h, feature_w (int): feature-map size (>= 0).
        stride (float): input pixels per feature cell; location (y, x) is centred at
            ((x + 0.5) * stride, (y + 0.5) * stride), the centre of its cell.
        sizes (sequence of float): anchor side for ratio 1; every anchor has area size ** 2.
        ratios (sequence of float): aspect ratios h / w: w = size / sqrt(r), h = size * sqrt(r).

    Returns:
        ndarray[feature_h * feature_w * A, 4] float64, (x1, y1, x2, y2), A = len(sizes) *
        len(ratios): locations row-major (y, then x), and at each location the A anchors
        size-major (for size in sizes: for ratio in ratios).

    Raises:
        ValueError: negative feature size, non-positive stride / size / ratio, empty sizes or
            ratios.
    """
    _validate(feature_h, feature_w, stride, sizes, ratios)
    s = np.asarray(sizes, dtype=np.float64)[:, None]  # [S, 1]
    r = np.sqrt(np.asarray(ratios, dtype=np.float64))[None, :]  # [1, R]
    w = (s / r).reshape(-1)  # [A], size-major
    h = (s * r).reshape(-1)  # [A]
    base = np.stack([-w, -h, w, h], axis=1) / 2  # [A, 4], centred on (0, 0)
    cx = (np.arange(feature_w) + 0.5) * stride  # [W]
    cy = (np.arange(feature_h) + 0.5) * stride  # [H]
    cyy, cxx = np.meshgrid(cy, cx, indexing="ij")  # [H, W] each
    shifts = np.stack([cxx, cyy, cxx, cyy], axis=-1).reshape(-1, 1, 4)  # [H*W, 1, 4]
    return (shifts + base[None]).reshape(-1, 4)  # [H*W*A, 4]


def anchors_torch(feature_h: int, feature_w: int, stride: float, sizes: Sequence[float],
                  ratios: Sequence[float]) -> Any:
    """Same as :func:`anchors_numpy`, as a float32 `Tensor[feature_h * feature_w * A, 4]`."""
    import torch

    _validate(feature_h, feature_w, stride, sizes, ratios)
    s = torch.as_tensor(sizes, dtype=torch.float64)[:, None]  # [S, 1]
    r = torch.as_tensor(ratios, dtype=torch.float64).sqrt()[None, :]  # [1, R]
    w = (s / r).reshape(-1)  # [A]
    h = (s * r).reshape(-1)  # [A]
    base = torch.stack([-w, -h, w, h], dim=1) / 2  # [A, 4]
    cx = (torch.arange(feature_w, dtype=torch.float64) + 0.5) * stride  # [W]
    cy = (torch.arange(feature_h, dtype=torch.float64) + 0.5) * stride  # [H]
    cyy, cxx = torch.meshgrid(cy, cx, indexing="ij")  # [H, W] each
    shifts = torch.stack([cxx, cyy, cxx, cyy], dim=-1).reshape(-1, 1, 4)  # [H*W, 1, 4]
    return (shifts + base[None]).reshape(-1, 4).to(torch.float32)
