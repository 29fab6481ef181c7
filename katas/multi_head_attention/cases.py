"""Cases, known mistakes and timing inputs for the `multi_head_attention` kata.

Inputs are NumPy arrays (the runner turns them into tensors, the mask into a bool tensor);
MISTAKES take tensors. Arguments: x, w_qkv, b_qkv, w_out, b_out, num_heads[, mask].
"""

from __future__ import annotations

import math

import numpy as np

MISTAKES_FRAMEWORK = "torch"

# No mistake returns NaN (a query with no allowed key): the diagnosis treats a NaN in a
# mistake's output as matching anything, so that case is named instead.


def _mha(x, w_qkv, b_qkv, w_out, b_out, num_heads, mask=None, *, scale="d", softmax_dim=-1,
         split="transpose", merge="transpose", invert=False, out_proj=True, layout="qkv"):
    import torch

    b, n, dim = x.shape
    h = num_heads
    d = dim // h
    qkv = x @ w_qkv.T + b_qkv
    if layout == "qkv":
        parts = qkv.chunk(3, dim=-1)
    else:  # per-head interleaved (q, k, v) triples
        parts = qkv.reshape(b, n, h, 3, d).permute(3, 0, 1, 2, 4).reshape(3, b, n, dim)
    if split == "transpose":
        q, k, v = (t.reshape(b, n, h, d).transpose(1, 2) for t in parts)
    else:
        q, k, v = (t.reshape(b, h, n, d) for t in parts)
    s = {"d": math.sqrt(d), "D": math.sqrt(dim), "none": 1.0}[scale]
    scores = q @ k.transpose(-2, -1) / s
    if mask is not None:
        allowed = (~mask if invert else mask)
        allowed = (allowed if allowed.dim() == 3 else allowed.unsqueeze(0)).unsqueeze(1)
        any_key = allowed.any(dim=softmax_dim, keepdim=True)
        scores = scores.masked_fill(~allowed, float("-inf")).masked_fill(~any_key, 0.0)
        attn = torch.softmax(scores, dim=softmax_dim) * any_key
    else:
        attn = torch.softmax(scores, dim=softmax_dim)
    o = attn @ v
    o = o.transpose(1, 2).reshape(b, n, dim) if merge == "transpose" else o.reshape(b, n, dim)
    return o @ w_out.T + b_out if out_proj else o


MISTAKES = [
    ("scale-sqrt-D", "scores scaled by 1/sqrt(D); each head's scale is 1/sqrt(d), d = D / num_heads",
     lambda *a: _mha(*a, scale="D")),
    ("no-scale", "scores not scaled: divide q k^T by sqrt(d), d = D / num_heads",
     lambda *a: _mha(*a, scale="none")),
    ("softmax-over-queries", "softmax over the wrong axis: each query's weights over the keys "
     "(the last axis of q k^T) must sum to 1", lambda *a: _mha(*a, softmax_dim=-2)),
    ("heads-without-transpose", "heads split with a direct reshape to (B, h, N, d), which mixes "
     "tokens and heads: reshape to (B, N, h, d), then transpose(1, 2)",
     lambda *a: _mha(*a, split="reshape", merge="reshape")),
    ("merge-without-transpose", "heads merged with a direct reshape of (B, h, N, d): transpose(1, 2) "
     "back to (B, N, h, d) first", lambda *a: _mha(*a, merge="reshape")),
    ("mask-inverted", "mask inverted: True means the query MAY attend to the key (as in "
     "F.scaled_dot_product_attention); fill -inf where it is False", lambda *a: _mha(*a, invert=True)),
    ("no-output-projection", "the output projection is missing: apply @ w_out.T + b_out after "
     "merging the heads", lambda *a: _mha(*a, out_proj=False)),
    ("interleaved-qkv", "w_qkv rows are [q; k; v] stacked (q = rows 0:D, as nn.MultiheadAttention "
     "and timm), not interleaved per head", lambda *a: _mha(*a, layout="interleaved")),
]

STABILITY_HINT = ("numerically unstable: exp of large attention scores overflows; use torch.softmax "
                  "(it subtracts each row's maximum first)")


def _params(rng, b, n, dim, dtype=np.float64, x_scale=1.0):
    w = 1 / math.sqrt(dim)
    return [(rng.normal(0, x_scale, (b, n, dim))).astype(dtype),
            rng.normal(0, w, (3 * dim, dim)).astype(dtype), rng.normal(0, 0.1, 3 * dim).astype(dtype),
            rng.normal(0, w, (dim, dim)).astype(dtype), rng.normal(0, 0.1, dim).astype(dtype)]


def _case(name, kind, params, heads, mask=None, grad=True, **extra) -> dict:
    args = list(params) + [int(heads)]
    if mask is not None:
        args.append(np.asarray(mask, dtype=bool))
    case = {"name": name, "kind": kind, "args": args, "kwargs": {}, **extra}
    if grad:
        case["grad"] = [0, 1, 3]
    return case


def _identity_params():
    x = np.array([[[1.0, 0.0, 0.5, 0.0], [0.0, 1.0, 0.0, 0.5], [1.0, 1.0, -1.0, 1.0]]])
    eye = np.eye(4)
    return [x, np.concatenate([eye, eye, eye]), np.zeros(12), eye.copy(), np.zeros(4)]


def _random_mask(rng, shape):
    m = rng.random(shape) < 0.6
    m[..., 0] = True  # every query may attend to at least one key
    return m


def public_cases() -> list[dict]:
    causal = np.tril(np.ones((3, 3), dtype=bool))
    return [
        _case("identity projections, 2 heads (q = k = v = x)", "public", _identity_params(), 2,
              grad=False),
        _case("the same with a causal mask (True = may attend)", "public", _identity_params(), 2,
              causal, grad=False),
    ]


def hidden_cases(rng: np.random.Generator) -> list[dict]:
    cases = []
    for b, n, dim, h, m in [(2, 5, 8, 2, None), (1, 7, 12, 3, "causal"), (3, 4, 16, 4, "batch"),
                            (2, 6, 8, 1, None), (1, 9, 32, 8, "shared"), (2, 5, 6, 2, "batch")]:
        mask = {None: None, "causal": np.tril(np.ones((n, n), dtype=bool)),
                "shared": _random_mask(rng, (n, n)), "batch": _random_mask(rng, (b, n, n))}[m]
        what = {None: "no mask", "causal": "causal mask", "shared": "(N, N) mask",
                "batch": "(B, N, N) mask"}[m]
        cases.append(_case(f"random B={b}, N={n}, D={dim}, {h} heads, {what}", "random",
                           _params(rng, b, n, dim), h, mask))
    cases.append(_case("random float32 B=2, N=10, D=16, 4 heads", "random",
                       _params(rng, 2, 10, 16, np.float32), 4))
    n = 6
    full = np.ones((n, n), dtype=bool)
    none_row = _random_mask(rng, (2, n, n))
    none_row[1, 2] = False
    cases += [
        _case("a single token (N = 1)", "edge", _params(rng, 2, 1, 8), 2),
        _case("one channel per head (num_heads = D)", "edge", _params(rng, 1, 4, 4), 4),
        _case("an all-True mask equals no mask", "edge", _params(rng, 2, n, 8), 2, full),
        _case("a query allowed no key gets zero weights (its output row is b_out)", "edge",
              _params(rng, 2, n, 8), 2, none_row),
        _case("an all-False mask: every output row is b_out", "edge", _params(rng, 1, 3, 4), 2,
              np.zeros((3, 3), dtype=bool), grad=False),
        _case("large scores, float32 (stability)", "probe",
              _params(rng, 2, 5, 8, np.float32, x_scale=30.0), 2, finite=True, rtol=1e-3,
              atol=1e-3),
        {"name": "D not divisible by num_heads raises ValueError", "kind": "edge",
         "args": _params(rng, 1, 3, 6) + [4], "kwargs": {}, "raises": "ValueError"},
        # the runner casts every array argument of a gradcheck case to float64: no bool mask
        {"name": "gradcheck in float64", "kind": "gradcheck", "args": _params(rng, 1, 3, 4) + [2],
         "kwargs": {}, "grad": [0, 1, 3]},
    ]
    return cases


def timing_input(n: int, rng: np.random.Generator) -> tuple[list, dict]:
    return _params(rng, 8, n, 128, np.float32) + [4], {}
