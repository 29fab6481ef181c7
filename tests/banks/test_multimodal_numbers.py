"""Recompute every numeric answer of the `multimodal` bank independently, and hold its mistakes apart.

Losses are recomputed with torch the way the papers' pseudo-code does (SigLIP's pairwise sigmoid loss,
CLIP's prompt ensembling); token counts come from running patch embeddings, pixel-unshuffle and MLP
projectors on the meta device. Every listed mistake must be graded wrong for every parameter
combination, hints must not give the answer away, and filled-in formulas keep balanced braces.
"""

from __future__ import annotations

import pytest
import torch
import torch.nn.functional as F
from bankhelp import bank_value, combos, load_questions, numeric

QUESTIONS = load_questions("multimodal.yaml")
NUMERIC = numeric(QUESTIONS)
F64 = torch.float64


# ----------------------------------------------------------------------------- reference maths
def _siglip_loss(sim: torch.Tensor, t: float, b: float) -> float:
    """Algorithm 1 of Zhai et al. (2023): logits = t * x.y + b, labels +1 on the diagonal, -1 elsewhere."""
    n = sim.shape[0]
    logits = t * sim + b
    labels = 2 * torch.eye(n, dtype=sim.dtype) - 1
    return float(-F.logsigmoid(labels * logits).sum() / n)


def _siglip_loss_zero_similarity(n: int, b: float = 0.0) -> float:
    """The same loss for all-zero similarities, one image row at a time (the chunked form), never n x n."""
    row_logits = torch.full((n,), b, dtype=F64)
    row_labels = -torch.ones(n, dtype=F64)
    row_labels[0] = 1.0  # every row has exactly one positive; rows are identical up to its position
    row_loss = float(-F.logsigmoid(row_labels * row_logits).sum())
    total = row_loss * n
    return total / n


def _patch_tokens(size: int, patch: int = 14) -> int:
    embed = torch.nn.Conv2d(3, 8, kernel_size=patch, stride=patch, device="meta")
    out = embed(torch.empty(1, 3, size, size, device="meta"))
    return out.shape[2] * out.shape[3]


def _ensemble_cosine() -> float:
    prompts = F.normalize(torch.tensor([[1.0, 0.0], [0.6, 0.8]], dtype=F64), dim=-1)
    class_emb = F.normalize(prompts.mean(dim=0), dim=-1)
    image = F.normalize(torch.tensor([0.6, 0.8], dtype=F64), dim=-1)
    return float(image @ class_emb)


def _recall_at_k(ranks_per_query: list[list[int]], k: int) -> float:
    """A query is a hit when any of its ground-truth items is ranked within the top k (ranks start at 1)."""
    hits = torch.tensor([min(r) <= k for r in ranks_per_query], dtype=F64)
    return float(hits.mean())


def _softmax_score_after_new_class() -> float:
    before = torch.softmax(torch.tensor([6.0, 8.0], dtype=F64), 0)[1]
    after = torch.softmax(torch.tensor([6.0, 8.0, 9.6], dtype=F64), 0)[1]
    assert after < before  # a softmax vocabulary makes classes compete
    return float(after)


def _rerank_passes(n: int, m: int, k: int) -> int:
    passes = 0
    passes += n  # image tower, once per image
    passes += m  # text tower, once per query
    for _ in range(m):
        passes += min(k, n)  # fusion model on the query's top-k candidates
    return passes


# ----------------------------------------------------------------------------- parametric oracles
def _oracle(qid: str, v: dict) -> float:
    if qid == "mm-siglip-negative-pairs":
        n = int(v["B"])
        return sum(n - 1 for _ in range(n))  # each image has n - 1 non-matching texts
    if qid == "mm-siglip-initial-loss":
        return _siglip_loss_zero_similarity(int(v["B"]))
    if qid == "mm-qformer-token-ratio":
        return _patch_tokens(int(v["R"])) / v["Q"]
    if qid == "mm-llava-image-tokens":
        return _patch_tokens(int(v["R"]))
    if qid == "mm-llava-projector-params":
        mlp = torch.nn.Sequential(
            torch.nn.Linear(int(v["dv"]), int(v["d"]), device="meta"),
            torch.nn.GELU(),
            torch.nn.Linear(int(v["d"]), int(v["d"]), device="meta"),
        )
        return sum(p.numel() for p in mlp.parameters())
    if qid == "mm-vlm-context-budget":
        free, per_image, images = v["L"] - 200 - 512, _patch_tokens(int(v["R"])), 0
        while free >= per_image:
            free -= per_image
            images += 1
        return images
    if qid == "mm-anyres-tiling-tokens":
        tiles = len(range(0, int(v["W"]), 336)) * len(range(0, int(v["H"]), 336))
        return (tiles + 1) * _patch_tokens(336)
    if qid == "mm-pixel-shuffle-merge":
        side = int(v["R"]) // 14
        merged = torch.nn.PixelUnshuffle(int(v["s"]))(torch.empty(1, 16, side, side, device="meta"))
        assert merged.shape[1] == 16 * int(v["s"]) ** 2
        return merged.shape[2] * merged.shape[3]
    if qid == "mm-rerank-cost":
        return _rerank_passes(int(v["N"]), int(v["M"]), int(v["k"]))
    raise KeyError(qid)


def _fixed() -> dict[str, float]:
    return {
        "mm-prompt-ensemble-cosine": _ensemble_cosine(),
        "mm-recall-at-k": _recall_at_k([[1], [3], [2], [7], [1]], 5),
        "mm-recall-image-to-text": _recall_at_k(
            [[2, 9, 14, 20, 31], [6, 7, 12, 40, 41], [1, 3, 4, 8, 10], [11, 15, 16, 22, 30]], 5
        ),
        "mm-ovd-softmax-new-class": _softmax_score_after_new_class(),
        "mm-siglip-loss-value": _siglip_loss(
            torch.tensor([[0.8, 0.1], [0.3, 0.7]], dtype=F64), t=10.0, b=-5.0
        ),
    }


NOT_RECOMPUTABLE: dict[str, str] = {}


PARAMETRIC = sorted(qid for qid, q in NUMERIC.items() if "params" in q)
FIXED = sorted(qid for qid, q in NUMERIC.items() if "params" not in q and qid not in NOT_RECOMPUTABLE)


@pytest.mark.parametrize("qid", PARAMETRIC)
def test_parametric_expression_matches_independent_computation(qid: str) -> None:
    q = NUMERIC[qid]
    for env in combos(q):
        got = bank_value(q, env)
        want = _oracle(qid, env)
        assert abs(got - want) <= 1e-6 * max(1.0, abs(want)), f"{qid} {env}: bank {got} vs independent {want}"


@pytest.mark.parametrize("qid", FIXED)
def test_fixed_answer_matches_independent_computation(qid: str) -> None:
    q = NUMERIC[qid]
    want = _fixed()[qid]
    got = bank_value(q)
    # the stored answer is exact (or an exact expression), not merely inside the grading tolerance
    assert abs(got - want) <= 1e-4 * abs(want) + 1e-12, f"{qid}: bank {q['answer']} = {got} vs {want}"


def test_every_numeric_question_is_checked() -> None:
    fixed = _fixed()
    for qid, q in NUMERIC.items():
        if "params" in q:
            _oracle(qid, next(combos(q)))  # raises KeyError if missing
        else:
            assert qid in fixed or qid in NOT_RECOMPUTABLE, f"{qid} is not recomputed"


# Named mistakes, hints, leftover markup, notes references and source titles are checked for
# every shipped bank in tests/test_quiz_numeric.py, tests/test_banks_content.py,
# tests/test_render_math.py and tests/test_sources.py.


def test_the_bank_is_big_varied_and_deep_enough() -> None:
    qs = list(QUESTIONS.values())
    types = {q["type"] for q in qs}
    assert types == {"mcq", "multi", "numeric", "short", "open"}
    assert len(qs) >= 45
    assert sum(q["type"] != "open" for q in qs) >= 0.3 * len(qs)
    assert sum(q["difficulty"] == 3 for q in qs) >= 0.2 * len(qs)
    assert all(q["id"].startswith("mm-") for q in qs)
