import math

import torch


def multi_head_attention(x, w_qkv, b_qkv, w_out, b_out, num_heads, mask=None):
    B, N, D = x.shape
    if D % num_heads != 0:
        raise ValueError("D must be divisible by num_heads")
    d = D // num_heads
    qkv = x @ w_qkv.T + b_qkv
    q, k, v = qkv[..., :D], qkv[..., D:2 * D], qkv[..., 2 * D:]
    rows = []
    for b in range(B):  # one query of one head at a time
        for i in range(N):
            heads = []
            for hh in range(num_heads):
                sl = slice(hh * d, (hh + 1) * d)
                s = (k[b, :, sl] @ q[b, i, sl]) / math.sqrt(d)  # (N,)
                if mask is not None:
                    allowed = mask[b][i] if mask.dim() == 3 else mask[i]
                    if not bool(allowed.any()):
                        heads.append(v[b, 0, sl] * 0)
                        continue
                    s = s.masked_fill(~allowed, float("-inf"))
                heads.append(torch.softmax(s, dim=0) @ v[b, :, sl])
            rows.append(torch.cat(heads))
    out = torch.stack(rows).reshape(B, N, D)
    return out @ w_out.T + b_out
