"""`from time import perf_counter` and `from torch.cuda import synchronize` at the top."""

from collections.abc import Callable
from time import perf_counter

import torch
from torch.cuda import synchronize


def time_call(fn: Callable[[], object], device: torch.device, repeats: int = 10,
              warmup: int = 2) -> float:
    cuda = device.type == "cuda"
    for _ in range(warmup):
        fn()
    if cuda:
        synchronize(device)
    start = perf_counter()
    for _ in range(repeats):
        fn()
    if cuda:
        synchronize(device)
    return (perf_counter() - start) / repeats
