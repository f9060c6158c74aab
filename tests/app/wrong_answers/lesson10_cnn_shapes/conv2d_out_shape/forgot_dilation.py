"""Wrong: ignores dilation, as if every kernel were dense (d = 1)."""


def _pair(v):
    return (v, v) if isinstance(v, int) else tuple(v)


def conv2d_out_shape(h, w, kernel_size, stride=1, padding=0, dilation=1):
    out = []
    for n, k, s, p in zip((h, w), _pair(kernel_size), _pair(stride), _pair(padding)):
        if n + 2 * p < k:
            raise ValueError("empty output")
        out.append((n + 2 * p - k) // s + 1)
    return tuple(out)
