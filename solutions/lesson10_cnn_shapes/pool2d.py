"""Lesson 10, exercise 6: max and average pooling by hand."""

import torch


def _pair(value) -> tuple[int, int]:
    return (value, value) if isinstance(value, int) else (int(value[0]), int(value[1]))


def pool2d(X: torch.Tensor, pool_size, stride=None, mode: str = "max") -> torch.Tensor:
    """X (..., H, W) -> (..., (H - ph) // sh + 1, (W - pw) // sw + 1), max or mean per window."""
    if mode not in ("max", "avg"):
        raise ValueError(f"mode must be 'max' or 'avg', got {mode!r}")
    if X.dim() < 2:
        raise ValueError(f"X needs at least 2 dims (..., H, W), got shape {tuple(X.shape)}")
    (ph, pw), (sh, sw) = _pair(pool_size), _pair(pool_size if stride is None else stride)
    H, W = X.shape[-2], X.shape[-1]
    if min(ph, pw, sh, sw) < 1 or ph > H or pw > W:
        raise ValueError(f"pool {(ph, pw)} with stride {(sh, sw)} does not fit {(H, W)}")
    oh, ow = (H - ph) // sh + 1, (W - pw) // sw + 1
    # One strided slice per window offset (a, b): entry (i, j) is X[..., i*sh + a, j*sw + b].
    windows = torch.stack([X[..., a:a + sh * (oh - 1) + 1:sh, b:b + sw * (ow - 1) + 1:sw]
                           for a in range(ph) for b in range(pw)])
    return windows.amax(dim=0) if mode == "max" else windows.mean(dim=0)
