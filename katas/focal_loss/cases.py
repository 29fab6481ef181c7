"""Cases, known mistakes and timing inputs for the `focal_loss` kata.

Inputs are NumPy arrays (the runner turns them into tensors); MISTAKES take tensors.
"""

from __future__ import annotations

import numpy as np

MISTAKES_FRAMEWORK = "torch"


def _focal(logits, targets, alpha=0.25, gamma=2.0, reduction="mean", *, alpha_mode="ok",
           gamma_on="pt", red=None):
    import torch
    import torch.nn.functional as F

    p = torch.sigmoid(logits)
    ce = F.binary_cross_entropy_with_logits(logits, targets, reduction="none")
    p_t = p * targets + (1 - p) * (1 - targets)
    mod = (1 - p_t) ** gamma if gamma_on == "pt" else (1 - p) ** gamma
    loss = ce * mod
    if alpha_mode == "swapped" and alpha >= 0:
        loss = ((1 - alpha) * targets + alpha * (1 - targets)) * loss
    elif alpha_mode == "always" or (alpha_mode == "ok" and alpha >= 0):
        loss = (alpha * targets + (1 - alpha) * (1 - targets)) * loss
    elif alpha_mode == "positives-only" and alpha >= 0:
        loss = torch.where(targets > 0.5, alpha * loss, loss)
    red = reduction if red is None else red
    return {"mean": loss.mean, "sum": loss.sum}.get(red, lambda: loss)()


def _kw(args, kwargs):
    names = ["alpha", "gamma", "reduction"]
    kw = dict(zip(names, args[2:]))
    kw.update(kwargs)
    return kw


MISTAKES = [
    ("alpha-ignored", "alpha is not applied: weight each element by alpha_t = alpha * t + "
     "(1 - alpha) * (1 - t)", lambda x, t, *a, **k: _focal(x, t, **{**_kw((x, t) + a, k), "alpha": -1.0})),
    ("alpha-not-disabled", "alpha < 0 must disable the alpha weighting",
     lambda x, t, *a, **k: _focal(x, t, **_kw((x, t) + a, k), alpha_mode="always")),
    ("alpha-swapped", "alpha and 1 - alpha swapped: alpha weights the positives (t = 1)",
     lambda x, t, *a, **k: _focal(x, t, **_kw((x, t) + a, k), alpha_mode="swapped")),
    ("alpha-positives-only", "only the positives are weighted; negatives need 1 - alpha",
     lambda x, t, *a, **k: _focal(x, t, **_kw((x, t) + a, k), alpha_mode="positives-only")),
    ("gamma-on-p", "modulating factor (1 - p) ** gamma for every element; it is (1 - p_t) ** gamma",
     lambda x, t, *a, **k: _focal(x, t, **_kw((x, t) + a, k), gamma_on="p")),
    ("mean-always", "the reduction argument is ignored (always the mean)",
     lambda x, t, *a, **k: _focal(x, t, **_kw((x, t) + a, k), red="mean")),
    ("sum-for-mean", "'mean' returns the sum",
     lambda x, t, *a, **k: _focal(x, t, **_kw((x, t) + a, k),
                                  red="sum" if _kw((x, t) + a, k).get("reduction", "mean") == "mean"
                                  else None)),
]


def _case(name, kind, logits, targets, dtype=np.float64, grad=True, **kwargs) -> dict:
    case = {"name": name, "kind": kind,
            "args": [np.asarray(logits, dtype=dtype), np.asarray(targets, dtype=dtype)],
            "kwargs": kwargs}
    if grad:
        case["grad"] = [0]
    return case


def _random(rng, shape, scale=3.0):
    return rng.normal(0, scale, shape), (rng.random(shape) < 0.3).astype(np.float64)


def public_cases() -> list[dict]:
    return [
        _case("four logits, default alpha and gamma", "public", [2.0, -1.0, 0.5, -3.0],
              [1.0, 0.0, 0.0, 1.0]),
        _case("reduction='none'", "public", [[2.0, -1.0], [0.0, 4.0]], [[1.0, 0.0], [1.0, 0.0]],
              reduction="none"),
    ]


def hidden_cases(rng: np.random.Generator) -> list[dict]:
    cases = []
    for k, (alpha, gamma, red) in enumerate([(0.25, 2.0, "mean"), (0.25, 2.0, "sum"),
                                             (0.25, 2.0, "none"), (0.5, 0.0, "mean"),
                                             (0.75, 1.0, "none"), (-1.0, 2.0, "sum"),
                                             (0.25, 5.0, "mean"), (0.1, 0.5, "none")]):
        shape = [(64,), (8, 20), (2, 3, 7), (100,)][k % 4]
        x, t = _random(rng, shape)
        cases.append(_case(f"random {shape}, alpha={alpha}, gamma={gamma}, {red}", "random", x, t,
                           alpha=alpha, gamma=gamma, reduction=red))
    x, t = _random(rng, (16, 40))
    cases.append(_case("random float32 (16, 40)", "random", x, t, dtype=np.float32,
                       reduction="none"))
    cases += [
        _case("single element", "edge", [0.3], [1.0]),
        _case("alpha=-1 and gamma=0 is plain BCE", "edge", *_random(rng, (10,)), alpha=-1.0,
              gamma=0.0, reduction="none"),
        _case("all negatives", "edge", rng.normal(0, 2, (30,)), np.zeros(30), reduction="sum"),
        _case("all positives", "edge", rng.normal(0, 2, (30,)), np.ones(30), reduction="sum"),
        _case("logits exactly 0", "edge", np.zeros(6), [0, 1, 0, 1, 0, 1], reduction="none"),
        _case("|logits| = 100, both targets, float32 (stability)", "probe",
              [100.0, -100.0, 100.0, -100.0], [1.0, 0.0, 0.0, 1.0], dtype=np.float32,
              reduction="none"),
        _case("|logits| = 100, both targets, float64 (stability)", "probe",
              [100.0, -100.0, 100.0, -100.0, 30.0, -30.0], [1.0, 0.0, 0.0, 1.0, 0.0, 1.0],
              reduction="sum"),
        {"name": "unknown reduction raises ValueError", "kind": "edge",
         "args": [np.zeros(3), np.ones(3)], "kwargs": {"reduction": "avg"}, "raises": "ValueError"},
        {"name": "gradcheck in float64", "kind": "gradcheck",
         "args": [rng.normal(0, 2, (2, 3)), (rng.random((2, 3)) < 0.5).astype(np.float64)],
         "kwargs": {"reduction": "mean"}, "grad": [0]},
    ]
    for c in cases:
        if c["kind"] == "probe":
            c["finite"] = True
            c["rtol"], c["atol"] = 1e-4, 1e-6
    return cases


def timing_input(n: int, rng: np.random.Generator) -> tuple[list, dict]:
    x, t = _random(rng, (64, n))
    return [x.astype(np.float32), t.astype(np.float32)], {}

STABILITY_HINT = ("numerically unstable: log(sigmoid(x)) or log(1 - sigmoid(x)) hits log(0) when "
                  "sigmoid saturates; get -log(p_t) from F.binary_cross_entropy_with_logits")
