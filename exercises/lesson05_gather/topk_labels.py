"""Lesson 05, exercise 3: from top-k indices to label names."""

import torch


def topk_labels(scores: torch.Tensor, label_table: torch.Tensor, k: int) -> torch.Tensor:
    """Return the labels of the k highest scores in each row, highest first.

    Args:
        scores: shape (N, C), one row of class scores per example.
        label_table: shape (C,), the label of each class (any integer dtype).
        k: how many labels per row, 1 <= k <= C.

    Returns:
        A tensor of shape (N, k) (still (N, 1) when k == 1), with label_table's
        dtype, on scores' device: ``out[i, j]`` is the label of the class with
        the j-th highest score in row i.

    Rules: no Python loops or comprehensions.

    Example:
        >>> scores = torch.tensor([[0.1, 0.7, 0.2], [0.5, 0.2, 0.3]])
        >>> topk_labels(scores, torch.tensor([100, 101, 102]), 2)
        tensor([[101, 102],
                [100, 102]])
    """
    # TODO: find the top-k column indices, then look them up in label_table.
    raise NotImplementedError("topk_labels: not written yet")
