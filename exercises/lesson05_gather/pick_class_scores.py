"""Lesson 05, exercise 1: pick one score per row."""

import torch


def pick_class_scores(logits: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
    """Return the score of each row's own class: ``out[i] = logits[i, labels[i]]``.

    Args:
        logits: shape (N, C), one row of class scores per example.
        labels: shape (N,), int64 class numbers in 0 .. C-1.

    Returns:
        A tensor of shape (N,) (not (N, 1)), with logits' dtype, on logits' device.

    Rules: no Python loops or comprehensions.

    Example:
        >>> logits = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
        >>> pick_class_scores(logits, torch.tensor([2, 0]))
        tensor([3., 4.])
    """
    # TODO: gather along dim 1 with an index of shape (N, 1), then drop that extra dimension.
    raise NotImplementedError("pick_class_scores: not written yet")
