"""Wrong: forward differences (f(x + eps) - f(x)) / eps instead of central ones."""

import itertools
from collections.abc import Callable

import torch
from torch import Tensor

LossFn = Callable[[dict[str, Tensor]], Tensor]


def gradient_check(loss_fn: LossFn, params: dict[str, Tensor], grads: dict[str, Tensor],
                   eps: float = 1e-6) -> dict[str, float]:
    """Relative error between grads and float64 central differences of loss_fn, per parameter."""
    for name in params.keys() | grads.keys():
        if name not in grads or name not in params:
            raise ValueError(f"{name!r} is in only one of params and grads")
        if grads[name].shape != params[name].shape:
            raise ValueError(f"grads[{name!r}] has shape {tuple(grads[name].shape)}; "
                             f"params[{name!r}] has {tuple(params[name].shape)}")
    at = {name: p.detach().to(torch.float64, copy=True) for name, p in params.items()}
    errors = {}
    for name, x in at.items():
        numeric = torch.zeros_like(x)
        for index in itertools.product(*map(range, x.shape)):
            saved = x[index].item()
            x[index] = saved + eps
            plus = float(loss_fn(at))
            x[index] = saved
            minus = float(loss_fn(at))
            x[index] = saved                         # the other parameters see x unchanged
            numeric[index] = (plus - minus) / eps
        analytic = grads[name].detach().to(torch.float64)
        top = (analytic - numeric).abs().max().item() if x.numel() else 0.0
        bottom = (analytic.abs() + numeric.abs()).max().item() if x.numel() else 0.0
        errors[name] = 0.0 if bottom == 0.0 else top / bottom
    return errors
