"""Cases, known mistakes and timing inputs for the `kl_div` kata (NumPy only)."""

from __future__ import annotations

import numpy as np

MISTAKES_FRAMEWORK = "numpy"

# No mistake returns NaN: the diagnosis treats a NaN in a mistake's output as matching anything,
# so "0 * log 0 = NaN" is named by the failing case instead ("p = 0 terms count 0").


def _terms(p, q):
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(p > 0, p * np.log(p / q), 0.0)


def _kl(p, q, axis=-1):
    return _terms(p, q).sum(axis=axis)


def _unweighted(p: np.ndarray, q: np.ndarray, axis: int) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(p > 0, np.log(np.where(p > 0, p, 1.0) / q), 0.0).sum(axis=axis)


MISTAKES = [
    ("swapped", "the arguments are swapped: you computed KL(q || p); KL(p || q) weights "
     "log(p / q) by p", lambda p, q, axis=-1: _kl(q, p, axis)),
    ("log2", "log base 2 (bits); the contract is the natural log (nats)",
     lambda p, q, axis=-1: _kl(p, q, axis) / np.log(2)),
    ("no-p-weighting", "the log-ratio is not weighted by p: KL = sum p * log(p / q)",
     lambda p, q, axis=-1: _unweighted(p, q, axis)),
    ("log-input-convention", "q used as if it were already log-probabilities (PyTorch's F.kl_div "
     "takes log q as its input): here both p and q are probabilities, take log(q) yourself",
     lambda p, q, axis=-1: np.where(p > 0, p * (np.log(np.where(p > 0, p, 1.0)) - q), 0.0).sum(axis=axis)),
    ("mean-not-sum", "averaged over the outcomes instead of summed (like F.kl_div's "
     "reduction='mean')", lambda p, q, axis=-1: _terms(p, q).mean(axis=axis)),
]


def _dist(rng, shape, zeros=0.0, alpha=1.0):
    x = rng.gamma(alpha, 1.0, shape)
    if zeros:
        x = np.where(rng.random(shape) < zeros, 0.0, x)
        x[..., 0] += (x.sum(axis=-1) == 0)  # no all-zero rows
    return x / x.sum(axis=-1, keepdims=True)


def _case(name, kind, p, q, dtype=np.float64, **kwargs) -> dict:
    return {"name": name, "kind": kind,
            "args": [np.asarray(p, dtype=dtype), np.asarray(q, dtype=dtype)], "kwargs": kwargs}


def public_cases() -> list[dict]:
    return [
        _case("one pair of vectors; the p = 0 term counts 0", "public", [0.5, 0.5, 0.0], [0.25, 0.25, 0.5]),
        _case("two rows; q = 0 where p > 0 in the second gives +inf", "public",
              [[0.9, 0.1, 0.0], [0.5, 0.5, 0.0]], [[0.8, 0.1, 0.1], [1.0, 0.0, 0.0]]),
    ]


def hidden_cases(rng: np.random.Generator) -> list[dict]:
    cases = []
    for k, (shape, zeros) in enumerate([((10,), 0.0), ((8, 5), 0.0), ((4, 3, 6), 0.0),
                                        ((16, 10), 0.3), ((1, 50), 0.0), ((5, 4), 0.5)]):
        p = _dist(rng, shape, zeros)
        q = _dist(rng, shape)
        dtype = np.float32 if k == 1 else np.float64
        cases.append(_case(f"random {shape}{', p with zeros' if zeros else ''}", "random", p, q,
                           dtype))
    p, q = _dist(rng, (6, 7)), _dist(rng, (6, 7))
    cases.append(_case("axis=0 (distributions in columns)", "random", p.T, q.T, axis=0))
    p, q = _dist(rng, (3, 5, 4)), _dist(rng, (3, 5, 4))
    cases.append(_case("axis=1 of a (3, 4, 5) array", "random", p.transpose(0, 2, 1),
                       q.transpose(0, 2, 1), axis=1))
    p = _dist(rng, (9,))
    cases += [
        _case("p == q gives 0", "edge", np.stack([p, p]), np.stack([p, p])),
        _case("one-hot p: KL = -log q[k]", "edge", [[0.0, 1.0, 0.0, 0.0], [1.0, 0.0, 0.0, 0.0]],
              _dist(rng, (2, 4))),
        _case("q = 0 where p > 0 gives +inf; q = 0 where p = 0 is fine", "edge",
              [[0.5, 0.5, 0.0], [0.3, 0.0, 0.7], [0.0, 1.0, 0.0]],
              [[1.0, 0.0, 0.0], [0.5, 0.5, 0.0], [0.5, 0.5, 0.0]]),
        _case("single outcome", "edge", [[1.0], [1.0]], [[1.0], [1.0]]),
        _case("peaked distributions (tiny probabilities)", "edge",
              [[1 - 2e-12, 1e-12, 1e-12], [1e-30, 0.5, 0.5 - 1e-30]],
              [[1e-9, 0.5, 0.5 - 1e-9], [0.5, 0.25, 0.25]]),
        _case("KL is not symmetric (q, p order matters)", "edge", [0.9, 0.05, 0.05],
              [1 / 3, 1 / 3, 1 / 3]),
        {"name": "shape mismatch raises ValueError", "kind": "edge",
         "args": [np.full(3, 1 / 3), np.full(4, 0.25)], "kwargs": {}, "raises": "ValueError"},
    ]
    return cases


def timing_input(n: int, rng: np.random.Generator) -> tuple[list, dict]:
    return [_dist(rng, (n, 512), zeros=0.1), _dist(rng, (n, 512))], {}
