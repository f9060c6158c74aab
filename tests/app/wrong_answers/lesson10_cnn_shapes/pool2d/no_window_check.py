"""Mistake: no check that the window fits, so a window larger than X returns an empty tensor."""

import torch


def _pair(v):
    return (v, v) if isinstance(v, int) else tuple(v)


def pool2d(X: torch.Tensor, pool_size, stride=None, mode: str = "max") -> torch.Tensor:
    if mode not in ("max", "avg") or X.dim() < 2:
        raise ValueError("bad arguments")
    (ph, pw), (sh, sw) = _pair(pool_size), _pair(pool_size if stride is None else stride)
    if min(ph, pw, sh, sw) < 1:
        raise ValueError("sizes must be positive")
    H, W = X.shape[-2:]
    oh, ow = max((H - ph) // sh + 1, 0), max((W - pw) // sw + 1, 0)
    if oh == 0 or ow == 0:
        return X.new_zeros(*X.shape[:-2], oh, ow)
    windows = torch.stack([X[..., a:a + sh * (oh - 1) + 1:sh, b:b + sw * (ow - 1) + 1:sw]
                           for a in range(ph) for b in range(pw)])
    return windows.amax(dim=0) if mode == "max" else windows.mean(dim=0)
