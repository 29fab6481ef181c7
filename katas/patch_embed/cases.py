"""Cases, known mistakes and timing inputs for the `patch_embed` kata.

Inputs are NumPy arrays (the runner turns them into tensors); MISTAKES take tensors.
Arguments: images, weight, bias, cls_token, pos_embed.
"""

from __future__ import annotations

import numpy as np

MISTAKES_FRAMEWORK = "torch"


def _embed(images, weight, bias, cls_token, pos_embed, *, tokens="transpose", cls="first",
           pos="after", use_bias=True, weight_order="cpq"):
    import torch
    import torch.nn.functional as F

    b, c, h, w = images.shape
    d, _, p, _ = weight.shape
    if weight_order == "cpq":
        x = F.conv2d(images, weight, bias if use_bias else None, stride=p)  # [B, D, h, w]
    else:  # patches flattened (row, column, channel) against a (C, P, P)-flattened weight
        gh, gw = h // p, w // p
        pt = images.reshape(b, c, gh, p, gw, p).permute(0, 2, 4, 3, 5, 1).reshape(b, gh * gw, -1)
        x = (pt @ weight.reshape(d, -1).T + bias).transpose(1, 2).reshape(b, d, gh, gw)
    if tokens == "transpose":
        t = x.flatten(2).transpose(1, 2)
    elif tokens == "reshape":
        t = x.reshape(b, -1, d)
    else:  # column-major
        t = x.transpose(2, 3).flatten(2).transpose(1, 2)
    n = t.shape[1]
    ct = cls_token.expand(b, -1, -1)
    if pos == "before":
        t = t + pos_embed[:, :n]
        return torch.cat([ct, t], dim=1)
    if pos == "before-skip-cls":
        return torch.cat([ct, t + pos_embed[:, 1:]], dim=1)
    x = torch.cat([ct, t] if cls == "first" else [t, ct], dim=1)
    return x + pos_embed


MISTAKES = [
    ("reshape-not-transpose", "tokens from a reshape of (B, D, N) to (B, N, D), which mixes "
     "channels and positions: flatten(2).transpose(1, 2)", lambda *a: _embed(*a, tokens="reshape")),
    ("cls-appended", "the [CLS] token goes first (index 0), not at the end",
     lambda *a: _embed(*a, cls="last")),
    ("pos-before-cls", "pos_embed added before prepending [CLS] (with its first N rows): it has "
     "N + 1 rows, row 0 for [CLS]; concatenate first, then add",
     lambda *a: _embed(*a, pos="before")),
    ("cls-without-pos", "the [CLS] token gets no position embedding: add pos_embed to the whole "
     "(B, N + 1, D) sequence", lambda *a: _embed(*a, pos="before-skip-cls")),
    ("no-bias", "the projection bias is missing", lambda *a: _embed(*a, use_bias=False)),
    ("column-major-tokens", "tokens in column-major order; patches go row by row (flatten(2) "
     "of (B, D, H/P, W/P))", lambda *a: _embed(*a, tokens="column")),
    ("weight-order", "patches flattened (row, column, channel) but the conv weight (D, C, P, P) "
     "flattens (channel, row, column): permute one to match the other",
     lambda *a: _embed(*a, weight_order="pqc")),
]


def _params(rng, b, c, h, w, p, d, dtype=np.float64):
    n = (h // p) * (w // p)
    scale = 1 / np.sqrt(c * p * p)
    return [rng.normal(0, 1, (b, c, h, w)).astype(dtype),
            rng.normal(0, scale, (d, c, p, p)).astype(dtype), rng.normal(0, 0.5, d).astype(dtype),
            rng.normal(0, 1, (1, 1, d)).astype(dtype), rng.normal(0, 0.5, (1, n + 1, d)).astype(dtype)]


def _case(name, kind, params, grad=True, **extra) -> dict:
    case = {"name": name, "kind": kind, "args": list(params), "kwargs": {}, **extra}
    if grad:
        case["grad"] = [0, 1, 3, 4]
    return case


def _example():
    images = np.arange(32.0).reshape(1, 2, 4, 4) / 10  # B=1, C=2, H=W=4
    weight = np.zeros((3, 2, 2, 2))  # D=3, P=2
    weight[0] = 0.25  # mean of both channels over the patch, scaled
    weight[1, 0, 0, 0] = 1.0  # top-left pixel of channel 0
    weight[2, 1, 1, 1] = 1.0  # bottom-right pixel of channel 1
    bias = np.array([0.0, 0.0, 1.0])
    cls_token = np.array([[[9.0, 9.0, 9.0]]])
    pos_embed = np.zeros((1, 5, 3))
    pos_embed[0, :, 0] = np.arange(5) * 10  # position index * 10 in channel 0
    return [images, weight, bias, cls_token, pos_embed]


def public_cases() -> list[dict]:
    return [_case("1 x 2 x 4 x 4 image, P = 2, D = 3 (hand-made weights)", "public", _example(),
                  grad=False)]


def hidden_cases(rng: np.random.Generator) -> list[dict]:
    cases = []
    for k, (b, c, h, w, p, d) in enumerate([(2, 3, 8, 8, 4, 6), (1, 3, 12, 8, 4, 5),
                                            (3, 1, 6, 9, 3, 4), (2, 4, 16, 16, 8, 8),
                                            (1, 3, 32, 32, 16, 12), (2, 2, 10, 4, 2, 3)]):
        dtype = np.float32 if k % 2 else np.float64
        cases.append(_case(f"random {b}x{c}x{h}x{w}, P = {p}, D = {d} ({np.dtype(dtype).name})",
                           "random", _params(rng, b, c, h, w, p, d, dtype)))
    cases += [
        _case("P = 1 (every pixel a token)", "edge", _params(rng, 1, 3, 3, 2, 1, 4)),
        _case("P = H = W (a single patch: [CLS] + 1 token)", "edge", _params(rng, 2, 3, 4, 4, 4, 5)),
        _case("tall image (H = 3 W)", "edge", _params(rng, 1, 2, 12, 4, 2, 3)),
        {"name": "H not divisible by P raises ValueError", "kind": "edge",
         "args": [np.zeros((1, 3, 10, 8)), np.zeros((4, 3, 4, 4)), np.zeros(4), np.zeros((1, 1, 4)),
          np.zeros((1, 5, 4))], "kwargs": {}, "raises": "ValueError"},
        {"name": "pos_embed of the wrong length raises ValueError", "kind": "edge",
         "args": [np.zeros((1, 3, 8, 8)), np.zeros((4, 3, 4, 4)), np.zeros(4), np.zeros((1, 1, 4)),
                  np.zeros((1, 4, 4))], "kwargs": {}, "raises": "ValueError"},
        {"name": "gradcheck in float64", "kind": "gradcheck", "args": _params(rng, 1, 2, 4, 4, 2, 3),
         "kwargs": {}, "grad": [0, 1, 2, 3, 4]},
    ]
    return cases


def timing_input(n: int, rng: np.random.Generator) -> tuple[list, dict]:
    return _params(rng, n, 3, 224, 224, 16, 192, np.float32), {}
