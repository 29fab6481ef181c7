"""Recompute every number in questions/vit.yaml independently.

Parametric answers are evaluated with the bank's own evaluator over the full Cartesian
product of their params and compared with a separate computation (torch layers, tensor
shapes, explicit loops), so a wrong expression in the bank fails here.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pytest
import torch
import torch.nn as nn
import torch.nn.functional as F
from bankhelp import bank_value, close, combos, load_questions, numeric

from prepcli.banks.expr import evaluate

QUESTIONS = load_questions("vit.yaml")
NUMERIC = numeric(QUESTIONS)
PARAMETRIC = {qid: q for qid, q in NUMERIC.items() if "params" in q}
FIXED = {qid: q for qid, q in NUMERIC.items() if "params" not in q}


def count_params(module: nn.Module) -> int:
    return sum(p.numel() for p in module.parameters())


def tokens_from_conv(h: int, w: int, p: int, c: int = 3) -> int:
    """Number of patch tokens, measured from the shape a real patch-embedding conv produces."""
    conv = nn.Conv2d(c, 8, kernel_size=p, stride=p).to("meta")
    out = conv(torch.empty(1, c, h, w, device="meta"))
    return out.flatten(2).transpose(1, 2).shape[1]


def attention_macs(n: int, d: int, heads: int) -> int:
    """MACs of QK^T summed over heads: (n x dk) @ (dk x n) per head."""
    dk = d // heads
    return sum(n * n * dk for _ in range(heads))


def swin_windows(h: int, w: int, m: int) -> int:
    """Window count from Swin's window_partition applied to a real tensor."""
    x = torch.zeros(1, h, w, 1)
    x = x.view(1, h // m, m, w // m, m, 1).permute(0, 1, 3, 2, 4, 5).reshape(-1, m * m, 1)
    return x.shape[0]


def swin_costs(s: int, c: int, m: int) -> tuple[int, int]:
    """Operation counts of global MSA and W-MSA on an s x s map, summed op by op."""
    n = s * s
    proj = 3 * n * c * c + n * c * c           # QKV + output projection
    global_attn = n * n * c + n * n * c         # QK^T + AV
    windows = (s // m) ** 2
    local_attn = windows * (m * m * m * m * c + m * m * m * m * c)
    return proj + global_attn, proj + local_attn


def rel_bias_entries(m: int) -> int:
    """Distinct relative offsets (dy, dx) between token pairs of an m x m window."""
    coords = np.stack(np.meshgrid(np.arange(m), np.arange(m), indexing="ij")).reshape(2, -1)
    rel = coords[:, :, None] - coords[:, None, :]
    return len({(int(a), int(b)) for a, b in zip(rel[0].ravel(), rel[1].ravel())})


def interpolated_pos_embed_rows(p: int, s: int) -> int:
    """Resize a real (1, 1 + g*g, D) table the way the bank describes and count its rows."""
    g_old, g_new, d = 224 // p, s // p, 4
    pos = torch.randn(1, 1 + g_old * g_old, d)
    cls, grid = pos[:, :1], pos[:, 1:]
    grid = grid.reshape(1, g_old, g_old, d).permute(0, 3, 1, 2)
    grid = F.interpolate(grid, size=(g_new, g_new), mode="bicubic", align_corners=False)
    grid = grid.permute(0, 2, 3, 1).reshape(1, -1, d)
    return torch.cat([cls, grid], dim=1).shape[1]


def block_macs(n: int, d: int) -> tuple[int, int]:
    """(attention-matrix MACs, all MACs) of one pre-norm ViT block, op by op."""
    qkv = n * d * 3 * d
    scores = n * n * d
    weighted = n * n * d
    out = n * d * d
    mlp = n * d * 4 * d + n * 4 * d * d
    return scores + weighted, qkv + scores + weighted + out + mlp


def vit_b16_tokens(s: int) -> int:
    return tokens_from_conv(s, s, 16) + 1


# ---- second edition: fine-tuning, position encodings, attention rollout
class LoRALinear(nn.Module):
    """A frozen Linear plus a trainable rank-r update B @ A (LoRA), as in the paper."""

    def __init__(self, d_in: int, d_out: int, r: int) -> None:
        super().__init__()
        self.base = nn.Linear(d_in, d_out, bias=False, device="meta").requires_grad_(False)
        self.lora_a = nn.Parameter(torch.empty(r, d_in, device="meta"))
        self.lora_b = nn.Parameter(torch.zeros(d_out, r, device="meta"))


def lora_trainable(d: int, r: int, nl: int) -> int:
    blocks = [nn.ModuleDict({"q": LoRALinear(d, d, r), "v": LoRALinear(d, d, r)}) for _ in range(nl)]
    return sum(p.numel() for b in blocks for p in b.parameters() if p.requires_grad)


def adapters_per_block(d: int, m: int) -> int:
    def adapter() -> nn.Module:
        return nn.Sequential(nn.Linear(d, m), nn.GELU(), nn.Linear(m, d)).to("meta")
    return count_params(adapter()) + count_params(adapter())


def beit_layer_scales(decay: float, nl: int) -> tuple[float, float]:
    """(patch-embedding scale, head scale) with BEiT's layer ids: 0 = embeddings, i + 1 = block i, head last."""
    num_layers = nl + 1
    scales = [decay ** (num_layers - i) for i in range(num_layers + 1)]
    return scales[0], scales[num_layers]


def mae_sincos_freqs_per_axis(d: int) -> int:
    """Build MAE's 2D sin-cos table and count the frequencies of one axis's half."""
    grid = 4
    half = d // 2
    omega = np.arange(half // 2, dtype=np.float64) / (half / 2.0)
    omega = 1.0 / 10000 ** omega
    pos = np.arange(grid, dtype=np.float64)
    out = np.einsum("m,d->md", pos, omega)
    emb_axis = np.concatenate([np.sin(out), np.cos(out)], axis=1)
    table = np.concatenate([np.repeat(emb_axis, grid, 0), np.tile(emb_axis, (grid, 1))], axis=1)
    assert table.shape == (grid * grid, d)
    return len(omega)


def rope_angle(i: int, m: int, d: int = 64) -> float:
    inv_freq = 1.0 / (10000 ** (torch.arange(0, d, 2, dtype=torch.float64) / d))  # RoFormer / LLaMA
    return float(m * inv_freq[i])


def rope_logit(m: int, n: int, theta: float = 0.5) -> float:
    q = torch.polar(torch.tensor(1.0, dtype=torch.float64), torch.tensor(m * theta, dtype=torch.float64))
    k = torch.polar(torch.tensor(1.0, dtype=torch.float64), torch.tensor(n * theta, dtype=torch.float64))
    return float((q * k.conj()).real)           # real dot product of the two rotated 2-D vectors


def rollout_token0_to_token1() -> float:
    a1 = np.array([[0.2, 0.8], [0.6, 0.4]])
    a2 = np.array([[0.5, 0.5], [0.1, 0.9]])
    rollout = np.eye(2)
    for a in (a1, a2):                          # Abnar & Zuidema: A~ = 0.5 A + 0.5 I, row-normalised
        a = 0.5 * a + 0.5 * np.eye(2)
        a = a / a.sum(axis=-1, keepdims=True)
        rollout = a @ rollout
    return float(rollout[0, 1])


# Independent formulas for every parametric question: id -> f(**params)
PARAMETRIC_CHECKS = {
    "vit-patch-count-rect": lambda h, w, p: tokens_from_conv(h, w, p),
    "vit-token-count-cls-registers": lambda s, p, r: tokens_from_conv(s, s, p) + 1 + r,
    "vit-patch-vector-length": lambda p, c: torch.zeros(c, p, p).flatten().numel(),
    "vit-patch-embed-params": lambda c, d, p: count_params(nn.Conv2d(c, d, p, p, device="meta")),
    "vit-pos-embed-count-finetune": interpolated_pos_embed_rows,
    "vit-dot-product-std": lambda dk: math.sqrt(sum(1.0 * 1.0 for _ in range(dk))),
    "vit-head-dim": lambda d, h: nn.MultiheadAttention(d, h, device="meta").head_dim,
    "vit-mha-params": lambda d, h: count_params(nn.MultiheadAttention(d, h, device="meta")),
    "vit-mlp-params": lambda d: count_params(
        nn.Sequential(nn.Linear(d, 4 * d), nn.GELU(), nn.Linear(4 * d, d)).to("meta")
    ),
    "vit-qk-macs": lambda n, d, h: attention_macs(n, d, h),
    "vit-attn-map-memory": lambda s, b, heads, nbytes: (
        torch.empty(b, heads, vit_b16_tokens(s), vit_b16_tokens(s), device="meta").numel()
        * nbytes / (1024 * 1024)
    ),
    "vit-attn-fraction": lambda s: 100 * (lambda a, t: a / t)(*block_macs(vit_b16_tokens(s), 768)),
    "vit-qk-growth-res": lambda s: attention_macs(vit_b16_tokens(s), 768, 12)
    / attention_macs(vit_b16_tokens(224), 768, 12),
    "vit-swin-window-count": lambda hh, ww, m: swin_windows(hh, ww, m),
    "vit-swin-msa-vs-wmsa": lambda s, c, m: (lambda g, w: g / w)(*swin_costs(s, c, m)),
    "vit-swin-stage-tokens": lambda s, k: _swin_stage_tokens(s, k),
    "vit-swin-rel-pos-bias-size": lambda m, nh: rel_bias_entries(m) * nh,
    "vit-lora-params": lambda d, r, nl: lora_trainable(d, r, nl),
    "vit-adapter-params": lambda d, m: adapters_per_block(d, m),
    "vit-vpt-params": lambda p, d, nl: sum(  # one prompt matrix per block (VPT-Deep)
        prompt.numel() for prompt in nn.ParameterList(
            [nn.Parameter(torch.zeros(p, d, device="meta")) for _ in range(nl)])),
    "vit-llrd-factor": lambda decay, nl: (lambda s: s[0] / s[1])(beit_layer_scales(decay, nl)),
    "vit-sincos-2d-freqs": lambda d: mae_sincos_freqs_per_axis(d),
    "vit-rope-angle": lambda i, m: rope_angle(i, m),
    "vit-rope-relative": lambda m, n: rope_logit(m, n),
}


def _swin_stage_tokens(s: int, k: int) -> int:
    """Patchify with 4x4 patches, then apply k-1 real 2x2 patch mergings (concat of 4 neighbours)."""
    x = torch.zeros(1, s // 4, s // 4, 1)
    for _ in range(k - 1):
        x = torch.cat([x[:, 0::2, 0::2], x[:, 1::2, 0::2], x[:, 0::2, 1::2], x[:, 1::2, 1::2]], -1)
    return x.shape[1] * x.shape[2]


def vit_b16_block() -> nn.Module:
    return nn.TransformerEncoderLayer(768, 12, dim_feedforward=3072, norm_first=True, batch_first=True)


def vit_b16_total() -> int:
    block = vit_b16_block()
    patch = nn.Conv2d(3, 768, 16, 16)
    cls = nn.Parameter(torch.zeros(1, 1, 768))
    pos = nn.Parameter(torch.zeros(1, 197, 768))
    final_ln = nn.LayerNorm(768)
    head = nn.Linear(768, 1000)
    return (12 * count_params(block) + count_params(patch) + cls.numel() + pos.numel()
            + count_params(final_ln) + count_params(head))


# Non-parametric numeric questions: id -> independently computed value
FIXED_CHECKS = {
    "vit-b16-layer-params": lambda: count_params(vit_b16_block()),
    "vit-b16-total-params": lambda: vit_b16_total() / 1e6,
    "vit-deit-token-count": lambda: tokens_from_conv(224, 224, 16) + 2,
    "vit-swin-shift-size": lambda: 7 // 2,
    "vit-rollout-value": rollout_token0_to_token1,
}

NOT_RECOMPUTABLE: dict[str, str] = {}


def test_every_numeric_question_is_checked():
    covered = set(PARAMETRIC_CHECKS) | set(FIXED_CHECKS) | set(NOT_RECOMPUTABLE)
    assert set(NUMERIC) <= covered, f"unchecked numeric questions: {sorted(set(NUMERIC) - covered)}"
    assert set(PARAMETRIC_CHECKS) == set(PARAMETRIC), "parametric check table out of date"
    assert set(FIXED_CHECKS) == set(FIXED), "fixed check table out of date"


@pytest.mark.parametrize("qid", sorted(PARAMETRIC))
def test_parametric_answer_matches_independent_computation(qid):
    q = PARAMETRIC[qid]
    check = PARAMETRIC_CHECKS[qid]
    for env in combos(q):
        bank = bank_value(q, env)
        computed = float(check(**env))
        assert close(q, bank, computed), f"{qid} {env}: bank {bank}, computed {computed}"
        if "tolerance" in q and q["tolerance"] == 0:
            assert float(bank).is_integer(), f"{qid} {env}: exact answer {bank} not an integer"


@pytest.mark.parametrize("qid", sorted(FIXED))
def test_fixed_answer_matches_independent_computation(qid):
    q = FIXED[qid]
    computed = float(FIXED_CHECKS[qid]())
    assert close(q, bank_value(q), computed), f"{qid}: bank {q['answer']}, computed {computed}"


def test_patch_flatten_order_mcq_answer_is_the_working_weight():
    """vit-patch-flatten-order: only the bank's answer reproduces the conv exactly."""
    q = QUESTIONS["vit-patch-flatten-order"]
    torch.manual_seed(0)
    D, p = 5, 16
    conv = nn.Conv2d(3, D, p, p)
    x = torch.randn(2, 3, 32, 48)
    ref = conv(x).flatten(2).transpose(1, 2)
    b, c, hh, ww = x.shape
    patches = (x.reshape(b, c, hh // p, p, ww // p, p)          # b c h p1 w p2
               .permute(0, 2, 4, 3, 5, 1)                         # b h w p1 p2 c
               .reshape(b, (hh // p) * (ww // p), p * p * c))
    candidates = {
        "conv.weight.permute(0, 2, 3, 1).reshape(D, -1)": conv.weight.permute(0, 2, 3, 1).reshape(D, -1),
        "conv.weight.reshape(D, -1)": conv.weight.reshape(D, -1),
        "conv.weight.permute(0, 3, 2, 1).reshape(D, -1)": conv.weight.permute(0, 3, 2, 1).reshape(D, -1),
    }
    working = {name for name, wgt in candidates.items()
               if torch.allclose(F.linear(patches, wgt, conv.bias), ref, atol=1e-5)}
    assert working == {q["answer"]}


def test_reshape_bug_mcq_is_silent_and_wrong():
    """vit-reshape-bug: reshape keeps the shape but does not give patch tokens."""
    y = torch.randn(2, 768, 14, 14)
    good = y.flatten(2).transpose(1, 2)
    bad = y.reshape(2, -1, 768)
    assert bad.shape == good.shape == (2, 196, 768)
    assert not torch.equal(bad, good)


def test_dot_product_std_by_simulation():
    """vit-dot-product-std: a Monte Carlo sanity check of Var(q.k) = d_k."""
    gen = np.random.default_rng(0)
    for dk in QUESTIONS["vit-dot-product-std"]["params"]["dk"]:
        q = gen.standard_normal((20000, dk))
        k = gen.standard_normal((20000, dk))
        std = (q * k).sum(1).std()
        assert abs(std - math.sqrt(dk)) < 0.05 * math.sqrt(dk)


@pytest.mark.parametrize("qid", sorted(qid for qid, q in NUMERIC.items() if q.get("mistakes")))
def test_every_named_mistake_is_outside_the_accepted_error(qid):
    """A listed mistake must never be graded right, for any parameter combination."""
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
