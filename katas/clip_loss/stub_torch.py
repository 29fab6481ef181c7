"""Kata `clip_loss`: CLIP's symmetric image-text contrastive loss, in PyTorch.

Check it with `prep kata clip_loss`.
"""

import torch


def clip_loss(image_emb: torch.Tensor, text_emb: torch.Tensor,
              logit_scale: torch.Tensor) -> torch.Tensor:
    """image_emb (N, D), text_emb (N, D), logit_scale () -> scalar loss.

    Row i of each is a matching pair. logit_scale is the learned log inverse temperature:
    the cosine similarities are multiplied by min(exp(logit_scale), 100). Return the mean of the
    image->text and text->image cross-entropies. Raise ValueError when the shapes differ.
    """
    raise NotImplementedError("write clip_loss() here")
