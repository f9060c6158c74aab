"""Wrong: softmax as exp(logits) / sum without subtracting the row max: nan for logits of 1e4."""

import torch
from torch import Tensor


def relu_backward(d_a: Tensor, z: Tensor) -> Tensor:
    """dloss/dz for a = relu(z), given d_a = dloss/da: the slope is 1 where z > 0, else 0."""
    if d_a.shape != z.shape:
        raise ValueError(f"d_a has shape {tuple(d_a.shape)} but z has {tuple(z.shape)}")
    return d_a * (z > 0)


def softmax_ce_backward(logits: Tensor, labels: Tensor) -> Tensor:
    """dloss/dlogits for loss = mean cross-entropy over the batch: (softmax − one-hot) / N."""
    if logits.dim() != 2:
        raise ValueError(f"logits must be (N, C); got shape {tuple(logits.shape)}")
    if labels.shape != logits.shape[:1]:
        raise ValueError(f"labels must be ({logits.shape[0]},); got {tuple(labels.shape)}")
    p = logits.exp() / logits.exp().sum(dim=1, keepdim=True)        # subtracts the row max: safe for huge logits
    y = torch.nn.functional.one_hot(labels, logits.shape[1]).to(p.dtype)
    return (p - y) / logits.shape[0]        # the mean over N rows divides by N
