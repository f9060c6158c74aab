"""Wrong: reshape(N, -1) cannot infer -1 for an empty batch (0 elements), so it raises."""

import torch


def flatten_per_sample(x: torch.Tensor) -> torch.Tensor:
    return x.reshape(x.shape[0], -1)
