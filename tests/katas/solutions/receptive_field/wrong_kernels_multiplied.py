def receptive_field(layers):
    """Multiplies the kernel sizes."""
    r = 1
    for layer in layers:
        if len(layer) not in (2, 3) or min(layer) < 1:
            raise ValueError("bad layer")
        r *= layer[0]
    return r
