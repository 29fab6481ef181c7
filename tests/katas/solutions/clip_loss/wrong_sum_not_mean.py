import torch
import torch.nn.functional as F


def clip_loss(image_emb, text_emb, logit_scale):
    if image_emb.shape != text_emb.shape:
        raise ValueError("shape mismatch")
    image, text = F.normalize(image_emb, dim=1), F.normalize(text_emb, dim=1)
    logits = logit_scale.exp().clamp(max=100) * image @ text.T
    labels = torch.arange(len(logits))
    return (F.cross_entropy(logits, labels, reduction="sum")
            + F.cross_entropy(logits.T, labels, reduction="sum")) / 2
