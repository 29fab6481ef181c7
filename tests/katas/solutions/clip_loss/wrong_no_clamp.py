import torch
import torch.nn.functional as F


def clip_loss(image_emb, text_emb, logit_scale):
    if image_emb.shape != text_emb.shape:
        raise ValueError("shape mismatch")
    image, text = F.normalize(image_emb, dim=1), F.normalize(text_emb, dim=1)
    logits = logit_scale.exp() * image @ text.T  # no clip at 100
    labels = torch.arange(len(logits))
    return (F.cross_entropy(logits, labels) + F.cross_entropy(logits.T, labels)) / 2
