"""How fast are the hidden references next to well-known implementations? Reported, not required.

    python bench/reference_speed.py [--runs 15]

Each row times a kata's reference against the library function that computes the same thing
(torchvision.ops when installed, else torch's own ops), on the kata's largest timing input,
median of alternating runs, and checks the two agree. A library that is not installed is
reported as such rather than skipped silently.
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _load(kata: str, module: str) -> Any:
    path = ROOT / "katas" / kata / f"{module}.py"
    spec = importlib.util.spec_from_file_location(f"_bench_{kata}_{module}", path)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _time(fn: Callable[[], Any], runs: int) -> float:
    fn()
    ts = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        ts.append(time.perf_counter() - t)
    return statistics.median(ts)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=15)
    runs = ap.parse_args().runs
    import numpy as np
    import torch
    import torch.nn.functional as F

    torch.set_num_threads(1)  # as in the kata child
    rng = np.random.default_rng(0)
    have_tv = importlib.util.find_spec("torchvision") is not None
    rows: list[tuple[str, str, float | None, float | None, str]] = []

    def compare(kata: str, library: str, ref: Callable[[], Any], lib: Callable[[], Any] | None,
                agree: Callable[[Any, Any], bool] | None = None) -> None:
        if lib is None:
            rows.append((kata, library, _time(ref, runs), None, "not installed"))
            return
        a, b = ref(), lib()
        ok = agree(a, b) if agree else bool(np.allclose(np.asarray(a), np.asarray(b), rtol=1e-4, atol=1e-5))
        t_ref = t_lib = 0.0
        ref_ts, lib_ts = [], []
        for _ in range(runs):  # alternate so that load affects both alike
            ref_ts.append(_time(ref, 1))
            lib_ts.append(_time(lib, 1))
        t_ref, t_lib = statistics.median(ref_ts), statistics.median(lib_ts)
        rows.append((kata, library, t_ref, t_lib, "agree" if ok else "DISAGREE"))

    def tensors(kata: str, n: int, fw: str = "torch") -> tuple[list[Any], dict[str, Any]]:
        args, kwargs = _load(kata, "cases").timing_input(n, np.random.default_rng(0))
        if fw == "torch":
            args = [torch.from_numpy(a) if isinstance(a, np.ndarray) else a for a in args]
        return args, kwargs

    # iou / nms / focal loss: torchvision.ops, when present
    for kata, fw, tv_name in (("iou", "torch", "box_iou"), ("nms", "torch", "nms")):
        spec = _load(kata, "reference")
        args, kw = tensors(kata, 1000 if kata == "iou" else 3000)
        ref = getattr(spec, f"{kata}_{fw}")
        lib = None
        if have_tv:
            import torchvision.ops as ops

            lib = (lambda a=args, k=kw, f=getattr(ops, tv_name): f(*a, **k))  # noqa: E731
        compare(kata, f"torchvision.ops.{tv_name}", lambda a=args, k=kw, r=ref: r(*a, **k), lib)
    fl = _load("focal_loss", "reference").focal_loss_torch
    args, kw = tensors("focal_loss", 4000)
    lib = None
    if have_tv:
        from torchvision.ops import sigmoid_focal_loss

        lib = lambda: sigmoid_focal_loss(*args, reduction="mean")  # noqa: E731
    compare("focal_loss", "torchvision.ops.sigmoid_focal_loss", lambda: fl(*args, **kw), lib)

    # torch's own ops
    x = torch.randn(64, 4000)
    y = torch.randn(64, 4000)
    sl1 = _load("smooth_l1", "reference").smooth_l1_torch
    compare("smooth_l1", "F.smooth_l1_loss", lambda: sl1(x, y, beta=1.0),
            lambda: F.smooth_l1_loss(x, y, beta=1.0))

    mha = _load("multi_head_attention", "reference").multi_head_attention_torch
    B, N, D, h = 8, 197, 384, 6
    xa = torch.randn(B, N, D)
    w_qkv, b_qkv = torch.randn(3 * D, D) * 0.05, torch.randn(3 * D) * 0.05
    w_out, b_out = torch.randn(D, D) * 0.05, torch.randn(D) * 0.05

    def torch_mha() -> torch.Tensor:
        q, k, v = F.linear(xa, w_qkv, b_qkv).reshape(B, N, 3, h, D // h).permute(2, 0, 3, 1, 4)
        o = F.scaled_dot_product_attention(q, k, v)
        return F.linear(o.transpose(1, 2).reshape(B, N, D), w_out, b_out)

    compare("multi_head_attention", "F.scaled_dot_product_attention",
            lambda: mha(xa, w_qkv, b_qkv, w_out, b_out, h), torch_mha)

    pe = _load("patch_embed", "reference").patch_embed_torch
    imgs = torch.randn(16, 3, 224, 224)
    w, b = torch.randn(384, 3, 16, 16) * 0.02, torch.zeros(384)
    cls, pos = torch.zeros(1, 1, 384), torch.zeros(1, 197, 384)
    conv = torch.nn.Conv2d(3, 384, 16, 16)
    with torch.no_grad():
        conv.weight.copy_(w)
        conv.bias.copy_(b)

    def conv_embed() -> torch.Tensor:
        with torch.no_grad():
            t = conv(imgs).flatten(2).transpose(1, 2)
            return torch.cat([cls.expand(16, -1, -1), t], 1) + pos

    compare("patch_embed", "nn.Conv2d + flatten", lambda: pe(imgs, w, b, cls, pos), conv_embed)

    c2 = _load("conv2d", "reference").conv2d_numpy
    xn = rng.normal(size=(8, 16, 64, 64))
    wn = rng.normal(size=(32, 16, 3, 3))
    compare("conv2d (NumPy)", "F.conv2d (torch)", lambda: c2(xn, wn, None, 1, 1),
            lambda: F.conv2d(torch.from_numpy(xn), torch.from_numpy(wn), padding=1).numpy())

    bn = _load("batch_norm", "reference").batch_norm_numpy
    xb = rng.normal(size=(64, 64, 16, 16)).astype(np.float32)
    g, be = np.ones(64, np.float32), np.zeros(64, np.float32)
    rm, rv = np.zeros(64, np.float32), np.ones(64, np.float32)
    compare("batch_norm (NumPy)", "F.batch_norm (torch)", lambda: bn(xb, g, be, rm, rv, True)[0],
            lambda: F.batch_norm(torch.from_numpy(xb), torch.from_numpy(rm.copy()),
                                 torch.from_numpy(rv.copy()), torch.from_numpy(g), torch.from_numpy(be),
                                 training=True).numpy())

    print(f"{'kata':24} {'library':38} {'reference':>10} {'library':>10} {'ratio':>7}  check")
    for kata, library, t_ref, t_lib, note in rows:
        lib_s = f"{1000 * t_lib:8.2f}ms" if t_lib is not None else "         -"
        ratio = f"{t_ref / t_lib:6.2f}x" if t_lib else "      -"
        print(f"{kata:24} {library:38} {1000 * t_ref:8.2f}ms {lib_s} {ratio}  {note}")


if __name__ == "__main__":
    main()
