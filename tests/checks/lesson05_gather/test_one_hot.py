"""Checks for lesson05/one_hot."""

import pytest
import torch
import torch.nn.functional as F

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


def test_tensors_made_on_labels_device(exercise, rng):
    """every tensor it creates is on labels' device (checked with 'meta' as the default device)"""
    labels = randint(0, 5, 7, generator=rng)
    call = describe_call("one_hot", labels, 5) + " with torch.device('meta') active"
    hint = ("make new tensors on labels' device (device=labels.device, torch.zeros_like): "
            "torch.zeros(...) or torch.arange(...) without device= lands on the default "
            "device, which is the CPU on your machine but not on a GPU run.")
    got = _with_meta_default(lambda: _call(exercise, labels, 5), call, hint)
    assert_tensor(got, call=call, shape=(7, 5), dtype=torch.int64, device="cpu", hint=hint)
    _check(got, labels, 5)


def test_leaves_labels_unchanged(exercise, rng):
    """leaves labels as they were (no in-place unsqueeze_ or scatter into labels)"""
    labels = randint(0, 4, 9, generator=rng)
    call = describe_call("one_hot", labels, 4)
    with inputs_unchanged(call, labels=labels):
        got = _call(exercise, labels, 4)
    _check(got, labels, 4)


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
