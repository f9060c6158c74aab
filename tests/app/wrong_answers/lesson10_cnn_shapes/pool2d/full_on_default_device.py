"""Mistake: starts the running max from torch.full(..., -inf) without device=, on the default device."""

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
    start = float("-inf") if mode == "max" else 0.0
    acc = torch.full((*X.shape[:-2], oh, ow), start, dtype=X.dtype)
    for a in range(ph):
        for b in range(pw):
            part = X[..., a:a + sh * (oh - 1) + 1:sh, b:b + sw * (ow - 1) + 1:sw]
            acc = torch.maximum(acc, part) if mode == "max" else acc + part
    return acc if mode == "max" else acc / (ph * pw)
