"""Lesson 14, exercise 3: inverted dropout."""

import torch
from torch import Tensor


def dropout(X: Tensor, p: float, training: bool = True,
            generator: torch.Generator | None = None) -> Tensor:
    """Inverted dropout, as ``F.dropout(X, p, training)`` computes it.

    In training mode, each element is zeroed independently with probability ``p``, and
    every kept element is scaled by ``1 / (1 - p)`` so that the expected value of each
    output element equals the input element. In eval mode (``training=False``), and
    whenever ``p == 0``, the output equals X (returning X itself is fine). With
    ``p == 1`` every element is dropped: the output is all zeros (no NaN).

    Does not modify X. The result is differentiable with respect to X (its gradient is
    the mask scaled by ``1 / (1 - p)``), and has X's shape, dtype and device.

    Args:
        X: a floating-point tensor of any shape (float16, bfloat16, float32, float64),
            on any device.
        p: the probability of DROPPING an element (PyTorch's convention), in [0, 1].
        training: True to drop, False to pass X through.
        generator: draw the random numbers from it when given (a generator on X's
            device), else from torch's global generator.

    Returns:
        A tensor of X's shape, dtype and device.

    Raises:
        ValueError: if p is not in [0, 1] (also in eval mode, as F.dropout does).

    Rules:
        No ``F.dropout``, ``nn.Dropout`` or their relatives; no Python loops (one random
        draw for the whole tensor).

    Example:
        >>> g = torch.Generator().manual_seed(0)
        >>> dropout(torch.ones(8), 0.5, generator=g)   # which ones are zeroed depends on g
        tensor([0., 2., 0., 0., 0., 2., 0., 2.])
        >>> dropout(torch.ones(3), 0.5, training=False)
        tensor([1., 1., 1.])
    """
    # TODO: validate p; handle eval / p == 0 / p == 1; keep = rand >= p; scale by 1 / (1 - p).
    raise NotImplementedError("dropout: not written yet")
