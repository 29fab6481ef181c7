"""Recompute the numbers of questions/training.yaml added in the second edition, and hold every mistake.

The first-edition numerics of the bank are recomputed in test_metrics_training_numbers.py; this file
covers training at scale (DDP / ZeRO memory, gradient checkpointing), mixed precision (FP16 limits,
loss scaling with PyTorch's own scale-update kernel), long-tail recognition, adversarial examples and
OOD scores, each computed independently of the bank's expression. It also checks, for the whole bank,
that no listed mistake falls inside the accepted error of its question and that every hint is written
and does not give the answer away.
"""

from __future__ import annotations

import math
import re

import pytest
import torch
from bankhelp import bank_value, close, combos, load_questions, numeric

from prepcli.banks.expr import evaluate

QUESTIONS = load_questions("training.yaml")
NUMERIC = numeric(QUESTIONS)


# ---------------------------------------------------------------- model-state memory
def _bytes(dtype: torch.dtype) -> int:
    return torch.empty((), dtype=dtype).element_size()


FP16_WEIGHTS = _bytes(torch.float16)
FP16_GRADS = _bytes(torch.float16)
FP32_OPTIMIZER = 3 * _bytes(torch.float32)  # master weights, Adam m, Adam v


def per_gpu_gb(psi_billion: float, gpus: int, stage: int) -> float:
    """Model-state bytes one GPU holds under ZeRO stage 0 (DDP) to 3, in GB (1e9 bytes)."""
    shard = {  # which states are split across the gpus at each stage
        0: (False, False, False), 1: (False, False, True), 2: (False, True, True), 3: (True, True, True)}[stage]
    total = 0.0
    for per_param, sharded in zip((FP16_WEIGHTS, FP16_GRADS, FP32_OPTIMIZER), shard):
        total += per_param * psi_billion * 1e9 / (gpus if sharded else 1)
    return total / 1e9


def best_checkpoint_memory(n: int) -> float:
    """Minimise (checkpoints + one recomputed segment) over the segment length k by brute force."""
    return min(n / k + k for k in range(1, n + 1))


def smallest_fp16() -> float:
    return torch.tensor([1], dtype=torch.int16).view(torch.float16).item()  # bit pattern 0x0001


def min_power_of_two_scale(g: float) -> float:
    smallest_normal = torch.finfo(torch.float16).tiny
    scale = 1.0
    while torch.tensor(g * scale, dtype=torch.float32).to(torch.float16).item() < smallest_normal:
        scale *= 2
    return scale


def gradscaler_scale(k: int, c: int) -> float:
    """Drive PyTorch's own scale-update kernel (the one GradScaler.update calls)."""
    scale = torch.full((1,), 65536.0)
    tracker = torch.zeros(1, dtype=torch.int32)
    for step in range(k + c):
        found_inf = torch.full((1,), 1.0 if step < k else 0.0)
        torch._amp_update_scale_(scale, tracker, found_inf, 2.0, 0.5, 2000)
    return float(scale.item())


def logit_adjusted_tail_prob(tau: float) -> float:
    logits = torch.tensor([2.0, 1.5], dtype=torch.float64)
    prior = torch.tensor([0.9, 0.1], dtype=torch.float64)
    return float(torch.softmax(logits - tau * prior.log(), dim=0)[1])


def image_repeat_factor(t: float, f: float) -> float:
    """LVIS / detectron2 repeat-factor sampling for an image with a rare (f) and a common (0.2) category."""
    category_freq = {"rare": f, "common": 0.2}
    category_rep = {c: max(1.0, math.sqrt(t / fc)) for c, fc in category_freq.items()}
    return max(category_rep[c] for c in ("rare", "common"))


def fgsm_pixel(x: float, g: float, eps: float) -> float:
    pixel = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    loss = g * pixel                              # d loss / d pixel = g
    loss.backward()
    return float(pixel.detach() + eps * pixel.grad.sign())


def linear_score_change(n: int, m: float, e: int) -> float:
    gen = torch.Generator().manual_seed(0)
    signs = torch.randint(0, 2, (n,), generator=gen, dtype=torch.float64) * 2 - 1
    w = m * signs
    eta = (e / 255) * torch.sign(w)               # the worst L-infinity perturbation
    return float((w * eta).sum())


def msp(a: float) -> float:
    return float(torch.softmax(torch.tensor([a, 1.0, 0.0], dtype=torch.float64), dim=0).max())


def energy(a: float) -> float:
    return float(-torch.logsumexp(torch.tensor([a, 1.0, 0.0], dtype=torch.float64), dim=0))


PARAMETRIC = {
    "train-ddp-adam-memory": lambda e: per_gpu_gb(e["psi"], 8, stage=0),
    "train-zero2-memory": lambda e: per_gpu_gb(e["psi"], e["n"], stage=2),
    "train-ckpt-sqrt-memory": lambda e: best_checkpoint_memory(e["n"]),
    "train-loss-scale-min": lambda e: min_power_of_two_scale(e["g"]),
    "train-gradscaler-dynamics": lambda e: gradscaler_scale(e["k"], e["c"]),
    "train-logit-adjust": lambda e: logit_adjusted_tail_prob(e["tau"]),
    "train-repeat-factor": lambda e: image_repeat_factor(e["t"], e["f"]),
    "train-fgsm-step": lambda e: fgsm_pixel(e["x"], e["g"], e["eps"]),
    "train-adv-linear": lambda e: linear_score_change(e["n"], e["m"], e["e"]),
    "train-msp-score": lambda e: msp(e["a"]),
    "train-energy-score": lambda e: energy(e["a"]),
}
FIXED = {
    "train-zero3-memory": lambda: per_gpu_gb(7.5, 64, stage=3),
    "train-fp16-subnormal": smallest_fp16,
}


# Numeric questions of the first edition, recomputed in test_metrics_training_numbers.py; every other numeric
# question of the bank must be recomputed here.
FIRST_EDITION = {
    "train-adam-bias-correction",
    "train-bessel-expectation",
    "train-binary-entropy",
    "train-bn-output",
    "train-bn-running-mean-update",
    "train-cosine-lr",
    "train-cov-from-moments",
    "train-dropout-expected-no-scaling",
    "train-effective-batch",
    "train-he-init-std",
    "train-inverted-dropout-kept-value",
    "train-inverted-dropout-scale",
    "train-kl-discrete",
    "train-kl-gaussians",
    "train-linear-scaling-lr",
    "train-linear-warmup",
    "train-var-from-moments",
    "train-var-of-sum",
    "train-xavier-uniform-bound",
}
SECOND_EDITION = set(PARAMETRIC) | set(FIXED)


def test_every_numeric_question_is_recomputed_here_or_in_the_first_edition_file():
    assert set(NUMERIC) == FIRST_EDITION | SECOND_EDITION, sorted(set(NUMERIC) ^ (FIRST_EDITION | SECOND_EDITION))
    assert not FIRST_EDITION & SECOND_EDITION


@pytest.mark.parametrize("qid", sorted(PARAMETRIC))
def test_parametric_answer_matches_independent_computation(qid):
    q = QUESTIONS[qid]
    for env in combos(q):
        bank = bank_value(q, env)
        computed = float(PARAMETRIC[qid](env))
        assert close(q, bank, computed), f"{qid} {env}: bank {bank}, computed {computed}"


@pytest.mark.parametrize("qid", sorted(FIXED))
def test_fixed_answer_matches_recomputation(qid):
    q = QUESTIONS[qid]
    computed = float(FIXED[qid]())
    assert close(q, bank_value(q), computed), f"{qid}: bank {q['answer']}, computed {computed}"


def test_zero_paper_example():
    """ZeRO's Figure 1: 7.5B parameters on 64 GPUs -> 120, 31.4, 16.6 and 1.9 GB of model states."""
    got = [round(per_gpu_gb(7.5, 64, stage), 1) for stage in range(4)]
    assert got == [120.0, 31.4, 16.6, 1.9]


def test_bf16_has_fp32_range_and_fewer_mantissa_bits():
    """train-bf16-vs-fp16: BF16 keeps FP32's exponent range; FP16 underflows where BF16 does not."""
    assert torch.finfo(torch.bfloat16).tiny == torch.finfo(torch.float32).tiny
    assert torch.finfo(torch.float16).max == 65504
    assert torch.tensor(1e-8).to(torch.float16).item() == 0.0
    assert torch.tensor(1e-8).to(torch.bfloat16).item() > 0.0
    assert torch.finfo(torch.bfloat16).eps == 2 ** -7 and torch.finfo(torch.float16).eps == 2 ** -10


def test_energy_and_msp_invariance_claim():
    """train-energy-vs-msp: a constant shift of the logits leaves MSP unchanged but moves the energy."""
    logits = torch.tensor([3.0, 1.0, 0.0])
    shifted = logits + 5
    assert torch.allclose(torch.softmax(logits, 0).max(), torch.softmax(shifted, 0).max())
    assert not torch.isclose(torch.logsumexp(logits, 0), torch.logsumexp(shifted, 0))


@pytest.mark.parametrize("qid", sorted(qid for qid, q in NUMERIC.items() if q.get("mistakes")))
def test_every_named_mistake_is_outside_the_accepted_error(qid):
    q = NUMERIC[qid]
    for env in combos(q):
        right = bank_value(q, env)
        for mistake in q["mistakes"]:
            wrong = evaluate(str(mistake["expr"]), env)
            assert not close(q, right, wrong), f"{qid} {env}: {mistake['expr']} = {wrong} passes"
            assert mistake["message"].strip(), qid


@pytest.mark.parametrize("qid", sorted(QUESTIONS))
def test_every_question_has_a_hint_that_does_not_give_the_answer_away(qid):
    q = QUESTIONS[qid]
    hint = q.get("hint", "")
    assert len(hint.strip()) >= 20, f"{qid}: no written hint"
    low = hint.lower()
    if q["type"] == "mcq":
        assert q["answer"].lower() not in low, qid
    if q["type"] == "multi":
        assert not any(a.lower() in low for a in q["answer"]), qid
    if q["type"] == "short":
        for term in [q["answer"], *q.get("accept", [])]:
            assert not re.search(rf"(?<![a-z0-9]){re.escape(term.lower())}(?![a-z0-9])", low), (qid, term)
