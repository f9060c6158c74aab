"""Mistake: averages by += into the first strided slice, a view of X, so X is overwritten."""

import torch


def _pair(v):
    return (v, v) if isinstance(v, int) else tuple(v)


def pool2d(X: torch.Tensor, pool_size, stride=None, mode: str = "max") -> torch.Tensor:
    if mode not in ("max", "avg") or X.dim() < 2:
        raise ValueError("bad arguments")
    (ph, pw), (sh, sw) = _pair(pool_size), _pair(pool_size if stride is None else stride)
    H, W = X.shape[-2:]
    if min(ph, pw, sh, sw) < 1 or ph > H or pw > W:
        raise ValueError("window does not fit")
    oh, ow = (H - ph) // sh + 1, (W - pw) // sw + 1
    acc = None
    for a in range(ph):
        for b in range(pw):
            part = X[..., a:a + sh * (oh - 1) + 1:sh, b:b + sw * (ow - 1) + 1:sw]
            if acc is None:
                acc = part
            elif mode == "max":
                acc = torch.maximum(acc, part)
            else:
                acc += part
    return acc if mode == "max" else acc / (ph * pw)
