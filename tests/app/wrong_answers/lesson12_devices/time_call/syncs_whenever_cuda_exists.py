"""Wrong: asks torch.cuda.is_available() instead of the device, so CPU timings sync a GPU."""

import time

import torch


def time_call(fn, device, repeats=10, warmup=2):
    for _ in range(warmup):
        fn()
    if torch.cuda.is_available():
        torch.cuda.synchronize()
    start = time.perf_counter()
    for _ in range(repeats):
        fn()
    if torch.cuda.is_available():
        torch.cuda.synchronize()
    return (time.perf_counter() - start) / repeats
