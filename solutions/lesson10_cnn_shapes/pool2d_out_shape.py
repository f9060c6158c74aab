"""Lesson 10, exercise 2: the output size of max pooling, ceil_mode included."""


def _pair(value: int | tuple[int, int]) -> tuple[int, int]:
    return (value, value) if isinstance(value, int) else (value[0], value[1])


def pool2d_out_shape(h: int, w: int, kernel_size, stride=None, padding=0,
                     ceil_mode: bool = False) -> tuple[int, int]:
    """(out_h, out_w) of nn.MaxPool2d on an (h, w) input; ValueError when it would fail."""
    stride = kernel_size if stride is None else stride
    out = []
    for n, k, s, p in zip((h, w), _pair(kernel_size), _pair(stride), _pair(padding)):
        if 2 * p > k:
            raise ValueError(f"padding {p} is more than half the kernel size {k}")
        span = n + 2 * p - k
        size = (span + (s - 1 if ceil_mode else 0)) // s + 1   # floor, or ceil with ceil_mode
        if ceil_mode and (size - 1) * s >= n + p:
            size -= 1  # the last window would start inside the right padding: drop it
        if size < 1:
            raise ValueError(f"input of size {n} (padding {p}) gives no window of size {k}")
        out.append(size)
    return out[0], out[1]
