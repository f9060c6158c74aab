"""The pre-no_grad idiom: p.data.sub_(lr * p.grad)."""

from collections.abc import Iterable

from torch import Tensor


def sgd_step(params: Iterable[Tensor], lr: float) -> None:
    for p in params:
        if p.grad is not None:
            p.data.sub_(lr * p.grad)
            p.grad = None
