"""Lesson 07, exercise 6: backprop through an MLP of any depth, layer by layer."""

import torch
from torch import Tensor


def deep_backward(X: Tensor, labels: Tensor, weights: list[Tensor],
                  biases: list[Tensor]) -> tuple[list[Tensor], list[Tensor]]:
    """Gradients of an L-layer ReLU network's mean cross-entropy, by the δ recursion.

    The network, for layers l = 1 … L (weights[l - 1] is W_l):

        a_0 = X
        z_l = a_(l-1) @ W_l + b_l
        a_l = relu(z_l)               for l < L (the last layer has no ReLU)
        loss = F.cross_entropy(z_L, labels)        # the mean over the N rows

    Backwards, with δ_l = dloss/dz_l:

        δ_L     = (softmax(z_L) − onehot(labels)) / N
        dW_l    = a_(l-1).T @ δ_l,     db_l = δ_l summed over the rows
        δ_(l-1) = (δ_l @ W_l.T) · relu'(z_(l-1))

    Args:
        X: shape (N, D).
        labels: shape (N,), int64 in [0, C).
        weights: L >= 1 tensors, W_l of shape (d_(l-1), d_l) with d_0 = D, d_L = C.
        biases: L tensors, b_l of shape (d_l,).

    Returns:
        (d_weights, d_biases): two lists of L tensors, in layer order, each with the
        shape, dtype and device of its parameter. They are plain tensors (no graph:
        requires_grad False) even when the weights require grad, and no input is changed
        (values, requires_grad, .grad).

    Raises:
        ValueError: when weights and biases differ in length, or are empty.

    Rules:
        No autograd (`backward`, `torch.autograd.grad` are switched off). Looping over
        the layers is fine (and needed).

    Example:
        >>> d_weights, d_biases = deep_backward(X, labels, [W1, W2, W3], [b1, b2, b3])
        >>> [tuple(g.shape) for g in d_weights]
        [(4, 8), (8, 8), (8, 3)]
    """
    # TODO: forward, keeping every a_l; then δ_L, and walk down the layers.
    raise NotImplementedError("deep_backward: not written yet")
