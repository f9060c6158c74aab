"""Checks for lesson12/to_device.

On the CPU the checks move batches to the 'meta' device: tensors there have shapes and
dtypes but no data, so "did it move?" is checkable without a GPU.
"""

import pytest
import torch
from torch import nn

from tutor.testing import assert_close, describe, require_function

META = torch.device("meta")


def _leaves(obj, path="batch"):
    """(path, leaf) for every non-container value, in order."""
    if isinstance(obj, dict):
        for key, value in obj.items():
            yield from _leaves(value, f"{path}[{key!r}]")
    elif isinstance(obj, (list, tuple)):
        for i, item in enumerate(obj):
            yield from _leaves(item, f"{path}[{i}]")
    else:
        yield path, obj


def _same_structure(got, expected, path="batch"):
    """Fail with the first place where container types or lengths/keys differ."""
    if isinstance(expected, (dict, list, tuple)):
        assert type(got) is type(expected), (
            f"to_device(...) turned {path}, a {type(expected).__name__}, into "
            f"{describe(got)}. Rebuild each container with its own type: a tuple stays a "
            "tuple (a batch (X, y) is often unpacked or hashed), a list stays a list.")
        if isinstance(expected, dict):
            assert list(got) == list(expected), (
                f"to_device(...) changed the keys of {path}: {list(got)} instead of "
                f"{list(expected)}.")
            for key in expected:
                _same_structure(got[key], expected[key], f"{path}[{key!r}]")
        else:
            assert len(got) == len(expected), (
                f"to_device(...) changed the length of {path}: {len(got)} instead of "
                f"{len(expected)}.")
            for i, (g, e) in enumerate(zip(got, expected, strict=True)):
                _same_structure(g, e, f"{path}[{i}]")


def _check_moved(got, original, device):
    _same_structure(got, original)
    for (path, leaf), (_, before) in zip(_leaves(got), _leaves(original), strict=True):
        if isinstance(before, torch.Tensor):
            assert isinstance(leaf, torch.Tensor), f"{path} became {describe(leaf)}."
            assert leaf.device.type == device.type, (
                f"{path} is still on {leaf.device} after to_device(batch, {device}).\nHint: "
                "tensor.to(device) returns a NEW tensor and leaves the old one where it was: "
                "use the value it returns (nn.Module.to is the one that works in place).")
            assert leaf.dtype == before.dtype and leaf.shape == before.shape, (
                f"{path} changed from {describe(before)} to {describe(leaf)}: move it, do not "
                "convert it (int64 labels must stay int64).")
        else:
            assert leaf is before, (
                f"{path} was {describe(before)} and came back as {describe(leaf)}: values "
                "that are not tensors must be returned unchanged.")


def _nested(rng):
    return {
        "inputs": [torch.randn(2, 3, generator=rng), (torch.randn(4, generator=rng),
                                                      torch.arange(3))],
        "extra": {"ids": torch.tensor([7, 8]), "name": "batch-7", "n": 3, "none": None},
    }


def test_small_example(exercise, rng):
    """moves {'X': float32 (2, 3), 'y': int64 (2,)} to the device, keeping the dict"""
    to_device = require_function(exercise, "to_device")
    batch = {"X": torch.randn(2, 3, generator=rng), "y": torch.tensor([0, 1])}
    _check_moved(to_device(batch, META), batch, META)


def test_single_tensor(exercise, rng):
    """a bare tensor is moved"""
    x = torch.randn(3, generator=rng)
    _check_moved(exercise.to_device(x, META), x, META)


def test_tuple_batch(exercise, rng):
    """an (X, y) tuple comes back as a tuple of moved tensors"""
    batch = (torch.randn(4, 2, generator=rng), torch.tensor([1, 0, 1, 1]))
    _check_moved(exercise.to_device(batch, META), batch, META)


def test_nested_structure(exercise, rng):
    """dicts of lists of tuples are moved at every depth; strings, ints and None are kept"""
    batch = _nested(rng)
    _check_moved(exercise.to_device(batch, META), batch, META)


def test_module(exercise):
    """an nn.Module is moved (all its parameters) and the same module is returned"""
    net = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 1))
    got = exercise.to_device(net, META)
    assert got is net, f"to_device(net, 'meta') returned {describe(got)}; expected net itself."
    where = {p.device.type for p in net.parameters()}
    assert where == {"meta"}, f"to_device(net, 'meta') left parameters on {where}."


def test_input_not_modified(exercise, rng):
    """the caller's batch is left as it was (new containers are returned)"""
    batch = _nested(rng)
    snapshot = [(path, leaf) for path, leaf in _leaves(batch)]
    exercise.to_device(batch, META)
    for (path, before), (_, now) in zip(snapshot, _leaves(batch), strict=False):
        assert now is before, (
            f"to_device(batch, 'meta') changed the caller's {path}. Build and return new "
            "dicts/lists instead of assigning into the ones you were given.")


def test_cpu_to_cpu(exercise, rng):
    """moving to the device a tensor is already on keeps its values"""
    batch = {"X": torch.randn(2, 2, generator=rng)}
    got = exercise.to_device(batch, torch.device("cpu"))
    _same_structure(got, batch)
    assert_close(got["X"], batch["X"], call="to_device(batch, 'cpu')['X']")


@pytest.mark.gpu
def test_gpu(exercise, rng, gpu_device):
    """on CUDA every tensor leaf lands on the GPU with its values"""
    batch = _nested(rng)
    got = exercise.to_device(batch, gpu_device)
    _check_moved(got, batch, gpu_device)
    assert_close(got["inputs"][0], batch["inputs"][0].to(gpu_device),
                 call="to_device(batch, 'cuda')['inputs'][0]")
