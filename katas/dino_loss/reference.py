"""Hidden reference for the `dino_loss` kata: DINO's loss and center update (Caron et al.,
arXiv:2104.14294; facebookresearch/dino main_dino.py ``DINOLoss``), one process, vectorised over
the crop pairs."""

from __future__ import annotations

import torch
import torch.nn.functional as F


def dino_loss_torch(student_out: torch.Tensor, teacher_out: torch.Tensor, center: torch.Tensor,
                    n_global_crops: int = 2, student_temp: float = 0.1,
                    teacher_temp: float = 0.04,
                    center_momentum: float = 0.9) -> tuple[torch.Tensor, torch.Tensor]:
    """Cross-view self-distillation loss and the EMA update of the teacher center.

    Args:
        student_out (Tensor[S*B, K]): student head outputs for S crops of B images, crop-major
            (rows [v*B, (v+1)*B) are crop v); the first n_global_crops crops are the global
            views the teacher also sees, in the same order.
        teacher_out (Tensor[T*B, K]): teacher head outputs for the T = n_global_crops global
            crops, crop-major; a constant (no gradient reaches it).
        center (Tensor[1, K]): the running center of the teacher outputs.
        n_global_crops (int): T.
        student_temp, teacher_temp (float): softmax temperatures (the teacher's is lower:
            sharpening).
        center_momentum (float): m in new_center = m * center + (1 - m) * batch mean.

    Returns:
        loss (Tensor[]): mean over the T*S - T pairs (teacher crop iq, student crop v != iq) of
            the batch-mean cross-entropy -sum_k softmax((t - center) / teacher_temp)_k
            * log_softmax(s / student_temp)_k; differentiable w.r.t. student_out only.
        new_center (Tensor[1, K]): from the raw teacher outputs, without gradient.

    Raises:
        ValueError: shapes inconsistent with n_global_crops, or no pair of different crops.
    """
    if n_global_crops < 1 or teacher_out.dim() != 2 or student_out.dim() != 2:
        raise ValueError("student_out and teacher_out must be 2-D and n_global_crops >= 1")
    k = teacher_out.shape[1]
    if student_out.shape[1] != k or tuple(center.shape) != (1, k):
        raise ValueError(f"student_out, teacher_out and center must share K = {k} (center (1, K))")
    if teacher_out.shape[0] % n_global_crops:
        raise ValueError(f"teacher_out has {teacher_out.shape[0]} rows, not a multiple of "
                         f"n_global_crops = {n_global_crops}")
    b = teacher_out.shape[0] // n_global_crops
    if b == 0 or student_out.shape[0] % b or student_out.shape[0] // b < n_global_crops:
        raise ValueError(f"student_out must have S * B rows with S >= {n_global_crops}, B = {b}")
    n_s, n_t = student_out.shape[0] // b, n_global_crops
    n_terms = n_t * n_s - n_t  # pairs of different crops
    if n_terms == 0:
        raise ValueError("need at least two crops: there is no pair of different views")

    teacher = teacher_out.detach()
    q = F.softmax((teacher - center) / teacher_temp, dim=-1).reshape(n_t, b, k)  # [T, B, K]
    log_p = F.log_softmax(student_out / student_temp, dim=-1).reshape(n_s, b, k)  # [S, B, K]
    ce = -torch.einsum("tbk,sbk->ts", q, log_p) / b  # [T, S]: batch-mean CE per crop pair
    same_view = torch.eye(n_t, n_s, dtype=torch.bool, device=ce.device)  # v == iq
    loss = ce.masked_fill(same_view, 0.0).sum() / n_terms
    with torch.no_grad():
        new_center = center * center_momentum + teacher.mean(dim=0, keepdim=True) * (
            1 - center_momentum)
    return loss, new_center
