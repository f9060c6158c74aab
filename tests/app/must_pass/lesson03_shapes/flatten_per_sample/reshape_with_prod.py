"""reshape with the product of the trailing sizes (math.prod), safe for N = 0."""

import math

import torch


def flatten_per_sample(x: torch.Tensor) -> torch.Tensor:
    return x.reshape(x.shape[0], math.prod(x.shape[1:]))
