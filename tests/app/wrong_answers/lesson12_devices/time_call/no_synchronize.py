"""Wrong: never synchronizes, so on CUDA it times only how long it takes to queue the work."""

import time


def time_call(fn, device, repeats=10, warmup=2):
    for _ in range(warmup):
        fn()
    start = time.perf_counter()
    for _ in range(repeats):
        fn()
    return (time.perf_counter() - start) / repeats
