"""Cases, known mistakes and timing inputs for the `random_masking` kata.

Inputs are NumPy arrays (the runner turns them into tensors); MISTAKES take tensors and return
the (x_masked, mask, ids_restore) tuple a wrong solution would.
"""

from __future__ import annotations

import math

import numpy as np

MISTAKES_FRAMEWORK = "torch"


def _masking(x, mask_ratio, noise, *, descending=False, unshuffle_mask=True,
             restore_is_shuffle=False, ceil=False, one_order=False, original_order=False,
             inverted=False):
    import torch

    n, length, d = x.shape
    keep = length * (1 - mask_ratio)
    len_keep = min(length, math.ceil(keep - 1e-9)) if ceil else int(keep)
    ids_shuffle = torch.argsort(noise, dim=1, descending=descending)
    ids_restore = ids_shuffle if restore_is_shuffle else torch.argsort(ids_shuffle, dim=1)
    ids_keep = ids_shuffle[:, :len_keep]
    if original_order:
        ids_keep = ids_keep.sort(dim=1).values
    if one_order:
        x_masked = x[:, ids_keep[0]]
    else:
        x_masked = torch.gather(x, 1, ids_keep.unsqueeze(-1).expand(-1, -1, d))
    mask = torch.ones((n, length), dtype=x.dtype)
    mask[:, :len_keep] = 0
    if unshuffle_mask:
        mask = torch.gather(mask, 1, torch.argsort(ids_shuffle, dim=1))
    if inverted:
        mask = 1 - mask
    return x_masked, mask, ids_restore


MISTAKES = [
    ("keeps-largest-noise", "the patches with the LARGEST noise are kept: argsort the noise "
     "ascending, the first L_keep (smallest noise) are kept",
     lambda x, r, z: _masking(x, r, z, descending=True)),
    ("mask-not-unshuffled", "the mask is in shuffled order: build it as [0]*L_keep + [1]*(L - "
     "L_keep) and then unshuffle it with torch.gather(mask, 1, ids_restore)",
     lambda x, r, z: _masking(x, r, z, unshuffle_mask=False)),
    ("restore-is-shuffle", "ids_restore is ids_shuffle itself; it must be its inverse, "
     "argsort(ids_shuffle, dim=1)", lambda x, r, z: _masking(x, r, z, restore_is_shuffle=True)),
    ("keep-rounded-up", "L_keep rounded up; MAE truncates: L_keep = int(L * (1 - mask_ratio))",
     lambda x, r, z: _masking(x, r, z, ceil=True)),
    ("one-order-for-batch", "one sample's indices used for the whole batch (x[:, ids_keep[0]]): "
     "gather per sample along the patch axis, torch.gather(x, 1, ids_keep[..., None].expand(-1, "
     "-1, D))", lambda x, r, z: _masking(x, r, z, one_order=True)),
    ("kept-in-original-order", "the kept patches are re-sorted into their original order; MAE "
     "keeps them in shuffled (ascending-noise) order, which is what ids_restore undoes",
     lambda x, r, z: _masking(x, r, z, original_order=True)),
    ("mask-inverted", "the mask is inverted: 0 means kept, 1 means removed (the loss is taken "
     "on the removed patches)", lambda x, r, z: _masking(x, r, z, inverted=True)),
]


def _case(name, kind, x, mask_ratio, noise, dtype=np.float64, **extra) -> dict:
    x = np.asarray(x, dtype=dtype)
    noise = np.asarray(noise, dtype=dtype)
    return dict({"name": name, "kind": kind, "args": [x, float(mask_ratio), noise],
                 "kwargs": {}}, **extra)


def _random(rng, n, length, d, dtype=np.float64):
    return rng.normal(0, 1, (n, length, d)).astype(dtype), rng.uniform(0, 1, (n, length))


def public_cases() -> list[dict]:
    x = np.arange(12.0).reshape(1, 4, 3)
    return [_case("N=1, L=4, D=3, mask_ratio 0.5", "public", x, 0.5, [[0.6, 0.1, 0.9, 0.3]])]


def hidden_cases(rng: np.random.Generator) -> list[dict]:
    cases = []
    for n, length, d, r in [(2, 8, 4, 0.75), (3, 16, 8, 0.5), (4, 49, 16, 0.75), (2, 10, 3, 0.75),
                            (5, 12, 2, 0.25), (3, 196, 8, 0.75), (2, 10, 5, 0.6)]:
        x, z = _random(rng, n, length, d)
        cases.append(_case(f"random N={n}, L={length}, D={d}, mask_ratio {r}", "random", x, r, z))
    x, z = _random(rng, 3, 16, 6, np.float32)
    cases.append(_case("random float32 N=3, L=16, D=6, mask_ratio 0.75", "random", x, 0.75, z))
    x, z = _random(rng, 2, 12, 4)
    cases.append(_case("gradient of x_masked w.r.t. x", "random", x, 0.5, z, grad=[0]))
    cases += [
        _case("mask_ratio 0: every patch kept, in ascending-noise order", "edge",
              rng.normal(0, 1, (2, 6, 3)), 0.0, rng.uniform(0, 1, (2, 6))),
        _case("mask_ratio 1: nothing kept", "edge", rng.normal(0, 1, (2, 5, 3)), 1.0,
              rng.uniform(0, 1, (2, 5))),
        _case("L=1, mask_ratio 0.5 keeps int(0.5) = 0 patches", "edge",
              rng.normal(0, 1, (3, 1, 4)), 0.5, rng.uniform(0, 1, (3, 1))),
        _case("N=1, L=7, mask_ratio 0.5: L_keep = int(3.5) = 3", "edge",
              rng.normal(0, 1, (1, 7, 2)), 0.5, rng.uniform(0, 1, (1, 7))),
        _case("D=1", "edge", rng.normal(0, 1, (4, 9, 1)), 0.75, rng.uniform(0, 1, (4, 9))),
        _case("batch of identical images, different noise", "edge",
              np.repeat(rng.normal(0, 1, (1, 8, 3)), 4, axis=0), 0.5, rng.uniform(0, 1, (4, 8))),
        _case("mask_ratio 1.5 raises ValueError", "edge", rng.normal(0, 1, (2, 4, 3)), 1.5,
              rng.uniform(0, 1, (2, 4)), raises="ValueError"),
        _case("negative mask_ratio raises ValueError", "edge", rng.normal(0, 1, (2, 4, 3)), -0.25,
              rng.uniform(0, 1, (2, 4)), raises="ValueError"),
        _case("noise of the wrong shape raises ValueError", "edge", rng.normal(0, 1, (2, 4, 3)),
              0.5, rng.uniform(0, 1, (2, 5)), raises="ValueError"),
        {"name": "gradcheck in float64 (x_masked w.r.t. x)", "kind": "gradcheck",
         "args": [rng.normal(0, 1, (2, 6, 3)), 0.5, rng.uniform(0, 1, (2, 6))], "kwargs": {},
         "grad": [0]},
    ]
    return cases


def timing_input(n: int, rng: np.random.Generator) -> tuple[list, dict]:
    x = rng.normal(0, 1, (n, 196, 192)).astype(np.float32)
    return [x, 0.75, rng.uniform(0, 1, (n, 196)).astype(np.float32)], {}
