"""The 'losses' group of katas: smooth_l1, kl_div, js_div, dropout, multi_head_attention,
patch_embed, unpatchify. Dropout's wrong solutions fail for their stated reason (the others'
are in test_mistakes_solutions.py), textbook ones pass,
slow ones fail only on time; plus direct checks of the references (F.smooth_l1_loss, F.kl_div,
F.scaled_dot_product_attention, the dropout statistics and generator) in float64."""

from __future__ import annotations

import importlib.util
import math
from pathlib import Path

import pytest
from katahelp import check

KATAS = Path(__file__).resolve().parents[2] / "katas"



# Each check spawns two children (torch: ~3 s of CPU each check); the extra wrong solutions
# beyond three per kata are marked slow, so `-m "not slow"` keeps a quick core.
SLOW_MARK = pytest.mark.slow

# (every wrong_<mistake>.py, these katas' included, is checked in test_mistakes_solutions.py)


TEXTBOOK = [("smooth_l1", "textbook.py", "torch"), ("kl_div", "textbook.py", "numpy"),
            ("js_div", "textbook.py", "numpy"), ("dropout", "textbook.py", "torch"),
            ("multi_head_attention", "textbook.py", "torch"), ("patch_embed", "textbook.py", "torch"),
            ("unpatchify", "textbook.py", "numpy"), ("unpatchify", "textbook_torch.py", "torch")]


@pytest.mark.slow
@pytest.mark.parametrize(("kata", "file", "fw"), TEXTBOOK, ids=[f"{k}-{fw}" for k, _, fw in TEXTBOOK])
def test_textbook_passes_with_timing(kata, file, fw) -> None:  # type: ignore[no-untyped-def]
    v = check(kata, file, fw, timing=True, repeats=3)
    assert v.correct and v.error is None, (v.error, v.message)
    assert v.passed and v.within_budget, v.timing


@pytest.mark.parametrize("seed", [2, 3])
@pytest.mark.parametrize("kata", ["kl_div", "js_div", "unpatchify"])
def test_numpy_textbook_other_seeds(kata, seed) -> None:  # type: ignore[no-untyped-def]
    v = check(kata, "textbook.py", seed=seed)
    assert v.correct and v.error is None, (v.error, v.message)


SLOW = ["smooth_l1", "kl_div", "js_div", "dropout", "multi_head_attention", "patch_embed",
        "unpatchify"]


@pytest.mark.slow
@pytest.mark.parametrize("kata", SLOW)
def test_slow_correct_solution_fails_only_on_time(kata) -> None:  # type: ignore[no-untyped-def]
    v = check(kata, "slow_loops.py", timing=True, repeats=3)
    assert v.correct and v.error is None, (v.error, v.message)
    assert v.within_budget is False and not v.passed
    assert v.timing is not None and v.timing.ratio is not None
    assert v.timing.ratio > 2 * v.timing.budget
    assert [c.name for c in v.checks if not c.passed] == ["timing"]


# -- the references, directly (in-process, float64) --------------------------------------------


def _ref(kata: str):  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(f"_ref_{kata}", KATAS / kata / "reference.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_smooth_l1_matches_torch_values_and_gradients() -> None:
    torch = pytest.importorskip("torch")
    import torch.nn.functional as F

    f = _ref("smooth_l1").smooth_l1_torch
    g = torch.Generator().manual_seed(0)
    for beta in (0.0, 0.3, 1.0, 2.5):
        for red in ("none", "mean", "sum"):
            a = (torch.randn(40, generator=g, dtype=torch.float64) * 2).requires_grad_()
            b = torch.randn(40, generator=g, dtype=torch.float64)
            ours, theirs = f(a, b, beta, red), F.smooth_l1_loss(a, b, reduction=red, beta=beta)
            assert torch.allclose(ours, theirs)
            ga, = torch.autograd.grad(ours.sum(), a)
            gb, = torch.autograd.grad(theirs.sum(), a)
            assert torch.allclose(ga, gb) and torch.isfinite(ga).all()
    x = torch.tensor([-0.5, -0.25], dtype=torch.float64, requires_grad=True)
    f(x, torch.zeros(2, dtype=torch.float64), reduction="sum").backward()
    assert x.grad.tolist() == [-0.5, -0.25]  # x / beta, negative (the seed says -x)
    with pytest.raises(ValueError, match="none, mean, sum"):
        f(x, x, reduction="avg")


def test_kl_and_js_properties() -> None:
    torch = pytest.importorskip("torch")
    import numpy as np

    kl, js = _ref("kl_div").kl_div_numpy, _ref("js_div").js_div_numpy
    rng = np.random.default_rng(0)
    p = rng.dirichlet(np.ones(7), size=20)
    q = rng.dirichlet(np.ones(7), size=20)
    theirs = torch.nn.functional.kl_div(torch.from_numpy(q).log(), torch.from_numpy(p),
                                        reduction="none").sum(-1).numpy()
    assert np.allclose(kl(p, q), theirs)
    assert np.all(kl(p, q) >= 0) and np.allclose(kl(p, p), 0)
    assert np.allclose(js(p, q), js(q, p)) and np.all(js(p, q) <= math.log(2) + 1e-12)
    m = (p + q) / 2
    assert np.allclose(js(p, q), 0.5 * kl(p, m) + 0.5 * kl(q, m))
    assert np.allclose(js(np.eye(3), np.eye(3)[[1, 2, 0]]), math.log(2))
    assert kl(np.array([0.5, 0.5]), np.array([1.0, 0.0])) == np.inf


def test_dropout_reference_statistics_generator_and_gradient() -> None:
    torch = pytest.importorskip("torch")

    f = _ref("dropout").dropout_torch
    x = torch.randn(400, 500, dtype=torch.float64).requires_grad_()
    p = 0.3
    y = f(x, p, generator=torch.Generator().manual_seed(1))
    assert torch.equal(y, f(x, p, generator=torch.Generator().manual_seed(1)))
    kept = y != 0
    assert abs(1 - kept.double().mean().item() - p) < 6 * math.sqrt(p * (1 - p) / x.numel())
    assert torch.allclose(y[kept], x[kept] / (1 - p))
    (g,) = torch.autograd.grad(y.sum(), x)
    assert torch.allclose(g, kept.double() / (1 - p))
    assert f(x, p, training=False) is x
    z = f(x, 1.0)
    assert torch.equal(z, torch.zeros_like(x)) and z.requires_grad
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        f(x, 1.5)


def test_attention_matches_sdpa_and_multihead_attention() -> None:
    torch = pytest.importorskip("torch")
    import torch.nn.functional as F

    f = _ref("multi_head_attention").multi_head_attention_torch
    torch.manual_seed(0)
    b, n, dim, h = 2, 6, 12, 3
    x = torch.randn(b, n, dim, dtype=torch.float64)
    mha = torch.nn.MultiheadAttention(dim, h, batch_first=True, dtype=torch.float64)
    w, bq, wo, bo = (mha.in_proj_weight, mha.in_proj_bias, mha.out_proj.weight, mha.out_proj.bias)
    expected, _ = mha(x, x, x, need_weights=False)
    assert torch.allclose(f(x, w, bq, wo, bo, h), expected)
    mask = torch.rand(b, n, n) < 0.5
    mask[..., 0] = True
    q, k, v = ((x @ w.T + bq).chunk(3, -1))
    q, k, v = (t.reshape(b, n, h, dim // h).transpose(1, 2) for t in (q, k, v))
    sdpa = F.scaled_dot_product_attention(q, k, v, attn_mask=mask.unsqueeze(1))
    assert torch.allclose(f(x, w, bq, wo, bo, h, mask),
                          sdpa.transpose(1, 2).reshape(b, n, dim) @ wo.T + bo)
    mask[1, 2] = False  # a query allowed no key: its row is b_out, gradients finite
    xg = x.clone().requires_grad_()
    out = f(xg, w, bq, wo, bo, h, mask)
    assert torch.allclose(out[1, 2], bo)
    out.sum().backward()
    assert torch.isfinite(xg.grad).all()
    with pytest.raises(ValueError, match="divisible"):
        f(x, w, bq, wo, bo, 5)


def test_patch_embed_equals_conv_module_and_unpatchify_inverts_patchify() -> None:
    torch = pytest.importorskip("torch")

    embed = _ref("patch_embed").patch_embed_torch
    unpatchify = _ref("unpatchify")
    patchify = _ref("patchify")
    torch.manual_seed(0)
    conv = torch.nn.Conv2d(3, 8, kernel_size=4, stride=4, dtype=torch.float64)
    images = torch.randn(2, 3, 8, 12, dtype=torch.float64)
    cls = torch.randn(1, 1, 8, dtype=torch.float64)
    pos = torch.randn(1, 7, 8, dtype=torch.float64)
    tokens = embed(images, conv.weight, conv.bias, cls, pos)
    expected = torch.cat([cls.expand(2, -1, -1), conv(images).flatten(2).transpose(1, 2)], 1) + pos
    assert tokens.shape == (2, 7, 8) and torch.allclose(tokens, expected)
    with pytest.raises(ValueError, match="pos_embed"):
        embed(images, conv.weight, conv.bias, cls, pos[:, :6])
    import numpy as np

    x = np.random.default_rng(0).normal(size=(2, 3, 12, 8))
    assert np.array_equal(unpatchify.unpatchify_numpy(patchify.patchify_numpy(x, 4), 4, 12, 8), x)
    t = torch.from_numpy(x)
    assert torch.equal(unpatchify.unpatchify_torch(patchify.patchify_torch(t, 4), 4, 12, 8), t)
    with pytest.raises(ValueError):
        unpatchify.unpatchify_numpy(np.zeros((1, 5, 12)), 2, 4, 4)
