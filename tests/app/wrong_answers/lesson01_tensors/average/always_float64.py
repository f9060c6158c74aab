"""Wrong: converts to float64 "for precision"; integer inputs must give float32."""

import torch


def average(x: torch.Tensor) -> torch.Tensor:
    return x.double().mean()
