"""amax of the difference and of the sum, an early return for the all-zero case."""

from torch import Tensor


def relative_error(a: Tensor, b: Tensor) -> float:
    denominator = (a.abs() + b.abs()).amax().item()
    if denominator == 0:
        return 0.0
    return (a - b).abs().amax().item() / denominator
