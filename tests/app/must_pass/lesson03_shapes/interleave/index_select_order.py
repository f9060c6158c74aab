"""cat then index_select with a computed row order."""

import torch


def interleave(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    n = a.shape[0]
    both = torch.cat([a, b])
    order = torch.arange(2 * n, device=a.device).view(2, n).t().reshape(-1)
    return both.index_select(0, order)
