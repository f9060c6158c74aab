"""Wrong: only knows CUDA and the CPU, so a Mac's GPU (MPS) is never used."""

import torch


def pick_device(prefer_gpu: bool = True) -> torch.device:
    if prefer_gpu and torch.cuda.is_available():
        return torch.device("cuda")
    return torch.device("cpu")
