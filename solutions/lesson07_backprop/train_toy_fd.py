"""Lesson 07, exercise 3: training the toy network by finite differences."""

import torch
from torch import Tensor

from tutor.testing import numeric_gradient

X_TOY = torch.tensor([[1.0, 1.0]], dtype=torch.float64)
Y_TOY = torch.tensor([[0.0]], dtype=torch.float64)


def toy_params() -> dict[str, Tensor]:
    """Fresh float64 copies of the seed's starting weights (given)."""
    return {
        "W1": torch.tensor([[-0.0053, -0.5820, -0.2723],
                            [0.3793, -0.5204, 0.1896]], dtype=torch.float64),
        "b1": torch.tensor([-0.0140, 0.5607, -0.0628], dtype=torch.float64),
        "W2": torch.tensor([[0.1528], [-0.1745], [-0.1135]], dtype=torch.float64),
        "b2": torch.tensor([-0.5516], dtype=torch.float64),
    }


def toy_forward(params: dict[str, Tensor]) -> Tensor:
    """y_hat for X_TOY, shape (1, 1) (given)."""
    h = torch.sigmoid(X_TOY @ params["W1"] + params["b1"])
    return h @ params["W2"] + params["b2"]


def toy_loss(params: dict[str, Tensor]) -> Tensor:
    """The MSE of the toy network on its one example (given)."""
    return ((toy_forward(params) - Y_TOY) ** 2).mean()


def train_toy_fd(num_steps: int = 100, lr: float = 0.01) -> tuple[Tensor, list[float]]:
    """Gradient descent on the toy network with central-difference gradients."""
    params = toy_params()
    losses = []
    for _ in range(num_steps):
        losses.append(toy_loss(params).item())          # the loss before this step
        grads = {name: numeric_gradient(                 # all taken at the same weights
                     lambda t, name=name, at=params: toy_loss({**at, name: t}), p)
                 for name, p in params.items()}
        params = {name: p - lr * grads[name] for name, p in params.items()}
    return toy_forward(params), losses
