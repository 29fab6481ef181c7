import torch


def clip_loss(image_emb, text_emb, logit_scale):
    if image_emb.shape != text_emb.shape or image_emb.dim() != 2:
        raise ValueError("image_emb and text_emb must both be (N, D)")
    image = image_emb / image_emb.norm(dim=-1, keepdim=True)
    text = text_emb / text_emb.norm(dim=-1, keepdim=True)
    scale = logit_scale.clamp(max=100).exp()  # CLIP clamps at 100
    logits_per_image = scale * image @ text.t()
    logits_per_text = logits_per_image.t()
    labels = torch.arange(len(image))
    log_p_i = logits_per_image - logits_per_image.logsumexp(dim=1, keepdim=True)
    log_p_t = logits_per_text - logits_per_text.logsumexp(dim=1, keepdim=True)
    return -(log_p_i[labels, labels].mean() + log_p_t[labels, labels].mean()) / 2
