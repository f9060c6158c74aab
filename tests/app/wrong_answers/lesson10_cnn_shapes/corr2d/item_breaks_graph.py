"""Wrong: builds the output from Python floats (.item()), so no gradient reaches K."""

import torch


def corr2d(X: torch.Tensor, K: torch.Tensor) -> torch.Tensor:
    kh, kw = K.shape
    rows = []
    for i in range(X.shape[0] - kh + 1):
        rows.append([(X[i:i + kh, j:j + kw] * K).sum().item()
                     for j in range(X.shape[1] - kw + 1)])
    return torch.tensor(rows, dtype=X.dtype, device=X.device)
