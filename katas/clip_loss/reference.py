"""Hidden reference for the `clip_loss` kata: CLIP's symmetric InfoNCE loss
(Radford et al., arXiv:2103.00020, Figure 3; the logit scale as in OpenAI's and open_clip's code)."""

from __future__ import annotations

import torch
import torch.nn.functional as F

MAX_SCALE = 100.0  # CLIP clips the learned scale at 100 to keep training stable


def clip_loss_torch(image_emb: torch.Tensor, text_emb: torch.Tensor,
                    logit_scale: torch.Tensor) -> torch.Tensor:
    """Symmetric cross-entropy over the N x N image-text similarities of a batch.

    Args:
        image_emb (Tensor[N, D]): image embeddings (any norm).
        text_emb (Tensor[N, D]): text embeddings; row i matches row i of image_emb, every
            other row is a negative.
        logit_scale (Tensor[]): the learned log inverse temperature; the cosine similarities are
            multiplied by exp(logit_scale), clamped at 100 (CLIP initialises it to log(1 / 0.07)).

    Returns:
        Tensor[]: (CE(image -> text) + CE(text -> image)) / 2, each averaged over the N pairs;
        differentiable w.r.t. all three inputs, finite in float32 at scale 100.

    Raises:
        ValueError: the embeddings are not both (N, D) with the same N and D.
    """
    if image_emb.dim() != 2 or image_emb.shape != text_emb.shape:
        raise ValueError(f"image_emb and text_emb must both be (N, D), got "
                         f"{tuple(image_emb.shape)} and {tuple(text_emb.shape)}")
    image = F.normalize(image_emb, dim=1)  # [N, D]
    text = F.normalize(text_emb, dim=1)  # [N, D]
    scale = torch.clamp(logit_scale.exp(), max=MAX_SCALE)
    logits = scale * image @ text.T  # [N, N]: row = image, column = text
    labels = torch.arange(image.shape[0], device=image.device)
    return (F.cross_entropy(logits, labels) + F.cross_entropy(logits.T, labels)) / 2
