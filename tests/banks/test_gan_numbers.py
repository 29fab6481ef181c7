"""Recompute every numeric answer of the `gan` bank independently.

Non-parametric answers are recomputed from first principles (numpy / torch); parametric answers are
evaluated with the bank's own expression for every parameter combination and compared with an
independent Python computation of the same quantity.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch
from bankhelp import bank_value, close, combos, load_questions, numeric, window

from prepcli.banks.expr import evaluate

QUESTIONS = load_questions("gan.yaml")
NUMERIC = numeric(QUESTIONS)


# ----------------------------------------------------------------------------- helpers
def _kl(p: np.ndarray, q: np.ndarray) -> float:
    """KL(p||q) in nats for discrete distributions (0 log 0 = 0)."""
    p, q = np.asarray(p, float), np.asarray(q, float)
    mask = p > 0
    return float(np.sum(p[mask] * np.log(p[mask] / q[mask])))


def _js(p: np.ndarray, q: np.ndarray) -> float:
    p, q = np.asarray(p, float), np.asarray(q, float)
    m = (p + q) / 2
    return 0.5 * _kl(p, m) + 0.5 * _kl(q, m)


def _gan_value(d_real: float, d_fake: float) -> float:
    """V(D, G) for a discriminator that outputs d_real on real and d_fake on fake samples, via torch BCE."""
    bce = torch.nn.functional.binary_cross_entropy
    real = torch.tensor([d_real], dtype=torch.float64)
    fake = torch.tensor([d_fake], dtype=torch.float64)
    return float(-(bce(real, torch.ones_like(real)) + bce(fake, torch.zeros_like(fake))))


def _optimal_d_numeric(a: float, b: float, alpha: float = 1.0) -> float:
    """argmax_y of a*(alpha log y + (1-alpha) log(1-y)) + b log(1-y), by ternary search (concave in y)."""

    def f(y: float) -> float:
        return a * (alpha * math.log(y) + (1 - alpha) * math.log(1 - y)) + b * math.log(1 - y)

    lo, hi = 1e-12, 1 - 1e-12
    for _ in range(200):
        m1, m2 = lo + (hi - lo) / 3, hi - (hi - lo) / 3
        if f(m1) < f(m2):
            lo = m1
        else:
            hi = m2
    return (lo + hi) / 2


def _w1_1d(xs_p, ws_p, xs_q, ws_q) -> float:
    """W1 between two discrete 1-D distributions = integral of |F_P - F_Q|."""
    pts = np.array(sorted(set(xs_p) | set(xs_q)), float)
    fp = np.array([sum(w for x, w in zip(xs_p, ws_p) if x <= t) for t in pts])
    fq = np.array([sum(w for x, w in zip(xs_q, ws_q) if x <= t) for t in pts])
    return float(np.sum(np.abs(fp - fq)[:-1] * np.diff(pts)))


def _sqrtm_psd(a: np.ndarray) -> np.ndarray:
    w, v = np.linalg.eigh(a)
    return (v * np.sqrt(np.clip(w, 0, None))) @ v.T


def _fid(mu1, s1, mu2, s2) -> float:
    """Frechet distance between Gaussians, with the matrix square root of S1 S2 computed symmetrically."""
    mu1, mu2 = np.asarray(mu1, float), np.asarray(mu2, float)
    s1, s2 = np.atleast_2d(s1).astype(float), np.atleast_2d(s2).astype(float)
    r1 = _sqrtm_psd(s1)
    covmean_trace = np.trace(_sqrtm_psd(r1 @ s2 @ r1))  # Tr((S1 S2)^1/2) = Tr((S1^1/2 S2 S1^1/2)^1/2)
    return float(np.sum((mu1 - mu2) ** 2) + np.trace(s1) + np.trace(s2) - 2 * covmean_trace)


def _fid_1d(m1, sd1, m2, sd2) -> float:
    return _fid([m1], [[sd1**2]], [m2], [[sd2**2]])


def _patchgan_receptive_field() -> int:
    """Measure the receptive field empirically: input-gradient support of one output unit."""
    layers, ch = [], 1
    for stride in (2, 2, 2, 1, 1):
        conv = torch.nn.Conv2d(ch, 1, kernel_size=4, stride=stride, bias=False)
        torch.nn.init.constant_(conv.weight, 1.0)
        layers.append(conv)
    net = torch.nn.Sequential(*layers).double()
    x = torch.zeros(1, 1, 200, 200, dtype=torch.float64, requires_grad=True)
    y = net(x)
    (g,) = torch.autograd.grad(y[0, 0, y.shape[2] // 2, y.shape[3] // 2], x)
    rows = torch.nonzero(g[0, 0].abs().sum(dim=1)).flatten()
    return int(rows.max() - rows.min() + 1)


# ----------------------------------------------------------------------------- parametric oracles
def _oracle(qid: str, v: dict) -> float:
    if qid == "gan-optimal-discriminator-value":
        return _optimal_d_numeric(v["pd"], v["pg"])
    if qid == "gan-constant-discriminator-value":
        return _gan_value(v["d"], v["d"])
    if qid == "gan-generator-objective-from-js":
        # build two distributions with the requested JS by bisection, then evaluate V at D*
        target = v["js"]
        lo, hi = 0.0, 1.0
        for _ in range(200):
            mid = (lo + hi) / 2
            p, q = np.array([1.0, 0.0]), np.array([1 - mid, mid])
            if _js(p, q) < target:
                lo = mid
            else:
                hi = mid
        p, q = np.array([1.0, 0.0]), np.array([1 - lo, lo])
        d_star = p / (p + q)
        val = sum(p[i] * math.log(d_star[i]) for i in range(2) if p[i] > 0)
        val += sum(q[i] * math.log(1 - d_star[i]) for i in range(2) if q[i] > 0 and d_star[i] < 1)
        return val
    if qid == "gan-non-saturating-gradient-ratio":
        logit = torch.tensor(math.log(v["d"] / (1 - v["d"])), dtype=torch.float64, requires_grad=True)
        (g_ns,) = torch.autograd.grad(-torch.log(torch.sigmoid(logit)), logit)
        (g_sat,) = torch.autograd.grad(torch.log(1 - torch.sigmoid(logit)), logit)
        return abs(float(g_ns)) / abs(float(g_sat))
    if qid == "gan-kl-bernoulli":
        return _kl([v["p"], 1 - v["p"]], [v["q"], 1 - v["q"]])
    if qid == "gan-wasserstein-point-masses":
        return _w1_1d([0.0], [1.0], [v["a"], v["b"]], [0.5, 0.5])
    if qid == "gan-one-sided-label-smoothing":
        return _optimal_d_numeric(v["pd"], v["pg"], alpha=v["alpha"])
    if qid == "gan-lipschitz-bound-product":
        gen = torch.Generator().manual_seed(0)
        bound = 1.0
        for s in (v["s1"], v["s2"], v["s3"]):
            w = torch.randn(16, 16, generator=gen, dtype=torch.float64)
            w = w / torch.linalg.matrix_norm(w, ord=2) * s  # spectral norm exactly s
            bound *= float(torch.linalg.matrix_norm(w, ord=2))
        slope = torch.nn.LeakyReLU(0.2)
        x = torch.linspace(-3, 3, 601, dtype=torch.float64, requires_grad=True)
        (g,) = torch.autograd.grad(slope(x).sum(), x)
        return bound * float(g.abs().max()) ** 2  # two activations, each with Lipschitz constant max |slope|
    if qid == "gan-pixelshuffle-output-channels":
        out = torch.nn.PixelShuffle(v["r"])(torch.zeros(1, v["c"], v["h"], v["h"]))
        assert out.shape[2] == out.shape[3] == v["h"] * v["r"]
        return out.shape[1]
    if qid == "gan-subpixel-conv-params":
        block = torch.nn.Sequential(
            torch.nn.Conv2d(v["cin"], v["cout"] * v["r"] ** 2, v["k"], padding=v["k"] // 2, bias=True, device="meta"),
            torch.nn.PixelShuffle(v["r"]),
        )
        out = block(torch.zeros(1, v["cin"], 5, 5, device="meta"))  # shapes only, no allocation
        assert tuple(out.shape) == (1, v["cout"], 5 * v["r"], 5 * v["r"])
        return sum(p.numel() for p in block.parameters())
    if qid == "gan-fid-1d-gaussians":
        return _fid_1d(v["m1"], v["s1"], v["m2"], v["s2"])
    if qid == "gan-kl-gaussians":
        x = np.linspace(-40, 40, 400_001)
        dx = x[1] - x[0]

        def logpdf(m: float, sd: float) -> np.ndarray:
            return -0.5 * ((x - m) / sd) ** 2 - math.log(sd * math.sqrt(2 * math.pi))

        lp, lq = logpdf(v["m1"], v["s1"]), logpdf(v["m2"], v["s2"])
        return float(np.sum(np.exp(lp) * (lp - lq)) * dx)
    if qid == "gan-r1-linear-discriminator":
        disc = torch.nn.Linear(2, 1).double()
        with torch.no_grad():
            disc.weight.copy_(torch.tensor([[v["w1"], v["w2"]]], dtype=torch.float64))
        real = torch.randn(64, 2, dtype=torch.float64, generator=torch.Generator().manual_seed(0))
        real.requires_grad_(True)
        (grad,) = torch.autograd.grad(disc(real).sum(), real)  # per-sample input gradients
        return float(v["gamma"] / 2 * grad.pow(2).sum(dim=1).mean())
    if qid == "gan-js-bernoulli":
        return _js([v["p"], 1 - v["p"]], [v["q"], 1 - v["q"]])
    raise KeyError(qid)


# ----------------------------------------------------------------------------- fixed answers
def _fixed() -> dict[str, float]:
    return {
        "gan-value-at-global-optimum": _gan_value(0.5, 0.5),
        "gan-patchgan-receptive-field": _patchgan_receptive_field(),
        "gan-tv-loss-value": float(
            torch.nn.functional.conv2d(_TV_IMAGE, torch.tensor([[[[-1.0, 1.0]]]])).pow(2).sum()
            + torch.nn.functional.conv2d(_TV_IMAGE, torch.tensor([[[[-1.0], [1.0]]]])).pow(2).sum()
        ),
        "gan-fid-diagonal-covariances": _fid([0, 0], np.diag([1.0, 4.0]), [1, 2], np.diag([4.0, 1.0])),
        # U[0,1] vs U[5,6], discretised on a common grid: the supports are disjoint
        "gan-hinge-d-loss-value": float(
            torch.relu(1 - torch.tensor([1.5, 0.2])).mean() + torch.relu(1 + torch.tensor([-2.0, 0.5])).mean()
        ),
        "gan-spectral-norm-value": _spectral_norm_by_power_iteration(torch.tensor([[3.0, 0.0], [4.0, 5.0]])),
        "gan-js-disjoint-supports": _js(
            np.r_[np.full(100, 0.01), np.zeros(100)], np.r_[np.zeros(100), np.full(100, 0.01)]
        ),
    }


def _spectral_norm_by_power_iteration(w: torch.Tensor) -> float:
    """What torch's spectral_norm parametrisation divides by, after enough power iterations."""
    layer = torch.nn.Linear(2, 2, bias=False).double()
    with torch.no_grad():
        layer.weight.copy_(w.double())
    sn = torch.nn.utils.parametrizations.spectral_norm(layer, n_power_iterations=50)
    sn.train()
    sn(torch.zeros(1, 2, dtype=torch.float64))  # run the power iterations
    sigma = float(torch.linalg.matrix_norm(w.double(), ord=2))
    normalised = sn.weight.detach()
    assert abs(float(torch.linalg.matrix_norm(normalised, ord=2)) - 1.0) < 1e-6
    return float(w.double()[0, 0] / normalised[0, 0]) if normalised[0, 0] != 0 else sigma


_TV_IMAGE = torch.tensor([[[[1.0, 2, 4], [2, 2, 3], [0, 1, 5]]]])

NOT_RECOMPUTABLE: dict[str, str] = {}


PARAMETRIC = sorted(qid for qid, q in NUMERIC.items() if "params" in q)
FIXED = sorted(qid for qid, q in NUMERIC.items() if "params" not in q and qid not in NOT_RECOMPUTABLE)


@pytest.mark.parametrize("qid", PARAMETRIC)
def test_parametric_expression_matches_independent_computation(qid: str) -> None:
    q = NUMERIC[qid]
    for env in combos(q):
        got = bank_value(q, env)
        want = _oracle(qid, env)
        # the bank rounds to the stated precision, so compare with its own tolerance (plus grid slack)
        assert abs(got - want) <= window(q, got) + 1e-5, f"{qid} {env}: bank {got} vs independent {want}"


@pytest.mark.parametrize("qid", FIXED)
def test_fixed_answer_matches_independent_computation(qid: str) -> None:
    q = NUMERIC[qid]
    want = _fixed()[qid]
    assert close(q, bank_value(q), want), f"{qid}: bank {q['answer']} vs {want}"


def test_every_numeric_question_is_checked() -> None:
    fixed = _fixed()
    for qid, q in NUMERIC.items():
        if "params" in q:
            _oracle(qid, {n: vals[0] for n, vals in q["params"].items()})  # raises KeyError if missing
        else:
            assert qid in fixed or qid in NOT_RECOMPUTABLE, f"{qid} is not recomputed"
    assert len(NOT_RECOMPUTABLE) <= 2


@pytest.mark.parametrize("qid", sorted(qid for qid, q in NUMERIC.items() if q.get("mistakes")))
def test_every_named_mistake_is_outside_the_grading_window(qid: str) -> None:
    """A listed mistake must never be graded right, for any parameter combination."""
    q = NUMERIC[qid]
    for env in combos(q):
        answer = bank_value(q, env)
        for mistake in q["mistakes"]:
            wrong = evaluate(str(mistake["expr"]), env)
            assert not close(q, answer, wrong), f"{qid} {env}: {mistake['expr']} = {wrong} ~ {answer}"
