"""Cases, known mistakes and timing inputs for the `dino_loss` kata.

Inputs are NumPy arrays (the runner turns them into tensors); MISTAKES take tensors and return
the (loss, new_center) tuple a wrong solution would. teacher_out (argument 1) must get no
gradient: cases list it in ``stop_grad``.
"""

from __future__ import annotations

import numpy as np

MISTAKES_FRAMEWORK = "torch"


def _dino(s, t, c, n_global_crops=2, student_temp=0.1, teacher_temp=0.04, center_momentum=0.9,
          *, centering="before", same_view=False, center_from="teacher", swap=False,
          momentum_inverted=False):
    import torch.nn.functional as F

    if swap:
        student_temp, teacher_temp = teacher_temp, student_temp
    b = t.shape[0] // n_global_crops
    n_s = s.shape[0] // b
    if centering == "before":
        q = F.softmax((t - c) / teacher_temp, dim=-1)
    elif centering == "after":
        q = F.softmax(t / teacher_temp, dim=-1) - c
    else:
        q = F.softmax(t / teacher_temp, dim=-1)
    q = q.detach().chunk(n_global_crops)
    log_p = F.log_softmax(s / student_temp, dim=-1).chunk(n_s)
    total, terms = 0.0, 0
    for iq in range(n_global_crops):
        for v in range(n_s):
            if v == iq and not same_view:
                continue
            total = total + (-(q[iq] * log_p[v]).sum(dim=-1)).mean()
            terms += 1
    src = {"teacher": t, "student": s, "probs": F.softmax((t - c) / teacher_temp, dim=-1)}
    batch = src[center_from].detach().mean(dim=0, keepdim=True)
    m = 1 - center_momentum if momentum_inverted else center_momentum
    return total / terms, c * m + batch * (1 - m)


MISTAKES = [
    ("no-centering", "the teacher is not centred: softmax((teacher_out - center) / teacher_temp); "
     "centering (with sharpening) is what prevents collapse", lambda *a, **k: _dino(
         *a, **k, centering="none")),
    ("centering-after-softmax", "the center is subtracted after the softmax; subtract it from the "
     "teacher logits, before", lambda *a, **k: _dino(*a, **k, centering="after")),
    ("same-view-pairs", "pairs of the same view are included: skip student crop v == teacher "
     "crop iq (average over T*S - T pairs)", lambda *a, **k: _dino(*a, **k, same_view=True)),
    ("center-from-student", "the center is updated with the student outputs; it tracks the "
     "mean of the (raw) teacher outputs", lambda *a, **k: _dino(*a, **k, center_from="student")),
    ("center-from-probabilities", "the center is updated with the teacher's softmax "
     "probabilities; it is the mean of the raw teacher outputs (logits)",
     lambda *a, **k: _dino(*a, **k, center_from="probs")),
    ("temperatures-swapped", "the temperatures are swapped: the teacher is sharpened with the "
     "LOWER teacher_temp (0.04), the student uses student_temp (0.1)",
     lambda *a, **k: _dino(*a, **k, swap=True)),
    ("center-momentum-inverted", "center momentum inverted: new_center = m * center + (1 - m) "
     "* batch mean", lambda *a, **k: _dino(*a, **k, momentum_inverted=True)),
]

STOP_GRAD_HINT = ("teacher-not-detached", "the gradient flows into the teacher outputs: DINO "
                  "detaches the teacher (softmax(...).detach()); the teacher is an EMA of the "
                  "student, never trained by backprop")


def _case(name, kind, b, n_s, n_t, k, rng, dtype=np.float64, grad=(0, 1), spread=1.0,
          **kwargs) -> dict:
    center = rng.normal(0, 1, (1, k))
    extra = {key: kwargs.pop(key) for key in ("raises",) if key in kwargs}
    if n_t != 2:
        kwargs["n_global_crops"] = n_t
    return dict({"name": name, "kind": kind,
                 "args": [(spread * rng.normal(0, 1, (n_s * b, k))).astype(dtype),
                          (spread * rng.normal(0, 1, (n_t * b, k))).astype(dtype),
                          center.astype(dtype)],
                 "kwargs": kwargs, "grad": list(grad), "stop_grad": [1]}, **extra)


def public_cases() -> list[dict]:
    s = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]])  # S = 3 crops, B = 1
    t = np.array([[0.3, 0.1, 0.0], [0.0, 0.2, 0.1]])  # T = 2 global crops
    c = np.array([[0.1, 0.1, 0.0]])
    return [{"name": "B=1, 2 global + 1 local crop, K=3", "kind": "public", "args": [s, t, c],
             "kwargs": {}, "grad": [0, 1], "stop_grad": [1]}]


def hidden_cases(rng: np.random.Generator) -> list[dict]:
    cases = []
    for b, n_s, n_t, k in [(4, 4, 2, 8), (2, 8, 2, 16), (3, 2, 2, 5), (5, 6, 2, 32),
                           (2, 3, 1, 4), (3, 5, 3, 6)]:
        cases.append(_case(f"random B={b}, S={n_s} crops, T={n_t} global, K={k}", "random",
                           b, n_s, n_t, k, rng))
    cases.append(_case("random temperatures 0.2 / 0.07, center_momentum 0.5", "random",
                       3, 4, 2, 8, rng, student_temp=0.2, teacher_temp=0.07,
                       center_momentum=0.5))
    cases.append(_case("random float32 B=4, S=4, K=16", "random", 4, 4, 2, 16, rng,
                       dtype=np.float32))
    cases += [
        _case("B = 1", "edge", 1, 4, 2, 8, rng),
        _case("K = 1 (the loss is 0)", "edge", 3, 4, 2, 1, rng, grad=(1,)),
        _case("center_momentum 0: the center becomes the batch mean", "edge", 2, 3, 2, 4, rng,
              center_momentum=0.0),
        _case("center_momentum 1: the center stays", "edge", 2, 3, 2, 4, rng,
              center_momentum=1.0),
        _case("large logits (x 100) in float32 (stability)", "probe", 3, 4, 2, 16, rng,
              dtype=np.float32, spread=100.0),
        {"name": "teacher rows not a multiple of n_global_crops raises ValueError",
         "kind": "edge", "args": [rng.normal(0, 1, (6, 4)), rng.normal(0, 1, (5, 4)),
                                  rng.normal(0, 1, (1, 4))], "kwargs": {}, "raises": "ValueError"},
        {"name": "a single crop (no pair of different views) raises ValueError", "kind": "edge",
         "args": [rng.normal(0, 1, (2, 4)), rng.normal(0, 1, (2, 4)), rng.normal(0, 1, (1, 4))],
         "kwargs": {"n_global_crops": 1}, "raises": "ValueError"},
        {"name": "center of the wrong width raises ValueError", "kind": "edge",
         "args": [rng.normal(0, 1, (4, 4)), rng.normal(0, 1, (4, 4)), rng.normal(0, 1, (1, 3))],
         "kwargs": {}, "raises": "ValueError"},
        {"name": "gradcheck in float64 (w.r.t. student_out)", "kind": "gradcheck",
         "args": [rng.normal(0, 1, (6, 4)), rng.normal(0, 1, (4, 4)), rng.normal(0, 1, (1, 4))],
         "kwargs": {"teacher_temp": 0.5, "student_temp": 0.5}, "grad": [0]},
    ]
    for c in cases:
        if c["kind"] == "probe":
            c["finite"] = True
            c["rtol"], c["atol"] = 1e-3, 1e-3
    return cases


def timing_input(n: int, rng: np.random.Generator) -> tuple[list, dict]:
    k = 1024
    s = rng.normal(0, 1, (8 * n, k)).astype(np.float32)
    t = rng.normal(0, 1, (2 * n, k)).astype(np.float32)
    return [s, t, rng.normal(0, 0.1, (1, k)).astype(np.float32)], {}

STABILITY_HINT = ("numerically unstable: exp of large logits / temperature overflows in float32; "
                  "use F.softmax / F.log_softmax (they subtract the max) instead of exp and log")
