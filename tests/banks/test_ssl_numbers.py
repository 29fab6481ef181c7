"""Recompute every numeric answer of the `ssl` bank independently.

Non-parametric answers are recomputed once; parametric answers are evaluated with the bank's
own expression (`prepcli.banks.expr.evaluate`) for every combination of parameter values and
compared with an independent computation written here (simulations with torch where possible).
"""

from __future__ import annotations

import collections
import itertools
import math

import pytest
import torch
import torch.nn.functional as F
from bankhelp import bank_value, close, combos, load_questions, numeric

from prepcli.banks.expr import evaluate

QUESTIONS = load_questions("ssl.yaml")
NUMERIC = numeric(QUESTIONS)


# ---------------------------------------------------------------- independent computations


def ntxent_mean_loss(view1: torch.Tensor, view2: torch.Tensor, tau: float) -> float:
    """Full SimCLR NT-Xent over 2N anchors, written as an explicit per-anchor loop."""
    z = F.normalize(torch.cat([view1, view2]).double(), dim=1)
    n2 = z.shape[0]
    n = n2 // 2
    losses = []
    for i in range(n2):
        pos = (i + n) % n2
        sims = torch.stack([z[i] @ z[k] for k in range(n2) if k != i]) / tau
        pos_logit = (z[i] @ z[pos]) / tau
        losses.append(-(pos_logit - torch.logsumexp(sims, dim=0)))
    return float(torch.stack(losses).mean())


def simclr_negatives(n: int) -> int:
    anchor, positive = 0, n  # view 0 of image 0 and view 1 of image 0
    return len(set(range(2 * n)) - {anchor, positive})


def simclr_sim_matrix_entries(n: int) -> int:
    z = torch.empty(2 * n, 8, device="meta")
    sim = z @ z.T
    return sim.numel()


def ntxent_single_anchor(sp: float, sn: float, n: int, t: float) -> float:
    logits = torch.tensor([[sp] + [sn] * int(n)], dtype=torch.float64) / t
    return float(F.cross_entropy(logits, torch.tensor([0])))


def negative_weight_ratio(s1: float, s2: float, t: float) -> float:
    p = torch.softmax(torch.tensor([s1, s2, 0.7], dtype=torch.float64) / t, dim=0)
    return float(p[0] / p[1])


def infonce_max_bound(n: int) -> float:
    # The bound log N - L_N is largest when L_N = 0; evaluate log N via a uniform softmax:
    # -log(1/N) is the loss of a uniform guess over N candidates.
    uniform = torch.zeros(1, int(n), dtype=torch.float64)
    return float(F.cross_entropy(uniform, torch.tensor([0])))


def moco_queue_batches(k: int, b: int) -> int:
    queue: collections.deque[int] = collections.deque(maxlen=int(k))
    for step in range(2 * int(k) // int(b) + 3):
        queue.extend([step] * int(b))  # enqueue; maxlen drops the oldest keys
    return len(set(queue))


def momentum_update(m: float, xi: float, th: float) -> float:
    target = torch.nn.Parameter(torch.tensor([xi], dtype=torch.float64), requires_grad=False)
    online = torch.tensor([th], dtype=torch.float64)
    target.data.mul_(m).add_((1 - m) * online)  # as in the DINO / MoCo code
    return float(target)


def byol_loss(c: float) -> float:
    a = torch.tensor([3.0, 0.0], dtype=torch.float64)  # unnormalised on purpose
    b = torch.tensor([c, math.sqrt(max(0.0, 1 - c * c))], dtype=torch.float64) * 5.0
    return float(((F.normalize(a, dim=0) - F.normalize(b, dim=0)) ** 2).sum())


def byol_tau(tb: float, k: int, total: int = 100000) -> float:
    # DINO-style cosine scheduler from base to final value 1.
    final = 1.0
    return final + 0.5 * (tb - final) * (1 + math.cos(math.pi * k / total))


def unit_vector_channel_std(d: int) -> float:
    gen = torch.Generator().manual_seed(0)
    z = F.normalize(torch.randn(6000, int(d), generator=gen, dtype=torch.float64), dim=1)
    return float(z.std(dim=0).mean())


def dino_pairs(v: int) -> int:
    ncrops = 2 + int(v)
    count = 0
    for iq in range(2):  # teacher sees the 2 global crops
        for s in range(ncrops):
            if s == iq:
                continue
            count += 1
    return count


def mae_visible_tokens(s: int, p: int, r: float) -> int:
    conv = torch.nn.Conv2d(3, 4, kernel_size=int(p), stride=int(p))
    with torch.no_grad():
        tokens = conv(torch.zeros(1, 3, int(s), int(s))).flatten(2).transpose(1, 2)
    length = tokens.shape[1]
    ids_keep = torch.rand(1, length).argsort(dim=1)[:, : int(length * (1 - r))]
    return ids_keep.shape[1]


def attention_score_saving(r: float) -> float:
    length, dim = 10000, 4
    keep = int(length * (1 - r) + 1e-9)
    full = length * length * dim
    visible = keep * keep * dim
    return full / visible


def sinkhorn_code(a: float, d: float, iters: int = 500) -> float:
    """SwAV's Sinkhorn-Knopp (rows = prototypes, columns = samples), run to convergence."""
    q = torch.tensor([[a, 1.0], [1.0, d]], dtype=torch.float64)
    q = q / q.sum()
    k, b = q.shape
    for _ in range(iters):
        q = q / q.sum(dim=1, keepdim=True) / k  # every prototype gets 1/K of the mass
        q = q / q.sum(dim=0, keepdim=True) / b  # every sample gets 1/B of the mass
    codes = q * b  # columns sum to 1, as in SwAV's code
    return float(codes[0, 0])


def multicrop_pixel_factor(v: int, s: int) -> float:
    """Count the convolution outputs of a stride-1 conv (a per-pixel cost) for each crop."""
    conv = torch.nn.Conv2d(3, 1, kernel_size=1, device="meta")

    def cost(size: int) -> int:
        return conv(torch.empty(1, 3, size, size, device="meta")).numel()

    return (2 * cost(224) + int(v) * cost(int(s))) / (2 * cost(224))


def ema_snapshot_weight(alpha: float, k: int) -> float:
    """Feed a one-hot 'student history' through the EMA recursion and read off the weight of step t - k."""
    steps = int(k) + 50
    teacher = torch.zeros(steps + 1, dtype=torch.float64)  # coefficient of each student snapshot
    for t in range(steps + 1):
        teacher = alpha * teacher
        teacher[t] += 1 - alpha
    return float(teacher[steps - int(k)])


def supcon_positive_count(n: int) -> int:
    labels = torch.arange(3).repeat_interleave(int(n))  # 3 classes, n images each
    views = torch.cat([labels, labels])  # two views per image
    anchor = 0
    same = (views == views[anchor]).clone()
    same[anchor] = False
    return int(same.sum())


NON_PARAMETRIC = {
    "ssl-ntxent-worked-batch": lambda: ntxent_mean_loss(
        torch.tensor([[1.0, 0.0], [0.0, 1.0]]), torch.tensor([[0.6, 0.8], [-0.8, 0.6]]), 0.5
    ),
    "ssl-jigsaw-permutations": lambda: sum(1 for _ in itertools.permutations(range(9))),
}

PARAMETRIC = {
    "ssl-simclr-negatives-per-anchor": lambda n: simclr_negatives(int(n)),
    "ssl-simclr-similarity-matrix-size": lambda n: simclr_sim_matrix_entries(int(n)),
    "ssl-ntxent-loss-value": ntxent_single_anchor,
    "ssl-temperature-negative-weight-ratio": negative_weight_ratio,
    "ssl-infonce-mi-bound": infonce_max_bound,
    "ssl-moco-queue-batches": moco_queue_batches,
    "ssl-momentum-update-value": momentum_update,
    "ssl-byol-loss-value": byol_loss,
    "ssl-byol-tau-schedule": byol_tau,
    "ssl-collapse-std-monitor": unit_vector_channel_std,
    "ssl-dino-multicrop-pairs": dino_pairs,
    "ssl-mae-visible-patches": mae_visible_tokens,
    "ssl-mae-attention-saving": attention_score_saving,
    "ssl-swav-sinkhorn-code": sinkhorn_code,
    "ssl-multicrop-pixel-cost": multicrop_pixel_factor,
    "ssl-mean-teacher-ema-weight": ema_snapshot_weight,
    "ssl-supcon-positive-count": supcon_positive_count,
}

NOT_RECOMPUTABLE: dict[str, str] = {}


# ---------------------------------------------------------------- tests


@pytest.mark.parametrize("qid", sorted(NON_PARAMETRIC))
def test_non_parametric_answers(qid: str) -> None:
    q = NUMERIC[qid]
    assert "params" not in q
    computed = NON_PARAMETRIC[qid]()
    assert close(q, bank_value(q), computed), (qid, q["answer"], computed)


@pytest.mark.parametrize("qid", sorted(PARAMETRIC))
def test_parametric_answers(qid: str) -> None:
    q = NUMERIC[qid]
    for env in combos(q):
        bank = bank_value(q, env)
        computed = PARAMETRIC[qid](**env)
        assert close(q, bank, computed), (qid, env, bank, computed)


def test_every_numeric_question_is_checked() -> None:
    covered = set(NON_PARAMETRIC) | set(PARAMETRIC) | set(NOT_RECOMPUTABLE)
    assert set(NUMERIC) <= covered, sorted(set(NUMERIC) - covered)
    assert covered <= set(NUMERIC), sorted(covered - set(NUMERIC))
    for qid in PARAMETRIC:
        assert "params" in NUMERIC[qid], qid


@pytest.mark.parametrize("qid", sorted(qid for qid, q in NUMERIC.items() if q.get("mistakes")))
def test_every_named_mistake_is_outside_the_grading_window(qid: str) -> None:
    """A listed mistake must never be graded right, for any parameter combination."""
    q = NUMERIC[qid]
    for env in combos(q):
        answer = bank_value(q, env)
        for mistake in q["mistakes"]:
            wrong = evaluate(str(mistake["expr"]), env)
            assert not close(q, answer, wrong), (qid, env, mistake["expr"], wrong, answer)


def test_ntxent_worked_batch_self_similarity_mistake() -> None:
    """The named mistake (self-similarity left in every denominator) is what an unmasked
    cross-entropy over the full 2N x 2N matrix computes, and the explanation quotes its value."""
    q = NUMERIC["ssl-ntxent-worked-batch"]
    z = torch.tensor([[1.0, 0.0], [0.0, 1.0], [0.6, 0.8], [-0.8, 0.6]], dtype=torch.float64)
    unmasked = float(F.cross_entropy(z @ z.T / 0.5, torch.tensor([2, 3, 0, 1])))
    (mistake,) = q["mistakes"]
    assert abs(evaluate(str(mistake["expr"])) - unmasked) < 1e-9
    assert f"({unmasked:.3f})" in q["explanation"], unmasked
