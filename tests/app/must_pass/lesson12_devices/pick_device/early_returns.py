"""Early returns; torch.device built from a string."""

import torch


def pick_device(prefer_gpu: bool = True) -> torch.device:
    if not prefer_gpu:
        return torch.device("cpu")
    if torch.cuda.is_available():
        return torch.device("cuda")
    if torch.backends.mps.is_available():
        return torch.device("mps")
    return torch.device("cpu")
