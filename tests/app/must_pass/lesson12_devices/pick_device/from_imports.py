"""The availability functions imported by name (from torch.cuda import is_available)."""

import torch
from torch.backends.mps import is_available as mps_available
from torch.cuda import is_available as cuda_available


def pick_device(prefer_gpu: bool = True) -> torch.device:
    if prefer_gpu and cuda_available():
        return torch.device("cuda")
    if prefer_gpu and mps_available():
        return torch.device("mps")
    return torch.device("cpu")
