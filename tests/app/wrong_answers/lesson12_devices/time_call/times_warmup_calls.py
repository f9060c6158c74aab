"""Wrong: starts the clock before the warm-up, so one-off start-up costs are timed too."""

import time

import torch


def time_call(fn, device, repeats=10, warmup=2):
    start = time.perf_counter()
    for _ in range(warmup + repeats):
        fn()
    if device.type == "cuda":
        torch.cuda.synchronize()
    return (time.perf_counter() - start) / repeats
