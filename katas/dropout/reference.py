"""Hidden reference for the `dropout` kata, as torch.nn.functional.dropout (inverted dropout)."""

from __future__ import annotations

import torch


def dropout_torch(
    x: torch.Tensor,
    p: float = 0.5,
    training: bool = True,
    generator: torch.Generator | None = None,
) -> torch.Tensor:
    """Inverted dropout (Srivastava et al., 2014, as implemented in every framework).

    Args:
        x (Tensor[*]): activations, any shape, floating point.
        p (float): probability of zeroing each element, in [0, 1].
        training (bool): False (evaluation) returns ``x`` unchanged.
        generator (torch.Generator, optional): the source of randomness for the mask.

    Returns:
        Tensor[*]: in training, each element independently zeroed with probability ``p`` and
        the kept ones scaled by ``1 / (1 - p)`` (so the expectation is ``x``); all zeros for
        ``p = 1``. Differentiable: the gradient is ``mask / (1 - p)``.
    """
    if not 0.0 <= p <= 1.0:
        raise ValueError(f"dropout probability p must be in [0, 1], got {p}")
    if not training or p == 0.0:
        return x
    if p == 1.0:
        return x * 0.0  # zeros that still backpropagate; never divide by 1 - p = 0
    u = torch.rand(x.shape, generator=generator, dtype=x.dtype, device=x.device)  # [*] in [0, 1)
    keep = (u >= p).to(x.dtype)  # P(keep) = 1 - p
    return x * keep * (1.0 / (1.0 - p))
