"""exp(x - logsumexp(x)): the shift by the log of the normaliser."""

import torch


def stable_softmax(x: torch.Tensor, dim: int = -1) -> torch.Tensor:
    return torch.exp(x - torch.logsumexp(x, dim=dim, keepdim=True))
