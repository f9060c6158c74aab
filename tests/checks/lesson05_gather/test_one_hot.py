"""Checks for lesson05/one_hot."""

import pytest
import torch
import torch.nn.functional as F

from tutor.testing import (
    assert_equal,
    assert_no_loops,
    describe_call,
    forbidden,
    randint,
    require_function,
)

RULE = "Build the rows yourself: a zeros tensor and scatter_, or a comparison with arange."


def _call(exercise, labels, num_classes):
    with forbidden("torch.nn.functional.one_hot", rule=RULE):
        return exercise.one_hot(labels, num_classes)


def _check(got, labels, num_classes, expected=None):
    """Compare with F.one_hot, naming the two usual slips: bool rows and a data-sized width."""
    expected = F.one_hot(labels, num_classes) if expected is None else expected
    hint = None
    if isinstance(got, torch.Tensor) and got.dtype == torch.bool:
        hint = "a comparison gives a bool tensor: convert it with .long()."
    elif isinstance(got, torch.Tensor) and got.is_floating_point():
        hint = "torch.zeros(...) is float32 unless you pass dtype=torch.int64."
    elif isinstance(got, torch.Tensor) and got.dim() == 2 and got.shape[1] != num_classes:
        hint = "take the width from num_classes, not from labels.max() + 1."
    assert_equal(got, expected, call=describe_call("one_hot", labels, num_classes), hint=hint)


def test_small_example(exercise):
    """one_hot([0, 2, 1], 3) is [[1, 0, 0], [0, 0, 1], [0, 1, 0]]"""
    require_function(exercise, "one_hot")
    labels = torch.tensor([0, 2, 1])
    expected = torch.tensor([[1, 0, 0], [0, 0, 1], [0, 1, 0]])
    _check(_call(exercise, labels, 3), labels, 3, expected=expected)


def test_dtype_int64(exercise):
    """returns int64, like torch.nn.functional.one_hot (not float, not bool)"""
    labels = torch.tensor([1, 0])
    got = _call(exercise, labels, 2)
    _check(got, labels, 2, expected=torch.tensor([[0, 1], [1, 0]]))


@pytest.mark.parametrize("n, num_classes", [(1, 1), (1, 5), (9, 2), (20, 10), (64, 50)])
def test_random_labels(exercise, rng, device, n, num_classes):
    """matches F.one_hot on random labels, on the labels' device"""
    labels = randint(0, num_classes, n, generator=rng, device=device)
    _check(_call(exercise, labels, num_classes), labels, num_classes)


def test_unused_classes(exercise, device):
    """num_classes sets the width even when the largest classes never occur"""
    labels = torch.tensor([0, 1, 1, 0], device=device)
    _check(_call(exercise, labels, 6), labels, 6)


def test_empty(exercise, device):
    """no labels give an empty (0, num_classes) tensor"""
    labels = torch.zeros(0, dtype=torch.int64, device=device)
    _check(_call(exercise, labels, 4), labels, 4)


def test_rows_are_one_hot(exercise, rng):
    """every row sums to 1 and its argmax is the label"""
    labels = randint(0, 7, 30, generator=rng)
    got = _call(exercise, labels, 7)
    _check(got, labels, 7)
    call = describe_call("one_hot", labels, 7)
    assert_equal(got.sum(dim=1), torch.ones(30, dtype=torch.int64), call=call + ".sum(dim=1)")
    assert_equal(got.argmax(dim=1), labels, call=call + ".argmax(dim=1)")


def test_rule_no_f_one_hot(exercise, rng):
    """rule: no torch.nn.functional.one_hot"""
    labels = randint(0, 5, 8, generator=rng)
    _check(_call(exercise, labels, 5), labels, 5)


def test_rule_no_loops(exercise, rng):
    """rule: no Python loops or comprehensions"""
    labels = randint(0, 5, 8, generator=rng)
    _check(_call(exercise, labels, 5), labels, 5)
    assert_no_loops(exercise)


@pytest.mark.gpu
def test_gpu_matches_cpu(exercise, rng, gpu_device):
    """on a CUDA GPU: the one-hot rows are built on the GPU and match the CPU result"""
    labels = randint(0, 10, 128, generator=rng)
    expected = F.one_hot(labels, 10).to(gpu_device)
    labels = labels.to(gpu_device)
    _check(_call(exercise, labels, 10), labels, 10, expected=expected)
