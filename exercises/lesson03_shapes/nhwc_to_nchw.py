"""Lesson 03, exercise 3: channels-last images to channels-first."""

import torch


def nhwc_to_nchw(x: torch.Tensor) -> torch.Tensor:
    """Reorder a batch of channels-last images to the channels-first layout.

    Args:
        x: shape (N, H, W, C), any dtype (uint8 pixels, float, ...).

    Returns:
        Shape (N, C, H, W) with ``out[n, c, h, w] == x[n, h, w, c]``, same dtype
        and device as x.

    Example:
        >>> x = torch.arange(12).reshape(1, 2, 2, 3)   # 2x2 image, 3 channels
        >>> nhwc_to_nchw(x)[0, 0]                      # channel 0 of image 0
        tensor([[0, 3],
                [6, 9]])
    """
    # TODO: move the channel dim from the end to position 1.
    raise NotImplementedError("nhwc_to_nchw: not written yet")
