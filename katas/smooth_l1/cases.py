"""Cases, known mistakes and timing inputs for the `smooth_l1` kata.

Inputs are NumPy arrays (the runner turns them into tensors); MISTAKES take tensors.
"""

from __future__ import annotations

import numpy as np

MISTAKES_FRAMEWORK = "torch"


def _kw(args, kwargs):
    kw = dict(zip(["beta", "reduction"], args))
    kw.update(kwargs)
    return kw.get("beta", 1.0), kw.get("reduction", "mean")


def _smooth(inp, tgt, *a, half=0.5, lin_beta=True, quad_beta=True, beta_override=None,
            red=None, beta_squared=False, **k):
    import torch

    beta, reduction = _kw(a, k)
    if beta_override is not None:
        beta = beta_override
    x = inp - tgt
    ax = x.abs()
    if beta == 0:
        loss = ax
    else:
        quad = half * x * x / ((beta * beta if beta_squared else beta) if quad_beta else 1.0)
        loss = torch.where(ax < beta, quad, ax - 0.5 * (beta if lin_beta else 1.0))
    reduction = red.get(reduction, reduction) if red else reduction
    return {"mean": loss.mean, "sum": loss.sum}.get(reduction, lambda: loss)()


MISTAKES = [
    ("beta-ignored", "beta is ignored (always 1): the switch point and both pieces depend on beta",
     lambda i, t, *a, **k: _smooth(i, t, *a, beta_override=1.0, **k)),
    ("beta-squared", "the quadratic piece divides by beta squared (0.5 * (x / beta)**2); it is "
     "0.5 * x**2 / beta, which meets |x| - 0.5 * beta at |x| = beta",
     lambda i, t, *a, **k: _smooth(i, t, *a, beta_squared=True, **k)),
    ("half-missing", "the quadratic piece is 0.5 * x**2 / beta; without the 0.5 the two pieces "
     "do not meet at |x| = beta", lambda i, t, *a, **k: _smooth(i, t, *a, half=1.0, **k)),
    ("linear-without-beta", "the linear piece is |x| - 0.5 * beta, not |x| - 0.5",
     lambda i, t, *a, **k: _smooth(i, t, *a, lin_beta=False, **k)),
    ("quadratic-without-beta", "the quadratic piece is 0.5 * x**2 / beta, not 0.5 * x**2",
     lambda i, t, *a, **k: _smooth(i, t, *a, quad_beta=False, **k)),
    ("sum-for-mean", "'mean' returns the sum",
     lambda i, t, *a, **k: _smooth(i, t, *a, red={"mean": "sum"}, **k)),
    ("mean-for-sum", "'sum' returns the mean",
     lambda i, t, *a, **k: _smooth(i, t, *a, red={"sum": "mean"}, **k)),
    ("mean-always", "the reduction argument is ignored (always the mean)",
     lambda i, t, *a, **k: _smooth(i, t, *a, red={"sum": "mean", "none": "mean"}, **k)),
]

STABILITY_HINT = ("beta = 0 divides by zero: 0.5 * x**2 / beta is inf or NaN there and, even when "
                  "torch.where discards that branch, its NaN gradient leaks into the result; "
                  "treat beta = 0 as plain L1 (return |x|) before dividing")


def _case(name, kind, inp, tgt, dtype=np.float64, grad=True, **kwargs) -> dict:
    case = {"name": name, "kind": kind,
            "args": [np.asarray(inp, dtype=dtype), np.asarray(tgt, dtype=dtype)], "kwargs": kwargs}
    if grad:
        case["grad"] = [0]
    return case


def public_cases() -> list[dict]:
    inp, tgt = [0.5, -2.0, 3.0, -0.25], [0.0, 0.0, 1.0, 0.0]
    return [
        _case("x = [0.5, -2, 2, -0.25], reduction='none'", "public", inp, tgt, grad=False,
              reduction="none"),
        _case("the same, default beta = 1 and mean", "public", inp, tgt, grad=False),
    ]


def hidden_cases(rng: np.random.Generator) -> list[dict]:
    x = np.array([-0.9, -0.5, -0.1, -3.0, 0.3, 0.7, 2.5, -1.5])
    cases = [
        # first gradient case: the often-quoted derivative -x for -1 <= x < 0 fails here, by name
        _case("gradient for -beta <= x < 0 is x / beta (not -x)", "random", x, np.zeros(8),
              reduction="none"),
    ]
    for k, (beta, red) in enumerate([(1.0, "mean"), (0.5, "sum"), (2.0, "none"), (0.1, "mean"),
                                     (1.0, "none"), (3.0, "sum"), (0.25, "none"), (1.0, "sum")]):
        shape = [(64,), (8, 20), (2, 3, 7), (100,)][k % 4]
        inp = rng.normal(0, 1.5 * max(beta, 0.5), shape)
        tgt = rng.normal(0, 0.5, shape)
        cases.append(_case(f"random {shape}, beta={beta}, {red}", "random", inp, tgt, beta=beta,
                           reduction=red))
    cases.append(_case("random float32 (16, 40), beta=0.5", "random", rng.normal(0, 1, (16, 40)),
                       rng.normal(0, 1, (16, 40)), dtype=np.float32, beta=0.5, reduction="none"))
    cases.append(_case("beta passed positionally", "random", rng.normal(0, 2, (30,)),
                       np.zeros(30), grad=False))
    cases[-1]["args"] += [2.0, "sum"]
    cases += [
        _case("single element", "edge", [0.3], [1.0]),
        _case("|x| exactly beta (both pieces give 0.5 * beta)", "edge",
              [0.5, -0.5, 1.0, -1.0, 0.0], [0.0, 0.0, 0.5, -0.5, 0.0], grad=False, beta=0.5,
              reduction="none"),
        _case("input equals target: zero loss", "edge", np.arange(6.0), np.arange(6.0),
              reduction="sum"),
        _case("empty input, reduction='none'", "edge", np.zeros(0), np.zeros(0), grad=False,
              reduction="none"),
        _case("empty input, reduction='sum'", "edge", np.zeros((0, 4)), np.zeros((0, 4)),
              grad=False, reduction="sum"),
        _case("large errors, float32", "edge", [1e4, -3e4, 0.2], [0.0, 0.0, 0.0],
              dtype=np.float32, reduction="none"),
        _case("beta = 0 is plain L1 (values and gradients)", "probe",
              [0.5, -2.0, 3.0, -0.25, 1e-3], [0.0, 0.0, 1.0, 0.0, 0.0], beta=0.0,
              reduction="none"),
        _case("beta = 0, mean, random (values and gradients)", "probe",
              rng.normal(0, 1, (5, 6)), rng.normal(0, 1, (5, 6)), beta=0.0),
        {"name": "unknown reduction raises ValueError", "kind": "edge",
         "args": [np.zeros(3), np.ones(3)], "kwargs": {"reduction": "avg"}, "raises": "ValueError"},
        {"name": "negative beta raises ValueError", "kind": "edge",
         "args": [np.zeros(3), np.ones(3)], "kwargs": {"beta": -1.0}, "raises": "ValueError"},
        {"name": "gradcheck in float64", "kind": "gradcheck",
         "args": [rng.normal(0, 1.5, (3, 4)), rng.normal(0, 0.5, (3, 4))],
         "kwargs": {"beta": 0.7, "reduction": "mean"}, "grad": [0]},
    ]
    for c in cases:
        if c["kind"] == "probe":
            c["finite"] = True
    return cases


def timing_input(n: int, rng: np.random.Generator) -> tuple[list, dict]:
    return [rng.normal(0, 1.5, (64, n)).astype(np.float32),
            rng.normal(0, 0.5, (64, n)).astype(np.float32)], {"beta": 0.5}
