"""torch.device(device).type, while loops, elapsed kept in a variable."""

import time
from collections.abc import Callable

import torch


def time_call(fn: Callable[[], object], device: torch.device, repeats: int = 10,
              warmup: int = 2) -> float:
    on_cuda = torch.device(device).type == "cuda"
    i = 0
    while i < warmup:
        fn()
        i += 1
    if on_cuda:
        torch.cuda.synchronize()
    t0 = time.perf_counter()
    i = 0
    while i < repeats:
        fn()
        i += 1
    if on_cuda:
        torch.cuda.synchronize()
    elapsed = time.perf_counter() - t0
    return elapsed / repeats
