"""Checks for lesson12/time_call.

CUDA is simulated on the CPU: torch.cuda.synchronize and the clocks in `time` are replaced
by wrappers that log the order of events (timed call, synchronize, clock read). The GPU
check then times a real matrix product against CUDA events.
"""

import time
from pathlib import Path

import pytest
import torch

from tutor.testing import describe, load_module, require_function

CPU = torch.device("cpu")
CLOCKS = ("time", "time_ns", "perf_counter", "perf_counter_ns", "monotonic", "monotonic_ns")


def _seconds(got, call: str) -> float:
    assert type(got) is float, f"{call} returned {describe(got)}; expected seconds as a float."
    return got


def _call_on_cpu(time_call, *args, **kwargs):
    try:
        return time_call(*args, **kwargs)
    except NotImplementedError:
        raise  # a stub: reported as "not started"
    except RuntimeError as error:
        raise AssertionError(
            f"time_call(..., device=cpu) raised RuntimeError: {str(error)[:120]}\nHint: call "
            "torch.cuda.synchronize() only when device.type == 'cuda': on a machine without "
            "a GPU it fails.") from None


def _patch(monkeypatch, exercise, name: str, fake) -> None:
    """Replace torch.cuda.<name>, also where the file did `from torch.cuda import <name>`."""
    original = getattr(torch.cuda, name)
    monkeypatch.setattr(torch.cuda, name, fake)
    for global_name, value in list(vars(exercise).items()):
        if value is original:
            monkeypatch.setattr(exercise, global_name, fake)


def _traced(exercise, monkeypatch, log: list[str]):
    """time_call re-loaded with logging clocks and a simulated CUDA synchronize."""
    for name in CLOCKS:
        original = getattr(time, name)

        def clock(_original=original):
            log.append("clock")
            return _original()

        monkeypatch.setattr(time, name, clock)
    monkeypatch.setattr(torch.cuda, "synchronize", lambda *a, **k: log.append("sync"))
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    # Re-run the file's imports so `from time import perf_counter` gets the logging clock too.
    return load_module(Path(exercise.__file__)).time_call


def test_small_example(exercise):
    """a call that sleeps 2 ms is timed at about 0.002 s (the mean, not the total)"""
    time_call = require_function(exercise, "time_call")
    got = _seconds(_call_on_cpu(time_call, lambda: time.sleep(0.002), CPU, repeats=20,
                                warmup=1), "time_call(<sleep 2 ms>, cpu, repeats=20)")
    assert 0.0019 <= got <= 0.015, (
        f"time_call(<sleep 2 ms>, cpu, repeats=20, warmup=1) returned {got:.4f} s; expected "
        "about 0.002 s per call." + (" That looks like the total of all calls: divide by "
                                     "repeats." if got > 0.015 else ""))


def test_call_count(exercise):
    """fn is called warmup + repeats times"""
    calls = []
    _call_on_cpu(exercise.time_call, lambda: calls.append(1), CPU, repeats=7, warmup=3)
    assert len(calls) == 10, (
        f"time_call(fn, cpu, repeats=7, warmup=3) called fn {len(calls)} times; expected 3 "
        "untimed warm-up calls, then 7 timed ones.")


def test_warmup_not_timed(exercise):
    """slow warm-up calls (30 ms each) are not part of the result"""
    calls = []

    def slow_start():
        calls.append(1)
        if len(calls) <= 2:
            time.sleep(0.03)  # first calls are slow: caches, allocations, kernel loading

    got = _seconds(_call_on_cpu(exercise.time_call, slow_start, CPU, repeats=5, warmup=2),
                   "time_call(fn, cpu, repeats=5, warmup=2)")
    assert got < 0.005, (
        f"time_call(<fn whose first 2 calls take 30 ms, then ~0>, cpu, repeats=5, warmup=2) "
        f"returned {got:.4f} s; expected under 0.005 s. Run the warm-up calls before "
        "starting the clock.")


def test_cpu_does_not_touch_cuda(exercise, monkeypatch):
    """on a CPU device it never calls torch.cuda.synchronize, even where CUDA exists"""
    synced = []
    _patch(monkeypatch, exercise, "synchronize", lambda *a, **k: synced.append(1))
    _patch(monkeypatch, exercise, "is_available", lambda: True)  # a GPU machine, simulated
    _call_on_cpu(exercise.time_call, lambda: None, CPU, repeats=3, warmup=1)
    assert not synced, (
        "time_call(fn, cpu) on a machine that has a GPU (simulated) called "
        "torch.cuda.synchronize(). Decide from the `device` argument, not from "
        "torch.cuda.is_available(): sync only when device.type == 'cuda'. The work being "
        "timed is on the CPU, and on a machine without a GPU the call raises.")


def test_cuda_synchronizes_before_reading_the_clock(exercise, monkeypatch):
    """on CUDA (simulated): synchronize, then read the clock, around the timed calls"""
    log: list[str] = []
    time_call = _traced(exercise, monkeypatch, log)
    warmup = 2
    time_call(lambda: log.append("fn"), torch.device("cuda"), repeats=3, warmup=warmup)
    calls = [i for i, event in enumerate(log) if event == "fn"]
    assert len(calls) == warmup + 3, f"fn was called {len(calls)} times; expected 5."
    order = " -> ".join(log)
    after = log[calls[-1] + 1:]
    assert "sync" in after and "clock" in after[after.index("sync") + 1:], (
        f"on CUDA the events were: {order}. After the last timed call the code must call "
        "torch.cuda.synchronize() and THEN read the clock: CUDA calls only queue work, so "
        "without waiting the clock stops before the GPU has finished.")
    before = log[calls[warmup - 1] + 1:calls[warmup]]
    assert "sync" in before and "clock" in before[before.index("sync") + 1:], (
        f"on CUDA the events were: {order}. Between the warm-up and the first timed call, "
        "call torch.cuda.synchronize() and then start the clock; otherwise the warm-up's "
        "queued GPU work is timed as well.")


@pytest.mark.gpu
def test_gpu_time_includes_the_work(exercise, gpu_device, monkeypatch):
    """on a real GPU: a 4096x4096 matmul is timed at least half as long as CUDA events say"""
    real_sync = torch.cuda.synchronize
    synced = []

    def counting_sync(*args, **kwargs):
        synced.append(1)
        return real_sync(*args, **kwargs)

    a = torch.randn(4096, 4096, device=gpu_device)
    b = torch.randn(4096, 4096, device=gpu_device)

    def fn():
        return a @ b

    fn()
    real_sync()
    start, end = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
    start.record()
    for _ in range(5):
        fn()
    end.record()
    end.synchronize()
    reference = start.elapsed_time(end) / 1000 / 5  # elapsed_time is in milliseconds
    _patch(monkeypatch, exercise, "synchronize", counting_sync)
    got = _seconds(exercise.time_call(fn, gpu_device, repeats=5, warmup=1),
                   "time_call(<4096x4096 matmul>, cuda)")
    assert synced, "time_call(fn, cuda) never called torch.cuda.synchronize()."
    assert got >= 0.5 * reference, (
        f"time_call(<4096x4096 matmul>, cuda) measured {got * 1e3:.3f} ms per call; CUDA "
        f"events measured {reference * 1e3:.3f} ms. The clock was read before the GPU "
        "finished: synchronize before reading it.")


def test_default_counts(exercise):
    """with the defaults, fn is called 2 (warm-up) + 10 (timed) times"""
    calls = []
    _call_on_cpu(exercise.time_call, lambda: calls.append(1), CPU)
    assert len(calls) == 12, (
        f"time_call(fn, cpu) called fn {len(calls)} times; the defaults are warmup=2 and "
        "repeats=10, so 12 calls in all.")
