import torch
import torch.nn.functional as F


def clip_loss(image_emb, text_emb, logit_scale):
    if image_emb.shape != text_emb.shape:
        raise ValueError("shape mismatch")
    image, text = F.normalize(image_emb, dim=1), F.normalize(text_emb, dim=1)
    temperature = logit_scale.exp().clamp(max=100)
    logits = image @ text.T / temperature  # treats exp(logit_scale) as a temperature
    labels = torch.arange(len(logits))
    return (F.cross_entropy(logits, labels) + F.cross_entropy(logits.T, labels)) / 2
