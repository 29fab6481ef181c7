import torch
import torch.nn.functional as F


def dino_loss(student_out, teacher_out, center, n_global_crops=2, student_temp=0.1,
              teacher_temp=0.04, center_momentum=0.9):
    k = teacher_out.shape[1]
    if center.shape != (1, k) or student_out.shape[1] != k or teacher_out.shape[0] % n_global_crops:
        raise ValueError("inconsistent shapes")
    b = teacher_out.shape[0] // n_global_crops
    if student_out.shape[0] % b:
        raise ValueError("student rows must be a multiple of B")
    n_crops = student_out.shape[0] // b
    if n_crops < n_global_crops or n_crops * n_global_crops - n_global_crops == 0:
        raise ValueError("need at least two crops")
    student = (student_out / student_temp).chunk(n_crops)
    teacher = F.softmax((teacher_out - center) / teacher_temp, dim=-1).chunk(n_global_crops)
    total, n_terms = 0.0, 0
    for iq, q in enumerate(teacher):  # the official DINOLoss loop over crop pairs
        for v in range(n_crops):
            if v == iq:
                continue
            total = total + torch.sum(-q * F.log_softmax(student[v], dim=-1), dim=-1).mean()
            n_terms += 1
    batch_center = teacher_out.detach().sum(dim=0, keepdim=True) / len(teacher_out)
    new_center = center * center_momentum + batch_center * (1 - center_momentum)
    return total / n_terms, new_center
