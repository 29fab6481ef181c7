"""Cases, known mistakes and timing inputs for the `js_div` kata (NumPy only)."""

from __future__ import annotations

import numpy as np

MISTAKES_FRAMEWORK = "numpy"

# No mistake returns NaN: the diagnosis treats a NaN in a mistake's output as matching anything,
# so "0 * log 0 = NaN" is named by the failing cases instead ("zero terms count 0").


def _kl(p, q, axis=-1):
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(p > 0, p * np.log(p / q), 0.0).sum(axis=axis)


def _js(p, q, axis=-1, *, m_scale=0.5, half=0.5, bits=False):
    m = m_scale * (p + q)
    js = half * (_kl(p, m, axis) + _kl(q, m, axis))
    return js / np.log(2) if bits else js


MISTAKES = [
    ("m-not-averaged", "the mixture is m = (p + q) / 2; with m = p + q every KL is off by log 2",
     lambda p, q, axis=-1: _js(p, q, axis, m_scale=1.0)),
    ("symmetrised-kl", "that is the symmetrised KL 0.5 (KL(p||q) + KL(q||p)); JS compares each "
     "distribution with the mixture m = (p + q) / 2",
     lambda p, q, axis=-1: 0.5 * (_kl(p, q, axis) + _kl(q, p, axis))),
    ("no-half", "the two KL terms are averaged: JS = 0.5 KL(p||m) + 0.5 KL(q||m)",
     lambda p, q, axis=-1: _js(p, q, axis, half=1.0)),
    ("log2", "log base 2 (bits, max 1); the contract is the natural log (nats, max log 2)",
     lambda p, q, axis=-1: _js(p, q, axis, bits=True)),
    ("one-sided", "only KL(p || m): JS averages KL(p || m) and KL(q || m)",
     lambda p, q, axis=-1: _kl(p, 0.5 * (p + q), axis)),
]


def _dist(rng, shape, zeros=0.0):
    x = rng.gamma(1.0, 1.0, shape)
    if zeros:
        x = np.where(rng.random(shape) < zeros, 0.0, x)
        x[..., 0] += (x.sum(axis=-1) == 0)  # no all-zero rows
    return x / x.sum(axis=-1, keepdims=True)


def _case(name, kind, p, q, dtype=np.float64, **kwargs) -> dict:
    return {"name": name, "kind": kind,
            "args": [np.asarray(p, dtype=dtype), np.asarray(q, dtype=dtype)], "kwargs": kwargs}


def public_cases() -> list[dict]:
    return [
        _case("two vectors; zero terms count 0", "public", [0.5, 0.5, 0.0], [0.0, 0.5, 0.5]),
        _case("disjoint supports give log 2; identical give 0", "public",
              [[1.0, 0.0], [0.3, 0.7]], [[0.0, 1.0], [0.3, 0.7]]),
    ]


def hidden_cases(rng: np.random.Generator) -> list[dict]:
    cases = []
    for k, (shape, zeros) in enumerate([((10,), 0.0), ((8, 5), 0.0), ((4, 3, 6), 0.0),
                                        ((16, 10), 0.3), ((1, 50), 0.0), ((5, 4), 0.5)]):
        dtype = np.float32 if k == 1 else np.float64
        cases.append(_case(f"random {shape}{', zero terms count 0' if zeros else ''}", "random",
                           _dist(rng, shape, zeros), _dist(rng, shape, zeros), dtype))
    p, q = _dist(rng, (6, 7)), _dist(rng, (6, 7))
    cases.append(_case("axis=0 (distributions in columns)", "random", p.T, q.T, axis=0))
    p, q = _dist(rng, (3, 5, 4)), _dist(rng, (3, 5, 4))
    cases.append(_case("axis=1 of a (3, 4, 5) array", "random", p.transpose(0, 2, 1),
                       q.transpose(0, 2, 1), axis=1))
    p = _dist(rng, (9,))
    cases += [
        _case("p == q gives 0", "edge", np.stack([p, p]), np.stack([p, p])),
        _case("disjoint supports give log 2 (zero terms count 0)", "edge",
              [[0.5, 0.5, 0.0, 0.0], [0.0, 0.0, 0.1, 0.9]],
              [[0.0, 0.0, 0.2, 0.8], [1.0, 0.0, 0.0, 0.0]]),
        _case("partly overlapping one-hot and uniform", "edge", [[1.0, 0.0, 0.0, 0.0]],
              [[0.25, 0.25, 0.25, 0.25]]),
        _case("single outcome", "edge", [[1.0], [1.0]], [[1.0], [1.0]]),
        _case("peaked distributions (tiny probabilities)", "edge",
              [[1 - 2e-12, 1e-12, 1e-12], [1e-30, 0.5, 0.5 - 1e-30]],
              [[1e-9, 0.5, 0.5 - 1e-9], [0.5, 0.25, 0.25]]),
        {"name": "shape mismatch raises ValueError", "kind": "edge",
         "args": [np.full(3, 1 / 3), np.full(4, 0.25)], "kwargs": {}, "raises": "ValueError"},
    ]
    return cases


def timing_input(n: int, rng: np.random.Generator) -> tuple[list, dict]:
    return [_dist(rng, (n, 512), zeros=0.1), _dist(rng, (n, 512), zeros=0.1)], {}
