def receptive_field(layers):
    r, jump = 1.0, 1.0  # floats: 2**62 + 1 is not a float64
    for layer in layers:
        if len(layer) not in (2, 3):
            raise ValueError("a layer is (kernel, stride[, dilation])")
        k, s = layer[0], layer[1]
        d = layer[2] if len(layer) == 3 else 1
        if min(k, s, d) < 1:
            raise ValueError("kernel, stride and dilation must be >= 1")
        r += (k - 1) * d * jump
        jump *= s
    return int(r)
