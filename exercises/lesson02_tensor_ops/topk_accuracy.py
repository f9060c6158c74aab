"""Lesson 02, exercise 6: top-k accuracy of a classifier's scores."""

import torch


def topk_accuracy(logits: torch.Tensor, y: torch.Tensor, k: int) -> float:
    """The fraction of examples whose true class is among their k highest scores.

    Args:
        logits: shape (N, C), one row of class scores per example, N >= 1.
        y: shape (N,), int64 true labels in [0, C).
        k: 1 <= k <= C. With k = 1 this is the ordinary accuracy.

    Returns:
        A Python float in [0, 1].

    Rules:
        No Python loops.

    Example:
        >>> logits = torch.tensor([[0.1, 0.5, 0.4], [0.7, 0.2, 0.1]])
        >>> y = torch.tensor([2, 2])
        >>> topk_accuracy(logits, y, 1), topk_accuracy(logits, y, 2)
        (0.0, 0.5)
    """
    # TODO: take the top-k class indices per row and ask, row by row, whether y is among them.
    raise NotImplementedError("topk_accuracy: not written yet")
