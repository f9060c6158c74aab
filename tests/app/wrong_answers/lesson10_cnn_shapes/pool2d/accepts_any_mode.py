"""Mistake: any mode other than "max" is averaged, so mode="mean" (a typo) is not refused."""

import torch


def _pair(v):
    return (v, v) if isinstance(v, int) else tuple(v)


def pool2d(X: torch.Tensor, pool_size, stride=None, mode: str = "max") -> torch.Tensor:
    if X.dim() < 2:
        raise ValueError("bad X")
    (ph, pw), (sh, sw) = _pair(pool_size), _pair(pool_size if stride is None else stride)
    H, W = X.shape[-2:]
    if min(ph, pw, sh, sw) < 1 or ph > H or pw > W:
        raise ValueError("window does not fit")
    oh, ow = (H - ph) // sh + 1, (W - pw) // sw + 1
    windows = torch.stack([X[..., a:a + sh * (oh - 1) + 1:sh, b:b + sw * (ow - 1) + 1:sw]
                           for a in range(ph) for b in range(pw)])
    return windows.amax(dim=0) if mode == "max" else windows.mean(dim=0)
