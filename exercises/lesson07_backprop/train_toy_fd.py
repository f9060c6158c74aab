"""Lesson 07, exercise 3: training the toy network by finite differences."""

import torch
from torch import Tensor

# Same contract as your numeric_grad from exercise 1 (paste yours here instead if you like).
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
    """Train the toy network by gradient descent with finite-difference gradients.

    Start from toy_params(). At every step:
      1. record toy_loss(params) as a Python float (the loss *before* the step);
      2. estimate the gradient of toy_loss for every parameter (W1, b1, W2, b2) by
         central differences with eps = 1e-6, all at the same, not-yet-updated weights;
      3. update every parameter: p ← p − lr · grad.

    Args:
        num_steps: how many updates (0 means: no training at all).
        lr: the learning rate.

    Returns:
        (y_hat, losses): y_hat = toy_forward(params) after the last step, a float64
        tensor of shape (1, 1); losses, a list of num_steps Python floats.

    Rules:
        No autograd: `backward` and `torch.autograd.grad` are switched off.

    Example:
        >>> y_hat, losses = train_toy_fd(num_steps=2, lr=0.01)
        >>> [round(v, 6) for v in losses]
        [0.33455, 0.312076]
    """
    # TODO: loop num_steps times: record the loss, take all gradients, then update.
    raise NotImplementedError("train_toy_fd: not written yet")
