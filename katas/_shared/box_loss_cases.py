"""Cases, known mistakes, comparison and timing inputs shared by the `giou_loss`, `diou_loss` and
`ciou_loss` katas (NumPy only). Their manifests name this file (``cases:``) and their loss
(``variant: giou``, ``diou`` or ``ciou``); prep calls :func:`for_variant` with it and uses what it
returns as the kata's cases module.

Degenerate probes (identical, touching or zero-size boxes) sit on a kink of min / max / clamp,
where the gradient depends on how ties are broken: there the runner compares gradients with an
enormous atol, so only their finiteness is checked; the loss value is still compared by
:func:`compare` at the usual tolerance.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import numpy as np

VARIANTS = ("giou", "diou", "ciou")
MISTAKES_FRAMEWORK = "numpy"
FINITE_ONLY_ATOL = 1e30  # gradient atol of the kink probes: checks NaN / inf only


def _loss(p: np.ndarray, t: np.ndarray, reduction: str = "mean", eps: float = 1e-7, *,
          variant: str, enclosing: str = "ok", one: bool = True, as_giou: bool = False,
          c_denominator: str = "enclosing", diag_squared: bool = True, v_factor: bool = True,
          no_alpha: bool = False, swap_reduction: bool = False, plus: float = 0.0,
          clamp: bool = True) -> np.ndarray:
    """The ``variant`` loss in float64 NumPy, with one optional deliberate deviation."""
    if reduction not in ("none", "mean", "sum"):
        raise ValueError(reduction)
    p = p.astype(np.float64)
    t = t.astype(np.float64)
    x1, y1, x2, y2 = p.T
    x1g, y1g, x2g, y2g = t.T
    w = np.minimum(x2, x2g) - np.maximum(x1, x1g) + plus
    h = np.minimum(y2, y2g) - np.maximum(y1, y1g) + plus
    if clamp:
        w, h = np.clip(w, 0, None), np.clip(h, 0, None)
    inter = w * h
    union = (x2 - x1 + plus) * (y2 - y1 + plus) + (x2g - x1g + plus) * (y2g - y1g + plus) - inter
    iou = inter / (union + eps)
    if enclosing == "intersection":  # the 'enclosing' box built like the intersection
        cw, ch = np.minimum(x2, x2g) - np.maximum(x1, x1g), np.minimum(y2, y2g) - np.maximum(y1, y1g)
    else:
        cw, ch = np.maximum(x2, x2g) - np.minimum(x1, x1g), np.maximum(y2, y2g) - np.minimum(y1, y1g)
    if variant == "giou":
        area_c = cw * ch
        den = union + eps if c_denominator == "union" else area_c + eps
        penalty = (area_c - union) / den
        if as_giou:
            loss = iou - penalty
        else:
            loss = (1.0 if one else 0.0) - iou + penalty
    else:
        c2 = cw ** 2 + ch ** 2
        c2 = c2 + eps if diag_squared else np.sqrt(c2) + eps
        rho2 = ((x1 + x2 - x1g - x2g) ** 2 + (y1 + y2 - y1g - y2g) ** 2) / 4
        loss = (1.0 if one else 0.0) - iou + rho2 / c2
        if variant == "ciou":
            factor = 4 / np.pi ** 2 if v_factor else 1.0
            v = factor * (np.arctan((x2g - x1g) / (y2g - y1g + eps))
                          - np.arctan((x2 - x1) / (y2 - y1 + eps))) ** 2
            alpha = np.ones_like(v) if no_alpha else v / (1 - iou + v + eps)
            loss = loss + alpha * v
    if swap_reduction:
        reduction = {"mean": "sum", "sum": "mean"}.get(reduction, reduction)
    if reduction == "mean":
        return np.asarray(loss.mean() if loss.size else 0.0)
    if reduction == "sum":
        return np.asarray(loss.sum())
    return loss


def _mistakes(variant: str) -> list[tuple[str, str, Any]]:
    def _m(**over: Any):  # noqa: ANN202
        return lambda p, t, *a, **k: _loss(p, t, *a, **{**k, "variant": variant, **over})

    mistakes = [
        ("enclosing-as-intersection", "the enclosing box is built like the intersection (max of "
         "the top-left corners, min of the bottom-right): it takes the min of x1, y1 and the max "
         "of x2, y2", _m(enclosing="intersection")),
        ("missing-one-minus", "the loss lacks the leading 1: it is 1 - IoU + penalty",
         _m(one=False)),
        ("mean-sum-swapped", "reduction 'mean' and 'sum' swapped (or the reduction ignored)",
         _m(swap_reduction=True)),
        ("plus-one", "+1 pixel areas: these boxes are continuous, (x2 - x1) * (y2 - y1)",
         _m(plus=1.0)),
        ("no-clamp", "the intersection's width and height are not clamped at 0: two boxes apart "
         "in both x and y get a positive 'intersection' (negative times negative); clamp(min=0) "
         "each", _m(clamp=False)),
    ]
    if variant == "giou":
        mistakes += [
            ("union-for-enclosing", "the penalty divides by the union; it is (|C| - |A u B|) / "
             "|C|, C the area of the smallest enclosing box", _m(c_denominator="union")),
            ("giou-not-loss", "returns GIoU itself; the loss is 1 - GIoU", _m(as_giou=True)),
        ]
    else:
        mistakes += [
            ("diagonal-not-squared", "rho^2 / c: the diagonal of the enclosing box must be "
             "squared too (rho^2 / c^2 with c^2 = cw^2 + ch^2)", _m(diag_squared=False)),
        ]
    if variant == "ciou":
        mistakes += [
            ("v-no-factor", "v misses the 4 / pi^2 factor: v = 4 / pi^2 * (atan(wg / hg) - "
             "atan(w / h))^2", _m(v_factor=False)),
            ("no-alpha", "alpha * v without alpha (alpha = v / ((1 - IoU) + v))",
             _m(no_alpha=True)),
        ]
    return mistakes


def compare(case: dict, expected: np.ndarray, got: np.ndarray) -> tuple[bool, str, float | None]:
    """Loss values at a fixed tolerance (the case's rtol / atol are for the gradients)."""
    from prepcli.katas.judge import compare_arrays, dtype_tolerances  # noqa: PLC0415 - parent only

    return compare_arrays(expected, got, *dtype_tolerances(case))


def random_pairs(rng: np.random.Generator, n: int, scale: float = 100.0) -> tuple[np.ndarray, np.ndarray]:
    """Targets, and predictions that mostly overlap them (a third jittered far away)."""
    xy = rng.uniform(0, scale, (n, 2))
    wh = rng.uniform(scale / 20, scale / 3, (n, 2))
    t = np.concatenate([xy, xy + wh], axis=1)
    size = np.repeat(wh, 2, axis=1)
    spread = np.where(rng.random((n, 1)) < 0.3, 1.5, 0.25)
    p = t + rng.normal(0, 1, (n, 4)) * spread * size
    p[:, 2:] = np.maximum(p[:, 2:], p[:, :2] + 0.05 * size[:, :2])
    return p, t


def _case(name: str, kind: str, p: Any, t: Any, dtype: type = np.float64, grad: bool = True,
          finite_only: bool = False, **kwargs: Any) -> dict:
    c = {"name": name, "kind": kind,
         "args": [np.asarray(p, dtype=dtype).reshape(-1, 4),
                  np.asarray(t, dtype=dtype).reshape(-1, 4)], "kwargs": kwargs}
    if grad:
        c["grad"] = [0, 1]
    if finite_only:
        c.update(finite=True, rtol=1e-5, atol=FINITE_ONLY_ATOL)
    return c


EXAMPLE = ([[0, 0, 2, 2], [0, 0, 1, 1], [0, 0, 2, 2]], [[1, 1, 3, 4], [2, 0, 3, 1], [0, 0, 2, 2]])


def public_cases() -> list[dict]:
    return [_case("three pairs, reduction='none'", "public", *EXAMPLE, reduction="none"),
            _case("same pairs, default reduction (mean)", "public", *EXAMPLE)]


def hidden_cases(rng: np.random.Generator, variant: str) -> list[dict]:
    cases = []
    for k, (n, red) in enumerate([(10, "none"), (25, "mean"), (40, "sum"), (7, "none"),
                                  (64, "mean"), (16, "sum"), (30, "none")]):
        dtype = np.float32 if k == 6 else np.float64
        cases.append(_case(f"random {n} pairs, {red} ({np.dtype(dtype).name})", "random",
                           *random_pairs(rng, n), dtype, reduction=red))
    p, t = random_pairs(rng, 12, 10.0)
    cases.append(_case("small boxes, eps=1e-9", "random", p, t, reduction="none", eps=1e-9))
    tall = np.array([[0, 0, 2, 10], [5, 5, 30, 8], [0, 0, 1, 1]], float)
    wide = np.array([[0, 1, 10, 3], [4, 4, 9, 20], [0.2, 0.1, 3, 0.9]], float)
    cases += [
        _case("different aspect ratios", "random", tall, wide, reduction="none"),
        _case("N = 0, mean", "edge", np.zeros((0, 4)), np.zeros((0, 4)), grad=False),
        _case("N = 0, none", "edge", np.zeros((0, 4)), np.zeros((0, 4)), grad=False,
              reduction="none"),
        _case("disjoint boxes (IoU 0)", "edge", [[0, 0, 1, 1], [50, 60, 55, 70]],
              [[3, 4, 6, 5], [0, 0, 5, 5]], reduction="none"),
        _case("prediction inside the target", "edge", [[2, 3, 5, 7]], [[0, 0, 10, 10]],
              reduction="none"),
        _case("same centre, different shape", "edge", [[0, 4, 10, 6]], [[4, 0, 6, 10]],
              reduction="none"),
        _case("far apart boxes", "edge", [[0, 0, 1, 1]], [[1000, 1000, 1001, 1002]],
              reduction="sum"),
        {"name": "unknown reduction raises ValueError", "kind": "edge",
         "args": [np.array([[0, 0, 1, 1.0]]), np.array([[0, 0, 1, 1.0]])],
         "kwargs": {"reduction": "avg"}, "raises": "ValueError"},
    ]
    if variant != "ciou":  # alpha is not differentiated in CIoU: gradcheck would see its variation
        p, t = random_pairs(rng, 4)
        cases.append({"name": "gradcheck in float64", "kind": "gradcheck", "args": [p, t],
                      "kwargs": {"reduction": "none"}, "grad": [0, 1]})
    cases += [
        _case("identical boxes (loss 0, finite gradients)", "probe",
              [[0, 0, 2, 3], [5, 5, 9, 6]], [[0, 0, 2, 3], [5, 5, 9, 6]], finite_only=True,
              reduction="none"),
        _case("zero-size prediction inside the target", "probe", [[2, 2, 2, 2]], [[0, 0, 4, 4]],
              finite_only=True, reduction="none"),
        _case("zero-size prediction and target at the same point", "probe", [[1, 1, 1, 1]],
              [[1, 1, 1, 1]], finite_only=True, reduction="none"),
        _case("zero-height prediction (a segment)", "probe", [[0, 1, 3, 1]], [[0, 0, 4, 4]],
              finite_only=True, reduction="none"),
        _case("touching boxes (shared edge)", "probe", [[0, 0, 2, 2]], [[2, 0, 4, 2]],
              finite_only=True, reduction="none"),
        _case("identical boxes, float32", "probe", [[10, 20, 30, 60]], [[10, 20, 30, 60]],
              np.float32, finite_only=True, reduction="mean"),
    ]
    return cases


def timing_input(n: int, rng: np.random.Generator) -> tuple[list, dict]:
    """n (prediction, target) pairs in float32, mean loss: one batch of a detector's positives."""
    p, t = random_pairs(rng, n, 1000.0)
    return [p.astype(np.float32), t.astype(np.float32)], {"reduction": "mean"}


STABILITY_HINT = ("non-finite loss or gradient on degenerate boxes: add eps to every denominator "
                  "(union, enclosing area or c^2, the heights in w / h, alpha's denominator) and "
                  "never take sqrt / atan2 / division at 0 / 0")



def _ciou_alpha_differentiated(pred: Any, target: Any, reduction: str = "mean",
                               eps: float = 1e-7) -> Any:
    """CIoU in torch with alpha left in the graph: the values are right, the gradients not."""
    import math

    import torch

    if reduction not in ("none", "mean", "sum"):
        raise ValueError(reduction)
    x1, y1, x2, y2 = pred.unbind(-1)
    x1g, y1g, x2g, y2g = target.unbind(-1)
    w = (torch.minimum(x2, x2g) - torch.maximum(x1, x1g)).clamp(min=0)
    h = (torch.minimum(y2, y2g) - torch.maximum(y1, y1g)).clamp(min=0)
    inter = w * h
    union = (x2 - x1) * (y2 - y1) + (x2g - x1g) * (y2g - y1g) - inter
    iou = inter / (union + eps)
    cw = torch.maximum(x2, x2g) - torch.minimum(x1, x1g)
    ch = torch.maximum(y2, y2g) - torch.minimum(y1, y1g)
    rho2 = ((x1 + x2 - x1g - x2g) ** 2 + (y1 + y2 - y1g - y2g) ** 2) / 4
    v = (4 / math.pi ** 2) * (torch.atan((x2g - x1g) / (y2g - y1g + eps))
                              - torch.atan((x2 - x1) / (y2 - y1 + eps))) ** 2
    alpha = v / (1 - iou + v + eps)  # the mistake: no torch.no_grad() / .detach()
    loss = 1 - iou + rho2 / (cw ** 2 + ch ** 2 + eps) + alpha * v
    if reduction == "mean":
        return loss.mean() if loss.numel() else 0.0 * loss.sum()
    return loss.sum() if reduction == "sum" else loss


GRADIENT_MISTAKES_CIOU = [
    ("alpha-not-detached", "alpha = v / ((1 - IoU) + v) is differentiated: the values are right "
     "but the gradients are not CIoU's; compute alpha under torch.no_grad() (or .detach() it), "
     "as the paper's code and torchvision do: it is a trade-off weight, not part of the loss to "
     "minimise", _ciou_alpha_differentiated),
]


def for_variant(variant: str) -> SimpleNamespace:
    """The cases module of the ``<variant>_loss`` kata: what a kata's own cases.py would define."""
    if variant not in VARIANTS:
        raise ValueError(f"variant must be one of {', '.join(VARIANTS)}, not {variant!r}")
    return SimpleNamespace(
        MISTAKES=_mistakes(variant), MISTAKES_FRAMEWORK=MISTAKES_FRAMEWORK,
        STABILITY_HINT=STABILITY_HINT, compare=compare, public_cases=public_cases,
        hidden_cases=lambda rng: hidden_cases(rng, variant), timing_input=timing_input,
        GRADIENT_MISTAKES=GRADIENT_MISTAKES_CIOU if variant == "ciou" else [])
