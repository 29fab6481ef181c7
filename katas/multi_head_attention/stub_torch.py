"""Kata `multi_head_attention`: multi-head self-attention as in a ViT block, in PyTorch.

Check it with `prep kata multi_head_attention`.
"""

import torch


def multi_head_attention(
    x: torch.Tensor,
    w_qkv: torch.Tensor,
    b_qkv: torch.Tensor,
    w_out: torch.Tensor,
    b_out: torch.Tensor,
    num_heads: int,
    mask: torch.Tensor | None = None,
) -> torch.Tensor:
    """x (B, N, D) -> (B, N, D): qkv = x @ w_qkv.T + b_qkv, h heads of d = D / h, scale 1/sqrt(d).

    mask: bool (N, N) or (B, N, N), True = may attend; a query with no allowed key gets zero
    weights. ValueError if D % num_heads != 0. Must backpropagate.
    """
    raise NotImplementedError("write multi_head_attention() here")
