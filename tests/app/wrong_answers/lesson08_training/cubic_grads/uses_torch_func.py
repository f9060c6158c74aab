"""Wrong: lets torch.func.grad differentiate (imported by name, so patching torch.func.grad misses it)."""

from torch import Tensor
from torch.func import grad


def _loss(a: Tensor, b: Tensor, c: Tensor, d: Tensor, x: Tensor, y: Tensor) -> Tensor:
    return ((a + b * x + c * x**2 + d * x**3 - y) ** 2).sum()


def cubic_grads(x: Tensor, y: Tensor, a: Tensor, b: Tensor, c: Tensor,
                d: Tensor) -> tuple[Tensor, Tensor, Tensor, Tensor]:
    """dL/da, dL/db, dL/dc, dL/dd for L = sum((a + b x + c x^2 + d x^3 - y)^2)."""
    return grad(_loss, argnums=(0, 1, 2, 3))(a, b, c, d, x, y)
