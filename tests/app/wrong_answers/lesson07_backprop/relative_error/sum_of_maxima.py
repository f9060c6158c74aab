"""Wrong: divides by max|a| + max|b| instead of the max of |a| + |b|."""

from torch import Tensor


def relative_error(a: Tensor, b: Tensor) -> float:
    denominator = a.abs().max().item() + b.abs().max().item()
    if denominator == 0.0:
        return 0.0
    return (a - b).abs().max().item() / denominator
