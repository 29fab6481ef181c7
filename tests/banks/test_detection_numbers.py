"""Recompute every numeric answer of the `detection` bank independently.

Non-parametric answers are recomputed from the boxes / lists given in the prompt;
parametric answers are evaluated with the bank's own expression for every
combination of parameters and compared with an independent computation.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
import torch
from bankhelp import bank_value, close, combos, load_questions, numeric

from prepcli.banks.expr import evaluate

QUESTIONS = load_questions("detection.yaml")
NUMERIC = numeric(QUESTIONS)


# ----------------------------------------------------------------- independent geometry


def box_area(b):
    return max(0.0, b[2] - b[0]) * max(0.0, b[3] - b[1])


def inter_area(a, b):
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return max(0.0, w) * max(0.0, h)


def iou(a, b):
    i = inter_area(a, b)
    return i / (box_area(a) + box_area(b) - i)


def enclosing(a, b):
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))


def giou(a, b):
    i = inter_area(a, b)
    union = box_area(a) + box_area(b) - i
    c = box_area(enclosing(a, b))
    return i / union - (c - union) / c


def diou(a, b):
    ca = ((a[0] + a[2]) / 2, (a[1] + a[3]) / 2)
    cb = ((b[0] + b[2]) / 2, (b[1] + b[3]) / 2)
    rho2 = (ca[0] - cb[0]) ** 2 + (ca[1] - cb[1]) ** 2
    e = enclosing(a, b)
    c2 = (e[2] - e[0]) ** 2 + (e[3] - e[1]) ** 2
    return iou(a, b) - rho2 / c2


def ciou_loss(pred, gt):
    v = 4 / math.pi**2 * (
        math.atan((gt[2] - gt[0]) / (gt[3] - gt[1])) - math.atan((pred[2] - pred[0]) / (pred[3] - pred[1]))
    ) ** 2
    i = iou(pred, gt)
    alpha = v / ((1 - i) + v)
    return 1 - diou(pred, gt) + alpha * v


def torch_pairwise_iou(b1, b2):
    """The vectorised form, as a cross-check of the scalar one."""
    b1, b2 = torch.tensor(b1, dtype=torch.float64), torch.tensor(b2, dtype=torch.float64)
    area = lambda b: (b[:, 2] - b[:, 0]) * (b[:, 3] - b[:, 1])  # noqa: E731
    lt = torch.max(b1[:, None, :2], b2[:, :2])
    rb = torch.min(b1[:, None, 2:], b2[:, 2:])
    wh = (rb - lt).clamp(min=0)
    inter = wh[..., 0] * wh[..., 1]
    return inter / (area(b1)[:, None] + area(b2) - inter)


def seed_plus_one_iou(a, b):
    """IoU as the seed's NMS computes it: +1 in the areas, none (floored at 1e-8) in the intersection."""
    area = lambda x: (x[2] - x[0] + 1) * (x[3] - x[1] + 1)  # noqa: E731
    w = max(1e-8, min(a[2], b[2]) - max(a[0], b[0]))
    h = max(1e-8, min(a[3], b[3]) - max(a[1], b[1]))
    return w * h / (area(a) + area(b) - w * h)


def pr_points(flags, n_gt):
    tp = np.cumsum(flags)
    fp = np.cumsum([not f for f in flags])
    return tp / (tp + fp), tp / n_gt


def ap_all_point(flags, n_gt):
    prec, rec = pr_points(flags, n_gt)
    mrec = np.concatenate([[0.0], rec, [1.0]])
    mpre = np.concatenate([[0.0], prec, [0.0]])
    for i in range(len(mpre) - 2, -1, -1):
        mpre[i] = max(mpre[i], mpre[i + 1])
    idx = np.where(mrec[1:] != mrec[:-1])[0]
    return float(np.sum((mrec[idx + 1] - mrec[idx]) * mpre[idx + 1]))


def ap_11_point(flags, n_gt):
    prec, rec = pr_points(flags, n_gt)
    total = 0.0
    for t in np.linspace(0, 1, 11):
        total += prec[rec >= t - 1e-12].max() if np.any(rec >= t - 1e-12) else 0.0
    return total / 11


def feature_side(s, stride):
    """Side of a feature map obtained by actually downsampling an s x s tensor by `stride`."""
    x = torch.zeros(1, 1, s, s)
    for _ in range(int(math.log2(stride))):
        x = torch.nn.functional.max_pool2d(x, 2)
    return x.shape[-1]


# ----------------------------------------------------------------- non-parametric answers

AP_FLAGS = [True, True, False, True, False]

FIXED = {
    "det-iou-seed-boxes": lambda: iou((1, 1, 4, 4), (2, 2, 5, 5)),
    "det-giou-seed-boxes": lambda: giou((1, 1, 4, 4), (2, 2, 5, 5)),
    "det-diou-loss-seed-boxes": lambda: 1 - diou((1, 1, 4, 4), (2, 2, 5, 5)),
    "det-ciou-loss-example": lambda: ciou_loss((0, 0, 4, 2), (0, 0, 2, 2)),
    "det-nms-seed-demo-iou": lambda: float(torch_pairwise_iou([[120, 120, 220, 220]], [[120, 150, 220, 250]])[0, 0]),
    "det-nms-plus-one-identical": lambda: seed_plus_one_iou((10, 10, 110, 110), (10, 10, 110, 110)),
    "det-ap-all-point": lambda: ap_all_point(AP_FLAGS, 4),
    "det-ap-11-point": lambda: ap_11_point(AP_FLAGS, 4),
    "det-ssd300-default-boxes": lambda: sum(f * f * k for f, k in zip([38, 19, 10, 5, 3, 1], [4, 6, 6, 6, 4, 4])),
    "det-cascade-rcnn-last-threshold": lambda: [0.5, 0.6, 0.7][2],
    "det-qfl-value": lambda: qfl(0.6, 0.9),
    "det-dfl-value": lambda: dfl(DFL_PROBS, 2.3),
    "det-varifocal-value": lambda: varifocal(0.6, 0.8),
    "det-corner-pool-compute": lambda: float(top_left_corner_pool(
        CORNER_F_T, CORNER_F_L)[1, 1]),
    "det-oks-compute": lambda: oks([10, 8, 20, 50], [0.079, 0.062, 0.107, 0.062], [1, 1, 1, 0], 10000),
    "det-hungarian-tracking-cost": lambda: optimal_assignment_cost(TRACK_COST),
}


# ----------------------------------------------------------------- second-edition detectors, pose, tracking


def qfl(score, target, beta=2.0):
    s, y = torch.tensor(score, dtype=torch.float64), torch.tensor(target, dtype=torch.float64)
    return float(torch.nn.functional.binary_cross_entropy(s, y) * (y - s).abs() ** beta)


def dfl(probs, target):
    """Distribution focal loss as Ultralytics computes it: CE towards the two bins around the target."""
    logits = torch.log(torch.tensor(probs, dtype=torch.float64))[None]
    left = int(math.floor(target))
    wl, wr = left + 1 - target, target - left
    ce = torch.nn.functional.cross_entropy
    return float(ce(logits, torch.tensor([left])) * wl + ce(logits, torch.tensor([left + 1])) * wr)


DFL_PROBS = [0.0, 0.0, 0.5, 0.3, 0.2] + [0.0] * 11  # bins 0..15; the rest of the mass sits on bin 4


def varifocal(score, target, alpha=0.75, gamma=2.0):
    p, q = torch.tensor(score, dtype=torch.float64), torch.tensor(target, dtype=torch.float64)
    weight = q if q > 0 else alpha * p**gamma
    return float(torch.nn.functional.binary_cross_entropy(p, q) * weight)


CORNER_F_T = [[0, 9, 0], [0, 2, 0], [0, 5, 0]]
CORNER_F_L = [[0, 0, 0], [8, 1, 4], [0, 0, 0]]


def test_corner_pool_named_mistakes_are_what_they_say():
    """17 = whole column of f_t plus whole row of f_l (what a bottom-right corner pools); 12 = sums, 3 = local."""
    t, l_ = np.array(CORNER_F_T, float), np.array(CORNER_F_L, float)
    assert t[:, 1].max() + l_[1, :].max() == 17
    assert t[:2, 1].max() + l_[1, :2].max() == 17
    assert t[1:, 1].sum() + l_[1, 1:].sum() == 12
    assert t[1, 1] + l_[1, 1] == 3
    mistakes = {float(evaluate(m["expr"])) for m in NUMERIC["det-corner-pool-compute"]["mistakes"]}
    assert mistakes == {17.0, 12.0, 3.0}


def top_left_corner_pool(f_t, f_l):
    """Max over the rows below (f_t) plus max over the columns to the right (f_l), via reversed cummax."""
    t = torch.tensor(f_t, dtype=torch.float64)
    l_ = torch.tensor(f_l, dtype=torch.float64)
    down = torch.flip(torch.cummax(torch.flip(t, [0]), dim=0).values, [0])
    right = torch.flip(torch.cummax(torch.flip(l_, [1]), dim=1).values, [1])
    return down + right


def oks(dists, sigmas, visible, area):
    """COCO's computeOks: e = d^2 / vars / (area + eps) / 2 with vars = (2 sigma)^2, mean over labelled points."""
    d, sig, v = np.array(dists, float), np.array(sigmas, float), np.array(visible, bool)
    e = d**2 / (2 * sig) ** 2 / (area + np.spacing(1)) / 2
    return float(np.exp(-e)[v].sum() / v.sum())


def kalman_update(x, p, z, r):
    h = np.array([[1.0]])
    pm = np.array([[p]])
    k = pm @ h.T @ np.linalg.inv(h @ pm @ h.T + np.array([[r]]))
    return float((np.array([[x]]) + k @ (np.array([[z]]) - h @ np.array([[x]])))[0, 0])


TRACK_COST = [[0.10, 0.20, 0.90], [0.15, 0.80, 0.90], [0.90, 0.90, 0.30]]


def optimal_assignment_cost(cost):
    n = len(cost)
    return min(sum(cost[i][perm[i]] for i in range(n)) for perm in itertools.permutations(range(n)))


def idf1_single_trajectory(t, k):
    """IDF1 for one fully detected GT trajectory labelled ID 1 for k frames, then ID 2."""
    tracker_ids = [1] * k + [2] * (t - k)
    best = 0.0
    for mapped in (1, 2):  # one-to-one: the trajectory maps to one tracker ID
        idtp = sum(i == mapped for i in tracker_ids)
        idfn = t - idtp
        idfp = sum(i != mapped for i in tracker_ids)
        best = max(best, 2 * idtp / (2 * idtp + idfp + idfn))
    return best


@pytest.mark.parametrize("qid", sorted(FIXED))
def test_fixed_numeric_answer(qid):
    q = NUMERIC[qid]
    assert "params" not in q
    expected = FIXED[qid]()
    assert close(q, bank_value(q), expected), (qid, q["answer"], expected)


def test_scalar_and_vectorised_iou_agree():
    boxes = [(1, 1, 4, 4), (2, 2, 5, 5), (10, 10, 20, 20), (0, 0, 3, 8)]
    m = torch_pairwise_iou(boxes, boxes)
    for i, a in enumerate(boxes):
        for j, b in enumerate(boxes):
            assert abs(float(m[i, j]) - iou(a, b)) < 1e-12


# ----------------------------------------------------------------- parametric answers


def _rpn(p):
    # build the anchor centres and shapes explicitly, then count them
    ys, xs = np.meshgrid(np.arange(p["fh"]), np.arange(p["fw"]), indexing="ij")
    shapes = list(itertools.product(range(p["ns"]), range(p["nr"])))
    return xs.size * len(shapes)


def _soft_linear(p):
    def decayed(score, overlap):  # linear Soft-NMS with N_t = 0.3
        return score * (1 - overlap) if overlap >= 0.3 else score

    return decayed(p["s"], p["iou"]) + decayed(0.8, 0.2)


def _fpn_roi_level(p):
    # largest k in 2..5 with (224 * 2**(k-4))**2 <= w*h, computed in exact rational arithmetic
    from fractions import Fraction

    area = p["w"] * p["h"]
    k = 2
    for cand in range(2, 6):
        if (Fraction(224) * Fraction(2) ** (cand - 4)) ** 2 <= area:
            k = cand
    return k


def _dcn_channels(p):
    # a modulated deformable conv's side branch: (dx, dy) per sampling point and group, plus one mask scalar
    k, g = p["k"], p["g"]
    offset = torch.zeros(1, 2 * g * k * k, 5, 5, device="meta")
    mask = torch.zeros(1, g * k * k, 5, 5, device="meta")
    side_branch = torch.nn.Conv2d(64, offset.shape[1] + mask.shape[1], k, padding=k // 2, device="meta")
    return side_branch.out_channels


def _deformable_attn_offsets(p):
    heads, levels, points, d_model = p["m"], p["l"], p["kp"], 256
    sampling_offsets = torch.nn.Linear(d_model, heads * levels * points * 2, device="meta")
    out = sampling_offsets(torch.zeros(1, d_model, device="meta")).view(1, heads, levels, points, 2)
    return out.numel()


def _dfl_decode(p):
    logits = torch.log(torch.tensor([0, 0, 0, 0.2, 0.5, 0.3] + [0] * 10, dtype=torch.float64))
    project = torch.arange(16, dtype=torch.float64)  # the fixed 1x1 conv of the DFL decoder
    return float(torch.softmax(logits, 0) @ project) * p["s"]


def _yolov8_channels(p):
    box = torch.nn.Conv2d(64, 4 * 16, 1, device="meta")
    cls = torch.nn.Conv2d(64, p["nc"], 1, device="meta")
    x = torch.zeros(1, 64, 20, 20, device="meta")
    return box(x).shape[1] + cls(x).shape[1]


def _coco_count(p):
    thresholds = range(50, round(p["hi"] * 100) + 1, 5)
    return len(list(thresholds)) * p["c"]


PARAMETRIC = {
    "det-rpn-anchor-count": _rpn,
    "det-iou-shifted-boxes": lambda p: iou(
        (0, 0, p["w"], p["h"]), (p["dx"], p["dy"], p["dx"] + p["w"], p["dy"] + p["h"])
    ),
    "det-giou-disjoint": lambda p: giou((0, 0, p["a"], p["a"]), (p["a"] + p["g"], 0, 2 * p["a"] + p["g"], p["a"])),
    "det-soft-nms-linear": _soft_linear,
    "det-soft-nms-gaussian": lambda p: p["s"] * float(np.exp(-(p["iou"] ** 2) / 0.5)),
    "det-yolov1-output-size": lambda p: torch.zeros(p["s"], p["s"], 5 * p["b"] + p["c"]).numel(),
    "det-yolov3-prediction-count": lambda p: sum(3 * feature_side(p["s"], st) ** 2 for st in (8, 16, 32)),
    "det-fpn-level-size": lambda p: feature_side(p["s"], 2 ** p["level"]),
    "det-anchor-free-points": lambda p: sum(feature_side(p["s"], st) ** 2 for st in (8, 16, 32)),
    "det-fpn-roi-level": _fpn_roi_level,
    "det-retinanet-anchor-count": lambda p: sum(9 * feature_side(p["s"], st) ** 2 for st in (8, 16, 32, 64, 128)),
    "det-coco-ap-count": _coco_count,
    "det-box-target-tx": lambda p: (p["x"] - 200) / p["wa"],
    "det-box-target-tw": lambda p: float(np.log(p["w"]) - np.log(p["wa"])),
    "det-dcn-offset-channels": _dcn_channels,
    "det-deformable-attn-offset-channels": _deformable_attn_offsets,
    "det-dfl-decode": _dfl_decode,
    "det-yolov8-box-channels": _yolov8_channels,
    "det-kalman-update": lambda p: kalman_update(10.0, p["p"], 15.0, p["r"]),
    "det-mota-compute": lambda p: 1 - (p["fn"] + p["fp"] + p["sw"]) / p["gt"],
    "det-idf1-compute": lambda p: idf1_single_trajectory(p["t"], p["k"]),
}


@pytest.mark.parametrize("qid", sorted(PARAMETRIC))
def test_parametric_numeric_answer(qid):
    q = NUMERIC[qid]
    assert "params" in q
    n = 0
    for combo in combos(q):
        got = bank_value(q, combo)
        expected = PARAMETRIC[qid](combo)
        assert close(q, got, expected), (qid, combo, got, expected)
        if q.get("tolerance", None) == 0:
            assert float(expected).is_integer(), (qid, combo, expected)
        n += 1
    assert n > 1


def test_parametric_texts_format_for_every_combination():
    for qid in PARAMETRIC:
        q = NUMERIC[qid]
        for combo in combos(q):
            values = dict(combo, answer=bank_value(q, combo))
            for field in ("prompt", "explanation", "hint"):
                if field in q:
                    q[field].format(**values)


NOT_RECOMPUTABLE: dict[str, str] = {}


def test_every_numeric_question_is_checked():
    covered = set(FIXED) | set(PARAMETRIC) | set(NOT_RECOMPUTABLE)
    assert set(NUMERIC) == covered, (set(NUMERIC) - covered, covered - set(NUMERIC))
    assert sum("params" in q for q in NUMERIC.values()) >= 8


def test_named_mistakes_are_told_apart_from_the_answer():
    """Every listed mistake is farther from the answer than the grading tolerance, for every combination."""
    for qid, q in NUMERIC.items():
        for mistake in q.get("mistakes", []):
            assert mistake["message"].strip(), qid
            for combo in combos(q):
                answer = bank_value(q, combo)
                wrong = evaluate(str(mistake["expr"]), combo)
                assert not close(q, answer, wrong), (qid, mistake["expr"], combo, wrong, answer)
