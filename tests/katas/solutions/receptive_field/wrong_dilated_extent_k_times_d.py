def receptive_field(layers):
    """Backwards from one output unit: r_in = s * r_out + (k_eff - s), k_eff = (k - 1) * d + 1."""
    parsed = []
    for layer in layers:
        if len(layer) == 2:
            k, s = layer
            d = 1
        elif len(layer) == 3:
            k, s, d = layer
        else:
            raise ValueError("a layer is (kernel, stride[, dilation])")
        if k < 1 or s < 1 or d < 1:
            raise ValueError("kernel, stride and dilation must be >= 1")
        parsed.append((k, s, d))
    r = 1
    for k, s, d in reversed(parsed):
        r = s * r + (k * d - s)  # a dilated kernel spans k * d pixels
    return r
