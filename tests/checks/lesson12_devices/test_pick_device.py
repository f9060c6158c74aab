"""Checks for lesson12/pick_device.

CUDA and MPS availability is simulated with monkeypatch, so every branch is checked on a
CPU-only machine; the GPU check then confirms the real answer on a CUDA machine.
"""

import pytest
import torch

from tutor.testing import describe, require_function


def _simulate(monkeypatch, cuda: bool, mps: bool, exercise) -> None:
    """Fake the answers, also where the exercise imported the functions by name."""
    for owner, answer in ((torch.cuda, cuda), (torch.backends.mps, mps)):
        original = owner.is_available
        monkeypatch.setattr(owner, "is_available", lambda answer=answer: answer)
        for name, value in list(vars(exercise).items()):
            if value is original:   # `from torch.cuda import is_available [as ...]`
                monkeypatch.setattr(exercise, name, lambda answer=answer: answer)


def _check(got, expected: str, call: str, hint: str = "") -> None:
    assert isinstance(got, torch.device), (
        f"{call} returned {describe(got)}; expected a torch.device such as "
        f"torch.device({expected!r}), not a string.")
    assert got.type == expected, f"{call} returned {got}; expected {expected}." + (
        f"\nHint: {hint}" if hint else "")


def test_small_example(exercise):
    """on this machine it picks what torch reports as available"""
    pick_device = require_function(exercise, "pick_device")
    if torch.cuda.is_available():
        expected = "cuda"
    elif torch.backends.mps.is_available():
        expected = "mps"
    else:
        expected = "cpu"
    _check(pick_device(), expected, "pick_device()",
           "ask torch.cuda.is_available() and torch.backends.mps.is_available(); never assume "
           "a GPU is there.")


def test_returns_a_device(exercise, monkeypatch):
    """returns a torch.device object, not a string"""
    _simulate(monkeypatch, cuda=False, mps=False, exercise=exercise)
    _check(exercise.pick_device(), "cpu", "pick_device()")


def test_cuda_when_available(exercise, monkeypatch):
    """picks cuda when torch.cuda.is_available() is True (simulated)"""
    _simulate(monkeypatch, cuda=True, mps=False, exercise=exercise)
    _check(exercise.pick_device(), "cuda", "pick_device() with CUDA available",
           "call torch.cuda.is_available() inside pick_device, every time: a device chosen "
           "once when the file is imported cannot notice a GPU.")


def test_cuda_before_mps(exercise, monkeypatch):
    """prefers cuda over mps when both are available (simulated)"""
    _simulate(monkeypatch, cuda=True, mps=True, exercise=exercise)
    _check(exercise.pick_device(), "cuda", "pick_device() with CUDA and MPS available",
           "check CUDA first, then MPS.")


def test_mps_when_no_cuda(exercise, monkeypatch):
    """picks mps when only Apple's MPS is available (simulated)"""
    _simulate(monkeypatch, cuda=False, mps=True, exercise=exercise)
    _check(exercise.pick_device(), "mps", "pick_device() with only MPS available",
           "after CUDA, ask torch.backends.mps.is_available().")


def test_cpu_when_nothing_else(exercise, monkeypatch):
    """falls back to cpu when neither CUDA nor MPS is available (simulated)"""
    _simulate(monkeypatch, cuda=False, mps=False, exercise=exercise)
    _check(exercise.pick_device(), "cpu", "pick_device() with no GPU",
           "a hard-coded torch.device('cuda:0') crashes on machines without CUDA.")


def test_prefer_gpu_false(exercise, monkeypatch):
    """prefer_gpu=False gives cpu even when a GPU is available (simulated)"""
    _simulate(monkeypatch, cuda=True, mps=True, exercise=exercise)
    _check(exercise.pick_device(prefer_gpu=False), "cpu",
           "pick_device(prefer_gpu=False) with CUDA available")


@pytest.mark.gpu
def test_real_gpu(exercise, gpu_device):
    """on a CUDA machine it picks cuda, and tensors can be created there"""
    got = exercise.pick_device()
    _check(got, "cuda", "pick_device() on a CUDA machine")
    x = torch.ones(3, device=got)
    assert x.device.type == "cuda", f"torch.ones(3, device=pick_device()) is on {x.device}."
