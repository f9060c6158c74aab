"""Lesson 05, exercise 5: the last valid time step of padded sequences."""

import torch


def last_step(x: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
    """Return each sequence's last real (non-padding) time step.

    Args:
        x: shape (T, B, H), time-major padded sequences (T steps, B sequences,
            H features), possibly non-contiguous.
        lengths: shape (B,), int64 true lengths, each in 1 .. T.

    Returns:
        A tensor of shape (B, H) with x's dtype, on x's device:
        ``out[b] = x[lengths[b] - 1, b]``.

    Rules: no Python loops or comprehensions.

    Example:
        >>> x = torch.arange(6.0).view(3, 2, 1)   # x[t, b, 0] = 2t + b
        >>> last_step(x, torch.tensor([3, 1]))
        tensor([[4.],
                [1.]])
    """
    # TODO: build an index of shape (1, B, H) holding lengths - 1, and gather along dim 0.
    raise NotImplementedError("last_step: not written yet")
