"""Hidden reference for the `box_iou` kata (PyTorch): batched, differentiable pairwise IoU."""

from __future__ import annotations

import torch


def box_iou_torch(boxes1: torch.Tensor, boxes2: torch.Tensor) -> torch.Tensor:
    """Pairwise IoU within each batch item, like torchvision.ops.box_iou with a batch dimension.

    Args:
        boxes1 (Tensor[B, N, 4]): (x1, y1, x2, y2), continuous coordinates (no +1).
        boxes2 (Tensor[B, M, 4]): same convention, same B.

    Returns:
        Tensor[B, N, M]: IoU(boxes1[b, n], boxes2[b, m]); 0 where the union is 0. Differentiable,
        with finite gradients everywhere (the division only sees a positive denominator).
    """
    area1 = (boxes1[..., 2] - boxes1[..., 0]) * (boxes1[..., 3] - boxes1[..., 1])  # [B, N]
    area2 = (boxes2[..., 2] - boxes2[..., 0]) * (boxes2[..., 3] - boxes2[..., 1])  # [B, M]
    lt = torch.maximum(boxes1[:, :, None, :2], boxes2[:, None, :, :2])  # [B, N, M, 2]
    rb = torch.minimum(boxes1[:, :, None, 2:], boxes2[:, None, :, 2:])  # [B, N, M, 2]
    wh = (rb - lt).clamp(min=0)  # [B, N, M, 2]
    inter = wh[..., 0] * wh[..., 1]  # [B, N, M]
    union = area1[:, :, None] + area2[:, None, :] - inter  # [B, N, M]
    # torch.where(union > 0, inter / union, 0) alone would give NaN gradients where union == 0
    # (0 * inf in the backward pass): divide by a safe denominator instead
    positive = union > 0
    safe = torch.where(positive, union, torch.ones_like(union))
    return torch.where(positive, inter / safe, torch.zeros_like(inter))
