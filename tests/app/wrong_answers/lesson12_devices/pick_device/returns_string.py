"""Wrong: returns the strings 'cuda'/'mps'/'cpu' instead of torch.device objects."""

import torch


def pick_device(prefer_gpu: bool = True):
    if prefer_gpu and torch.cuda.is_available():
        return "cuda"
    if prefer_gpu and torch.backends.mps.is_available():
        return "mps"
    return "cpu"
