"""Recompute every numeric answer of the `metrics` and `training` banks independently.

Parametric questions are checked over the full Cartesian product of their params: the bank's
expression (evaluated with prepcli's safe evaluator) must match a computation written here
from scratch (numpy / torch / exact fractions), so a wrong expression is caught.
"""

from __future__ import annotations

import math
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
import torch
import yaml
from bankhelp import QUESTIONS_DIR, bank_value, close, combos, load_questions, numeric

from prepcli.banks.expr import evaluate
from prepcli.banks.loader import load_bank_file

ROOT = Path(__file__).parents[2]
BANK_FILES = {
    "metrics": QUESTIONS_DIR / "metrics.yaml",
    "training": QUESTIONS_DIR / "training.yaml",
}
SEEDS = ROOT.parent / "shared" / "seeds"
COVERAGE = ROOT / "tests" / "seed_coverage" / "metrics_training.yaml"

BANKS = {name: load_questions(path.name) for name, path in BANK_FILES.items()}
QUESTIONS = load_questions(*(path.name for path in BANK_FILES.values()))
NUMERIC = numeric(QUESTIONS)
PARAMETRIC = {qid: q for qid, q in NUMERIC.items() if "params" in q}
FIXED = {qid: q for qid, q in NUMERIC.items() if "params" not in q}


# ----------------------------------------------------------------------------- helpers


def psnr_from_images(a: np.ndarray, b: np.ndarray, peak: float) -> float:
    mse = float(np.mean((a.astype(np.float64) - b.astype(np.float64)) ** 2))
    return 20.0 * math.log10(peak / math.sqrt(mse))


def images_with_mse(mse: float, shape=(8, 8, 3)) -> tuple[np.ndarray, np.ndarray]:
    a = np.zeros(shape)
    signs = np.where(np.indices(shape).sum(axis=0) % 2 == 0, 1.0, -1.0)
    return a, a + signs * math.sqrt(mse)  # every pixel off by sqrt(mse) -> exact MSE


def pr_points(flags: list[int], num_gt: int) -> list[tuple[Fraction, Fraction]]:
    """(recall, precision) after each ranked detection, exact."""
    tp = fp = 0
    out = []
    for f in flags:
        tp += f
        fp += 1 - f
        out.append((Fraction(tp, num_gt), Fraction(tp, tp + fp)))
    return out


def interp_precision(points, r: Fraction) -> Fraction:
    cands = [p for rec, p in points if rec >= r]
    return max(cands) if cands else Fraction(0)


def ap_all_point(flags: list[int], num_gt: int) -> float:
    points = pr_points(flags, num_gt)
    recalls = sorted({Fraction(0)} | {rec for rec, _ in points} | {Fraction(1)})
    area = Fraction(0)
    for lo, hi in zip(recalls[:-1], recalls[1:]):
        area += (hi - lo) * interp_precision(points, hi)
    return float(area)


def ap_11_point(flags: list[int], num_gt: int) -> float:
    points = pr_points(flags, num_gt)
    return float(sum(interp_precision(points, Fraction(i, 10)) for i in range(11)) / 11)


def sqrtm_psd(m: np.ndarray) -> np.ndarray:
    vals, vecs = np.linalg.eigh(m)
    return vecs @ np.diag(np.sqrt(np.clip(vals, 0, None))) @ vecs.T


def frechet(mu1, s1, mu2, s2) -> float:
    covmean = sqrtm_psd(sqrtm_psd(s1) @ s2 @ sqrtm_psd(s1))  # Tr sqrt(S1 S2), symmetric form
    return float(np.sum((mu1 - mu2) ** 2) + np.trace(s1) + np.trace(s2) - 2 * np.trace(covmean))


def lr_after(scheduler_factory, base_lr: float, steps: int) -> float:
    param = torch.nn.Parameter(torch.zeros(1))
    opt = torch.optim.SGD([param], lr=base_lr)
    sched = scheduler_factory(opt)
    for _ in range(steps):
        opt.step()
        sched.step()
    return sched.get_last_lr()[0]


# ----------------------------------------------------------------------------- parametric


def _f1(e):
    tp, fp, fn = int(e["tp"]), int(e["fp"]), int(e["fn"])
    y_true = np.array([1] * tp + [0] * fp + [1] * fn)
    y_pred = np.array([1] * tp + [1] * fp + [0] * fn)
    p = np.sum(y_true & y_pred) / np.sum(y_pred)
    r = np.sum(y_true & y_pred) / np.sum(y_true)
    return 2 / (1 / p + 1 / r)


def _mask_iou(e):
    a, b, inter = int(e["a"]), int(e["b"]), int(e["inter"])
    n = a + b
    ma = np.zeros(n, bool)
    mb = np.zeros(n, bool)
    ma[:a] = True
    mb[a - inter : a - inter + b] = True
    assert (ma & mb).sum() == inter
    return (ma & mb).sum() / (ma | mb).sum()


def _ssim_luminance(e):
    rng = np.random.default_rng(0)
    x = e["mux"] + rng.normal(size=(11, 11))
    y = e["muy"] + rng.normal(size=(11, 11))
    x += e["mux"] - x.mean()
    y += e["muy"] - y.mean()
    c1 = (0.01 * 255) ** 2
    mx, my = x.mean(), y.mean()
    return (2 * mx * my + c1) / (mx**2 + my**2 + c1)


def _fid_1d(e):
    extra = 0.7  # an identical second dimension must not change the distance
    mu1, mu2 = np.array([e["m1"], 0.3]), np.array([e["m2"], 0.3])
    s1 = np.diag([e["s1"] ** 2, extra])
    s2 = np.diag([e["s2"] ** 2, extra])
    return frechet(mu1, s1, mu2, s2)


def _dropout_kept(p: float, x: float) -> float:
    torch.manual_seed(0)
    layer = torch.nn.Dropout(p=p).train()
    out = layer(torch.full((20000,), float(x), dtype=torch.float64))
    kept = out[out != 0]
    assert kept.numel() > 0
    return float(kept[0])


def _he_std(e):
    conv = torch.nn.Conv2d(int(e["cin"]), 8, int(e["k"]))
    fan_in, _ = torch.nn.init._calculate_fan_in_and_fan_out(conv.weight)
    return torch.nn.init.calculate_gain("relu") / math.sqrt(fan_in)


def _xavier_bound(e):
    fi, fo = int(e["fi"]), int(e["fo"])
    w = torch.empty(fo, fi, dtype=torch.float64)
    torch.manual_seed(0)
    torch.nn.init.xavier_uniform_(w)
    fan_in, fan_out = torch.nn.init._calculate_fan_in_and_fan_out(w)
    bound = math.sqrt(3.0) * math.sqrt(2.0 / (fan_in + fan_out))  # U(-a, a) has var a^2 / 3
    assert float(w.abs().max()) <= bound * (1 + 1e-9)
    assert float(w.abs().max()) >= bound * 0.99
    return bound


def _adam_factor(e):
    beta, t = e["beta"], int(e["t"])
    m = 0.0
    for _ in range(t):  # EMA of a constant gradient 1, started at 0
        m = beta * m + (1 - beta) * 1.0
    return 1.0 / m


def _cosine(e):
    return lr_after(
        lambda opt: torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=1000, eta_min=e["lr_min"]),
        e["lr_max"],
        int(e["t"]),
    )


def _warmup(e):
    target, w = e["target"], int(e["w"])
    return lr_after(
        lambda opt: torch.optim.lr_scheduler.LinearLR(
            opt, start_factor=0.1 / target, end_factor=1.0, total_iters=w
        ),
        target,
        int(e["t"]),
    )


def _effective_batch(e):
    seen = 0
    for _gpu in range(int(e["gpus"])):
        for _micro in range(int(e["accum"])):
            seen += int(e["per_gpu"])
    return seen


def _bn_output(e):
    bn = torch.nn.BatchNorm1d(1, dtype=torch.float64).train()
    with torch.no_grad():
        bn.weight.fill_(e["gamma"])
        bn.bias.fill_(e["beta"])
    x = torch.tensor([[2.0], [4.0], [6.0], [float(e["a"])]], dtype=torch.float64)
    return float(bn(x).detach()[3, 0])


def _bn_running_mean(e):
    bn = torch.nn.BatchNorm1d(1, dtype=torch.float64).train()
    bn.running_mean.fill_(e["r0"])
    x = torch.tensor([[e["mb"] - 1.0], [e["mb"] + 1.0]], dtype=torch.float64)
    bn(x)
    return float(bn.running_mean[0])


def _kl_gauss(e):
    p = torch.distributions.Normal(torch.tensor(float(e["m1"])), torch.tensor(float(e["s1"])))
    q = torch.distributions.Normal(torch.tensor(float(e["m2"])), torch.tensor(float(e["s2"])))
    return float(torch.distributions.kl_divergence(p, q))


def _binary_entropy(e):
    ent = torch.distributions.Bernoulli(probs=torch.tensor(float(e["p"]), dtype=torch.float64)).entropy()
    return float(ent) / math.log(2)


def _bessel(e):
    n = int(e["n"])
    centering = np.eye(n) - np.ones((n, n)) / n
    # E[x^T A x] = sigma^2 tr(A) for x ~ N(0, sigma^2 I); biased estimator A = centering / n
    return e["sigma2"] * np.trace(centering / n)


def _var_of_sum(e):
    w = np.array([e["a"], e["b"]])
    cov = np.diag([e["vx"], e["vy"]])
    return float(w @ cov @ w)


# ----------------------------------------------------------------------------- retrieval helpers


def ranked_ap(relevant_flags: list[int], n_relevant: int) -> float:
    """Retrieval AP: mean over all relevant items of the precision at their rank (0 if never retrieved)."""
    hits, total = 0, 0.0
    for rank, rel in enumerate(relevant_flags, start=1):
        if rel:
            hits += 1
            total += hits / rank
    return total / n_relevant


def ranking_with_hits(k: int, hits: int, length: int = 50) -> list[int]:
    """A ranked relevance list with `hits` relevant items inside the top k (spread out) and none after."""
    flags = [0] * length
    for i in range(hits):
        flags[i * k // hits] = 1
    return flags


def recall_at_k(flags: list[int], k: int, n_relevant: int) -> float:
    return sum(flags[:k]) / n_relevant


def precision_at_k(flags: list[int], k: int) -> float:
    return sum(flags[:k]) / k


def mean_reciprocal_rank(rankings: list[list[int]]) -> float:
    rr = [next((1 / r for r, rel in enumerate(f, start=1) if rel), 0.0) for f in rankings]
    return float(np.mean(rr))


def ndcg_at_k(returned: list[int], collection: list[int], k: int) -> float:
    def dcg(grades):
        return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(grades[:k]))

    return dcg(returned) / dcg(sorted(collection, reverse=True))


CLASS_COUNTS = {"A": (90, 10, 10), "B": (5, 5, 15), "C": (1, 4, 4)}  # TP, FP, FN


def _harmonic(p: float, r: float) -> float:
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def macro_f1(counts) -> float:
    return float(np.mean([_harmonic(tp / (tp + fp), tp / (tp + fn)) for tp, fp, fn in counts.values()]))


def micro_f1(counts) -> float:
    tp, fp, fn = (sum(c[i] for c in counts.values()) for i in range(3))
    return _harmonic(tp / (tp + fp), tp / (tp + fn))


def multilabel_map(scores: np.ndarray, labels: np.ndarray) -> float:
    """Per-label AP over images ranked by that label's score, then the mean over labels."""
    aps = []
    for c in range(labels.shape[1]):
        order = np.argsort(-scores[:, c], kind="stable")
        aps.append(ranked_ap(labels[order, c].tolist(), int(labels[:, c].sum())))
    return float(np.mean(aps))


# scores chosen so that ranking by dog gives labels 1,0,1,0 and ranking by cat gives 0,1,0,0
ML_SCORES = np.array([[0.9, 0.2], [0.8, 0.9], [0.6, 0.1], [0.3, 0.85]])
ML_LABELS = np.array([[1, 0], [0, 0], [1, 0], [0, 1]])


INDEPENDENT = {
    # metrics
    "met-recall-at-k-ir": lambda e: recall_at_k(ranking_with_hits(e["k"], e["hit"]), e["k"], e["rel"]),
    "met-precision-at-k": lambda e: precision_at_k(ranking_with_hits(e["k"], e["hit"]), e["k"]),
    "met-psnr-8bit-from-mse": lambda e: psnr_from_images(*images_with_mse(e["mse"]), peak=255),
    "met-psnr-nbit-from-mse": lambda e: psnr_from_images(
        *images_with_mse(e["mse"]), peak=float((1 << int(e["n"])) - 1)
    ),
    "met-psnr-unit-range": lambda e: psnr_from_images(*images_with_mse(e["mse"]), peak=1.0),
    "met-mse-from-psnr": lambda e: (255 / 10 ** (e["psnr"] / 20)) ** 2,
    "met-f1-from-counts": _f1,
    "met-ap-voc-all-point": lambda e: ap_all_point([1, 0, 1, 1], int(e["g"])),
    "met-ap-voc-11-point": lambda e: ap_11_point([1, 0, 1, 1], int(e["g"])),
    "met-ssim-luminance-term": _ssim_luminance,
    "met-fid-1d-gaussians": _fid_1d,
    "met-mask-iou-from-counts": _mask_iou,
    # training
    "train-inverted-dropout-scale": lambda e: _dropout_kept(e["p"], 1.0),
    "train-dropout-expected-no-scaling": lambda e: sum(
        prob * keep * e["x"] for keep, prob in ((1, 1 - e["p"]), (0, e["p"]))
    ),
    "train-inverted-dropout-kept-value": lambda e: _dropout_kept(e["p"], e["x"]),
    "train-he-init-std": _he_std,
    "train-xavier-uniform-bound": _xavier_bound,
    "train-var-from-moments": lambda e: e["ex2"] - e["ex"] * e["ex"],
    "train-cov-from-moments": lambda e: e["exy"] - e["ex"] * e["ey"],
    "train-var-of-sum": _var_of_sum,
    "train-bessel-expectation": _bessel,
    "train-adam-bias-correction": _adam_factor,
    "train-cosine-lr": _cosine,
    "train-linear-warmup": _warmup,
    "train-linear-scaling-lr": lambda e: 0.1 * (e["bs"] / 256),
    "train-effective-batch": _effective_batch,
    "train-bn-output": _bn_output,
    "train-bn-running-mean-update": _bn_running_mean,
    "train-kl-gaussians": _kl_gauss,
    "train-binary-entropy": _binary_entropy,
}


def _confusion_miou() -> float:
    cm = np.array([[50, 10], [5, 35]], dtype=float)  # rows = ground truth, cols = prediction
    tp = np.diag(cm)
    iou = tp / (cm.sum(axis=0) + cm.sum(axis=1) - tp)
    return float(iou.mean())


def _kl_discrete() -> float:
    p = torch.distributions.Categorical(probs=torch.tensor([0.5, 0.5], dtype=torch.float64))
    q = torch.distributions.Categorical(probs=torch.tensor([0.9, 0.1], dtype=torch.float64))
    return float(torch.distributions.kl_divergence(p, q))


FIXED_VALUES = {
    "met-coco-iou-threshold-count": lambda: len(range(50, 100, 5)),  # 0.50, 0.55, ..., 0.95
    "met-miou-from-confusion": _confusion_miou,
    "met-retrieval-ap": lambda: ranked_ap([1, 0, 1, 0, 0, 1], 4),
    "met-retrieval-map": lambda: (ranked_ap([1, 0, 1, 0, 0, 1], 4) + ranked_ap([0, 1, 0, 1], 2)) / 2,
    "met-mrr": lambda: mean_reciprocal_rank([[1, 0, 0], [0, 0, 1], [0, 1, 0], [0, 0, 0]]),
    "met-ndcg": lambda: ndcg_at_k([3, 2, 0], [3, 2, 0, 1], 3),
    "met-macro-f1": lambda: macro_f1(CLASS_COUNTS),
    "met-micro-f1": lambda: micro_f1(CLASS_COUNTS),
    "met-multilabel-map": lambda: multilabel_map(ML_SCORES, ML_LABELS),
    "train-kl-discrete": _kl_discrete,
}

NOT_RECOMPUTABLE: dict[str, str] = {}


# ----------------------------------------------------------------------------- tests


def test_banks_validate_with_the_loader():
    for path in BANK_FILES.values():
        bank, problems = load_bank_file(path)
        assert problems == []
        assert bank is not None


def test_every_numeric_question_is_checked():
    checked = set(INDEPENDENT) | set(FIXED_VALUES) | set(NOT_RECOMPUTABLE)
    # every training numeric is held complete by test_training_numbers.py (here or there)
    metrics = {q for q in NUMERIC if q.startswith("met-")}
    assert metrics <= checked, sorted(metrics - checked)
    assert checked <= set(NUMERIC), sorted(checked - set(NUMERIC))  # no stale ids
    assert set(INDEPENDENT) <= set(PARAMETRIC)
    assert set(FIXED_VALUES) <= set(FIXED) - set(NOT_RECOMPUTABLE)


@pytest.mark.parametrize("qid", sorted(INDEPENDENT))
def test_parametric_expression_matches_independent_computation(qid):
    q = PARAMETRIC[qid]
    for env in combos(q):
        bank = bank_value(q, env)
        computed = INDEPENDENT[qid](env)
        assert close(q, bank, computed), f"{qid} with {env}: bank {bank}, computed {computed}"


@pytest.mark.parametrize("qid", sorted(FIXED_VALUES))
def test_fixed_numeric_answer_matches_independent_computation(qid):
    q = FIXED[qid]
    computed = FIXED_VALUES[qid]()
    assert close(q, bank_value(q), computed), f"{qid}: bank {q['answer']}, computed {computed}"


def test_bank_shape_requirements():
    for name, minimum, prefix in (("metrics", 32, "met-"), ("training", 34, "train-")):
        qs = list(BANKS[name].values())
        assert len(qs) >= minimum
        assert all(q["id"].startswith(prefix) for q in qs)
        types = {q["type"] for q in qs}
        assert len(types) >= 4
        auto = sum(q["type"] != "open" for q in qs)
        assert auto / len(qs) >= 0.4
        parametric = [q for q in qs if q["type"] == "numeric" and "params" in q]
        assert len(parametric) >= 8


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the source documents are not part of a checkout")
def test_seed_coverage_items_are_verbatim_and_ids_exist():
    entries = yaml.safe_load(COVERAGE.read_text(encoding="utf-8"))
    assert entries
    for entry in entries:
        seed_text = (SEEDS / entry["seed"]).read_text(encoding="utf-8")
        assert entry["item"] in seed_text, entry["item"]
        assert entry["covered_by"], entry["item"]
        for qid in entry["covered_by"]:
            assert qid in QUESTIONS, qid


def test_named_mistakes_of_the_metrics_bank_are_told_apart_from_the_answer():
    """A listed mistake never falls within the grading tolerance of the answer, for any parameters."""
    for qid, q in NUMERIC.items():
        if not qid.startswith("met-"):
            continue
        for env in combos(q):
            answer = bank_value(q, env)
            for mistake in q.get("mistakes", []):
                assert mistake["message"].strip(), qid
                wrong = evaluate(str(mistake["expr"]), env)
                assert not close(q, answer, wrong), f"{qid} with {env}: mistake {mistake['expr']} = {wrong} passes"
