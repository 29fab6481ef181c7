import math

import torch


def multi_head_attention(x, w_qkv, b_qkv, w_out, b_out, num_heads, mask=None):
    B, N, D = x.shape
    if D % num_heads != 0:
        raise ValueError("D must be divisible by num_heads")
    h, d = num_heads, D // num_heads
    q, k, v = torch.nn.functional.linear(x, w_qkv, b_qkv).split(D, dim=-1)
    q, k, v = (t.view(B, N, h, d) for t in (q, k, v))
    scores = torch.einsum("bihc,bjhc->bhij", q, k) / math.sqrt(d)
    if mask is not None:
        m = mask.view(-1, 1, N, N)
        scores = scores.masked_fill(~m, float("-inf"))
        attn = torch.softmax(scores, dim=-1)
        attn = torch.nan_to_num(attn, nan=0.0)  # rows with no allowed key
    else:
        attn = torch.softmax(scores, dim=-1)
    out = torch.einsum("bhij,bjhc->bhic", attn, v).reshape(B, N, D)  # (B, h, N, d) -> (B, N, D)
    return torch.nn.functional.linear(out, w_out, b_out)
