"""Wrong: L1 and L-inf without abs(): negative entries count as negative."""

import torch


def row_norms(X: torch.Tensor, p: float) -> torch.Tensor:
    if p == 1:
        return X.sum(dim=-1)
    if p == 2:
        return X.pow(2).sum(dim=-1).sqrt()
    return X.amax(dim=-1)
