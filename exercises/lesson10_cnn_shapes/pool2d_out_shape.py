"""Lesson 10, exercise 2: the output size of max pooling, ceil_mode included."""


def pool2d_out_shape(h: int, w: int, kernel_size, stride=None, padding=0,
                     ceil_mode: bool = False) -> tuple[int, int]:
    """Return the (height, width) that nn.MaxPool2d produces from an (h, w) input.

    Args:
        h, w: input height and width (>= 1).
        kernel_size, stride, padding: each an int or a pair (for height, for
            width), like nn.MaxPool2d's arguments. stride=None means
            stride = kernel_size. padding is added on both sides.
        ceil_mode: round the division up instead of down (see the lesson for
            the one exception PyTorch makes).

    Returns:
        A tuple of two Python ints (out_h, out_w).

    Raises:
        ValueError: when nn.MaxPool2d would raise: padding more than half the
            kernel size, or an input too small to give any window.

    Example:
        >>> pool2d_out_shape(54, 54, 3, 2)
        (26, 26)
        >>> pool2d_out_shape(54, 54, 3, 2, ceil_mode=True)
        (27, 27)
    """
    # TODO: default the stride, check the padding, then size each dimension.
    raise NotImplementedError("pool2d_out_shape: not written yet")
