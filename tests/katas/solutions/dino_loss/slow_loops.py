import torch


def dino_loss(student_out, teacher_out, center, n_global_crops=2, student_temp=0.1,
              teacher_temp=0.04, center_momentum=0.9):
    k = teacher_out.shape[1]
    if center.shape != (1, k) or student_out.shape[1] != k or teacher_out.shape[0] % n_global_crops:
        raise ValueError("inconsistent shapes")
    b = teacher_out.shape[0] // n_global_crops
    if student_out.shape[0] % b:
        raise ValueError("student rows must be a multiple of B")
    n_crops = student_out.shape[0] // b
    if n_crops < n_global_crops or n_crops == 1:
        raise ValueError("need at least two crops")
    teacher_out = teacher_out.detach()
    total, n_terms = 0.0, 0
    for iq in range(n_global_crops):
        for v in range(n_crops):
            if v == iq:
                continue
            for i in range(b):  # one image at a time
                t = (teacher_out[iq * b + i] - center[0]) / teacher_temp
                q = torch.exp(t - t.max())
                q = q / q.sum()
                s = student_out[v * b + i] / student_temp
                log_p = s - torch.logsumexp(s, dim=0)
                total = total - (q * log_p).sum() / b
            n_terms += 1
    mean = sum(teacher_out[r] for r in range(teacher_out.shape[0])) / teacher_out.shape[0]
    return total / n_terms, center * center_momentum + mean[None] * (1 - center_momentum)
