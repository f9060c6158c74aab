"""No loops: the outer product X ⊗ K scattered with index_put(accumulate=True)."""

import torch


def trans_conv2d(X: torch.Tensor, K: torch.Tensor, stride: int = 1,
                 padding: int = 0) -> torch.Tensor:
    if X.ndim != 2 or K.ndim != 2 or stride < 1 or padding < 0:
        raise ValueError("need 2-D X and K, stride >= 1, padding >= 0")
    (H, W), (kh, kw) = X.shape, K.shape
    out_h = (H - 1) * stride - 2 * padding + kh
    out_w = (W - 1) * stride - 2 * padding + kw
    if out_h <= 0 or out_w <= 0:
        raise ValueError("no rows or no columns left")
    dev = X.device
    rows = (torch.arange(H, device=dev) * stride)[:, None, None, None] \
        + torch.arange(kh, device=dev)[None, None, :, None]
    cols = (torch.arange(W, device=dev) * stride)[None, :, None, None] \
        + torch.arange(kw, device=dev)[None, None, None, :]
    rows, cols = torch.broadcast_tensors(rows, cols)
    values = X[:, :, None, None] * K[None, None, :, :]
    full = torch.zeros(out_h + 2 * padding, out_w + 2 * padding, dtype=X.dtype, device=dev)
    full = full.index_put((rows.reshape(-1), cols.reshape(-1)), values.reshape(-1),
                          accumulate=True)
    return full[padding:padding + out_h, padding:padding + out_w]
