"""Wrong: returns a 0-dim tensor instead of a Python float (no .item())."""

from torch import Tensor


def relative_error(a: Tensor, b: Tensor) -> float:
    denominator = (a.abs() + b.abs()).max()
    if denominator == 0:
        return 0.0
    return (a - b).abs().max() / denominator
