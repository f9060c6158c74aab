"""One conditional expression picking the name; torch.device(type=...)."""

import torch


def pick_device(prefer_gpu: bool = True) -> torch.device:
    name = ("cuda" if prefer_gpu and torch.cuda.is_available()
            else "mps" if prefer_gpu and torch.backends.mps.is_available()
            else "cpu")
    return torch.device(type=name)
