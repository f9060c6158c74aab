"""Wrong: calls the library softmax, which the exercise forbids (method form)."""

import torch


def stable_softmax(x: torch.Tensor, dim: int = -1) -> torch.Tensor:
    return x.softmax(dim=dim)
