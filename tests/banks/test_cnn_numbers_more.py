"""Recompute the numbers of questions/cnn.yaml added in the second edition, and hold every listed mistake.

The first-edition numerics of the bank are recomputed in test_cnn_segmentation_numbers.py; this file
covers the questions on attention modules, DenseNet, ResNeXt, ConvNeXt, Grad-CAM and dilation, by
building the real layers (parameter counts on the meta device, autograd for Grad-CAM, a gradient probe
for receptive fields). It also checks, for the whole bank, that no listed mistake falls inside the
accepted error of its question and that every hint is written and does not give the answer away.
"""

from __future__ import annotations

import re

import pytest
import torch
import torch.nn as nn
from bankhelp import bank_value, close, combos, load_questions, numeric

from prepcli.banks.expr import evaluate

QUESTIONS = load_questions("cnn.yaml")
NUMERIC = numeric(QUESTIONS)
META = torch.device("meta")


def n_params(module: nn.Module) -> int:
    return sum(p.numel() for p in module.parameters())


# ---------------------------------------------------------------- independent computations
def se_block(c: int, r: int, bias: bool = True) -> nn.Module:
    return nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(c, c // r, bias=bias, device=META),
                         nn.ReLU(), nn.Linear(c // r, c, bias=bias, device=META), nn.Sigmoid())


def se_resnet50_extra_millions() -> float:
    """One weights-only SE block (r = 16) per bottleneck, at each block's output width."""
    stages = [(3, 256), (4, 512), (6, 1024), (3, 2048)]
    return sum(n_params(se_block(width, 16, bias=False)) for count, width in stages for _ in range(count)) / 1e6


def dense_block_out_channels(k0: int, layers: int, k: int) -> int:
    """Run a real dense block (1x1 convs producing k maps) and read the concatenated width."""
    x = torch.zeros(1, k0, 2, 2)
    for _ in range(layers):
        new = nn.Conv2d(x.shape[1], k, 1, bias=False)(x)
        x = torch.cat([x, new], dim=1)
    return x.shape[1]


def densenet_bc_layer_weights(k: int, k0: int, layer: int) -> int:
    cin = dense_block_out_channels(k0, layer - 1, k) if layer > 1 else k0
    bottleneck = nn.Conv2d(cin, 4 * k, 1, bias=False, device=META)
    conv = nn.Conv2d(4 * k, k, 3, padding=1, bias=False, device=META)
    return n_params(bottleneck) + n_params(conv)


def resnext_block_weights(card: int, d: int) -> int:
    width = card * d
    return (n_params(nn.Conv2d(256, width, 1, bias=False, device=META))
            + n_params(nn.Conv2d(width, width, 3, padding=1, groups=card, bias=False, device=META))
            + n_params(nn.Conv2d(width, 256, 1, bias=False, device=META)))


class ConvNeXtBlock(nn.Module):
    """The official ConvNeXt block (dwconv 7x7, LN, Linear 4x, GELU, Linear, layer scale)."""

    def __init__(self, dim: int) -> None:
        super().__init__()
        self.dwconv = nn.Conv2d(dim, dim, kernel_size=7, padding=3, groups=dim, device=META)
        self.norm = nn.LayerNorm(dim, eps=1e-6, device=META)
        self.pwconv1 = nn.Linear(dim, 4 * dim, device=META)
        self.act = nn.GELU()
        self.pwconv2 = nn.Linear(4 * dim, dim, device=META)
        self.gamma = nn.Parameter(1e-6 * torch.ones(dim, device=META))


def gradcam_top_right() -> float:
    a = torch.tensor([[[1.0, 2.0], [0.0, 1.0]], [[2.0, 1.0], [1.0, 3.0]]], requires_grad=True)
    g = torch.tensor([[[0.5, 0.5], [0.5, 0.5]], [[-1.0, -1.0], [0.0, 0.0]]])
    score = (g * a).sum()                        # a class score whose gradient w.r.t. A is g
    (grads,) = torch.autograd.grad(score, a)     # [C, H, W]
    alpha = grads.mean(dim=(1, 2))               # [C]
    cam = torch.relu((alpha[:, None, None] * a).sum(dim=0))
    return float(cam[0, 1].detach())


def dilated_stack_rf(d1: int, d2: int, d3: int) -> int:
    """Receptive field measured as the support of d(centre output)/d(input) through real convs."""
    size = 64
    x = torch.zeros(1, 1, size, size, requires_grad=True)
    y = x
    for d in (d1, d2, d3):
        conv = nn.Conv2d(1, 1, 3, dilation=d, padding=d, bias=False)
        nn.init.ones_(conv.weight)
        y = conv(y)
    y[0, 0, size // 2, size // 2].backward()
    rows = (x.grad[0, 0].abs().sum(dim=1) > 0).nonzero().flatten()
    return int(rows.max() - rows.min() + 1)


PARAMETRIC = {
    "cnn-se-params": lambda e: n_params(se_block(e["c"], e["r"])),
    "cnn-densenet-channels": lambda e: dense_block_out_channels(e["k0"], e["l"], e["k"]),
    "cnn-densenet-bottleneck-params": lambda e: densenet_bc_layer_weights(e["k"], e["k0"], e["l"]),
    "cnn-resnext-block-params": lambda e: resnext_block_weights(e["card"], e["d"]),
    "cnn-convnext-block-params": lambda e: n_params(ConvNeXtBlock(e["c"])),
    "cnn-dilated-stack-rf": lambda e: dilated_stack_rf(e["d1"], e["d2"], e["d3"]),
}
FIXED = {
    "cnn-se-resnet50-overhead": se_resnet50_extra_millions,
    "cnn-gradcam-value": gradcam_top_right,
}


# Numeric questions of the first edition, recomputed in test_cnn_segmentation_numbers.py; every other numeric
# question of the bank must be recomputed here.
FIRST_EDITION = {
    "cnn-1x1-conv-params",
    "cnn-act-sigmoid-grad-at",
    "cnn-act-sigmoid-grad-max",
    "cnn-alexnet-conv1-output",
    "cnn-bn-learnable-params",
    "cnn-bn-running-mean",
    "cnn-conv-bn-params",
    "cnn-conv-macs",
    "cnn-conv-output-size",
    "cnn-conv-params-bias",
    "cnn-dwsep-cost-ratio",
    "cnn-dwsep-params",
    "cnn-efficientnet-flops-factor",
    "cnn-grouped-conv-params",
    "cnn-inception-5x5-reduce-macs",
    "cnn-median-3x3-value",
    "cnn-pool-output-size",
    "cnn-resnet-bottleneck-weights",
    "cnn-rf-n-3x3",
    "cnn-rf-three-layer",
    "cnn-rf-vgg-block",
    "cnn-sobel-response",
    "cnn-stacked-3x3-vs-large",
    "cnn-transposed-conv-output",
}
SECOND_EDITION = set(PARAMETRIC) | set(FIXED)


def test_every_numeric_question_is_recomputed_here_or_in_the_first_edition_file():
    assert set(NUMERIC) == FIRST_EDITION | SECOND_EDITION, sorted(set(NUMERIC) ^ (FIRST_EDITION | SECOND_EDITION))
    assert not FIRST_EDITION & SECOND_EDITION


@pytest.mark.parametrize("qid", sorted(PARAMETRIC))
def test_parametric_answer_matches_the_real_layers(qid):
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


def test_resnext_reference_block_matches_the_paper_and_resnet():
    """The 32x4d block has ~70k weights, like ResNet's 64-wide bottleneck (69,632)."""
    assert resnext_block_weights(32, 4) == 70144
    assert 256 * 64 + 9 * 64 * 64 + 64 * 256 == 69632


def test_gradcam_bug_mcq_shapes():
    """cnn-gradcam-bug: mean over dim 0 gives a spatial map, the fix gives one weight per channel."""
    grads = torch.randn(8, 5, 5)
    assert grads.mean(dim=0).shape == (5, 5)
    assert grads.mean(dim=(1, 2)).shape == (8,)
    assert "grads.mean(dim=(1, 2))" in QUESTIONS["cnn-gradcam-bug"]["answer"]


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
