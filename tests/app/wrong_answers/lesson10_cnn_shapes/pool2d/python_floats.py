"""Mistake: computes each window with .item() and builds a new tensor, losing dtype and gradients."""

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
    flat = X.reshape(-1, H, W)
    out = torch.zeros(flat.shape[0], oh, ow, device=X.device)
    for n in range(flat.shape[0]):
        for i in range(oh):
            for j in range(ow):
                window = flat[n, i * sh:i * sh + ph, j * sw:j * sw + pw]
                out[n, i, j] = (window.max() if mode == "max" else window.mean()).item()
    return out.reshape(*X.shape[:-2], oh, ow)
