import torch
import torch.nn.functional as F


def patch_embed(images, weight, bias, cls_token, pos_embed):
    B, C, H, W = images.shape
    D, _, P, _ = weight.shape
    if H % P or W % P:
        raise ValueError("H and W must be divisible by the patch size")
    if pos_embed.shape[1] != (H // P) * (W // P) + 1:
        raise ValueError("pos_embed must have N + 1 rows")
    x = F.conv2d(images, weight, bias, stride=P)
    x = x.flatten(2).transpose(1, 2)
    x = torch.cat([x, cls_token.expand(B, -1, -1)], dim=1)
    return x + pos_embed
