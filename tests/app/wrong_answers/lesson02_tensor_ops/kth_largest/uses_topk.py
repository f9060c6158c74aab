"""Wrong: topk(k) then the last column works, but the rule asks for kthvalue."""

import torch


def kth_largest(X: torch.Tensor, k: int) -> torch.Tensor:
    return X.topk(k, dim=1).values[:, -1]
