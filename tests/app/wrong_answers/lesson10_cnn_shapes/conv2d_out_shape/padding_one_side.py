"""Wrong: adds the padding once (n + p) instead of on both sides (n + 2p)."""


def _pair(v):
    return (v, v) if isinstance(v, int) else tuple(v)


def conv2d_out_shape(h, w, kernel_size, stride=1, padding=0, dilation=1):
    out = []
    for n, k, s, p, d in zip((h, w), _pair(kernel_size), _pair(stride), _pair(padding),
                             _pair(dilation)):
        span = n + p - d * (k - 1) - 1
        if span < 0:
            raise ValueError("empty output")
        out.append(span // s + 1)
    return tuple(out)
