"""Cases, known mistakes and timing inputs for the `nt_xent` kata.

Inputs are NumPy arrays (the runner turns them into tensors); MISTAKES take tensors.
"""

from __future__ import annotations

import numpy as np

MISTAKES_FRAMEWORK = "torch"


def _loss(z_i, z_j, temperature=0.5, *, self_mask=True, multiply=False, normalise=True,
          both=True, reduce="mean", positive="swap"):
    import torch
    import torch.nn.functional as F

    n = z_i.shape[0]
    z = torch.cat([z_i, z_j])
    if normalise:
        z = F.normalize(z, dim=1)
    sim = z @ z.T
    sim = sim * temperature if multiply else sim / temperature
    if self_mask:
        sim = sim.masked_fill(torch.eye(2 * n, dtype=torch.bool), float("-inf"))
    if positive == "swap":
        targets = (torch.arange(2 * n) + n) % (2 * n)
    else:
        targets = torch.arange(2 * n)
    losses = F.cross_entropy(sim, targets, reduction="none")
    if not both:
        losses = losses[:n]
    return losses.mean() if reduce == "mean" else losses.sum()


MISTAKES = [
    ("no-self-mask", "missing self-mask: exp(sim(z_k, z_k) / tau) must be excluded from the "
     "denominator (mask the diagonal)", lambda a, b, t=0.5: _loss(a, b, t, self_mask=False)),
    ("temperature-multiplied", "the temperature multiplies the similarities; divide by it",
     lambda a, b, t=0.5: _loss(a, b, t, multiply=True)),
    ("no-normalisation", "missing normalisation: the similarity is the cosine, F.normalize the "
     "rows first", lambda a, b, t=0.5: _loss(a, b, t, normalise=False)),
    ("one-directional", "one-directional loss: average over all 2N anchors (z_i's and z_j's), "
     "not only the N rows of z_i", lambda a, b, t=0.5: _loss(a, b, t, both=False)),
    ("sum-not-mean", "the loss is summed over the anchors; average it over 2N",
     lambda a, b, t=0.5: _loss(a, b, t, reduce="sum")),
    ("self-as-positive", "the positive of row k is row (k + N) mod 2N, not k itself",
     lambda a, b, t=0.5: _loss(a, b, t, self_mask=False, positive="self")),
]


def _case(name, kind, z_i, z_j, dtype=np.float64, **kwargs) -> dict:
    return {"name": name, "kind": kind,
            "args": [np.asarray(z_i, dtype=dtype), np.asarray(z_j, dtype=dtype)],
            "kwargs": kwargs, "grad": [0, 1]}


def public_cases() -> list[dict]:
    return [
        _case("two pairs in 2-D, temperature 0.5", "public", [[1.0, 0.0], [0.0, 1.0]],
              [[0.8, 0.6], [0.6, 0.8]], temperature=0.5),
    ]


def hidden_cases(rng: np.random.Generator) -> list[dict]:
    cases = []
    for _k, (n, d, tau) in enumerate([(4, 8, 0.5), (8, 16, 0.1), (16, 32, 0.2), (5, 3, 1.0),
                                     (12, 64, 0.07), (3, 128, 0.5)]):
        z_i = rng.normal(0, 1, (n, d)) * rng.uniform(0.5, 3.0)
        z_j = z_i + rng.normal(0, 0.5, (n, d))
        cases.append(_case(f"random N={n}, D={d}, temperature={tau}", "random", z_i, z_j,
                           temperature=tau))
    z = rng.normal(0, 1, (8, 16))
    cases.append(_case("random float32 N=8, D=16", "random", z, z + rng.normal(0, 0.3, z.shape),
                       dtype=np.float32, temperature=0.5))
    cases += [
        _case("N = 1", "edge", rng.normal(0, 1, (1, 4)), rng.normal(0, 1, (1, 4)), temperature=0.5),
        _case("default temperature", "edge", rng.normal(0, 1, (3, 5)), rng.normal(0, 1, (3, 5))),
        _case("identical views", "edge", z[:4], z[:4], temperature=0.5),
        _case("unnormalised large-norm inputs", "edge", 50 * rng.normal(0, 1, (4, 6)),
              50 * rng.normal(0, 1, (4, 6)), temperature=0.3),
        _case("temperature 0.01 in float32 (stability)", "probe", rng.normal(0, 1, (6, 16)),
              rng.normal(0, 1, (6, 16)), dtype=np.float32, temperature=0.01),
        _case("temperature 0.01, nearly identical views, float32 (stability)", "probe", z[:5],
              z[:5] + 1e-3, dtype=np.float32, temperature=0.01),
        {"name": "gradcheck in float64", "kind": "gradcheck",
         "args": [rng.normal(0, 1, (3, 4)), rng.normal(0, 1, (3, 4))],
         "kwargs": {"temperature": 0.5}, "grad": [0, 1]},
    ]
    for c in cases:
        if c["kind"] == "probe":
            c["finite"] = True
            c["rtol"], c["atol"] = 2e-3, 1e-4
    return cases


def timing_input(n: int, rng: np.random.Generator) -> tuple[list, dict]:
    z_i = rng.normal(0, 1, (n, 128)).astype(np.float32)
    return [z_i, (z_i + rng.normal(0, 0.5, (n, 128))).astype(np.float32)], {"temperature": 0.5}

STABILITY_HINT = ("numerically unstable: exp(sim / temperature) overflows in float32 at small "
                  "temperatures; work with logits and F.cross_entropy / logsumexp instead of exp")
