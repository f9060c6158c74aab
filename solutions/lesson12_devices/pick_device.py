"""Lesson 12, exercise 1: pick the best available device."""

import torch


def pick_device(prefer_gpu: bool = True) -> torch.device:
    """CUDA if available, then Apple's MPS, then the CPU; the CPU when ``prefer_gpu`` is False."""
    if prefer_gpu and torch.cuda.is_available():
        return torch.device("cuda")
    if prefer_gpu and torch.backends.mps.is_available():
        return torch.device("mps")
    return torch.device("cpu")
