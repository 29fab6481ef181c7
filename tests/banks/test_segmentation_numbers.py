"""Recompute every numeric answer of the `segmentation` bank independently.

Parametric answers are evaluated with the bank's own evaluator over every combination of their
parameters and compared with a value measured on real torch layers (output shapes) or computed from
masks, confusion matrices and matchings in numpy. Named mistakes are checked to stay outside the
grading tolerance, so a user who makes one is told so instead of being graded right.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch
import torch.nn as nn
from bankhelp import QUESTIONS_DIR, bank_value, close, combos, load_questions, numeric

from prepcli.banks.expr import evaluate
from prepcli.banks.loader import load_bank_file

BANK = QUESTIONS_DIR / "segmentation.yaml"
QUESTIONS = load_questions(BANK.name)
NUMERIC = numeric(QUESTIONS)

META = torch.device("meta")


# ---------------------------------------------------------------- helpers (independent of the bank)
def out_side(module: nn.Module, side: int, channels: int = 1) -> int:
    with torch.no_grad():
        return module(torch.zeros(1, channels, side, side)).shape[-1]


def iou_from_masks(pred: np.ndarray, gt: np.ndarray) -> float:
    return float(np.logical_and(pred, gt).sum() / np.logical_or(pred, gt).sum())


def masks_with_counts(tp: int, fp: int, fn: int, tn: int = 100) -> tuple[np.ndarray, np.ndarray]:
    pred = np.array([1] * tp + [1] * fp + [0] * fn + [0] * tn, dtype=bool)
    gt = np.array([1] * tp + [0] * fp + [1] * fn + [0] * tn, dtype=bool)
    return pred, gt


def per_class_iou(pred: np.ndarray, gt: np.ndarray, n_classes: int) -> list[float]:
    return [iou_from_masks(pred == c, gt == c) for c in range(n_classes)]


def labels_from_confusion(matrix: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
    gt, pred = [], []
    for g, row in enumerate(matrix):
        for p, count in enumerate(row):
            gt += [g] * count
            pred += [p] * count
    return np.array(pred), np.array(gt)


CONFUSION = [[50, 5, 5], [10, 30, 0], [5, 5, 40]]


def unet_valid_output(side: int) -> int:
    """Push a 1-channel tensor through the original U-Net's shape pipeline (valid convs, crops)."""
    c3 = lambda: nn.Conv2d(1, 1, 3)  # noqa: E731
    x = torch.zeros(1, 1, side, side)
    with torch.no_grad():
        skips = []
        for _ in range(4):
            x = c3()(c3()(x))
            skips.append(x.shape[-1])
            assert x.shape[-1] % 2 == 0
            x = nn.MaxPool2d(2)(x)
        x = c3()(c3()(x))
        for skip in reversed(skips):
            x = nn.ConvTranspose2d(1, 1, 2, stride=2)(x)
            assert skip >= x.shape[-1]  # the encoder map is cropped to this size
            x = c3()(c3()(x))  # after concatenating the cropped skip (channels only)
        x = nn.Conv2d(1, 2, 1)(x)
    return x.shape[-1]


def unet_padded_bottleneck(side: int, depth: int) -> int:
    layers: list[nn.Module] = []
    ch_in, ch = 3, 64
    for level in range(depth + 1):
        layers += [nn.Conv2d(ch_in, ch, 3, padding=1, device=META), nn.ReLU(),
                   nn.Conv2d(ch, ch, 3, padding=1, device=META), nn.ReLU()]
        if level < depth:
            layers.append(nn.MaxPool2d(2))
            ch_in, ch = ch, ch * 2
    y = nn.Sequential(*layers)(torch.zeros(1, 3, side, side, device=META))
    return y[0].numel()


def panoptic_quality(tp_ious: list[float], fp: int, fn: int) -> float:
    tp = len(tp_ious)
    sq = sum(tp_ious) / tp
    rq = tp / (tp + fp / 2 + fn / 2)
    return sq * rq


def _output_stride(e):
    stages = [nn.Conv2d(1, 1, 3, stride=2, padding=1) for _ in range(int(math.log2(e["os"])))]
    return out_side(nn.Sequential(*stages), e["h"])


def _dice_from_iou(e):
    union = 1000
    tp = round(e["j"] * union)
    fp = (union - tp) // 2
    pred, gt = masks_with_counts(tp, fp, union - tp - fp)
    assert abs(iou_from_masks(pred, gt) - e["j"]) < 1e-12
    return 2 * np.logical_and(pred, gt).sum() / (pred.sum() + gt.sum())


def _miou_imbalance(e):
    total = 1000
    gt = np.zeros(total, dtype=int)
    gt[: total * e["q"] // 100] = 1
    pred = np.zeros(total, dtype=int)
    return float(np.mean(per_class_iou(pred, gt, 2)))


def maskformer_semantic_scores(class_probs, mask_probs):
    """Semantic inference of MaskFormer: score[c] = sum_i p_i(c) * m_i (no-object column dropped)."""
    p = torch.tensor(class_probs, dtype=torch.float64)[:, :-1]  # [queries, classes]
    m = torch.tensor(mask_probs, dtype=torch.float64)  # [queries]
    return torch.einsum("qc,q->c", p, m)


def segformer_attention_entries(side: int, r: int) -> int:
    """Build stage 1's reduced attention on the meta device and count one head's score matrix."""
    c, h = 32, side // 4
    x = torch.zeros(1, h * h, c, device=META)  # [B, N, C]
    sr = nn.Conv2d(c, c, int(math.isqrt(r)), stride=int(math.isqrt(r)), device=META)  # spatial reduction
    kv = sr(x.transpose(1, 2).reshape(1, c, h, h)).flatten(2).transpose(1, 2)  # [B, N/R, C]
    return (x @ kv.transpose(1, 2)).numel()


def panoptic_quality_from_pairs(pair_ious: list[float], n_gt: int, n_pred: int) -> float:
    """Match pairs with IoU > 0.5 (unique for non-overlapping segments), then PQ = SQ * RQ."""
    matched = [i for i in pair_ious if i > 0.5]
    tp = len(matched)
    return panoptic_quality(matched, fp=n_pred - tp, fn=n_gt - tp)


def yolact_mask(prototypes, coefficients):
    p = torch.tensor([prototypes], dtype=torch.float64)  # [pixels, k]
    c = torch.tensor([coefficients], dtype=torch.float64)  # [detections, k]
    return float(torch.sigmoid(p @ c.T)[0, 0])


PARAMETRIC = {
    "seg-unet-valid-output": lambda e: unet_valid_output(e["h"]),
    "seg-unet-padded-bottleneck": lambda e: unet_padded_bottleneck(e["h"], e["d"]),
    "seg-atrous-effective-kernel": lambda e: 101 - out_side(nn.Conv2d(1, 1, e["k"], dilation=e["r"]), 101) + 1,
    "seg-output-stride-size": _output_stride,
    "seg-sam-embedding-size": lambda e: nn.Conv2d(3, 8, e["p"], stride=e["p"], device=META)(
        torch.zeros(1, 3, e["s"], e["s"], device=META))[0, 0].numel(),
    "seg-binary-iou": lambda e: iou_from_masks(*masks_with_counts(e["tp"], e["fp"], e["fn"])),
    "seg-dice-from-iou": _dice_from_iou,
    "seg-miou-imbalance": _miou_imbalance,
    "seg-segformer-reduced-attention": lambda e: segformer_attention_entries(e["h"], e["r"]),
    "seg-solo-mask-channels": lambda e: nn.Conv2d(256, e["s"] ** 2, 3, padding=1, device=META).out_channels,
}


def _fixed_values() -> dict[str, float]:
    pred, gt = labels_from_confusion(CONFUSION)
    mask_head = nn.Conv2d(256, 80, 1, device=META)(torch.zeros(1, 256, 28, 28, device=META))
    return {
        "seg-panoptic-quality": panoptic_quality([0.9, 0.8, 0.7], fp=1, fn=2),
        "seg-miou-confusion": float(np.mean(per_class_iou(pred, gt, 3))),
        "seg-pixel-accuracy-confusion": float(np.mean(pred == gt)),
        "seg-maskrcnn-mask-outputs": mask_head[0].numel(),
        "seg-maskformer-semantic-inference": float(maskformer_semantic_scores(
            [[0.7, 0.2, 0.1], [0.1, 0.8, 0.1]], [0.9, 0.4])[1]),
        "seg-yolact-mask-value": yolact_mask([0.5, -1.0, 2.0], [1.0, 0.5, -0.25]),
        "seg-pq-from-matches": panoptic_quality_from_pairs([0.80, 0.55, 0.45], n_gt=3, n_pred=3),
    }


FIXED = _fixed_values()

NOT_RECOMPUTABLE: dict[str, str] = {}


# ---------------------------------------------------------------- tests
def test_bank_validates_with_the_loader():
    bank, problems = load_bank_file(BANK)
    assert problems == []
    assert bank is not None


@pytest.mark.parametrize("qid", sorted(PARAMETRIC))
def test_parametric_answer_matches_independent_computation(qid):
    q = QUESTIONS[qid]
    assert q["type"] == "numeric" and "params" in q, qid
    for env in combos(q):
        bank = bank_value(q, env)
        expected = float(PARAMETRIC[qid](env))
        assert close(q, bank, expected), f"{qid} with {env}: bank {bank}, computed {expected}"


@pytest.mark.parametrize("qid", sorted(FIXED))
def test_fixed_answer_matches_independent_computation(qid):
    q = QUESTIONS[qid]
    assert q["type"] == "numeric" and "params" not in q, qid
    expected = float(FIXED[qid])
    assert close(q, bank_value(q), expected), f"{qid}: bank {q['answer']}, computed {expected}"


def test_every_numeric_question_is_checked():
    checked = set(PARAMETRIC) | set(FIXED) | set(NOT_RECOMPUTABLE)
    assert set(NUMERIC) - checked == set(), "numeric questions without a recomputation"
    assert checked - set(NUMERIC) == set(), "checks for questions that are not numeric"


def test_named_mistakes_are_told_apart_from_the_answer():
    for qid, q in NUMERIC.items():
        for mistake in q.get("mistakes", []):
            assert mistake["message"].strip(), qid
            for env in combos(q):
                answer = bank_value(q, env)
                wrong = evaluate(str(mistake["expr"]), env)
                assert not close(q, answer, wrong), (qid, mistake["expr"], env, wrong, answer)


def test_bank_size_and_mix():
    qs = list(QUESTIONS.values())
    assert len(qs) >= 50
    assert all(q["id"].startswith("seg-") for q in qs)
    assert len({q["type"] for q in qs}) >= 4
    assert sum(q["type"] != "open" for q in qs) / len(qs) >= 0.4
    assert sum("params" in q for q in qs) >= 5
