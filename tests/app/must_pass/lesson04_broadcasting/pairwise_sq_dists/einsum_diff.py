"""unsqueeze both, then einsum of the difference with itself."""

import torch


def pairwise_sq_dists(x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    d = x.unsqueeze(1) - y.unsqueeze(0)
    return torch.einsum("nmd,nmd->nm", d, d)
