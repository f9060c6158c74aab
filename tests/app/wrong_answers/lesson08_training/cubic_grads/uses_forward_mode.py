"""Wrong: gets each derivative from forward-mode dual numbers instead of the chain rule."""

import torch
import torch.autograd.forward_ad as fwAD
from torch import Tensor


def cubic_grads(x: Tensor, y: Tensor, a: Tensor, b: Tensor, c: Tensor,
                d: Tensor) -> tuple[Tensor, Tensor, Tensor, Tensor]:
    """dL/da, dL/db, dL/dc, dL/dd for L = sum((a + b x + c x^2 + d x^3 - y)^2)."""
    params = [a, b, c, d]
    grads = []
    with fwAD.dual_level():
        for i in range(4):
            duals = [fwAD.make_dual(p, torch.ones_like(p) if j == i else torch.zeros_like(p))
                     for j, p in enumerate(params)]
            loss = ((duals[0] + duals[1] * x + duals[2] * x**2 + duals[3] * x**3 - y) ** 2).sum()
            grads.append(fwAD.unpack_dual(loss).tangent)
    return tuple(grads)
