import math

import torch


def multi_head_attention(x, w_qkv, b_qkv, w_out, b_out, num_heads, mask=None):
    B, N, D = x.shape
    if D % num_heads != 0:
        raise ValueError("D must be divisible by num_heads")
    h, d = num_heads, D // num_heads
    qkv = torch.nn.functional.linear(x, w_qkv, b_qkv).view(B, N, h, 3 * d)  # per head: q, k, v
    q, k, v = qkv.split(d, dim=-1)
    scores = torch.einsum("bihc,bjhc->bhij", q, k) / math.sqrt(d)
    if mask is not None:
        m = mask.view(-1, 1, N, N)
        scores = scores.masked_fill(~m, float("-inf"))
        attn = torch.softmax(scores, dim=-1)
        attn = torch.nan_to_num(attn, nan=0.0)  # rows with no allowed key
    else:
        attn = torch.softmax(scores, dim=-1)
    out = torch.einsum("bhij,bjhc->bihc", attn, v).reshape(B, N, D)
    return torch.nn.functional.linear(out, w_out, b_out)
