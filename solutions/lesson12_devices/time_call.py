"""Lesson 12, exercise 4: time a call correctly on CPU and GPU."""

import time
from collections.abc import Callable

import torch


def time_call(fn: Callable[[], object], device: torch.device, repeats: int = 10,
              warmup: int = 2) -> float:
    """Mean seconds per call of ``fn()`` over ``repeats`` calls, after ``warmup`` untimed ones."""
    def sync() -> None:
        if device.type == "cuda":
            torch.cuda.synchronize(device)  # wait for queued GPU work before reading the clock

    for _ in range(warmup):
        fn()
    sync()
    start = time.perf_counter()
    for _ in range(repeats):
        fn()
    sync()
    return (time.perf_counter() - start) / repeats
