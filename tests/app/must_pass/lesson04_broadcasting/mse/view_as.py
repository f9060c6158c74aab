"""Bring y to y_hat's (N, 1) layout with view and take ((d) ** 2).mean()."""

import torch


def mse(y_hat: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    shapes_ok = [t.dim() in (1, 2) and (t.dim() == 1 or t.shape[-1] == 1) for t in (y_hat, y)]
    if not all(shapes_ok):
        raise ValueError("each argument must have shape (N,) or (N, 1)")
    if y_hat.shape[0] != y.shape[0]:
        raise ValueError("y_hat and y differ in length")
    d = y_hat.view(-1, 1) - y.view(-1, 1)
    return (d ** 2).mean()
