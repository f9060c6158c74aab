"""Checks for lesson05/class_counts."""

import pytest
import torch

from tutor.testing import (
    assert_equal,
    assert_no_loops,
    assert_tensor,
    describe_call,
    forbidden,
    inputs_unchanged,
    randint,
    require_function,
)

RULE = "Count with scatter_add_ into a zeros tensor of length num_classes."


def _call(exercise, labels, num_classes):
    with forbidden("torch.bincount", "torch.Tensor.bincount", rule=RULE):
        return exercise.class_counts(labels, num_classes)


def _spec(labels, num_classes):
    # Plain-Python counting: the definition, one class at a time.
    values = labels.tolist()
    return torch.tensor([values.count(c) for c in range(num_classes)], dtype=torch.int64,
                        device=labels.device)


def _overwrite_hint(got, expected):
    # scatter_ instead of scatter_add_ gives the right shape but counts repeats once.
    if not isinstance(got, torch.Tensor):
        return None
    if got.is_floating_point():
        return "zeros() and ones() are float32 unless you pass dtype=torch.int64 (or ones_like)."
    if got.shape == expected.shape and got.sum() < expected.sum():
        return "scatter_ overwrites: repeated labels need scatter_add_ to add up."
    return None


def _with_meta_default(fn, call, hint):
    """Run fn() with 'meta' as the default device: a tensor made without device= lands there."""
    try:
        with torch.device("meta"):
            return fn()
    except NotImplementedError as error:   # a RuntimeError too
        if "meta" not in str(error).lower():
            raise  # the stub's "not started"
        raise AssertionError(f"{call} raised NotImplementedError: {str(error).splitlines()[0]}"
                             f"\nHint: {hint}") from None
    except RuntimeError as error:
        raise AssertionError(f"{call} raised RuntimeError: {str(error).splitlines()[0]}"
                             f"\nHint: {hint}") from None


def test_small_example(exercise):
    """class_counts([0, 2, 2, 3], 5) is [1, 0, 2, 1, 0]"""
    require_function(exercise, "class_counts")
    labels = torch.tensor([0, 2, 2, 3])
    got = _call(exercise, labels, 5)
    expected = torch.tensor([1, 0, 2, 1, 0])
    assert_equal(got, expected, call=describe_call("class_counts", labels, 5),
                 hint=_overwrite_hint(got, expected))


@pytest.mark.parametrize("n, num_classes", [(1, 1), (1, 4), (10, 2), (50, 10), (200, 7)])
def test_random_labels(exercise, rng, device, n, num_classes):
    """counts every label on random inputs (repeated labels add up), on the labels' device"""
    labels = randint(0, num_classes, n, generator=rng, device=device)
    got = _call(exercise, labels, num_classes)
    expected = _spec(labels, num_classes)
    assert_equal(got, expected, call=describe_call("class_counts", labels, num_classes),
                 hint=_overwrite_hint(got, expected))


def test_counts_sum_to_n(exercise, rng):
    """the counts add up to N"""
    labels = randint(0, 6, 40, generator=rng)
    got = _call(exercise, labels, 6)
    assert_equal(got.sum(), torch.tensor(40),
                 call=describe_call("class_counts", labels, 6) + ".sum()",
                 hint="every label must be counted once: scatter_add_ a tensor of ones.")


def test_unused_classes(exercise, device):
    """classes that never occur count 0, including the largest ones (length is num_classes)"""
    labels = torch.tensor([1, 1, 0], device=device)
    got = _call(exercise, labels, 5)
    expected = torch.tensor([1, 2, 0, 0, 0], device=device)
    assert_equal(got, expected, call=describe_call("class_counts", labels, 5),
                 hint="the result has num_classes entries whatever labels holds."
                 if isinstance(got, torch.Tensor) and got.shape != expected.shape else None)


def test_empty(exercise, device):
    """no labels give num_classes zeros"""
    labels = torch.zeros(0, dtype=torch.int64, device=device)
    got = _call(exercise, labels, 3)
    assert_equal(got, torch.zeros(3, dtype=torch.int64, device=device),
                 call=describe_call("class_counts", labels, 3))


def test_tensors_made_on_labels_device(exercise, rng):
    """every tensor it creates is on labels' device (checked with 'meta' as the default device)"""
    labels = randint(0, 4, 11, generator=rng)
    call = describe_call("class_counts", labels, 4) + " with torch.device('meta') active"
    hint = ("make new tensors on labels' device (device=labels.device, torch.ones_like): "
            "torch.zeros(...) or torch.arange(...) without device= lands on the default "
            "device, which is the CPU on your machine but not on a GPU run.")
    got = _with_meta_default(lambda: _call(exercise, labels, 4), call, hint)
    assert_tensor(got, call=call, shape=(4,), dtype=torch.int64, device="cpu", hint=hint)
    assert_equal(got, _spec(labels, 4), call=call)


def test_leaves_labels_unchanged(exercise, rng):
    """leaves labels as they were"""
    labels = randint(0, 5, 12, generator=rng)
    call = describe_call("class_counts", labels, 5)
    with inputs_unchanged(call, labels=labels):
        got = _call(exercise, labels, 5)
    assert_equal(got, _spec(labels, 5), call=call)


def test_rule_no_bincount(exercise, rng):
    """rule: no torch.bincount"""
    labels = randint(0, 4, 12, generator=rng)
    got = _call(exercise, labels, 4)
    assert_equal(got, _spec(labels, 4), call=describe_call("class_counts", labels, 4))


def test_rule_no_loops(exercise, rng):
    """rule: no Python loops or comprehensions"""
    labels = randint(0, 4, 12, generator=rng)
    got = _call(exercise, labels, 4)
    assert_equal(got, _spec(labels, 4), call=describe_call("class_counts", labels, 4))
    assert_no_loops(exercise)


@pytest.mark.gpu
def test_gpu_matches_cpu(exercise, rng, gpu_device):
    """on a CUDA GPU: the counts are made on the GPU and match the CPU result"""
    labels = randint(0, 10, 1000, generator=rng)
    got = _call(exercise, labels.to(gpu_device), 10)
    assert_equal(got, _spec(labels, 10).to(gpu_device),
                 call=describe_call("class_counts", labels.to(gpu_device), 10))
