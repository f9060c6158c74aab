"""Wrong: always rounds down, ignoring ceil_mode."""


def _pair(v):
    return (v, v) if isinstance(v, int) else tuple(v)


def pool2d_out_shape(h, w, kernel_size, stride=None, padding=0, ceil_mode=False):
    stride = kernel_size if stride is None else stride
    out = []
    for n, k, s, p in zip((h, w), _pair(kernel_size), _pair(stride), _pair(padding)):
        if 2 * p > k or n + 2 * p < k:
            raise ValueError("bad pooling")
        out.append((n + 2 * p - k) // s + 1)
    return tuple(out)
