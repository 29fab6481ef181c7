"""Hidden reference for the `nms` kata (NumPy and PyTorch), same contract as torchvision.ops.nms."""

from __future__ import annotations

from typing import Any

import numpy as np


def nms_numpy(boxes: np.ndarray, scores: np.ndarray, iou_threshold: float) -> np.ndarray:
    """Greedy non-maximum suppression.

    Args:
        boxes (ndarray[N, 4]): (x1, y1, x2, y2), continuous coordinates (no +1).
        scores (ndarray[N]): one score per box.
        iou_threshold (float): a box is dropped when its IoU with a kept, higher-scoring box is
            strictly greater than this (equal is kept).

    Returns:
        ndarray[K] of int64: indices of the kept boxes, by decreasing score.
    """
    x1, y1, x2, y2 = boxes[:, 0], boxes[:, 1], boxes[:, 2], boxes[:, 3]  # [N] each
    areas = (x2 - x1) * (y2 - y1)  # [N]
    order = np.argsort(-scores, kind="stable")  # [N], best first
    keep: list[int] = []
    while order.size > 0:
        i = int(order[0])
        keep.append(i)
        rest = order[1:]  # [R]
        w = np.clip(np.minimum(x2[i], x2[rest]) - np.maximum(x1[i], x1[rest]), 0, None)  # [R]
        h = np.clip(np.minimum(y2[i], y2[rest]) - np.maximum(y1[i], y1[rest]), 0, None)  # [R]
        inter = w * h
        union = areas[i] + areas[rest] - inter
        iou = np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)  # [R]
        order = rest[iou <= iou_threshold]
    return np.asarray(keep, dtype=np.int64)


def nms_torch(boxes: Any, scores: Any, iou_threshold: float) -> Any:
    """Same as :func:`nms_numpy` for `Tensor[N, 4]`, `Tensor[N]` -> `Tensor[K]` (int64)."""
    import torch

    x1, y1, x2, y2 = boxes.unbind(1)  # [N] each
    areas = (x2 - x1) * (y2 - y1)  # [N]
    order = torch.argsort(scores, descending=True, stable=True)  # [N]
    keep: list[int] = []
    while order.numel() > 0:
        i = int(order[0])
        keep.append(i)
        rest = order[1:]  # [R]
        w = (torch.minimum(x2[i], x2[rest]) - torch.maximum(x1[i], x1[rest])).clamp(min=0)
        h = (torch.minimum(y2[i], y2[rest]) - torch.maximum(y1[i], y1[rest])).clamp(min=0)
        inter = w * h  # [R]
        union = areas[i] + areas[rest] - inter  # [R]
        iou = torch.where(union > 0, inter / union.clamp(min=torch.finfo(union.dtype).tiny),
                          torch.zeros_like(inter))
        order = rest[iou <= iou_threshold]
    return torch.tensor(keep, dtype=torch.int64)
