"""Wrong: never checks that padding is at most half the kernel, so it returns a size PyTorch refuses."""

import math


def _pair(v):
    return (v, v) if isinstance(v, int) else tuple(v)


def pool2d_out_shape(h, w, kernel_size, stride=None, padding=0, ceil_mode=False):
    stride = kernel_size if stride is None else stride
    out = []
    for n, k, s, p in zip((h, w), _pair(kernel_size), _pair(stride), _pair(padding)):
        if n + 2 * p < k:
            raise ValueError("input smaller than the window")
        size = (math.ceil((n + 2 * p - k) / s) if ceil_mode else (n + 2 * p - k) // s) + 1
        if ceil_mode and (size - 1) * s >= n + p:
            size -= 1
        out.append(size)
    return tuple(out)
