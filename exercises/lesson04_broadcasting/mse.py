"""Lesson 04, exercise 5: a mean squared error that cannot broadcast by accident."""

import torch


def mse(y_hat: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """Mean squared error between predictions and targets, one value per sample.

    The one-liner ``((y_hat - y) ** 2).mean()`` is wrong when y_hat is (N, 1)
    and y is (N,): they broadcast to (N, N). Make shapes line up or refuse.

    Rules: no F.mse_loss / nn.MSELoss.

    Args:
        y_hat: predictions, shape (N,) or (N, 1).
        y: targets, shape (N,) or (N, 1); any mix of the two shapes is allowed.

    Returns:
        A 0-d tensor: the mean over i of ``(y_hat[i] - y[i]) ** 2``.

    Raises:
        ValueError: a shape is not (N,) or (N, 1), or y_hat and y hold
            different numbers of samples.

    Example:
        >>> mse(torch.tensor([[1.0], [2.0], [3.0]]), torch.tensor([1.0, 2.0, 5.0]))
        tensor(1.3333)
    """
    # TODO: check both shapes, bring both to (N,), check the lengths, then average.
    raise NotImplementedError("mse: not written yet")
