"""Checks for lesson03/flatten_per_sample."""

import math

import pytest
import torch

from tutor.testing import (
    assert_close,
    assert_equal,
    describe_call,
    inputs_unchanged,
    randn,
    random_shape,
    require_function,
)

VIEW_HINT = ("the input is not contiguous (here: a permuted batch), and .view() can only "
             "re-read memory that is laid out in the new shape's order. Use .reshape() (it "
             "copies only when it must) or .flatten(1).")


def _call(fn, x, call):
    """Run the learner's function; explain a .view() failure instead of reporting a crash."""
    try:
        return fn(x)
    except NotImplementedError:
        raise
    except RuntimeError as error:
        if "view size is not compatible" not in str(error):
            raise
        raise AssertionError(f"{call} raised RuntimeError: {str(error).splitlines()[0]}\n"
                             f"Hint: {VIEW_HINT}") from None


def _expected(x):
    return x.reshape(x.shape[0], math.prod(x.shape[1:]))


def test_small_example(exercise):
    """arange(24).reshape(2, 3, 4) becomes rows 0..11 and 12..23"""
    flatten_per_sample = require_function(exercise, "flatten_per_sample")
    x = torch.arange(24).reshape(2, 3, 4)
    got = flatten_per_sample(x)
    assert_equal(got, torch.arange(24).reshape(2, 12), call=describe_call("flatten_per_sample", x),
                 hint="keep dim 0 (one row per sample) and merge only the other dims: "
                      "(2, 3, 4) becomes (2, 12), not (24,).")


@pytest.mark.parametrize("ndim", [2, 3, 4, 5])
def test_shapes_and_values(exercise, rng, ndim):
    """(N, d1, ..., dk) becomes (N, d1 * ... * dk), row i = x[i] in row-major order"""
    # Shrunk to the smallest failing shape on a failure (tutor.testing.shrink).
    shape = random_shape(rng, ndim, low=1, high=5)
    x = randn(*shape, generator=rng)
    got = _call(exercise.flatten_per_sample, x, describe_call("flatten_per_sample", x))
    assert_close(got, _expected(x), call=describe_call("flatten_per_sample", x),
                 hint="keep dim 0 (the batch) and merge only the dims after it.")


def test_single_sample_and_size_one_dims(exercise, rng):
    """a batch of one sample and size-1 dims keep their batch dim: (1, 1, 3, 1) -> (1, 3)"""
    x = randn(1, 1, 3, 1, generator=rng)
    got = _call(exercise.flatten_per_sample, x, describe_call("flatten_per_sample", x))
    assert_close(got, x.reshape(1, 3), call=describe_call("flatten_per_sample", x),
                 hint="squeeze() would also drop the batch dim of a single sample; merge dims "
                      "instead of removing them.")


def test_permuted_input(exercise, rng):
    """works on a non-contiguous batch: an NHWC batch permuted to NCHW"""
    x = randn(2, 4, 5, 3, generator=rng).permute(0, 3, 1, 2)
    call = describe_call("flatten_per_sample", x) + " (x is a permuted, non-contiguous view)"
    got = _call(exercise.flatten_per_sample, x, call)
    assert_close(got, _expected(x), call=call)


def test_empty_batch(exercise):
    """an empty batch (0, 3, 4) becomes (0, 12)"""
    x = torch.zeros(0, 3, 4)
    try:
        got = _call(exercise.flatten_per_sample, x, describe_call("flatten_per_sample", x))
    except RuntimeError as error:
        if isinstance(error, NotImplementedError):
            raise
        raise AssertionError(
            f"{describe_call('flatten_per_sample', x)} raised RuntimeError: "
            f"{str(error).splitlines()[0]}\nHint: with 0 elements, -1 cannot be worked out "
            "(0 * anything is 0). Give the size explicitly, or use x.flatten(1).") from None
    assert_equal(got, torch.zeros(0, 12), call=describe_call("flatten_per_sample", x))


def test_no_needless_copy(exercise, rng):
    """on a contiguous batch the result is a view: it shares x's memory"""
    x = randn(3, 2, 5, generator=rng)
    call = describe_call("flatten_per_sample", x)
    got = _call(exercise.flatten_per_sample, x, call)
    assert_close(got, _expected(x), call=call)
    if got.untyped_storage().data_ptr() != x.untyped_storage().data_ptr():
        raise AssertionError(
            f"{call} returned a copy of a contiguous input; expected a view.\nHint: reshape and "
            "flatten return a view whenever they can; an extra .clone() copies every element "
            "for nothing.")


def test_leaves_inputs_unchanged(exercise, rng):
    """leaves its inputs as they were: returns new values, changes nothing in place"""
    flatten_per_sample = require_function(exercise, "flatten_per_sample")
    for args in [(torch.randn(2, 3, 4, generator=rng),)]:
        with inputs_unchanged(describe_call("flatten_per_sample", *args), **dict(zip(("x",), args))):
            flatten_per_sample(*args)
