"""Wrong: lets autograd do the work (loss.backward()) instead of the chain rule by hand."""

import torch
from torch import Tensor


def mlp_backward(x: Tensor, y: Tensor, W1: Tensor, b1: Tensor, W2: Tensor,
                 b2: Tensor) -> dict[str, Tensor]:
    params = {k: v.detach().clone().requires_grad_(True)
              for k, v in {"W1": W1, "b1": b1, "W2": W2, "b2": b2}.items()}
    h = torch.sigmoid(x @ params["W1"] + params["b1"])
    loss = ((h @ params["W2"] + params["b2"] - y) ** 2).mean()
    loss.backward()
    return {k: p.grad for k, p in params.items()}
