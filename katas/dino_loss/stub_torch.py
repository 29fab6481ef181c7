"""Kata `dino_loss`: DINO's self-distillation loss and center update, in PyTorch.

Check it with `prep kata dino_loss`.
"""

import torch


def dino_loss(student_out: torch.Tensor, teacher_out: torch.Tensor, center: torch.Tensor,
              n_global_crops: int = 2, student_temp: float = 0.1, teacher_temp: float = 0.04,
              center_momentum: float = 0.9) -> tuple[torch.Tensor, torch.Tensor]:
    """student_out (S*B, K), teacher_out (T*B, K) with T = n_global_crops, center (1, K).

    Return (loss, new_center): the cross-entropy between the centred, sharpened, detached
    teacher softmax and the student log-softmax, averaged over every (teacher crop, student
    crop) pair of different crops; new_center = m * center + (1 - m) * mean of teacher_out rows.
    """
    raise NotImplementedError("write dino_loss() here")
