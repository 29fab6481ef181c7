def receptive_field(layers):
    """Forgets the dilation."""
    r, jump = 1, 1
    for layer in layers:
        if len(layer) not in (2, 3):
            raise ValueError("bad layer")
        k, s = layer[0], layer[1]
        d = layer[2] if len(layer) == 3 else 1
        if min(k, s, d) < 1:
            raise ValueError("bad layer")
        r += (k - 1) * jump
        jump *= s
    return r
