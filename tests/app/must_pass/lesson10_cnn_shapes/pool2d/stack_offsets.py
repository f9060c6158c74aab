"""Strided slices of every window offset stacked on a new last dim, then amax/mean."""

import torch


def pool2d(X: torch.Tensor, pool_size, stride=None, mode: str = "max") -> torch.Tensor:
    ph, pw = (pool_size, pool_size) if isinstance(pool_size, int) else pool_size
    if stride is None:
        sh, sw = ph, pw
    else:
        sh, sw = (stride, stride) if isinstance(stride, int) else stride
    if X.dim() < 2:
        raise ValueError("X needs at least 2 dims")
    if mode not in ("max", "avg"):
        raise ValueError(f"unknown mode {mode!r}")
    if min(ph, pw, sh, sw) < 1:
        raise ValueError("sizes and strides must be >= 1")
    H, W = X.shape[-2:]
    if ph > H or pw > W:
        raise ValueError("the window is larger than the input")
    oh, ow = (H - ph) // sh + 1, (W - pw) // sw + 1
    pieces = []
    for a in range(ph):
        for b in range(pw):
            pieces.append(X[..., a:a + (oh - 1) * sh + 1:sh, b:b + (ow - 1) * sw + 1:sw])
    stacked = torch.stack(pieces, dim=-1)
    return stacked.amax(dim=-1) if mode == "max" else stacked.mean(dim=-1)
