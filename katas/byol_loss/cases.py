"""Cases, known mistakes and timing inputs for the `byol_loss` kata.

Inputs are NumPy arrays (the runner turns them into tensors); MISTAKES take tensors. The
gradient w.r.t. z (argument 1) must be zero or None: cases list it in ``stop_grad``.
"""

from __future__ import annotations

import numpy as np

MISTAKES_FRAMEWORK = "torch"


def _loss(p, z, *, normalise=True, form="2-2cos", reduce="mean"):
    import torch.nn.functional as F

    if normalise:
        p, z = F.normalize(p, dim=1), F.normalize(z, dim=1)
    cos = (p * z).sum(dim=1)
    per_row = 1 - cos if form == "1-cos" else 2 - 2 * cos
    return per_row.mean() if reduce == "mean" else per_row.sum()


MISTAKES = [
    ("no-normalisation", "missing normalisation: the loss is on unit vectors, 2 - 2 * cos(p, z); "
     "F.normalize both along D", lambda p, z: _loss(p, z, normalise=False)),
    ("one-minus-cos", "1 - cos instead of 2 - 2 * cos (= ||p/|p| - z/|z|||^2): half the loss "
     "and half the gradient", lambda p, z: _loss(p, z, form="1-cos")),
    ("sum-over-batch", "summed over the batch; average it over N",
     lambda p, z: _loss(p, z, reduce="sum")),
]

STOP_GRAD_HINT = ("target-not-detached", "the gradient flows into the target z: BYOL stops it "
                  "(z.detach()); only the online network is trained by this loss")


def _case(name, kind, p, z, dtype=np.float64, grad=(0, 1), **extra) -> dict:
    return dict({"name": name, "kind": kind,
                 "args": [np.asarray(p, dtype=dtype), np.asarray(z, dtype=dtype)],
                 "kwargs": {}, "grad": list(grad), "stop_grad": [1]}, **extra)


def public_cases() -> list[dict]:
    return [_case("two pairs in 2-D", "public", [[3.0, 4.0], [1.0, 0.0]],
                  [[4.0, 3.0], [0.0, 2.0]])]


def hidden_cases(rng: np.random.Generator) -> list[dict]:
    cases = []
    for n, d in [(4, 8), (8, 16), (16, 32), (5, 3), (32, 16), (3, 128)]:
        p = rng.normal(0, 1, (n, d)) * rng.uniform(0.5, 3.0)
        z = p + rng.normal(0, 1.0, (n, d))
        cases.append(_case(f"random N={n}, D={d}", "random", p, z))
    p = rng.normal(0, 1, (8, 16))
    cases.append(_case("random float32 N=8, D=16", "random", p, p + rng.normal(0, 1, p.shape),
                       dtype=np.float32))
    q = rng.normal(0, 1, (4, 6))
    cases += [
        _case("N = 1", "edge", rng.normal(0, 1, (1, 5)), rng.normal(0, 1, (1, 5))),
        # at cos = +-1 the gradient w.r.t. p is 0 up to rounding: check only that z gets none
        _case("z = p scaled by 3 (loss 0)", "edge", q, 3 * q, grad=(1,)),
        _case("z = -p (loss 4)", "edge", q, -q, grad=(1,)),
        _case("large-norm predictions, small-norm targets", "edge", 1e3 * q,
              1e-3 * rng.normal(0, 1, (4, 6))),
        _case("D = 1", "edge", rng.normal(0, 1, (5, 1)), rng.normal(0, 1, (5, 1)), grad=(1,)),
        _case("different shapes raise ValueError", "edge", rng.normal(0, 1, (3, 4)),
              rng.normal(0, 1, (4, 4)), grad=(), raises="ValueError"),
        {"name": "gradcheck in float64 (w.r.t. p)", "kind": "gradcheck",
         "args": [rng.normal(0, 1, (3, 4)), rng.normal(0, 1, (3, 4))], "kwargs": {}, "grad": [0]},
    ]
    return cases


def timing_input(n: int, rng: np.random.Generator) -> tuple[list, dict]:
    p = rng.normal(0, 1, (n, 64)).astype(np.float32)
    return [p, (p + rng.normal(0, 1, p.shape)).astype(np.float32)], {}
