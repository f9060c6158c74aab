"""Wrong: takes the reference gradient from autograd instead of finite differences."""

from collections.abc import Callable

import torch
from torch import Tensor

# Same contracts as your exercises 1 and 2 (paste yours here instead if you like).
from tutor.testing import numeric_gradient, relative_error

BackwardFn = Callable[..., dict[str, Tensor]]


def mlp_loss(x: Tensor, y: Tensor, params: dict[str, Tensor]) -> Tensor:
    """mean((sigmoid(x @ W1 + b1) @ W2 + b2 − y)²): the loss mlp_backward differentiates (given)."""
    h = torch.sigmoid(x @ params["W1"] + params["b1"])
    return ((h @ params["W2"] + params["b2"] - y) ** 2).mean()



def gradient_check(backward_fn: BackwardFn, x: Tensor, y: Tensor,
                   params: dict[str, Tensor]) -> dict[str, float]:
    analytic = backward_fn(x, y, **params)
    leaves = {k: v.detach().clone().requires_grad_(True) for k, v in params.items()}
    mlp_loss(x, y, leaves).backward()
    return {k: relative_error(analytic[k], leaves[k].grad) for k in params}
