"""Kata `dropout`: inverted dropout, in PyTorch.

Check it with `prep kata dropout`.
"""

import torch


def dropout(
    x: torch.Tensor,
    p: float = 0.5,
    training: bool = True,
    generator: torch.Generator | None = None,
) -> torch.Tensor:
    """Training: zero each element with probability p, scale the kept ones by 1 / (1 - p).

    Evaluation (training=False): x unchanged. ValueError unless 0 <= p <= 1. Draw the mask with
    `generator` (may be None: torch's default generator). Must backpropagate.
    """
    raise NotImplementedError("write dropout() here")
