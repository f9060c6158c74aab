"""A helper turning int-or-pair into a pair; torch.nn.modules.utils._pair-free."""


def _pair(v) -> tuple[int, int]:
    return (v, v) if isinstance(v, int) else (int(v[0]), int(v[1]))


def conv2d_out_shape(h: int, w: int, kernel_size, stride=1, padding=0,
                     dilation=1) -> tuple[int, int]:
    out = []
    for size, k, s, p, d in zip((h, w), _pair(kernel_size), _pair(stride), _pair(padding),
                                _pair(dilation), strict=True):
        span = d * (k - 1) + 1
        if size + 2 * p < span:
            raise ValueError("the padded input is smaller than the dilated kernel")
        out.append((size + 2 * p - span) // s + 1)
    return out[0], out[1]
