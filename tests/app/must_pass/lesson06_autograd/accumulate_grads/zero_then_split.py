"""w.grad.zero_() when present, torch.split by N // k, mean / k."""

from torch import Tensor


def accumulate_grads(w: Tensor, X: Tensor, y: Tensor, k: int) -> Tensor:
    if w.grad is not None:
        w.grad.zero_()
    size = X.shape[0] // k
    for Xb, yb in zip(X.split(size), y.split(size), strict=True):
        (((Xb @ w - yb) ** 2).mean() / k).backward()
    return w.grad
