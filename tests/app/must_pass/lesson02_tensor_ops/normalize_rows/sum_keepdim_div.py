"""torch.sum(..., keepdim=True) and torch.div, float conversion via .to(torch.float32)."""

import torch


def normalize_rows(X: torch.Tensor) -> torch.Tensor:
    if not X.is_floating_point():
        X = X.to(torch.float32)
    return torch.div(X, torch.sum(X, dim=1, keepdim=True))
