"""Checks for lesson12/parity_gap."""

import pytest
import torch
import torch.nn.functional as F

from tutor.testing import describe, randn, require_function


class _Spy:
    """A fn that remembers the devices it was called with and answers per device."""

    def __init__(self, delta: torch.Tensor) -> None:
        self.delta = delta
        self.calls: list[set[str]] = []

    def __call__(self, *xs: torch.Tensor) -> torch.Tensor:
        self.calls.append({x.device.type for x in xs})
        base = torch.tensor([1.0, 2.0, 3.0])
        on_cpu = all(x.device.type == "cpu" for x in xs)
        return base if on_cpu else base + self.delta  # a CPU tensor either way


def _float(got, call: str) -> float:
    assert type(got) is float, (
        f"{call} returned {describe(got)}; expected a Python float. Use .item() on the "
        "0-d result.")
    return got


def test_small_example(exercise, rng):
    """parity_gap(matmul, [a, b], cpu) is 0.0: the CPU agrees with itself"""
    parity_gap = require_function(exercise, "parity_gap")
    a, b = randn(3, 4, generator=rng), randn(4, 2, generator=rng)
    got = _float(parity_gap(torch.matmul, [a, b], torch.device("cpu")),
                 "parity_gap(torch.matmul, [a, b], cpu)")
    assert got == 0.0, f"parity_gap(torch.matmul, [a, b], cpu) returned {got}; expected 0.0."


def test_runs_on_cpu_and_on_device(exercise):
    """fn runs once on CPU copies and once on copies moved to `device` (meta here)"""
    spy = _Spy(torch.tensor([0.5, -2.0, 1.0]))
    exercise.parity_gap(spy, [torch.ones(2), torch.zeros(2)], torch.device("meta"))
    assert {"cpu"} in spy.calls, (
        f"fn was called with inputs on {spy.calls}; it never ran on the CPU inputs, so there "
        "is no reference to compare with.")
    assert {"meta"} in spy.calls, (
        f"fn was called with inputs on {spy.calls}; it never ran on the device asked for "
        "(meta). Move every input with x.to(device) for the second run.")


def test_largest_absolute_difference(exercise):
    """returns the largest ABSOLUTE difference (here 2.0 from a -2.0 entry)"""
    spy = _Spy(torch.tensor([0.5, -2.0, 1.0]))
    call = "parity_gap(fn, inputs, meta) where the device result differs by [0.5, -2.0, 1.0]"
    got = _float(exercise.parity_gap(spy, [torch.ones(2)], torch.device("meta")), call)
    assert abs(got - 2.0) < 1e-12, (
        f"{call} returned {got}; expected 2.0.\nHint: take .abs() before .max(): a result "
        "2.0 BELOW the reference is as far off as one 2.0 above.")


def test_random_gaps(exercise, rng):
    """matches max |delta| for random differences"""
    base = torch.tensor([1.0, 2.0, 3.0])
    for _ in range(3):
        delta = randn(3, generator=rng) * 1e-3
        call = f"parity_gap(fn, inputs, meta) with differences {delta.tolist()}"
        got = _float(exercise.parity_gap(_Spy(delta), [torch.ones(1)], torch.device("meta")),
                     call)
        want = ((base + delta).double() - base.double()).abs().max().item()
        assert abs(got - want) <= 1e-9, f"{call} returned {got}; expected {want:.9g}."


@pytest.mark.gpu
def test_gpu_matmul_and_conv(exercise, rng, gpu_device):
    """on CUDA with TF32 off, matmul and conv2d agree with the CPU to about 1e-5"""
    a, b = randn(256, 256, generator=rng), randn(256, 256, generator=rng)
    gap = _float(exercise.parity_gap(torch.matmul, [a, b], gpu_device),
                 "parity_gap(torch.matmul, [a, b], cuda)")
    assert 0.0 <= gap < 1e-3, (
        f"parity_gap(torch.matmul, <256x256 float32>, cuda) returned {gap}; with TF32 off "
        "the GPU and CPU products agree to about 1e-4 (entries are about 16 in size).")
    x, w = randn(2, 3, 16, 16, generator=rng), randn(4, 3, 3, 3, generator=rng)
    gap = _float(exercise.parity_gap(F.conv2d, [x, w], gpu_device),
                 "parity_gap(F.conv2d, [x, w], cuda)")
    assert 0.0 <= gap < 1e-3, f"parity_gap(F.conv2d, [x, w], cuda) returned {gap}."
    shifted = _float(exercise.parity_gap(lambda t: t + float(t.is_cuda), [a], gpu_device),
                     "parity_gap(fn that adds 1 on CUDA, [a], cuda)")
    # (a + 1) - a is 1.0 only up to float32 rounding of a + 1 (about 5e-7 for |a| < 8).
    assert abs(shifted - 1.0) < 1e-5, (
        f"parity_gap(<fn that adds 1.0 only on CUDA>, [a], cuda) returned {shifted}; expected "
        "1.0: the second run must happen on the GPU.")


@pytest.mark.gpu
def test_gpu_inputs_reference_on_cpu(exercise, rng, gpu_device):
    """inputs already on CUDA: the reference run still happens on the CPU"""
    a = randn(8, generator=rng).to(gpu_device)
    gap = _float(exercise.parity_gap(lambda t: t + float(t.is_cuda), [a], gpu_device),
                 "parity_gap(fn that adds 1 on CUDA, [<a on cuda>], cuda)")
    assert abs(gap - 1.0) < 1e-5, (
        f"parity_gap(<fn that adds 1.0 only on CUDA>, [<a on cuda>], cuda) returned {gap}; "
        "expected 1.0: the reference run must move the inputs to the CPU (x.cpu()) even when "
        "they arrive on the GPU.")
