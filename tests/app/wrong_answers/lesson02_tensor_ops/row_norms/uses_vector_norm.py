"""Wrong: calls torch.linalg.vector_norm, which the exercise rules out."""

import torch


def row_norms(X: torch.Tensor, p: float) -> torch.Tensor:
    return torch.linalg.vector_norm(X, ord=p, dim=-1)
