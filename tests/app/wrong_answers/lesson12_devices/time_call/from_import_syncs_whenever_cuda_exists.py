"""Wrong: imports is_available/synchronize by name and syncs whenever CUDA exists, even on the CPU."""

import time

from torch.cuda import is_available, synchronize


def time_call(fn, device, repeats=10, warmup=2):
    for _ in range(warmup):
        fn()
    if is_available():
        synchronize()
    start = time.perf_counter()
    for _ in range(repeats):
        fn()
    if is_available():
        synchronize()
    return (time.perf_counter() - start) / repeats
