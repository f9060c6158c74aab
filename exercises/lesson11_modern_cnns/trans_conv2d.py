"""Lesson 11, exercise 7: transposed convolution by hand."""

import torch


def trans_conv2d(X: torch.Tensor, K: torch.Tensor, stride: int = 1,
                 padding: int = 0) -> torch.Tensor:
    """The 2-D transposed convolution of X with K, as F.conv_transpose2d computes it.

    Every input entry X[i, j] adds ``X[i, j] * K`` into the output window whose
    top-left corner is (i * stride, j * stride); then ``padding`` rows and columns
    are cut from every side.

    Args:
        X: shape (H, W), floating point.
        K: shape (kh, kw), X's dtype and device.
        stride: an int >= 1, the step between the windows of neighbouring inputs.
        padding: an int >= 0, cut from each side of the full result.

    Returns:
        A new tensor of shape ((H - 1) * stride - 2 * padding + kh,
        (W - 1) * stride - 2 * padding + kw) with X's dtype and device, equal to
        ``F.conv_transpose2d(X[None, None], K[None, None], stride=stride,
        padding=padding)[0, 0]``. Gradients flow to X and K; X and K are left unchanged.

    Raises:
        ValueError: if X or K is not 2-D, stride < 1, padding < 0, or the result
            would have no rows or no columns.

    Rules: no transposed or ordinary convolution functions or modules, no fold/unfold.
    Loops over the entries of X or of K are fine.

    Example:
        >>> X = torch.tensor([[0.0, 1.0], [2.0, 3.0]])
        >>> trans_conv2d(X, X)
        tensor([[ 0.,  0.,  1.],
                [ 0.,  4.,  6.],
                [ 4., 12.,  9.]])
    """
    # TODO: validate; scatter X[i, j] * K into a zeros tensor at (i*stride, j*stride); crop.
    raise NotImplementedError("trans_conv2d: not written yet")
