"""Wrong: returns the total time of all repeats instead of the time per call."""

import time

import torch


def time_call(fn, device, repeats=10, warmup=2):
    for _ in range(warmup):
        fn()
    if device.type == "cuda":
        torch.cuda.synchronize()
    start = time.perf_counter()
    for _ in range(repeats):
        fn()
    if device.type == "cuda":
        torch.cuda.synchronize()
    return time.perf_counter() - start
