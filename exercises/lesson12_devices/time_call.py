"""Lesson 12, exercise 4: time a call correctly on CPU and GPU."""

import time
from collections.abc import Callable

import torch


def time_call(fn: Callable[[], object], device: torch.device, repeats: int = 10,
              warmup: int = 2) -> float:
    """Return the mean wall-clock seconds per call of ``fn()``.

    1. Call ``fn()`` ``warmup`` times without timing (first calls pay one-off costs).
    2. Read the clock with ``time.perf_counter()``, call ``fn()`` ``repeats`` times, read
       it again, and return the elapsed time divided by ``repeats``.
    3. On a CUDA device, ``torch.cuda.synchronize()`` before each clock read: CUDA calls
       return before the GPU has finished. On any other device, do not touch CUDA.

    Args:
        fn: the work to time, called with no arguments.
        device: where ``fn``'s work runs, a ``torch.device``.
        repeats: timed calls (>= 1).
        warmup: untimed calls first (>= 0).

    Returns:
        Seconds per call, a Python float.

    Example:
        >>> time_call(lambda: time.sleep(0.002), torch.device("cpu"), repeats=20)
        0.00207...
    """
    # TODO: warm up, (sync,) start clock, run repeats, (sync,) stop clock, return the mean.
    raise NotImplementedError("time_call: not written yet")
