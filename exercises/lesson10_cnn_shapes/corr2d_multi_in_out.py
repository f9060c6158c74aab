"""Lesson 10, exercise 4: cross-correlation with several input and output channels."""

import torch


def corr2d_multi_in_out(X: torch.Tensor, K: torch.Tensor) -> torch.Tensor:
    """What one Conv2d layer (no bias, stride 1, no padding) does to one image.

    Each output channel o is the SUM over input channels c of the 2-D
    cross-correlation of X[c] with K[o, c].

    Args:
        X: shape (C_in, H, W), floating point.
        K: shape (C_out, C_in, kh, kw), the layout of nn.Conv2d's weight.

    Returns:
        Y: shape (C_out, H - kh + 1, W - kw + 1), same dtype and device as X.

    Rules: no F.conv2d / torch.conv2d / nn.Conv2d / unfold. Loops over kernel
    positions or channels are fine (copy your corr2d from exercise 3 into this
    file if you want to reuse it).

    Example:
        >>> X = torch.tensor([[[0., 1, 2], [3, 4, 5], [6, 7, 8]],
        ...                   [[1., 2, 3], [4, 5, 6], [7, 8, 9]]])
        >>> K = torch.tensor([[[[0., 1], [2, 3]], [[1., 2], [3, 4]]]])   # (1, 2, 2, 2)
        >>> corr2d_multi_in_out(X, K)
        tensor([[[ 56.,  72.],
                 [104., 120.]]])
    """
    # TODO: for every output channel, add up the input channels' cross-correlations.
    raise NotImplementedError("corr2d_multi_in_out: not written yet")
