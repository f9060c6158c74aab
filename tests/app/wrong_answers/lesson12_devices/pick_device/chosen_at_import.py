"""Wrong: decides the device once at import time, so pick_device never re-checks for a GPU."""

import torch

DEVICE = torch.device("cuda" if torch.cuda.is_available() else "cpu")


def pick_device(prefer_gpu: bool = True) -> torch.device:
    return DEVICE if prefer_gpu else torch.device("cpu")
