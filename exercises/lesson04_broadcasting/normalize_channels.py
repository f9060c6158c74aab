"""Lesson 04, exercise 4: per-channel normalisation of an image batch."""

import torch


def normalize_channels(x: torch.Tensor, mean: torch.Tensor, std: torch.Tensor) -> torch.Tensor:
    """Subtract each channel's mean and divide by its std, as transforms.Normalize does.

    Rules: no Python loops.

    Args:
        x: shape (N, C, H, W), floating point; may be non-contiguous
            (channels_last).
        mean: shape (C,), same dtype and device as x.
        std: shape (C,), positive.

    Returns:
        Shape (N, C, H, W) with ``out[n, c, h, w] = (x[n, c, h, w] - mean[c]) / std[c]``.

    Example:
        >>> x = torch.tensor([[[[1.0, 2.0]], [[10.0, 20.0]]]])   # (1, 2, 1, 2)
        >>> normalize_channels(x, torch.tensor([1.0, 10.0]), torch.tensor([1.0, 10.0]))
        tensor([[[[0., 1.]],
                 [[0., 1.]]]])
    """
    # TODO: give mean and std a shape that lines up with dim 1 of x, then broadcast.
    raise NotImplementedError("normalize_channels: not written yet")
