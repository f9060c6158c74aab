"""autocast with dtype=torch.get_autocast_dtype(...) spelled out, torch.matmul inside."""

import torch


def mixed_precision_matmul(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    kind = a.device.type
    with torch.autocast(device_type=kind, dtype=torch.get_autocast_dtype(kind), enabled=True):
        return torch.matmul(a, b)
