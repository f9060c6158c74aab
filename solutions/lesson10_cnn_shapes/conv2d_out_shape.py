"""Lesson 10, exercise 1: the output size of a convolution."""


def _pair(value: int | tuple[int, int]) -> tuple[int, int]:
    return (value, value) if isinstance(value, int) else (value[0], value[1])


def conv2d_out_shape(h: int, w: int, kernel_size, stride=1, padding=0,
                     dilation=1) -> tuple[int, int]:
    """(out_h, out_w) of nn.Conv2d on an (h, w) input; ValueError if it would be empty."""
    out = []
    for n, k, s, p, d in zip((h, w), _pair(kernel_size), _pair(stride), _pair(padding),
                             _pair(dilation)):
        span = n + 2 * p - d * (k - 1) - 1
        if span < 0:
            raise ValueError(f"input of size {n} (padding {p}) is smaller than the "
                             f"effective kernel {d * (k - 1) + 1}")
        out.append(span // s + 1)
    return out[0], out[1]
