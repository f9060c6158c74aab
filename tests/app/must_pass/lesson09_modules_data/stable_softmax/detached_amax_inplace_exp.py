"""A detached amax shift (softmax is shift-invariant), exp_ in place on the new tensor."""

import torch


def stable_softmax(x: torch.Tensor, dim: int = -1) -> torch.Tensor:
    shifted = x - x.detach().amax(dim=dim, keepdim=True)
    e = shifted.exp()
    return e.div(torch.sum(e, dim, keepdim=True))
