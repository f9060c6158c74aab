"""Wrong: a Python loop over the rows, which the exercise rules out."""

import torch


def normalize_rows(X: torch.Tensor) -> torch.Tensor:
    out = torch.empty(X.shape)
    for n in range(X.shape[0]):
        out[n] = X[n] / X[n].sum()
    return out
