"""Hidden reference for the `iou` kata (NumPy and PyTorch), written like torchvision.ops.box_iou."""

from __future__ import annotations

from typing import Any

import numpy as np


def iou_numpy(boxes1: np.ndarray, boxes2: np.ndarray) -> np.ndarray:
    """Pairwise intersection-over-union of two sets of boxes.

    Args:
        boxes1 (ndarray[N, 4]): (x1, y1, x2, y2), continuous coordinates (no +1).
        boxes2 (ndarray[M, 4]): same convention.

    Returns:
        ndarray[N, M]: IoU of every pair, in the input's float dtype; 0 where the union is 0.
    """
    area1 = (boxes1[:, 2] - boxes1[:, 0]) * (boxes1[:, 3] - boxes1[:, 1])  # [N]
    area2 = (boxes2[:, 2] - boxes2[:, 0]) * (boxes2[:, 3] - boxes2[:, 1])  # [M]
    # one coordinate at a time keeps the intermediates (N, M) and contiguous
    w = np.minimum(boxes1[:, None, 2], boxes2[None, :, 2])  # [N, M]
    w -= np.maximum(boxes1[:, None, 0], boxes2[None, :, 0])
    np.clip(w, 0, None, out=w)
    h = np.minimum(boxes1[:, None, 3], boxes2[None, :, 3])  # [N, M]
    h -= np.maximum(boxes1[:, None, 1], boxes2[None, :, 1])
    np.clip(h, 0, None, out=h)
    inter = w * h  # [N, M]
    union = area1[:, None] + area2[None, :] - inter  # [N, M]
    return np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)


def iou_torch(boxes1: Any, boxes2: Any) -> Any:
    """Same as :func:`iou_numpy` for `Tensor[N, 4]`, `Tensor[M, 4]` -> `Tensor[N, M]`."""
    import torch

    area1 = (boxes1[:, 2] - boxes1[:, 0]) * (boxes1[:, 3] - boxes1[:, 1])  # [N]
    area2 = (boxes2[:, 2] - boxes2[:, 0]) * (boxes2[:, 3] - boxes2[:, 1])  # [M]
    lt = torch.maximum(boxes1[:, None, :2], boxes2[None, :, :2])  # [N, M, 2]
    rb = torch.minimum(boxes1[:, None, 2:], boxes2[None, :, 2:])  # [N, M, 2]
    wh = (rb - lt).clamp(min=0)  # [N, M, 2]
    inter = wh[..., 0] * wh[..., 1]  # [N, M]
    union = area1[:, None] + area2[None, :] - inter  # [N, M]
    safe = torch.where(union > 0, union, torch.ones_like(union))
    return torch.where(union > 0, inter / safe, torch.zeros_like(inter))
