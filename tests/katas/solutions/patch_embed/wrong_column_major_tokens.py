import torch


def patch_embed(images, weight, bias, cls_token, pos_embed):
    B, C, H, W = images.shape
    D, _, P, _ = weight.shape
    if H % P or W % P:
        raise ValueError("H and W must be divisible by the patch size")
    h, w = H // P, W // P
    if pos_embed.shape[1] != h * w + 1:
        raise ValueError("pos_embed must have N + 1 rows")
    # patchify in (channel, row, column) order to match the conv weight, then a linear layer
    patches = images.reshape(B, C, h, P, w, P).permute(0, 4, 2, 1, 3, 5).reshape(B, h * w, C * P * P)
    tokens = patches @ weight.reshape(D, -1).T + bias  # (B, N, D)
    tokens = torch.cat([cls_token.expand(B, 1, D), tokens], dim=1)
    return tokens + pos_embed
