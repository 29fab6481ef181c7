"""Hidden reference for the `soft_nms` kata (NumPy and PyTorch): Soft-NMS, Bodla et al. 2017."""

from __future__ import annotations

from typing import Any

import numpy as np

METHODS = ("linear", "gaussian")


def _check_method(method: str) -> None:
    if method not in METHODS:
        raise ValueError(f"method must be one of {', '.join(METHODS)}, got {method!r}")


def soft_nms_numpy(boxes: np.ndarray, scores: np.ndarray, method: str = "gaussian",
                   sigma: float = 0.5, iou_threshold: float = 0.3,
                   score_threshold: float = 0.001) -> np.ndarray:
    """Soft non-maximum suppression (arXiv:1704.04503).

    Args:
        boxes (ndarray[N, 4]): (x1, y1, x2, y2), continuous coordinates (no +1).
        scores (ndarray[N]): one score per box.
        method (str): 'linear' (s * (1 - IoU), only where IoU > iou_threshold) or 'gaussian'
            (s * exp(-IoU ** 2 / sigma), for every remaining box).
        sigma (float): width of the Gaussian penalty.
        iou_threshold (float): overlap above which the linear penalty applies.
        score_threshold (float): a box is selected while its decayed score is >= this.

    Returns:
        ndarray[K] of int64: indices of the selected boxes, in selection order (each step takes
        the highest *current* score, then decays every remaining box; ties: lowest index).
    """
    _check_method(method)
    x1, y1, x2, y2 = boxes[:, 0], boxes[:, 1], boxes[:, 2], boxes[:, 3]  # [N] each
    areas = (x2 - x1) * (y2 - y1)  # [N]
    s = scores.copy()  # [N], decayed in place
    remaining = np.arange(scores.shape[0])  # [R], kept in index order
    keep: list[int] = []
    while remaining.size > 0:
        j = int(np.argmax(s[remaining]))
        i = int(remaining[j])
        if s[i] < score_threshold:  # scores only decrease: nothing left can be selected
            break
        keep.append(i)
        remaining = np.delete(remaining, j)  # [R - 1]
        w = np.clip(np.minimum(x2[i], x2[remaining]) - np.maximum(x1[i], x1[remaining]), 0, None)
        h = np.clip(np.minimum(y2[i], y2[remaining]) - np.maximum(y1[i], y1[remaining]), 0, None)
        inter = w * h  # [R]
        union = areas[i] + areas[remaining] - inter  # [R]
        iou = np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)  # [R]
        if method == "linear":
            decay = np.where(iou > iou_threshold, 1 - iou, 1)
        else:
            decay = np.exp(-(iou * iou) / sigma)
        s[remaining] *= decay.astype(s.dtype, copy=False)
    return np.asarray(keep, dtype=np.int64)


def soft_nms_torch(boxes: Any, scores: Any, method: str = "gaussian", sigma: float = 0.5,
                   iou_threshold: float = 0.3, score_threshold: float = 0.001) -> Any:
    """Same as :func:`soft_nms_numpy` for `Tensor[N, 4]`, `Tensor[N]` -> `Tensor[K]` (int64)."""
    import torch

    _check_method(method)
    x1, y1, x2, y2 = boxes.unbind(1)  # [N] each
    areas = (x2 - x1) * (y2 - y1)  # [N]
    s = scores.clone()  # [N]
    remaining = torch.arange(scores.shape[0])  # [R]
    keep: list[int] = []
    while remaining.numel() > 0:
        j = int(torch.argmax(s[remaining]))
        i = int(remaining[j])
        if s[i] < score_threshold:
            break
        keep.append(i)
        remaining = torch.cat([remaining[:j], remaining[j + 1:]])  # [R - 1]
        w = (torch.minimum(x2[i], x2[remaining]) - torch.maximum(x1[i], x1[remaining])).clamp(min=0)
        h = (torch.minimum(y2[i], y2[remaining]) - torch.maximum(y1[i], y1[remaining])).clamp(min=0)
        inter = w * h  # [R]
        union = areas[i] + areas[remaining] - inter  # [R]
        iou = torch.where(union > 0, inter / union.clamp(min=torch.finfo(union.dtype).tiny),
                          torch.zeros_like(inter))
        if method == "linear":
            decay = torch.where(iou > iou_threshold, 1 - iou, torch.ones_like(iou))
        else:
            decay = torch.exp(-(iou * iou) / sigma)
        s[remaining] *= decay
    return torch.tensor(keep, dtype=torch.int64)
