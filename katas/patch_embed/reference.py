"""Hidden reference for the `patch_embed` kata: the ViT patch embedding (timm's PatchEmbed + CLS + pos)."""

from __future__ import annotations

import torch
import torch.nn.functional as F


def patch_embed_torch(
    images: torch.Tensor,
    weight: torch.Tensor,
    bias: torch.Tensor,
    cls_token: torch.Tensor,
    pos_embed: torch.Tensor,
) -> torch.Tensor:
    """Embed images as ViT tokens: patch projection, [CLS] token first, position embeddings.

    Args:
        images (Tensor[B, C, H, W]): H and W divisible by P.
        weight (Tensor[D, C, P, P]): the patch projection, a Conv2d(C, D, kernel_size=P,
            stride=P) weight; ``bias`` (Tensor[D]) its bias.
        cls_token (Tensor[1, 1, D]): the learnable [CLS] token.
        pos_embed (Tensor[1, N + 1, D]): position embeddings, N = (H/P) * (W/P); index 0 is
            the [CLS] token's, then the patches in row-major order.

    Returns:
        Tensor[B, N + 1, D]: token 0 is ``cls_token + pos_embed[:, 0]``, token 1 + i the
        embedding of patch i (row-major) plus ``pos_embed[:, 1 + i]``.
    """
    b, c, h, w = images.shape
    d, c_w, p, p2 = weight.shape
    if p != p2 or c_w != c:
        raise ValueError(f"weight must be (D, {c}, P, P) for {c}-channel images, got "
                         f"{tuple(weight.shape)}")
    if h % p or w % p:
        raise ValueError(f"image size {h}x{w} is not divisible by patch size {p}")
    n = (h // p) * (w // p)
    if tuple(pos_embed.shape) != (1, n + 1, d) or tuple(cls_token.shape) != (1, 1, d):
        raise ValueError(f"pos_embed must be (1, {n + 1}, {d}) and cls_token (1, 1, {d}) for "
                         f"{n} patches, got {tuple(pos_embed.shape)} and {tuple(cls_token.shape)}")
    x = F.conv2d(images, weight, bias, stride=p)  # [B, D, H/P, W/P]
    x = x.flatten(2).transpose(1, 2)  # [B, N, D], patches row-major
    x = torch.cat([cls_token.expand(b, -1, -1), x], dim=1)  # [B, N + 1, D]
    return x + pos_embed
