import torch
import torch.nn.functional as F


def clip_loss(image_emb, text_emb, logit_scale):
    if image_emb.shape != text_emb.shape:
        raise ValueError("shape mismatch")
    logits = logit_scale.exp().clamp(max=100) * image_emb @ text_emb.T  # dot products, not cosines
    labels = torch.arange(len(logits))
    return (F.cross_entropy(logits, labels) + F.cross_entropy(logits.T, labels)) / 2
