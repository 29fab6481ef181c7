"""Kata `box_iou`: batched pairwise IoU that backpropagates, in PyTorch.

Check it with `prep kata box_iou`. Boxes are (x1, y1, x2, y2), continuous coordinates (no +1).
"""

import torch


def box_iou(boxes1: torch.Tensor, boxes2: torch.Tensor) -> torch.Tensor:
    """boxes1 (B, N, 4), boxes2 (B, M, 4) -> (B, N, M): IoU of boxes1[b, n] and boxes2[b, m].

    0 where the union is 0. Must backpropagate, with finite gradients everywhere.
    """
    raise NotImplementedError("write box_iou() here")
