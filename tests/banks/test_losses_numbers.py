"""Recompute every numeric answer of the `losses` bank independently (torch functional ops where
they exist) so that a wrong constant or a wrong answer expression is caught."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from bankhelp import bank_value, close, combos, load_questions, numeric, window

from prepcli.banks.expr import evaluate

QUESTIONS = load_questions("losses.yaml")


@pytest.fixture(autouse=True)
def float64_default():
    """Recompute in float64, and give the default back: other test modules share the process."""
    old = torch.get_default_dtype()
    torch.set_default_dtype(torch.float64)
    yield
    torch.set_default_dtype(old)


def t(*values: float) -> torch.Tensor:
    return torch.tensor(values, dtype=torch.float64)


# --------------------------------------------------------------------------- helpers
def box_area(b):
    return max(0.0, b[2] - b[0]) * max(0.0, b[3] - b[1])


def box_inter(a, b):
    w = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    h = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    return w * h


def box_iou(a, b):
    inter = box_inter(a, b)
    return inter / (box_area(a) + box_area(b) - inter)


def enclosing(a, b):
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))


def giou_loss(a, b):
    inter = box_inter(a, b)
    union = box_area(a) + box_area(b) - inter
    c = box_area(enclosing(a, b))
    return 1 - (inter / union - (c - union) / c)


def diou_loss(a, b):
    c = enclosing(a, b)
    diag2 = (c[2] - c[0]) ** 2 + (c[3] - c[1]) ** 2
    ca = ((a[0] + a[2]) / 2, (a[1] + a[3]) / 2)
    cb = ((b[0] + b[2]) / 2, (b[1] + b[3]) / 2)
    rho2 = (ca[0] - cb[0]) ** 2 + (ca[1] - cb[1]) ** 2
    return 1 - box_iou(a, b) + rho2 / diag2


def masks(n_a: int, n_b: int, n_inter: int, total: int = 1000):
    """Two flat binary masks with |A| = n_a, |B| = n_b, |A & B| = n_inter."""
    a = np.zeros(total, dtype=bool)
    b = np.zeros(total, dtype=bool)
    a[:n_a] = True
    start = n_a - n_inter
    b[start:start + n_b] = True
    assert a.sum() == n_a and b.sum() == n_b and (a & b).sum() == n_inter
    return a, b


def dice(a: np.ndarray, b: np.ndarray) -> float:
    return 2 * (a & b).sum() / (a.sum() + b.sum())


def sigmoid_focal(p: float, y: int, alpha: float, gamma: float) -> float:
    """Sigmoid focal loss as in RetinaNet / torchvision, written out with torch (no torchvision)."""
    logit = torch.logit(t(p))
    target = t(float(y))
    ce = F.binary_cross_entropy_with_logits(logit, target, reduction="none")
    prob = torch.sigmoid(logit)
    p_t = prob * target + (1 - prob) * (1 - target)
    alpha_t = alpha * target + (1 - alpha) * (1 - target)
    return float((alpha_t * (1 - p_t) ** gamma * ce).item())


def smoothed_targets(eps: float, k: int) -> torch.Tensor:
    """Read the smoothed target back from F.cross_entropy: its logit gradient is softmax - target."""
    z = torch.zeros(1, k, requires_grad=True)
    F.cross_entropy(z, torch.tensor([0]), label_smoothing=eps).backward()
    return (torch.softmax(z.detach(), dim=1) - z.grad)[0]


def grad_of(fn, x: float) -> float:
    v = t(x).requires_grad_()
    fn(v).sum().backward()
    return float(v.grad.item())


# --------------------------------------------------------------------------- parametric
def ref_smooth_l1(x, beta):
    return F.smooth_l1_loss(t(x), t(0.0), beta=beta).item()


def ref_logit_gap(eps, k):
    k = int(k)
    q = smoothed_targets(eps, k)
    z = torch.log(q).unsqueeze(0).requires_grad_()
    F.cross_entropy(z, torch.tensor([0]), label_smoothing=eps).backward()
    assert z.grad.abs().max() < 1e-9  # softmax(z) = q is the optimum
    return (z[0, 0] - z[0, 1]).item()


def ref_ce_grad_target(a, b, c):
    z = t(a, b, c).unsqueeze(0).requires_grad_()
    F.cross_entropy(z, torch.tensor([0])).backward()
    return z.grad[0, 0].item()


def ref_tversky(tp, fp, fn, alpha, beta):
    tp, fp, fn = int(tp), int(fp), int(fn)
    pred = np.array([1] * tp + [1] * fp + [0] * fn + [0] * 50, dtype=float)
    gt = np.array([1] * tp + [0] * fp + [1] * fn + [0] * 50, dtype=float)
    tp_ = (pred * gt).sum()
    fp_ = (pred * (1 - gt)).sum()
    fn_ = ((1 - pred) * gt).sum()
    return tp_ / (tp_ + alpha * fp_ + beta * fn_)


def ref_dice_from_jaccard(j):
    union, inter = 100, round(j * 100)
    a, b = masks(union, inter, inter, total=200)  # B inside A: |A & B| = inter, |A | B| = union
    assert (a & b).sum() / (a | b).sum() == pytest.approx(j)
    return dice(a, b)


def ref_infonce(sp, sn, tau, k):
    logits = torch.cat([t(sp), t(sn).repeat(int(k))]) / tau
    return F.cross_entropy(logits.unsqueeze(0), torch.tensor([0])).item()


def ref_contrastive(y, d, m):
    d_ = t(d)
    loss = y * 0.5 * d_ ** 2 + (1 - y) * 0.5 * F.relu(m - d_) ** 2
    return loss.item()


def ref_triplet(dap, dan, margin):
    anchor = t(0.0).view(1, 1)
    pos = t(dap).view(1, 1)
    neg = t(-dan).view(1, 1)
    return F.triplet_margin_loss(anchor, pos, neg, margin=margin, eps=0.0).item()


def ref_effective_number(n, beta):
    return sum(beta ** k for k in range(int(n)))


def ref_kl(p, q):
    P, Q = t(p, 1 - p), t(q, 1 - q)
    return F.kl_div(Q.log(), P, reduction="sum").item()


def supcon_out(z: torch.Tensor, labels: torch.Tensor, tau: float) -> torch.Tensor:
    """Per-anchor SupCon L_out, written like the reference implementation (mask of positives, self excluded)."""
    z = F.normalize(z, dim=1)
    logits = z @ z.T / tau
    self_mask = torch.eye(len(z), dtype=torch.bool)
    logits = logits.masked_fill(self_mask, float("-inf"))
    log_prob = logits - torch.logsumexp(logits, dim=1, keepdim=True)
    pos = (labels[:, None] == labels[None, :]) & ~self_mask
    return -(log_prob.masked_fill(~pos, 0.0).sum(dim=1) / pos.sum(dim=1))


def ref_supcon(t_):
    # anchor (1, 0); the others at the requested cosine similarities with it
    cosines = [0.8, 0.6, 0.1, -0.2]
    z = torch.stack([t(1.0, 0.0)] + [t(c, math.sqrt(1 - c * c)) for c in cosines])
    labels = torch.tensor([0, 0, 0, 1, 1])
    return supcon_out(z, labels, t_)[0].item()


def ref_fixmatch_unlabeled() -> float:
    weak_max = t(0.97, 0.60, 0.99, 0.96)
    strong_p = t(0.8, 0.3, 0.5, 0.9)  # strong-view probability of each image's pseudo-label (class 0)
    strong_logits = torch.stack([strong_p.log(), (1 - strong_p).log()], dim=1)
    pseudo = torch.zeros(4, dtype=torch.long)
    mask = (weak_max >= 0.95).double()
    return (F.cross_entropy(strong_logits, pseudo, reduction="none") * mask).mean().item()


PARAMETRIC = {
    "loss-supcon-value": ref_supcon,
    "loss-label-smoothing-ce-value": lambda a, b, c, eps: F.cross_entropy(
        t(a, b, c).unsqueeze(0), torch.tensor([0]), label_smoothing=eps
    ).item(),
    "loss-class-balanced-weight-ratio": lambda n1, n2, beta: (
        ref_effective_number(n2, beta) / ref_effective_number(n1, beta)
    ),
    "loss-smooth-l1-value": lambda x: ref_smooth_l1(x, 1.0),
    "loss-smooth-l1-beta-value": ref_smooth_l1,
    "loss-smooth-l1-gradient": lambda x: grad_of(lambda v: F.smooth_l1_loss(v, t(0.0), beta=1.0), x),
    "loss-huber-value": lambda x, delta: F.huber_loss(t(x), t(0.0), delta=delta).item(),
    "loss-ce-neg-log-prob": lambda p: F.nll_loss(torch.log(t(p, 1 - p)).unsqueeze(0), torch.tensor([0])).item(),
    "loss-ce-uniform-init": lambda k: F.cross_entropy(torch.zeros(1, int(k)), torch.tensor([0])).item(),
    "loss-softmax-ce-three-logits": lambda a, b, c: F.cross_entropy(t(a, b, c).unsqueeze(0), torch.tensor([0])).item(),
    "loss-ce-grad-target-logit": ref_ce_grad_target,
    "loss-logsumexp-stable-value": lambda a, b, c: torch.logsumexp(t(a, b, c), dim=0).item(),
    "loss-bce-with-logits-value": lambda x, y: F.binary_cross_entropy_with_logits(t(x), t(y)).item(),
    "loss-sigmoid-derivative": lambda x: grad_of(torch.sigmoid, x),
    "loss-label-smoothing-true-target": lambda eps, k: smoothed_targets(eps, int(k))[0].item(),
    "loss-label-smoothing-other-target": lambda eps, k: smoothed_targets(eps, int(k))[1].item(),
    "loss-label-smoothing-logit-gap": ref_logit_gap,
    "loss-focal-value-positive": lambda p, alpha, gamma: sigmoid_focal(p, 1, alpha, gamma),
    "loss-focal-value-negative": lambda p, alpha, gamma: sigmoid_focal(p, 0, alpha, gamma),
    "loss-focal-vs-ce-factor": lambda pt, gamma: (
        F.binary_cross_entropy(t(pt), t(1.0)).item() / sigmoid_focal(pt, 1, 1.0, gamma)
    ),
    "loss-retinanet-prior-bias": lambda prior: torch.logit(t(prior)).item(),
    "loss-class-balanced-effective-number": ref_effective_number,
    "loss-dice-loss-hard-masks": lambda a, b, i: 1 - dice(*masks(int(a), int(b), int(i))),
    "loss-dice-from-jaccard": ref_dice_from_jaccard,
    "loss-tversky-index-value": ref_tversky,
    "loss-iou-loss-value": lambda s, t_: 1 - box_iou((0, 0, 4, 4), (s, s, t_, t_)),
    "loss-giou-disjoint-value": lambda b1, b2: giou_loss((0, 0, 2, 2), (b1, 0, b2, 2)),
    "loss-kl-bernoulli-value": ref_kl,
    "loss-contrastive-margin-value": ref_contrastive,
    "loss-triplet-value": ref_triplet,
    "loss-infonce-value": ref_infonce,
}

# --------------------------------------------------------------------------- fixed answers
NON_PARAMETRIC = {
    "loss-fixmatch-unlabeled-value": ref_fixmatch_unlabeled,
    "loss-median-minimises-l1": lambda: float(
        min(np.arange(0, 101, 0.5), key=lambda c: np.abs(np.array([1, 2, 3, 4, 100]) - c).sum())
    ),
    "loss-soft-dice-value": lambda: 1 - (
        2 * (t(0.9, 0.8, 0.3, 0.1) * t(1, 1, 0, 0)).sum() / (t(0.9, 0.8, 0.3, 0.1).sum() + 2)
    ).item(),
    "loss-diou-value": lambda: diou_loss((0, 0, 4, 4), (2, 2, 6, 6)),
    "loss-fp16-exp-overflow": lambda: float(np.log(np.finfo(np.float16).max)),
}

NOT_RECOMPUTABLE: dict[str, str] = {}


def arg_name(name: str) -> str:
    return "t_" if name == "t" else name


def numeric_ids():
    return list(numeric(QUESTIONS))


def test_every_numeric_question_is_checked():
    missing = [
        qid for qid in numeric_ids()
        if qid not in PARAMETRIC and qid not in NON_PARAMETRIC and qid not in NOT_RECOMPUTABLE
    ]
    assert not missing, f"numeric questions without an independent check: {missing}"
    for qid in PARAMETRIC:
        assert "params" in QUESTIONS[qid], f"{qid} is checked as parametric but has no params"
    for qid in NON_PARAMETRIC:
        assert "params" not in QUESTIONS[qid], f"{qid} is checked as fixed but has params"


@pytest.mark.parametrize("qid", sorted(PARAMETRIC))
def test_parametric_answers(qid):
    q = QUESTIONS[qid]
    for env in combos(q):
        got = bank_value(q, env)
        want = PARAMETRIC[qid](**{arg_name(n): float(v) for n, v in env.items()})
        assert math.isfinite(got)
        # the bank's answer must be right well within the tolerance a user is given
        assert abs(got - want) <= max(window(q, got) / 10, 1e-6), (qid, env, got, want)


@pytest.mark.parametrize("qid", sorted(NON_PARAMETRIC))
def test_fixed_answers(qid):
    q = QUESTIONS[qid]
    want = NON_PARAMETRIC[qid]()
    got = bank_value(q)
    assert close(q, got, want), (qid, got, want)


def test_fp16_overflow_threshold_is_real():
    below = torch.exp(torch.tensor(11.0, dtype=torch.float16))
    above = torch.exp(torch.tensor(11.2, dtype=torch.float16))
    assert torch.isfinite(below) and torch.isinf(above)


@pytest.mark.parametrize("qid", sorted(qid for qid in numeric_ids() if QUESTIONS[qid].get("mistakes")))
def test_every_named_mistake_is_outside_the_grading_window(qid):
    """A listed mistake must never be graded right, for any parameter combination."""
    q = QUESTIONS[qid]
    for env in combos(q):
        answer = bank_value(q, env)
        for mistake in q["mistakes"]:
            wrong = evaluate(str(mistake["expr"]), env)
            assert not close(q, answer, wrong), (qid, env, mistake["expr"], wrong, answer)
