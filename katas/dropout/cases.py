"""Cases, known mistakes, timing inputs and the statistical compare for the `dropout` kata.

Inputs are NumPy arrays (the runner turns them into tensors); MISTAKES take tensors.

The mask is random and the user may draw it any way they like, so outputs are not compared
with the reference's: ``compare`` checks that every element is 0 or ``x / (1 - p)``, that on
large inputs the fraction zeroed is within 6 binomial standard deviations of ``p``, and that
the mask is not shared across rows or columns; evaluation mode, ``p = 0`` and ``p = 1`` are
exact. Gradients are compared where they do not depend on the mask (eval, p = 0, p = 1,
p = 1e-9 where nothing is dropped in practice).

Randomness itself (engine case keys ``calls``, ``generator``, ``across_calls``,
``global_rng``, ``mistake_ids``): two calls on the same input must draw different masks (a
fixed mask, or ``torch.manual_seed`` inside, fails); two calls given generators seeded alike
must draw the same mask and leave torch's global RNG untouched (the generator is honoured).

Diagnosis: the runner names a mistake by matching outputs, so the mistakes below draw their
mask from a fixed seed and the cases include inputs where the mask is known in practice:
p = 0.001 on 6 elements (nothing dropped with probability 0.994) and evaluation mode. There a
mask ignoring training=False and an eval-mode scale look alike; the one agreeing on more cases
wins and a tie goes to the earlier entry, hence training-ignored before eval-scaled.
"""

from __future__ import annotations

import math

import numpy as np

MISTAKES_FRAMEWORK = "torch"


def _params(args, kwargs):
    names = ["x", "p", "training"]
    kw = dict(zip(names, args))
    kw.update({k: v for k, v in kwargs.items() if k in names})
    return kw["x"], float(kw.get("p", 0.5)), bool(kw.get("training", True))


def _drop(*args, scale="inverse", eval_factor="one", keep_prob=False, no_mask=False,
          always=False, **kwargs):
    import torch

    x, p, training = _params(args, kwargs)
    if not training and not always:
        return x * {"one": 1.0, "p": p, "keep": 1 - p, "inverse": 1 / (1 - p)}[eval_factor]
    u = torch.rand(x.shape, generator=torch.Generator().manual_seed(0), dtype=x.dtype)
    keep = (u < p) if keep_prob else (u >= p)
    if no_mask:
        keep = torch.ones_like(keep)
    if p == 1.0 and scale == "inverse":  # as the contract says: p = 1 drops everything, no 0 / 0
        return x * 0.0
    s = {"inverse": 1 / (1 - p), "none": 1.0, "keep": 1 - p, "p-inverse": 1 / p}[scale]
    return x * keep.to(x.dtype) * s


MISTAKES = [
    ("no-scaling", "the kept elements are not scaled: inverted dropout multiplies them by "
     "1 / (1 - p) in training, so the expected activation equals x and eval needs nothing",
     lambda *a, **k: _drop(*a, scale="none", **k)),
    ("scaled-by-keep-prob", "the kept elements are multiplied by (1 - p); inverted dropout "
     "divides them by (1 - p)", lambda *a, **k: _drop(*a, scale="keep", **k)),
    ("non-inverted", "classic (non-inverted) dropout, scaling by (1 - p) at test time; the "
     "contract is inverted dropout: scale by 1 / (1 - p) in training, return x in eval",
     lambda *a, **k: _drop(*a, scale="none", eval_factor="keep", **k)),
    ("test-time-times-p", "'multiply by p at test time' (a popular claim) is wrong twice: with p "
     "the drop probability the factor would be 1 - p, and inverted dropout needs no test-time "
     "factor at all (eval returns x)", lambda *a, **k: _drop(*a, scale="none", eval_factor="p", **k)),
    ("training-ignored", "training=False must return x unchanged: no mask in evaluation",
     lambda *a, **k: _drop(*a, always=True, **k)),
    ("eval-scaled", "eval mode must return x unchanged; the 1 / (1 - p) scale belongs to "
     "training only", lambda *a, **k: _drop(*a, eval_factor="inverse", **k)),
    ("p-is-keep-prob", "p is the probability of dropping an element, not of keeping it: keep "
     "with probability 1 - p and scale by 1 / (1 - p)",
     lambda *a, **k: _drop(*a, keep_prob=True, scale="p-inverse", **k)),
    ("mask-not-applied", "the mask is never applied: in training each element is zeroed with "
     "probability p", lambda *a, **k: _drop(*a, no_mask=True, **k)),
    ("fixed-mask", "the same mask on every call (a fixed seed or a mask drawn once): dropout "
     "draws a new mask on every call", lambda *a, **k: _drop(*a, **k)),
    ("reseeds-global-rng", "torch.manual_seed inside the function resets the global random "
     "state on every call: every call draws the same mask, and the caller's randomness is "
     "reset too; never seed inside a layer", lambda *a, **k: _reseeded(*a, **k)),
    ("generator-ignored", "the `generator` argument is ignored: draw the mask with "
     "torch.rand(x.shape, generator=generator, ...) so that a seeded generator reproduces it",
     lambda *a, **k: _global_draw(*a, **k)),
]

# which mistake each failed randomness check means (see the engine's randomness checks)
RANDOMNESS_MISTAKES = {"same-every-call": "fixed-mask", "reseeds-global": "reseeds-global-rng",
                       "generator-ignored": "generator-ignored"}


def _reseeded(*args, **kwargs):
    import torch

    x, p, training = _params(args, kwargs)
    if not training or p == 0.0:
        return x
    if p == 1.0:  # the mistake is the reseeding, not p = 1
        return x * 0.0
    torch.manual_seed(1234)  # what the mistake does; its own output differs from fixed-mask's
    keep = torch.rand(x.shape, dtype=x.dtype) >= p
    return x * keep.to(x.dtype) / (1 - p)


def _global_draw(*args, **kwargs):
    import torch

    x, p, training = _params(args, kwargs)
    if not training or p == 0.0:
        return x
    if p == 1.0:  # the mistake is ignoring the generator, not p = 1
        return x * 0.0
    keep = torch.rand(x.shape, generator=torch.Generator().manual_seed(1), dtype=x.dtype) >= p
    return x * keep.to(x.dtype) / (1 - p)


def compare(case: dict, expected: np.ndarray, got: np.ndarray) -> tuple[bool, str, float | None]:
    """Every element 0 or x / (1 - p); the zero fraction close to p on large inputs."""
    from prepcli.katas.judge import compare_arrays, tolerances

    x, p, training = _params(case["args"], case["kwargs"])
    rtol, atol = tolerances(case)
    if got.shape != x.shape:
        return False, f"shape {got.shape}, expected {x.shape} (the shape of x)", None
    if got.dtype.kind != "f":
        return False, f"dtype {got.dtype}, expected floats", None
    if not training or p == 0.0:
        return compare_arrays(x, got, rtol, atol)
    if p == 1.0:
        return compare_arrays(np.zeros_like(x), got, rtol, atol)
    g = got.astype(np.float64)
    kept = x.astype(np.float64) / (1.0 - p)
    if np.any(~np.isfinite(g)):
        k = int(np.argmax(~np.isfinite(g)))
        return False, f"{g.flat[k]} at flat index {k}: the output must be finite", None
    is_zero = np.abs(g) <= atol
    is_kept = np.abs(g - kept) <= atol + rtol * np.abs(kept)
    bad = ~(is_zero | is_kept)
    if np.any(bad):
        k = int(np.argmax(bad))
        where = tuple(int(i) for i in np.unravel_index(k, g.shape))
        return (False, f"at index {where}: got {g.flat[k]:.8g}, expected 0 (dropped) or "
                f"x / (1 - p) = {kept.flat[k]:.8g} (kept)", float(np.abs(g - kept).flat[k]))
    informative = kept != 0  # where dropped and kept differ
    n = int(informative.sum())
    if n >= 2000:
        if x.ndim >= 2 and x.shape[-1] >= 20 and x.size // x.shape[-1] >= 20:
            m = (is_zero & informative).reshape(-1, x.shape[-1])
            if np.all(m == m[0]):
                return False, "every row has the same mask: draw one random number per element", None
            if np.all(m == m[:, :1]):
                return False, "every column has the same mask: draw one random number per element", None
        frac = float(is_zero[informative].mean())
        tol = 6 * math.sqrt(p * (1 - p) / n)
        if abs(frac - p) > tol:
            return (False, f"zeroed a fraction {frac:.4f} of {n} elements; expected p = {p:g} "
                    f"(within {tol:.4f})", None)
    return True, "", 0.0


def _case(name, kind, x, p, training=True, dtype=np.float64, grad=False, **extra) -> dict:
    case = {"name": name, "kind": kind, "args": [np.asarray(x, dtype=dtype), p, training],
            "kwargs": {}, **extra}
    if grad:
        case["grad"] = [0]
    return case


def _nonzero(rng, shape):
    x = rng.normal(0, 1, shape)
    return np.where(np.abs(x) < 1e-3, 1.0, x)


def public_cases() -> list[dict]:
    x = np.arange(1.0, 9.0).reshape(2, 4)
    return [
        _case("training, p = 0.25: each element 0 or x / 0.75", "public", x, 0.25),
        _case("evaluation returns x unchanged", "public", x, 0.25, False),
    ]


def hidden_cases(rng: np.random.Generator) -> list[dict]:
    cases = []
    for k in range(3):
        cases.append(_case(f"p = 0.001 on 6 elements: nothing dropped in practice, kept elements "
                           f"scaled by 1 / (1 - p) ({k + 1})", "random", _nonzero(rng, (6,)),
                           0.001))
    # 5000-8000 elements: 6 sigma is at most 0.04, and a pure-Python loop stays within the
    # per-case time limit (it must fail on time, not time out)
    for p, shape, dtype in [(0.1, (50, 100), np.float64), (0.3, (50, 100), np.float32),
                            (0.7, (40, 150), np.float64), (0.9, (50, 100), np.float64),
                            (0.2, (8000,), np.float64), (0.4, (5, 20, 60), np.float32)]:
        cases.append(_case(f"{shape} in training, p = {p}: zero fraction close to p", "random",
                           _nonzero(rng, shape), p, dtype=dtype))
    cases.append({"name": "p and training passed by keyword", "kind": "random",
                  "args": [_nonzero(rng, (60, 100))], "kwargs": {"p": 0.6, "training": True}})
    cases += [
        _case("evaluation, p = 0.3: x unchanged (values and gradient)", "edge",
              _nonzero(rng, (4, 5)), 0.3, False, grad=True),
        _case("evaluation, p = 0.001: no mask in evaluation", "edge", _nonzero(rng, (6,)), 0.001,
              False),
        _case("evaluation, p = 0.9, float32", "edge", _nonzero(rng, (3, 7)), 0.9, False,
              dtype=np.float32),
        _case("p = 0 in training is the identity (values and gradient)", "edge",
              _nonzero(rng, (5, 4)), 0.0, grad=True),
        _case("p = 1 drops everything: zeros, no NaN (values and gradient)", "edge",
              _nonzero(rng, (5, 4)), 1.0, grad=True),
        _case("p = 1e-9: gradient of the kept elements is 1 / (1 - p)", "edge",
              _nonzero(rng, (16,)), 1e-9, grad=True),
        _case("single element, p = 0.5", "edge", [3.0], 0.5),
        _case("empty input", "edge", np.zeros((0, 5)), 0.5),
        _case("x with exact zeros", "edge", [0.0, 1.0, 0.0, -2.0], 0.5),
        {"name": "p = -0.1 raises ValueError", "kind": "edge", "args": [np.ones(3), -0.1, True],
         "kwargs": {}, "raises": "ValueError"},
        {"name": "p = 1.5 raises ValueError", "kind": "edge", "args": [np.ones(3), 1.5, True],
         "kwargs": {}, "raises": "ValueError"},
    ]
    seed = int(rng.integers(1, 2**31))
    cases += [
        _case("two calls on the same input draw different masks", "random",
              _nonzero(rng, (40, 50)), 0.5, calls=2, across_calls="differ",
              mistake_ids=RANDOMNESS_MISTAKES),
        _case("two generators seeded alike give the same mask; the global RNG is untouched",
              "random", _nonzero(rng, (40, 50)), 0.3, calls=2, generator=seed,
              across_calls="same", global_rng="untouched", mistake_ids=RANDOMNESS_MISTAKES),
    ]
    return cases


def timing_input(n: int, rng: np.random.Generator) -> tuple[list, dict]:
    return [rng.normal(0, 1, (n, 1024)).astype(np.float32), 0.3, True], {}
