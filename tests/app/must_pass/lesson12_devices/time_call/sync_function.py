"""A sync function chosen once (a no-op lambda off CUDA), torch.cuda.synchronize(device)."""

import time
from collections.abc import Callable

import torch


def time_call(fn: Callable[[], object], device: torch.device, repeats: int = 10,
              warmup: int = 2) -> float:
    if device.type == "cuda":
        def sync() -> None:
            torch.cuda.synchronize(device)
    else:
        def sync() -> None:
            pass
    for _ in range(warmup):
        fn()
    sync()
    start = time.perf_counter()
    for _ in range(repeats):
        fn()
    sync()
    return (time.perf_counter() - start) / repeats
