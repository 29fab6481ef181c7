"""Recompute every numeric answer of the `efficiency` bank, and check the claims its choices rest on.

Parametric answers are evaluated with the bank's own evaluator over the full Cartesian product of
their parameters and compared with a value measured independently: torch's own BN fusion, its
quantisation observers and quantised tensors, its pruning utilities, FLOP counter and softmax / KL.
Named mistakes are checked to be graded apart from the right answer for every parameter set, and a
few mcq answers are checked by running the code they describe (RepVGG merging, the STE bug, ...).
"""

from __future__ import annotations

import re
import warnings

import pytest
import torch
import torch.nn as nn
import torch.nn.functional as F
import torch.nn.utils.prune
from bankhelp import bank_value, close, combos, load_questions, numeric, window
from torch.utils.flop_counter import FlopCounterMode

from prepcli.banks.expr import evaluate

QUESTIONS = load_questions("efficiency.yaml")

torch.manual_seed(0)


# ---------------------------------------------------------------- helpers (independent of the bank)
def n_params(*modules: nn.Module) -> int:
    return sum(p.numel() for m in modules for p in m.parameters())


def flops(fn, *args) -> int:  # type: ignore[no-untyped-def]
    with FlopCounterMode(display=False) as counter:
        fn(*args)
    return counter.get_total_flops()


def folded_bias(e) -> float:  # type: ignore[no-untyped-def]
    conv = nn.Conv2d(1, 1, 1, bias=True).double().eval()
    bn = nn.BatchNorm2d(1, eps=1e-5).double().eval()
    with torch.no_grad():
        conv.bias.fill_(e["b"])
        bn.running_mean.fill_(e["mu"])
        bn.running_var.fill_(e["var"])
        bn.weight.fill_(e["g"])
        bn.bias.fill_(e["beta"])
    fused = torch.nn.utils.fusion.fuse_conv_bn_eval(conv, bn)
    x = torch.randn(2, 1, 5, 5, dtype=torch.float64)
    with torch.no_grad():
        assert torch.allclose(fused(x), bn(conv(x)))
    return float(fused.bias.detach())


class RepVGGBlock(nn.Module):
    """Training-time RepVGG block (stride 1, in = out channels), as in the paper."""

    def __init__(self, c: int, device: str | torch.device = "cpu") -> None:
        super().__init__()
        self.conv3 = nn.Conv2d(c, c, 3, padding=1, bias=False, device=device)
        self.bn3 = nn.BatchNorm2d(c, device=device)
        self.conv1 = nn.Conv2d(c, c, 1, bias=False, device=device)
        self.bn1 = nn.BatchNorm2d(c, device=device)
        self.bn_id = nn.BatchNorm2d(c, device=device)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return F.relu(self.bn3(self.conv3(x)) + self.bn1(self.conv1(x)) + self.bn_id(x))


def _fold(kernel: torch.Tensor, bn: nn.BatchNorm2d) -> tuple[torch.Tensor, torch.Tensor]:
    a = bn.weight / torch.sqrt(bn.running_var + bn.eps)  # [C]
    return kernel * a[:, None, None, None], bn.bias - bn.running_mean * a


def merge_repvgg(block: RepVGGBlock) -> nn.Conv2d:
    c = block.conv3.out_channels
    identity = torch.zeros(c, c, 3, 3)
    identity[torch.arange(c), torch.arange(c), 1, 1] = 1.0  # the bank's answer for the identity kernel
    k3, b3 = _fold(block.conv3.weight, block.bn3)
    k1, b1 = _fold(F.pad(block.conv1.weight, [1, 1, 1, 1]), block.bn1)
    kid, bid = _fold(identity, block.bn_id)
    merged = nn.Conv2d(c, c, 3, padding=1)
    with torch.no_grad():
        merged.weight.copy_(k3 + k1 + kid)
        merged.bias.copy_(b3 + b1 + bid)
    return merged


def minmax_qparams(lo: float, hi: float, **kw) -> tuple[float, int]:  # type: ignore[no-untyped-def]
    obs = torch.ao.quantization.MinMaxObserver(**kw)
    obs(torch.tensor([lo, hi]))
    scale, zp = obs.calculate_qparams()
    return float(scale), int(zp)


def per_tensor_levels(e) -> int:  # type: ignore[no-untyped-def]
    small = torch.linspace(-e["a"], e["a"], 20001, dtype=torch.float64)
    big = torch.tensor([-e["b"], e["b"]], dtype=torch.float64)
    w = torch.cat([small, big]).float()
    w_hat = torch.fake_quantize_per_tensor_affine(w, e["b"] / 127, 0, -127, 127)
    return len(torch.unique(w_hat[: small.numel()]))


def minmax_codes_below_6(e) -> int:  # type: ignore[no-untyped-def]
    scale, zp = minmax_qparams(0.0, e["mx"], dtype=torch.quint8)
    assert zp == 0
    codes = torch.arange(256, dtype=torch.float64)
    return int(((codes - zp) * scale <= 6.0).sum())


def pruned_channel_weights(e) -> int:  # type: ignore[no-untyped-def]
    conv1 = nn.Conv2d(64, 128, 3, bias=False)
    keep = torch.topk(conv1.weight.abs().sum((1, 2, 3)), int(128 * (1 - e["p"]))).indices  # L1 filters
    conv1_p = nn.Conv2d(64, len(keep), 3, bias=False, device="meta")
    conv2_p = nn.Conv2d(len(keep), 256, 3, bias=False, device="meta")
    return n_params(conv1_p, conv2_p)


def two_four_storage(e) -> float:  # type: ignore[no-untyped-def]
    w = torch.randn(64, 128)
    groups = w.view(64, 32, 4)
    idx = groups.abs().topk(2, dim=-1).indices
    mask = torch.zeros_like(groups, dtype=torch.bool).scatter_(-1, idx, True)
    kept = int(mask.sum())
    assert (mask.sum(-1) == 2).all()
    return (kept * e["bits"] + kept * 2) / (w.numel() * e["bits"])


def linear_intensity(e) -> float:  # type: ignore[no-untyped-def]
    x = torch.empty(int(e["b"]), 4096, dtype=torch.float16, device="meta")
    w = torch.empty(4096, 4096, dtype=torch.float16, device="meta")
    y = x @ w
    moved = (x.numel() + w.numel() + y.numel()) * x.element_size()
    return flops(torch.matmul, x, w) / moved


def depthwise_intensity(e) -> float:  # type: ignore[no-untyped-def]
    k = int(e["k"])
    conv = nn.Conv2d(8, 8, k, padding=k // 2, groups=8, bias=False, device="meta")
    x = torch.empty(1, 8, 32, 32, device="meta")
    y = conv(x)
    fp16_bytes = torch.empty(0, dtype=torch.float16).element_size()
    return flops(conv, x) / ((x.numel() + y.numel()) * fp16_bytes)


def shufflenet_mac(e) -> int:  # type: ignore[no-untyped-def]
    conv = nn.Conv2d(int(e["c1"]), int(e["c2"]), 1, bias=False, device="meta")
    x = torch.empty(1, int(e["c1"]), 56, 56, device="meta")
    return x.numel() + conv(x).numel() + conv.weight.numel()


def attention_flops(n: int) -> int:
    q = torch.empty(1, 12, n, 64, device="meta")
    return flops(lambda a: (a @ a.transpose(-1, -2)).softmax(-1) @ a, q)


def tome_remaining(e) -> float:  # type: ignore[no-untyped-def]
    r, tokens, cost = int(e["r"]), 197, 0
    for _ in range(12):
        cost += attention_flops(tokens)
        assert r <= tokens // 2, "bipartite matching can merge at most half the tokens"
        tokens -= r
    return cost / (12 * attention_flops(197))


def kd_term(teacher: list[float], student: list[float], t: float, reverse: bool = False) -> float:
    zt, zs = torch.tensor([teacher]), torch.tensor([student])
    if reverse:
        zt, zs = zs, zt
    loss = F.kl_div(F.log_softmax(zs / t, -1), F.softmax(zt / t, -1), reduction="batchmean")
    return float(loss) * t * t


def dequantised_outlier(e) -> float:  # type: ignore[no-untyped-def]
    x = torch.tensor([e["x"]])
    return float(torch.fake_quantize_per_tensor_affine(x, e["s"], int(e["z"]), 0, 255))


def magnitude_pruned_sum() -> float:
    lin = nn.Linear(8, 1, bias=False)
    with torch.no_grad():
        lin.weight.copy_(torch.tensor([[0.9, -0.05, 0.3, -0.7, 0.02, -0.4, 0.15, 0.6]]))
    torch.nn.utils.prune.l1_unstructured(lin, "weight", amount=0.5)
    return float(lin.weight.detach().sum())


def _naive_attention_traffic(n: int) -> float:
    """Bytes through S and P (write + read each) over bytes of Q, K, V read and O written, one head."""
    q = k = v = torch.empty(n, 64, dtype=torch.float16, device="meta")
    s = q @ k.T  # [n, n], written then read by the softmax
    p = s.softmax(-1)  # [n, n], written then read by P @ V
    o = p @ v  # [n, 64]
    quadratic = 2 * s.numel() * s.element_size() + 2 * p.numel() * p.element_size()
    linear = sum(t.numel() * t.element_size() for t in (q, k, v, o))
    return quadratic / linear


def _direct_mults(m: int) -> int:
    """Multiplications of a direct 3x3 conv for an m x m output tile (one channel pair)."""
    return m * m * 3 * 3


def _winograd_mults(m: int) -> int:
    """F(m, 3) needs m + 3 - 1 multiplications in 1D; the 2D algorithm nests it in both directions."""
    return (m + 3 - 1) ** 2


BITS_DTYPE = {32: torch.float32, 16: torch.float16, 8: torch.int8}

PARAMETRIC = {
    "eff-bn-fold-bias-value": folded_bias,
    "eff-repvgg-train-params": lambda e: n_params(RepVGGBlock(int(e["c"]), device="meta")),
    "eff-quant-affine-scale": lambda e: minmax_qparams(e["mn"], e["mx"], dtype=torch.quint8)[0],
    "eff-quant-zero-point": lambda e: minmax_qparams(e["mn"], e["mx"], dtype=torch.quint8)[1],
    "eff-quant-symmetric-scale": lambda e: minmax_qparams(
        e["wmin"], e["wmax"], dtype=torch.qint8, qscheme=torch.per_tensor_symmetric,
        quant_min=-127, quant_max=127)[0],
    "eff-quant-clipped-outlier": dequantised_outlier,
    "eff-quant-per-tensor-levels": per_tensor_levels,
    "eff-quant-minmax-codes": minmax_codes_below_6,
    "eff-weights-memory": lambda e: e["n"] * 1e6 * (
        torch.empty(0, dtype=BITS_DTYPE[e["bits"]]).element_size() if e["bits"] in BITS_DTYPE
        else 0.5) / 1e6,
    "eff-prune-two-four-storage": two_four_storage,
    "eff-prune-channel-params": pruned_channel_weights,
    "eff-kd-temperature-prob": lambda e: float(F.softmax(torch.tensor([2.0, 1.0, 0.0]) / e["t"], 0)[0]),
    "eff-linear-intensity": linear_intensity,
    "eff-roofline-attainable": lambda e: min(300e12, e["i"] * 2e12) / 1e12,
    "eff-depthwise-intensity": depthwise_intensity,
    "eff-shufflenet-mac": shufflenet_mac,
    "eff-vit-attention-resolution": lambda e: attention_flops(int(e["s"] // 16) ** 2) / attention_flops(196),
    "eff-tome-attention-cost": tome_remaining,
    "eff-attention-hbm-traffic": lambda e: _naive_attention_traffic(int(e["n"])),
    "eff-winograd-multiplications": lambda e: _direct_mults(int(e["m"])) / _winograd_mults(int(e["m"])),
}

NON_PARAMETRIC = {
    "eff-fp16-max": lambda: torch.finfo(torch.float16).max,
    "eff-prune-magnitude-sum": magnitude_pruned_sum,
    "eff-kd-loss-value": lambda: kd_term([3, 1, 0], [1, 2, 0], 2.0),
}

NUMERIC = sorted(numeric(QUESTIONS))


# ---------------------------------------------------------------- numeric answers
@pytest.mark.parametrize("qid", sorted(PARAMETRIC))
def test_parametric_answer_matches_torch(qid: str) -> None:
    q = QUESTIONS[qid]
    assert q["type"] == "numeric" and "params" in q, qid
    for env in combos(q):
        bank = bank_value(q, env)
        expected = float(PARAMETRIC[qid](env))
        # the recomputed value must round to the bank's answer at the precision the prompt asks
        assert abs(bank - expected) <= max(window(q, bank) / 5, 1e-9 * abs(expected)), (
            f"{qid} with {env}: bank says {bank}, computed {expected}")


@pytest.mark.parametrize("qid", sorted(NON_PARAMETRIC))
def test_fixed_answer_matches_recomputation(qid: str) -> None:
    q = QUESTIONS[qid]
    assert q["type"] == "numeric" and "params" not in q, qid
    expected = float(NON_PARAMETRIC[qid]())
    bank = bank_value(q)
    assert abs(bank - expected) <= max(window(q, bank) / 5, 1e-9), f"{qid}: bank {bank}, computed {expected}"


def test_every_numeric_question_is_checked() -> None:
    assert set(NUMERIC) == set(PARAMETRIC) | set(NON_PARAMETRIC)


@pytest.mark.parametrize("qid", NUMERIC)
def test_named_mistakes_are_graded_apart_from_the_answer(qid: str) -> None:
    q = QUESTIONS[qid]
    for env in combos(q):
        answer = bank_value(q, env)
        for mistake in q.get("mistakes", []):
            wrong = evaluate(str(mistake["expr"]), env)
            assert not close(q, answer, wrong), (
                f"{qid} {env}: mistake {mistake['expr']} = {wrong} is accepted for {answer}")
            assert mistake["message"].strip() and "\n" not in mistake["message"].strip()


def test_kd_mistake_values_are_what_the_explanation_says() -> None:
    q = QUESTIONS["eff-kd-loss-value"]
    by_message = {m["message"].split(":")[0].split(" (")[0]: float(m["expr"]) for m in q["mistakes"]}
    assert by_message["Forgot the T^2 factor"] == pytest.approx(kd_term([3, 1, 0], [1, 2, 0], 2.0) / 4, abs=1e-4)
    assert by_message["KL in the wrong direction"] == pytest.approx(
        kd_term([3, 1, 0], [1, 2, 0], 2.0, reverse=True), abs=1e-4)
    assert by_message["Used T = 1 in the softmaxes; both teacher and student logits are divided by T = 2"] == (
        pytest.approx(kd_term([3, 1, 0], [1, 2, 0], 1.0), abs=1e-4))
    assert by_message["Softmaxes at T = 1 but still multiplied by T^2 = 4"] == (
        pytest.approx(4 * kd_term([3, 1, 0], [1, 2, 0], 1.0), abs=1e-4))


def test_kd_soft_gradient_scales_as_one_over_t_squared() -> None:
    """eff-kd-gradient-derivation: without the T^2 factor the soft-term gradient shrinks like 1/T^2."""
    teacher = torch.tensor([[2.0, -1.0, 0.5, -1.5]])
    grads = {}
    for t in (10.0, 20.0, 40.0):
        student = torch.tensor([[0.5, 1.0, -1.0, -0.5]], requires_grad=True)
        loss = F.kl_div(F.log_softmax(student / t, -1), F.softmax(teacher / t, -1), reduction="batchmean")
        loss.backward()
        grads[t] = student.grad.norm().item()
    assert grads[10.0] / grads[20.0] == pytest.approx(4, rel=0.02)
    assert grads[20.0] / grads[40.0] == pytest.approx(4, rel=0.01)


# ---------------------------------------------------------------- mcq / multi claims checked by code
def test_bn_fold_formula_choice_matches_torch_fusion() -> None:
    conv = nn.Conv2d(3, 4, 3, padding=1).eval()
    bn = nn.BatchNorm2d(4).eval()
    with torch.no_grad():
        bn.running_mean.uniform_(-1, 1)
        bn.running_var.uniform_(0.5, 2)
        bn.weight.uniform_(0.5, 2)
        bn.bias.uniform_(-1, 1)
    a = bn.weight / torch.sqrt(bn.running_var + bn.eps)
    fused = torch.nn.utils.fusion.fuse_conv_bn_eval(conv, bn)
    assert torch.allclose(fused.weight, conv.weight * a[:, None, None, None], atol=1e-6)
    assert torch.allclose(fused.bias, bn.bias + (conv.bias - bn.running_mean) * a, atol=1e-6)


def test_bn_before_padded_conv_folds_exactly_only_inside() -> None:
    """eff-bn-fold-when-valid: a BN *before* a zero-padded conv folds into it except at the border."""
    bn = nn.BatchNorm2d(2).eval()
    conv = nn.Conv2d(2, 3, 3, padding=1).eval()
    with torch.no_grad():
        bn.running_mean.fill_(0.7)
        bn.bias.fill_(0.3)
        a = bn.weight / torch.sqrt(bn.running_var + bn.eps)
        shift = bn.bias - bn.running_mean * a
        folded = nn.Conv2d(2, 3, 3, padding=1)
        folded.weight.copy_(conv.weight * a[None, :, None, None])
        folded.bias.copy_(conv.bias + (conv.weight * shift[None, :, None, None]).sum((1, 2, 3)))
        x = torch.randn(1, 2, 8, 8)
        diff = (folded(x) - conv(bn(x))).abs()
    assert diff[..., 1:-1, 1:-1].max() < 1e-5
    assert diff[..., 0, :].max() > 1e-3


def test_repvgg_merge_is_exact_with_the_identity_kernel_of_the_answer() -> None:
    block = RepVGGBlock(6)
    for bn in (block.bn3, block.bn1, block.bn_id):
        with torch.no_grad():
            bn.running_mean.uniform_(-0.5, 0.5)
            bn.running_var.uniform_(0.5, 2)
            bn.weight.uniform_(0.5, 1.5)
            bn.bias.uniform_(-0.5, 0.5)
    block.eval()
    merged = merge_repvgg(block)
    x = torch.randn(2, 6, 9, 9)
    with torch.no_grad():
        assert torch.allclose(F.relu(merged(x)), block(x), atol=1e-5)
    assert n_params(merged) == 9 * 36 + 6
    assert QUESTIONS["eff-repvgg-identity-kernel"]["answer"].startswith("$K[i, i, 1, 1] = 1$")


def test_rounding_kills_the_gradient_and_the_ste_restores_it() -> None:
    """eff-quant-ste-bug: the snippet's weight gets no gradient; the fix gets one."""
    w = torch.randn(4, 3, 3, 3, requires_grad=True)
    x = torch.randn(1, 3, 8, 8)
    s = w.abs().max().detach() / 127
    w_q = torch.round(w / s).clamp(-127, 127) * s
    F.conv2d(x, w_q, padding=1).sum().backward()
    assert w.grad is not None and torch.count_nonzero(w.grad) == 0
    w.grad = None
    w_ste = w + (w_q.detach() - w).detach()
    F.conv2d(x, w_ste, padding=1).sum().backward()
    assert torch.count_nonzero(w.grad) == w.numel()


def test_ste_with_clamp_passes_gradient_only_inside_the_range() -> None:
    """eff-quant-ste-gradient: identity inside the range, zero where the clamp saturates."""
    s, z = 0.1, 128
    x = torch.tensor([-20.0, -1.0, 0.0, 3.3, 20.0], requires_grad=True)
    x_hat = torch.fake_quantize_per_tensor_affine(x, s, z, 0, 255)  # torch's QAT op
    x_hat.sum().backward()
    assert x.grad.tolist() == [0.0, 1.0, 1.0, 1.0, 0.0]


def test_per_output_channel_scales_factor_out_of_the_integer_dot_product() -> None:
    """eff-quant-per-channel-why: per-output-channel weight scales are applied after an int GEMM."""
    w = torch.randn(5, 16) * torch.tensor([0.01, 0.1, 1.0, 3.0, 10.0])[:, None]
    x = torch.randn(16)
    s_w = w.abs().amax(1) / 127  # [5]
    s_x = x.abs().max() / 127
    q_w = torch.round(w / s_w[:, None]).to(torch.int32)
    q_x = torch.round(x / s_x).to(torch.int32)
    y_int = (q_w * q_x).sum(1)  # INT32 accumulation
    y = y_int.float() * s_w * s_x
    assert torch.allclose(y, (q_w.float() * s_w[:, None]) @ (q_x.float() * s_x), rtol=1e-5, atol=1e-6)
    assert int(y_int.abs().max()) < 2**31


def test_winograd_f23_computes_the_convolution_with_four_multiplications() -> None:
    """eff-winograd-multiplications: F(2, 3) gives 2 outputs of a 3-tap filter with 4 multiplies."""
    d = torch.randn(4, dtype=torch.float64)
    g = torch.randn(3, dtype=torch.float64)
    m1 = (d[0] - d[2]) * g[0]
    m2 = (d[1] + d[2]) * (g[0] + g[1] + g[2]) / 2
    m3 = (d[2] - d[1]) * (g[0] - g[1] + g[2]) / 2
    m4 = (d[1] - d[3]) * g[2]
    winograd = torch.stack([m1 + m2 + m3, m2 - m3 - m4])
    direct = F.conv1d(d[None, None], g[None, None])[0, 0]  # cross-correlation, as in CNNs
    assert torch.allclose(winograd, direct)
    assert _winograd_mults(2) == 16 and _direct_mults(2) == 36


def test_reparam_branches_merge_only_when_affine_until_the_sum() -> None:
    """eff-reparam-nonlinear-branch: an avg-pool branch merges, per-branch ReLUs do not."""
    c = 3
    conv3 = nn.Conv2d(c, c, 3, padding=1, bias=False)
    pool = nn.AvgPool2d(3, stride=1, padding=1)  # count_include_pad=True by default
    merged = nn.Conv2d(c, c, 3, padding=1, bias=False)
    with torch.no_grad():
        merged.weight.copy_(conv3.weight)
        merged.weight[torch.arange(c), torch.arange(c)] += 1 / 9
        x = torch.randn(1, c, 7, 7)
        assert torch.allclose(merged(x), conv3(x) + pool(x), atol=1e-6)
        conv1 = nn.Conv2d(c, c, 1, bias=False)
        both = nn.Conv2d(c, c, 3, padding=1, bias=False)
        both.weight.copy_(conv3.weight + F.pad(conv1.weight, [1, 1, 1, 1]))
        assert torch.allclose(both(x), conv3(x) + conv1(x), atol=1e-6)
        assert not torch.allclose(F.relu(both(x)), F.relu(conv3(x)) + F.relu(conv1(x)), atol=1e-3)


def test_two_linear_layers_compose_into_one() -> None:
    """eff-linear-composition: W2(W1 x + b1) + b2 is a single affine map."""
    l1, l2 = nn.Linear(8, 8), nn.Linear(8, 8)
    one = nn.Linear(8, 8)
    with torch.no_grad():
        one.weight.copy_(l2.weight @ l1.weight)
        one.bias.copy_(l2.weight @ l1.bias + l2.bias)
        x = torch.randn(5, 8)
        assert torch.allclose(one(x), l2(l1(x)), atol=1e-6)


def test_int8_products_overflow_int16_but_not_int32() -> None:
    terms = 3 * 3 * 256
    assert 128 * 128 * terms > 2**15 and 128 * 128 * terms < 2**31


def test_proportional_attention_equals_repeated_keys() -> None:
    """eff-tome-proportional-attention: adding log s to a key's logit = s copies of that key."""
    q, k = torch.randn(1, 8), torch.randn(3, 8)
    s = torch.tensor([1.0, 4.0, 2.0])
    prop = torch.softmax(q @ k.T + torch.log(s), -1)
    repeated = torch.softmax(q @ k.repeat_interleave(s.long(), 0).T, -1)
    grouped = torch.stack([part.sum(-1) for part in repeated.split(s.long().tolist(), -1)], -1)
    assert torch.allclose(prop, grouped, atol=1e-6)


def test_tracing_freezes_data_dependent_control_flow() -> None:
    """eff-onnx-trace-control-flow: the traced graph keeps the branch of the example input."""

    class Branchy(nn.Module):
        def forward(self, x: torch.Tensor) -> torch.Tensor:
            if x.mean() > 0:
                return x + 100
            return x - 100

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        traced = torch.jit.trace(Branchy(), torch.ones(2))
    assert torch.equal(traced(-torch.ones(2)), -torch.ones(2) + 100)  # eager would subtract
    with pytest.raises(Exception, match="data-dependent"):
        torch.export.export(Branchy(), (torch.ones(2),))  # the newer exporter refuses to guess


def test_two_four_mask_and_dense_kernel_claims() -> None:
    """eff-prune-unstructured-speed: zeroed weights keep the tensor's shape and the FLOP count."""
    lin = nn.Linear(64, 64)
    before = flops(lin, torch.randn(8, 64))
    torch.nn.utils.prune.l1_unstructured(lin, "weight", amount=0.8)
    assert torch.count_nonzero(lin.weight) == int(64 * 64 * 0.2 + 0.5)
    assert flops(lin, torch.randn(8, 64)) == before


# ---------------------------------------------------------------- bank hygiene specific to this bank
def test_bank_size_and_mix() -> None:
    qs = list(QUESTIONS.values())
    types = {q["type"] for q in qs}
    assert len(qs) >= 45 and types == {"mcq", "multi", "numeric", "short", "open"}
    assert sum(q["type"] != "open" for q in qs) >= 0.3 * len(qs)
    assert sum(q["difficulty"] == 3 for q in qs) >= 0.2 * len(qs)
    assert sum("params" in q for q in qs) >= 10


def _right_texts(q: dict) -> list[str]:
    if q["type"] == "mcq":
        return [q["answer"]]
    if q["type"] == "multi":
        return list(q["answer"])
    if q["type"] == "short":
        return [q["answer"], *q.get("accept", [])]
    return []


@pytest.mark.parametrize("qid", sorted(QUESTIONS))
def test_every_question_has_a_hint_that_does_not_give_the_answer(qid: str) -> None:
    q = QUESTIONS[qid]
    hint = q["hint"].lower()
    assert len(hint) >= 30
    for text in _right_texts(q):
        assert text.lower() not in hint, f"{qid}: hint contains {text!r}"
    if q["type"] == "numeric":
        for env in combos(q):
            value = bank_value(q, env)
            shown = hint
            for name, v in env.items():
                shown = shown.replace("{" + name + "}", str(v))
            assert not re.search(rf"(?<![\d.]){re.escape(f'{value:g}')}(?![\d])", shown), f"{qid}: {value}"


@pytest.mark.parametrize("qid", sorted(QUESTIONS))
def test_text_stands_alone(qid: str) -> None:
    q = QUESTIONS[qid]
    fields = [q["prompt"], q.get("explanation", ""), q["hint"], str(q["answer"]),
              *q.get("choices", []), *q.get("key_points", [])]
    for text in fields:
        assert not re.search(r"\bnotes?\b|\bseeds?\b", text, re.IGNORECASE), f"{qid}: {text[:60]!r}"
        assert "\\_" not in text and "\\*" not in text
