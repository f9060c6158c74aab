"""Wrong: int(.../s) + 1 truncates toward zero, so an empty output becomes 1 and no error is raised."""


def _pair(v):
    return (v, v) if isinstance(v, int) else tuple(v)


def conv2d_out_shape(h, w, kernel_size, stride=1, padding=0, dilation=1):
    out = []
    for n, k, s, p, d in zip((h, w), _pair(kernel_size), _pair(stride), _pair(padding),
                             _pair(dilation)):
        out.append(int((n + 2 * p - d * (k - 1) - 1) / s) + 1)
    return tuple(out)
