"""Cases, known mistakes and timing inputs for the `receptive_field` kata (plain Python ints).

Every case's field fits a signed 64-bit integer (the statement promises it; a result is sent
back as an int64), but the product of all the strides of the long stacks does not.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

MISTAKES_FRAMEWORK = "numpy"


def _kd(layer: Any) -> tuple[int, int, int]:
    return int(layer[0]), int(layer[1]), int(layer[2]) if len(layer) == 3 else 1


def _rf(layers: list, own_stride: bool = False, dilation: bool = True, start: int = 1,
        strides: bool = True, eff: str = "k-1", floats: bool = False) -> int:
    r, jump = (float(start), 1.0) if floats else (start, 1)
    for layer in layers:
        k, s, d = _kd(layer)
        if own_stride and strides:
            jump *= s
        ext = {"k-1": (k - 1) * (d if dilation else 1), "k*d-1": k * d - 1}[eff]
        r += ext * jump
        if not own_stride and strides:
            jump *= s
    return int(r)


INT64_MAX = 2**63 - 1


def _fits(fn: Any) -> Any:
    """A mistake whose value does not fit int64 does not apply to that case (it could not be
    compared with an int64 result)."""
    def wrapped(layers: list) -> int:
        v = fn(layers)
        if not -INT64_MAX - 1 <= v <= INT64_MAX:
            raise OverflowError("does not fit int64")
        return v
    return wrapped


MISTAKES = [
    ("own-stride-in-jump", "a layer's own stride multiplies its contribution: the jump of layer l "
     "is the product of the strides of the layers *before* it", lambda L: _rf(L, own_stride=True)),
    ("dilation-ignored", "the dilation is ignored: a k x k kernel with dilation d spans "
     "(k - 1) * d + 1 pixels", lambda L: _rf(L, dilation=False)),
    ("dilated-extent-k-times-d", "the dilated kernel's extent is taken as k * d; it spans "
     "(k - 1) * d + 1 pixels", lambda L: _rf(L, eff="k*d-1")),
    ("starts-at-zero", "off by one: the field starts at 1 (a single pixel sees itself), not 0",
     lambda L: _rf(L, start=0)),
    ("strides-ignored", "the strides are ignored: every later layer's kernel counts in "
     "input pixels multiplied by the strides before it", lambda L: _rf(L, strides=False)),
    ("kernels-multiplied", "the kernel sizes are multiplied; receptive fields grow additively: "
     "r += (k - 1) * jump", lambda L: math.prod(_kd(x)[0] for x in L)),
    ("float-arithmetic", "the field is accumulated in floats: above 2^53 a float64 cannot hold "
     "every integer (2^62 + 1 rounds to 2^62); keep Python ints (or int64) throughout",
     lambda L: _rf(L, floats=True)),
]
MISTAKES = [(mid, msg, _fits(fn)) for mid, msg, fn in MISTAKES]


def _case(name: str, kind: str, layers: list, **extra: Any) -> dict:
    return {"name": name, "kind": kind, "args": [[tuple(int(v) for v in x) for x in layers]],
            "kwargs": {}, **extra}


def compare(case: dict, expected: np.ndarray, got: np.ndarray) -> tuple[bool, str, float | None]:
    """Exact integer equality, in integers: through float64, 2^62 + 1 would equal 2^62."""
    if got.shape != expected.shape:
        return False, f"expected a single integer, got shape {got.shape}", None
    if got.dtype.kind not in "iu":
        return False, f"returned a {got.dtype} value; expected an integer (int)", None
    e, g = int(expected), int(got)
    if e != g:
        return False, f"got {g}, expected {e} (off by {g - e})", float(abs(g - e))
    return True, "", 0.0


VGG16 = [(3, 1)] * 2 + [(2, 2)] + [(3, 1)] * 2 + [(2, 2)] + [(3, 1)] * 3 + [(2, 2)] \
    + [(3, 1)] * 3 + [(2, 2)] + [(3, 1)] * 3 + [(2, 2)]


def public_cases() -> list[dict]:
    return [
        _case("two 3x3 convs, stride 1", "public", [(3, 1), (3, 1)]),  # 5
        _case("conv 3x3 s1, maxpool 2x2 s2, conv 3x3 s1", "public", [(3, 1), (2, 2), (3, 1)]),  # 8
        _case("ResNet stem: 7x7 s2, maxpool 3x3 s2, then a dilated 3x3 (d = 2)", "public",
              [(7, 2), (3, 2), (3, 1, 2)]),  # 1 + 6 + 2*2 + 2*2*4 = 27
    ]


def _random_layers(rng: np.random.Generator, n: int, p_stride2: float) -> list:
    out: list[tuple[int, ...]] = []
    for _ in range(n):
        k = int(rng.choice([1, 2, 3, 5, 7]))
        s = 2 if rng.random() < p_stride2 else 1
        if rng.random() < 0.3:
            out.append((k, s, int(rng.choice([1, 2, 4]))))
        else:
            out.append((k, s))
    return out


def hidden_cases(rng: np.random.Generator) -> list[dict]:
    cases = []
    for n in (4, 7, 12, 20):
        cases.append(_case(f"random stack of {n} layers", "random", _random_layers(rng, n, 0.3)))
    cases += [
        _case("VGG-16 conv5 (with the last pool)", "random", VGG16),
        _case("no layers: one pixel", "edge", []),
        _case("one 1x1 conv", "edge", [(1, 1)]),
        _case("one 5x5 conv, stride 3", "edge", [(5, 3)]),
        _case("stride-only layers (1x1 kernels, stride 2)", "edge", [(1, 2)] * 4 + [(3, 1)]),
        _case("dilated 3x3 stack (WaveNet-like, d = 1, 2, 4, 8)", "edge",
              [(3, 1, 1), (3, 1, 2), (3, 1, 4), (3, 1, 8)]),
        _case("kernel 2, stride 2 pooling pyramid", "edge", [(2, 2)] * 5),
        _case("stride larger than the kernel", "edge", [(1, 4), (3, 3), (2, 1)]),
        _case("mixed 2- and 3-tuples, lists", "edge", [[3, 2], [3, 1, 3], [5, 1]]),
        # long stacks: 1 + sum over l of 2^(l-1) = 2^62 (the known mistakes stay below 2^63)
        _case("62 layers (2, 2): the field is 2^62", "edge", [(2, 2)] * 62),
        _case("then 10 more (1, 2) layers: the strides' product (2^72) overflows int64, the "
              "field does not", "edge", [(2, 2)] * 62 + [(1, 2)] * 10),
        _case("62 stride-2 1x1 layers, a 2x2, 8 more stride-2 1x1: the field is 2^62 + 1", "edge",
              [(1, 2)] * 62 + [(2, 1)] + [(1, 2)] * 8),
        _case("a kernel of 0 raises ValueError", "edge", [(3, 1), (0, 1)], raises="ValueError"),
        _case("a stride of 0 raises ValueError", "edge", [(3, 0)], raises="ValueError"),
        _case("a dilation of 0 raises ValueError", "edge", [(3, 1, 0)], raises="ValueError"),
        _case("a layer of 4 numbers raises ValueError", "edge", [(3, 1, 1, 1)], raises="ValueError"),
    ]
    return cases


def timing_input(n: int, rng: np.random.Generator) -> tuple[list, dict]:
    """A very deep plain network: n layers, about 24 of them with stride 2."""
    layers = _random_layers(rng, n, 0.0)
    for i in rng.choice(n, size=24, replace=False):
        k, _, *d = layers[i]
        layers[i] = (k, 2, *d)
    return [layers], {}
