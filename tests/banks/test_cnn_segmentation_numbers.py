"""Recompute every numeric answer of the `cnn` and `segmentation` banks independently.

Parametric answers are evaluated with the bank's own evaluator over the full Cartesian product of
their parameters and compared with a value measured on real torch layers (output shapes, parameter
counts, receptive fields by back-propagation) or computed from masks / confusion matrices in numpy.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch
import torch.nn as nn
import yaml
from bankhelp import bank_value, close, combos, load_questions

BANK_FILES = ("cnn.yaml", "segmentation.yaml")
BANKS = {f: load_questions(f) for f in BANK_FILES}
QUESTIONS = load_questions(*BANK_FILES)

META = torch.device("meta")


# ---------------------------------------------------------------- helpers (independent of the bank)
def n_params(*modules: nn.Module) -> int:
    return sum(p.numel() for m in modules for p in m.parameters())


def out_side(module: nn.Module, side: int, channels: int = 1) -> int:
    with torch.no_grad():
        return module(torch.zeros(1, channels, side, side)).shape[-1]


def conv_macs(conv: nn.Conv2d, side: int) -> int:
    """MACs of one image: every output value costs (weights per output channel) multiply-adds."""
    out = conv(torch.zeros(1, conv.in_channels, side, side, device=META))
    return out.shape[-2] * out.shape[-1] * conv.weight.numel()


def receptive_field(layers: list[nn.Module], size: int = 129) -> int:
    """Side of the input region with non-zero gradient for the centre output unit.

    All weights are 1 and pools are average pools, so every path has a positive weight and the
    non-zero region is exactly the theoretical receptive field."""
    net = nn.Sequential(*layers).double()
    for m in net.modules():
        if isinstance(m, nn.Conv2d):
            nn.init.ones_(m.weight)
    x = torch.ones(1, 1, size, size, dtype=torch.float64, requires_grad=True)
    y = net(x)
    c = y.shape[-1] // 2
    y[0, 0, c, c].backward()
    cols = torch.nonzero(x.grad[0, 0].abs().sum(0)).flatten()
    rows = torch.nonzero(x.grad[0, 0].abs().sum(1)).flatten()
    side = int(cols.max() - cols.min() + 1)
    assert side == int(rows.max() - rows.min() + 1)
    assert cols.min() > 0 and cols.max() < size - 1, "input too small for this receptive field"
    return side


def conv(k: int, s: int = 1) -> nn.Conv2d:
    return nn.Conv2d(1, 1, k, stride=s, bias=False)



# ---------------------------------------------------------------- parametric questions
def _rf_three(e):
    return receptive_field([conv(e["k1"], e["s1"]), conv(e["k2"], e["s2"]), conv(e["k3"])])


def _dwsep_ratio(e):
    k, cin, cout, side = e["k"], e["cin"], e["cout"], 16
    standard = nn.Conv2d(cin, cout, k, padding=k // 2, bias=False, device=META)
    depthwise = nn.Conv2d(cin, cin, k, padding=k // 2, groups=cin, bias=False, device=META)
    pointwise = nn.Conv2d(cin, cout, 1, bias=False, device=META)
    return (conv_macs(depthwise, side) + conv_macs(pointwise, side)) / conv_macs(standard, side)


def _conv_macs(e):
    k = e["k"]
    layer = nn.Conv2d(e["cin"], e["cout"], k, padding=k // 2, bias=False, device=META)
    return conv_macs(layer, e["h"]) / 1e6


def _stacked_saving(e):
    n, c = e["n"], e["c"]
    single = nn.Conv2d(c, c, 2 * n + 1, bias=False, device=META)
    stack = [nn.Conv2d(c, c, 3, bias=False, device=META) for _ in range(n)]
    assert receptive_field([conv(3) for _ in range(n)]) == 2 * n + 1
    return n_params(single) - n_params(*stack)


def _bn_running_mean(e):
    bn = nn.BatchNorm2d(1)
    bn.train()
    batch = (e["m"] + torch.tensor([-1.0, 1.0])).view(2, 1, 1, 1)
    for _ in range(e["n"]):
        bn(batch)
    return float(bn.running_mean[0])


def _efficientnet_flops(e):
    # MACs of a stride-1 3x3 conv stack: layers * side^2 * 9 * width^2, scaled continuously
    base_layers, base_width, base_side = 10.0, 32.0, 224.0
    phi = e["phi"]
    scaled = (base_layers * 1.2**phi) * (base_side * 1.15**phi) ** 2 * 9 * (base_width * 1.1**phi) ** 2
    return scaled / (base_layers * base_side**2 * 9 * base_width**2)


def _bn_params(e):
    bn = nn.BatchNorm2d(e["c"])
    buffers = sum(b.numel() for name, b in bn.named_buffers() if name != "num_batches_tracked")
    assert buffers == 2 * e["c"]
    return n_params(bn)


def _one_by_one(e):
    c = nn.Conv2d(e["cin"], e["cout"], 1, device=META)
    assert n_params(c) == n_params(nn.Linear(e["cin"], e["cout"], device=META))
    return n_params(c)


def _sigmoid_grad(x: float) -> float:
    t = torch.tensor(float(x), dtype=torch.float64, requires_grad=True)
    torch.sigmoid(t).backward()
    return float(t.grad)


def _sobel_centre(a: float, b: float) -> float:
    patch = torch.tensor([[a, 50.0, b]] * 3, dtype=torch.float64)[None, None]
    kernel = torch.tensor([[-1.0, 0, 1], [-2, 0, 2], [-1, 0, 1]], dtype=torch.float64)[None, None]
    return float(torch.nn.functional.conv2d(patch, kernel)[0, 0, 0, 0])


PARAMETRIC = {
    # cnn
    "cnn-rf-n-3x3": lambda e: receptive_field([conv(3) for _ in range(e["n"])]),
    "cnn-rf-three-layer": _rf_three,
    "cnn-conv-output-size": lambda e: out_side(
        nn.Conv2d(1, 1, e["k"], stride=e["s"], padding=e["p"], dilation=e["d"]), e["h"]),
    "cnn-pool-output-size": lambda e: out_side(nn.MaxPool2d(e["k"], e["s"], e["p"]), e["h"]),
    "cnn-transposed-conv-output": lambda e: out_side(
        nn.ConvTranspose2d(1, 1, e["k"], stride=e["s"], padding=e["p"],
                           output_padding=e["op"], dilation=e["d"]), e["h"]),
    "cnn-conv-params-bias": lambda e: n_params(nn.Conv2d(e["cin"], e["cout"], e["k"], device=META)),
    "cnn-conv-bn-params": lambda e: n_params(
        nn.Conv2d(e["cin"], e["cout"], e["k"], bias=False, device=META), nn.BatchNorm2d(e["cout"])),
    "cnn-bn-learnable-params": _bn_params,
    "cnn-1x1-conv-params": _one_by_one,
    "cnn-grouped-conv-params": lambda e: n_params(
        nn.Conv2d(e["cin"], e["cout"], e["k"], groups=e["g"], bias=False, device=META)),
    "cnn-dwsep-params": lambda e: n_params(
        nn.Conv2d(e["cin"], e["cin"], e["k"], groups=e["cin"], bias=False, device=META),
        nn.Conv2d(e["cin"], e["cout"], 1, bias=False, device=META)),
    "cnn-dwsep-cost-ratio": _dwsep_ratio,
    "cnn-conv-macs": _conv_macs,
    "cnn-stacked-3x3-vs-large": _stacked_saving,
    "cnn-efficientnet-flops-factor": _efficientnet_flops,
    "cnn-bn-running-mean": _bn_running_mean,
    "cnn-act-sigmoid-grad-at": lambda e: _sigmoid_grad(e["x"]),
    "cnn-sobel-response": lambda e: _sobel_centre(e["a"], e["b"]),
}


def _non_param_values() -> dict[str, float]:
    inception = (conv_macs(nn.Conv2d(192, 16, 1, bias=False, device=META), 28)
                 + conv_macs(nn.Conv2d(16, 32, 5, padding=2, bias=False, device=META), 28))
    return {
        "cnn-rf-vgg-block": receptive_field(
            [conv(3), conv(3), nn.AvgPool2d(2, 2), conv(3), conv(3)]),
        "cnn-alexnet-conv1-output": out_side(nn.Conv2d(3, 96, 11, stride=4), 227, channels=3),
        "cnn-resnet-bottleneck-weights": n_params(
            nn.Conv2d(256, 64, 1, bias=False), nn.Conv2d(64, 64, 3, padding=1, bias=False),
            nn.Conv2d(64, 256, 1, bias=False)),
        "cnn-inception-5x5-reduce-macs": inception / 1e6,
        "cnn-act-sigmoid-grad-max": max(_sigmoid_grad(x / 100) for x in range(-500, 501)),
        "cnn-median-3x3-value": float(np.median([12, 255, 14, 13, 0, 15, 11, 16, 13])),
    }


NON_PARAMETRIC = _non_param_values()

NOT_RECOMPUTABLE: dict[str, str] = {}


# ---------------------------------------------------------------- tests
@pytest.mark.parametrize("qid", sorted(PARAMETRIC))
def test_parametric_answer_matches_torch(qid):
    q = QUESTIONS[qid]
    assert q["type"] == "numeric" and "params" in q, qid
    for env in combos(q):
        bank = bank_value(q, env)
        expected = float(PARAMETRIC[qid](env))
        assert close(q, bank, expected), f"{qid} with {env}: bank says {bank}, computed {expected}"


@pytest.mark.parametrize("qid", sorted(NON_PARAMETRIC))
def test_fixed_answer_matches_recomputation(qid):
    q = QUESTIONS[qid]
    assert q["type"] == "numeric" and "params" not in q, qid
    expected = float(NON_PARAMETRIC[qid])
    assert close(q, bank_value(q), expected), f"{qid}: bank {q['answer']}, computed {expected}"


def test_every_numeric_question_is_checked():
    # segmentation numbers are recomputed in test_segmentation_numbers.py
    numeric = {qid for qid, q in QUESTIONS.items() if q["type"] == "numeric" and not qid.startswith("seg-")}
    checked = set(PARAMETRIC) | set(NON_PARAMETRIC) | set(NOT_RECOMPUTABLE)
    # cnn numerics of the second edition are recomputed (and held complete) in test_cnn_numbers_more.py
    assert {q for q in numeric - checked if not q.startswith("cnn-")} == set(), \
        "numeric questions without a recomputation"
    assert checked - numeric == set(), "checks for questions that are not numeric"


def test_bank_sizes_and_mix():
    for file, minimum, min_parametric in (("cnn.yaml", 34, 10), ("segmentation.yaml", 28, 5)):
        qs = list(BANKS[file].values())
        assert len(qs) >= minimum
        assert len({q["type"] for q in qs}) >= 4
        auto = sum(q["type"] != "open" for q in qs)
        assert auto / len(qs) >= 0.4
        assert sum("params" in q for q in qs) >= min_parametric


# ---- non-numeric answers that can still be checked by running code
def seed_filter2d(image, kernel):
    """The seed's filter2d, verbatim in behaviour (valid-mode cross-correlation)."""
    kh, kw = kernel.shape
    oh, ow = image.shape[0] - kh + 1, image.shape[1] - kw + 1
    out = np.zeros((oh, ow))
    for i in range(oh):
        for j in range(ow):
            out[i, j] = np.sum(image[i:i + kh, j:j + kw] * kernel)
    return out


def test_filter2d_mcq_answer():
    image = np.array([[1, 2, 3], [4, 5, 6], [7, 8, 9]])
    kernel = np.array([[1, 0], [0, -1]])
    q = QUESTIONS["cnn-filter2d-seed-output"]
    got = seed_filter2d(image, kernel)
    assert q["answer"] == str(got.astype(int).tolist())
    # true convolution flips the kernel: that is the distractor [[4, 4], [4, 4]]
    flipped = seed_filter2d(image, kernel[::-1, ::-1])
    assert str(flipped.astype(int).tolist()) in q["choices"] and not np.array_equal(flipped, got)
    # and torch's conv2d agrees with filter2d (no flip)
    t = torch.nn.functional.conv2d(torch.tensor(image, dtype=torch.float64)[None, None],
                                   torch.tensor(kernel, dtype=torch.float64)[None, None])
    assert np.array_equal(t[0, 0].numpy(), got)


def test_channel_shuffle_mcq_answer():
    g, n = 3, 2
    x = torch.arange(g * n).view(1, g * n, 1, 1)
    shuffled = x.view(1, g, n, 1, 1).transpose(1, 2).reshape(1, g * n, 1, 1).flatten().tolist()
    assert QUESTIONS["cnn-channel-shuffle-order"]["answer"] == ", ".join(map(str, shuffled))


def test_seed_net_bugs():
    class SeedNet(nn.Module):  # the seed's code, with only nn.Linear given its in_features
        def __init__(self, input_channel, output_channel):
            super().__init__()
            self.conv = nn.Conv2d(input_channel, output_channel, kernel_size=3, stride=1, padding=0, bias=False),  # noqa: E501
            self.relu = nn.ReLU(inplace=True),
            self.bn = nn.BatchNorm2d(output_channel)

        def forward(self, x):
            return self.bn(self.relu(self.conv(x)))

    net = SeedNet(3, 8)
    assert isinstance(net.conv, tuple)
    assert n_params(net) == 2 * 8  # the conv weights are not registered
    with pytest.raises(TypeError, match="'tuple' object is not callable"):
        net(torch.zeros(1, 3, 8, 8))
    with pytest.raises(TypeError):
        nn.Linear(8)  # the seed's nn.Linear(output_channel)


SEED_DIR = Path(__file__).parents[3] / "shared" / "seeds"  # ../shared/seeds beside the checkout
COVERAGE = Path(__file__).parents[1] / "seed_coverage" / "cnn_segmentation.yaml"


@pytest.mark.skipif(not SEED_DIR.is_dir(), reason="seed documents not available")
def test_seed_coverage_items_exist():
    entries = yaml.safe_load(COVERAGE.read_text(encoding="utf-8"))
    for entry in entries:
        text = (SEED_DIR / entry["seed"]).read_text(encoding="utf-8")
        assert entry["item"] in text, entry["item"]
        for qid in entry["covered_by"]:
            assert qid in QUESTIONS, qid
