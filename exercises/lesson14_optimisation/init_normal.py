"""Lesson 14, exercise 4: Xavier and Kaiming initialisation, by hand."""

import torch
from torch import Tensor


def init_normal_(weight: Tensor, scheme: str = "kaiming", nonlinearity: str = "relu",
                 generator: torch.Generator | None = None) -> Tensor:
    """Fill ``weight`` in place with samples of N(0, std²), std by Xavier or Kaiming.

    With ``receptive_field`` = the product of ``weight.shape[2:]`` (1 for a Linear
    weight of shape (out, in); kh * kw for a Conv2d weight (out, in, kh, kw)):

        fan_in  = weight.shape[1] * receptive_field
        fan_out = weight.shape[0] * receptive_field
        gain    = 1 for "linear" and "sigmoid", 5/3 for "tanh", sqrt(2) for "relu"
        "xavier":  std = gain * sqrt(2 / (fan_in + fan_out))
        "kaiming": std = gain / sqrt(fan_in)

    These are the stds of ``nn.init.xavier_normal_(w, gain)`` and
    ``nn.init.kaiming_normal_(w, mode="fan_in", nonlinearity=...)``.

    Mutates: ``weight``, in place (same tensor, same memory), without autograd recording
    it, so it works on an ``nn.Parameter``: the weight stays a leaf that requires grad.
    Keeps its shape, dtype and device.

    Args:
        weight: a floating-point tensor with at least 2 dimensions, on any device.
        scheme: "xavier" or "kaiming".
        nonlinearity: "linear", "sigmoid", "tanh" or "relu".
        generator: draw the samples from it when given (a generator on weight's device),
            else from torch's global generator.

    Returns:
        weight itself (like ``nn.init`` functions), after filling it.

    Raises:
        ValueError: if weight has fewer than 2 dimensions, or scheme or nonlinearity is
            not one of the names above, before changing anything.

    Rules:
        Compute the fans and the std yourself: ``nn.init``'s xavier/kaiming functions,
        ``calculate_gain`` and its fan helpers are disabled in the checks.

    Example:
        >>> w = torch.empty(128, 256)              # a Linear(256, 128) weight
        >>> init_normal_(w, "kaiming", "relu").std()   # about sqrt(2 / 256) = 0.0884
        tensor(0.0885)
    """
    # TODO: validate; fans from the shape; std from the scheme and gain; fill under no_grad.
    raise NotImplementedError("init_normal_: not written yet")
