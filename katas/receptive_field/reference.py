"""Hidden reference for the `receptive_field` kata: the receptive field of a stack of conv/pool
layers, one pass from the input to the output (plain Python ints)."""

from __future__ import annotations

from collections.abc import Sequence


def receptive_field_numpy(layers: Sequence[Sequence[int]]) -> int:
    """Receptive field, in input pixels, of one output unit of the last layer.

    ``r = 1 + sum_l (k_l - 1) * d_l * prod_{i < l} s_i``: layer l widens the field by its
    effective kernel extent minus one, ``(k_l - 1) * d_l``, measured in input pixels by the jump
    (the product of the strides of the layers *before* it; its own stride does not count).

    Args:
        layers: one ``(kernel, stride)`` or ``(kernel, stride, dilation)`` per layer, input
            first; ints >= 1. An empty list is the identity (receptive field 1).

    Returns:
        int: the receptive field side.

    Raises:
        ValueError: a layer is not 2 or 3 ints >= 1.
    """
    r, jump = 1, 1
    for layer in layers:
        if len(layer) not in (2, 3):
            raise ValueError(f"a layer is (kernel, stride) or (kernel, stride, dilation), got {layer!r}")
        k, s = int(layer[0]), int(layer[1])
        d = int(layer[2]) if len(layer) == 3 else 1
        if k < 1 or s < 1 or d < 1:
            raise ValueError(f"kernel, stride and dilation must be >= 1, got {layer!r}")
        r += (k - 1) * d * jump
        jump *= s
    return r
