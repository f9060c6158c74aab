"""movedim the channels last, one matmul with weight.flatten(1).T, movedim back."""

import torch


def conv1x1(X: torch.Tensor, weight: torch.Tensor,
            bias: torch.Tensor | None = None) -> torch.Tensor:
    if X.ndim != 4:
        raise ValueError("X is not 4-D")
    C_out = weight.shape[0]
    if tuple(weight.shape) != (C_out, X.shape[1], 1, 1):
        raise ValueError("weight has the wrong shape")
    if bias is not None and tuple(bias.shape) != (C_out,):
        raise ValueError("bias has the wrong shape")
    Y = X.movedim(1, -1) @ weight.flatten(1).T
    if bias is not None:
        Y = Y + bias
    return Y.movedim(-1, 1)
