"""Wrong: δ_L = p − y without dividing by N (the gradient of the summed loss)."""

import torch
from torch import Tensor


def deep_backward(X: Tensor, labels: Tensor, weights: list[Tensor],
                  biases: list[Tensor]) -> tuple[list[Tensor], list[Tensor]]:
    """Gradients of the mean cross-entropy of a ReLU MLP by the δ recursion."""
    if len(weights) != len(biases) or not weights:
        raise ValueError(f"need as many biases as weights (at least one); got "
                         f"{len(weights)} weights and {len(biases)} biases")
    with torch.no_grad():                           # gradients are plain tensors, no graph
        activations, a = [X], X
        for W, b in zip(weights, biases):           # forward, keeping every layer's input
            z = a @ W + b
            a = torch.relu(z)
            activations.append(a)
        p = torch.softmax(z, dim=1)                 # the last z are the logits
        delta = (p - torch.nn.functional.one_hot(labels, p.shape[1]).to(p.dtype))
        d_weights, d_biases = [], []
        for layer in range(len(weights) - 1, -1, -1):
            a_in = activations[layer]
            d_weights.append(a_in.T @ delta)
            d_biases.append(delta.sum(dim=0))
            if layer > 0:                           # δ of the layer below: back through W, ReLU
                delta = (delta @ weights[layer].T) * (a_in > 0)
    return d_weights[::-1], d_biases[::-1]
