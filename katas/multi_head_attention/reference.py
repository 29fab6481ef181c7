"""Hidden reference for the `multi_head_attention` kata: ViT / nn.MultiheadAttention self-attention."""

from __future__ import annotations

import math

import torch


def multi_head_attention_torch(
    x: torch.Tensor,
    w_qkv: torch.Tensor,
    b_qkv: torch.Tensor,
    w_out: torch.Tensor,
    b_out: torch.Tensor,
    num_heads: int,
    mask: torch.Tensor | None = None,
) -> torch.Tensor:
    """Multi-head scaled dot-product self-attention with input and output projections.

    Args:
        x (Tensor[B, N, D]): tokens.
        w_qkv (Tensor[3D, D]), b_qkv (Tensor[3D]): the stacked q, k, v projections, in that
            order (rows 0:D give q), as ``nn.MultiheadAttention.in_proj_weight``.
        w_out (Tensor[D, D]), b_out (Tensor[D]): the output projection.
        num_heads (int): h, dividing D; each head has d = D / h channels.
        mask (Tensor[N, N] or Tensor[B, N, N], bool, optional): ``mask[..., i, j]`` True when
            query i may attend to key j (the convention of
            ``F.scaled_dot_product_attention``). Disallowed scores are -inf before the softmax.

    Returns:
        Tensor[B, N, D]: ``softmax(q k^T / sqrt(d)) v`` per head, heads concatenated, projected.
        A query allowed no key at all gets zero attention weights (its row is ``b_out``).
    """
    b, n, dim = x.shape
    if num_heads <= 0 or dim % num_heads:
        raise ValueError(f"embedding dim {dim} must be divisible by num_heads, got {num_heads}")
    if mask is not None and (mask.dtype != torch.bool or mask.shape not in ((n, n), (b, n, n))):
        raise ValueError(f"mask must be a bool tensor of shape ({n}, {n}) or ({b}, {n}, {n}), "
                         f"got {mask.dtype} {tuple(mask.shape)}")
    d = dim // num_heads
    qkv = x @ w_qkv.T + b_qkv  # [B, N, 3D]
    q, k, v = (t.reshape(b, n, num_heads, d).transpose(1, 2)  # [B, h, N, d] each
               for t in qkv.chunk(3, dim=-1))
    scores = q @ k.transpose(-2, -1) / math.sqrt(d)  # [B, h, N, N]: (query, key)
    if mask is not None:
        allowed = mask if mask.dim() == 3 else mask.unsqueeze(0)  # [B or 1, N, N]
        allowed = allowed.unsqueeze(1)  # [B or 1, 1, N, N]
        any_key = allowed.any(dim=-1, keepdim=True)  # [B or 1, 1, N, 1]
        scores = scores.masked_fill(~allowed, float("-inf"))
        scores = scores.masked_fill(~any_key, 0.0)  # keep fully masked rows finite
        attn = torch.softmax(scores, dim=-1) * any_key  # those rows get weights 0
    else:
        attn = torch.softmax(scores, dim=-1)  # [B, h, N, N], rows sum to 1
    out = (attn @ v).transpose(1, 2).reshape(b, n, dim)  # [B, N, h, d] -> [B, N, D]
    return out @ w_out.T + b_out
