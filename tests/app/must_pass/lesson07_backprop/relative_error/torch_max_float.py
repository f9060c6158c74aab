"""torch.max over all elements and float(); the ratio taken in float64."""

import torch
from torch import Tensor


def relative_error(a: Tensor, b: Tensor) -> float:
    a, b = a.double(), b.double()
    top = torch.max(torch.abs(a - b))
    bottom = torch.max(torch.abs(a) + torch.abs(b))
    return 0.0 if bottom == 0 else float(top / bottom)
