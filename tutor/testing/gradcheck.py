"""Gradient checking: float64 central differences and relative-error bands.

The bands follow CS231n's advice: a relative error above 1e-2 means the
gradient is wrong, below 1e-7 it is right; in between depends on kinks (ReLU,
max) and on float precision.
"""

from __future__ import annotations

from collections.abc import Callable

import torch

WRONG_ABOVE = 1e-2
GOOD_BELOW = 1e-7


def numeric_gradient(f: Callable[[torch.Tensor], torch.Tensor], x: torch.Tensor,
                     eps: float = 1e-6) -> torch.Tensor:
    """Central differences ``(f(x + eps·e_i) − f(x − eps·e_i)) / 2eps`` for every element.

    ``f`` must return a scalar. ``x`` is perturbed in place and restored, so it is
    unchanged afterwards. Costs 2·numel evaluations of ``f``.
    """
    grad = torch.zeros_like(x, dtype=torch.float64)
    flat_x = x.detach().view(-1) if x.is_contiguous() else None
    if flat_x is None:
        raise ValueError("numeric_gradient needs a contiguous x")
    flat_grad = grad.view(-1)
    with torch.no_grad():
        for i in range(flat_x.numel()):
            saved = flat_x[i].item()
            flat_x[i] = saved + eps
            plus = float(f(x))
            flat_x[i] = saved - eps
            minus = float(f(x))
            flat_x[i] = saved
            flat_grad[i] = (plus - minus) / (2 * eps)
    return grad


def relative_error(a: torch.Tensor, b: torch.Tensor) -> float:
    """``max|a − b| / max(|a| + |b|)``, 0.0 when both are all zeros."""
    a64, b64 = a.detach().double(), b.detach().double()
    denominator = (a64.abs() + b64.abs()).max().item() if a64.numel() else 0.0
    if denominator == 0.0:
        return 0.0
    return (a64 - b64).abs().max().item() / denominator


def verdict(error: float) -> str:
    """Words for a relative error: ``good``, ``suspicious`` or ``wrong``."""
    if error > WRONG_ABOVE:
        return "wrong"
    if error < GOOD_BELOW:
        return "good"
    return "suspicious"


def assert_gradient(analytic: torch.Tensor, numeric: torch.Tensor, *, name: str,
                    tolerance: float = 1e-6) -> None:
    """Fail with the relative error, its band and the worst element when they disagree."""
    if tuple(analytic.shape) != tuple(numeric.shape):
        raise AssertionError(f"the gradient for {name} has shape {tuple(analytic.shape)}; "
                             f"it must have the shape of {name}: {tuple(numeric.shape)}.")
    error = relative_error(analytic, numeric)
    if error <= tolerance:
        return
    diff = (analytic.detach().double() - numeric.detach().double()).abs().flatten()
    worst = int(diff.argmax())
    raise AssertionError(
        f"the gradient for {name} disagrees with finite differences: relative error "
        f"{error:.2e} ({verdict(error)}; allowed {tolerance:.0e}). Worst element #{worst}: "
        f"yours {analytic.flatten()[worst].item():.6g}, numeric "
        f"{numeric.flatten()[worst].item():.6g}.")
