"""Lesson 11, exercise 3: batch normalisation by hand."""

import torch


def batch_norm(X: torch.Tensor, gamma: torch.Tensor, beta: torch.Tensor,
               running_mean: torch.Tensor, running_var: torch.Tensor, eps: float = 1e-5,
               momentum: float = 0.1, training: bool = True,
               ) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """Compute what nn.BatchNorm1d / nn.BatchNorm2d compute, and their running-stat update.

    Statistics are per channel (dim 1): over dim 0 for X of shape (N, C), over
    dims (0, 2, 3) for X of shape (N, C, H, W).

    training=True:
        Y = gamma * (X - mean) / sqrt(var + eps) + beta, with this batch's mean and
        BIASED variance (divide by m, the number of values per channel);
        new_running_mean = (1 - momentum) * running_mean + momentum * mean
        new_running_var  = (1 - momentum) * running_var + momentum * unbiased_var
        (unbiased: divide by m - 1).
    training=False:
        Y = gamma * (X - running_mean) / sqrt(running_var + eps) + beta; the running
        statistics are returned unchanged.

    Args:
        X: shape (N, C) or (N, C, H, W), floating point.
        gamma, beta: shape (C,), the scale and shift.
        running_mean, running_var: shape (C,). Do not modify them in place: return
            new tensors.

    Returns:
        (Y, new_running_mean, new_running_var): Y shaped like X, the others (C,),
        on X's device and dtype.

    Rules: no F.batch_norm / torch.batch_norm (nor nn.BatchNorm layers, which call it).

    Example:
        >>> Y, rm, rv = batch_norm(torch.tensor([[1.], [3.]]), torch.ones(1), torch.zeros(1),
        ...                        torch.zeros(1), torch.ones(1))
        >>> Y    # mean 2, biased variance 1
        tensor([[-1.0000],
                [ 1.0000]])
        >>> rm, rv    # 0.9 * 0 + 0.1 * 2 = 0.2; unbiased variance 2: 0.9 * 1 + 0.1 * 2 = 1.1
        (tensor([0.2000]), tensor([1.1000]))
    """
    # TODO: pick the dims, compute the statistics, normalise, scale and shift.
    raise NotImplementedError("batch_norm: not written yet")
