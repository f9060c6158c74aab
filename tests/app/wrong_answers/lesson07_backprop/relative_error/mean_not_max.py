"""Wrong: averages the differences (mean) instead of taking the largest one."""

from torch import Tensor


def relative_error(a: Tensor, b: Tensor) -> float:
    denominator = (a.abs() + b.abs()).mean().item()
    if denominator == 0.0:
        return 0.0
    return (a - b).abs().mean().item() / denominator
