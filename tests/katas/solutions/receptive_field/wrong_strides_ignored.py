def receptive_field(layers):
    """Adds k - 1 per layer, ignoring the strides."""
    r = 1
    for layer in layers:
        if len(layer) not in (2, 3):
            raise ValueError("bad layer")
        k, s = layer[0], layer[1]
        d = layer[2] if len(layer) == 3 else 1
        if min(k, s, d) < 1:
            raise ValueError("bad layer")
        r += (k - 1) * d
    return r
