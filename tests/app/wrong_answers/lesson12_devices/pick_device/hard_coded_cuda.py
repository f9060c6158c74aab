"""Wrong: hard-codes cuda:0 (the seed's habit), which breaks on machines without CUDA."""

import torch


def pick_device(prefer_gpu: bool = True) -> torch.device:
    return torch.device("cuda:0")
