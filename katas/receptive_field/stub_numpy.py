"""Kata `receptive_field`: the receptive field of a stack of conv / pooling layers (plain Python).

Check it with `prep kata receptive_field`.
"""


def receptive_field(layers: list) -> int:
    """layers: [(kernel, stride) or (kernel, stride, dilation), ...], input first -> int.

    The side, in input pixels, of the region one output unit of the last layer sees:
    r = 1 + sum over l of (k_l - 1) * d_l * (product of the strides of the layers before l).
    Raise ValueError for a layer that is not 2 or 3 ints >= 1. One pass: the check gives you
    thousands of layers.
    """
    raise NotImplementedError("write receptive_field() here")
