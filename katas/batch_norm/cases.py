"""Cases, known mistakes and timing inputs for the `batch_norm` kata (NumPy throughout).

MISTAKES return the (y, running_mean, running_var) tuple a wrong solution would.
"""

from __future__ import annotations

import numpy as np

MISTAKES_FRAMEWORK = "numpy"


def _bn(x, gamma, beta, rm, rv, training, momentum=0.1, eps=1e-5, *, run_unbiased=True,
        norm_unbiased=False, eval_batch=False, inverted=False, eps_outside=False,
        channels_last=False, naive_var=False):
    c = x.shape[1]
    if channels_last and x.ndim == 4:  # NCHW read as if it were NHWC
        flat = x.reshape(-1, c)
    else:
        flat = np.moveaxis(x, 1, -1).reshape(-1, c)
    n = flat.shape[0]
    shape = (1, c) + (1,) * (x.ndim - 2)
    if training or eval_batch:
        mean = flat.mean(axis=0)
        var = (flat ** 2).mean(axis=0) - mean ** 2 if naive_var else flat.var(axis=0)
        with np.errstate(divide="ignore", invalid="ignore"):  # n = 1: inf / NaN, as torch
            unbiased = var * n / (n - 1)
        norm_var = unbiased if norm_unbiased else var
    if training:
        batch_var = unbiased if run_unbiased else var
        a, b = (momentum, 1 - momentum) if inverted else (1 - momentum, momentum)
        new_m, new_v = a * rm + b * mean, a * rv + b * batch_var
    else:
        new_m, new_v = rm.copy(), rv.copy()
        if not eval_batch:
            mean, norm_var = rm, rv
    std = np.sqrt(norm_var) + eps if eps_outside else np.sqrt(norm_var + eps)
    if channels_last and x.ndim == 4:
        y = ((flat - mean) / std * gamma + beta).reshape(x.shape)
    else:
        y = (x - mean.reshape(shape)) / std.reshape(shape) * gamma.reshape(shape) \
            + beta.reshape(shape)
    return y.astype(x.dtype), new_m, new_v


MISTAKES = [
    ("biased-running-var", "the running variance is updated with the biased batch variance; "
     "PyTorch uses the unbiased one, var * n / (n - 1) with n = N*H*W (normalisation still uses "
     "the biased one)", lambda *a, **k: _bn(*a, **k, run_unbiased=False)),
    ("unbiased-normalisation", "the batch is normalised with the unbiased variance; normalise "
     "with the biased one (divide by n), only the running update is unbiased",
     lambda *a, **k: _bn(*a, **k, norm_unbiased=True)),
    ("eval-uses-batch-stats", "eval mode normalises with the batch statistics; it must use "
     "running_mean and running_var (and leave them unchanged)",
     lambda *a, **k: _bn(*a, **k, eval_batch=True)),
    ("momentum-inverted", "momentum convention inverted (Keras-style): PyTorch's running = "
     "(1 - momentum) * running + momentum * batch", lambda *a, **k: _bn(*a, **k, inverted=True)),
    ("eps-outside-sqrt", "eps added outside the square root: divide by sqrt(var + eps)",
     lambda *a, **k: _bn(*a, **k, eps_outside=True)),
    ("channels-last-reshape", "statistics over the wrong axes for (N, C, H, W): x.reshape(-1, C) "
     "mixes channels (it assumes channels last); reduce over axes (0, 2, 3)",
     lambda *a, **k: _bn(*a, **k, channels_last=True)),
]

STABILITY_HINT = ("numerically unstable: mean(x**2) - mean(x)**2 cancels catastrophically when "
                  "|mean| >> std (float32); compute the variance as mean((x - mean)**2)")


def _case(name, kind, x, training, momentum=None, eps=None, rng=None, dtype=np.float64,
          params=None, **extra) -> dict:
    x = np.asarray(x, dtype=dtype)
    c = x.shape[1]
    if params is None:
        params = (rng.uniform(0.5, 2.0, c), rng.normal(0, 1, c), rng.normal(0, 1, c),
                  rng.uniform(0.5, 2.0, c))
    args = [x] + [np.asarray(p, dtype=dtype) for p in params] + [bool(training)]
    kwargs = {}
    if momentum is not None:
        kwargs["momentum"] = momentum
    if eps is not None:
        kwargs["eps"] = eps
    return dict({"name": name, "kind": kind, "args": args, "kwargs": kwargs}, **extra)


def public_cases() -> list[dict]:
    x = [[1.0, 2.0], [3.0, 6.0], [5.0, 10.0]]  # N=3, C=2
    params = ([1.0, 2.0], [0.0, 1.0], [0.0, 0.0], [1.0, 1.0])
    return [_case("N=3, C=2, training, momentum 0.1", "public", x, True, params=params)]


def hidden_cases(rng: np.random.Generator) -> list[dict]:
    cases = []
    for shape, training, m in [((8, 4), True, None), ((16, 3), True, 0.3), ((8, 4), False, None),
                               ((4, 3, 5, 5), True, None), ((2, 6, 4, 3), True, 0.01),
                               ((3, 5, 4, 4), False, None), ((5, 2, 7, 3), True, 0.5),
                               ((32, 8), True, 0.1)]:
        x = rng.normal(rng.uniform(-2, 2), rng.uniform(0.5, 3), shape)
        cases.append(_case(f"random {shape}, {'training' if training else 'eval'}"
                           + (f", momentum {m}" if m is not None else ""), "random", x, training,
                           momentum=m, rng=rng))
    cases.append(_case("random float32 (4, 3, 6, 6), training", "random",
                       rng.normal(1, 2, (4, 3, 6, 6)), True, rng=rng, dtype=np.float32))
    cases.append(_case("random float32 (8, 5), eval", "random", rng.normal(0, 1, (8, 5)), False,
                       rng=rng, dtype=np.float32))
    const = rng.normal(0, 1, (6, 3))
    const[:, 1] = 2.5
    cases += [
        _case("eps = 0.1 (large) in training", "edge", rng.normal(0, 0.3, (6, 4)), True, eps=0.1,
              rng=rng),
        _case("eps = 0.1 (large) in eval", "edge", rng.normal(0, 0.3, (6, 4)), False, eps=0.1,
              rng=rng),
        _case("a constant channel (variance 0)", "edge", const, True, rng=rng),
        _case("N = 2, the smallest 2-D training batch", "edge", rng.normal(0, 1, (2, 3)), True,
              rng=rng),
        _case("N = 1 image, 4-D training (n = H*W = 6)", "edge", rng.normal(0, 1, (1, 2, 2, 3)),
              True, rng=rng),
        _case("N = 1 in eval", "edge", rng.normal(0, 1, (1, 4)), False, rng=rng),
        _case("C = 1, 4-D", "edge", rng.normal(0, 1, (3, 1, 4, 4)), True, rng=rng),
        _case("momentum 0: running stats unchanged", "edge", rng.normal(0, 1, (5, 3)), True,
              momentum=0.0, rng=rng),
        _case("momentum 1: running stats = batch stats", "edge", rng.normal(0, 1, (5, 3, 2, 2)),
              True, momentum=1.0, rng=rng),
        _case("training with N = 1, 2-D (one value per channel) raises ValueError", "edge",
              rng.normal(0, 1, (1, 4)), True, rng=rng, raises="ValueError"),
        _case("3-D input raises ValueError", "edge", rng.normal(0, 1, (2, 3, 4)), True,
              params=[np.ones(3)] * 4, raises="ValueError"),
        _case("gamma of the wrong length raises ValueError", "edge", rng.normal(0, 1, (4, 3)), True,
              params=(np.ones(2), np.zeros(3), np.zeros(3), np.ones(3)), raises="ValueError"),
        _case("mean 1e4, std 1 in float32 (stability)", "probe",
              1e4 + rng.normal(0, 1, (16, 4, 4, 4)), True, rng=rng, dtype=np.float32,
              rtol=1e-2, atol=1e-2),  # x itself is only known to ~1e-3 at 1e4 in float32
    ]
    return cases


def timing_input(n: int, rng: np.random.Generator) -> tuple[list, dict]:
    c = 64
    x = rng.normal(0, 1, (n, c, 32, 32)).astype(np.float32)
    params = [rng.uniform(0.5, 2, c), rng.normal(0, 1, c), rng.normal(0, 1, c),
              rng.uniform(0.5, 2, c)]
    return [x] + [p.astype(np.float32) for p in params] + [True], {}
