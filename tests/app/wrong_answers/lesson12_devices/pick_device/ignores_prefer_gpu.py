"""Wrong: ignores prefer_gpu=False and picks a GPU anyway."""

import torch


def pick_device(prefer_gpu: bool = True) -> torch.device:
    if torch.cuda.is_available():
        return torch.device("cuda")
    if torch.backends.mps.is_available():
        return torch.device("mps")
    return torch.device("cpu")
