"""Wrong: subtracts the max and divides by the sum of the WHOLE tensor (the seed's np.sum bug)."""

import torch


def stable_softmax(x: torch.Tensor, dim: int = -1) -> torch.Tensor:
    exps = torch.exp(x - x.max())
    return exps / exps.sum()
