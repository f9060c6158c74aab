"""Lesson 10, exercise 1: the output size of a convolution."""


def conv2d_out_shape(h: int, w: int, kernel_size, stride=1, padding=0,
                     dilation=1) -> tuple[int, int]:
    """Return the (height, width) that nn.Conv2d produces from an (h, w) input.

    Args:
        h, w: input height and width (>= 1).
        kernel_size, stride, padding, dilation: each an int (same for height and
            width) or a pair (for height, for width), exactly like nn.Conv2d's
            arguments. padding is added on BOTH sides.

    Returns:
        A tuple of two Python ints (out_h, out_w).

    Raises:
        ValueError: when the output would be empty, i.e. the padded input is
            smaller than the dilated kernel (nn.Conv2d raises an error there).

    Example:
        >>> conv2d_out_shape(28, 28, 3, stride=2)
        (13, 13)
        >>> conv2d_out_shape(12, 20, (3, 5), padding=(1, 2))
        (12, 20)
    """
    # TODO: apply the output-size formula to height and width separately.
    raise NotImplementedError("conv2d_out_shape: not written yet")
