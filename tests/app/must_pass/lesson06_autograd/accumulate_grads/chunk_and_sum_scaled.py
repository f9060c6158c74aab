"""torch.chunk into k pieces; each micro-batch's loss is its squared-error sum / N."""

from torch import Tensor


def accumulate_grads(w: Tensor, X: Tensor, y: Tensor, k: int) -> Tensor:
    w.grad = None
    n = X.shape[0]
    for Xb, yb in zip(X.chunk(k), y.chunk(k), strict=True):
        loss = ((Xb @ w - yb) ** 2).sum() / n
        loss.backward()
    return w.grad
