import math

import torch


def multi_head_attention(x, w_qkv, b_qkv, w_out, b_out, num_heads, mask=None):
    B, N, D = x.shape
    if D % num_heads != 0:
        raise ValueError("D must be divisible by num_heads")
    h, d = num_heads, D // num_heads
    q, k, v = (x @ w_qkv.T + b_qkv).chunk(3, dim=-1)
    q, k, v = (t.reshape(B, N, h, d).transpose(1, 2) for t in (q, k, v))
    scores = q @ k.transpose(-2, -1) / math.sqrt(d)
    if mask is not None:
        allowed = mask.reshape(-1, 1, N, N)
        scores = scores.masked_fill(~allowed, float("-inf"))
        attn = torch.softmax(scores, dim=-1)  # a row with no allowed key: all NaN
    else:
        attn = torch.softmax(scores, dim=-1)
    out = (attn @ v).transpose(1, 2).reshape(B, N, D)
    return out @ w_out.T + b_out
