def receptive_field(layers):
    """Correct, but recomputes the product of all earlier strides for every layer: O(L^2)."""
    r = 1
    for i, layer in enumerate(layers):
        if len(layer) not in (2, 3):
            raise ValueError("a layer is (kernel, stride[, dilation])")
        k, s = layer[0], layer[1]
        d = layer[2] if len(layer) == 3 else 1
        if k < 1 or s < 1 or d < 1:
            raise ValueError("kernel, stride and dilation must be >= 1")
        jump = 1
        for earlier in layers[:i]:
            jump *= earlier[1]
        r += (k - 1) * d * jump
    return r
