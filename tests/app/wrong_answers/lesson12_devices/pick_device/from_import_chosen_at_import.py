"""Wrong: imports is_available by name and still decides the device once, at import time."""

import torch
from torch.cuda import is_available

HAS_CUDA = is_available()


def pick_device(prefer_gpu: bool = True) -> torch.device:
    if prefer_gpu and HAS_CUDA:
        return torch.device("cuda")
    if prefer_gpu and torch.backends.mps.is_available():
        return torch.device("mps")
    return torch.device("cpu")
