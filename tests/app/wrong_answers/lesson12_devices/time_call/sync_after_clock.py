"""Wrong: reads the clock first and synchronizes afterwards, which is too late."""

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
    elapsed = time.perf_counter() - start
    if device.type == "cuda":
        torch.cuda.synchronize()
    return elapsed / repeats
