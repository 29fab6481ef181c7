"""Cases, known mistakes and timing inputs for the `clip_loss` kata.

Inputs are NumPy arrays (the runner turns them into tensors; logit_scale is a 0-d array);
MISTAKES take tensors.
"""

from __future__ import annotations

import math

import numpy as np

MISTAKES_FRAMEWORK = "torch"
INIT = math.log(1 / 0.07)  # CLIP's initial logit_scale


def _loss(img, txt, logit_scale, *, both=True, normalise=True, scale="exp-clamp", reduce="mean"):
    import torch
    import torch.nn.functional as F

    if normalise:
        img, txt = F.normalize(img, dim=1), F.normalize(txt, dim=1)
    s = {"exp-clamp": lambda: torch.clamp(logit_scale.exp(), max=100.0),
         "exp": lambda: logit_scale.exp(),
         "log-clamp": lambda: torch.clamp(logit_scale, max=100.0).exp(),
         "logits-clamp": lambda: logit_scale.exp(),
         "raw": lambda: torch.clamp(logit_scale, max=100.0),  # the clamp kept, the exp missing
         "divide": lambda: 1 / torch.clamp(logit_scale.exp(), max=100.0)}[scale]()
    logits = s * img @ txt.T
    if scale == "logits-clamp":
        logits = torch.clamp(logits, max=100.0)
    labels = torch.arange(img.shape[0])
    i2t = F.cross_entropy(logits, labels, reduction=reduce)
    if not both:
        return i2t
    return (i2t + F.cross_entropy(logits.T, labels, reduction=reduce)) / 2


MISTAKES = [
    ("one-direction", "only one direction: average the image->text cross-entropy (rows) and the "
     "text->image one (columns: logits.T)", lambda a, b, s: _loss(a, b, s, both=False)),
    ("no-normalisation", "missing normalisation: the similarities are cosines, F.normalize both "
     "embeddings along D first", lambda a, b, s: _loss(a, b, s, normalise=False)),
    ("scale-divides", "the similarities are divided by exp(logit_scale): it is the INVERSE "
     "temperature, multiply by it (logits = exp(logit_scale) * cos)",
     lambda a, b, s: _loss(a, b, s, scale="divide")),
    ("no-exp", "logit_scale used as the scale itself: it is a log, multiply by "
     "logit_scale.exp()", lambda a, b, s: _loss(a, b, s, scale="raw")),
    ("no-clamp", "the scale is not clamped: CLIP uses min(exp(logit_scale), 100)",
     lambda a, b, s: _loss(a, b, s, scale="exp")),
    ("log-scale-clamped", "logit_scale itself is clamped at 100, which lets the scale reach "
     "e^100: clamp the scale exp(logit_scale) at 100 (or logit_scale at log(100))",
     lambda a, b, s: _loss(a, b, s, scale="log-clamp")),
    ("logits-clamped", "each logit (scale * cosine) is clamped at 100: clamp the scale "
     "exp(logit_scale) at 100 before multiplying the cosines",
     lambda a, b, s: _loss(a, b, s, scale="logits-clamp")),
    ("sum-not-mean", "the cross-entropies are summed over the batch; average them over N",
     lambda a, b, s: _loss(a, b, s, reduce="sum")),
]

STABILITY_HINT = ("numerically unstable: exp(100 * cos) overflows in float32; use "
                  "F.cross_entropy (log-softmax / logsumexp) on the logits instead of exp and log")


def _case(name, kind, img, txt, logit_scale, dtype=np.float64, grad=(0, 1, 2), **extra) -> dict:
    return dict({"name": name, "kind": kind,
                 "args": [np.asarray(img, dtype=dtype), np.asarray(txt, dtype=dtype),
                          np.asarray(logit_scale, dtype=dtype)],
                 "kwargs": {}, "grad": list(grad)}, **extra)


def _pairs(rng, n, d, noise=2.0, dtype=np.float64):
    """Matching pairs with cosine around 0.45: hard enough that the loss is not ~0."""
    scale = rng.uniform(0.5, 3.0)
    img = rng.normal(0, 1, (n, d)) * scale
    return img.astype(dtype), (img + rng.normal(0, noise * scale, (n, d))).astype(dtype)


def public_cases() -> list[dict]:
    return [_case("two pairs in 2-D, logit_scale = log(10)", "public", [[1.0, 0.0], [0.0, 2.0]],
                  [[0.6, 0.8], [0.0, 1.0]], math.log(10.0))]


def hidden_cases(rng: np.random.Generator) -> list[dict]:
    cases = []
    for n, d, s in [(4, 8, INIT), (8, 16, math.log(20)), (16, 32, 1.0), (5, 3, 0.0),
                    (12, 64, INIT), (3, 128, math.log(5))]:
        img, txt = _pairs(rng, n, d)
        cases.append(_case(f"random N={n}, D={d}, logit_scale={s:.3g}", "random", img, txt, s))
    img, txt = _pairs(rng, 8, 16, dtype=np.float32)
    cases.append(_case("random float32 N=8, D=16", "random", img, txt, INIT, dtype=np.float32))
    img, txt = _pairs(rng, 6, 8)
    cases += [
        _case("N = 1 (a single pair: loss 0)", "edge", rng.normal(0, 1, (1, 4)),
              rng.normal(0, 1, (1, 4)), INIT),
        _case("D = 1 (cosines are +-1)", "edge", rng.normal(0, 1, (4, 1)),
              rng.normal(0, 1, (4, 1)), 1.0, grad=(2,)),  # d/d(embeddings) is 0 up to rounding
        _case("identical embeddings", "edge", img, img, INIT),
        _case("large-norm embeddings", "edge", 100 * img, 0.01 * txt, INIT),
        _case("logit_scale = log(100) exactly (at the clip)", "edge", img, txt, math.log(100.0),
              grad=(0, 1)),
        _case("logit_scale = 10: exp = 22026 is clipped to 100", "edge", img, txt, 10.0),
        _case("logit_scale = 120: the scale exp(120) is clipped to 100", "edge", img, txt, 120.0),
        _case("mismatched N raises ValueError", "edge", rng.normal(0, 1, (3, 4)),
              rng.normal(0, 1, (4, 4)), INIT, grad=(), raises="ValueError"),
        _case("mismatched D raises ValueError", "edge", rng.normal(0, 1, (3, 4)),
              rng.normal(0, 1, (3, 5)), INIT, grad=(), raises="ValueError"),
        _case("scale 100 in float32, random pairs (stability)", "probe", *_pairs(rng, 6, 16),
              math.log(100.0), dtype=np.float32, grad=(0, 1)),
        _case("scale 100 in float32, identical pairs (stability)", "probe", img, img,
              math.log(100.0), dtype=np.float32, grad=(0, 1)),
        {"name": "gradcheck in float64", "kind": "gradcheck",
         "args": [rng.normal(0, 1, (3, 4)), rng.normal(0, 1, (3, 4)), np.asarray(INIT)],
         "kwargs": {}, "grad": [0, 1, 2]},
    ]
    for c in cases:
        if c["kind"] == "probe":
            c["finite"] = True
            c["rtol"], c["atol"] = 2e-3, 1e-4
    return cases


def timing_input(n: int, rng: np.random.Generator) -> tuple[list, dict]:
    img, txt = _pairs(rng, n, 512, dtype=np.float32)
    return [img, txt, np.asarray(INIT, dtype=np.float32)], {}
